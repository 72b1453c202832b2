//! From what a reader typed to a tantivy query, without a query language.
//!
//! Readers type words, sometimes a "quoted phrase", and sometimes things a query parser would
//! choke on (`AND (`, `title:`, a pasted paragraph). Herald gives no syntax but quotes, so no
//! input is an error: the text is cut to a sane length, quoted parts become required phrases,
//! and the rest is analysed into words that must all appear (in any text field). Adjacent words
//! also add optional phrase clauses, which is what ranks "hội nghị" written together above the
//! two syllables scattered through an article — Vietnamese words are several syllables, Chinese
//! queries several segments.

use std::collections::HashSet;
use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use crate::SearchQuery;
use crate::analysis::{Analyser, Word};
use crate::schema::Fields;

/// Longest query text considered, in bytes; the rest is ignored.
const MAX_QUERY_BYTES: usize = 512;
/// Most words of free text used.
const MAX_WORDS: usize = 16;
/// Most quoted phrases used.
const MAX_PHRASES: usize = 4;
/// Extra weight of the words appearing side by side, as typed.
const PHRASE_BOOST: f32 = 2.0;
/// Characters readers use as quotation marks.
const QUOTES: &[char] = &['"', '“', '”', '„', '«', '»', '「', '」', '『', '』', '＂'];

/// The analysed query text.
#[derive(Debug, Default)]
pub(crate) struct ParsedText {
    /// Words outside quotes, in order.
    pub(crate) words: Vec<Word>,
    /// Each quoted part's words.
    pub(crate) phrases: Vec<Vec<Word>>,
    /// Whether the reader typed anything at all (even if it held no words).
    pub(crate) typed: bool,
}

impl ParsedText {
    pub(crate) fn parse(analyser: Analyser, text: &str) -> Self {
        let text = cut(text.trim(), MAX_QUERY_BYTES);
        let mut parsed = ParsedText {
            typed: !text.is_empty(),
            ..ParsedText::default()
        };
        let parts: Vec<&str> = text.split(QUOTES).collect();
        let closed = parts.len() % 2 == 1;
        for (i, part) in parts.iter().enumerate() {
            let quoted = i % 2 == 1 && (closed || i + 1 < parts.len());
            if quoted {
                let mut words = analyser.analyse(part);
                words.truncate(MAX_WORDS);
                if !words.is_empty() && parsed.phrases.len() < MAX_PHRASES {
                    parsed.phrases.push(words);
                }
            } else {
                let free = drop_operators(part);
                let mut words = analyser.analyse(&free);
                let room = MAX_WORDS.saturating_sub(parsed.words.len());
                words.truncate(room);
                for mut word in words {
                    word.position = parsed.words.len();
                    parsed.words.push(word);
                }
            }
        }
        parsed
    }

    /// Whether there is anything to match.
    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }

    /// Every term of the query (main, then folded), for highlighting.
    pub(crate) fn terms(&self) -> (HashSet<String>, HashSet<String>) {
        let mut main = HashSet::new();
        let mut folded = HashSet::new();
        for word in self.words.iter().chain(self.phrases.iter().flatten()) {
            main.insert(word.term.clone());
            if let Some(f) = &word.folded {
                folded.insert(f.clone());
            }
        }
        (main, folded)
    }
}

