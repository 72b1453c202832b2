//! What an article page says about itself: title, lead, byline, dates, canonical URL, site
//! name, language, direction and lead image.
//!
//! Pages say it several times, in vocabularies of different care. [`metadata`] walks the
//! document once, gathers every statement, then picks per field in an order of trust:
//!
//! 1. JSON-LD (`NewsArticle`, `Article`, `BlogPosting`… at the top, in arrays or in
//!    `@graph`, with `@id` references followed): written for search engines, so kept exact;
//!    when its `headline` and `name` differ, the one closer to the `<title>` is the title
//!    (some pages put a section or a description in one of them);
//! 2. Dublin Core, then OpenGraph, Twitter and `article:*` metas, then Parse.ly's: Dublin Core
//!    is rare and bibliographic where present, while OpenGraph titles are share cards and are
//!    sometimes rewritten for social media. A `property` attribute (RDFa, OpenGraph's
//!    spelling) wins over a `name` for the same key;
//! 3. microdata (`itemprop`), `<time datetime>`, `rel=author` and `.byline`/`.author`
//!    elements (the innermost, so "By Jane Doe · May 20" gives way to the "Jane Doe" inside
//!    it; none in comments, sidebars or footers), and date lines as printed
//!    ([`super::dates::visible_date`]);
//! 4. the `<title>`, cleaned of the site name (" | Site", " - Site", " – Site", when it is
//!    the page's site name or host, else the headline before the last separator when it has
//!    five words or more), or the `<h1>` when the title starts with it. Declared titles are
//!    kept as declared: an outlet that writes its name into `og:title` meant it.
//!
//! Bylines lose their "By"/"Theo"/"Von"/"Par"/"Автор:"/"نویسنده:" and never are URLs. The
//! language is declared (`<html lang>`, `Content-Language`, `og:locale`, JSON-LD) and kept
//! only when the page's own title and description are in a script it uses; the extractor
//! checks it again against the main text ([`super::lang::detect_language`]). The direction
//! is the `dir` of the article's container, the body or the root, else the language's.
//!
//! Work is bounded whatever the page: elements walked, metas, scripts and their size, JSON
//! values visited, and text read per element all have caps.

use std::collections::{HashMap, HashSet};

use herald_domain::text::normalize_line;
use herald_domain::{Direction, Language, Timestamp};
use scraper::{ElementRef, Html};
use serde_json::Value;
use url::Url;

use super::dates::{is_month_name, visible_date};
use super::lang::declared_fits_text;

/// Elements walked; a real page has a few thousand.
const MAX_ELEMENTS: usize = 200_000;
/// `<meta>` elements read.
const MAX_METAS: usize = 2_000;
/// JSON-LD scripts parsed.
const MAX_LD_SCRIPTS: usize = 16;
/// The largest JSON-LD script parsed.
const MAX_LD_BYTES: usize = 512 * 1024;
/// JSON-LD parsed on one page, all scripts together.
const MAX_LD_TOTAL: usize = 2 * 1024 * 1024;
/// JSON values visited while looking for the article in JSON-LD.
const MAX_LD_NODES: usize = 5_000;
/// Byline and date-line candidates kept.
const MAX_CANDIDATES: usize = 64;
/// Bytes of text read from each candidate.
const MAX_CANDIDATE_TEXT: usize = 400;
/// Longest byline kept, in characters; longer ones are paragraphs.
const MAX_BYLINE_CHARS: usize = 120;

/// What a page says about itself; every field is optional, since pages say little or lie.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Metadata {
    /// The headline.
    pub(crate) title: Option<String>,
    /// The description (standfirst) the page gives.
    pub(crate) lead: Option<String>,
    /// The authors, joined with ", ".
    pub(crate) byline: Option<String>,
    /// When it was first published.
    pub(crate) published: Option<Timestamp>,
    /// When it was last changed.
    pub(crate) updated: Option<Timestamp>,
    /// The canonical URL, absolute.
    pub(crate) canonical: Option<Url>,
    /// The outlet's name.
    pub(crate) site_name: Option<String>,
    /// The declared language, if its script fits the page's title and description.
    pub(crate) language: Option<Language>,
    /// The writing direction.
    pub(crate) direction: Option<Direction>,
    /// The lead image, absolute.
    pub(crate) image: Option<Url>,
}

