//! Finding an outlet's feeds from its home page, for `herald source add URL` when the URL is
//! a page rather than a feed.
//!
//! Sites announce feeds with `<link rel="alternate" type="application/rss+xml" href="…">` in
//! their `<head>`. Real pages write these in every way HTML allows — attributes in any order,
//! any case, single, double or no quotes, `rel="alternate feed"`, relative `href`s under a
//! `<base href>` — so this is a small tolerant tag scanner, not an HTML parser: it reads tags
//! and attributes, skips comments, scripts and styles, and never fails.

use herald_domain::Language;
use url::Url;

use crate::encoding::{charset_param, decode};
use crate::entities;
use crate::feed::{parse_language, resolve_url};

/// What kind of feed a `<link>` announces, from its `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedHint {
    /// `application/rss+xml` or `application/rdf+xml`.
    Rss,
    /// `application/atom+xml`.
    Atom,
    /// `application/feed+json` or `application/json`.
    JsonFeed,
}

/// A feed a page announces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveredFeed {
    /// Absolute `http(s)` URL of the feed.
    pub url: Url,
    /// The link's `title` ("RSS — Politics"), if any.
    pub title: Option<String>,
    /// The format the page says it is in (the feed itself has the last word).
    pub format: FeedHint,
    /// The link's `hreflang`, for sites with a feed per language.
    pub language: Option<Language>,
}

/// The feeds announced by `<link rel="alternate">` tags of an HTML page, in document order,
/// each once. `content_type` is the HTTP `Content-Type` (for its charset); `base` the page's
/// URL (a `<base href>` in the page takes over).
#[must_use]
pub fn feeds_in_page(html: &[u8], content_type: Option<&str>, base: &Url) -> Vec<DiscoveredFeed> {
    let text = decode_page(html, content_type, base);
    let mut base = base.clone();
    let mut base_seen = false;
    let mut found: Vec<DiscoveredFeed> = Vec::new();
    for tag in Tags::new(&text) {
        if tag.name.eq_ignore_ascii_case("base") && !base_seen {
            if let Some(href) = tag.attr("href") {
                base_seen = true;
                if let Some(url) = resolve_url(&href, Some(&base)) {
                    base = url;
                }
            }
        } else if tag.name.eq_ignore_ascii_case("link")
            && let Some(feed) = feed_link(&tag, &base)
            && !found.iter().any(|f| f.url == feed.url)
        {
            found.push(feed);
        }
    }
    found
}

/// A feed link, if this `<link>` is one.
fn feed_link(tag: &Tag<'_>, base: &Url) -> Option<DiscoveredFeed> {
    let rel = tag.attr("rel")?;
    let is_alternate = rel
        .split_ascii_whitespace()
        .any(|r| r.eq_ignore_ascii_case("alternate") || r.eq_ignore_ascii_case("feed"));
    if !is_alternate {
        return None;
    }
    let kind = tag.attr("type")?;
    let kind = kind
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let format = match kind.as_str() {
        "application/rss+xml" | "application/rdf+xml" => FeedHint::Rss,
        "application/atom+xml" => FeedHint::Atom,
        "application/feed+json" | "application/json" => FeedHint::JsonFeed,
        _ => return None,
    };
    let url = resolve_url(&tag.attr("href")?, Some(base))?;
    // WordPress announces its REST API as `alternate application/json`: not a feed.
    if format == FeedHint::JsonFeed && url.path().contains("/wp-json/") {
        return None;
    }
    let title = tag
        .attr("title")
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let language = tag.attr("hreflang").and_then(|l| parse_language(&l));
    Some(DiscoveredFeed {
        url,
        title,
        format,
        language,
    })
}

/// The page as text: BOM, then HTTP charset, then `<meta charset>` in the first kilobytes,
/// then UTF-8 or detection.
fn decode_page(html: &[u8], content_type: Option<&str>, base: &Url) -> String {
    let tld = base
        .host_str()
        .and_then(|h| h.rsplit('.').next())
        .map(str::to_owned);
    let declared = content_type.and_then(charset_param).is_some();
    let meta = if declared {
        None
    } else {
        meta_charset(&html[..html.len().min(4096)])
    };
    let synthetic = meta.map(|label| format!("text/html; charset={label}"));
    let content_type = synthetic.as_deref().or(content_type);
    decode(html, content_type, tld.as_deref()).text
}

/// The charset a page declares in `<meta charset>` or `<meta http-equiv content>`.
fn meta_charset(head: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(head);
    for tag in Tags::new(&text) {
        if !tag.name.eq_ignore_ascii_case("meta") {
            continue;
        }
        if let Some(charset) = tag.attr("charset") {
            let charset = charset.trim().to_owned();
            if !charset.is_empty() {
                return Some(charset);
            }
        }
        if let Some(content) = tag.attr("content")
            && let Some(charset) = charset_param(&content)
        {
            return Some(charset.to_owned());
        }
    }
    None
}

/// A start tag.
struct Tag<'a> {
    name: &'a str,
    attrs: Vec<(&'a str, &'a str)>,
}

impl Tag<'_> {
    /// An attribute's value, references decoded; the first of that name wins, as in HTML.
    fn attr(&self, name: &str) -> Option<String> {
        self.attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| entities::decode(v).trim().to_owned())
    }
}

/// Start tags of an HTML text, skipping comments, doctype, end tags, and the content of
/// `<script>`, `<style>` and `<textarea>`.
struct Tags<'a> {
    rest: &'a str,
}

impl<'a> Tags<'a> {
    fn new(text: &'a str) -> Self {
        Self { rest: text }
    }
}

