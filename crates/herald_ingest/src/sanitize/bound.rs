//! Bounds the work the HTML parser does on hostile markup, before ammonia sees it.
//!
//! html5ever's tree builder searches the stack of open elements for most tags, so a fragment
//! that opens 200 000 `<div>`s costs it time quadratic in the depth: minutes for a megabyte.
//! This pass reads the fragment with the HTML tokenizer's rules, keeps a model of that stack,
//! and drops start tags that would nest deeper than [`MAX_NESTING`] (their text stays).
//!
//! Its output is exactly what the parser then reads, written so that the parser has nothing
//! left to guess: text with every `<` escaped; tags in one canonical form; an end tag for
//! every element the model closes, innermost first, including those the markup closed
//! implicitly (`<p>a<div>` becomes `<p>a</p><div>`); the row groups and rows that the parser
//! would insert written out; end tags the parser would ignore left out. The model may
//! over-count the depth (it then drops a tag it could have kept) but must never under-count.
//! Closing formatting elements explicitly is what keeps the parser from reopening them
//! ("reconstructing the active formatting elements", which the model cannot see) in every
//! following block. Where the parser's rules are too intricate to follow (foreign content,
//! `select`, `template`, forms, buttons) the elements are removed here, with their content
//! where ammonia would remove it anyway. Formatting elements (`b`, `font`…) also lose their
//! attributes but a valid `dir`, so that the parser's list of them stays short (its "Noah's
//! Ark" clause only merges identical elements).
//!
//! Misnested formatting (`<b>a<p>b</b>c</p>`) therefore comes out nested as written rather
//! than as a browser would repair it: "c" stays bold. That is the price of a linear bound.

/// Start tags that would open an element deeper than this are dropped. Real article markup
/// nests a few dozen levels at most.
pub const MAX_NESTING: usize = 128;

/// Elements removed with everything inside them, up to their first end tag (or the end of
/// the fragment): scripts and styles, raw-text and form-control elements, embedded objects
/// and media, SVG and MathML. ammonia would drop all of their content too.
const DELETED_WITH_CONTENT: &[&str] = &[
    "applet", "audio", "button", "canvas", "datalist", "frameset", "iframe", "map", "math",
    "noembed", "noframes", "noscript", "object", "script", "select", "style", "svg", "template",
    "textarea", "title", "video", "xmp",
];

/// Elements whose tags are removed while their content stays: document structure, forms,
/// obsolete and void elements that ammonia drops anyway.
const DROPPED_TAGS: &[&str] = &[
    "area", "base", "basefont", "bgsound", "body", "col", "colgroup", "embed", "form", "frame",
    "head", "html", "input", "isindex", "keygen", "link", "marquee", "menuitem", "meta", "nobr",
    "optgroup", "option", "param", "source", "track",
];

/// Void elements: never on the stack of open elements.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "hr", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];

/// HTML's "special" elements (HTML namespace), which stop the search of most end tags.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

/// Start tags that close an open `p` first.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "ul",
];

/// Formatting elements: the parser reopens them after misnested end tags.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Boundaries of the parser's "has an element in scope" searches.
const DEFAULT_SCOPE: &[&str] = &[
    "applet", "caption", "html", "marquee", "object", "table", "td", "template", "th",
];

fn in_default_scope_boundary(name: &str) -> bool {
    DEFAULT_SCOPE.contains(&name)
}

fn in_button_scope_boundary(name: &str) -> bool {
    name == "button" || in_default_scope_boundary(name)
}

fn in_list_item_scope_boundary(name: &str) -> bool {
    matches!(name, "ol" | "ul") || in_default_scope_boundary(name)
}

fn in_table_scope_boundary(name: &str) -> bool {
    matches!(name, "html" | "table" | "template")
}

