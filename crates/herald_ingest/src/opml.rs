//! OPML subscription lists: how newsrooms move their list of sources between feed readers and
//! Herald (`herald source import` / `export`).
//!
//! Reading flattens the folders of an OPML file (outlines within outlines) into one list of
//! feeds, each with the folder it was in as its `category`. It goes through the crate's
//! forgiving XML reader, so entities from a DTD are never expanded and nesting is bounded, but
//! unlike a feed, a subscription list that is cut short or broken is refused: importing half a
//! list without saying so would be worse than asking for a good file.
//!
//! Writing produces OPML 2.0, with one folder per category.

use herald_domain::Language;
use url::Url;

use crate::encoding::decode;
use crate::error::{IngestError, Result};
use crate::feed::{parse_language, resolve_url};
use crate::xml::{self, Element};

/// The largest OPML document read.
pub const MAX_OPML_BYTES: usize = 16 * 1024 * 1024;

/// One subscription of an OPML list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpmlFeed {
    /// The feed's address (`xmlUrl`).
    pub xml_url: Url,
    /// Its name (`title`, else `text`).
    pub title: Option<String>,
    /// The outlet's site (`htmlUrl`).
    pub html_url: Option<Url>,
    /// The feed's language (`language`).
    pub language: Option<Language>,
    /// The folder it was in (the parent outline's text), or its own `category` attribute.
    pub category: Option<String>,
}

/// Reads an OPML document (any OPML version; attributes matched without case, as exporters
/// disagree on `xmlUrl`/`xmlurl`). Outlines without a usable `http(s)` `xmlUrl` are skipped;
/// a feed listed twice is kept once.
///
/// # Errors
///
/// [`IngestError::TooLarge`] over [`MAX_OPML_BYTES`]; [`IngestError::Parse`] for a document
/// that is not OPML, is not well-formed, or is cut short.
pub fn parse(bytes: &[u8]) -> Result<Vec<OpmlFeed>> {
    if bytes.len() > MAX_OPML_BYTES {
        return Err(IngestError::TooLarge {
            size: bytes.len(),
            limit: MAX_OPML_BYTES,
        });
    }
    let text = decode(bytes, None, None).text;
    let doc = xml::parse(&text);
    if doc.broken {
        let why = doc
            .problems
            .last()
            .cloned()
            .unwrap_or_else(|| "the document is broken".to_owned());
        return Err(IngestError::parse(format!(
            "not a well-formed OPML file: {why}"
        )));
    }
    let root = doc
        .root
        .ok_or_else(|| IngestError::parse("empty document: no OPML in it"))?;
    if !root.local.eq_ignore_ascii_case("opml") {
        return Err(IngestError::parse(format!(
            "the root element is <{}>, not <opml>",
            root.qname
        )));
    }
    let body = root
        .elements()
        .find(|e| e.local.eq_ignore_ascii_case("body"))
        .ok_or_else(|| IngestError::parse("the OPML file has no <body>"))?;
    let mut feeds = Vec::new();
    collect(body, None, &mut feeds);
    Ok(feeds)
}

/// An attribute by name, without case, trimmed, non-empty.
fn attr<'e>(element: &'e Element, name: &str) -> Option<&'e str> {
    element
        .attrs
        .iter()
        .find(|a| a.ns.is_empty() && a.local.eq_ignore_ascii_case(name))
        .map(|a| a.value.trim())
        .filter(|v| !v.is_empty())
}

