//! The parsed page as flat arrays, for the extractor's passes.
//!
//! `scraper` gives a tree of nodes linked by ids; walking it again and again (once per score,
//! once per rule) is slow and tempts recursion, which a hostile page can overflow. Here the
//! tree is walked once, iteratively, into a vector in document (pre-)order where every node
//! knows its parent and where its subtree ends: a subtree is the range `i..end`, a bottom-up
//! sum is one loop backwards, a top-down rule one loop forwards.
//!
//! Before parsing, [`parse`] bounds the work html5ever does: its tree builder is quadratic in
//! the nesting depth, so a page that looks deeply nested or has a huge number of tags has its
//! body rewritten by the sanitiser's nesting pre-pass (`sanitize::bound`), which flattens
//! anything deeper than [`crate::sanitize::MAX_NESTING`]. Real pages never come near either
//! threshold; they are parsed as they are.

use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Pages are cut to this many bytes before decoding: 5 MiB, many times a long article page.
pub const MAX_PAGE_BYTES: usize = 5 * 1024 * 1024;

/// A page whose naive nesting estimate passes this has its body bounded before parsing.
const SUSPICIOUS_DEPTH: usize = 256;

/// A page with more start tags than this has its body bounded before parsing, whatever its
/// estimated depth: the estimate can be fooled (misnested formatting, ignored end tags), and
/// the parser's cost is the number of tags times the depth.
const SUSPICIOUS_TAGS: usize = 40_000;

/// What an element is, as far as the extractor cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    /// A text node.
    Text,
    /// A comment, doctype or processing instruction.
    Other,
    /// The document node.
    Document,
    A,
    Address,
    Article,
    Aside,
    Audio,
    Blockquote,
    Body,
    Br,
    Button,
    Canvas,
    Caption,
    Code,
    Dd,
    Details,
    Dialog,
    Div,
    Dl,
    Dt,
    Embed,
    Fieldset,
    Figcaption,
    Figure,
    Footer,
    Form,
    Head,
    Header,
    /// `h1`…`h6`, with the level.
    Heading(u8),
    Hr,
    Html,
    Iframe,
    Img,
    /// Emphasis, strong, sub- and superscripts and other phrasing elements kept in the HTML.
    Inline(&'static str),
    Input,
    Label,
    Li,
    Link,
    Main,
    Math,
    Menu,
    Meta,
    Nav,
    Noscript,
    Object,
    Ol,
    Option,
    P,
    Picture,
    Pre,
    Script,
    Section,
    Select,
    Source,
    Span,
    Style,
    Summary,
    Svg,
    Table,
    /// `thead`, `tbody`, `tfoot`.
    TableGroup,
    Td,
    Template,
    Textarea,
    Th,
    Time,
    Title,
    Tr,
    Ul,
    Video,
    /// Any other element.
    Unknown,
}

impl Tag {
    fn of(name: &str) -> Self {
        match name {
            "a" => Self::A,
            "address" => Self::Address,
            "article" => Self::Article,
            "aside" => Self::Aside,
            "audio" => Self::Audio,
            "blockquote" => Self::Blockquote,
            "body" => Self::Body,
            "br" => Self::Br,
            "button" => Self::Button,
            "canvas" => Self::Canvas,
            "caption" => Self::Caption,
            "code" | "kbd" | "samp" | "tt" => Self::Code,
            "dd" => Self::Dd,
            "details" => Self::Details,
            "dialog" => Self::Dialog,
            "div" | "center" | "hgroup" | "search" => Self::Div,
            "dl" => Self::Dl,
            "dt" => Self::Dt,
            "embed" => Self::Embed,
            "fieldset" => Self::Fieldset,
            "figcaption" => Self::Figcaption,
            "figure" => Self::Figure,
            "footer" => Self::Footer,
            "form" => Self::Form,
            "head" => Self::Head,
            "header" => Self::Header,
            "h1" => Self::Heading(1),
            "h2" => Self::Heading(2),
            "h3" => Self::Heading(3),
            "h4" => Self::Heading(4),
            "h5" => Self::Heading(5),
            "h6" => Self::Heading(6),
            "hr" => Self::Hr,
            "html" => Self::Html,
            "iframe" | "frame" | "frameset" => Self::Iframe,
            "img" | "image" => Self::Img,
            "b" | "strong" => Self::Inline("strong"),
            "i" | "em" => Self::Inline("em"),
            "sub" => Self::Inline("sub"),
            "sup" => Self::Inline("sup"),
            "q" => Self::Inline("q"),
            "cite" => Self::Inline("cite"),
            "abbr" => Self::Inline("abbr"),
            "mark" => Self::Inline("mark"),
            "s" | "del" | "strike" => Self::Inline("s"),
            "input" => Self::Input,
            "label" => Self::Label,
            "li" => Self::Li,
            "link" => Self::Link,
            "main" => Self::Main,
            "math" => Self::Math,
            "menu" => Self::Menu,
            "meta" => Self::Meta,
            "nav" => Self::Nav,
            "noscript" => Self::Noscript,
            "object" | "applet" => Self::Object,
            "ol" => Self::Ol,
            "option" | "optgroup" | "datalist" => Self::Option,
            "p" => Self::P,
            "picture" => Self::Picture,
            "pre" | "listing" | "xmp" | "plaintext" => Self::Pre,
            "script" => Self::Script,
            "section" => Self::Section,
            "select" => Self::Select,
            "source" => Self::Source,
            "span" | "font" => Self::Span,
            "style" => Self::Style,
            "summary" => Self::Summary,
            "svg" => Self::Svg,
            "table" => Self::Table,
            "thead" | "tbody" | "tfoot" => Self::TableGroup,
            "td" => Self::Td,
            "template" => Self::Template,
            "textarea" => Self::Textarea,
            "th" => Self::Th,
            "time" => Self::Time,
            "title" => Self::Title,
            "tr" => Self::Tr,
            "ul" => Self::Ul,
            "video" => Self::Video,
            _ => Self::Unknown,
        }
    }

