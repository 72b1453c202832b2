//! Just enough HTML handling for feeds: turning a fragment into plain text (for titles and for
//! dedupe) and plain text into a fragment. This is not a sanitiser: feed HTML stays as the
//! outlet wrote it until the extractor sanitises it.

use crate::entities;
use crate::xml::escape_into;

/// Elements whose content is never text a reader sees.
const HIDDEN: &[&str] = &["script", "style", "template", "noscript", "head", "title"];

/// Elements that separate blocks of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
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
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// The text of an HTML fragment: tags dropped, comments and scripts removed, references
/// decoded, a line break between blocks. Works on broken markup (a `<` that opens no tag is
/// kept as text).
#[must_use]
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&entities::decode(&rest[..lt]));
        let after = &rest[lt + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        if !is_tag {
            out.push('<');
            rest = after;
            continue;
        }
        let Some(gt) = tag_end(after) else {
            // An unterminated tag swallows the rest, as in HTML.
            rest = "";
            break;
        };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !tag.starts_with('/') && HIDDEN.contains(&name.as_str()) {
            rest = skip_past_end_tag(rest, &name);
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            out.push('\n');
        }
    }
    out.push_str(&entities::decode(rest));
    out
}

/// Where a tag that started after `<` ends, honouring quoted attribute values.
fn tag_end(after: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in after.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The text after `</name>` (ASCII case-insensitive), or nothing if it never ends. Scans
/// without allocating, so many hidden elements stay linear.
fn skip_past_end_tag<'a>(text: &'a str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(at) = text[from..].find("</").map(|i| from + i) {
        let after = &text.as_bytes()[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            let tail = &text[at..];
            return tail.find('>').map_or("", |gt| &tail[gt + 1..]);
        }
        from = at + 2;
    }
    ""
}

/// Whether a text value looks like it carries HTML (a tag or a character reference), as RSS
/// titles sometimes do.
#[must_use]
pub(crate) fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
        || (text.contains('&') && entities::decode(text) != text)
}

/// A plain text as an HTML fragment: escaped, with blank-line paragraphs and line breaks.
#[must_use]
pub fn text_to_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let paragraphs: Vec<&str> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if paragraphs.len() <= 1 {
        escape_into(text.trim(), false, &mut out);
        return out.replace('\n', "<br>");
    }
    for p in paragraphs {
        out.push_str("<p>");
        let mut escaped = String::new();
        escape_into(p, false, &mut escaped);
        out.push_str(&escaped.replace('\n', "<br>"));
        out.push_str("</p>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text_without_tags_scripts_or_comments() {
        let html =
            "<p>Hội nghị <b>toàn quốc</b></p><script>alert(1)</script><!-- x --><p>A &amp; B</p>";
        assert_eq!(html_to_text(html).trim(), "Hội nghị toàn quốc\n\nA & B");
    }

    #[test]
    fn a_less_than_sign_that_opens_no_tag_stays() {
        assert_eq!(html_to_text("1 < 2 and 3<4"), "1 < 2 and 3<4");
        assert_eq!(html_to_text("cut <a href=\"x"), "cut ");
    }

    #[test]
    fn quoted_greater_than_signs_do_not_end_a_tag() {
        assert_eq!(html_to_text("<a title=\"a>b\">link</a>"), "link");
    }

    #[test]
    fn many_unclosed_scripts_stay_linear() {
        let html = "<SCRIPT>x</Script>a".repeat(50_000);
        assert_eq!(html_to_text(&html), "a".repeat(50_000));
        assert_eq!(html_to_text(&"<style>".repeat(100_000)), "");
    }

    #[test]
    fn recognises_html_in_titles() {
        assert!(looks_like_html("Caf&eacute;"));
        assert!(looks_like_html("<b>bold</b>"));
        assert!(!looks_like_html("AT&T & friends"));
        assert!(!looks_like_html("1 < 2"));
    }

    #[test]
    fn plain_text_becomes_escaped_paragraphs() {
        assert_eq!(text_to_html("a < b"), "a &lt; b");
        assert_eq!(
            text_to_html("one\n\ntwo\nthree"),
            "<p>one</p><p>two<br>three</p>"
        );
    }
}
