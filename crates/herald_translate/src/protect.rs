//! Protection: what an engine must not touch is taken out of a segment before translation and
//! put back afterwards.
//!
//! In the engine's form of a segment ([`crate::segment::Segment::text`]):
//! - numbers as written (`3,500`, `1.234,5`, `27/11/2026`, `10:30`, `۱۲۳`, `١٢٣`), web
//!   addresses, e-mail addresses, `@handles`, codes (`A320`, `COVID-19`, `57-KL/TW`), glossary
//!   terms and inline code (`<code>`, `<kbd>`, …) are placeholders `<var>N</var>`, numbered
//!   from 1 in each segment. Engines keep `<var>` elements in place (Apertium's HTML mode does;
//!   empty elements such as `<span></span>` would break its sentence handling instead);
//! - inline tags are stand-ins with the tag's name and a number, `<a id="1">…</a>`, so an
//!   engine never sees (or mangles) an `href`; void ones (`<br>`) likewise;
//! - text is HTML-escaped (`&amp;`, `&lt;`, `&gt;`).
//!
//! [`Shield::restore`] reads an engine's output back: each placeholder becomes its text (as
//! written in the source; a forced glossary term or a name as its target form), each stand-in
//! the source's own tag with its attributes byte for byte. It never trusts the output: unknown
//! tags are dropped, closing tags close only what the segment opened, a stray `<` is escaped,
//! and what is left open is closed, so a segment cannot unbalance the page around it. What
//! could not be restored is reported as [`QaFlag`]s.
//!
//! Order of protection where spans overlap: addresses first (a glossary term inside a URL must
//! not split it), then glossary terms (longest first), then handles, codes and numbers.

use std::ops::Range;

use herald_domain::glossary::TermFinder;
use herald_domain::{GlossaryEntry, GlossaryKind, QaFlag};

use crate::glossary;

/// A piece of a segment's source: text, an inline tag, or markup kept whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// Text, unescaped.
    Text(String),
    /// An inline element's start tag, serialised as in the source.
    Open { name: String, html: String },
    /// The end of the innermost open inline element of that name.
    Close { name: String },
    /// A void inline element (`<br>`), serialised.
    Void { name: String, html: String },
    /// Markup kept whole and untranslated (inline code), with its visible text.
    Verbatim { html: String, text: String },
}

impl Token {
    /// The token as HTML.
    pub(crate) fn to_html(&self, out: &mut String) {
        match self {
            Self::Text(t) => escape_text(t, out),
            Self::Open { html, .. } | Self::Void { html, .. } | Self::Verbatim { html, .. } => {
                out.push_str(html);
            }
            Self::Close { name } => {
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
        }
    }
}

/// What a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protected {
    /// A number with its separators.
    Number,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// A social-media handle.
    Handle,
    /// A code mixing letters and digits, or capitals joined by `/` or `-`.
    Code,
    /// A glossary term of that kind.
    Term(GlossaryKind),
    /// Inline markup kept whole (code, keyboard input), HTML in `source` and `target`.
    Markup,
}

/// One placeholder of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// What it stands for.
    pub kind: Protected,
    /// The text as written in the source.
    pub source: String,
    /// What it becomes in the output: the source text, or a glossary term's target form.
    pub target: String,
}

/// An inline tag replaced by a stand-in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct StandIn {
    name: String,
    html: String,
    void: bool,
}

/// What a segment's engine form hides: its placeholders and its inline tags, numbered from 1.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shield {
    placeholders: Vec<Placeholder>,
    tags: Vec<StandIn>,
}

/// An output put back together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The output as an HTML fragment with the source's inline tags, balanced.
    pub html: String,
    /// Placeholders lost or repeated, stand-ins lost.
    pub flags: Vec<QaFlag>,
}

/// A segment in the engine's form, with what is needed to restore it.
#[derive(Debug, Clone)]
pub(crate) struct Shielded {
    pub(crate) text: String,
    pub(crate) shield: Shield,
    /// Glossary matches: entry index, and the term as written.
    pub(crate) terms: Vec<(usize, String)>,
    /// Whether any letter is left for the engine outside placeholders.
    pub(crate) has_words: bool,
}

/// Which span wins when two overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpanKind {
    Plain(Protected),
    Term(usize),
}