    /// Whether the element starts a new block of text (a line of the output).
    pub(crate) const fn is_block(self) -> bool {
        !matches!(
            self,
            Self::Text
                | Self::Other
                | Self::A
                | Self::Code
                | Self::Inline(_)
                | Self::Span
                | Self::Time
                | Self::Img
                | Self::Picture
                | Self::Label
                | Self::Unknown
        )
    }
}

/// One node of the page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item<'a> {
    /// The node in scraper's tree.
    pub(crate) node: NodeRef<'a, Node>,
    /// What it is.
    pub(crate) tag: Tag,
    /// Its parent's index (the document node is its own parent).
    pub(crate) parent: u32,
    /// One past the last node of its subtree.
    pub(crate) end: u32,
}

/// The page in document order.
#[derive(Debug)]
pub(crate) struct Dom<'a> {
    /// Every node, in document order; index 0 is the document.
    pub(crate) items: Vec<Item<'a>>,
}

impl<'a> Dom<'a> {
    /// Flattens a parsed page, iteratively.
    pub(crate) fn new(html: &'a Html) -> Self {
        let root = html.tree.root();
        let mut items = Vec::with_capacity(html.tree.values().len());
        items.push(Item {
            node: root,
            tag: Tag::Document,
            parent: 0,
            end: 0,
        });
        // Open elements: (index, next child to visit).
        let mut stack: Vec<(u32, Option<NodeRef<'a, Node>>)> = vec![(0, root.first_child())];
        while let Some(top) = stack.last_mut() {
            let parent = top.0;
            let Some(node) = top.1 else {
                let len = u32::try_from(items.len()).unwrap_or(u32::MAX);
                items[parent as usize].end = len;
                stack.pop();
                continue;
            };
            top.1 = node.next_sibling();
            let tag = match node.value() {
                Node::Element(element) => Tag::of(element.name()),
                Node::Text(_) => Tag::Text,
                _ => Tag::Other,
            };
            let index = u32::try_from(items.len()).unwrap_or(u32::MAX);
            items.push(Item {
                node,
                tag,
                parent,
                end: index + 1,
            });
            if let Some(child) = node.first_child() {
                stack.push((index, Some(child)));
            }
        }
        Self { items }
    }

    /// The number of nodes.
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// The text of a text node, else `""`.
    pub(crate) fn text(&self, i: usize) -> &'a str {
        match self.items[i].node.value() {
            Node::Text(text) => &text.text,
            _ => "",
        }
    }

    /// The value of an attribute of an element, else `None`. Compares names without
    /// interning, which scraper's own `attr` does on every call.
    pub(crate) fn attr(&self, i: usize, name: &str) -> Option<&'a str> {
        match self.items[i].node.value() {
            Node::Element(element) => element
                .attrs
                .iter()
                .find(|(n, _)| &*n.local == name)
                .map(|(_, v)| &**v),
            _ => None,
        }
    }
}

/// Parses a decoded page, bounding the parser's work first when the page looks hostile (see
/// the module docs).
pub(crate) fn parse(html: &str) -> Html {
    if looks_hostile(html) {
        Html::parse_document(&bounded(html))
    } else {
        Html::parse_document(html)
    }
}

