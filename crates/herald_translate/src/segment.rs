//! Segmenting: an article in, the segments an engine translates out, and back again.
//!
//! The flow per article and target language, as the orchestrator runs it:
//!
//! ```text
//! let segmented = segment::split(&document, &pair.from, &entries_for_pair);
//! for each segment: memory::memory_key(engine, model, &pair, &segment.normalized, &segment.fingerprint)
//!                   → hit: the stored output; miss (and segment.translate): send segment.text
//!                   to the engine in batches; not segment.translate: segment.text itself
//! let assembled = segmented.assemble(&outputs, &pair); // title, lead, body, extras, QA flags
//! ```
//!
//! How [`split`] cuts a [`Document`]:
//! - **blocks first**: the body (sanitised HTML) is walked; block structure (`p`, `h2`–`h4`,
//!   lists, `blockquote`, tables, `figure`, `img`) goes into a template, never into segments.
//!   An `img`'s `alt` is translated as its own segment. `pre`, `script` and `style` keep their
//!   content untranslated;
//! - **then sentences** in each run of inline content, with ICU4X's sentence segmenter for the
//!   source language. A break after a known abbreviation (`Dr.`, `e.g.`, `TP.` in Vietnamese,
//!   `Sra.` in Spanish…) or an initial (`J.`) is undone, and so is a break inside an inline
//!   element: a sentence is never cut inside `<a>` or `<em>`. An inline element wrapping a whole
//!   block (a paragraph in `<strong>`) moves to the template so its sentences still split;
//! - **inline markup** (`a`, `em`, `strong`, `b`, `i`, `u`, `sub`, `sup`, `span`, `mark`,
//!   `abbr`, `bdi`, `q`, `small`, `br`, …) stays in the segment as numbered stand-ins, and
//!   numbers, addresses, codes and glossary terms become placeholders (see
//!   [`crate::protect`]); inline code (`code`, `kbd`, `samp`, `var`) and images inside links
//!   are kept whole as placeholders;
//! - the title, the lead and each extra text (image captions, subtitle cues) are plain text,
//!   split into sentences the same way;
//! - a segment with no letter outside its placeholders (a number, punctuation, whitespace)
//!   has `translate == false`: it is not sent, and its own text is passed back as its output;
//! - **bounds**: a sentence longer than [`MAX_SEGMENT_CHARS`] is cut at a space (tags open
//!   across the cut are closed and reopened); after [`MAX_SEGMENTS`] segments the rest of the
//!   document keeps its source text and [`QaFlag::SegmentLimitReached`] is raised. Empty,
//!   huge or hostile input never panics.
//!
//! [`Segmented::assemble`] restores each output (placeholders back to their text or glossary
//! form, stand-ins back to the source's tags with their attributes), fills the template,
//! sanitises the body with [`herald_ingest::sanitize_html`] and runs [`crate::qa::check`] on
//! every translated segment.

use herald_domain::glossary::TermFinder;
use herald_domain::{GlossaryEntry, Language, QaFlag};
use icu::locale::LanguageIdentifier;
use icu::segmenter::SentenceSegmenter;
use icu::segmenter::options::SentenceBreakOptions;
use scraper::node::Element;
use scraper::{Html, Node};

use crate::Pair;
use crate::glossary::{self, Expected};
use crate::memory;
use crate::protect::{self, Shield, Token, escape_attribute, escape_text};
use crate::qa;

/// Longest segment, in characters, before it is cut at a space.
pub const MAX_SEGMENT_CHARS: usize = 600;

/// Most segments per document; the rest keeps its source text.
pub const MAX_SEGMENTS: usize = 3000;

/// An article's text in its source language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Headline, plain text.
    pub title: String,
    /// Lead, plain text.
    pub lead: String,
    /// Body, sanitised HTML blocks.
    pub body: String,
    /// Other plain texts translated with the article: image captions, subtitle cues.
    pub extras: Vec<String>,
}

/// Where a segment comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The headline.
    Title,
    /// The lead.
    Lead,
    /// The body (text or an image's `alt`).
    Body,
    /// The extra text at that index.
    Extra(usize),
}

