//! Safe HTML fragments and interface messages with markup in them.
//!
//! Templates escape every value unless it is an [`Html`], and an `Html` is only made here, from
//! escaped pieces: a message's text is escaped as a whole, then its variables are put in as
//! markup — names isolated with `<bdi>` (a Latin name inside Persian text keeps its order),
//! links and `<time>` elements built from escaped parts.

use std::fmt;

use herald_domain::{Language, Timestamp};
use herald_i18n::{Arg, Messages};

/// A fragment of HTML that is safe to insert as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Html(String);

impl Html {
    /// Text, escaped.
    pub(crate) fn text(text: &str) -> Self {
        Self(escape(text))
    }

    /// `<bdi>text</bdi>`: text isolated from the direction of what surrounds it.
    pub(crate) fn isolated(text: &str) -> Self {
        Self(format!("<bdi>{}</bdi>", escape(text)))
    }

    /// A link around `inner`, with optional `hreflang` (the language of the page it leads
    /// to) and `rel`.
    pub(crate) fn link(
        href: &str,
        inner: &Html,
        hreflang: Option<&Language>,
        rel: Option<&str>,
    ) -> Self {
        let mut out = format!("<a href=\"{}\"", escape(href));
        if let Some(lang) = hreflang {
            out.push_str(&format!(" hreflang=\"{}\"", escape(lang.as_str())));
        }
        if let Some(rel) = rel {
            out.push_str(&format!(" rel=\"{}\"", escape(rel)));
        }
        out.push('>');
        out.push_str(&inner.0);
        out.push_str("</a>");
        Self(out)
    }

    /// HTML the caller vouches for: a rendered template, or an article body that was
    /// sanitised when it was stored.
    pub(crate) fn trusted(html: String) -> Self {
        Self(html)
    }

    /// Joins fragments with a separator that is itself escaped.
    pub(crate) fn join(parts: impl IntoIterator<Item = Html>, separator: &str) -> Self {
        let separator = escape(separator);
        let parts: Vec<String> = parts.into_iter().map(|h| h.0).collect();
        Self(parts.join(&separator))
    }

    /// The markup.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for Html {}

/// Escapes text for HTML content and double-quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A message variable for [`Text::html`].
pub(crate) enum Piece<'a> {
    /// A name or other run of text, isolated with `<bdi>`.
    Name(&'a str),
    /// Ready markup.
    Markup(Html),
}

/// The language and direction of an element whose text is not in the language of what
/// encloses it: `lang="en" dir="ltr"` on an English article inside a Persian page, and the
/// page's own on the interface parts inside that article. `dir` also isolates the element's
/// text from the direction around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LangMark {
    pub(crate) lang: String,
    pub(crate) dir: &'static str,
}

impl LangMark {
    pub(crate) fn of(language: &Language) -> Self {
        Self {
            lang: language.to_string(),
            dir: language.direction().as_str(),
        }
    }

    /// The mark for text in `text` placed inside something in `around`: none when they are
    /// the same language.
    pub(crate) fn between(text: &Language, around: &Language) -> Option<Self> {
        (text != around).then(|| Self::of(text))
    }
}

impl fmt::Display for LangMark {
    /// ` lang="…" dir="…"`, with its leading space, to write inside a start tag.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            " lang=\"{}\" dir=\"{}\"",
            escape(&self.lang),
            escape(self.dir)
        )
    }
}

impl askama::filters::HtmlSafe for LangMark {}

/// A date as a `<time>` element needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateView {
    /// RFC 3339 in the site's time zone, for `datetime`.
    pub(crate) machine: String,
    /// The date as the locale writes it.
    pub(crate) text: String,
}

impl DateView {
    /// `<time datetime="…">…</time>`.
    pub(crate) fn to_html(&self) -> Html {
        Html(format!(
            "<time datetime=\"{}\">{}</time>",
            escape(&self.machine),
            escape(&self.text)
        ))
    }
}