/// Reads a page's metadata; `url` is where it was fetched from (for relative links and for
/// recognising the site name in a title).
#[must_use]
pub(crate) fn metadata(doc: &Html, url: Option<&Url>) -> Metadata {
    let page = Scan::of(doc);
    let ld = LdArticle::from_scripts(&page.ld_scripts);
    let base = page
        .base_href
        .as_deref()
        .and_then(|href| resolve(url, href))
        .or_else(|| url.cloned());
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .filter_map(|k| page.metas.get(*k))
            .map(|v| normalize_line(v))
            .find(|v| !v.is_empty())
    };

    let site_name = meta(&["og:site_name"])
        .or_else(|| ld.publisher.clone())
        .or_else(|| ld.website.clone())
        .or_else(|| meta(&["application-name"]))
        .filter(|s| s.chars().count() <= 100);
    let title = title(&page, &ld, &meta, site_name.as_deref(), url);
    let lead = ld
        .description
        .clone()
        .or_else(|| {
            meta(&[
                "dc:description",
                "og:description",
                "twitter:description",
                "description",
                "parsely:description",
            ])
        })
        .filter(|s| !s.is_empty());
    let byline = byline(&page, &ld, &meta);

    let published = first_date(
        ld.published.iter().cloned().chain(
            [
                "article:published_time",
                "og:published_time",
                "datepublished",
                "dc:date.issued",
                "dc:created",
                "dc:date",
                "parsely:pub-date",
                "sailthru.date",
                "pubdate",
                "publishdate",
                "publish-date",
                "date",
            ]
            .iter()
            .filter_map(|k| page.metas.get(*k).cloned()),
        ),
    )
    .or_else(|| first_date(page.itemprop_published.iter().cloned()))
    .or_else(|| first_date(page.times.iter().cloned()))
    .or_else(|| page.date_lines.iter().find_map(|line| visible_date(line)));
    let updated = first_date(
        ld.modified.iter().cloned().chain(
            [
                "article:modified_time",
                "og:updated_time",
                "datemodified",
                "dc:modified",
                "lastmod",
            ]
            .iter()
            .filter_map(|k| page.metas.get(*k).cloned()),
        ),
    )
    .or_else(|| first_date(page.itemprop_modified.iter().cloned()))
    .filter(|u| published.is_none_or(|p| *u >= p));

    let canonical = page
        .canonical
        .iter()
        .chain(meta(&["og:url"]).iter())
        .chain(ld.url.iter())
        .find_map(|href| resolve(base.as_ref(), href));
    let image = meta(&[
        "og:image",
        "og:image:url",
        "og:image:secure_url",
        "twitter:image",
        "twitter:image:src",
    ])
    .into_iter()
    .chain(ld.image.iter().cloned())
    .chain(page.image_src.iter().cloned())
    .find_map(|href| resolve(base.as_ref(), &href));

    let sample = format!(
        "{} {}",
        title.as_deref().unwrap_or_default(),
        lead.as_deref().unwrap_or_default()
    );
    let language = [
        page.html_lang.clone(),
        page.content_language.clone(),
        meta(&["og:locale"]),
        meta(&["dc:language"]),
        ld.language.clone(),
    ]
    .into_iter()
    .flatten()
    .filter_map(|tag| parse_language(&tag))
    .find(|lang| declared_fits_text(lang, &sample));
    let direction = page
        .container_dir
        .or(page.body_dir)
        .or(page.html_dir)
        .or_else(|| language.as_ref().map(Language::direction))
        .or_else(|| page.dir_votes.majority());

    Metadata {
        title,
        lead,
        byline,
        published,
        updated,
        canonical,
        site_name,
        language,
        direction,
        image,
    }
}

/// The title: the first of the declared ones as declared, else the `<title>` cleaned of the
/// site name (or the `<h1>` when the title starts with it).
fn title(
    page: &Scan<'_>,
    ld: &LdArticle,
    meta: &impl Fn(&[&str]) -> Option<String>,
    site_name: Option<&str>,
    url: Option<&Url>,
) -> Option<String> {
    let doc_title = page
        .title
        .as_deref()
        .map(normalize_line)
        .filter(|t| !t.is_empty());
    let declared = ld_title(ld, doc_title.as_deref())
        .or_else(|| meta(&["dc:title"]))
        .or_else(|| meta(&["og:title"]))
        .or_else(|| meta(&["twitter:title"]))
        .or_else(|| meta(&["title"]))
        .or_else(|| meta(&["parsely:title"]))
        .or_else(|| page.itemprop_headline.clone());
    if declared.is_some() {
        return declared;
    }
    let h1 = page
        .h1
        .as_deref()
        .map(normalize_line)
        .filter(|t| !t.is_empty());
    match (doc_title, h1) {
        (Some(t), Some(h)) if t != h && t.starts_with(&h) && h.chars().count() >= 10 => Some(h),
        (Some(t), _) => Some(clean_document_title(&t, site_name, url)),
        (None, h) => h,
    }
}

/// JSON-LD's headline, or its `name` when that is closer to the page's `<title>` (some
/// pages put a description or a section in `headline`).
fn ld_title(ld: &LdArticle, doc_title: Option<&str>) -> Option<String> {
    match (&ld.headline, &ld.name, doc_title) {
        (Some(h), Some(n), Some(t)) if h != n => {
            if similarity(n, t) > similarity(h, t) {
                Some(n.clone())
            } else {
                Some(h.clone())
            }
        }
        (Some(h), _, _) => Some(h.clone()),
        (None, n, _) => n.clone(),
    }
}

/// How alike two texts' words are (shared over all, ignoring case and punctuation).
fn similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let all = a.union(&b).count();
    if all == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / all as f64
}

/// Separators between a headline and the site name in titles.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " · ", " :: ", " • ", " « ", " » ", " / ", " \\ ", " > ",
];

/// A `<title>` without its site name: " | Site" (or "Site | ") when "Site" is the page's
/// site name or host; else, as readers do, the part before the last separator when that is a
/// headline of five words or more ("Lorem ipsum dolor sit amet – My website").
fn clean_document_title(title: &str, site_name: Option<&str>, url: Option<&Url>) -> String {
    let stripped = strip_site_name(title, site_name, url);
    if stripped != title {
        return stripped;
    }
    let last = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len())))
        .max_by_key(|(at, _)| *at);
    if let Some((at, _)) = last {
        let head = title[..at].trim();
        if head.split_whitespace().count() >= 5 {
            return head.to_owned();
        }
    }
    title.to_owned()
}