/// How a segment's output is placed in its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// HTML in the body.
    Html,
    /// Plain text inside a double-quoted attribute in the body.
    Attribute,
    /// Plain text in a plain field.
    Text,
}

/// One unit of translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// What the engine gets: an HTML fragment with stand-ins and `<var>N</var>` placeholders.
    pub text: String,
    /// `text` as memory keys see it ([`memory::normalize`]).
    pub normalized: String,
    /// The glossary fingerprint of the entries found in this segment (empty if none).
    pub fingerprint: String,
    /// Whether to send it to an engine; if not, pass `text` back as its output.
    pub translate: bool,
    /// Where it comes from.
    pub field: Field,
    context: Context,
    shield: Shield,
    expected: Vec<Expected>,
}

impl Segment {
    /// Its placeholders and stand-ins, to restore an output by hand (the admin's preview).
    #[must_use]
    pub fn shield(&self) -> &Shield {
        &self.shield
    }

    /// The glossary forms its output must contain.
    #[must_use]
    pub fn expected(&self) -> &[Expected] {
        &self.expected
    }
}

/// A piece of a field's template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// Kept as it is: HTML in the body, text in plain fields.
    Literal(String),
    /// The output of that segment.
    Segment(usize),
}

/// A document cut into segments, with the templates to put it back together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segmented {
    /// The segments, in document order (title, lead, body, extras).
    pub segments: Vec<Segment>,
    title: Vec<Piece>,
    lead: Vec<Piece>,
    body: Vec<Piece>,
    extras: Vec<Vec<Piece>>,
    capped: bool,
}

/// A translated document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assembled {
    /// Headline.
    pub title: String,
    /// Lead.
    pub lead: String,
    /// Body, sanitised.
    pub body: String,
    /// Extra texts, in the order given.
    pub extras: Vec<String>,
    /// Quality flags for the whole version, each once.
    pub flags: Vec<QaFlag>,
}

/// Cuts `doc`, written in `from`, into segments, protecting the terms of `glossary` (the
/// entries of the pair being translated). See the module docs.
#[must_use]
pub fn split(doc: &Document, from: &Language, glossary: &[GlossaryEntry]) -> Segmented {
    let mut splitter = Splitter {
        sentences: Sentences::new(from),
        finder: TermFinder::new(glossary),
        entries: glossary,
        segments: Vec::new(),
        capped: false,
    };
    let title = splitter.plain(&doc.title, Field::Title);
    let lead = splitter.plain(&doc.lead, Field::Lead);
    let body = splitter.body(&doc.body);
    let extras = doc
        .extras
        .iter()
        .enumerate()
        .map(|(i, text)| splitter.plain(text, Field::Extra(i)))
        .collect();
    Segmented {
        segments: splitter.segments,
        title,
        lead,
        body,
        extras,
        capped: splitter.capped,
    }
}

impl Segmented {
    /// Puts the document back together from `outputs`, where `outputs[i]` is the engine's
    /// output for `segments[i]` (a segment's own `text` where it was not translated). A
    /// missing output keeps the source text and raises [`QaFlag::Untranslated`]; extra
    /// outputs are ignored; an output more than eight times its segment's length is cut and
    /// raises [`QaFlag::LengthOutOfProportion`].
    #[must_use]
    pub fn assemble(&self, outputs: &[String], pair: &Pair) -> Assembled {
        let mut restored = Vec::with_capacity(self.segments.len());
        let mut flags = Vec::with_capacity(self.segments.len() + 1);
        for (i, segment) in self.segments.iter().enumerate() {
            // Whitespace around a segment lives in the template; engines add their own.
            let given = outputs.get(i).map(|o| o.trim());
            let (output, cut) = bound_output(given.unwrap_or(&segment.text), &segment.text);
            let back = segment.shield.restore(output);
            let mut segment_flags = back.flags;
            if cut {
                segment_flags.push(QaFlag::LengthOutOfProportion);
            }
            if segment.translate {
                if given.is_some() {
                    let source = segment.shield.restore(&segment.text).html;
                    segment_flags.extend(qa::check(&source, &back.html, pair, &segment.expected));
                } else {
                    segment_flags.push(QaFlag::Untranslated);
                }
            }
            flags.push(segment_flags);
            restored.push(back.html);
        }
        if self.capped {
            flags.push(vec![QaFlag::SegmentLimitReached]);
        }
        let body = self.fill(&self.body, &restored);
        Assembled {
            title: self.fill(&self.title, &restored),
            lead: self.fill(&self.lead, &restored),
            body: herald_ingest::sanitize_html(&body, None),
            extras: self
                .extras
                .iter()
                .map(|pieces| self.fill(pieces, &restored))
                .collect(),
            flags: qa::merge(flags),
        }
    }

