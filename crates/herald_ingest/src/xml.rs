//! A forgiving XML tree for feeds, built on `quick-xml`.
//!
//! Feeds in the wild are often not well-formed: end tags that do not match, a stray `&`,
//! undeclared namespace prefixes, a document cut short. This builder keeps going where a
//! browser would, and writes down every repair in [`Document::problems`] (feedparser's
//! "bozo"), so the caller can keep what is usable and still tell the source's editor.
//!
//! Safety against hostile input:
//! - the DTD is skipped entirely: declared entities are never expanded (no "billion laughs",
//!   no external entities); an undeclared reference stays in the text as written;
//! - nesting deeper than [`MAX_DEPTH`] is dropped (with a problem), so nothing recursive
//!   downstream — serialising, walking, dropping the tree — can exhaust the stack;
//! - the first hard syntax error stops reading; what was built until then is kept, and
//!   elements that were never closed are marked incomplete.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::entities;

/// Elements nested deeper than this are dropped. Real feeds need a dozen levels; XHTML content
/// inside Atom a few dozen at most.
pub(crate) const MAX_DEPTH: usize = 96;

/// At most this many attributes are read per element, and this many namespace declarations
/// are in scope at once: enough for any feed, and it keeps name lookups cheap on hostile input.
const MAX_ATTRIBUTES: usize = 256;
const MAX_BINDINGS: usize = 128;

/// At most this many problems are kept; a pathological document could otherwise produce one
/// per byte.
const MAX_PROBLEMS: usize = 32;

/// Namespace URIs Herald reads.
pub(crate) mod ns {
    pub(crate) const ATOM10: &str = "http://www.w3.org/2005/Atom";
    pub(crate) const ATOM03: &str = "http://purl.org/atom/ns#";
    pub(crate) const RSS10: &str = "http://purl.org/rss/1.0/";
    pub(crate) const RSS090: &str = "http://my.netscape.com/rdf/simple/0.9/";
    pub(crate) const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    pub(crate) const DC: &str = "http://purl.org/dc/elements/1.1/";
    pub(crate) const DCTERMS: &str = "http://purl.org/dc/terms/";
    pub(crate) const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
    pub(crate) const MEDIA: &str = "http://search.yahoo.com/mrss/";
    pub(crate) const XHTML: &str = "http://www.w3.org/1999/xhtml";
    pub(crate) const XML: &str = "http://www.w3.org/XML/1998/namespace";
    pub(crate) const ITUNES: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";

    /// The namespace conventionally bound to a prefix, for documents that use a prefix without
    /// declaring it.
    pub(crate) fn conventional(prefix: &str) -> Option<&'static str> {
        Some(match prefix {
            "atom" => ATOM10,
            "rdf" => RDF,
            "dc" => DC,
            "dcterms" => DCTERMS,
            "content" => CONTENT,
            "media" => MEDIA,
            "xhtml" | "html" => XHTML,
            "itunes" => ITUNES,
            _ => return None,
        })
    }

    /// Media RSS has been published with and without the trailing slash.
    pub(crate) fn canonical(uri: &str) -> &str {
        match uri {
            "http://search.yahoo.com/mrss" => MEDIA,
            "http://www.w3.org/2005/Atom/" => ATOM10,
            _ => uri,
        }
    }
}

/// An attribute, with its namespace resolved.
#[derive(Debug, Clone)]
pub(crate) struct Attr {
    /// The name as written (`xml:base`, `href`).
    pub(crate) qname: String,
    /// The local part (`base`).
    pub(crate) local: String,
    /// The namespace URI; empty for unprefixed attributes.
    pub(crate) ns: String,
    /// The value, references resolved.
    pub(crate) value: String,
}

/// A child of an element.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

/// An element.
#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    /// The name as written (`media:content`).
    pub(crate) qname: String,
    /// The local part (`content`).
    pub(crate) local: String,
    /// The namespace URI; empty for none.
    pub(crate) ns: String,
    pub(crate) attrs: Vec<Attr>,
    pub(crate) children: Vec<Node>,
    /// Whether its end tag was seen. An incomplete item is cut short and is not kept.
    pub(crate) complete: bool,
}

