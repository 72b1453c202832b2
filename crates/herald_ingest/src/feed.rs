//! Feeds in: RSS 0.90–0.94, 1.0 and 2.0, Atom 0.3 and 1.0, JSON Feed 1.0 and 1.1, with Media
//! RSS and enclosures, in any encoding, become a [`ParsedFeed`].
//!
//! Herald reads feeds with its own forgiving reader (on `quick-xml` and `serde_json`) rather
//! than `feed-rs`: `feed-rs` refuses `<rss>` without a version and RSS 0.93/0.94, ignores Atom
//! 0.3's namespace, decodes by the XML declaration only, keeps HTML entities such as
//! `&eacute;` as written and stops at the first well-formedness error. Feeds that outlets
//! actually publish need all of that handled.
//!
//! What [`parse_feed`] promises:
//! - it never panics, whatever the bytes (fuzzed; see `fuzz/README.md`);
//! - entities declared in a DTD are never expanded, so entity bombs cost nothing;
//! - what had to be repaired is listed in [`ParsedFeed::problems`]; only a document that
//!   yields nothing usable is an [`IngestError::Parse`] with a readable reason;
//! - text is NFC (`herald_domain::text::normalize`), one-line values are trimmed and
//!   collapsed (`normalize_line`);
//! - links and media URLs are absolute `http(s)` URLs, resolved against `xml:base`, then the
//!   document's address (`base`), then the feed's own link; item links are canonical
//!   ([`crate::normalize::canonical_url`]);
//! - summaries and contents are HTML **as the outlet wrote it, not sanitised**: the extractor
//!   sanitises it (and resolves relative URLs inside it against [`FeedItem::content_base`])
//!   before anything reaches a page;
//! - dates that cannot be read are `None`, never an error.

use herald_domain::text::{normalize, normalize_line};
use herald_domain::{Language, Timestamp};
use url::Url;

use crate::encoding::{self, FeedEncoding};
use crate::error::{IngestError, Result};
use crate::{jsonfeed, xmlfeed};

/// Documents larger than this are refused before any parsing (20 MiB; the largest real news
/// feeds are a few MiB).
pub const MAX_FEED_BYTES: usize = 20 * 1024 * 1024;

/// The syndication format a feed was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedFormat {
    /// RSS 0.90 (RDF, Netscape namespace).
    Rss090,
    /// RSS 0.91–0.94.
    Rss09x,
    /// RSS 1.0 (RDF).
    Rss10,
    /// RSS 2.0, and `<rss>` without a version.
    Rss20,
    /// Atom 0.3.
    Atom03,
    /// Atom 1.0 (RFC 4287).
    Atom10,
    /// JSON Feed 1.0.
    JsonFeed10,
    /// JSON Feed 1.1.
    JsonFeed11,
}

impl FeedFormat {
    /// A short name for logs and `herald feed`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Rss090 => "RSS 0.90",
            Self::Rss09x => "RSS 0.9x",
            Self::Rss10 => "RSS 1.0",
            Self::Rss20 => "RSS 2.0",
            Self::Atom03 => "Atom 0.3",
            Self::Atom10 => "Atom 1.0",
            Self::JsonFeed10 => "JSON Feed 1.0",
            Self::JsonFeed11 => "JSON Feed 1.1",
        }
    }
}

/// A feed as Herald understood it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFeed {
    /// Its format.
    pub format: FeedFormat,
    /// The feed's title, as plain text.
    pub title: Option<String>,
    /// The outlet's page the feed belongs to.
    pub link: Option<Url>,
    /// The feed's description or subtitle, as plain text.
    pub description: Option<String>,
    /// The feed's declared language.
    pub language: Option<Language>,
    /// The encoding it was read in and how that was decided.
    pub encoding: FeedEncoding,
    /// How long the feed may be cached before polling again (RSS `<ttl>`, in minutes there),
    /// if it says.
    pub ttl: Option<std::time::Duration>,
    /// Its items, in document order. Items cut short by a truncated document are left out.
    pub items: Vec<FeedItem>,
    /// What was wrong with the document and was repaired or ignored (feedparser's "bozo"):
    /// empty for a well-formed feed. Readable English, for the source's health page.
    pub problems: Vec<String>,
}

impl ParsedFeed {
    /// Whether the document was well-formed and needed no repair.
    #[must_use]
    pub fn is_well_formed(&self) -> bool {
        self.problems.is_empty()
    }
}