    fn fill(&self, pieces: &[Piece], restored: &[String]) -> String {
        let mut out = String::new();
        for piece in pieces {
            match piece {
                Piece::Literal(literal) => out.push_str(literal),
                Piece::Segment(i) => {
                    let (Some(segment), Some(html)) = (self.segments.get(*i), restored.get(*i))
                    else {
                        continue;
                    };
                    match segment.context {
                        Context::Html => out.push_str(html),
                        Context::Attribute => escape_attribute(&text_of(html), &mut out),
                        Context::Text => out.push_str(&text_of(html)),
                    }
                }
            }
        }
        out
    }
}

/// An output is cut past this many times its segment's length (plus [`OUTPUT_SLACK`] bytes):
/// no translation is that much longer, and the bound keeps assembling linear in the input
/// whatever an engine returns.
const OUTPUT_FACTOR: usize = 8;

/// See [`OUTPUT_FACTOR`].
const OUTPUT_SLACK: usize = 1024;

/// `output`, cut at a character boundary if it is out of all proportion to `source`, and
/// whether it was cut.
fn bound_output<'o>(output: &'o str, source: &str) -> (&'o str, bool) {
    let limit = source
        .len()
        .saturating_mul(OUTPUT_FACTOR)
        .saturating_add(OUTPUT_SLACK);
    if output.len() <= limit {
        return (output, false);
    }
    let mut end = limit;
    while !output.is_char_boundary(end) {
        end -= 1;
    }
    (&output[..end], true)
}

/// The text of an HTML fragment, as a browser would show it.
fn text_of(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return html.to_owned();
    }
    Html::parse_fragment(html).root_element().text().collect()
}

/// Inline elements kept in segments as stand-ins.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "del", "dfn", "em", "i", "ins", "mark", "q", "s",
    "small", "span", "strong", "sub", "sup", "time", "u",
];

/// Inline elements kept whole, untranslated, as placeholders.
const VERBATIM: &[&str] = &["code", "kbd", "samp", "var", "ruby", "math", "svg"];

/// Elements whose content is not translated and stays in the template.
const UNTRANSLATED: &[&str] = &["pre", "script", "style", "template", "textarea", "noscript"];

/// Elements without an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Element content being copied whole.
struct Copying {
    depth: usize,
    html: String,
    text: String,
    /// Into the run as a placeholder (inline code) rather than the template (`pre`).
    inline: bool,
}

/// The state of the walk over the body.
#[derive(Default)]
struct Walk {
    out: Vec<Piece>,
    run: Vec<Token>,
    /// Inline elements open at this point: name and start tag.
    inline: Vec<(String, String)>,
    copying: Option<Copying>,
}

struct Splitter<'g> {
    sentences: Sentences,
    finder: TermFinder,
    entries: &'g [GlossaryEntry],
    segments: Vec<Segment>,
    capped: bool,
}