fn is_special(name: &str) -> bool {
    SPECIAL.contains(&name)
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The model of the parser's stack of open elements.
#[derive(Default)]
struct Model {
    open: Vec<String>,
    /// The most elements ever open at once.
    deepest: usize,
}

impl Model {
    /// The index of the topmost element among the first `len` that `target` accepts, unless an
    /// element that `stop` accepts comes first.
    fn find(
        &self,
        len: usize,
        target: impl Fn(&str) -> bool,
        stop: impl Fn(&str) -> bool,
    ) -> Option<usize> {
        for (i, name) in self.open[..len].iter().enumerate().rev() {
            if target(name) {
                return Some(i);
            }
            if stop(name) {
                return None;
            }
        }
        None
    }

    /// Pops elements down to `len`, adding their names to `closed`, innermost first.
    fn close_to(&mut self, len: usize, closed: &mut Vec<String>) {
        while self.open.len() > len {
            closed.extend(self.open.pop());
        }
    }

    /// Applies a start tag to the model: the elements it closes are added to `closed`,
    /// innermost first, and the elements the parser inserts before it are returned; `None`
    /// when it must be dropped (too deep, or a table part outside a table, which the parser
    /// ignores), and then nothing is closed.
    fn start(&mut self, name: &str, closed: &mut Vec<String>) -> Option<&'static [&'static str]> {
        let mut len = self.open.len();
        let mut implied: &'static [&'static str] = &[];
        // A new list item closes the open one of its kind, unless a special element other
        // than address, div and p comes first.
        let list_item = |n: &str| match name {
            "li" => n == "li",
            "dd" | "dt" => matches!(n, "dd" | "dt"),
            _ => false,
        };
        if matches!(name, "li" | "dd" | "dt")
            && let Some(i) = self.find(len, list_item, |n| {
                is_special(n) && !matches!(n, "address" | "div" | "p")
            })
        {
            len = i;
        }
        if CLOSES_P.contains(&name)
            && let Some(i) = self.find(len, |n| n == "p", in_button_scope_boundary)
        {
            len = i;
        }
        if is_heading(name) && len > 0 && is_heading(&self.open[len - 1]) {
            len -= 1;
        }
        if name == "a"
            && let Some(i) = self.find(len, |n| n == "a", is_special)
        {
            len = i;
        }
        if matches!(
            name,
            "caption" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th"
        ) {
            // The parser ignores table parts outside a table; inside one, it first clears
            // the stack back to the part the new one belongs in (closing an open caption,
            // cell, row or row group and anything inside them), then inserts the row group
            // and the row that a cell needs.
            let t = self.find(len, |n| n == "table", |n| n == "template")?;
            let group =
                t + 1 < len && matches!(self.open[t + 1].as_str(), "tbody" | "thead" | "tfoot");
            let row = group && t + 2 < len && self.open[t + 2] == "tr";
            let part: (usize, &'static [&'static str]) = match name {
                "caption" | "tbody" | "thead" | "tfoot" => (t + 1, &[]),
                "tr" if group => (t + 2, &[]),
                "tr" => (t + 1, &["tbody"]),
                _ if row => (t + 3, &[]),
                _ if group => (t + 2, &["tr"]),
                _ => (t + 1, &["tbody", "tr"]),
            };
            (len, implied) = part;
        }
        if VOID.contains(&name) {
            self.close_to(len, closed);
            return Some(&[]);
        }
        if len + implied.len() + 1 > MAX_NESTING {
            return None;
        }
        self.close_to(len, closed);
        self.open.extend(implied.iter().map(|n| (*n).to_owned()));
        self.open.push(name.to_owned());
        self.deepest = self.deepest.max(self.open.len());
        Some(implied)
    }

    /// Applies an end tag to the model: the elements it closes (itself last) are added to
    /// `closed`, innermost first; `false` when it closes nothing (the parser would ignore it).
    fn end(&mut self, name: &str, closed: &mut Vec<String>) -> bool {
        let len = self.open.len();
        let found = match name {
            "p" => self.find(len, |n| n == "p", in_button_scope_boundary),
            "li" => self.find(len, |n| n == "li", in_list_item_scope_boundary),
            "table" | "caption" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" => {
                self.find(len, |n| n == name, in_table_scope_boundary)
            }
            _ if is_heading(name) => self.find(len, is_heading, in_default_scope_boundary),
            _ if is_special(name) => self.find(len, |n| n == name, in_default_scope_boundary),
            _ => self.find(len, |n| n == name, is_special),
        };
        if let Some(i) = found {
            self.close_to(i, closed);
        }
        found.is_some()
    }
}

/// A tag as the HTML tokenizer reads it.
struct Tag<'a> {
    /// The name, ASCII-lowercased as the tokenizer does.
    name: String,
    /// Attributes: name as written, value as written (references not decoded).
    attrs: Vec<(&'a str, &'a str)>,
}