/// `AND`/`OR` typed in capitals are the operators readers know from elsewhere, not words.
fn drop_operators(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| !matches!(*w, "AND" | "OR" | "&&" | "||"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` cut to at most `max` bytes, at a character boundary.
pub(crate) fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// How the free words combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Every word must appear.
    All,
    /// Any word may appear (the fallback when no article has them all).
    Any,
}

/// The query matching `parsed` in `fields`; `None` when there is no text to match.
pub(crate) fn text_query(
    fields: &Fields,
    parsed: &ParsedText,
    mode: Mode,
) -> Option<Box<dyn Query>> {
    if parsed.is_empty() {
        return None;
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let word_occur = match mode {
        Mode::All => Occur::Must,
        Mode::Any => Occur::Should,
    };
    let mut seen = HashSet::new();
    for word in &parsed.words {
        if seen.insert(word.term.as_str()) {
            clauses.push((word_occur, word_query(fields, word)));
        }
    }
    if parsed.words.len() >= 2 {
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(
                phrase_query(fields, &parsed.words),
                PHRASE_BOOST,
            )),
        ));
    }
    for phrase in &parsed.phrases {
        let query = match phrase.as_slice() {
            [word] => word_query(fields, word),
            words => phrase_query(fields, words),
        };
        clauses.push((Occur::Must, query));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// One word in any text field. With folded fields (Vietnamese), the folded form is what must
/// match — it matches whenever the exact one does — and the exact form only adds to the score:
/// one union of postings to walk instead of two.
fn word_query(fields: &Fields, word: &Word) -> Box<dyn Query> {
    let main: Vec<Box<dyn Query>> = fields
        .weighted_text()
        .into_iter()
        .map(|(field, weight)| term_query(field, &word.term, weight))
        .collect();
    match (fields.weighted_folded(), &word.folded) {
        (Some(folded), Some(term)) => {
            let folded = folded
                .into_iter()
                .map(|(field, weight)| term_query(field, term, weight))
                .collect();
            required_with_bonus(folded, main)
        }
        _ => any_of(main),
    }
}

fn term_query(field: Field, term: &str, weight: f32) -> Box<dyn Query> {
    let query = TermQuery::new(
        Term::from_field_text(field, term),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(query), weight))
}

/// The words side by side, in any text field; with folded fields, the folded phrase must
/// match and the exact one adds to the score, as for single words.
fn phrase_query(fields: &Fields, words: &[Word]) -> Box<dyn Query> {
    let first = words.first().map_or(0, |w| w.position);
    let phrase = |field: Field, weight: f32, folded: bool| -> Box<dyn Query> {
        let terms: Vec<(usize, Term)> = words
            .iter()
            .map(|w| {
                let term = match (&w.folded, folded) {
                    (Some(f), true) => f.as_str(),
                    _ => w.term.as_str(),
                };
                (
                    w.position.saturating_sub(first),
                    Term::from_field_text(field, term),
                )
            })
            .collect();
        Box::new(BoostQuery::new(
            Box::new(PhraseQuery::new_with_offset(terms)),
            weight,
        ))
    };
    let main: Vec<Box<dyn Query>> = fields
        .weighted_text()
        .into_iter()
        .map(|(field, weight)| phrase(field, weight, false))
        .collect();
    match fields.weighted_folded() {
        Some(folded) => {
            let folded = folded
                .into_iter()
                .map(|(field, weight)| phrase(field, weight, true))
                .collect();
            required_with_bonus(folded, main)
        }
        None => any_of(main),
    }
}

/// Matches when any of `queries` does, scoring their sum.
fn any_of(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// Matches when any of `required` does; `bonus` only adds to the score of those matches.
fn required_with_bonus(
    required: Vec<Box<dyn Query>>,
    bonus: Vec<Box<dyn Query>>,
) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, any_of(required)),
        (Occur::Should, any_of(bonus)),
    ]))
}

/// The filters of `query` as required, score-neutral clauses.
pub(crate) fn filters(fields: &Fields, query: &SearchQuery) -> Vec<Box<dyn Query>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    let mut exact = |field: Field, value: i64| {
        let term = TermQuery::new(Term::from_field_i64(field, value), IndexRecordOption::Basic);
        out.push(Box::new(ConstScoreQuery::new(Box::new(term), 0.0)));
    };
    if let Some(id) = query.category {
        exact(fields.category, id.get());
    }
    if let Some(id) = query.topic {
        exact(fields.topic, id.get());
    }
    if let Some(id) = query.source {
        exact(fields.source, id.get());
    }
    if let Some(id) = query.place {
        exact(fields.place, id.get());
    }
    if let Some(id) = query.author {
        exact(fields.author, id.get());
    }
    if query.from.is_some() || query.to.is_some() {
        let lower = query.from.map_or(Bound::Unbounded, |from| {
            Bound::Included(Term::from_field_i64(
                fields.published,
                from.as_microsecond(),
            ))
        });
        let upper = query.to.map_or(Bound::Unbounded, |to| {
            Bound::Excluded(Term::from_field_i64(fields.published, to.as_microsecond()))
        });
        out.push(Box::new(ConstScoreQuery::new(
            Box::new(RangeQuery::new(lower, upper)),
            0.0,
        )));
    }
    out
}

/// `text` (or every document) restricted by `filters`.
pub(crate) fn with_filters(
    text: Option<Box<dyn Query>>,
    filters: Vec<Box<dyn Query>>,
) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    clauses.push((Occur::Must, text.unwrap_or_else(|| Box::new(AllQuery))));
    clauses.extend(filters.into_iter().map(|f| (Occur::Must, f)));
    if clauses.len() == 1
        && let Some((_, only)) = clauses.pop()
    {
        return only;
    }
    Box::new(BooleanQuery::new(clauses))
}
