//! Every page type in every interface locale Herald ships (`herald_i18n::SUPPORTED`), over a
//! newsroom with content in vi, en, fa and ar, checked for the defects of the platform that
//! inspired Herald: a message missing (shown as its id, or as an unformatted `{$variable}`), a
//! message in the wrong language (the English text of a message the locale words otherwise),
//! "No data", a related list or section heading with nothing under it, a `<time>` written in
//! other digits than the locale's (Latin digits on a Persian page), and the wrong direction.
//!
//! Text inside an element marked with another `lang` (a language switcher entry, a card or an
//! article shown in a fallback language, a subtitle track's `srclang`) is in that language on
//! purpose and is not held to the page's.

use std::collections::BTreeSet;

use herald_domain::{ArticleId, Language, Localized, TermName};
use herald_i18n::{Messages, SUPPORTED};
use herald_store::Store;

use crate::fixture::{Newsroom, lang, newsroom_with};
use crate::get;

/// One page to fetch and check.
struct Visit {
    kind: &'static str,
    path: String,
    status: u16,
}

#[tokio::test]
async fn every_page_type_in_every_locale_is_complete_and_in_its_language() {
    // The fixture's default language first, then every other locale Herald ships.
    let mut locales: Vec<&str> = vec!["vi"];
    locales.extend(SUPPORTED.iter().map(|l| l.tag).filter(|tag| *tag != "vi"));
    let nr = newsroom_with(&locales, |settings| {
        settings.content_fallbacks = vec![lang("en"), lang("vi")];
    })
    .await;
    let app = nr.router();
    let languages: Vec<Language> = locales.iter().map(|tag| lang(tag)).collect();
    let messages = Messages::load(&languages).unwrap();
    let ids = message_ids();
    assert!(ids.len() > 50, "read the message ids of en: {}", ids.len());

    let mut failures = Vec::new();
    let mut checked = 0;
    for locale in &languages {
        let rules = Rules::new(&messages, &ids, locale);
        for visit in visits(&nr, locale).await {
            let page = get(&app, &visit.path).await;
            let at = format!("{locale} {} {}", visit.kind, visit.path);
            if page.status.as_u16() != visit.status {
                failures.push(format!("{at}: status {}", page.status));
                continue;
            }
            checked += 1;
            for problem in rules.check(&page.body) {
                failures.push(format!("{at}: {problem}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems on {checked} pages:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(checked, languages.len() * 13, "every page type was checked");
}

/// The page types, in one locale: each list, the videos, an article in the locale (or in its
/// fallback where it has none), the article with a video, an article the locale surely lacks,
/// and a page that does not exist.
async fn visits(nr: &Newsroom, locale: &Language) -> Vec<Visit> {
    let store = nr.store.as_ref();
    let ids = nr.ids;
    let l = locale.as_str();
    let categories = store.list_categories().await.unwrap();
    let category_slug = |id| {
        categories
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.names.get(locale))
            .map(|n| n.slug.to_string())
            .unwrap()
    };
    let slug = |names: &Localized<TermName>| names.get(locale).unwrap().slug.to_string();
    let topic = slug(&store.topics(&[ids.tet]).await.unwrap()[0].names);
    let author = slug(&store.authors(&[ids.lan]).await.unwrap()[0].names);
    let place = slug(&store.places(&[ids.hue]).await.unwrap()[0].names);
    let tag = slug(&store.tags(&[ids.lanterns]).await.unwrap()[0].names);
    let source = store
        .source(ids.nhan_dan)
        .await
        .unwrap()
        .unwrap()
        .slugs
        .get(locale)
        .unwrap()
        .to_string();
    // An article with no version in this locale: English-only for Vietnamese, else
    // Vietnamese-only.
    let missing = if l == "vi" { ids.en_only } else { ids.vi_only };
    let visit = |kind, path: String| Visit {
        kind,
        path,
        status: 200,
    };
    vec![
        visit("home", format!("/{l}/")),
        visit("category", format!("/{l}/{}/", category_slug(ids.culture))),
        visit(
            "sub-category",
            format!("/{l}/{}/", category_slug(ids.heritage)),
        ),
        visit("topic", format!("/{l}/topic/{topic}")),
        visit("author", format!("/{l}/author/{author}")),
        visit("source", format!("/{l}/source/{source}")),
        visit("place", format!("/{l}/local/{place}")),
        visit("tag", format!("/{l}/tag/{tag}")),
        visit("videos", format!("/{l}/videos")),
        visit(
            "article",
            article_path(nr, ids.lanterns_article, locale).await,
        ),
        visit(
            "video article",
            article_path(nr, ids.video_article, locale).await,
        ),
        visit("fallback article", article_path(nr, missing, locale).await),
        Visit {
            kind: "404",
            path: format!("/{l}/no-such-page-999999"),
            status: 404,
        },
    ]
}

/// The article's page under `locale`: its version there, else its fallback's slug.
async fn article_path(nr: &Newsroom, id: ArticleId, locale: &Language) -> String {
    let versions = nr.store.versions(id).await.unwrap();
    let version = [locale.as_str(), "en", "vi"]
        .iter()
        .find_map(|tag| versions.iter().find(|v| v.language.as_str() == *tag))
        .unwrap();
    format!("/{locale}/{}-{id}", version.slug)
}

/// Every message id of the reference locale (en), read from its Fluent files.
fn message_ids() -> Vec<String> {
    let en = SUPPORTED.iter().find(|l| l.tag == "en").unwrap();
    en.files
        .iter()
        .flat_map(|file| file.source.lines())
        .filter_map(|line| {
            let (id, _) = line.split_once(" =")?;
            let id = id.trim_end();
            (id.starts_with(|c: char| c.is_ascii_lowercase())
                && id.chars().all(|c| {
                    c.is_ascii_lowercase()
                        || c.is_ascii_digit()
                        || c == '-'
                        || c.is_ascii_uppercase()
                }))
            .then(|| id.to_owned())
        })
        .collect()
}

/// What a page in one locale must not show.
struct Rules {
    locale: Language,
    /// Message ids, which a missing message would show.
    ids: Vec<String>,
    /// English texts and fragments of the messages this locale words otherwise, which must
    /// not stand as the whole of a text.
    english: BTreeSet<String>,
    /// Those of several words, which must not appear inside a text either.
    english_phrases: Vec<String>,
    /// The digits the locale writes numbers (and dates) with.
    digits: BTreeSet<char>,
}

impl Rules {
    fn new(messages: &Messages, ids: &[String], locale: &Language) -> Self {
        let en = lang("en");
        let mut english = BTreeSet::new();
        if *locale != en {
            let mut own = BTreeSet::new();
            let mut theirs = BTreeSet::new();
            for id in ids {
                let here = messages.get(locale, id);
                let there = messages.get(&en, id);
                own.extend(pieces(&here));
                if here != there {
                    theirs.extend(pieces(&there));
                }
            }
            english = theirs.difference(&own).cloned().collect();
        }
        let english_phrases = english
            .iter()
            .filter(|text| text.contains(' ') && text.chars().count() >= 6)
            .cloned()
            .collect();
        let digits = messages
            .format_number(locale, 1_234_567_890)
            .chars()
            .filter(|c| c.is_numeric())
            .collect();
        Self {
            locale: locale.clone(),
            ids: ids.to_vec(),
            english,
            english_phrases,
            digits,
        }
    }

    fn check(&self, html: &str) -> Vec<String> {
        let mut problems = Vec::new();
        let root = parse(html);
        let Some(page) = root.find(&|e| e.name == "html") else {
            return vec!["no <html> element".to_owned()];
        };
        let dir = if self.locale.direction().as_str() == "rtl" {
            "rtl"
        } else {
            "ltr"
        };
        if page.attr("lang") != Some(self.locale.as_str()) || page.attr("dir") != Some(dir) {
            problems.push(format!(
                "<html lang={:?} dir={:?}>, expected {} {dir}",
                page.attr("lang"),
                page.attr("dir"),
                self.locale
            ));
        }
        let mut texts = Vec::new();
        page.texts(self.locale.as_str(), &mut texts);
        for text in &texts {
            if text.contains("{$") || text.contains("{ $") {
                problems.push(format!("an unformatted variable: {text:?}"));
            }
            if let Some(id) = self.ids.iter().find(|id| contains_word(text, id)) {
                problems.push(format!("the message id {id:?} shown raw: {text:?}"));
            }
            if text.contains("No data") {
                problems.push(format!("\"No data\": {text:?}"));
            }
            if self.english.contains(text.as_str()) {
                problems.push(format!("English text of a message: {text:?}"));
            } else if let Some(phrase) = self
                .english_phrases
                .iter()
                .find(|phrase| contains_word(text, phrase))
            {
                problems.push(format!("English words of a message ({phrase:?}): {text:?}"));
            }
        }
        for time in page.all(&|e| e.name == "time") {
            let shown = time.text();
            if let Some(c) = shown
                .chars()
                .find(|c| c.is_numeric() && !self.digits.contains(c))
            {
                problems.push(format!(
                    "<time> in other digits than the locale's ({c:?}): {shown:?}"
                ));
            }
        }
        for empty in page.all(&|e| {
            // A form is something in it: the comments section with no comment yet has one.
            (e.name == "section" || e.has_class("cards") || e.name == "ul" || e.name == "ol")
                && e.all(&|d| {
                    (d.name == "article" && d.has_class("card"))
                        || d.name == "li"
                        || d.name == "form"
                })
                .is_empty()
        }) {
            problems.push(format!(
                "<{} class={:?}> with nothing in it",
                empty.name,
                empty.attr("class").unwrap_or_default()
            ));
        }
        problems
    }
}

/// A message's text split at its variables (which `Messages::get` leaves as `{$name}`), each
/// piece trimmed, keeping those with a letter: "More in {$category}" → "More in".
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let (piece, after) = match rest.find("{$") {
            Some(start) => {
                let end = rest[start..]
                    .find('}')
                    .map_or(rest.len(), |e| start + e + 1);
                (&rest[..start], &rest[end..])
            }
            None => (rest, ""),
        };
        for line in piece.lines() {
            let line = normalise(line);
            if line.chars().any(char::is_alphabetic) {
                out.push(line);
            }
        }
        if after.is_empty() {
            return out;
        }
        rest = after;
    }
}

/// Whitespace runs as one space, trimmed.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `needle` occurs in `text` as whole words (not inside a longer word).
fn contains_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

// --- a small HTML reader, enough for the site's own well-formed pages ---

/// An element and what it holds.
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

enum Node {
    Element(Element),
    Text(String),
}

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Attributes whose values readers see or hear.
const READ_ATTRIBUTES: &[&str] = &["alt", "title", "aria-label", "label", "placeholder"];

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == class))
    }

    /// The element's language: its own `lang` (or a track's `srclang`), else `around`.
    fn language<'a>(&'a self, around: &'a str) -> &'a str {
        self.attr("lang")
            .or_else(|| self.attr("srclang"))
            .unwrap_or(around)
    }

    /// The texts readers get in `page_lang`: text runs and read attributes (and a page
    /// description), leaving out elements in another language.
    fn texts(&self, page_lang: &str, out: &mut Vec<String>) {
        if self.language(page_lang) != page_lang {
            return;
        }
        for (name, value) in &self.attrs {
            let described = name == "content" && self.attr("name") == Some("description");
            if READ_ATTRIBUTES.contains(&name.as_str()) || described {
                let value = normalise(value);
                if !value.is_empty() {
                    out.push(value);
                }
            }
        }
        for child in &self.children {
            match child {
                Node::Element(e) => e.texts(page_lang, out),
                Node::Text(t) => {
                    let t = normalise(t);
                    if !t.is_empty() {
                        out.push(t);
                    }
                }
            }
        }
    }

    /// All the text inside, joined.
    fn text(&self) -> String {
        let mut out = String::new();
        for child in &self.children {
            match child {
                Node::Element(e) => out.push_str(&e.text()),
                Node::Text(t) => out.push_str(t),
            }
        }
        out
    }

    fn find(&self, test: &dyn Fn(&Element) -> bool) -> Option<&Element> {
        self.all(test).into_iter().next()
    }

    /// The descendants that pass `test`, in document order.
    fn all(&self, test: &dyn Fn(&Element) -> bool) -> Vec<&Element> {
        let mut found = Vec::new();
        for child in &self.children {
            if let Node::Element(e) = child {
                if test(e) {
                    found.push(e);
                }
                found.extend(e.all(test));
            }
        }
        found
    }
}

