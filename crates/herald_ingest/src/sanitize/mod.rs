//! Outlets' HTML made safe to show inside Herald's article page.
//!
//! Feed summaries and contents arrive as the outlet wrote them ([`crate::feed`] never changes
//! them). [`sanitize_html`] keeps what a news article needs — paragraphs, headings, lists,
//! quotes, figures with captions, images, links, emphasis, tables, code, abbreviations,
//! times, ruby annotations — with `lang` and `dir` on any element, since articles mix
//! directions (a Persian text quoting an English name). Everything else goes: scripts,
//! styles, frames, objects, forms, SVG and MathML with their content; other unknown elements
//! are unwrapped and keep their text.
//!
//! What the output promises:
//! - it is a fragment to place inside an `<article>`: `h1` becomes `h2`, empty paragraphs
//!   (`<p>&nbsp;</p>`, `<p><br></p>`) and other empty blocks are gone;
//! - no event handlers, no `style`, no `class` or `id` (they belong to the outlet's CSS and
//!   scripts); `lang` is a canonical tag, `dir` one of `ltr`, `rtl`, `auto`;
//! - every `href`, `src` and `srcset` address is absolute (resolved against `base`) and
//!   `http`/`https` (`mailto` for links too); anything else (`javascript:`, `data:`, relative
//!   without a base) is removed, and so is an `<img>` left without a `src`, while a link left
//!   without an `href` keeps its text;
//! - links carry `rel="nofollow noopener noreferrer"` and lose tracking parameters
//!   ([`crate::normalize::canonical_url`], keeping the fragment);
//! - video and audio are dropped for now: embedding players is the extractor's job (a later
//!   issue); feed enclosures still reach the pipeline as media;
//! - plain text (no tags at all) becomes `<p>` paragraphs split on blank lines, with `<br>`
//!   for single line breaks;
//! - it never panics, and its time is linear in the input: fragments over
//!   [`MAX_HTML_BYTES`] are cut, and nesting deeper than [`MAX_NESTING`] is flattened before
//!   the HTML parser sees it (see `bound.rs` for why the parser needs that).
//!
//! Built on `ammonia` (html5ever underneath): the parse is a browser's, so markup that
//! browsers would read as script is seen as script here too.

mod bound;
mod tidy;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use ammonia::UrlRelative;
use herald_domain::Language;
use url::Url;

use crate::normalize::canonical_url;

pub use bound::MAX_NESTING;
pub(crate) use bound::bound_nesting;
pub(crate) use tidy::{HtmlImage, images};

/// Fragments longer than this are cut (at a character boundary) before sanitising: 2 MiB,
/// ten times a long article's markup.
pub const MAX_HTML_BYTES: usize = 2 * 1024 * 1024;

/// Elements kept.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "blockquote",
    "br",
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
    "hr",
    "i",
    "img",
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
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
];

/// Elements removed with their content (the pre-pass already removes most of them; this is
/// the second line).
const REMOVED_WITH_CONTENT: &[&str] = &[
    "applet",
    "audio",
    "button",
    "canvas",
    "datalist",
    "embed",
    "form",
    "frameset",
    "head",
    "iframe",
    "map",
    "math",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "plaintext",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
    "title",
    "video",
    "xmp",
];

/// Attributes kept on any kept element.
const GENERIC_ATTRIBUTES: &[&str] = &["dir", "lang", "title"];

/// Attributes kept on some elements.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("img", &["src", "srcset", "alt", "width", "height"]),
    ("ol", &["start", "reversed"]),
    ("li", &["value"]),
    ("td", &["colspan", "rowspan"]),
    ("th", &["colspan", "rowspan", "scope"]),
    ("time", &["datetime"]),
];

/// The `rel` every link gets: Herald neither vouches for outlets' links nor passes readers'
/// context on.
const LINK_REL: &str = "nofollow noopener noreferrer";

/// Sanitises an outlet's HTML fragment (or plain text) for Herald's article page; relative
/// addresses resolve against `base` (only an `http(s)` base is used). See the module docs
/// for what is kept.
#[must_use]
pub fn sanitize_html(html: &str, base: Option<&Url>) -> String {
    let mut end = html.len().min(MAX_HTML_BYTES);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let text = herald_domain::text::normalize(&html[..end]);
    let html = if has_tags(&text) {
        text
    } else {
        paragraphs(&text)
    };
    let base = base
        .filter(|b| matches!(b.scheme(), "http" | "https"))
        .cloned();
    let bounded = bound::bound_nesting(&html);
    let cleaned = cleaner(base).clean(&bounded).to_string();
    tidy::tidy(&cleaned)
}

/// Whether a text has anything the HTML tokenizer reads as markup.
fn has_tags(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}