/// Turns `tokens` into the engine's form. Glossary terms are looked up in each text token with
/// `finder`, built from `entries`.
pub(crate) fn shield(tokens: &[Token], finder: &TermFinder, entries: &[GlossaryEntry]) -> Shielded {
    let mut text = String::new();
    let mut shield = Shield::default();
    let mut terms = Vec::new();
    let mut has_words = false;
    for token in tokens {
        match token {
            Token::Text(t) => {
                let glossary_spans: Vec<(Range<usize>, usize)> = finder
                    .find(t)
                    .into_iter()
                    .map(|m| (m.range, m.entry))
                    .collect();
                let mut at = 0;
                for (range, kind) in spans(t, &glossary_spans) {
                    let (Some(before), Some(source)) =
                        (t.get(at..range.start), t.get(range.clone()))
                    else {
                        continue;
                    };
                    has_words |= before.chars().any(char::is_alphabetic);
                    escape_text(before, &mut text);
                    let placeholder = match kind {
                        SpanKind::Plain(kind) => Placeholder {
                            kind,
                            source: source.to_owned(),
                            target: source.to_owned(),
                        },
                        // The finder was built from `entries`, so the index is in range; a
                        // term without its entry is left as text rather than guessed at.
                        SpanKind::Term(index) => match entries.get(index) {
                            Some(entry) => {
                                terms.push((index, source.to_owned()));
                                Placeholder {
                                    kind: Protected::Term(entry.kind),
                                    source: source.to_owned(),
                                    target: glossary::target_form(entry, source),
                                }
                            }
                            None => {
                                has_words |= source.chars().any(char::is_alphabetic);
                                escape_text(source, &mut text);
                                at = range.end;
                                continue;
                            }
                        },
                    };
                    shield.placeholders.push(placeholder);
                    push_var(shield.placeholders.len(), &mut text);
                    at = range.end;
                }
                let rest = t.get(at..).unwrap_or_default();
                has_words |= rest.chars().any(char::is_alphabetic);
                escape_text(rest, &mut text);
            }
            Token::Open { name, html } | Token::Void { name, html } => {
                let void = matches!(token, Token::Void { .. });
                shield.tags.push(StandIn {
                    name: name.clone(),
                    html: html.clone(),
                    void,
                });
                text.push('<');
                text.push_str(name);
                text.push_str(" id=\"");
                text.push_str(&shield.tags.len().to_string());
                text.push_str("\">");
            }
            Token::Close { name } => {
                text.push_str("</");
                text.push_str(name);
                text.push('>');
            }
            Token::Verbatim { html, .. } => {
                shield.placeholders.push(Placeholder {
                    kind: Protected::Markup,
                    source: html.clone(),
                    target: html.clone(),
                });
                push_var(shield.placeholders.len(), &mut text);
            }
        }
    }
    Shielded {
        text,
        shield,
        terms,
        has_words,
    }
}

fn push_var(n: usize, out: &mut String) {
    out.push_str("<var>");
    out.push_str(&n.to_string());
    out.push_str("</var>");
}

/// The spans of `text` to protect that are not glossary terms — numbers, addresses, handles,
/// codes — in text order, not overlapping.
#[must_use]
pub fn find_protected(text: &str) -> Vec<(Range<usize>, Protected)> {
    spans(text, &[])
        .into_iter()
        .filter_map(|(range, kind)| match kind {
            SpanKind::Plain(p) => Some((range, p)),
            SpanKind::Term(_) => None,
        })
        .collect()
}

/// Every span to protect in `text`, given the glossary's matches in it.
fn spans(text: &str, glossary_spans: &[(Range<usize>, usize)]) -> Vec<(Range<usize>, SpanKind)> {
    let mut addresses = Vec::new();
    let mut others = Vec::new();
    for word in words(text) {
        classify(text, word, &mut addresses, &mut others);
    }
    let mut kept: Vec<(Range<usize>, SpanKind)> = addresses;
    let overlaps = |kept: &[(Range<usize>, SpanKind)], r: &Range<usize>| {
        kept.iter().any(|(k, _)| k.start < r.end && r.start < k.end)
    };
    for (range, entry) in glossary_spans {
        if !overlaps(&kept, range) {
            kept.push((range.clone(), SpanKind::Term(*entry)));
        }
    }
    for (range, kind) in others {
        if !overlaps(&kept, &range) {
            kept.push((range, kind));
        }
    }
    kept.sort_by_key(|(r, _)| r.start);
    kept
}