impl Splitter<'_> {
    fn plain(&mut self, text: &str, field: Field) -> Vec<Piece> {
        let text = herald_domain::text::normalize(text);
        let mut out = Vec::new();
        self.run(vec![Token::Text(text)], Context::Text, field, &mut out);
        out
    }

    fn body(&mut self, html: &str) -> Vec<Piece> {
        // Sanitising again bounds nesting and size before the parser sees the input, and makes
        // the walk see exactly what the assembled body will be compared with.
        let html = herald_ingest::sanitize_html(html, None);
        let document = Html::parse_fragment(&html);
        let root = document.root_element();
        let mut walk = Walk::default();
        // Iterative depth-first walk: no recursion, whatever the nesting.
        let mut current = root.first_child();
        while let Some(node) = current {
            self.open(node.value(), &mut walk);
            if let Some(child) = node.first_child() {
                current = Some(child);
                continue;
            }
            let mut n = node;
            current = loop {
                self.close(n.value(), &mut walk);
                if let Some(sibling) = n.next_sibling() {
                    break Some(sibling);
                }
                match n.parent() {
                    Some(parent) if parent.id() != root.id() => n = parent,
                    _ => break None,
                }
            };
        }
        if let Some(copying) = walk.copying.take() {
            walk.out.push(Piece::Literal(copying.html));
        }
        self.flush(&mut walk);
        walk.out
    }

    fn open(&mut self, node: &Node, walk: &mut Walk) {
        match node {
            Node::Text(text) => {
                if let Some(copying) = &mut walk.copying {
                    escape_text(text, &mut copying.html);
                    copying.text.push_str(text);
                } else {
                    walk.run
                        .push(Token::Text(herald_domain::text::normalize(text)));
                }
            }
            Node::Element(element) => {
                let name = element.name();
                if let Some(copying) = &mut walk.copying {
                    copying.depth += 1;
                    copying.html.push_str(&start_tag(element));
                    return;
                }
                let inline_image = name == "img" && !walk.inline.is_empty();
                if VERBATIM.contains(&name) || inline_image {
                    walk.copying = Some(Copying {
                        depth: 1,
                        html: start_tag(element),
                        text: String::new(),
                        inline: true,
                    });
                } else if UNTRANSLATED.contains(&name) {
                    self.flush(walk);
                    walk.copying = Some(Copying {
                        depth: 1,
                        html: start_tag(element),
                        text: String::new(),
                        inline: false,
                    });
                } else if name == "br" {
                    if walk.inline.is_empty() {
                        self.flush(walk);
                        walk.out.push(Piece::Literal("<br>".to_owned()));
                    } else {
                        walk.run.push(Token::Void {
                            name: name.to_owned(),
                            html: start_tag(element),
                        });
                    }
                } else if name == "img" {
                    self.flush(walk);
                    self.image(element, walk);
                } else if INLINE.contains(&name) {
                    let html = start_tag(element);
                    walk.run.push(Token::Open {
                        name: name.to_owned(),
                        html: html.clone(),
                    });
                    walk.inline.push((name.to_owned(), html));
                } else {
                    self.flush(walk);
                    walk.out.push(Piece::Literal(start_tag(element)));
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, node: &Node, walk: &mut Walk) {
        let Node::Element(element) = node else {
            return;
        };
        let name = element.name();
        if let Some(copying) = &mut walk.copying {
            copying.depth -= 1;
            if !VOID.contains(&name) {
                copying.html.push_str("</");
                copying.html.push_str(name);
                copying.html.push('>');
            }
            if copying.depth == 0
                && let Some(done) = walk.copying.take()
            {
                if done.inline {
                    walk.run.push(Token::Verbatim {
                        html: done.html,
                        text: done.text,
                    });
                } else {
                    walk.out.push(Piece::Literal(done.html));
                }
            }
            return;
        }
        if VOID.contains(&name) {
            return;
        }
        if INLINE.contains(&name) {
            if let Some(pos) = walk.inline.iter().rposition(|(n, _)| n == name) {
                walk.inline.truncate(pos);
                walk.run.push(Token::Close {
                    name: name.to_owned(),
                });
            }
            return;
        }
        self.flush(walk);
        walk.out.push(Piece::Literal(format!("</{name}>")));
    }

    /// Ends the current run at a block boundary. Inline elements open across the boundary (a
    /// block inside a link) are closed before it and reopened after it.
    fn flush(&mut self, walk: &mut Walk) {
        for (name, _) in walk.inline.iter().rev() {
            walk.run.push(Token::Close { name: name.clone() });
        }
        let run = std::mem::take(&mut walk.run);
        self.run(run, Context::Html, Field::Body, &mut walk.out);
        walk.run = walk
            .inline
            .iter()
            .map(|(name, html)| Token::Open {
                name: name.clone(),
                html: html.clone(),
            })
            .collect();
    }

    fn image(&mut self, element: &Element, walk: &mut Walk) {
        let mut tag = String::from("<img");
        for (name, value) in element.attrs() {
            if name == "alt" && value.chars().any(char::is_alphabetic) {
                tag.push_str(" alt=\"");
                walk.out.push(Piece::Literal(std::mem::take(&mut tag)));
                let alt = herald_domain::text::normalize(value);
                self.run(
                    vec![Token::Text(alt)],
                    Context::Attribute,
                    Field::Body,
                    &mut walk.out,
                );
                tag.push('"');
            } else {
                push_attribute(&mut tag, name, value);
            }
        }
        tag.push('>');
        walk.out.push(Piece::Literal(tag));
    }

    /// Cuts one run of inline content into sentence segments, appending to `out`.
    fn run(&mut self, tokens: Vec<Token>, context: Context, field: Field, out: &mut Vec<Piece>) {
        let literal = |tokens: &[Token]| match context {
            Context::Html => tokens_html(tokens),
            Context::Attribute | Context::Text => tokens
                .iter()
                .map(|t| match t {
                    Token::Text(text) => text.as_str(),
                    _ => "",
                })
                .collect(),
        };
        let (lead, tokens, trail) = peel(tokens);
        push_literal(out, lead);
        if tokens.iter().any(has_content) {
            for part in self.sentences.split(tokens) {
                match part {
                    Part::Space(space) => push_literal(out, space),
                    Part::Sentence(sentence) => {
                        if self.segments.len() >= MAX_SEGMENTS {
                            self.capped = true;
                            push_literal(out, literal(&sentence));
                        } else {
                            out.push(Piece::Segment(self.segments.len()));
                            let segment = self.segment(&sentence, context, field);
                            self.segments.push(segment);
                        }
                    }
                }
            }
        } else {
            push_literal(out, literal(&tokens));
        }
        push_literal(out, trail);
    }

    fn segment(&self, tokens: &[Token], context: Context, field: Field) -> Segment {
        let shielded = protect::shield(tokens, &self.finder, self.entries);
        let matched: Vec<&GlossaryEntry> = shielded
            .terms
            .iter()
            .filter_map(|(i, _)| self.entries.get(*i))
            .collect();
        let mut expected: Vec<Expected> = Vec::new();
        for (i, as_written) in &shielded.terms {
            if let Some(entry) = self.entries.get(*i) {
                let e = Expected {
                    term: entry.term.clone(),
                    form: glossary::target_form(entry, as_written),
                };
                if !expected.contains(&e) {
                    expected.push(e);
                }
            }
        }
        Segment {
            normalized: memory::normalize(&shielded.text),
            fingerprint: glossary::fingerprint(matched),
            translate: shielded.has_words,
            text: shielded.text,
            field,
            context,
            shield: shielded.shield,
            expected,
        }
    }
}

fn push_literal(out: &mut Vec<Piece>, literal: String) {
    if literal.is_empty() {
        return;
    }
    if let Some(Piece::Literal(last)) = out.last_mut() {
        last.push_str(&literal);
    } else {
        out.push(Piece::Literal(literal));
    }
}

fn has_content(token: &Token) -> bool {
    match token {
        Token::Text(t) => !t.trim().is_empty(),
        Token::Verbatim { .. } => true,
        _ => false,
    }
}

fn tokens_html(tokens: &[Token]) -> String {
    let mut out = String::new();
    for token in tokens {
        token.to_html(&mut out);
    }
    out
}

fn start_tag(element: &Element) -> String {
    let mut tag = String::from("<");
    tag.push_str(element.name());
    for (name, value) in element.attrs() {
        push_attribute(&mut tag, name, value);
    }
    tag.push('>');
    tag
}

fn push_attribute(tag: &mut String, name: &str, value: &str) {
    tag.push(' ');
    tag.push_str(name);
    tag.push_str("=\"");
    escape_attribute(value, tag);
    tag.push('"');
}

/// Moves leading and trailing whitespace, and inline elements wrapping the whole run, out of
/// it: (before, the run, after), the outer parts as HTML.
fn peel(mut tokens: Vec<Token>) -> (String, Vec<Token>, String) {
    let mut lead = String::new();
    let mut trail: Vec<String> = Vec::new();
    let (mut lo, mut hi) = (0, tokens.len());
    loop {
        while lo < hi {
            let Token::Text(t) = &mut tokens[lo] else {
                break;
            };
            let kept = t.trim_start().len();
            lead.push_str(&t[..t.len() - kept]);
            if kept == 0 {
                lo += 1;
            } else {
                *t = t[t.len() - kept..].to_owned();
                break;
            }
        }
        while hi > lo {
            let Token::Text(t) = &mut tokens[hi - 1] else {
                break;
            };
            let kept = t.trim_end().len();
            trail.push(t[kept..].to_owned());
            if kept == 0 {
                hi -= 1;
            } else {
                t.truncate(kept);
                break;
            }
        }
        let wraps = matches!(tokens.get(lo), Some(Token::Open { .. }))
            && hi > lo + 1
            && matching_close(&tokens[lo..hi]) == Some(hi - lo - 1);
        if !wraps {
            break;
        }
        tokens[lo].to_html(&mut lead);
        let mut close = String::new();
        tokens[hi - 1].to_html(&mut close);
        trail.push(close);
        lo += 1;
        hi -= 1;
    }
    tokens.truncate(hi);
    tokens.drain(..lo);
    trail.reverse();
    (lead, tokens, trail.concat())
}

/// Index of the token closing the element opened by `tokens[0]`.
fn matching_close(tokens: &[Token]) -> Option<usize> {
    let mut depth = 0_usize;
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Open { .. } => depth += 1,
            Token::Close { .. } => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// A run cut into sentences, with the whitespace between them.
enum Part {
    Sentence(Vec<Token>),
    Space(String),
}

/// ICU4X's sentence segmenter for a language, with the abbreviations that do not end a
/// sentence in it.
struct Sentences {
    /// Tailored for the language when ICU has data for it; the root rules otherwise.
    tailored: Option<SentenceSegmenter>,
    abbreviations: Vec<&'static str>,
}

/// Abbreviations in every Latin-script language Herald reads.
const ABBREVIATIONS: &[&str] = &[
    "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "St.", "Jr.", "Sr.", "Mt.", "Gen.", "Col.", "Lt.",
    "Sgt.", "Capt.", "Gov.", "Sen.", "Rep.", "Rev.", "Inc.", "Ltd.", "Co.", "Corp.", "No.", "Nos.",
    "e.g.", "i.e.", "vs.", "cf.", "approx.", "Jan.", "Feb.", "Apr.", "Aug.", "Sep.", "Sept.",
    "Oct.", "Nov.", "Dec.", "Fig.", "Vol.", "pp.", "Ph.D.",
];

/// Per language, on top of [`ABBREVIATIONS`].
const LANGUAGE_ABBREVIATIONS: &[(&str, &[&str])] = &[
    (
        "vi",
        &[
            "TP.", "Tp.", "TT.", "PGS.", "GS.", "TS.", "ThS.", "BS.", "KS.", "CN.", "NXB.", "TX.",
            "Th.", "ĐH.", "Q.", "P.",
        ],
    ),
    (
        "es",
        &[
            "Sra.", "Srta.", "Dra.", "Ud.", "Uds.", "pág.", "núm.", "aprox.", "Av.", "Avda.",
            "Dña.", "Excmo.",
        ],
    ),
    ("pt", &["Sra.", "Dra.", "Av.", "pág.", "núm."]),
    ("fr", &["M.", "Mme.", "Mlle.", "MM.", "av.", "bd.", "p.ex."]),
    ("de", &["z.B.", "Nr.", "bzw.", "ca.", "Hr.", "Fr.", "Str."]),
    ("ca", &["Sra.", "Dra.", "pàg.", "núm.", "Av."]),
];

impl Sentences {
    fn new(language: &Language) -> Self {
        let tailored = [language.as_str(), language.primary()]
            .into_iter()
            .find_map(|tag| LanguageIdentifier::try_from_str(tag).ok())
            .and_then(|id| {
                let mut options = SentenceBreakOptions::default();
                options.content_locale = Some(&id);
                SentenceSegmenter::try_new(options).ok()
            });
        let mut abbreviations = ABBREVIATIONS.to_vec();
        for (primary, list) in LANGUAGE_ABBREVIATIONS {
            if *primary == language.primary() {
                abbreviations.extend_from_slice(list);
            }
        }
        Self {
            tailored,
            abbreviations,
        }
    }

    fn breaks(&self, text: &str) -> Vec<usize> {
        match &self.tailored {
            Some(segmenter) => segmenter.as_borrowed().segment_str(text).collect(),
            None => SentenceSegmenter::new(Default::default())
                .segment_str(text)
                .collect(),
        }
    }

    /// Whether the text before a break ends with an abbreviation or an initial.
    fn ends_with_abbreviation(&self, before: &str) -> bool {
        let before = before.trim_end();
        let word = before
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or(before)
            .trim_start_matches(|c: char| !c.is_alphanumeric());
        let mut chars = word.chars();
        if let (Some(first), Some('.'), None) = (chars.next(), chars.next(), chars.next())
            && first.is_uppercase()
        {
            return true;
        }
        self.abbreviations.iter().any(|a| {
            word.strip_suffix(a)
                .is_some_and(|head| head.is_empty() || head.ends_with('.'))
        })
    }

    fn split(&self, tokens: Vec<Token>) -> Vec<Part> {
        // The run's text, and where text outside any inline element lies in it: only there
        // may a sentence end.
        let mut plain = String::new();
        let mut outside: Vec<(usize, usize)> = Vec::new();
        let mut texts: Vec<(usize, usize)> = Vec::new();
        let mut depth = 0_usize;
        for token in &tokens {
            let start = plain.len();
            match token {
                Token::Open { .. } => depth += 1,
                Token::Close { .. } => depth = depth.saturating_sub(1),
                Token::Text(t) => {
                    plain.push_str(t);
                    texts.push((start, plain.len()));
                    if depth == 0 {
                        outside.push((start, plain.len()));
                    }
                }
                Token::Verbatim { .. } => plain.push_str(verbatim_text(token)),
                Token::Void { .. } => {}
            }
        }
        let inside = |ranges: &[(usize, usize)], at: usize| {
            let i = ranges.partition_point(|&(_, end)| end < at);
            ranges.get(i).is_some_and(|&(start, _)| start <= at)
        };
        let mut cuts: Vec<usize> = self
            .breaks(&plain)
            .into_iter()
            .filter(|&b| b > 0 && b < plain.len())
            .filter(|&b| inside(&outside, b))
            .filter(|&b| !self.ends_with_abbreviation(&plain[..b]))
            .collect();
        cuts = bound_lengths(&plain, cuts, |at| inside(&texts, at));
        let mut parts = Vec::new();
        for piece in cut(tokens, &cuts) {
            let (lead, piece, trail) = trim_piece(piece);
            if !lead.is_empty() {
                parts.push(Part::Space(lead));
            }
            if !piece.is_empty() {
                parts.push(Part::Sentence(piece));
            }
            if !trail.is_empty() {
                parts.push(Part::Space(trail));
            }
        }
        parts
    }
}

/// What a verbatim token contributes to the run's text.
fn verbatim_text(token: &Token) -> &str {
    match token {
        Token::Verbatim { text, .. } if !text.is_empty() => text,
        // An image kept whole still sits between words.
        Token::Verbatim { .. } => "\u{FFFC}",
        _ => "",
    }
}

/// Adds cuts so that no piece of `plain` between cuts is longer than [`MAX_SEGMENT_CHARS`]:
/// after the last space inside text within the limit, else at the limit itself.
fn bound_lengths(plain: &str, cuts: Vec<usize>, in_text: impl Fn(usize) -> bool) -> Vec<usize> {
    let mut out = Vec::with_capacity(cuts.len());
    let mut start = 0;
    for end in cuts.into_iter().chain(std::iter::once(plain.len())) {
        while let Some((limit, _)) = plain[start..end].char_indices().nth(MAX_SEGMENT_CHARS) {
            let limit = start + limit;
            let window = &plain[start..limit];
            let at_space = window
                .char_indices()
                .rev()
                .filter(|&(i, c)| c.is_whitespace() && i > 0)
                .map(|(i, c)| start + i + c.len_utf8())
                .find(|&at| in_text(at));
            let at = at_space.or_else(|| in_text(limit).then_some(limit));
            match at {
                Some(at) if at > start => {
                    out.push(at);
                    start = at;
                }
                // No place to cut inside text (a huge piece of code): leave it whole.
                _ => break,
            }
        }
        if end < plain.len() {
            out.push(end);
        }
        start = end;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Cuts `tokens` at the given offsets of their text. Inline elements open at a cut are closed
/// before it and reopened after it, so every piece is balanced.
fn cut(tokens: Vec<Token>, cuts: &[usize]) -> Vec<Vec<Token>> {
    let mut pieces = Vec::new();
    let mut current: Vec<Token> = Vec::new();
    let mut open: Vec<(String, String)> = Vec::new();
    let mut at = 0_usize;
    let mut next = 0_usize;
    let mut due =
        |at: usize, next: &mut usize, current: &mut Vec<Token>, open: &[(String, String)]| {
            let mut is_due = false;
            while cuts.get(*next).is_some_and(|&c| c <= at) {
                *next += 1;
                is_due = true;
            }
            if is_due && current.iter().any(has_content) {
                for (name, _) in open.iter().rev() {
                    current.push(Token::Close { name: name.clone() });
                }
                pieces.push(std::mem::take(current));
                current.extend(open.iter().map(|(name, html)| Token::Open {
                    name: name.clone(),
                    html: html.clone(),
                }));
            }
        };
    for token in tokens {
        match token {
            Token::Close { ref name } => {
                if let Some(pos) = open.iter().rposition(|(n, _)| n == name) {
                    open.truncate(pos);
                }
                current.push(token);
            }
            Token::Text(text) => {
                let mut rest = text.as_str();
                loop {
                    due(at, &mut next, &mut current, &open);
                    let end = at + rest.len();
                    match cuts.get(next) {
                        Some(&c) if c < end && rest.is_char_boundary(c - at) => {
                            current.push(Token::Text(rest[..c - at].to_owned()));
                            rest = &rest[c - at..];
                            at = c;
                        }
                        _ => {
                            current.push(Token::Text(rest.to_owned()));
                            at = end;
                            break;
                        }
                    }
                }
            }
            Token::Open { ref name, ref html } => {
                due(at, &mut next, &mut current, &open);
                open.push((name.clone(), html.clone()));
                current.push(token);
            }
            Token::Verbatim { .. } => {
                due(at, &mut next, &mut current, &open);
                at += verbatim_text(&token).len();
                current.push(token);
            }
            Token::Void { .. } => {
                due(at, &mut next, &mut current, &open);
                current.push(token);
            }
        }
    }
    pieces.push(current);
    pieces
}

/// Moves whitespace at the edges of a piece out of it.
fn trim_piece(mut piece: Vec<Token>) -> (String, Vec<Token>, String) {
    let mut lead = String::new();
    let mut trail = String::new();
    if let Some(Token::Text(t)) = piece.first_mut() {
        let kept = t.trim_start().len();
        lead = t[..t.len() - kept].to_owned();
        *t = t[t.len() - kept..].to_owned();
    }
    if let Some(Token::Text(t)) = piece.last_mut() {
        let kept = t.trim_end().len();
        trail = t[kept..].to_owned();
        t.truncate(kept);
    }
    piece.retain(|t| !matches!(t, Token::Text(text) if text.is_empty()));
    if !piece.iter().any(has_content) {
        // Only whitespace and empty tags: keep it all as space.
        let mut html = lead;
        html.push_str(&tokens_html(&piece));
        html.push_str(&trail);
        return (html, Vec::new(), String::new());
    }
    (lead, piece, trail)
}