/// The page with its body (everything from `<body`, or all of it) rewritten by the
/// sanitiser's nesting bound. The head is kept as written when it is small and tame, so that
/// the title and metadata survive.
fn bounded(html: &str) -> String {
    let lower_find = |needle: &[u8]| {
        html.as_bytes()
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
    };
    let split = lower_find(b"<body")
        .filter(|&at| !looks_hostile(&html[..at]))
        .unwrap_or(0);
    let (head, body) = html.split_at(split);
    let mut out = String::with_capacity(html.len());
    out.push_str(head);
    out.push_str("<body>");
    out.push_str(&crate::sanitize::bound_nesting(body));
    out
}

/// Elements whose end tag may be left out, or that have none: they do not count towards the
/// naive depth estimate (a thousand unclosed `<p>`s are a flat list).
fn uncounted(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"option",
        b"optgroup",
        b"tbody",
        b"thead",
        b"tfoot",
        b"colgroup",
        b"rt",
        b"rp",
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"source",
        b"track",
        b"wbr",
        b"html",
        b"head",
        b"body",
        b"image",
        b"param",
        b"keygen",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Whether a page has so many tags, or so deep an estimated nesting, that it is parsed only
/// after bounding. The estimate keeps a stack of open element names: a start tag pushes, an
/// end tag pops down to its element when it is open (else it is ignored, as the parser would).
fn looks_hostile(html: &str) -> bool {
    let bytes = html.as_bytes();
    let mut stack: Vec<&[u8]> = Vec::new();
    let mut tags = 0usize;
    let mut at = 0usize;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + offset + 1;
        at = start;
        let closing = bytes.get(start) == Some(&b'/');
        let name_start = start + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            if bytes[name_start..].starts_with(b"!--") {
                // Skip comments, which may hold markup.
                at = find(bytes, name_start, b"-->").map_or(bytes.len(), |e| e + 3);
            }
            continue;
        }
        let name = &bytes[name_start..name_start + name_len];
        at = name_start + name_len;
        if closing {
            if let Some(open) = stack.iter().rposition(|n| n.eq_ignore_ascii_case(name)) {
                stack.truncate(open);
            }
            continue;
        }
        tags += 1;
        if tags > SUSPICIOUS_TAGS {
            return true;
        }
        // Raw text: skip to the end tag so that markup in scripts is not counted.
        for raw in [
            &b"script"[..],
            b"style",
            b"textarea",
            b"title",
            b"xmp",
            b"noscript",
        ] {
            if name.eq_ignore_ascii_case(raw) {
                let mut from = at;
                at = loop {
                    match find(bytes, from, b"</") {
                        Some(e)
                            if bytes
                                .get(e + 2..e + 2 + raw.len())
                                .is_some_and(|n| n.eq_ignore_ascii_case(raw)) =>
                        {
                            break e;
                        }
                        Some(e) => from = e + 2,
                        None => break bytes.len(),
                    }
                };
            }
        }
        if !uncounted(name) {
            stack.push(name);
            if stack.len() > SUSPICIOUS_DEPTH {
                return true;
            }
        }
    }
    false
}

/// The position of `needle` in `bytes` from `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_flattened_in_document_order_with_subtree_ranges() {
        let html = Html::parse_document("<p>a<b>b</b></p><div>c</div>");
        let dom = Dom::new(&html);
        let names: Vec<Tag> = dom.items.iter().map(|i| i.tag).collect();
        assert_eq!(
            names,
            [
                Tag::Document,
                Tag::Html,
                Tag::Head,
                Tag::Body,
                Tag::P,
                Tag::Text,
                Tag::Inline("strong"),
                Tag::Text,
                Tag::Div,
                Tag::Text
            ]
        );
        assert_eq!(dom.items[4].end, 8);
        assert_eq!(dom.items[0].end as usize, dom.len());
        assert_eq!(dom.items[7].parent, 6);
        assert_eq!(dom.text(9), "c");
    }

    #[test]
    fn ordinary_pages_do_not_look_hostile() {
        let page = format!(
            "<html><head><script>{}</script></head><body>{}</body></html>",
            "'<div>'.repeat(9);".repeat(1000),
            "<div><p>x<ul><li>a<li>b</ul></div>".repeat(2000)
        );
        assert!(!looks_hostile(&page));
    }

    #[test]
    fn deep_nesting_and_floods_of_tags_look_hostile() {
        assert!(looks_hostile(&"<div>".repeat(300)));
        assert!(looks_hostile(&"<b><i>x</b></i>".repeat(30_000)));
        assert!(!looks_hostile(&"<p>x".repeat(30_000)));
    }

    #[test]
    fn a_hostile_body_is_bounded_and_a_tame_head_kept() {
        let page = format!(
            "<html><head><title>T</title><meta name=x content=y></head><body>{}",
            "<div>".repeat(100_000)
        );
        let out = bounded(&page);
        assert!(out.starts_with("<html><head><title>T</title><meta name=x content=y></head>"));
        assert!(out.matches("<div>").count() <= crate::sanitize::MAX_NESTING);
    }
}
