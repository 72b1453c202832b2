//! Article extraction: a saved or fetched news page in, the story out — its main text as
//! blocks and sanitised HTML, its figures with captions and credits, its videos, and its
//! metadata.
//!
//! Most outlets' feeds carry a summary; the story is on the page, wrapped in navigation, ads,
//! related links and cookie banners. [`extract`] keeps the story:
//!
//! - the bytes are decoded as a browser would (byte order mark, HTTP charset, `<meta>`
//!   declaration, detection), with Vietnamese windows-1258 composed to NFC (`decode.rs`);
//! - the page is cut at [`MAX_PAGE_BYTES`] and parsed by html5ever (through `scraper`, whose
//!   tree the metadata readers share); pages that look deeply nested or huge are bounded
//!   first, so that any input costs bounded time and memory (`dom.rs`);
//! - the main text is found by the heuristics of `body.rs` (boilerplate rules in
//!   `boiler.rs`, pictures and players in `media.rs`); nothing in it recurses, so deep trees
//!   cannot overflow the stack;
//! - per-source [`ExtractOverrides`] name the body and what to drop with CSS selectors, for
//!   the pages the general rules get wrong.
//!
//! The body HTML goes through [`crate::sanitize_html`] with the page's address as the base,
//! so it is as safe as any feed content. Extraction never fails: a page with no story gives
//! no blocks.

mod body;
mod boiler;
mod decode;
mod dom;
mod media;

// ---- Metadata modules (title, byline, dates, canonical URL, language, credits) ----
// Written alongside this module by the metadata work; their `mod` lines go here.
mod credit;
mod dates;
mod lang;
mod meta;
// ---- end of metadata modules ----

use std::collections::HashSet;
use std::fmt::Write as _;

use herald_domain::{Direction, Language, Timestamp};
use scraper::{Html, Selector};
use url::Url;

use crate::encoding::FeedEncoding;
use crate::sanitize_html;

pub use dom::MAX_PAGE_BYTES;

/// What kind of block a line of the main text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A paragraph.
    Paragraph,
    /// A heading inside the story, with its level as on the page (1–6).
    Heading {
        /// 1 for `h1` … 6 for `h6`.
        level: u8,
    },
    /// An item of a list (or a term or definition of a definition list).
    ListItem {
        /// Whether the list is numbered.
        ordered: bool,
    },
    /// A quotation (`blockquote`).
    Quote,
    /// A cell or row of a table.
    TableRow,
    /// Preformatted text (code, poems).
    Preformatted,
    /// A caption not attached to a figure (a table's caption).
    Caption,
    /// A figure: its images are in [`Block::images`], its caption is the text.
    Figure,
}

/// One block of the main text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Its text on one line (whitespace collapsed, NFC); a figure's caption, maybe empty.
    pub text: String,
    /// Its HTML, sanitised like [`Extracted::body_html`].
    pub html: String,
}

/// A picture of the story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedImage {
    /// Its absolute `http(s)` address (the real one, for lazy-loaded pictures).
    pub url: Url,
    /// Its text alternative.
    pub alt: Option<String>,
    /// Its caption, without the credit.
    pub caption: Option<String>,
    /// Who took or owns it ("Photo: …" in the caption).
    pub credit: Option<String>,
}

/// Per-source corrections for pages the general rules get wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtractOverrides {
    /// A CSS selector for the story's body: when it matches, the blocks are taken from every
    /// matching element (outermost only, in document order) instead of the guessed one.
    pub body: Option<String>,
    /// CSS selectors for elements to leave out wherever they are.
    pub drop: Vec<String>,
}

impl ExtractOverrides {
    /// The selectors that are not valid CSS, with the parser's complaint; extraction ignores
    /// them, so a source's settings should be checked with this when saved.
    #[must_use]
    pub fn invalid_selectors(&self) -> Vec<(String, String)> {
        self.body
            .iter()
            .chain(&self.drop)
            .filter_map(|s| Selector::parse(s).err().map(|e| (s.clone(), e.to_string())))
            .collect()
    }

    /// The overrides resolved against a parsed page.
    fn resolve(&self, html: &Html) -> body::Resolved {
        let matched = |selector: &str| -> HashSet<ego_tree::NodeId> {
            Selector::parse(selector)
                .map(|s| html.select(&s).map(|e| e.id()).collect())
                .unwrap_or_default()
        };
        body::Resolved {
            body: self.body.as_deref().map(matched).unwrap_or_default(),
            drop: self.drop.iter().flat_map(|s| matched(s)).collect(),
        }
    }
}

/// What [`extract`] found in a page.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The headline.
    pub title: Option<String>,
    /// The standfirst the page gives (its description).
    pub lead: Option<String>,
    /// The authors, joined with ", ".
    pub byline: Option<String>,
    /// When it was first published.
    pub published: Option<Timestamp>,
    /// When it was last changed.
    pub updated: Option<Timestamp>,
    /// The canonical address.
    pub canonical: Option<Url>,
    /// The outlet's name.
    pub site_name: Option<String>,
    /// The language: declared, unless the main text is plainly in another one (then detected).
    pub language: Option<Language>,
    /// The writing direction.
    pub direction: Option<Direction>,
    /// The lead picture the page names for sharing.
    pub image: Option<Url>,
    /// The main text as blocks, in reading order.
    pub blocks: Vec<Block>,
    /// The main text as one sanitised HTML fragment ([`crate::sanitize_html`], relative
    /// addresses resolved against the page's).
    pub body_html: String,
    /// The pictures of the story (figures and large images in the body).
    pub images: Vec<ExtractedImage>,
    /// Embedded videos: frames of known players, `<video>` sources.
    pub videos: Vec<Url>,
    /// How the page's bytes were decoded.
    pub encoding: FeedEncoding,
}

