//! From a parsed feed item to an article ready to store: the last step of this crate before
//! the pipeline files it ([`crate::categorise()`]) and stores it.
//!
//! [`prepare_item`] decides, for one [`FeedItem`]:
//! - its address: canonical, tracking parameters stripped;
//! - its headline: plain text, NFC (ZWNJ kept), one line, at most [`MAX_TITLE_CHARS`]
//!   characters cut at a word (or, for unspaced scripts, a character) with "…". An item with
//!   a link but no title takes the first sentence of its text (the fetched page will bring
//!   the real headline);
//! - its lead (sapo): the first one or two sentences of the summary, or of the content's
//!   first paragraph when there is no summary, at most [`MAX_LEAD_CHARS`]; empty when there
//!   is no text or it only repeats the headline;
//! - its body: the content, else the summary, through [`sanitize_html`] with the item's
//!   `content_base` (else its link) as base;
//! - whether it is **partial**: no content, or content not longer than the summary, or
//!   shorter than [`MIN_FULL_WORDS`] words (for scripts without spaces, two characters count
//!   as a word). A partial item's page must be fetched before it is a whole article. A feed
//!   whose content repeats its summary is partial even when both are long: the feed shows no
//!   more than a summary, and fetching is what tells;
//! - its language: the item's declared language (which the feed's fills in), else the feed's,
//!   else the source's. A declaration only exists if it parsed as a tag; one that shares the
//!   source's primary language (`vi-VN` on a `vi` source) becomes the source's own tag, so
//!   stored versions use the site's tags; one whose script contradicts the text (a CMS's
//!   default `en-US` on a Persian feed: mostly non-Latin letters under a Latin-script tag, or
//!   the reverse) is ignored for the source's. Anything subtler is for language detection;
//! - dates (published, else updated), authors (trimmed, deduplicated, e-mail addresses such as
//!   `noreply@…` dropped), categories (trimmed, deduplicated);
//! - media: images and videos from enclosures, Media RSS and JSON Feed, with caption, credit
//!   and text alternative (`media:title`). The first image is the lead picture, so full-size
//!   images come before thumbnails, and pixels (1–2 px) are dropped. When the feed names no
//!   image, the first `<img>` of the summary (a teaser picture) is used; it stays in the body;
//! - its duplicate keys ([`StoryKey`]), from the prepared headline and the body's text, so
//!   that two outlets' copies of one story get near keys.

use herald_domain::text::normalize_line;
use herald_domain::{Language, Timestamp};
use url::Url;

use crate::dedupe::{StoryKey, dedupe_text};
use crate::feed::{FeedItem, FeedMedia, FeedMediaKind, MediaOrigin, ParsedFeed};
use crate::html::html_to_text;
use crate::normalize::canonical_url;
use crate::sanitize::{HtmlImage, images, sanitize_html};

/// Headlines are cut to at most this many characters.
pub const MAX_TITLE_CHARS: usize = 300;

/// Leads are cut to at most this many characters.
pub const MAX_LEAD_CHARS: usize = 400;

/// Content shorter than this many words is not a whole article.
pub const MIN_FULL_WORDS: usize = 80;

/// Headlines made from the text (items without a title) are cut shorter than real ones.
const MAX_DERIVED_TITLE_CHARS: usize = 160;

/// A feed item made ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedItem {
    /// The article's address, canonical (tracking parameters stripped).
    pub url: Option<Url>,
    /// Headline: plain text, NFC, one line, at most [`MAX_TITLE_CHARS`] characters. Empty
    /// only for an item with a link and no text at all (the page fetch will give one).
    pub title: String,
    /// Lead: the first one or two sentences, plain text, at most [`MAX_LEAD_CHARS`]
    /// characters; empty if there are none.
    pub lead: String,
    /// Body: sanitised HTML ([`sanitize_html`]) of the content, else the summary.
    pub body_html: String,
    /// Whether the feed gave less than the whole article, so its page must be fetched.
    pub partial: bool,
    /// The language of the text.
    pub language: Language,
    /// When it was first published (else when it was updated).
    pub published: Option<Timestamp>,
    /// When it was last updated.
    pub updated: Option<Timestamp>,
    /// Bylines, trimmed and deduplicated, without bare e-mail addresses.
    pub authors: Vec<String>,
    /// The feed's categories for the item, trimmed and deduplicated.
    pub categories: Vec<String>,
    /// Images; the first is the lead picture.
    pub images: Vec<PreparedMedia>,
    /// Videos.
    pub videos: Vec<PreparedMedia>,
    /// Keys that find this story again (exactly or nearly) across sources.
    pub key: StoryKey,
}