/// Byte ranges of the whitespace-separated words of `text`.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start: Option<usize> = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(i, c)| {
            if c.is_whitespace() {
                start.take().map(|s| s..i)
            } else {
                if start.is_none() {
                    start = Some(i);
                }
                None
            }
        })
}

/// Punctuation that ends a sentence or closes a bracket after an address, not part of it.
const URL_TRAILING: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'', '»', '›', '”', '’', '…', '،', '؛',
    '。', '、', '，',
];

fn classify(
    text: &str,
    word: Range<usize>,
    addresses: &mut Vec<(Range<usize>, SpanKind)>,
    others: &mut Vec<(Range<usize>, SpanKind)>,
) {
    let Some(w) = text.get(word.clone()) else {
        return;
    };
    let lead = w
        .char_indices()
        .find(|&(_, c)| c.is_alphanumeric() || c == '@')
        .map_or(w.len(), |(i, _)| i);
    let start = word.start + lead;
    let core = &w[lead..];
    let lower = core.get(..8).unwrap_or(core).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        let url = core.trim_end_matches(URL_TRAILING);
        if url.len() > 4 {
            addresses.push((start..start + url.len(), SpanKind::Plain(Protected::Url)));
        }
        return;
    }
    let core = core.trim_end_matches(|c: char| !c.is_alphanumeric());
    if core.is_empty() {
        return;
    }
    let range = start..start + core.len();
    if let Some(at) = core.find('@') {
        let (user, domain) = (&core[..at], &core[at + 1..]);
        if !user.is_empty()
            && domain.contains('.')
            && user.chars().next_back().is_some_and(char::is_alphanumeric)
            && domain.chars().next().is_some_and(char::is_alphanumeric)
            && !domain.contains('@')
        {
            addresses.push((range, SpanKind::Plain(Protected::Email)));
        } else if user.is_empty()
            && !domain.is_empty()
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        {
            others.push((range, SpanKind::Plain(Protected::Handle)));
        }
        return;
    }
    if is_code(core) {
        others.push((range, SpanKind::Plain(Protected::Code)));
        return;
    }
    for number in numbers(core) {
        others.push((
            start + number.start..start + number.end,
            SpanKind::Plain(Protected::Number),
        ));
    }
}

/// The value of a decimal digit in ASCII, Arabic-Indic or Persian (Extended Arabic-Indic).
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '\u{0660}'..='\u{0669}' => Some(u32::from(c) - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(u32::from(c) - 0x06F0),
        _ => None,
    }
}

/// Characters that join the digit groups of one number (thousands, decimals, dates, times,
/// ranges; `٫` and `٬` are the Arabic decimal and thousands separators).
pub(crate) fn is_number_separator(c: char) -> bool {
    matches!(c, ',' | '.' | ':' | '/' | '-' | '\'' | '٫' | '٬')
}

/// Byte ranges of the numbers in `word` that no letter or digit touches: "3,500" in
/// "3,500-strong", nothing in "1990s" (the engine may turn it into words, and QA still
/// compares the digits).
fn numbers(word: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let after_letter = i > 0 && chars[i - 1].1.is_alphanumeric();
        if digit_value(c).is_none() || after_letter {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            match chars.get(j) {
                Some(&(_, d)) if digit_value(d).is_some() => j += 1,
                Some(&(_, s))
                    if is_number_separator(s)
                        && chars
                            .get(j + 1)
                            .is_some_and(|&(_, d)| digit_value(d).is_some()) =>
                {
                    j += 2;
                }
                _ => break,
            }
        }
        let end = chars.get(j).map_or(word.len(), |&(e, _)| e);
        if !chars.get(j).is_some_and(|&(_, c)| c.is_alphanumeric()) {
            out.push(start..end);
        }
        // Skip the rest of a run glued to letters as well.
        while chars.get(j).is_some_and(|&(_, c)| c.is_alphanumeric()) {
            j += 1;
        }
        i = j;
    }
    out
}

