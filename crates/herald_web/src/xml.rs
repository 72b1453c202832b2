//! Writing XML (feeds, sitemaps) by hand, safely: every text and attribute value goes through
//! [`escape`], which also drops the characters XML 1.0 cannot carry at all, so a hostile
//! headline (a stray control character, `</title>`, `]]>`) never breaks a document.

use std::fmt::Write as _;

/// Whether XML 1.0 allows `c` in a document.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// `text` escaped for XML character data and double-quoted attribute values; characters XML
/// cannot carry are left out.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// An XML document written element by element, indented one space per level.
pub(crate) struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    /// A document with its XML declaration.
    pub(crate) fn new(capacity: usize) -> Self {
        let mut out = String::with_capacity(capacity);
        out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        Self { out, depth: 0 }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push(' ');
        }
    }

    fn open_tag(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            let _ = write!(self.out, " {key}=\"{}\"", escape(value));
        }
    }

    /// `<name attributes>`, then what follows is inside it until [`Writer::close`].
    pub(crate) fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.open_tag(name, attributes);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    /// `</name>`.
    pub(crate) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        let _ = writeln!(self.out, "</{name}>");
    }

    /// `<name attributes>text</name>`, or `<name attributes/>` when `text` is empty.
    pub(crate) fn element(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.open_tag(name, attributes);
        if text.is_empty() {
            self.out.push_str("/>\n");
        } else {
            let _ = writeln!(self.out, ">{}</{name}>", escape(text));
        }
    }

    /// `<name>text</name>` with no attributes.
    pub(crate) fn text(&mut self, name: &str, text: &str) {
        self.element(name, &[], text);
    }

    /// The document.
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_carry() {
        assert_eq!(
            escape("a <b> & \"c\" 'd' ]]>\u{0}\u{8}\u{FFFE}\tok"),
            "a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; ]]&gt;\tok"
        );
        assert_eq!(escape("نتیجه‌گیری"), "نتیجه‌گیری");
    }

    #[test]
    fn writes_nested_elements() {
        let mut xml = Writer::new(0);
        xml.open("a", &[("x", "1 & 2")]);
        xml.text("b", "<c>");
        xml.element("d", &[("href", "/")], "");
        xml.close("a");
        assert_eq!(
            xml.finish(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a x=\"1 &amp; 2\">\n <b>&lt;c&gt;</b>\n <d href=\"/\"/>\n</a>\n"
        );
    }
}