/// An image or a video of a [`PreparedItem`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedMedia {
    /// Where it is (absolute `http(s)`).
    pub url: Url,
    /// MIME type, if given.
    pub mime: Option<String>,
    /// Width in pixels, if given.
    pub width: Option<u32>,
    /// Height in pixels, if given.
    pub height: Option<u32>,
    /// Length in seconds (videos), if given.
    pub duration_secs: Option<u32>,
    /// Text alternative: Media RSS `media:title` or an attachment's title, or the `alt` of a
    /// summary's `<img>`.
    pub alt: Option<String>,
    /// Caption (Media RSS `media:description`).
    pub caption: Option<String>,
    /// Credit line (Media RSS `media:credit`).
    pub credit: Option<String>,
    /// A thumbnail or poster for it.
    pub thumbnail: Option<Url>,
    /// Where the feed had it; `None` for an `<img>` taken from the summary.
    pub origin: Option<MediaOrigin>,
}

/// Why an item is not prepared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum SkipReason {
    /// Neither a link nor a title: nothing to show and nothing to fetch.
    #[error("the item has neither a link nor a title")]
    NoLinkOrTitle,
    /// No link and no text besides the title: nothing to show and no page to fetch.
    #[error("the item has no link and no text besides its title")]
    NoText,
}

/// Prepares a feed item to be stored (see the module docs); `source_language` is the
/// language the source is configured with.
///
/// # Errors
///
/// A [`SkipReason`] when the item has nothing to show and no page to fetch.
pub fn prepare_item(
    item: &FeedItem,
    feed: &ParsedFeed,
    source_language: &Language,
) -> Result<PreparedItem, SkipReason> {
    let url = item.link.as_ref().map(canonical_url);
    let mut title = item
        .title
        .as_deref()
        .map(normalize_line)
        .unwrap_or_default();
    if url.is_none() && title.is_empty() {
        return Err(SkipReason::NoLinkOrTitle);
    }

    let summary = item.summary.as_deref().filter(|s| !s.trim().is_empty());
    let content = item.content.as_deref().filter(|c| !c.trim().is_empty());
    let summary_text = summary.map(html_to_text).unwrap_or_default();
    let content_text = content.map(html_to_text).unwrap_or_default();
    let content = content.filter(|_| !content_text.trim().is_empty());

    let base = item.content_base.as_ref().or(item.link.as_ref());
    let body_html = content
        .or(summary)
        .map(|html| sanitize_html(html, base))
        .unwrap_or_default();
    let body_text = html_to_text(&body_html);
    if url.is_none() && body_text.trim().is_empty() {
        return Err(SkipReason::NoText);
    }

    let language = item_language(item, feed, source_language, &title, &body_text);
    let partial = content.is_none() || {
        let content_words = word_count(&content_text, &language);
        content_words < MIN_FULL_WORDS || content_words <= word_count(&summary_text, &language)
    };

    let lead_source = if summary_text.trim().is_empty() {
        first_paragraph(&body_text)
    } else {
        normalize_line(&summary_text)
    };
    if title.is_empty() {
        title = truncate(first_sentences(&lead_source, 1), MAX_DERIVED_TITLE_CHARS);
    }
    let title = truncate(&title, MAX_TITLE_CHARS);
    let mut lead = lead(&lead_source);
    if dedupe_text(&lead) == dedupe_text(&title) {
        lead.clear();
    }

    let mut images: Vec<PreparedMedia> = media_of_kind(&item.media, FeedMediaKind::Image)
        .filter(|m| !is_pixel(m))
        .collect();
    // Full-size images first: the first one is the lead picture.
    images.sort_by_key(|m| m.origin == Some(MediaOrigin::MediaThumbnail));
    if images.is_empty()
        && let Some(summary) = summary
    {
        let sanitized;
        let summary_html = if content.is_some() {
            sanitized = sanitize_html(summary, base);
            &sanitized
        } else {
            &body_html
        };
        images.extend(images_in(summary_html).next());
    }
    let videos = media_of_kind(&item.media, FeedMediaKind::Video).collect();

    let key = StoryKey::new(url.clone(), &title, &body_text, Some(&language));
    Ok(PreparedItem {
        url,
        title,
        lead,
        body_html,
        partial,
        language,
        published: item.published.or(item.updated),
        updated: item.updated,
        authors: authors(&item.authors),
        categories: unique_lines(item.categories.iter().map(String::as_str)),
        images,
        videos,
        key,
    })
}