/// Reads a page into a tree under a nameless root.
fn parse(html: &str) -> Element {
    let mut stack = vec![Element {
        name: String::new(),
        attrs: Vec::new(),
        children: Vec::new(),
    }];
    let mut rest = html;
    while !rest.is_empty() {
        let Some(start) = rest.find('<') else {
            push_text(&mut stack, rest);
            break;
        };
        push_text(&mut stack, &rest[..start]);
        rest = &rest[start..];
        if let Some(after) = rest.strip_prefix("<!") {
            rest = after.split_once('>').map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("</") {
            let (name, r) = after.split_once('>').unwrap_or((after, ""));
            let name = name.trim().to_ascii_lowercase();
            rest = r;
            if let Some(open) = stack.iter().rposition(|e| e.name == name) {
                while stack.len() > open.max(1) {
                    close(&mut stack);
                }
            }
        } else {
            let (element, r, self_closing) = start_tag(&rest[1..]);
            rest = r;
            if self_closing || VOID.contains(&element.name.as_str()) {
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(Node::Element(element));
                }
            } else {
                stack.push(element);
            }
        }
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    stack.pop().unwrap()
}

fn close(stack: &mut Vec<Element>) {
    let element = stack.pop().unwrap();
    stack
        .last_mut()
        .unwrap()
        .children
        .push(Node::Element(element));
}

fn push_text(stack: &mut [Element], raw: &str) {
    if raw.is_empty() {
        return;
    }
    let text = raw
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    if let Some(parent) = stack.last_mut() {
        parent.children.push(Node::Text(text));
    }
}

/// A start tag after its `<`: the element, what follows the tag, and whether it ended `/>`.
fn start_tag(input: &str) -> (Element, &str, bool) {
    let name_end = input
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(input.len());
    let mut element = Element {
        name: input[..name_end].to_ascii_lowercase(),
        attrs: Vec::new(),
        children: Vec::new(),
    };
    let mut rest = &input[name_end..];
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("/>") {
            return (element, r, true);
        }
        if let Some(r) = rest.strip_prefix('>') {
            return (element, r, false);
        }
        if rest.is_empty() {
            return (element, rest, false);
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len())
            .max(1);
        let name = rest[..end].to_ascii_lowercase();
        rest = &rest[end..];
        let mut value = String::new();
        if let Some(r) = rest.strip_prefix('=') {
            if let Some(r) = r.strip_prefix('"') {
                let close = r.find('"').unwrap_or(r.len());
                value = r[..close].to_owned();
                rest = r.get(close + 1..).unwrap_or("");
            } else {
                let close = r
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(r.len());
                value = r[..close].to_owned();
                rest = &r[close..];
            }
        }
        let value = value
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        element.attrs.push((name, value));
    }
}

#[test]
fn the_page_reader_keeps_elements_in_other_languages_apart() {
    let root = parse(
        "<!DOCTYPE html><html lang=\"fa\"><p>سلام <a href=\"/x?a=1&amp;b=2\" lang=\"en\">English</a></p>\
         <img src=x alt=\"تصویر\"><ul class=\"terms\"></ul><time>۱۴۰۵</time></html>",
    );
    let html = root.find(&|e| e.name == "html").unwrap();
    let mut texts = Vec::new();
    html.texts("fa", &mut texts);
    assert_eq!(texts, ["سلام", "تصویر", "۱۴۰۵"]);
    assert_eq!(html.all(&|e| e.name == "ul").len(), 1);
    assert_eq!(
        html.find(&|e| e.name == "a").unwrap().attr("href"),
        Some("/x?a=1&b=2")
    );
    assert_eq!(pieces("More in {$category}"), ["More in"]);
    assert_eq!(pieces("{$place}, {$date}"), Vec::<String>::new());
    assert!(contains_word("Read More in Culture", "More in"));
    assert!(!contains_word("Evermore in", "More in"));
}