/// One item (RSS) or entry (Atom, JSON Feed).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FeedItem {
    /// The item's own identifier as given (RSS `guid`, Atom `id`, JSON Feed `id`).
    pub id: Option<String>,
    /// The article's address, absolute and canonical.
    pub link: Option<Url>,
    /// Title, as plain text.
    pub title: Option<String>,
    /// Summary or description, as HTML. **Not sanitised**: see the module docs.
    pub summary: Option<String>,
    /// Full content, as HTML (`content:encoded`, Atom `content`, `content_html`).
    /// **Not sanitised**: see the module docs.
    pub content: Option<String>,
    /// The base against which relative URLs inside `summary` and `content` resolve.
    pub content_base: Option<Url>,
    /// When it was first published.
    pub published: Option<Timestamp>,
    /// When it was last updated.
    pub updated: Option<Timestamp>,
    /// Authors' names.
    pub authors: Vec<String>,
    /// Categories, tags and subjects, as given.
    pub categories: Vec<String>,
    /// Images, videos and other attachments.
    pub media: Vec<FeedMedia>,
    /// The item's language: its own, else the feed's.
    pub language: Option<Language>,
}

/// What kind of thing a [`FeedMedia`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedMediaKind {
    /// A still image.
    Image,
    /// A video.
    Video,
    /// Audio.
    Audio,
    /// Anything else (a PDF, an unknown type).
    Other,
}

/// Where a [`FeedMedia`] was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaOrigin {
    /// RSS `<enclosure>` or Atom `<link rel="enclosure">`.
    Enclosure,
    /// Media RSS `<media:content>`.
    MediaContent,
    /// Media RSS `<media:thumbnail>` of the item.
    MediaThumbnail,
    /// JSON Feed `image` or `banner_image`.
    JsonImage,
    /// JSON Feed `attachments`.
    JsonAttachment,
}

/// An image, a video or another attachment of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedMedia {
    /// Where it is (absolute `http(s)`).
    pub url: Url,
    /// Image, video, audio or other.
    pub kind: FeedMediaKind,
    /// Where in the feed it was found.
    pub origin: MediaOrigin,
    /// MIME type, if given.
    pub mime: Option<String>,
    /// Size in bytes, if given (and not 0).
    pub size: Option<u64>,
    /// Width in pixels, if given.
    pub width: Option<u32>,
    /// Height in pixels, if given.
    pub height: Option<u32>,
    /// Length in seconds (audio, video), if given.
    pub duration_secs: Option<u32>,
    /// Title (Media RSS `media:title`, JSON Feed attachment `title`).
    pub title: Option<String>,
    /// Caption (Media RSS `media:description`), plain text.
    pub caption: Option<String>,
    /// Credit line (Media RSS `media:credit`).
    pub credit: Option<String>,
    /// A thumbnail for it.
    pub thumbnail: Option<Url>,
}

impl FeedMedia {
    /// A media entry with only a URL, kind and origin set.
    pub(crate) fn new(url: Url, kind: FeedMediaKind, origin: MediaOrigin) -> Self {
        Self {
            url,
            kind,
            origin,
            mime: None,
            size: None,
            width: None,
            height: None,
            duration_secs: None,
            title: None,
            caption: None,
            credit: None,
            thumbnail: None,
        }
    }
}

/// Parses a feed from the bytes as received.
///
/// `content_type` is the HTTP `Content-Type` (its `charset` decides the encoding when there is
/// no byte order mark); `base` is the address the feed was fetched from (relative URLs are
/// resolved against it, and its top-level domain helps guess an unlabelled legacy encoding).
///
/// # Errors
///
/// [`IngestError::TooLarge`] over [`MAX_FEED_BYTES`]; [`IngestError::UnsupportedContentType`]
/// for images, audio, video, PDF and archives; [`IngestError::Parse`] when nothing usable can
/// be read (not XML or JSON, not a feed, broken before any complete item).
pub fn parse_feed(
    bytes: &[u8],
    content_type: Option<&str>,
    base: Option<&Url>,
) -> Result<ParsedFeed> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(IngestError::TooLarge {
            size: bytes.len(),
            limit: MAX_FEED_BYTES,
        });
    }
    if let Some(content_type) = content_type
        && is_never_a_feed(content_type)
    {
        return Err(IngestError::UnsupportedContentType {
            content_type: content_type.to_owned(),
        });
    }
    let tld = base
        .and_then(Url::host_str)
        .and_then(|host| host.rsplit('.').next())
        .map(str::to_ascii_lowercase);
    let mut decoded = encoding::decode(bytes, content_type, tld.as_deref());
    if decoded.encoding.decided_by == encoding::EncodingSource::Detected {
        decoded.problems.push(format!(
            "the encoding is not declared; {} was guessed from the bytes",
            decoded.encoding.name
        ));
    }
    if let Some(mime) = content_type.map(mime_type).filter(|m| !is_feed_type(m)) {
        decoded
            .problems
            .push(format!("served as '{mime}', which is not a feed type"));
    }
    let text = decoded
        .text
        .trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    if text.is_empty() {
        return Err(IngestError::parse("the document is empty"));
    }
    let mut feed = if text.starts_with('{') {
        jsonfeed::parse(text, base)?
    } else {
        xmlfeed::parse(text, base)?
    };
    feed.encoding = decoded.encoding;
    let mut problems = decoded.problems;
    problems.append(&mut feed.problems);
    feed.problems = problems;
    Ok(feed)
}