impl Element {
    /// An attribute's value by local name, in no namespace.
    pub(crate) fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.is_empty() && a.local == local)
            .map(|a| a.value.as_str())
    }

    /// An attribute's value by namespace and local name.
    pub(crate) fn attr_ns(&self, ns: &str, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns == ns && a.local == local)
            .map(|a| a.value.as_str())
    }

    /// Child elements.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Whether there are child elements (mixed or element content).
    pub(crate) fn has_elements(&self) -> bool {
        self.elements().next().is_some()
    }

    /// All descendant text, concatenated.
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(Node::Text(last)) = self.children.last_mut() {
            last.push_str(text);
        } else {
            self.children.push(Node::Text(text.to_owned()));
        }
    }
}

/// The tree and what had to be repaired to build it.
#[derive(Debug)]
pub(crate) struct Document {
    /// The root element, if there was one.
    pub(crate) root: Option<Element>,
    /// Repairs and oddities, in English.
    pub(crate) problems: Vec<String>,
    /// Whether reading stopped at a hard syntax error or the end came inside an element.
    pub(crate) broken: bool,
}

/// An element being built, with the namespace bindings it declared.
struct Open {
    element: Element,
    bindings: Vec<(String, String)>,
}

struct Builder {
    stack: Vec<Open>,
    root: Option<Element>,
    problems: Vec<String>,
    /// Open elements dropped for being too deep.
    skipped: usize,
    broken: bool,
    /// Namespace declarations of the open elements.
    bindings_in_scope: usize,
}

impl Builder {
    fn problem(&mut self, text: impl Into<String>) {
        if self.problems.len() < MAX_PROBLEMS {
            let text = text.into();
            if !self.problems.contains(&text) {
                self.problems.push(text);
            }
        }
    }

    fn pop(&mut self) -> Option<Open> {
        let open = self.stack.pop()?;
        self.bindings_in_scope = self.bindings_in_scope.saturating_sub(open.bindings.len());
        Some(open)
    }

    fn lookup(&self, prefix: &str) -> Option<String> {
        if prefix == "xml" {
            return Some(ns::XML.to_owned());
        }
        self.stack
            .iter()
            .rev()
            .flat_map(|o| o.bindings.iter().rev())
            .find(|(p, _)| p == prefix)
            .map(|(_, uri)| uri.clone())
    }

    fn resolve(&mut self, qname: &str, is_attr: bool) -> (String, String) {
        match qname.split_once(':') {
            Some((prefix, local)) if !prefix.is_empty() && !local.is_empty() => {
                let uri = match self.lookup(prefix) {
                    Some(uri) => uri,
                    None => {
                        self.problem(format!("undeclared namespace prefix '{prefix}'"));
                        ns::conventional(prefix).unwrap_or_default().to_owned()
                    }
                };
                (ns::canonical(&uri).to_owned(), local.to_owned())
            }
            _ if is_attr => (String::new(), qname.to_owned()),
            _ => {
                let uri = self.lookup("").unwrap_or_default();
                (ns::canonical(&uri).to_owned(), qname.to_owned())
            }
        }
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        if self.stack.len() >= MAX_DEPTH || self.skipped > 0 {
            self.skipped += 1;
            self.problem(format!(
                "elements nested deeper than {MAX_DEPTH} levels were dropped"
            ));
            return;
        }
        if self.stack.is_empty() && self.root.is_some() {
            self.problem("there is more than one root element; only the first is read");
            self.skipped += 1;
            return;
        }
        let qname = e.name().as_ref().to_owned();
        let mut raw_attrs = Vec::new();
        let mut bindings = Vec::new();
        let mut attributes = e.attributes();
        attributes.with_checks(false);
        for attr in attributes {
            let Ok(attr) = attr else {
                self.problem(format!("a malformed attribute in <{qname}> was ignored"));
                continue;
            };
            if raw_attrs.len() + bindings.len() >= MAX_ATTRIBUTES {
                self.problem(format!(
                    "attributes beyond the first {MAX_ATTRIBUTES} of an element were ignored"
                ));
                break;
            }
            let name = attr.key.as_ref().to_owned();
            let declares = name == "xmlns" || name.starts_with("xmlns:");
            if declares && self.bindings_in_scope + bindings.len() >= MAX_BINDINGS {
                self.problem(format!(
                    "namespace declarations beyond {MAX_BINDINGS} in scope were ignored"
                ));
                continue;
            }
            let value = attribute_value(&attr.value);
            if name == "xmlns" {
                bindings.push((String::new(), value));
            } else if let Some(prefix) = name.strip_prefix("xmlns:") {
                bindings.push((prefix.to_owned(), value));
            } else {
                raw_attrs.push((name, value));
            }
        }
        // Bindings apply to the element's own name and attributes.
        self.bindings_in_scope += bindings.len();
        self.stack.push(Open {
            element: Element::default(),
            bindings,
        });
        let (ns, local) = self.resolve(&qname, false);
        let mut attrs = Vec::with_capacity(raw_attrs.len());
        for (name, value) in raw_attrs {
            let (ns, local) = self.resolve(&name, true);
            attrs.push(Attr {
                qname: name,
                local,
                ns,
                value,
            });
        }
        if let Some(open) = self.stack.last_mut() {
            open.element = Element {
                qname,
                local,
                ns,
                attrs,
                children: Vec::new(),
                complete: false,
            };
        }
    }