impl Extracted {
    /// The running text, one block per line: figures and captions are left out (their text
    /// is with the [`Extracted::images`]).
    #[must_use]
    pub fn text(&self) -> String {
        let mut out = String::new();
        for block in self.blocks.iter().filter(|b| {
            !b.text.is_empty() && !matches!(b.kind, BlockKind::Figure | BlockKind::Caption)
        }) {
            let _ = writeln!(out, "{}", block.text);
        }
        out
    }
}

/// The bytes of a saved page, inflated when they are gzip-compressed (`.html.gz`); at most
/// [`MAX_PAGE_BYTES`], since [`extract`] reads no further.
///
/// # Errors
/// When gzip data is corrupt.
pub fn saved_page(bytes: Vec<u8>) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    if !bytes.starts_with(&[0x1F, 0x8B]) {
        return Ok(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() * 4);
    flate2::read::MultiGzDecoder::new(bytes.as_slice())
        .take(MAX_PAGE_BYTES as u64)
        .read_to_end(&mut out)?;
    Ok(out)
}

/// Extracts the story from a page's bytes. `content_type` is the HTTP `Content-Type` (for
/// its charset), `url` the page's address (the base of relative links, and a hint for
/// detecting legacy encodings). Never fails and never panics; time and memory are bounded
/// by [`MAX_PAGE_BYTES`].
#[must_use]
pub fn extract(
    html: &[u8],
    content_type: Option<&str>,
    url: Option<&Url>,
    overrides: &ExtractOverrides,
) -> Extracted {
    let bytes = &html[..html.len().min(MAX_PAGE_BYTES)];
    let tld = url
        .and_then(Url::host_str)
        .and_then(|h| h.rsplit('.').next());
    let page = decode::decode_page(bytes, content_type, tld);
    let document = dom::parse(&page.text);
    let flat = dom::Dom::new(&document);
    let resolved = overrides.resolve(&document);
    let found = body::main_content(&flat, url, &resolved);
    let meta = meta::metadata(&document, url);

    let mut blocks = Vec::with_capacity(found.blocks.len());
    let mut images = Vec::new();
    let mut whole = String::new();
    let mut open: Option<&str> = None;
    for raw in found.blocks {
        let wrapper = match raw.kind {
            BlockKind::ListItem { ordered: true } => Some("ol"),
            BlockKind::ListItem { ordered: false } => Some("ul"),
            BlockKind::TableRow => Some("table"),
            _ => None,
        };
        if wrapper != open {
            close_wrapper(open, &mut whole);
            open_wrapper(wrapper, &mut whole);
            open = wrapper;
        }
        whole.push_str(&raw.html);
        let html = match wrapper {
            Some(name) => {
                let mut one = String::new();
                open_wrapper(Some(name), &mut one);
                one.push_str(&raw.html);
                close_wrapper(Some(name), &mut one);
                sanitize_html(&one, url)
            }
            None => sanitize_html(&raw.html, url),
        };
        let (caption, credit) = if raw.images.is_empty() {
            (String::new(), None)
        } else {
            credit::split_credit(&raw.text)
        };
        for image in raw.images {
            images.push(ExtractedImage {
                url: image.url,
                alt: image.alt,
                caption: (!caption.is_empty()).then(|| caption.clone()),
                credit: credit.clone(),
            });
        }
        blocks.push(Block {
            kind: raw.kind,
            text: raw.text,
            html,
        });
    }
    close_wrapper(open, &mut whole);
    let running: String = blocks
        .iter()
        .filter(|b| !matches!(b.kind, BlockKind::Figure | BlockKind::Caption))
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let language = lang::detect_language(&running, meta.language.as_ref());
    let direction = if language == meta.language {
        meta.direction
            .or_else(|| language.as_ref().map(Language::direction))
    } else {
        language.as_ref().map(Language::direction)
    };
    let mut videos = found.videos;
    videos.dedup();
    Extracted {
        title: meta.title,
        lead: meta.lead,
        byline: meta.byline,
        published: meta.published,
        updated: meta.updated,
        canonical: meta.canonical,
        site_name: meta.site_name,
        language,
        direction,
        image: meta.image,
        blocks,
        body_html: sanitize_html(&whole, url),
        images,
        videos,
        encoding: page.encoding,
    }
}

/// Opens the list or table that groups consecutive items or rows.
fn open_wrapper(wrapper: Option<&str>, out: &mut String) {
    match wrapper {
        Some("table") => out.push_str("<table><tbody>"),
        Some(name) => {
            out.push('<');
            out.push_str(name);
            out.push('>');
        }
        None => {}
    }
}

/// Closes what [`open_wrapper`] opened.
fn close_wrapper(wrapper: Option<&str>, out: &mut String) {
    match wrapper {
        Some("table") => out.push_str("</tbody></table>"),
        Some(name) => {
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        None => {}
    }
}

#[cfg(test)]
mod tests;