/// Whether `word` (trimmed of outer punctuation) is a code kept as written: letters mixed with
/// digits (`A320`, `COVID-19`, `H5N1`, `57-KL/TW`) unless it reads as a number with a unit or
/// ordinal (`1990s`, `10km`, `1st`) or a compound with a lowercase word (`3,500-strong`); or
/// capitals joined by `/` or `-` (`KL/TW`).
fn is_code(word: &str) -> bool {
    let has_digit = word.chars().any(|c| digit_value(c).is_some());
    let has_letter = word.chars().any(char::is_alphabetic);
    if has_digit && has_letter {
        let digits_then_suffix = {
            let suffix = word
                .trim_start_matches(|c: char| digit_value(c).is_some() || is_number_separator(c));
            suffix.len() < word.len()
                && (1..=3).contains(&suffix.chars().count())
                && suffix.chars().all(|c| c.is_lowercase())
        };
        let lowercase_part = word
            .split(['-', '/'])
            .any(|part| part.chars().count() >= 3 && part.chars().all(char::is_lowercase));
        return !digits_then_suffix && !lowercase_part;
    }
    has_letter
        && word.contains(['/', '-'])
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, '/' | '-'))
}

/// Escapes text for an HTML text node.
pub(crate) fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Escapes text for a double-quoted attribute value.
pub(crate) fn escape_attribute(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Longest tag the restorer reads as a tag; anything longer is text (and escaped).
const MAX_TAG_LEN: usize = 200;

impl Shield {
    /// The segment's placeholders, in number order (`<var>1</var>` first).
    #[must_use]
    pub fn placeholders(&self) -> &[Placeholder] {
        &self.placeholders
    }

    /// Puts an engine's `output` for this segment back together (see the module docs).
    #[must_use]
    pub fn restore(&self, output: &str) -> Restored {
        let mut html = String::with_capacity(output.len() + 64);
        let mut uses = vec![0_u32; self.placeholders.len()];
        let mut seen = vec![false; self.tags.len()];
        let mut open: Vec<&str> = Vec::new();
        let mut rest = output;
        while let Some(lt) = rest.find('<') {
            html.push_str(&rest[..lt]);
            rest = &rest[lt..];
            let Some(tag) = read_tag(rest) else {
                html.push_str("&lt;");
                rest = &rest[1..];
                continue;
            };
            rest = &rest[tag.len..];
            if tag.name == "var" && !tag.closing && tag.id.is_none() {
                // A placeholder the segment does not have was invented: it goes, number and all.
                if let Some((n, after)) = read_var_body(rest) {
                    if let Some(p) = n.checked_sub(1).and_then(|i| self.placeholders.get(i)) {
                        uses[n - 1] += 1;
                        if p.kind == Protected::Markup {
                            html.push_str(&p.target);
                        } else {
                            escape_text(&p.target, &mut html);
                        }
                    }
                    rest = after;
                }
                continue;
            }
            if tag.closing {
                if let Some(pos) = open.iter().rposition(|n| *n == tag.name) {
                    for name in open.drain(pos..).rev() {
                        html.push_str("</");
                        html.push_str(name);
                        html.push('>');
                    }
                }
                continue;
            }
            let stand_in = tag
                .id
                .and_then(|id| id.checked_sub(1))
                .and_then(|i| self.tags.get(i).map(|s| (i, s)));
            if let Some((i, stand_in)) = stand_in {
                seen[i] = true;
                html.push_str(&stand_in.html);
                if !stand_in.void {
                    open.push(&stand_in.name);
                }
            }
        }
        html.push_str(rest);
        for name in open.into_iter().rev() {
            html.push_str("</");
            html.push_str(name);
            html.push('>');
        }
        let mut flags = Vec::new();
        if uses.contains(&0) {
            flags.push(QaFlag::PlaceholdersLost);
        }
        if uses.iter().any(|&u| u > 1) {
            flags.push(QaFlag::PlaceholdersDuplicated);
        }
        if seen.contains(&false) {
            flags.push(QaFlag::MarkupLost);
        }
        Restored { html, flags }
    }
}

impl Shield {
    /// The engine form `text` as plain text, for engines that only take text
    /// ([`crate::Markup::Plain`]): each placeholder becomes the text it stands for (a glossary
    /// term its target form, which such engines copy through more often than they translate
    /// it), inline tags go, entities are decoded.
    #[must_use]
    pub fn to_plain(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(lt) = rest.find('<') {
            unescape_into(&rest[..lt], &mut out);
            rest = &rest[lt..];
            let Some(tag) = read_tag(rest) else {
                out.push('<');
                rest = &rest[1..];
                continue;
            };
            rest = &rest[tag.len..];
            if tag.name == "var" && !tag.closing && tag.id.is_none() {
                if let Some((n, after)) = read_var_body(rest) {
                    if let Some(p) = n.checked_sub(1).and_then(|i| self.placeholders.get(i)) {
                        out.push_str(&plain_form(p));
                    }
                    rest = after;
                }
                continue;
            }
            let void = tag
                .id
                .and_then(|id| id.checked_sub(1))
                .and_then(|i| self.tags.get(i))
                .is_some_and(|s| s.void);
            if void && !out.ends_with(' ') {
                out.push(' ');
            }
        }
        unescape_into(rest, &mut out);
        out
    }

    /// A plain engine's `output` for the engine form `text`, back in engine form: escaped,
    /// each placeholder's text found again as a whole word and turned back into its `<var>`
    /// (longest first, each once), and the stand-ins that wrapped the whole of `text` put
    /// around the whole of the output. Stand-ins inside the sentence cannot be placed in a
    /// text the engine reordered; [`Shield::restore`] reports them lost.
    #[must_use]
    pub fn from_plain(&self, text: &str, output: &str) -> String {
        let mut escaped = String::with_capacity(output.len() + 16);
        escape_text(output.trim(), &mut escaped);
        let mut order: Vec<usize> = (0..self.placeholders.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(plain_form(&self.placeholders[i]).len()));
        let mut taken: Vec<(Range<usize>, usize)> = Vec::new();
        for i in order {
            let mut form = String::new();
            escape_text(&plain_form(&self.placeholders[i]), &mut form);
            if form.is_empty() {
                continue;
            }
            let found = escaped
                .match_indices(&form)
                .map(|(at, _)| at..at + form.len())
                .find(|r| {
                    whole_word(&escaped, r)
                        && !taken
                            .iter()
                            .any(|(t, _)| t.start < r.end && r.start < t.end)
                });
            if let Some(range) = found {
                taken.push((range, i));
            }
        }
        taken.sort_by_key(|(r, _)| r.start);
        let (opening, closing) = wrapping_tags(text);
        let mut out = String::with_capacity(escaped.len() + opening.len() + closing.len());
        out.push_str(opening);
        let mut at = 0;
        for (range, i) in taken {
            out.push_str(&escaped[at..range.start]);
            push_var(i + 1, &mut out);
            at = range.end;
        }
        out.push_str(&escaped[at..]);
        out.push_str(closing);
        out
    }
}

/// What a plain engine is given for a placeholder.
fn plain_form(p: &Placeholder) -> String {
    if p.kind != Protected::Markup {
        return p.target.clone();
    }
    // Inline code: its visible text.
    let mut text = String::new();
    let mut rest = p.target.as_str();
    while let Some(lt) = rest.find('<') {
        unescape_into(&rest[..lt], &mut text);
        rest = rest[lt..].find('>').map_or("", |gt| &rest[lt + gt + 1..]);
    }
    unescape_into(rest, &mut text);
    text
}

/// Whether `range` of `text` starts and ends at word boundaries where its ends are letters
/// or digits, so `5` is not found inside `15`.
fn whole_word(text: &str, range: &Range<usize>) -> bool {
    let word = |c: char| c.is_alphanumeric();
    let inner = &text[range.clone()];
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let starts = inner.chars().next().is_some_and(word);
    let ends = inner.chars().next_back().is_some_and(word);
    let glued_before = starts && before.is_some_and(word);
    let glued_after = ends && after.is_some_and(word);
    !glued_before && !glued_after
}

/// The stand-in tags that open `text` before any of its text and close it after all of it.
fn wrapping_tags(text: &str) -> (&str, &str) {
    let mut open_end = 0;
    while text[open_end..].starts_with('<') {
        match read_tag(&text[open_end..]) {
            Some(tag) if !tag.closing && tag.name != "var" && tag.id.is_some() => {
                open_end += tag.len;
            }
            _ => break,
        }
    }
    if open_end == 0 {
        return ("", "");
    }
    let mut close_start = text.len();
    while let Some(lt) = text[..close_start].rfind("</") {
        match read_tag(&text[lt..close_start]) {
            Some(tag) if tag.closing && tag.name != "var" && lt + tag.len == close_start => {
                close_start = lt;
            }
            _ => break,
        }
    }
    (&text[..open_end], &text[close_start..])
}

/// Decodes the entities [`escape_text`] and [`escape_attribute`] write.
fn unescape_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let entity = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&#39;", '\''),
        ]
        .into_iter()
        .find(|(e, _)| rest.starts_with(e));
        match entity {
            Some((e, c)) => {
                out.push(c);
                rest = &rest[e.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// A tag as the restorer reads it.
struct Tag {
    /// Bytes from `<` to `>` inclusive.
    len: usize,
    closing: bool,
    name: String,
    id: Option<usize>,
}

/// Reads the tag at the start of `s` (which starts with `<`), if it is one.
fn read_tag(s: &str) -> Option<Tag> {
    let gt = s
        .char_indices()
        .take_while(|&(i, _)| i < MAX_TAG_LEN)
        .find(|&(_, c)| c == '>')
        .map(|(i, _)| i)?;
    let inner = &s[1..gt];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, inner),
    };
    let name_len = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    if name_len == 0 || !inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = inner[..name_len].to_ascii_lowercase();
    let attributes: String = inner[name_len..]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let id = attributes
        .match_indices("id=")
        .find(|&(i, _)| {
            attributes[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
        })
        .and_then(|(i, _)| {
            let value = attributes[i + 3..].trim_start_matches(['"', '\'']);
            let digits = value
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(value.len());
            value[..digits].parse().ok()
        });
    Some(Tag {
        len: gt + 1,
        closing,
        name,
        id,
    })
}

/// After `<var>`: the placeholder number and the text after `</var>`, if it is one.
fn read_var_body(s: &str) -> Option<(usize, &str)> {
    let end = s.find('<')?;
    let n: usize = s[..end].trim().parse().ok()?;
    let close = read_tag(&s[end..])?;
    (close.closing && close.name == "var").then(|| (n, &s[end + close.len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protected(text: &str) -> Vec<(&str, Protected)> {
        find_protected(text)
            .into_iter()
            .map(|(r, p)| (&text[r], p))
            .collect()
    }

    #[test]
    fn protects_numbers_with_their_separators_in_every_digit_system() {
        let text = "On 27/11/2026 at 10:30, 3,500 people (or 3.500, or 1.234,5) paid ۱۲۳ and ١٢٣.";
        let numbers: Vec<&str> = protected(text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            numbers,
            [
                "27/11/2026",
                "10:30",
                "3,500",
                "3.500",
                "1.234,5",
                "۱۲۳",
                "١٢٣"
            ]
        );
    }

    #[test]
    fn protects_addresses_handles_and_codes() {
        let text = "See https://example.org/a?b=1. Write to desk@herald.example or @herald_desk about \
                    the A320, COVID-19 and directive 57-KL/TW (KL/TW).";
        assert_eq!(
            protected(text),
            [
                ("https://example.org/a?b=1", Protected::Url),
                ("desk@herald.example", Protected::Email),
                ("@herald_desk", Protected::Handle),
                ("A320", Protected::Code),
                ("COVID-19", Protected::Code),
                ("57-KL/TW", Protected::Code),
                ("KL/TW", Protected::Code),
            ]
        );
    }

    #[test]
    fn leaves_words_with_numbers_that_read_as_words_to_the_engine() {
        assert!(protected("the 1990s, a 10km race, the 1st day, well-known and/or").is_empty());
        assert_eq!(
            protected("a 3,500-strong crowd"),
            [("3,500", Protected::Number)]
        );
        assert_eq!(protected("Covid-19"), [("Covid-19", Protected::Code)]);
    }

    fn shielded(tokens: &[Token]) -> Shielded {
        shield(tokens, &TermFinder::default(), &[])
    }

    #[test]
    fn replaces_inline_tags_by_numbered_stand_ins_and_restores_them_exactly() {
        let tokens = [
            Token::Text("Read ".into()),
            Token::Open {
                name: "a".into(),
                html: r#"<a href="https://x.example/?q=1&amp;r=2" rel="nofollow">"#.into(),
            },
            Token::Text("the 2 reports".into()),
            Token::Close { name: "a".into() },
            Token::Text(" & ".into()),
            Token::Verbatim {
                html: "<code>ls -l</code>".into(),
                text: "ls -l".into(),
            },
        ];
        let s = shielded(&tokens);
        assert_eq!(
            s.text,
            r#"Read <a id="1">the <var>1</var> reports</a> &amp; <var>2</var>"#
        );
        let back = s.shield.restore(&s.text);
        assert_eq!(
            back.html,
            r#"Read <a href="https://x.example/?q=1&amp;r=2" rel="nofollow">the 2 reports</a> &amp; <code>ls -l</code>"#
        );
        assert!(back.flags.is_empty());
        assert!(s.has_words);
    }

    #[test]
    fn a_plain_engine_sees_the_placeholders_text_and_no_tags() {
        let tokens = [
            Token::Text("Read ".into()),
            Token::Open {
                name: "a".into(),
                html: r#"<a href="https://x.example/">"#.into(),
            },
            Token::Text("the 2 reports".into()),
            Token::Close { name: "a".into() },
            Token::Text(" on 15 & 5 streets".into()),
            Token::Void {
                name: "br".into(),
                html: "<br>".into(),
            },
            Token::Verbatim {
                html: "<code>ls &lt;-l</code>".into(),
                text: "ls <-l".into(),
            },
        ];
        let s = shielded(&tokens);
        let plain = s.shield.to_plain(&s.text);
        assert_eq!(plain, "Read the 2 reports on 15 & 5 streets ls <-l");
        // The engine moved the numbers about; each comes back as its own placeholder, and "5"
        // is not taken from inside "15".
        let back = s
            .shield
            .from_plain(&s.text, "Lea en 15 calles y 5 los 2 informes & ls <-l ");
        assert_eq!(
            back,
            "Lea en <var>2</var> calles y <var>3</var> los <var>1</var> informes &amp; <var>4</var>"
        );
        let restored = s.shield.restore(&back);
        assert_eq!(
            restored.html,
            "Lea en 15 calles y 5 los 2 informes &amp; <code>ls &lt;-l</code>"
        );
        assert_eq!(
            restored.flags,
            [QaFlag::MarkupLost],
            "the link inside is lost"
        );
    }

    #[test]
    fn tags_around_a_whole_segment_survive_a_plain_engine() {
        let tokens = [
            Token::Open {
                name: "strong".into(),
                html: "<strong>".into(),
            },
            Token::Text("Breaking: 3 ministers resign".into()),
            Token::Close {
                name: "strong".into(),
            },
        ];
        let s = shielded(&tokens);
        let back = s
            .shield
            .from_plain(&s.text, "Última hora: dimiten 3 ministros");
        let restored = s.shield.restore(&back);
        assert_eq!(
            restored.html,
            "<strong>Última hora: dimiten 3 ministros</strong>"
        );
        assert!(restored.flags.is_empty(), "{:?}", restored.flags);
        let lost = s
            .shield
            .restore(&s.shield.from_plain(&s.text, "Última hora"));
        assert_eq!(lost.flags, [QaFlag::PlaceholdersLost]);
    }

    #[test]
    fn reports_lost_and_repeated_placeholders_and_lost_markup() {
        let tokens = [
            Token::Open {
                name: "em".into(),
                html: "<em>".into(),
            },
            Token::Text("In 2026 and 2027".into()),
            Token::Close { name: "em".into() },
        ];
        let s = shielded(&tokens);
        let back = s.shield.restore("En <var>1</var> y <var>1</var>");
        assert_eq!(back.html, "En 2026 y 2026");
        assert_eq!(
            back.flags,
            [
                QaFlag::PlaceholdersLost,
                QaFlag::PlaceholdersDuplicated,
                QaFlag::MarkupLost
            ]
        );
    }

    #[test]
    fn never_lets_an_output_unbalance_or_inject_markup() {
        let tokens = [
            Token::Open {
                name: "b".into(),
                html: "<b>".into(),
            },
            Token::Text("bold".into()),
            Token::Close { name: "b".into() },
        ];
        let s = shielded(&tokens);
        let back = s.shield.restore(
            r#"</p><script>x</script> a < b <b id="1">negrita <a id="9">x</a> <var>7</var>"#,
        );
        assert_eq!(back.html, "x a &lt; b <b>negrita x </b>");
    }

    #[test]
    fn restores_a_tag_the_engine_split_in_several_places() {
        let tokens = [
            Token::Open {
                name: "strong".into(),
                html: "<strong>".into(),
            },
            Token::Text("the big red house".into()),
            Token::Close {
                name: "strong".into(),
            },
        ];
        let s = shielded(&tokens);
        let out = r#"<strong id="1">la casa</strong> <strong id = '1'>roja</strong>"#;
        let back = s.shield.restore(out);
        assert_eq!(back.html, "<strong>la casa</strong> <strong>roja</strong>");
        assert!(back.flags.is_empty());
    }
}
