//! An article body cut into the segments a translator reviews: its paragraph-level blocks
//! (`p`, `h1`–`h6`, `li`, `blockquote`, `figcaption`, …), in order. Machine translation keeps
//! the block structure, so block *i* of the original lines up with block *i* of its
//! translation. Everything between blocks (list and figure wrappers, media placeholders) is
//! kept as it is when the body is put back together from edited segments.
//!
//! Bodies are sanitised on ingest, so the splitter reads well-formed HTML; a segment edited
//! by a person is sanitised again here ([`clean_segment`]) before it goes back in, since
//! herald_web cannot use the ingest sanitiser.

use std::collections::{HashMap, HashSet};

use herald_domain::glossary::{GlossaryEntry, TermFinder, fold_for_matching};

use crate::html::escape;

/// Elements whose content is one segment, unless another of them is inside (a `blockquote`
/// of paragraphs is a wrapper, its paragraphs the segments).
const SEGMENT_TAGS: [&str; 15] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "figcaption",
    "dt",
    "dd",
    "pre",
    "td",
    "th",
];

/// One piece of a body: kept markup, or a segment with its tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Markup between segments, kept verbatim.
    Kept(String),
    /// A block whose content is edited: its start tag, inner HTML and end tag as written.
    Segment {
        open: String,
        inner: String,
        close: String,
    },
}

/// A body as pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Body {
    pub(crate) pieces: Vec<Piece>,
}

impl Body {
    /// Cuts a sanitised body into kept markup and segments.
    pub(crate) fn split(html: &str) -> Self {
        let mut pieces = Vec::new();
        let mut kept = String::new();
        let mut at = 0;
        while at < html.len() {
            let Some(offset) = html[at..].find('<') else {
                kept.push_str(&html[at..]);
                break;
            };
            let start = at + offset;
            kept.push_str(&html[at..start]);
            let Some(tag_end) = html[start..].find('>').map(|e| start + e + 1) else {
                kept.push_str(&html[start..]);
                break;
            };
            let tag = &html[start..tag_end];
            let segment = start_tag_name(tag)
                .filter(|name| SEGMENT_TAGS.contains(&name.as_str()))
                .and_then(|name| {
                    let (inner_end, close_end) = matching_close(html, tag_end, &name)?;
                    let inner = &html[tag_end..inner_end];
                    (!contains_segment_tag(inner)).then_some((inner_end, close_end))
                });
            match segment {
                Some((inner_end, close_end)) => {
                    if !kept.is_empty() {
                        pieces.push(Piece::Kept(std::mem::take(&mut kept)));
                    }
                    pieces.push(Piece::Segment {
                        open: tag.to_owned(),
                        inner: html[tag_end..inner_end].to_owned(),
                        close: html[inner_end..close_end].to_owned(),
                    });
                    at = close_end;
                }
                None => {
                    kept.push_str(tag);
                    at = tag_end;
                }
            }
        }
        if !kept.is_empty() {
            pieces.push(Piece::Kept(kept));
        }
        Self { pieces }
    }

    /// The segments' inner HTML, in order.
    pub(crate) fn segments(&self) -> Vec<&str> {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Segment { inner, .. } => Some(inner.as_str()),
                Piece::Kept(_) => None,
            })
            .collect()
    }

    /// The body with segment *i*'s content replaced by `edited[i]`, cleaned; segments without
    /// an edit keep their content.
    pub(crate) fn rebuild(&self, edited: &[Option<String>]) -> String {
        let mut out = String::new();
        let mut index = 0;
        for piece in &self.pieces {
            match piece {
                Piece::Kept(html) => out.push_str(html),
                Piece::Segment { open, inner, close } => {
                    let text = edited.get(index).and_then(Option::as_deref);
                    index += 1;
                    let content = text.map_or_else(|| inner.clone(), clean_segment);
                    // A block emptied by the translator goes away with its tags.
                    if content.trim().is_empty() && text.is_some() {
                        continue;
                    }
                    out.push_str(open);
                    out.push_str(&content);
                    out.push_str(close);
                }
            }
        }
        out
    }
}

/// The lower-case name of a start tag (`<p class=x>` → `p`), `None` for end tags,
/// comments and declarations.
fn start_tag_name(tag: &str) -> Option<String> {
    let rest = tag.strip_prefix('<')?;
    let name: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    (!name.is_empty()).then(|| name.to_ascii_lowercase())
}

/// Where the end tag of the `name` element opened just before `from` starts and ends,
/// counting nested elements of the same name.
fn matching_close(html: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let mut depth = 1_usize;
    let mut at = from;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let end = start + html[start..].find('>')? + 1;
        let tag = &html[start..end];
        if let Some(closing) = tag.strip_prefix("</") {
            let closing: String = closing
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if closing.eq_ignore_ascii_case(name) {
                depth -= 1;
                if depth == 0 {
                    return Some((start, end));
                }
            }
        } else if start_tag_name(tag).as_deref() == Some(name) && !tag.ends_with("/>") {
            depth += 1;
        }
        at = end;
    }
    None
}

fn contains_segment_tag(inner: &str) -> bool {
    let mut at = 0;
    while let Some(offset) = inner[at..].find('<') {
        let start = at + offset;
        if start_tag_name(&inner[start..]).is_some_and(|n| SEGMENT_TAGS.contains(&n.as_str())) {
            return true;
        }
        at = start + 1;
    }
    false
}

