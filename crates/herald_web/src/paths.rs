//! The site's URLs, built in one place so that links, redirects, canonical and `hreflang`
//! links always agree.
//!
//! Paths are built unencoded (a Persian slug stays Persian in `href`s, which HTML allows and
//! readers see); they are percent-encoded where the protocol needs ASCII: `Location` headers
//! and the absolute URLs of canonical and `hreflang` links.

use axum::http::HeaderValue;
use herald_domain::{ArticleId, Language, Slug};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use url::Url;

/// The word of the videos page, `/{lang}/videos`. Reserved like the [`ListKind`] words.
pub(crate) const VIDEOS: &str = "videos";

/// The words that start list pages under a language prefix. They are reserved: no category
/// slug may be one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListKind {
    /// `/{lang}/topic/{slug}`.
    Topic,
    /// `/{lang}/author/{slug}`.
    Author,
    /// `/{lang}/source/{slug}`.
    Source,
    /// `/{lang}/local/{place}`.
    Place,
    /// `/{lang}/tag/{slug}`.
    Tag,
}

impl ListKind {
    /// The reserved word in the path.
    pub(crate) const fn word(self) -> &'static str {
        match self {
            Self::Topic => "topic",
            Self::Author => "author",
            Self::Source => "source",
            Self::Place => "local",
            Self::Tag => "tag",
        }
    }
}

/// `/{lang}/`.
pub(crate) fn home(lang: &Language) -> String {
    format!("/{lang}/")
}

/// `/{lang}/{category}/`.
pub(crate) fn category(lang: &Language, slug: &Slug) -> String {
    format!("/{lang}/{slug}/")
}

/// `/{lang}/{slug}-{id}`.
pub(crate) fn article(lang: &Language, slug: &Slug, id: ArticleId) -> String {
    format!("/{lang}/{slug}-{id}")
}

/// `/{lang}/{word}/{slug}`.
pub(crate) fn list(lang: &Language, kind: ListKind, slug: &Slug) -> String {
    format!("/{lang}/{}/{slug}", kind.word())
}

/// The word of the search page, `/{lang}/search`. Reserved like the [`ListKind`] words.
pub(crate) const SEARCH: &str = "search";

/// `/{lang}/search`.
pub(crate) fn search(lang: &Language) -> String {
    format!("/{lang}/{SEARCH}")
}

/// `/{lang}/videos`.
pub(crate) fn videos(lang: &Language) -> String {
    format!("/{lang}/{VIDEOS}")
}

/// `path` with `?page=N` when `page` is past the first.
pub(crate) fn paged(path: &str, page: u32) -> String {
    if page > 1 {
        format!("{path}?page={page}")
    } else {
        path.to_owned()
    }
}

/// Characters a path segment of a media file must not carry as they are.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b',')
    .add(b'\\');

/// Characters of an unencoded site path that a header must carry percent-encoded (non-ASCII
/// is always encoded).
const HEADER_PATH: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`');

/// `/media/{path}` for a file under the media folder, each segment encoded.
pub(crate) fn media(path: &str) -> String {
    let mut out = String::from("/media");
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        out.push('/');
        out.extend(utf8_percent_encode(segment, SEGMENT));
    }
    out
}

/// A site path as a `Location` header value.
pub(crate) fn header_value(path: &str) -> HeaderValue {
    let encoded = utf8_percent_encode(path, HEADER_PATH).to_string();
    // Percent-encoding leaves only visible ASCII, which is always a valid header value.
    HeaderValue::from_str(&encoded).unwrap_or_else(|_| HeaderValue::from_static("/"))
}

/// The absolute URL of a site path under the public URL.
pub(crate) fn absolute(public_url: &Url, path: &str) -> String {
    public_url
        .join(path)
        .map_or_else(|_| path.to_owned(), |url| url.to_string())
}

/// The article id and slug in the last segment of an article path (`{slug}-{id}`, or a bare
/// `{id}`); `None` if the segment does not end in a positive id.
pub(crate) fn parse_article_segment(segment: &str) -> Option<(&str, ArticleId)> {
    let (slug, digits) = match segment.rsplit_once('-') {
        Some((slug, digits)) => (slug, digits),
        None => ("", segment),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let id: i64 = digits.parse().ok()?;
    (id > 0).then(|| (slug, ArticleId::new(id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language::parse(tag).unwrap()
    }

    #[test]
    fn reads_article_segments() {
        let id = |n| ArticleId::new(n);
        assert_eq!(
            parse_article_segment("hoi-nghi-2026-42"),
            Some(("hoi-nghi-2026", id(42)))
        );
        assert_eq!(parse_article_segment("42"), Some(("", id(42))));
        assert_eq!(parse_article_segment("نشست-7"), Some(("نشست", id(7))));
        for bad in ["", "hoi-nghi", "x-0", "x-1a", "x-99999999999999999999", "-"] {
            assert_eq!(parse_article_segment(bad), None, "{bad}");
        }
    }

    #[test]
    fn encodes_what_headers_cannot_carry() {
        let path = article(
            &lang("fa"),
            &Slug::parse("نشست").unwrap(),
            ArticleId::new(3),
        );
        assert_eq!(
            header_value(&path).to_str().unwrap(),
            "/fa/%D9%86%D8%B4%D8%B3%D8%AA-3"
        );
        assert_eq!(media("img/a b.jpg"), "/media/img/a%20b.jpg");
        let base = Url::parse("https://news.example/").unwrap();
        assert_eq!(absolute(&base, "/vi/"), "https://news.example/vi/");
    }
}