    fn end(&mut self, name: &str) {
        if self.skipped > 0 {
            self.skipped -= 1;
            return;
        }
        let Some(at) = self.stack.iter().rposition(|o| o.element.qname == name) else {
            self.problem(format!(
                "an end tag </{name}> without a start tag was ignored"
            ));
            return;
        };
        while self.stack.len() > at + 1 {
            if let Some(open) = self.pop() {
                let unclosed = open.element.qname.clone();
                self.problem(format!("<{unclosed}> was not closed"));
                self.attach(open.element);
            }
        }
        if let Some(mut open) = self.pop() {
            open.element.complete = true;
            self.attach(open.element);
        }
    }

    fn attach(&mut self, element: Element) {
        match self.stack.last_mut() {
            Some(parent) => parent.element.children.push(Node::Element(element)),
            None => self.root = Some(element),
        }
    }

    fn text(&mut self, text: &str) {
        if self.skipped > 0 {
            return;
        }
        match self.stack.last_mut() {
            Some(open) => open.element.push_text(text),
            None => {
                if !text.trim().is_empty() {
                    self.problem("text outside the root element was ignored");
                }
            }
        }
    }

    fn finish(mut self) -> Document {
        if !self.stack.is_empty() {
            self.broken = true;
            if let Some(innermost) = self.stack.last() {
                let name = innermost.element.qname.clone();
                self.problem(format!(
                    "the document ends inside <{name}>: it was cut short"
                ));
            }
            while let Some(open) = self.pop() {
                self.attach(open.element);
            }
        }
        Document {
            root: self.root,
            problems: self.problems,
            broken: self.broken,
        }
    }
}

/// Resolves references in an attribute value and normalises its whitespace as XML does.
fn attribute_value(raw: &str) -> String {
    entities::decode(raw).replace(['\t', '\n', '\r'], " ")
}

/// Builds the tree of a (UTF-8) document. Never fails: see [`Document::broken`].
pub(crate) fn parse(text: &str) -> Document {
    let mut reader = Reader::from_str(text);
    {
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        config.trim_text(false);
    }
    let mut b = Builder {
        stack: Vec::new(),
        root: None,
        problems: Vec::new(),
        skipped: 0,
        broken: false,
        bindings_in_scope: 0,
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => b.start(&e),
            Ok(Event::End(e)) => {
                let name = e.name().as_ref().to_owned();
                b.end(&name);
            }
            Ok(Event::Empty(e)) => {
                // Not produced with `expand_empty_elements`, but harmless to handle.
                let name = e.name().as_ref().to_owned();
                b.start(&e);
                b.end(&name);
            }
            Ok(Event::Text(t)) => {
                let content = t.xml10_content();
                if content.contains('&') {
                    b.problem("a bare '&' that starts no reference was kept as text");
                }
                b.text(&content);
            }
            Ok(Event::CData(c)) => {
                let content = c.xml10_content();
                b.text(&content);
            }
            Ok(Event::GeneralRef(r)) => {
                let body: &str = &r;
                match entities::resolve(body) {
                    Some(c) => {
                        let mut buf = [0u8; 4];
                        b.text(c.encode_utf8(&mut buf));
                    }
                    None => {
                        b.problem(format!("undefined entity &{body}; was kept as text"));
                        b.text(&format!("&{body};"));
                    }
                }
            }
            Ok(Event::DocType(_)) => {
                // Deliberately ignored: entity declarations are never expanded.
            }
            Ok(Event::Decl(_) | Event::PI(_) | Event::Comment(_)) => {}
            Ok(Event::Eof) => break,
            Err(e) => {
                b.broken = true;
                b.problem(format!(
                    "XML error at byte {}: {e}",
                    reader.error_position()
                ));
                break;
            }
        }
    }
    b.finish()
}