/// HTML's whitespace in tags.
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// Reads a tag from the text just after `<` or `</`; returns it with the text after its `>`,
/// or `None` when the input ends inside it (the tokenizer then drops it).
fn read_tag(s: &str) -> Option<(Tag<'_>, &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let mut tag = Tag {
        name: s[..i].to_ascii_lowercase(),
        attrs: Vec::new(),
    };
    loop {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        match b.get(i) {
            None => return None,
            Some(b'>') => return Some((tag, &s[i + 1..])),
            Some(_) => {}
        }
        // The first character belongs to the name whatever it is (even `=`).
        let start = i;
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = &s[start..i];
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            match *b.get(i)? {
                q @ (b'"' | b'\'') => {
                    let end = i + 1 + s[i + 1..].find(char::from(q))?;
                    value = &s[i + 1..end];
                    i = end + 1;
                }
                b'>' => {}
                _ => {
                    let start = i;
                    while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                    value = &s[start..i];
                }
            }
        }
        tag.attrs.push((name, value));
    }
}

/// The text after the first end tag `</name` (followed by a space, `/` or `>`), ASCII
/// case-insensitive, and that end tag; `""` if there is none.
fn skip_element<'a>(text: &'a str, name: &str) -> &'a str {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find("</").map(|i| from + i) {
        let after = &bytes[at + 2..];
        if after.len() > name.len()
            && after[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && (is_space(after[name.len()]) || matches!(after[name.len()], b'/' | b'>'))
        {
            return read_tag(&text[at + 2..]).map_or("", |(_, rest)| rest);
        }
        from = at + 2;
    }
    ""
}

/// Most attributes a written-back tag keeps; ammonia keeps at most a handful.
const MAX_ATTRIBUTES: usize = 32;

/// Writes a start tag in canonical form: lowercase name, double-quoted values.
fn write_start_tag(tag: &Tag<'_>, name: &str, out: &mut String) {
    out.push('<');
    out.push_str(name);
    let formatting = FORMATTING.contains(&name) && name != "a";
    for &(attr, value) in tag.attrs.iter().take(MAX_ATTRIBUTES) {
        let attr_ok = !attr.is_empty()
            && attr
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'));
        if !attr_ok || attr.len() > 2 && attr[..2].eq_ignore_ascii_case("on") {
            continue;
        }
        let attr = attr.to_ascii_lowercase();
        if formatting {
            // Only a valid `dir`, so that identical formatting elements stay identical.
            let dir = value.trim().to_ascii_lowercase();
            if attr == "dir" && matches!(dir.as_str(), "ltr" | "rtl" | "auto") {
                out.push_str(" dir=\"");
                out.push_str(&dir);
                out.push('"');
            }
            continue;
        }
        out.push(' ');
        out.push_str(&attr);
        out.push_str("=\"");
        out.push_str(&value.replace('"', "&quot;"));
        out.push('"');
    }
    out.push('>');
}