/// Drops " | Site" (or "Site | ") from a title when "Site" is the page's site name or host.
fn strip_site_name(title: &str, site_name: Option<&str>, url: Option<&Url>) -> String {
    let mut names: Vec<String> = site_name.map(key).into_iter().collect();
    if let Some(host) = url.and_then(Url::host_str) {
        let host = host.trim_start_matches("www.");
        names.push(key(host));
        if let Some(label) = host.split('.').next() {
            names.push(key(label));
        }
    }
    names.retain(|n| !n.is_empty());
    let is_site = |part: &str| {
        let k = key(part);
        !k.is_empty() && names.contains(&k)
    };
    for sep in TITLE_SEPARATORS {
        if let Some(at) = title.rfind(sep) {
            let (head, tail) = (&title[..at], &title[at + sep.len()..]);
            if is_site(tail) && !head.trim().is_empty() {
                return head.trim().to_owned();
            }
        }
        if let Some(at) = title.find(sep) {
            let (head, tail) = (&title[..at], &title[at + sep.len()..]);
            if is_site(head) && !tail.trim().is_empty() {
                return tail.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// Letters and digits only, lower-cased: "The Verge" and "theverge.com"'s label compare.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The byline: declared authors first, then the page's author elements.
fn byline(
    page: &Scan<'_>,
    ld: &LdArticle,
    meta: &impl Fn(&[&str]) -> Option<String>,
) -> Option<String> {
    let declared = ld.authors.clone().into_iter().chain(
        [
            meta(&["dc:creator"]),
            meta(&["author"]),
            meta(&["article:author"]),
            meta(&["og:article:author"]),
            meta(&["parsely:author"]),
            meta(&["sailthru.author"]),
            meta(&["byl"]),
        ]
        .into_iter()
        .flatten(),
    );
    let inner = page.bylines.iter().filter(|c| !c.outer);
    let outer = page.bylines.iter().filter(|c| c.outer);
    let elements = page
        .rel_authors
        .iter()
        .chain(inner.chain(outer).map(|c| &c.text))
        .filter_map(|t| name_before_date(t));
    declared
        .chain(page.itemprop_authors.iter().cloned())
        .chain(elements)
        // Usually a handle, which is refused; a few sites put the author's name there.
        .chain(meta(&["twitter:creator"]))
        .find_map(|raw| clean_byline(&raw))
}

/// Words that join a name to the date printed after it ("By Ann Lee on March 3, 2015").
const BEFORE_DATE: &[&str] = &[
    "on",
    "updated",
    "last",
    "published",
    "posted",
    "le",
    "am",
    "el",
    "il",
    "|",
    "-",
    "–",
    "—",
    "·",
];

/// The name an author element starts with, when a date follows it on the same line ("By Ann
/// Lee March 3, 2015 4:46 PM" is "By Ann Lee"); `None` when digits come first, as in a
/// counter. A text without digits is kept whole.
fn name_before_date(text: &str) -> Option<String> {
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return Some(text.to_owned());
    }
    let mut words: Vec<&str> = text
        .split_whitespace()
        .take_while(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .collect();
    while let Some(last) = words.last() {
        let bare = last.trim_matches([',', '.', ':']);
        let glue = bare.is_empty() || BEFORE_DATE.iter().any(|g| bare.eq_ignore_ascii_case(g));
        // Weekdays too ("Sunday, Feb 1, 2015"): a date line's words, never a name's end.
        let weekday = WEEKDAYS.iter().any(|d| bare.eq_ignore_ascii_case(d));
        if !(glue || weekday || is_month_name(bare)) {
            break;
        }
        words.pop();
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// English weekday names, which stand before a printed date.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Prefixes that introduce a byline, lower-cased; the longer first.
const BYLINE_PREFIXES: &[&str] = &[
    "written by",
    "posted by",
    "reported by",
    "story by",
    "words by",
    "by:",
    "by",
    "from",
    "theo",
    "bài:",
    "bài và ảnh:",
    "tác giả:",
    "von",
    "text:",
    "texte:",
    "par",
    "por",
    "di",
    "автор:",
    "автор",
    "текст:",
    "نویسنده:",
    "نویسنده",
    "بقلم:",
    "بقلم",
    "كتبه:",
    "كتب:",
];

/// A byline without its "By", on one line; `None` if it is a URL, a handle or prose.
fn clean_byline(raw: &str) -> Option<String> {
    let mut s = normalize_line(raw);
    loop {
        let lower = s.to_lowercase();
        let Some(prefix) = BYLINE_PREFIXES.iter().find(|p| {
            lower.starts_with(*p)
                && lower[p.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_whitespace() || p.ends_with(':'))
        }) else {
            break;
        };
        // Lower-casing kept the prefix's length: its letters are ASCII, Cyrillic or Arabic.
        if !s.is_char_boundary(prefix.len()) {
            break;
        }
        s = s[prefix.len()..]
            .trim_start_matches([' ', ':'])
            .trim()
            .to_owned();
    }
    let s = s
        .trim_matches([' ', ',', '|', '-', '–', '—', '·'])
        .to_owned();
    let lower = s.to_lowercase();
    // A prefix alone ("By") is no byline.
    if BYLINE_PREFIXES
        .iter()
        .any(|p| p.trim_end_matches(':') == lower.trim_end_matches(':'))
    {
        return None;
    }
    let looks_like_link = lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || lower.starts_with('@')
        || (!s.contains(' ') && lower.contains('/'));
    // A user name such as "CC7567" mixes letters and digits; a person's name does not.
    let handle = s
        .split_whitespace()
        .any(|w| w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(char::is_alphabetic));
    let chars = s.chars().count();
    ((2..=MAX_BYLINE_CHARS).contains(&chars)
        && !looks_like_link
        && !handle
        && s.chars().any(char::is_alphabetic)
        && s.split_whitespace().count() <= 16)
        .then_some(s)
}

/// The first date among raw values that reads as one.
fn first_date(values: impl Iterator<Item = String>) -> Option<Timestamp> {
    values
        .take(32)
        .find_map(|v| crate::date::parse_date(&v).or_else(|| visible_date(&v)))
}

/// An http(s) URL from `href`, resolved against `base`.
fn resolve(base: Option<&Url>, href: &str) -> Option<Url> {
    let href = href.trim();
    if href.is_empty() || href.len() > 4096 {
        return None;
    }
    let url = match base {
        Some(base) => base.join(href).ok()?,
        None => Url::parse(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// A language tag as pages write it: `en_US` (og:locale), `en-us`, `fr, en` (the first).
fn parse_language(raw: &str) -> Option<Language> {
    let first = raw.split([',', ';']).next()?.trim();
    if first.is_empty() || first.eq_ignore_ascii_case("x-default") {
        return None;
    }
    Language::parse(first).ok()
}

/// Counts of `dir` values, for pages that put them only on inner elements.
#[derive(Debug, Default)]
struct DirVotes {
    ltr: usize,
    rtl: usize,
}

impl DirVotes {
    fn majority(&self) -> Option<Direction> {
        match self.ltr.cmp(&self.rtl) {
            std::cmp::Ordering::Greater => Some(Direction::Ltr),
            std::cmp::Ordering::Less => Some(Direction::Rtl),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// Everything read from the page in one walk.
#[derive(Debug, Default)]
struct Scan<'a> {
    metas: HashMap<String, String>,
    /// Keys already set from a `property` attribute.
    from_property: HashSet<String>,
    meta_count: usize,
    content_language: Option<String>,
    canonical: Vec<String>,
    image_src: Option<String>,
    base_href: Option<String>,
    ld_scripts: Vec<String>,
    ld_total: usize,
    title: Option<String>,
    h1: Option<String>,
    html_lang: Option<String>,
    html_dir: Option<Direction>,
    body_dir: Option<Direction>,
    container_dir: Option<Direction>,
    dir_votes: DirVotes,
    times: Vec<String>,
    itemprop_headline: Option<String>,
    itemprop_authors: Vec<String>,
    itemprop_published: Vec<String>,
    itemprop_modified: Vec<String>,
    rel_authors: Vec<String>,
    bylines: Vec<BylineCandidate<'a>>,
    date_lines: Vec<String>,
}

/// An element marked as a byline by its class or id.
#[derive(Debug)]
struct BylineCandidate<'a> {
    node: ElementRef<'a>,
    text: String,
    /// Whether another candidate is inside it: "By Jane Doe, May 20" holding "Jane Doe".
    outer: bool,
}

/// The attributes of one element that the scan looks at.
#[derive(Default)]
struct Attrs<'a> {
    name: Option<&'a str>,
    property: Option<&'a str>,
    http_equiv: Option<&'a str>,
    content: Option<&'a str>,
    itemprop: Option<&'a str>,
    rel: Option<&'a str>,
    href: Option<&'a str>,
    class: Option<&'a str>,
    id: Option<&'a str>,
    dir: Option<&'a str>,
    lang: Option<&'a str>,
    xml_lang: Option<&'a str>,
    datetime: Option<&'a str>,
    type_: Option<&'a str>,
    role: Option<&'a str>,
    pubdate: bool,
}

impl<'a> Attrs<'a> {
    fn of(el: &'a scraper::node::Element) -> Self {
        let mut a = Attrs::default();
        for (name, value) in el.attrs() {
            match name {
                "name" => a.name = Some(value),
                "property" => a.property = Some(value),
                "http-equiv" => a.http_equiv = Some(value),
                "content" => a.content = Some(value),
                "itemprop" => a.itemprop = Some(value),
                "rel" => a.rel = Some(value),
                "href" => a.href = Some(value),
                "class" => a.class = Some(value),
                "id" => a.id = Some(value),
                "dir" => a.dir = Some(value),
                "lang" => a.lang = Some(value),
                "xml:lang" => a.xml_lang = Some(value),
                "datetime" => a.datetime = Some(value),
                "type" => a.type_ = Some(value),
                "role" => a.role = Some(value),
                "pubdate" => a.pubdate = true,
                _ => {}
            }
        }
        a
    }
}

fn direction(value: Option<&str>) -> Option<Direction> {
    match value?.trim().to_ascii_lowercase().as_str() {
        "rtl" => Some(Direction::Rtl),
        "ltr" => Some(Direction::Ltr),
        _ => None,
    }
}

/// The text of an element on one line, read up to a bound.
fn text_of(el: ElementRef<'_>, max: usize) -> String {
    let mut out = String::new();
    for piece in el.text() {
        if out.len() + piece.len() > max {
            let room = max.saturating_sub(out.len());
            let mut end = room.min(piece.len());
            while !piece.is_char_boundary(end) {
                end -= 1;
            }
            out.push_str(&piece[..end]);
            break;
        }
        out.push_str(piece);
        out.push(' ');
    }
    normalize_line(&out)
}

/// Class or id words that mark a byline element.
fn is_byline_marker(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    (s.contains("byline") || s.contains("author") || s.contains("writtenby"))
        && ![
            "comment", "avatar", "bio", "image", "photo", "follow", "sidebar", "related", "title",
            "menu", "desc", "social", "share", "more", "about", "list", "note",
        ]
        .iter()
        .any(|w| s.contains(w))
}

/// Class or id words that mark a date line.
fn is_date_marker(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    (s.contains("date") || s.contains("time") || s.contains("publish") || s.contains("posted"))
        && !s.contains("update")
        && !s.contains("comment")
}

/// Whether an element sits inside comments, a sidebar or a footer, where authors and dates
/// are not the article's.
fn in_aside(el: ElementRef<'_>) -> bool {
    el.ancestors()
        .take(40)
        .filter_map(ElementRef::wrap)
        .any(|a| {
            let v = a.value();
            // The root and body carry the whole page's classes ("comments-open").
            if matches!(v.name(), "html" | "body") {
                return false;
            }
            matches!(v.name(), "footer" | "aside" | "nav")
                || v.id()
                    .is_some_and(|id| id.to_ascii_lowercase().contains("comment"))
                || v.classes().any(|c| {
                    let c = c.to_ascii_lowercase();
                    c.contains("comment") || c.contains("related") || c.contains("sidebar")
                })
        })
}

impl<'a> Scan<'a> {
    fn of(doc: &'a Html) -> Self {
        let mut scan = Scan::default();
        for node in doc.root_element().descendants().take(MAX_ELEMENTS) {
            let Some(el) = ElementRef::wrap(node) else {
                continue;
            };
            scan.element(el);
        }
        scan
    }

    fn element(&mut self, el: ElementRef<'a>) {
        let value = el.value();
        let a = Attrs::of(value);
        let tag = value.name();
        if let Some(d) = direction(a.dir) {
            match d {
                Direction::Ltr => self.dir_votes.ltr += 1,
                Direction::Rtl => self.dir_votes.rtl += 1,
            }
        }
        match tag {
            "meta" => self.meta(&a),
            "link" => self.link(&a),
            "base" if self.base_href.is_none() => {
                self.base_href = a.href.map(str::to_owned);
            }
            "script" => self.script(el, &a),
            // The document's title, not an SVG's.
            "title"
                if self.title.is_none() && &*value.name.ns == "http://www.w3.org/1999/xhtml" =>
            {
                self.title = Some(text_of(el, 2000));
            }
            "h1" if self.h1.is_none() => {
                self.h1 = Some(text_of(el, 2000)).filter(|t| !t.is_empty());
            }
            "html" => {
                self.html_lang = a
                    .lang
                    .or(a.xml_lang)
                    .map(str::to_owned)
                    .filter(|l| !l.trim().is_empty());
                self.html_dir = direction(a.dir);
            }
            "body" => self.body_dir = direction(a.dir),
            "main" | "article" if self.container_dir.is_none() => {
                self.container_dir = direction(a.dir);
            }
            "time" if self.times.len() < MAX_CANDIDATES => {
                if let Some(dt) = a.datetime {
                    // `pubdate` marks the article's own date among others.
                    if a.pubdate {
                        self.times.insert(0, dt.to_owned());
                    } else {
                        self.times.push(dt.to_owned());
                    }
                }
            }
            _ => {}
        }
        if a.role.is_some_and(|r| r.eq_ignore_ascii_case("main")) && self.container_dir.is_none() {
            self.container_dir = direction(a.dir);
        }
        if tag != "meta"
            && let Some(props) = a.itemprop
        {
            self.itemprop(el, &a, props);
        }
        self.candidates(el, &a, tag);
    }

    fn meta(&mut self, a: &Attrs<'_>) {
        if self.meta_count >= MAX_METAS {
            return;
        }
        self.meta_count += 1;
        let Some(content) = a.content.filter(|c| !c.trim().is_empty()) else {
            return;
        };
        if a.http_equiv
            .is_some_and(|h| h.eq_ignore_ascii_case("content-language"))
        {
            self.content_language
                .get_or_insert_with(|| content.to_owned());
        }
        // `property` is the OpenGraph/RDFa spelling and wins over a `name` for the same key.
        let sources = [(a.property, true), (a.name, false), (a.itemprop, false)];
        for (keys, authoritative) in sources {
            let Some(keys) = keys else { continue };
            for raw in keys.split_whitespace().take(8) {
                let key = meta_key(raw);
                if key == "parsely:page" {
                    self.parsely_page(content);
                    continue;
                }
                if authoritative && !self.from_property.contains(&key) {
                    self.from_property.insert(key.clone());
                    self.metas.insert(key, content.to_owned());
                } else {
                    self.metas.entry(key).or_insert_with(|| content.to_owned());
                }
            }
        }
    }

    /// Parse.ly's `parsely-page` meta: a JSON object with title, author and date.
    fn parsely_page(&mut self, content: &str) {
        if content.len() > 16 * 1024 {
            return;
        }
        let Ok(Value::Object(page)) = serde_json::from_str::<Value>(content) else {
            return;
        };
        for (field, key) in [
            ("title", "parsely:title"),
            ("author", "parsely:author"),
            ("pub_date", "parsely:pub-date"),
        ] {
            if let Some(Value::String(v)) = page.get(field) {
                self.metas
                    .entry(key.to_owned())
                    .or_insert_with(|| v.clone());
            }
        }
    }

    fn link(&mut self, a: &Attrs<'_>) {
        let (Some(rel), Some(href)) = (a.rel, a.href) else {
            return;
        };
        for r in rel.split_whitespace() {
            if r.eq_ignore_ascii_case("canonical") && self.canonical.len() < 4 {
                self.canonical.push(href.to_owned());
            } else if r.eq_ignore_ascii_case("image_src") && self.image_src.is_none() {
                self.image_src = Some(href.to_owned());
            }
        }
    }

    fn script(&mut self, el: ElementRef<'_>, a: &Attrs<'_>) {
        let is_ld = a.type_.is_some_and(|t| {
            t.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        });
        if !is_ld || self.ld_scripts.len() >= MAX_LD_SCRIPTS {
            return;
        }
        let mut text = String::new();
        for piece in el.text() {
            if text.len() + piece.len() > MAX_LD_BYTES {
                return;
            }
            text.push_str(piece);
        }
        if self.ld_total + text.len() > MAX_LD_TOTAL {
            return;
        }
        self.ld_total += text.len();
        self.ld_scripts.push(text);
    }

    fn itemprop(&mut self, el: ElementRef<'_>, a: &Attrs<'_>, props: &str) {
        for prop in props.split_whitespace().take(4) {
            let value = || {
                a.content
                    .or(a.datetime)
                    .map(normalize_line)
                    .unwrap_or_else(|| text_of(el, MAX_CANDIDATE_TEXT))
            };
            match prop {
                "headline" if self.itemprop_headline.is_none() => {
                    self.itemprop_headline = Some(value()).filter(|v| !v.is_empty());
                }
                "author" | "creator" if self.itemprop_authors.len() < 8 => {
                    // The author's name, when the element is a Person with a name inside.
                    let name = el
                        .descendent_elements()
                        .take(50)
                        .find(|d| {
                            d.value()
                                .attr("itemprop")
                                .is_some_and(|p| p.split_whitespace().any(|p| p == "name"))
                        })
                        .map(|d| {
                            d.value()
                                .attr("content")
                                .map_or_else(|| text_of(d, MAX_CANDIDATE_TEXT), normalize_line)
                        });
                    self.itemprop_authors.push(name.unwrap_or_else(value));
                }
                "datePublished" | "dateCreated" if self.itemprop_published.len() < 8 => {
                    self.itemprop_published.push(value());
                }
                "dateModified" if self.itemprop_modified.len() < 8 => {
                    self.itemprop_modified.push(value());
                }
                _ => {}
            }
        }
    }

    fn candidates(&mut self, el: ElementRef<'a>, a: &Attrs<'_>, tag: &str) {
        if matches!(
            tag,
            "html" | "body" | "head" | "meta" | "link" | "script" | "style" | "main" | "article"
        ) {
            return;
        }
        let rel_author = a.rel.is_some_and(|r| {
            r.split_whitespace()
                .any(|r| r.eq_ignore_ascii_case("author"))
        });
        let marked = a.class.is_some_and(is_byline_marker) || a.id.is_some_and(is_byline_marker);
        if (rel_author || marked)
            && self.bylines.len() + self.rel_authors.len() < MAX_CANDIDATES
            && !in_aside(el)
        {
            let text = text_of(el, MAX_CANDIDATE_TEXT);
            if !text.is_empty() {
                // rel=author is the precise marker; class names are guesses.
                if rel_author {
                    self.rel_authors.push(text);
                } else {
                    let start = self.bylines.len().saturating_sub(8);
                    for ancestor in el.ancestors().take(40) {
                        if let Some(c) = self.bylines[start..]
                            .iter_mut()
                            .find(|c| *c.node == ancestor)
                        {
                            c.outer = true;
                        }
                    }
                    self.bylines.push(BylineCandidate {
                        node: el,
                        text,
                        outer: false,
                    });
                }
            }
        }
        let dated = a.class.is_some_and(is_date_marker) || a.id.is_some_and(is_date_marker);
        if dated && self.date_lines.len() < MAX_CANDIDATES {
            let text = text_of(el, MAX_CANDIDATE_TEXT);
            if !text.is_empty() {
                self.date_lines.push(text);
            }
        }
    }
}

/// A meta key in one spelling: lower case; `DC.title`, `dcterms.title` and `dc:title` are
/// `dc:title`; `parsely-title` is `parsely:title`; `og:title` stays.
fn meta_key(raw: &str) -> String {
    let lower = raw.trim().to_ascii_lowercase();
    for (prefix, canon) in [
        ("dcterms", "dc"),
        ("dcterm", "dc"),
        ("dc", "dc"),
        ("og", "og"),
        ("twitter", "twitter"),
        ("parsely", "parsely"),
        ("article", "article"),
    ] {
        if let Some(rest) = lower.strip_prefix(prefix)
            && let Some(rest) = rest.strip_prefix([':', '.', '-'])
        {
            return format!("{canon}:{rest}");
        }
    }
    lower
}

/// What the page's JSON-LD says about its article.
#[derive(Debug, Default)]
struct LdArticle {
    headline: Option<String>,
    name: Option<String>,
    description: Option<String>,
    authors: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    publisher: Option<String>,
    website: Option<String>,
    image: Option<String>,
    language: Option<String>,
    url: Option<String>,
}

/// schema.org types of an article page's main entity.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "LiveBlogPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "SocialMediaPosting",
    "Blog",
    "Review",
];

impl LdArticle {
    fn from_scripts(scripts: &[String]) -> Self {
        let mut nodes: Vec<Value> = Vec::new();
        for script in scripts {
            if let Some(value) = parse_ld(script) {
                nodes.push(value);
            }
        }
        // Every object, flattened out of arrays and @graph, in order, bounded.
        let mut objects: Vec<&serde_json::Map<String, Value>> = Vec::new();
        let mut stack: Vec<&Value> = nodes.iter().rev().collect();
        let mut visited = 0;
        while let Some(v) = stack.pop() {
            visited += 1;
            if visited > MAX_LD_NODES {
                break;
            }
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    objects.push(map);
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph);
                    }
                }
                _ => {}
            }
        }
        let by_id: HashMap<&str, &serde_json::Map<String, Value>> = objects
            .iter()
            .filter_map(|o| Some((o.get("@id")?.as_str()?, *o)))
            .collect();
        let follow = |v| follow_id(&by_id, v);
        let mut out = LdArticle {
            website: objects
                .iter()
                .find(|o| has_type(o, &["WebSite"]))
                .and_then(|o| string(o.get("name")?)),
            ..LdArticle::default()
        };
        let article = objects
            .iter()
            .find(|o| has_type(o, ARTICLE_TYPES))
            .or_else(|| objects.iter().find(|o| o.contains_key("headline")));
        let Some(article) = article else {
            return out;
        };
        out.headline = article.get("headline").and_then(string);
        out.name = article.get("name").and_then(string);
        out.description = article.get("description").and_then(string);
        out.published = article
            .get("datePublished")
            .or_else(|| article.get("dateCreated"))
            .and_then(string);
        out.modified = article.get("dateModified").and_then(string);
        out.language = article
            .get("inLanguage")
            .and_then(|l| string(l).or_else(|| l.as_object().and_then(|o| string(o.get("name")?))));
        out.url = article.get("url").and_then(string).or_else(|| {
            article.get("mainEntityOfPage").and_then(|m| {
                string(m).or_else(|| m.as_object().and_then(|o| string(o.get("@id")?)))
            })
        });
        out.publisher = article
            .get("publisher")
            .and_then(|p| first(p))
            .and_then(|p| string(p).or_else(|| follow(p).and_then(|o| string(o.get("name")?))));
        out.image = article.get("image").and_then(first).and_then(|i| {
            string(i).or_else(|| {
                let o = follow(i)?;
                o.get("url")
                    .or_else(|| o.get("contentUrl"))
                    .and_then(first)
                    .and_then(string)
            })
        });
        if let Some(author) = article.get("author").or_else(|| article.get("creator")) {
            let items: Vec<&Value> = match author {
                Value::Array(items) => items.iter().take(16).collect(),
                other => vec![other],
            };
            let names: Vec<String> = items
                .into_iter()
                .filter_map(|a| {
                    string(a).or_else(|| follow(a).and_then(|o| string(o.get("name")?)))
                })
                .filter_map(|n| clean_byline(&n))
                .collect();
            if !names.is_empty() {
                out.authors = Some(names.join(", "));
            }
        }
        out
    }
}

/// An object, or the object its lone `@id` refers to.
fn follow_id<'a>(
    by_id: &HashMap<&str, &'a serde_json::Map<String, Value>>,
    v: &'a Value,
) -> Option<&'a serde_json::Map<String, Value>> {
    let map = v.as_object()?;
    if map.len() == 1
        && let Some(id) = map.get("@id").and_then(Value::as_str)
    {
        return by_id.get(id).copied().or(Some(map));
    }
    Some(map)
}

/// A value's first item if it is an array.
fn first(v: &Value) -> Option<&Value> {
    match v {
        Value::Array(items) => items.first(),
        other => Some(other),
    }
}

/// A non-empty string value, on one line.
fn string(v: &Value) -> Option<String> {
    let s = normalize_line(v.as_str()?);
    (!s.is_empty()).then_some(s)
}

/// Whether an object's `@type` (a string or an array) is one of `types`.
fn has_type(o: &serde_json::Map<String, Value>, types: &[&str]) -> bool {
    let matches = |t: &str| {
        let t = t.rsplit(['/', ':']).next().unwrap_or(t);
        types.contains(&t)
    };
    match o.get("@type") {
        Some(Value::String(t)) => matches(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(matches),
        _ => false,
    }
}

/// A JSON-LD script's value, forgiving the wrappers and raw line breaks pages leave in.
fn parse_ld(script: &str) -> Option<Value> {
    let mut s = script.trim();
    loop {
        let before = s.len();
        for open in ["<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["] {
            s = s.strip_prefix(open).unwrap_or(s).trim_start();
        }
        for close in ["-->", "//]]>", "/*]]>*/", "]]>"] {
            s = s.strip_suffix(close).unwrap_or(s).trim_end();
        }
        if s.len() == before {
            break;
        }
    }
    serde_json::from_str(s).ok().or_else(|| {
        let flat: String = s
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        serde_json::from_str(&flat).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> Metadata {
        let url = Url::parse("https://www.example.com/news/a-bridge").ok();
        metadata(&Html::parse_document(html), url.as_ref())
    }

    #[test]
    fn json_ld_news_articles_give_headline_authors_dates_and_publisher() {
        let m = meta_of(
            r#"<html><head><title>Other | Example</title><script type="application/ld+json">
            {"@context":"https://schema.org","@type":"NewsArticle","headline":"A bridge opens",
             "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
             "datePublished":"2026-11-24T08:30:00+07:00","dateModified":"2026-11-24T10:00:00+07:00",
             "publisher":{"@type":"Organization","name":"Example News"},
             "image":{"@type":"ImageObject","url":"/img/bridge.jpg"}}
            </script></head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("A bridge opens"));
        assert_eq!(m.byline.as_deref(), Some("Jane Doe, John Roe"));
        assert_eq!(
            m.published.map(|t| t.to_string()).as_deref(),
            Some("2026-11-24T01:30:00Z")
        );
        assert_eq!(
            m.updated.map(|t| t.to_string()).as_deref(),
            Some("2026-11-24T03:00:00Z")
        );
        assert_eq!(m.site_name.as_deref(), Some("Example News"));
        assert_eq!(
            m.image.as_ref().map(Url::as_str),
            Some("https://www.example.com/img/bridge.jpg")
        );
    }

    #[test]
    fn json_ld_articles_are_found_in_graphs_and_arrays_with_id_references() {
        let m = meta_of(
            r##"<script type="application/ld+json">{"@graph":[
              {"@type":"WebSite","@id":"#site","name":"Example"},
              {"@type":"Person","@id":"#jane","name":"By Jane Doe"},
              {"@type":["Article","NewsArticle"],"headline":"Graph headline","author":{"@id":"#jane"},
               "publisher":{"@id":"#org"}},
              {"@type":"Organization","@id":"#org","name":"Example Org"}]}</script>
              <script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"BlogPosting","headline":"Second"}]</script>"##,
        );
        assert_eq!(m.title.as_deref(), Some("Graph headline"));
        assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(m.site_name.as_deref(), Some("Example Org"));
        let m = meta_of(
            r#"<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"BlogPosting","headline":"In an array","author":"Jane Doe"}]</script>"#,
        );
        assert_eq!(m.title.as_deref(), Some("In an array"));
        assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn broken_or_huge_json_ld_is_skipped_without_harm() {
        let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let m = meta_of(&format!(
            r#"<script type="application/ld+json">{{"@type":"NewsArticle",</script>
            <script type="application/ld+json">{nested}</script>
            <meta property="og:title" content="From OpenGraph">"#
        ));
        assert_eq!(m.title.as_deref(), Some("From OpenGraph"));
    }

    #[test]
    fn titles_lose_the_site_name_when_it_is_the_sites() {
        let m = meta_of(
            r#"<title>A bridge opens | Example News</title><meta property="og:site_name" content="Example News">"#,
        );
        assert_eq!(m.title.as_deref(), Some("A bridge opens"));
        let m = meta_of("<title>A bridge opens – Example</title>");
        assert_eq!(m.title.as_deref(), Some("A bridge opens"));
        let m = meta_of(
            "<title>Example News - A bridge opens</title><meta property='og:site_name' content='Example News'>",
        );
        assert_eq!(m.title.as_deref(), Some("A bridge opens"));
        // A dash inside a headline is the headline's.
        let m = meta_of("<title>Hanoi - Hai Phong expressway opens</title>");
        assert_eq!(
            m.title.as_deref(),
            Some("Hanoi - Hai Phong expressway opens")
        );
    }

    #[test]
    fn the_h1_is_the_title_when_the_title_element_starts_with_it() {
        let m = meta_of(
            "<title>A bridge opens over the river: all you need to know, news</title><h1>A bridge opens over the river</h1>",
        );
        assert_eq!(m.title.as_deref(), Some("A bridge opens over the river"));
    }

    #[test]
    fn metas_follow_dublin_core_then_open_graph_then_twitter() {
        let m = meta_of(
            r#"<meta property="og:title" content="OG"><meta name="twitter:title" content="Twitter">
            <meta name="DC.title" content="DC"><meta name="description" content="Lead text.">
            <meta property="article:published_time" content="2026-11-24T08:30:00Z">
            <meta name="author" content="Par Marie Dupont">"#,
        );
        assert_eq!(m.title.as_deref(), Some("DC"));
        assert_eq!(m.lead.as_deref(), Some("Lead text."));
        assert_eq!(m.byline.as_deref(), Some("Marie Dupont"));
        assert_eq!(
            m.published.map(|t| t.to_string()).as_deref(),
            Some("2026-11-24T08:30:00Z")
        );
    }

    #[test]
    fn bylines_come_from_author_elements_and_lose_their_prefix() {
        for (html, want) in [
            (r#"<div class="byline">By Jane Doe</div>"#, "Jane Doe"),
            (
                r#"<a rel="author" href="/a">Theo Nguyễn Văn A</a>"#,
                "Nguyễn Văn A",
            ),
            (
                r#"<span class="author-name">Von Max Mustermann</span>"#,
                "Max Mustermann",
            ),
            (r#"<p class="author">Автор: Иван Петров</p>"#, "Иван Петров"),
            (r#"<p class="author">نویسنده: علی رضایی</p>"#, "علی رضایی"),
            (
                r#"<span itemprop="author" itemscope><span itemprop="name">Jane Doe</span></span>"#,
                "Jane Doe",
            ),
        ] {
            assert_eq!(meta_of(html).byline.as_deref(), Some(want), "{html}");
        }
        let m = meta_of(
            r#"<meta name="author" content="https://facebook.com/jane"><div id="comments"><span class="author">Troll</span></div>"#,
        );
        assert_eq!(m.byline, None);
    }

    #[test]
    fn a_date_printed_after_the_name_is_left_out_of_the_byline() {
        for (html, want) in [
            (
                r#"<div class="FeatureByline"> By <b>Ann Lee</b><br>March 25, 2015</div>"#,
                Some("Ann Lee"),
            ),
            (
                r#"<cite class="byline">By GIA TRAN Sunday, Mar. 11, 2015 3:46 PM</cite>"#,
                Some("GIA TRAN"),
            ),
            (
                r#"<div class="byline">Bài: Minh Anh | 27/11/2026</div>"#,
                Some("Minh Anh"),
            ),
            (
                r#"<div class="author-line">Last Updated: May 7, 2025</div>"#,
                None,
            ),
            (r#"<span class="byline">12 comments</span>"#, None),
        ] {
            assert_eq!(meta_of(html).byline.as_deref(), want, "{html}");
        }
    }

    #[test]
    fn user_names_with_digits_give_way_to_the_printed_name() {
        let m = meta_of(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","author":"CC7567"}</script>
            <span class="author-name">Ann Lee</span>"#,
        );
        assert_eq!(m.byline.as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn dates_fall_back_to_time_elements_and_printed_date_lines() {
        let m = meta_of(
            r#"<article><time datetime="2026-11-24T08:30:00+07:00">hôm nay</time></article>"#,
        );
        assert_eq!(
            m.published.map(|t| t.to_string()).as_deref(),
            Some("2026-11-24T01:30:00Z")
        );
        let m = meta_of(r#"<span class="date">Thứ hai, 24/11/2026 08:30 (GMT+7)</span>"#);
        assert_eq!(
            m.published.map(|t| t.to_string()).as_deref(),
            Some("2026-11-24T01:30:00Z")
        );
    }

    #[test]
    fn canonical_and_image_links_are_resolved_against_the_page() {
        let m = meta_of(
            r#"<link rel="canonical" href="/news/a-bridge?x=1"><meta property="og:image" content="//cdn.example.com/a.jpg">"#,
        );
        assert_eq!(
            m.canonical.as_ref().map(Url::as_str),
            Some("https://www.example.com/news/a-bridge?x=1")
        );
        assert_eq!(
            m.image.as_ref().map(Url::as_str),
            Some("https://cdn.example.com/a.jpg")
        );
        let m = meta_of(r#"<link rel="canonical" href="javascript:alert(1)">"#);
        assert_eq!(m.canonical, None);
    }

    #[test]
    fn the_declared_language_must_fit_the_script_of_title_and_description() {
        let m = meta_of(
            r#"<html lang="fa-IR"><title>پل جدید روی رودخانه امروز افتتاح شد</title></html>"#,
        );
        assert_eq!(m.language.as_ref().map(Language::as_str), Some("fa-IR"));
        assert_eq!(m.direction, Some(Direction::Rtl));
        let m =
            meta_of(r#"<html lang="en"><title>پل جدید روی رودخانه امروز افتتاح شد</title></html>"#);
        assert_eq!(m.language, None);
        let m = meta_of(r#"<meta property="og:locale" content="vi_VN"><title>Cầu mới</title>"#);
        assert_eq!(m.language.as_ref().map(Language::as_str), Some("vi-VN"));
    }

    #[test]
    fn the_direction_of_the_article_container_wins_over_the_root() {
        let m = meta_of(r#"<html dir="ltr"><body><main dir="rtl"><p>x</p></main></body></html>"#);
        assert_eq!(m.direction, Some(Direction::Rtl));
        let m = meta_of(r#"<html dir="ltr"><body dir="rtl"></body></html>"#);
        assert_eq!(m.direction, Some(Direction::Rtl));
        let m = meta_of(r#"<html lang="ar"><body></body></html>"#);
        assert_eq!(m.direction, Some(Direction::Rtl));
    }

    #[test]
    fn hostile_pages_cost_bounded_work() {
        let mut page = String::from("<html lang='not a tag!!'><head>");
        for i in 0..5_000 {
            page.push_str(&format!("<meta name='k{i}' content='{i}'>"));
        }
        let big = format!(
            r#"{{"@type":"NewsArticle","headline":"{}"}}"#,
            "x".repeat(600 * 1024)
        );
        for _ in 0..40 {
            page.push_str(&format!(
                "<script type='application/ld+json'>{big}</script>"
            ));
        }
        page.push_str("</head><body>");
        for _ in 0..2_000 {
            page.push_str(
                "<span class='author'>By Someone Else</span><span class='date'>24/11/2026</span>",
            );
        }
        page.push_str("</body></html>");
        let started = std::time::Instant::now();
        let m = meta_of(&page);
        assert_eq!(m.title, None);
        assert_eq!(m.language, None);
        assert_eq!(m.byline.as_deref(), Some("Someone Else"));
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }
}