/// Elements that have no end tag in HTML.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Serialises an element's children as HTML (for XHTML content and for feeds that put
/// unescaped markup inside `<description>`). XHTML prefixes are dropped; text is escaped.
pub(crate) fn inner_html(element: &Element) -> String {
    let mut out = String::new();
    for child in &element.children {
        write_html(child, &mut out);
    }
    out
}

fn write_html(node: &Node, out: &mut String) {
    match node {
        Node::Text(t) => escape_into(t, false, out),
        Node::Element(e) => {
            let name = if e.ns == ns::XHTML || e.ns.is_empty() {
                e.local.as_str()
            } else {
                e.qname.as_str()
            };
            out.push('<');
            out.push_str(name);
            for a in &e.attrs {
                if a.qname.starts_with("xmlns") {
                    continue;
                }
                out.push(' ');
                out.push_str(&a.qname);
                out.push_str("=\"");
                escape_into(&a.value, true, out);
                out.push('"');
            }
            out.push('>');
            if e.children.is_empty() && VOID_ELEMENTS.contains(&name) {
                return;
            }
            for child in &e.children {
                write_html(child, out);
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}

/// Escapes text for HTML: `&`, `<`, `>` and, in attributes, `"`.
pub(crate) fn escape_into(text: &str, attribute: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> (Element, Document) {
        let mut doc = parse(text);
        let root = doc.root.take().expect("a root element");
        (root, doc)
    }

    #[test]
    fn resolves_namespaces_declared_and_conventional() {
        let (rss, doc) = root(
            r#"<rss xmlns:m="http://search.yahoo.com/mrss/"><m:content url="a"/><media:thumbnail/></rss>"#,
        );
        let kids: Vec<_> = rss.elements().collect();
        assert_eq!(kids[0].ns, ns::MEDIA);
        assert_eq!(kids[0].attr("url"), Some("a"));
        assert_eq!(kids[1].ns, ns::MEDIA);
        assert_eq!(doc.problems, ["undeclared namespace prefix 'media'"]);
    }

    #[test]
    fn never_expands_entities_declared_in_the_dtd() {
        let (rss, doc) = root(
            r#"<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><rss>&b; &amp; &eacute;</rss>"#,
        );
        assert_eq!(rss.text(), "&b; & é");
        assert!(!doc.broken);
    }

    #[test]
    fn repairs_mismatched_end_tags_and_marks_what_was_cut() {
        let (rss, doc) = root("<rss><channel><item><title>a</item><item><title>b");
        let channel = rss.elements().next().expect("channel");
        let items: Vec<_> = channel.elements().collect();
        assert!(items[0].complete);
        assert!(!items[1].complete);
        assert!(doc.broken);
        assert!(doc.problems.iter().any(|p| p.contains("cut short")));
    }

    #[test]
    fn drops_nesting_deeper_than_the_limit() {
        let deep = format!("<a>{}{}</a>", "<b>".repeat(10_000), "</b>".repeat(10_000));
        let (a, doc) = root(&deep);
        assert!(a.complete);
        assert!(!doc.broken);
        assert!(doc.problems[0].contains("deeper"));
    }

    #[test]
    fn caps_attributes_and_namespace_declarations() {
        let attrs: String = (0..1000)
            .map(|i| format!(" a{i}=\"{i}\" xmlns:p{i}=\"u{i}\""))
            .collect();
        let (root, doc) = root(&format!("<rss{attrs}><p5:x/></rss>"));
        assert_eq!(root.attrs.len(), 128);
        assert_eq!(root.elements().next().map(|e| e.ns.as_str()), Some("u5"));
        assert_eq!(doc.problems.len(), 1);
    }

    #[test]
    fn serialises_xhtml_as_html() {
        let (div, _) = root(
            r#"<div xmlns="http://www.w3.org/1999/xhtml"><p class="x">a &lt; b<br/></p></div>"#,
        );
        assert_eq!(inner_html(&div), r#"<p class="x">a &lt; b<br></p>"#);
    }
}