/// Writes end tags for elements the model closed, innermost first.
fn write_end_tags(closed: &[String], out: &mut String) {
    for name in closed {
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
}

/// Rewrites a fragment so that the parser's work on it is linear (see the module docs).
pub(crate) fn bound_nesting(html: &str) -> String {
    bound_nesting_and_depth(html).0
}

/// [`bound_nesting`], and the deepest nesting the model saw in the result.
fn bound_nesting_and_depth(html: &str) -> (String, usize) {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut model = Model::default();
    let mut closed = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let first = after.as_bytes().first().copied();
        match first {
            Some(b'!') => {
                // Comments, doctypes and CDATA: the parser keeps none of them in a fragment.
                rest = match after.strip_prefix("!--") {
                    Some(comment) if comment.starts_with('>') => &comment[1..],
                    Some(comment) if comment.starts_with("->") => &comment[2..],
                    Some(comment) => {
                        let end = [
                            comment.find("-->").map(|i| i + 3),
                            comment.find("--!>").map(|i| i + 4),
                        ]
                        .into_iter()
                        .flatten()
                        .min();
                        end.map_or("", |e| &comment[e..])
                    }
                    None => after.find('>').map_or("", |gt| &after[gt + 1..]),
                };
            }
            Some(b'?') => rest = after.find('>').map_or("", |gt| &after[gt + 1..]),
            Some(b'/') => {
                let end = &after[1..];
                match end.as_bytes().first() {
                    Some(c) if c.is_ascii_alphabetic() => {
                        let Some((tag, next)) = read_tag(end) else {
                            rest = "";
                            break;
                        };
                        rest = next;
                        let name = if tag.name == "image" {
                            "img".to_owned()
                        } else {
                            tag.name
                        };
                        if DROPPED_TAGS.contains(&name.as_str())
                            || DELETED_WITH_CONTENT.contains(&name.as_str())
                        {
                            continue;
                        }
                        closed.clear();
                        if model.end(&name, &mut closed) {
                            write_end_tags(&closed, &mut out);
                        }
                    }
                    // `</>` is nothing; `</ x>` a bogus comment; `</` at the end, text.
                    Some(b'>') => rest = &end[1..],
                    Some(_) => rest = end.find('>').map_or("", |gt| &end[gt + 1..]),
                    None => {
                        out.push_str("&lt;/");
                        rest = "";
                    }
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let Some((tag, next)) = read_tag(after) else {
                    rest = "";
                    break;
                };
                rest = next;
                let name = if tag.name == "image" {
                    "img"
                } else {
                    tag.name.as_str()
                };
                if name == "plaintext" {
                    rest = "";
                    break;
                }
                if DELETED_WITH_CONTENT.contains(&name) {
                    rest = skip_element(rest, name);
                    continue;
                }
                if DROPPED_TAGS.contains(&name) {
                    continue;
                }
                closed.clear();
                let Some(implied) = model.start(name, &mut closed) else {
                    continue;
                };
                write_end_tags(&closed, &mut out);
                for implied in implied {
                    out.push('<');
                    out.push_str(implied);
                    out.push('>');
                }
                write_start_tag(&tag, name, &mut out);
            }
            _ => {
                out.push_str("&lt;");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, model.deepest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_written_back_in_one_form() {
        assert_eq!(
            bound_nesting("<P CLASS=x title='a \"b\"' onclick=alert(1)>t</P >"),
            "<p class=\"x\" title=\"a &quot;b&quot;\">t</p>"
        );
    }

    #[test]
    fn a_less_than_sign_that_opens_no_tag_is_escaped() {
        assert_eq!(bound_nesting("1 < 2 <3"), "1 &lt; 2 &lt;3");
        // Removing a comment cannot join text into a new tag.
        assert_eq!(bound_nesting("<<!-- -->div>"), "&lt;div>");
    }

    #[test]
    fn scripts_and_foreign_content_go_with_their_content() {
        assert_eq!(
            bound_nesting("a<script>x</div>y</script >b<svg><p>c</svg>d<select><div>e</select>f"),
            "abdf"
        );
        assert_eq!(bound_nesting("a<style>never closed"), "a");
        assert_eq!(bound_nesting("a<plaintext><p>b"), "a");
    }

    #[test]
    fn formatting_elements_keep_only_a_valid_direction() {
        assert_eq!(
            bound_nesting("<b id=1 dir=RTL>x</b><font color=red dir=up>y</font>"),
            "<b dir=\"rtl\">x</b><font>y</font>"
        );
    }

    #[test]
    fn nesting_is_cut_at_the_limit() {
        let html = "<div>".repeat(1000);
        let (out, deepest) = bound_nesting_and_depth(&html);
        assert_eq!(out.matches("<div>").count(), MAX_NESTING);
        assert_eq!(deepest, MAX_NESTING);
    }

    #[test]
    fn unclosed_paragraphs_and_cells_do_not_count_as_nesting() {
        let html = "<p>a".repeat(1000);
        assert_eq!(bound_nesting(&html).matches("<p>").count(), 1000);
        let html = format!("<table>{}</table>", "<tr><td>a<td>b".repeat(1000));
        assert_eq!(bound_nesting(&html).matches("<td>").count(), 2000);
        let html = format!("<ul>{}</ul>", "<li>a".repeat(1000));
        assert_eq!(bound_nesting(&html).matches("<li>").count(), 1000);
    }

    #[test]
    fn end_tags_the_parser_would_ignore_do_not_lower_the_count() {
        // `</div>` cannot close a div outside the cell it is in, so each round nests deeper.
        let html = "<div><table><tr><td></div>".repeat(1000);
        let (out, deepest) = bound_nesting_and_depth(&html);
        assert!(deepest <= MAX_NESTING, "{}", out.len());
    }

    #[test]
    fn cut_tags_table_parts_outside_tables_and_stray_end_tags_are_dropped() {
        assert_eq!(bound_nesting("a<td>b</td><p title=\"x"), "ab");
    }
}