/// The item's language, as the module docs describe.
fn item_language(
    item: &FeedItem,
    feed: &ParsedFeed,
    source: &Language,
    title: &str,
    body_text: &str,
) -> Language {
    let Some(declared) = item.language.as_ref().or(feed.language.as_ref()) else {
        return source.clone();
    };
    let same_language = declared.primary() == source.primary()
        && (declared.script().is_none() || declared.script() == source.script());
    if same_language || script_contradicts(declared, title, body_text) {
        source.clone()
    } else {
        declared.clone()
    }
}

/// Whether a text's letters are mostly of the other kind (Latin or not) than the
/// language's script. Short texts contradict nothing.
fn script_contradicts(language: &Language, title: &str, body_text: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    for c in title
        .chars()
        .chain(body_text.chars())
        .filter(|c| c.is_alphabetic())
        .take(2000)
    {
        if is_latin(c) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    if latin + other < 20 {
        return false;
    }
    if language.uses_latin_script() {
        other > 3 * latin
    } else {
        latin > 3 * other
    }
}

/// Whether a letter is Latin (Basic Latin to Latin Extended Additional, and the Latin
/// presentation forms).
fn is_latin(c: char) -> bool {
    matches!(c, 'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{FB00}'..='\u{FB06}')
}

/// Primary subtags of languages written without spaces between words.
const UNSPACED_LANGUAGES: &[&str] = &["bo", "ja", "km", "lo", "my", "th", "zh"];

/// Words in a text: whitespace-separated runs holding a letter or digit, or for unspaced
/// scripts, letters and digits halved.
fn word_count(text: &str, language: &Language) -> usize {
    if UNSPACED_LANGUAGES.contains(&language.primary()) {
        text.chars().filter(|c| c.is_alphanumeric()).count() / 2
    } else {
        text.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }
}

/// The first non-empty paragraph of text from [`html_to_text`], on one line.
fn first_paragraph(text: &str) -> String {
    text.split('\n')
        .map(normalize_line)
        .find(|p| !p.is_empty())
        .unwrap_or_default()
}

/// Characters that end a sentence.
const SENTENCE_ENDS: &[char] = &['.', '!', '?', '…', '。', '！', '？', '؟', '۔', '।'];

/// Characters that end a sentence without a following space (CJK full stops).
const CLOSED_SENTENCE_ENDS: &[char] = &['。', '！', '？'];

/// Characters that may follow a sentence's end and still belong to it.
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '」', '』', '）'];