/// Plain text as paragraphs: blank lines separate them, line breaks become `<br>`. Character
/// references are left for the parser to decode; with no tags in the text, wrapping it cannot
/// make one.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut open = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if open {
                out.push_str("</p>");
                open = false;
            }
            continue;
        }
        out.push_str(if open { "<br>" } else { "<p>" });
        open = true;
        out.push_str(line);
    }
    if open {
        out.push_str("</p>");
    }
    out
}

/// ammonia, set up as the module docs say.
fn cleaner(base: Option<Url>) -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(TAGS.iter().copied().collect())
        .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .tag_attributes(
            TAG_ATTRIBUTES
                .iter()
                .map(|(tag, attrs)| (*tag, attrs.iter().copied().collect::<HashSet<_>>()))
                .collect::<HashMap<_, _>>(),
        )
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        // Relative addresses reach the filter, which resolves them against the base or
        // drops them: nothing relative is left for ammonia's own rewriting.
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some(LINK_REL))
        .strip_comments(true)
        .attribute_filter(move |element, attribute, value| {
            filter_attribute(element, attribute, value, base.as_ref())
        });
    builder
}

/// Checks and rewrites one kept attribute; `None` removes it.
fn filter_attribute<'u>(
    element: &str,
    attribute: &str,
    value: &'u str,
    base: Option<&Url>,
) -> Option<Cow<'u, str>> {
    let owned = |s: String| Some(Cow::Owned(s));
    match (element, attribute) {
        ("a", "href") => link(value, base).and_then(owned),
        ("img", "src") => image(value, base).map(String::from).and_then(owned),
        ("img", "srcset") => srcset(value, base).and_then(owned),
        ("img", "width" | "height") | ("td" | "th", "colspan" | "rowspan") => {
            let v = value.trim();
            (!v.is_empty() && v.len() <= 5 && v.bytes().all(|b| b.is_ascii_digit()))
                .then(|| Cow::Owned(v.to_owned()))
        }
        ("ol", "start") | ("li", "value") => value
            .trim()
            .parse::<i32>()
            .ok()
            .map(|n| Cow::Owned(n.to_string())),
        ("th", "scope") => {
            let v = value.trim().to_ascii_lowercase();
            matches!(v.as_str(), "row" | "col" | "rowgroup" | "colgroup").then_some(Cow::Owned(v))
        }
        (_, "dir") => {
            let v = value.trim().to_ascii_lowercase();
            matches!(v.as_str(), "ltr" | "rtl" | "auto").then_some(Cow::Owned(v))
        }
        (_, "lang") => Language::parse(value)
            .ok()
            .map(|l| Cow::Owned(l.as_str().to_owned())),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// An address as written, resolved against the base.
fn resolve(value: &str, base: Option<&Url>) -> Option<Url> {
    match Url::parse(value) {
        Ok(url) => Some(url),
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(value).ok(),
        Err(_) => None,
    }
}

/// A link's address: absolute `http(s)` without tracking parameters, or `mailto`.
fn link(value: &str, base: Option<&Url>) -> Option<String> {
    let url = resolve(value, base)?;
    match url.scheme() {
        "http" | "https" => {
            let mut canonical = canonical_url(&url);
            canonical.set_fragment(url.fragment());
            Some(canonical.into())
        }
        "mailto" => Some(url.into()),
        _ => None,
    }
}

/// An image's address: absolute `http(s)` only.
fn image(value: &str, base: Option<&Url>) -> Option<Url> {
    resolve(value, base).filter(|url| matches!(url.scheme(), "http" | "https"))
}

/// A `srcset` with every candidate's address resolved; candidates with another scheme or a
/// descriptor that is not a width (`640w`) or a density (`2x`) are left out.
fn srcset(value: &str, base: Option<&Url>) -> Option<String> {
    let mut candidates = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (mut address, mut descriptor) = (&rest[..end], "");
        rest = &rest[end..];
        if address.ends_with(',') {
            address = address.trim_end_matches(',');
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            descriptor = rest[..end].trim();
            rest = &rest[end..];
        }
        let descriptor_ok = descriptor.is_empty()
            || descriptor
                .strip_suffix('w')
                .is_some_and(|n| n.parse::<u32>().is_ok())
            || descriptor
                .strip_suffix('x')
                .is_some_and(|n| n.parse::<f32>().is_ok_and(|x| x > 0.0));
        if let Some(url) = image(address, base).filter(|_| descriptor_ok) {
            candidates.push(if descriptor.is_empty() {
                url.to_string()
            } else {
                format!("{url} {descriptor}")
            });
        }
    }
    (!candidates.is_empty()).then(|| candidates.join(", "))
}

#[cfg(test)]
mod tests;