/// The MIME type of a `Content-Type`, lowercase, without parameters.
fn mime_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether a MIME type says "feed" (any XML, RSS, Atom, RDF or JSON type).
fn is_feed_type(mime: &str) -> bool {
    ["xml", "rss", "atom", "rdf", "json"]
        .iter()
        .any(|w| mime.contains(w))
}

/// Whether a `Content-Type` can never be a feed.
fn is_never_a_feed(content_type: &str) -> bool {
    let mime = mime_type(content_type);
    let major = mime.split('/').next().unwrap_or_default();
    matches!(major, "image" | "audio" | "video" | "font")
        || matches!(
            mime.as_str(),
            "application/pdf" | "application/zip" | "application/gzip" | "application/wasm"
        )
}

/// A feed being assembled by a format module; [`parse_feed`] fills in the encoding.
pub(crate) fn empty_feed(format: FeedFormat) -> ParsedFeed {
    ParsedFeed {
        format,
        title: None,
        link: None,
        description: None,
        language: None,
        encoding: FeedEncoding {
            name: "UTF-8",
            decided_by: encoding::EncodingSource::ValidUtf8,
        },
        ttl: None,
        items: Vec::new(),
        problems: Vec::new(),
    }
}

/// A one-line value, normalised; `None` if empty.
pub(crate) fn line(text: &str) -> Option<String> {
    Some(normalize_line(text)).filter(|s| !s.is_empty())
}

/// A multi-line value (HTML), normalised and trimmed; `None` if empty.
pub(crate) fn block(text: &str) -> Option<String> {
    let text = normalize(text);
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// A language tag as feeds write them (`en-us`, `vi_VN`, `fa, en`); `None` for anything that
/// is not a tag with a two- or three-letter language (`English` is refused).
pub(crate) fn parse_language(raw: &str) -> Option<Language> {
    let tag = raw.trim().split([',', ';', ' ']).next()?.trim();
    let language = Language::parse(tag).ok()?;
    (2..=3)
        .contains(&language.primary().len())
        .then_some(language)
}

/// Resolves a URL reference against a base; only absolute `http(s)` results are kept.
pub(crate) fn resolve_url(raw: &str, base: Option<&Url>) -> Option<Url> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let url = match Url::parse(raw) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(raw).ok()?,
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// Resolves an `xml:base` (any scheme) against the current base.
pub(crate) fn resolve_base(raw: &str, base: Option<&Url>) -> Option<Url> {
    let raw = raw.trim();
    match Url::parse(raw) {
        Ok(url) => Some(url),
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(raw).ok(),
        Err(_) => None,
    }
}

/// The kind of a media object from Media RSS's `medium`, its MIME type, or its extension.
pub(crate) fn media_kind(medium: Option<&str>, mime: Option<&str>, url: &Url) -> FeedMediaKind {
    let by_word = |w: &str| match w {
        "image" => Some(FeedMediaKind::Image),
        "video" => Some(FeedMediaKind::Video),
        "audio" => Some(FeedMediaKind::Audio),
        _ => None,
    };
    if let Some(kind) = medium
        .map(str::to_ascii_lowercase)
        .and_then(|m| by_word(m.trim()))
    {
        return kind;
    }
    if let Some(kind) = mime
        .map(str::to_ascii_lowercase)
        .and_then(|m| m.split('/').next().and_then(by_word))
    {
        return kind;
    }
    let path = url.path().to_ascii_lowercase();
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "jpg" | "jpeg" | "png" | "gif" | "webp" | "avif" | "svg" | "jxl" => FeedMediaKind::Image,
        "mp4" | "m4v" | "webm" | "mov" | "m3u8" | "mpd" | "ogv" => FeedMediaKind::Video,
        "mp3" | "m4a" | "aac" | "ogg" | "oga" | "opus" | "wav" | "flac" => FeedMediaKind::Audio,
        _ => FeedMediaKind::Other,
    }
}