/// Whitespace collapsed, `None` if nothing is left.
fn clean(text: Option<&str>) -> Option<String> {
    let text = text?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

fn collect(parent: &Element, folder: Option<&str>, feeds: &mut Vec<OpmlFeed>) {
    for outline in parent
        .elements()
        .filter(|e| e.local.eq_ignore_ascii_case("outline"))
    {
        let name = clean(attr(outline, "title").or_else(|| attr(outline, "text")));
        let label = clean(attr(outline, "text").or_else(|| attr(outline, "title")));
        if let Some(xml_url) = attr(outline, "xmlUrl").and_then(|u| resolve_url(u, None))
            && !feeds.iter().any(|f: &OpmlFeed| f.xml_url == xml_url)
        {
            let own_category = attr(outline, "category")
                .and_then(|c| c.split(',').next())
                .map(|c| c.trim().trim_matches('/'));
            // A name that is only the address (as `write` puts in `text`) is none.
            let title = name.filter(|n| n != xml_url.as_str());
            feeds.push(OpmlFeed {
                xml_url,
                title,
                html_url: attr(outline, "htmlUrl").and_then(|u| resolve_url(u, None)),
                language: attr(outline, "language").and_then(parse_language),
                category: clean(folder.or(own_category)),
            });
        }
        // Folders, and the odd feed outline with children: children take this outline's name.
        if outline.has_elements() {
            collect(outline, label.as_deref().or(folder), feeds);
        }
    }
}

/// Writes an OPML 2.0 document listing `feeds`, one folder per category in order of first
/// appearance, uncategorised feeds after the folders.
#[must_use]
pub fn write(title: &str, feeds: &[OpmlFeed]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    out.push_str("  <head>\n    <title>");
    escape(title, &mut out);
    out.push_str("</title>\n  </head>\n  <body>\n");
    let mut categories: Vec<&str> = Vec::new();
    for feed in feeds {
        if let Some(c) = feed.category.as_deref()
            && !categories.contains(&c)
        {
            categories.push(c);
        }
    }
    for category in categories {
        out.push_str("    <outline text=\"");
        escape(category, &mut out);
        out.push_str("\" title=\"");
        escape(category, &mut out);
        out.push_str("\">\n");
        for feed in feeds
            .iter()
            .filter(|f| f.category.as_deref() == Some(category))
        {
            write_feed(feed, "      ", &mut out);
        }
        out.push_str("    </outline>\n");
    }
    for feed in feeds.iter().filter(|f| f.category.is_none()) {
        write_feed(feed, "    ", &mut out);
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn write_feed(feed: &OpmlFeed, indent: &str, out: &mut String) {
    let name = feed.title.as_deref().unwrap_or(feed.xml_url.as_str());
    out.push_str(indent);
    out.push_str("<outline type=\"rss\" text=\"");
    escape(name, out);
    out.push('"');
    if let Some(title) = &feed.title {
        out.push_str(" title=\"");
        escape(title, out);
        out.push('"');
    }
    out.push_str(" xmlUrl=\"");
    escape(feed.xml_url.as_str(), out);
    out.push('"');
    if let Some(html) = &feed.html_url {
        out.push_str(" htmlUrl=\"");
        escape(html.as_str(), out);
        out.push('"');
    }
    if let Some(language) = &feed.language {
        out.push_str(" language=\"");
        escape(language.as_str(), out);
        out.push('"');
    }
    out.push_str("/>\n");
}

/// Escapes text for an XML attribute or element: markup characters, and whitespace that
/// attribute normalisation would otherwise turn into spaces. Characters XML 1.0 cannot
/// carry at all are dropped.
fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("url")
    }

    #[test]
    fn nested_outlines_are_flattened_with_their_folder() {
        let opml = br#"<?xml version="1.0"?>
            <opml version="1.0"><head><title>Subs</title></head><body>
              <outline text="World">
                <outline text="BBC" title="BBC News" type="rss" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml" htmlUrl="https://www.bbc.co.uk/news" language="en-GB"/>
                <outline text="Deep"><outline text="VnExpress" xmlurl="https://vnexpress.net/rss/tin-moi-nhat.rss"/></outline>
              </outline>
              <outline text="Loose" xmlUrl="https://example.com/feed" category="/Tech/AI,/Other"/>
              <outline text="no url"/>
              <outline text="bad" xmlUrl="javascript:alert(1)"/>
              <outline text="dup" xmlUrl="https://example.com/feed"/>
            </body></opml>"#;
        let feeds = parse(opml).expect("valid OPML");
        assert_eq!(feeds.len(), 3);
        assert_eq!(feeds[0].title.as_deref(), Some("BBC News"));
        assert_eq!(feeds[0].category.as_deref(), Some("World"));
        assert_eq!(
            feeds[0].language.as_ref().map(Language::as_str),
            Some("en-GB")
        );
        assert_eq!(
            feeds[0].html_url.as_ref().map(Url::as_str),
            Some("https://www.bbc.co.uk/news")
        );
        assert_eq!(feeds[1].category.as_deref(), Some("Deep"));
        assert_eq!(feeds[1].title.as_deref(), Some("VnExpress"));
        assert_eq!(feeds[2].category.as_deref(), Some("Tech/AI"));
    }

    #[test]
    fn writing_then_reading_gives_the_same_list() {
        let feeds = vec![
            OpmlFeed {
                xml_url: url("https://example.com/rss?a=1&b=2"),
                title: Some("Quotes \"&\" <tags> 'and' tin tức".into()),
                html_url: Some(url("https://example.com/")),
                language: Language::parse("vi").ok(),
                category: Some("Thời sự & chính trị".into()),
            },
            OpmlFeed {
                xml_url: url("https://example.org/atom"),
                title: None,
                html_url: None,
                language: None,
                category: None,
            },
            OpmlFeed {
                xml_url: url("https://example.net/feed.json"),
                title: Some("خبرها".into()),
                html_url: None,
                language: Language::parse("fa").ok(),
                category: Some("Thời sự & chính trị".into()),
            },
        ];
        let written = write("Herald <sources>", &feeds);
        assert!(written.contains("<title>Herald &lt;sources&gt;</title>"));
        let read = parse(written.as_bytes()).expect("our own OPML parses");
        let mut expected = feeds.clone();
        // Folders are written first, in order of first appearance.
        expected.swap(1, 2);
        assert_eq!(read, expected);
    }

    #[test]
    fn hostile_or_malformed_opml_is_an_error() {
        for bad in [
            &b""[..],
            b"not xml at all",
            b"<rss><channel/></rss>",
            b"<opml><head/></opml>",
            b"<opml><body><outline xmlUrl=\"https://a.example/\">",
            b"<opml><body><outline xmlUrl=\"https://a.example/\"/></body>",
            b"\xff\xfe<\x00o\x00",
        ] {
            assert!(parse(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
        let laughs =
            br#"<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <opml><body><outline text="&b;" xmlUrl="https://a.example/"/></body></opml>"#;
        let feeds = parse(laughs).expect("parses without expanding entities");
        assert_eq!(feeds[0].title.as_deref(), Some("&b;"));
        let deep = format!(
            "<opml><body>{}{}</body></opml>",
            "<outline text=\"x\">".repeat(5000),
            "</outline>".repeat(5000)
        );
        assert_eq!(
            parse(deep.as_bytes()).expect("deep nesting is cut").len(),
            0
        );
        let huge = vec![b' '; MAX_OPML_BYTES + 1];
        assert!(matches!(parse(&huge), Err(IngestError::TooLarge { .. })));
    }
}
