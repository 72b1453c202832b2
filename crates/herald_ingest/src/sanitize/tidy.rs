//! The last pass, over ammonia's output: `h1` becomes `h2` (the page has its own `h1`), links
//! whose address was refused are unwrapped, images without a usable `src` go, images without a
//! text alternative get an empty one (`alt=""`: screen readers skip them rather than reading
//! out their file name), and elements
//! left with nothing visible inside (`<p>&nbsp;</p>`, `<p><br></p>`, a figure whose image was
//! dropped) are removed.
//!
//! ammonia writes html5ever's canonical serialisation — `<` in text escaped, every attribute
//! value double-quoted with `"` escaped — so a small scanner reads it exactly.

use url::Url;

use crate::entities;

/// Elements removed when nothing visible is left inside them. Table parts are kept: an empty
/// cell still holds its place in the grid.
const REMOVED_WHEN_EMPTY: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "blockquote",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "i",
    "ins",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "ul",
];

/// An element being written.
struct Frame {
    name: String,
    /// Where its start tag begins in the output.
    start: usize,
    /// Whether anything visible is inside it.
    visible: bool,
    /// Whether its tags are left out (a link without an address).
    unwrap: bool,
}

/// Where a tag that started after `<` ends, honouring double-quoted values.
fn tag_end(after: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, b) in after.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'>' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// Whether serialised text shows anything (no-break spaces do not count).
fn is_visible(text: &str) -> bool {
    text.split("&nbsp;").any(|part| !part.trim().is_empty())
}

/// The name the page uses for an element.
fn renamed(name: &str) -> &str {
    if name == "h1" { "h2" } else { name }
}

/// Tidies ammonia's output (see the module docs).
pub(crate) fn tidy(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        out.push_str(text);
        if is_visible(text)
            && let Some(top) = stack.last_mut()
        {
            top.visible = true;
        }
        let after = &rest[lt + 1..];
        let Some(gt) = tag_end(after) else {
            rest = "";
            break;
        };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            if stack.last().is_some_and(|top| top.name == name) {
                let Some(frame) = stack.pop() else { continue };
                let keep = if frame.unwrap {
                    frame.visible
                } else if !frame.visible && REMOVED_WHEN_EMPTY.contains(&name) {
                    out.truncate(frame.start);
                    false
                } else {
                    out.push_str("</");
                    out.push_str(renamed(name));
                    out.push('>');
                    true
                };
                if keep && let Some(top) = stack.last_mut() {
                    top.visible = true;
                }
            } else {
                out.push('<');
                out.push_str(tag);
                out.push('>');
            }
            continue;
        }
        let name_end = tag.find([' ', '/']).unwrap_or(tag.len());
        let (name, attrs) = tag.split_at(name_end);
        let visible = match name {
            "img" if !attrs.contains(" src=\"") => continue,
            "br" => false,
            "img" | "hr" | "wbr" => true,
            _ => {
                let unwrap = name == "a" && !attrs.contains(" href=\"");
                stack.push(Frame {
                    name: name.to_owned(),
                    start: out.len(),
                    visible: false,
                    unwrap,
                });
                if unwrap {
                    continue;
                }
                out.push('<');
                out.push_str(renamed(name));
                out.push_str(attrs);
                out.push('>');
                continue;
            }
        };
        out.push('<');
        out.push_str(tag);
        if name == "img" && !attrs.contains(" alt=\"") {
            out.push_str(" alt=\"\"");
        }
        out.push('>');
        if visible && let Some(top) = stack.last_mut() {
            top.visible = true;
        }
    }
    out.push_str(rest);
    out.trim().to_owned()
}

/// An `<img>` of sanitised HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HtmlImage {
    /// Its absolute address.
    pub(crate) src: Url,
    /// Its text alternative, if not empty.
    pub(crate) alt: Option<String>,
    /// Its width, if given.
    pub(crate) width: Option<u32>,
    /// Its height, if given.
    pub(crate) height: Option<u32>,
}

/// The attributes of a canonical tag's attribute text (` name="value"`…), values decoded.
pub(super) fn attributes(mut attrs: &str) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    while let Some(eq) = attrs.find("=\"") {
        let name = attrs[..eq].trim();
        let value_start = eq + 2;
        let Some(len) = attrs[value_start..].find('"') else {
            break;
        };
        out.push((
            name,
            entities::decode(&attrs[value_start..value_start + len]),
        ));
        attrs = &attrs[value_start + len + 1..];
    }
    out
}

/// The images of HTML that [`super::sanitize_html`] wrote, in document order.
pub(crate) fn images(sanitized: &str) -> Vec<HtmlImage> {
    let mut out = Vec::new();
    let mut rest = sanitized;
    while let Some(at) = rest.find("<img ") {
        let after = &rest[at + 1..];
        let Some(gt) = tag_end(after) else { break };
        let mut image = None;
        let (mut alt, mut width, mut height) = (None, None, None);
        for (name, value) in attributes(&after[3..gt]) {
            match name {
                "src" => image = Url::parse(&value).ok(),
                "alt" => alt = Some(value).filter(|a| !a.trim().is_empty()),
                "width" => width = value.parse().ok(),
                "height" => height = value.parse().ok(),
                _ => {}
            }
        }
        if let Some(src) = image {
            out.push(HtmlImage {
                src,
                alt,
                width,
                height,
            });
        }
        rest = &after[gt + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_blocks_go_and_headings_step_down() {
        assert_eq!(
            tidy(
                "<p>&nbsp;</p><h1 title=\"a>b\">T</h1><p> <br> </p><figure><figcaption></figcaption></figure><td></td>"
            ),
            "<h2 title=\"a>b\">T</h2><td></td>"
        );
    }

    #[test]
    fn links_without_an_address_are_unwrapped_and_images_without_a_source_dropped() {
        assert_eq!(
            tidy("<p><a rel=\"nofollow\">x</a><img alt=\"y\"><a href=\"https://e.com/\">z</a></p>"),
            "<p>x<a href=\"https://e.com/\">z</a></p>"
        );
    }

    #[test]
    fn images_are_read_back_with_decoded_attributes() {
        let images = images(
            "<p><img src=\"https://e.com/a.jpg?x=1&amp;y=2\" alt=\"A &amp; B\" width=\"640\"></p>",
        );
        assert_eq!(images.len(), 1);
        assert_eq!(images[0].src.as_str(), "https://e.com/a.jpg?x=1&y=2");
        assert_eq!(images[0].alt.as_deref(), Some("A & B"));
        assert_eq!(images[0].width, Some(640));
        assert_eq!(images[0].height, None);
    }
}