/// The inline markup a segment may hold after a person edited it: close to the ingest
/// sanitiser's, without blocks, media or anything active. `<script>`, `<style>` and the like
/// go with their content; event attributes and `javascript:` links go.
pub(crate) fn clean_segment(html: &str) -> String {
    const TAGS: [&str; 20] = [
        "a", "abbr", "b", "bdi", "br", "cite", "code", "del", "em", "i", "ins", "mark", "q", "s",
        "small", "span", "strong", "sub", "sup", "u",
    ];
    const REMOVED_WITH_CONTENT: [&str; 12] = [
        "script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript",
        "textarea", "title", "xmp",
    ];
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(TAGS.into_iter().collect())
        .clean_content_tags(REMOVED_WITH_CONTENT.into_iter().collect())
        .generic_attributes(["dir", "lang", "title"].into_iter().collect())
        .tag_attributes(HashMap::from([("a", HashSet::from(["href"]))]))
        .url_schemes(["http", "https"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("nofollow noopener noreferrer"))
        .strip_comments(true)
        .attribute_filter(|_, attribute, value| match attribute {
            "dir" => {
                let v = value.trim().to_ascii_lowercase();
                matches!(v.as_str(), "ltr" | "rtl" | "auto").then_some(v.into())
            }
            "lang" => herald_domain::Language::parse(value)
                .ok()
                .map(|l| l.as_str().to_owned().into()),
            _ => Some(value.into()),
        });
    builder.clean(html.trim()).to_string()
}

/// A segment's text without its tags, entities decoded as far as a reader sees them.
pub(crate) fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// A glossary term found in a source segment: the term, what it should become, and whether
/// the translated segment has it.
pub(crate) struct FoundTerm {
    pub(crate) term: String,
    pub(crate) translation: String,
    pub(crate) present: bool,
}

/// The source segment's HTML with the glossary's terms in `<mark title="→ translation">`
/// (inside text only, never across tags), and the terms found, each checked against the
/// translated segment's text.
pub(crate) fn mark_terms(
    source_html: &str,
    target_html: Option<&str>,
    finder: &TermFinder,
    entries: &[GlossaryEntry],
) -> (String, Vec<FoundTerm>) {
    let mut out = String::with_capacity(source_html.len());
    let mut found: Vec<usize> = Vec::new();
    let mut at = 0;
    while at < source_html.len() {
        let next_tag = source_html[at..]
            .find('<')
            .map_or(source_html.len(), |o| at + o);
        let text = &source_html[at..next_tag];
        let mut written = 0;
        for m in finder.find(text) {
            let (Some(before), Some(word), Some(entry)) = (
                text.get(written..m.range.start),
                text.get(m.range.clone()),
                entries.get(m.entry),
            ) else {
                continue;
            };
            out.push_str(before);
            out.push_str("<mark title=\"→ ");
            out.push_str(&escape(&entry.translation));
            out.push_str("\">");
            out.push_str(word);
            out.push_str("</mark>");
            written = m.range.end;
            if !found.contains(&m.entry) {
                found.push(m.entry);
            }
        }
        out.push_str(text.get(written..).unwrap_or_default());
        if next_tag >= source_html.len() {
            break;
        }
        let tag_end = source_html[next_tag..]
            .find('>')
            .map_or(source_html.len(), |e| next_tag + e + 1);
        out.push_str(&source_html[next_tag..tag_end]);
        at = tag_end;
    }
    let target = target_html.map(plain_text).unwrap_or_default();
    let terms = found
        .into_iter()
        .filter_map(|i| entries.get(i))
        .map(|e| FoundTerm {
            term: e.term.clone(),
            translation: e.translation.clone(),
            present: fold_for_matching(&target, e.case_sensitive)
                .contains(&fold_for_matching(&e.translation, e.case_sensitive)),
        })
        .collect();
    (out, terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_list_items_and_headings_are_segments_and_wrappers_are_kept() {
        let body = Body::split(
            "<h2>Tiêu đề</h2><p>Một <em>hai</em>.</p><ul><li>a</li><li>b</li></ul>\
             <figure data-media-id=\"3\"></figure><blockquote><p>trích</p></blockquote>",
        );
        assert_eq!(
            body.segments(),
            ["Tiêu đề", "Một <em>hai</em>.", "a", "b", "trích"]
        );
        assert_eq!(
            body.rebuild(&[]),
            "<h2>Tiêu đề</h2><p>Một <em>hai</em>.</p><ul><li>a</li><li>b</li></ul>\
             <figure data-media-id=\"3\"></figure><blockquote><p>trích</p></blockquote>"
        );
    }

    #[test]
    fn an_edited_segment_is_cleaned_and_put_back_in_its_own_tags() {
        let body = Body::split("<p>one</p><figure data-media-id=\"3\"></figure><p>two</p>");
        let rebuilt = body.rebuild(&[
            Some("<img src=x onerror=alert(1)>uno <b>bold</b><script>alert(2)</script>".into()),
            Some("</p><p onclick=\"x()\">dos".into()),
        ]);
        assert_eq!(
            rebuilt,
            "<p>uno <b>bold</b></p><figure data-media-id=\"3\"></figure><p>dos</p>"
        );
    }

    #[test]
    fn links_keep_only_web_addresses() {
        assert_eq!(
            clean_segment(
                "<a href=\"javascript:alert(1)\">x</a> <a href=\"https://e.example/\">y</a>"
            ),
            "<a rel=\"nofollow noopener noreferrer\">x</a> <a href=\"https://e.example/\" rel=\"nofollow noopener noreferrer\">y</a>"
        );
    }
}