/// The byte offsets at which sentences of a one-line text end.
fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !SENTENCE_ENDS.contains(&c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, closer)) = chars
            .peek()
            .filter(|(_, n)| CLOSERS.contains(n) || SENTENCE_ENDS.contains(n))
        {
            end = j + closer.len_utf8();
            chars.next();
        }
        let next = text[end..].chars().next();
        let boundary = match next {
            None => true,
            Some(n) if n.is_whitespace() => {
                let following = text[end..].trim_start().chars().next();
                c != '.' || !is_abbreviation(&text[..i], following)
            }
            Some(_) => CLOSED_SENTENCE_ENDS.contains(&c),
        };
        if boundary {
            ends.push(end);
        }
    }
    ends
}

/// Abbreviations that take a full stop in the languages Herald ingests most (Vietnamese
/// titles and administrative units, English titles), lowercase.
const ABBREVIATIONS: &[&str] = &[
    "bs", "co", "corp", "dr", "gen", "gs", "inc", "jr", "ks", "ltd", "mr", "mrs", "ms", "no", "p",
    "pgs", "prof", "q", "sr", "st", "ths", "tp", "ts", "tt", "vs",
];

/// Whether a full stop after `before` ends an abbreviation or an initial rather than a
/// sentence: the word before it is a known abbreviation ("TP.", "Mr."), a single letter
/// ("A.") or dotted ("U.S."), or the text goes on in lower case.
fn is_abbreviation(before: &str, following: Option<char>) -> bool {
    if following.is_some_and(char::is_lowercase) {
        return true;
    }
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    word.chars().count() == 1
        || word.contains('.')
        || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// The first `n` sentences of a one-line text (all of it if it has fewer).
fn first_sentences(text: &str, n: usize) -> &str {
    sentence_ends(text)
        .get(n.saturating_sub(1))
        .map_or(text, |&end| &text[..end])
        .trim()
}

/// A lead from a one-line text: its first two sentences if they fit in [`MAX_LEAD_CHARS`],
/// else its first, cut to fit.
fn lead(text: &str) -> String {
    let two = first_sentences(text, 2);
    if two.chars().count() <= MAX_LEAD_CHARS {
        return two.to_owned();
    }
    truncate(first_sentences(text, 1), MAX_LEAD_CHARS)
}

/// A one-line text cut to at most `max` characters: at the last space in its second half,
/// else at a character, with "…" added.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut = text
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let half = text.char_indices().nth(max / 2).map_or(0, |(i, _)| i);
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space >= half => &head[..space],
        _ => head,
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    format!("{head}…")
}

/// Feed media of one kind as prepared media, in feed order.
fn media_of_kind(media: &[FeedMedia], kind: FeedMediaKind) -> impl Iterator<Item = PreparedMedia> {
    media
        .iter()
        .filter(move |m| m.kind == kind)
        .map(|m| PreparedMedia {
            url: m.url.clone(),
            mime: m.mime.clone(),
            width: m.width,
            height: m.height,
            duration_secs: m.duration_secs,
            alt: m.title.clone(),
            caption: m.caption.clone(),
            credit: m.credit.clone(),
            thumbnail: m.thumbnail.clone(),
            origin: Some(m.origin),
        })
}

/// Whether an image is a tracking pixel or spacer (1 or 2 pixels wide or high).
fn is_pixel(media: &PreparedMedia) -> bool {
    media.width.is_some_and(|w| w <= 2) || media.height.is_some_and(|h| h <= 2)
}

/// The images of sanitised HTML as prepared media.
fn images_in(html: &str) -> impl Iterator<Item = PreparedMedia> {
    images(html)
        .into_iter()
        .map(
            |HtmlImage {
                 src,
                 alt,
                 width,
                 height,
             }| PreparedMedia {
                url: src,
                mime: None,
                width,
                height,
                duration_secs: None,
                alt,
                caption: None,
                credit: None,
                thumbnail: None,
                origin: None,
            },
        )
        .filter(|m| !is_pixel(m))
}

/// Bylines: one line each, deduplicated ignoring case, bare e-mail addresses dropped.
fn authors(raw: &[String]) -> Vec<String> {
    unique_lines(
        raw.iter()
            .map(String::as_str)
            .filter(|a| !is_email(a.trim())),
    )
}