/// `text` as HTML with the byte ranges `marks` (a search's matches) in `<mark>`, everything
/// escaped. Ranges that overlap one before them or fall inside a character are skipped rather
/// than trusted.
pub(crate) fn marked(text: &str, marks: &[std::ops::Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + 13 * marks.len());
    let mut at = 0;
    for range in marks {
        let (Some(before), Some(word)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        if word.is_empty() {
            continue;
        }
        out.push_str(&escape(before));
        out.push_str("<mark>");
        out.push_str(&escape(word));
        out.push_str("</mark>");
        at = range.end;
    }
    out.push_str(&escape(text.get(at..).unwrap_or_default()));
    out
}

/// The interface messages of one page's locale, in the site's time zone. Templates call
/// `t.get("message-id")`; messages with variables are formatted by the page's handler.
#[derive(Clone)]
pub(crate) struct Text {
    messages: Messages,
    lang: Language,
    zone: jiff::tz::TimeZone,
    /// The content languages to take a text from when the newsroom wrote none in `lang` (alt
    /// text, captions), in order.
    content_fallbacks: Vec<Language>,
}

/// Marks the start and end of a variable inside a formatted message: private-use characters,
/// which no message contains and escaping leaves alone.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

impl Text {
    pub(crate) fn new(messages: Messages, lang: Language, zone: jiff::tz::TimeZone) -> Self {
        Self {
            messages,
            lang,
            zone,
            content_fallbacks: Vec::new(),
        }
    }

    /// The same, taking texts the newsroom wrote in no language of the page from
    /// `content_fallbacks`, in order.
    pub(crate) fn with_content_fallbacks(mut self, content_fallbacks: Vec<Language>) -> Self {
        self.content_fallbacks = content_fallbacks;
        self
    }

    /// A text in `lang`, else in the first content fallback that has one, else in any
    /// language, with its language; `None` when there is none at all.
    pub(crate) fn best<'a>(
        &self,
        texts: &'a herald_domain::Localized<String>,
        lang: &Language,
    ) -> Option<(&'a Language, &'a String)> {
        texts.best(lang, &self.content_fallbacks)
    }

    /// The locale.
    pub(crate) fn lang(&self) -> &Language {
        &self.lang
    }

    /// A whole number in the locale's digits and grouping.
    pub(crate) fn number(&self, n: i64) -> String {
        self.messages.format_number(&self.lang, n)
    }

    /// A message without variables, as text.
    pub(crate) fn get(&self, id: &str) -> String {
        self.messages.get(&self.lang, id)
    }

    /// A message with variables, as text (for `<title>` and attributes).
    pub(crate) fn format(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.messages.format(&self.lang, id, args)
    }

    /// A message with variables, as HTML: the message's own words are escaped, the variables
    /// are put in as [`Piece`]s say.
    pub(crate) fn html(&self, id: &str, args: &[(&str, Piece<'_>)]) -> Html {
        let markers: Vec<String> = (0..args.len())
            .map(|i| format!("{OPEN}{i}{CLOSE}"))
            .collect();
        let fluent_args: Vec<(&str, Arg<'_>)> = args
            .iter()
            .zip(&markers)
            .map(|((name, _), marker)| (*name, Arg::from(marker.as_str())))
            .collect();
        let mut out = escape(&self.format(id, &fluent_args));
        for ((_, piece), marker) in args.iter().zip(&markers) {
            let markup = match piece {
                Piece::Name(name) => Html::isolated(name),
                Piece::Markup(html) => html.clone(),
            };
            out = out.replace(marker.as_str(), markup.as_str());
        }
        Html(out)
    }

    /// The name of a content language in this locale ("Vietnamese" on an English page).
    pub(crate) fn language_name(&self, language: &Language) -> String {
        self.messages.language_name(&self.lang, language)
    }

    /// A language's name in itself ("Tiếng Việt").
    pub(crate) fn autonym(&self, language: &Language) -> String {
        self.messages.autonym(language)
    }

    /// The day of an instant, in the site's time zone.
    pub(crate) fn date(&self, at: Timestamp) -> DateView {
        DateView {
            machine: self.machine_time(at),
            text: self.messages.format_date(&self.lang, at, &self.zone),
        }
    }

    /// The day, hour and minute of an instant, in the site's time zone.
    pub(crate) fn date_time(&self, at: Timestamp) -> DateView {
        DateView {
            machine: self.machine_time(at),
            text: self.messages.format_date_time(&self.lang, at, &self.zone),
        }
    }

    fn machine_time(&self, at: Timestamp) -> String {
        at.to_zoned_datetime(self.zone.clone())
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    }

    /// Separator between the items of a short list (names in a byline).
    pub(crate) fn list_separator(&self) -> &'static str {
        match self.lang.primary() {
            "fa" | "ar" | "ur" | "ps" | "ckb" => "، ",
            "zh" | "ja" => "、",
            _ => ", ",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn message_pieces_are_isolated_and_escaped() {
        let messages = Messages::load(&[Language::parse("en").unwrap()]).unwrap();
        let text = Text::new(
            messages,
            Language::parse("en").unwrap(),
            jiff::tz::TimeZone::UTC,
        );
        let html = text.html("article-source", &[("source", Piece::Name("<Nhân Dân>"))]);
        assert_eq!(html.as_str(), "Source: <bdi>&lt;Nhân Dân&gt;</bdi>");
        let link = Html::link("/vi/a?b=1&c=2", &Html::text("x"), None, Some("noopener"));
        assert_eq!(
            link.as_str(),
            r#"<a href="/vi/a?b=1&amp;c=2" rel="noopener">x</a>"#
        );
    }
}