/// Elements whose content is not markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        loop {
            let lt = self.rest.find('<')?;
            let after = &self.rest[lt + 1..];
            if let Some(comment) = after.strip_prefix("!--") {
                self.rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
                continue;
            }
            if after.starts_with(['!', '?', '/']) {
                self.rest = after.find('>').map_or("", |end| &after[end + 1..]);
                continue;
            }
            let name_len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
                .unwrap_or(after.len());
            if name_len == 0 || !after.starts_with(|c: char| c.is_ascii_alphabetic()) {
                self.rest = after;
                continue;
            }
            let name = &after[..name_len];
            let (attrs, rest) = attributes(&after[name_len..]);
            self.rest = rest;
            if RAW_TEXT.iter().any(|r| r.eq_ignore_ascii_case(name)) {
                self.rest = skip_raw_text(self.rest, name);
            }
            return Some(Tag { name, attrs });
        }
    }
}

/// Skips to after `</name>` (any case), or to the end.
fn skip_raw_text<'a>(text: &'a str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(at) = text[from..].find("</") {
        let start = from + at + 2;
        let candidate = text.get(start..start + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name)) {
            let tail = &text[start + name.len()..];
            return tail.find('>').map_or("", |end| &tail[end + 1..]);
        }
        from = start;
    }
    ""
}

/// Reads attributes up to the tag's `>`; returns them and the text after the tag.
fn attributes(mut s: &str) -> (Vec<(&str, &str)>, &str) {
    let mut attrs = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if s.is_empty() {
            return (attrs, s);
        }
        if let Some(rest) = s.strip_prefix('>') {
            return (attrs, rest);
        }
        let name_len = s
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(s.len());
        // A lone '=' or quote: skip one character so the loop always advances.
        let name_len = if name_len == 0 {
            s.chars().next().map_or(1, char::len_utf8)
        } else {
            name_len
        };
        let name = &s[..name_len];
        s = s[name_len..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let Some(after_eq) = s.strip_prefix('=') else {
            attrs.push((name, ""));
            continue;
        };
        let after_eq = after_eq.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let (value, rest) = match after_eq.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after_eq[1..];
                match body.find(q) {
                    Some(end) => (&body[..end], &body[end + 1..]),
                    None => (body, ""),
                }
            }
            _ => {
                let end = after_eq
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(after_eq.len());
                (&after_eq[..end], &after_eq[end..])
            }
        };
        attrs.push((name, value));
        s = rest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> Vec<DiscoveredFeed> {
        let base = Url::parse("https://news.example/section/index.html").expect("url");
        feeds_in_page(html.as_bytes(), Some("text/html"), &base)
    }

    #[test]
    fn finds_feed_links_in_any_attribute_order_case_and_quoting() {
        let feeds = page(
            r#"<!doctype html><html><head>
            <!-- <link rel="alternate" type="application/rss+xml" href="/commented-out"> -->
            <LINK TYPE='application/rss+xml' REL='Alternate' HREF='/rss' Title='All &amp; everything'>
            <link href=/atom.xml rel=alternate type=application/atom+xml>
            <link rel="alternate feed" type="application/feed+json" href="feed.json" hreflang="vi">
            <link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/2">
            <link rel="stylesheet" type="text/css" href="/s.css">
            <link rel="alternate" hreflang="fr" href="/fr/">
            <script>var s = '<link rel="alternate" type="application/rss+xml" href="/in-script">';</script>
            <link rel="alternate" type="application/rss+xml; charset=utf-8" href="/rss">
            </head><body></body></html>"#,
        );
        let urls: Vec<&str> = feeds.iter().map(|f| f.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://news.example/rss",
                "https://news.example/atom.xml",
                "https://news.example/section/feed.json",
            ]
        );
        assert_eq!(feeds[0].title.as_deref(), Some("All & everything"));
        assert_eq!(feeds[0].format, FeedHint::Rss);
        assert_eq!(feeds[1].format, FeedHint::Atom);
        assert_eq!(feeds[2].format, FeedHint::JsonFeed);
        assert_eq!(feeds[2].language.as_ref().map(Language::as_str), Some("vi"));
    }

    #[test]
    fn honours_base_href() {
        let feeds = page(
            r#"<head><base href="https://cdn.example/en/"><base href="/ignored/">
               <link rel="alternate" type="application/rss+xml" href="rss.xml"></head>"#,
        );
        assert_eq!(feeds[0].url.as_str(), "https://cdn.example/en/rss.xml");
    }

    #[test]
    fn decodes_titles_in_the_declared_charset() {
        let mut html = b"<meta charset=windows-1258><link rel=alternate type=application/rss+xml href=/r title=\"Tin t".to_vec();
        html.push(0xF4); // ô
        html.extend_from_slice(b"c\">");
        let base = Url::parse("https://tin.example.vn/").expect("url");
        let feeds = feeds_in_page(&html, None, &base);
        assert_eq!(feeds[0].title.as_deref(), Some("Tin tôc"));
    }

    #[test]
    fn junk_finds_nothing_and_never_panics() {
        let base = Url::parse("https://a.example/").expect("url");
        for junk in [
            "",
            "<",
            "<link",
            "<link rel=",
            "<link rel='alternate",
            "<link = = ='>",
            "<<<>>>",
            "<script>",
            "<!--",
            "<link rel=alternate type=application/rss+xml href='javascript:alert(1)'>",
            "<link rel=alternate type=application/rss+xml href='http://[::1'>",
            "<é rel=alternate>",
        ] {
            assert!(
                feeds_in_page(junk.as_bytes(), None, &base).is_empty(),
                "{junk}"
            );
        }
        let bytes: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
        let _ = feeds_in_page(&bytes, None, &base);
    }
}