/// A non-negative number attribute (`length`, `width`), tolerating spaces; 0 is "not given".
pub(crate) fn positive<T: std::str::FromStr + PartialEq + Default>(raw: Option<&str>) -> Option<T> {
    raw.and_then(|s| s.trim().parse::<T>().ok())
        .filter(|v| *v != T::default())
}

/// At most this many media, authors or categories are kept per item: real items have a few,
/// and the duplicate checks below must stay cheap on hostile input.
pub(crate) const MAX_PER_ITEM: usize = 64;

/// Adds media, keeping the first entry for each URL (a Media RSS entry and an enclosure often
/// repeat each other) and merging what the later one adds.
pub(crate) fn push_media(media: &mut Vec<FeedMedia>, new: FeedMedia) {
    if media.len() >= MAX_PER_ITEM {
        return;
    }
    match media.iter_mut().find(|m| m.url == new.url) {
        Some(existing) => {
            existing.mime = existing.mime.take().or(new.mime);
            existing.size = existing.size.or(new.size);
            existing.width = existing.width.or(new.width);
            existing.height = existing.height.or(new.height);
            existing.duration_secs = existing.duration_secs.or(new.duration_secs);
            existing.title = existing.title.take().or(new.title);
            existing.caption = existing.caption.take().or(new.caption);
            existing.credit = existing.credit.take().or(new.credit);
            existing.thumbnail = existing.thumbnail.take().or(new.thumbnail);
        }
        None => media.push(new),
    }
}

/// Adds a string if it is new.
pub(crate) fn push_unique(list: &mut Vec<String>, value: Option<String>) {
    if let Some(value) = value
        && list.len() < MAX_PER_ITEM
        && !list.contains(&value)
    {
        list.push(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_read_as_feeds_write_them() {
        let tag = |s: &str| parse_language(s).map(|l| l.to_string());
        assert_eq!(tag("en-us"), Some("en-US".to_owned()));
        assert_eq!(tag("vi_VN"), Some("vi-VN".to_owned()));
        assert_eq!(tag(" fa, en"), Some("fa".to_owned()));
        assert_eq!(tag("English"), None);
        assert_eq!(tag(""), None);
    }

    #[test]
    fn only_http_urls_survive_resolution() {
        let base = Url::parse("https://example.com/feed/rss.xml").ok();
        assert_eq!(
            resolve_url("../a.html", base.as_ref()).map(|u| u.to_string()),
            Some("https://example.com/a.html".to_owned())
        );
        assert_eq!(resolve_url("javascript:alert(1)", base.as_ref()), None);
        assert_eq!(resolve_url("/a", None), None);
        assert_eq!(resolve_url("  ", base.as_ref()), None);
    }

    #[test]
    fn media_kind_comes_from_medium_then_mime_then_extension() {
        let url = Url::parse("https://example.com/a.JPG").unwrap();
        assert_eq!(
            media_kind(Some("video"), Some("image/jpeg"), &url),
            FeedMediaKind::Video
        );
        assert_eq!(
            media_kind(None, Some("audio/mpeg"), &url),
            FeedMediaKind::Audio
        );
        assert_eq!(media_kind(None, None, &url), FeedMediaKind::Image);
    }

    #[test]
    fn refuses_content_types_that_are_never_feeds() {
        assert!(matches!(
            parse_feed(b"<rss/>", Some("image/png"), None),
            Err(IngestError::UnsupportedContentType { .. })
        ));
        assert!(
            parse_feed(
                b"<rss version='2.0'><channel/></rss>",
                Some("text/html"),
                None
            )
            .is_ok()
        );
    }

    #[test]
    fn refuses_what_is_too_large_or_empty() {
        let huge = vec![b' '; MAX_FEED_BYTES + 1];
        assert!(matches!(
            parse_feed(&huge, None, None),
            Err(IngestError::TooLarge { .. })
        ));
        assert!(matches!(
            parse_feed(b"  \n", None, None),
            Err(IngestError::Parse { .. })
        ));
    }
}