/// Whether a byline is only an e-mail address (`noreply@example.com`, `mailto:…`).
fn is_email(text: &str) -> bool {
    let text = text.strip_prefix("mailto:").unwrap_or(text);
    let text = text.trim_matches(|c| matches!(c, '<' | '>' | '(' | ')'));
    text.contains('@') && !text.contains(char::is_whitespace)
}

/// Values on one line, without empty ones and without repeats (ignoring case), first
/// spelling kept.
fn unique_lines<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for value in values.map(normalize_line).filter(|v| !v.is_empty()) {
        let folded = value.to_lowercase();
        if !seen.contains(&folded) {
            seen.push(folded);
            out.push(value);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language::parse(tag).unwrap()
    }

    #[test]
    fn sentences_end_at_terminal_punctuation_but_not_at_abbreviations() {
        let text = "Sáng 4.6, UBND TP. Hồ Chí Minh họp. Ông Nguyễn Văn A. Lê phát biểu! Cuối cùng?";
        assert_eq!(
            first_sentences(text, 1),
            "Sáng 4.6, UBND TP. Hồ Chí Minh họp."
        );
        assert_eq!(
            first_sentences(text, 2),
            "Sáng 4.6, UBND TP. Hồ Chí Minh họp. Ông Nguyễn Văn A. Lê phát biểu!"
        );
        assert_eq!(
            first_sentences("“He said so.” Then left.", 1),
            "“He said so.”"
        );
        assert_eq!(
            first_sentences("国务院召开会议。要求加快进度。", 1),
            "国务院召开会议。"
        );
        assert_eq!(first_sentences("وزیر چه گفت؟ پاسخ داد.", 1), "وزیر چه گفت؟");
        assert_eq!(first_sentences("No end", 2), "No end");
    }

    #[test]
    fn long_text_is_cut_at_a_word_with_an_ellipsis() {
        let text = "word ".repeat(100);
        let cut = truncate(text.trim(), 22);
        assert_eq!(cut, "word word word word…");
        assert!(cut.chars().count() <= 22);
        let cjk = "国".repeat(50);
        assert_eq!(truncate(&cjk, 10).chars().count(), 10);
        assert_eq!(truncate("short", 10), "short");
    }

    #[test]
    fn leads_take_two_sentences_when_they_fit() {
        assert_eq!(lead("One. Two. Three."), "One. Two.");
        let long = format!("{} end. Second.", "long ".repeat(100));
        let lead = lead(&long);
        assert!(
            lead.chars().count() <= MAX_LEAD_CHARS && lead.ends_with('…'),
            "{lead}"
        );
    }

    #[test]
    fn words_are_counted_per_script() {
        assert_eq!(word_count("Hội nghị — toàn quốc.", &lang("vi")), 4);
        assert_eq!(word_count("国务院总理今天主持会议", &lang("zh-Hans")), 5);
    }

    #[test]
    fn bylines_drop_bare_addresses_and_repeats() {
        let raw = [
            " Nguyễn  Thu Hà ".to_owned(),
            "noreply@songhong.example.vn".to_owned(),
            "nguyễn thu hà".to_owned(),
            "<toasoan@songhong.example.vn>".to_owned(),
            String::new(),
            "Trần Văn Bình".to_owned(),
        ];
        assert_eq!(authors(&raw), ["Nguyễn Thu Hà", "Trần Văn Bình"]);
    }

    #[test]
    fn a_declared_language_must_agree_with_the_text_script() {
        let persian = "وزیر نیرو امروز در نشست خبری اعلام کرد که ظرفیت نیروگاه‌های خورشیدی کشور";
        assert!(script_contradicts(&lang("en-US"), "", persian));
        assert!(!script_contradicts(&lang("fa"), "", persian));
        assert!(!script_contradicts(&lang("en"), "", "Short"));
        assert!(script_contradicts(
            &lang("fa"),
            "The minister said capacity will double",
            ""
        ));
    }
}
