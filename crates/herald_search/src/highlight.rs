//! Highlights and snippets, marked on the original text.
//!
//! The stored title, lead and body are analysed again with the language's analyser; a word is
//! marked when one of its terms is one of the query's. Because the analyser reports each word's
//! byte range in the text it was given, a folded or stemmed match ("hoi" → "hội", "running" →
//! "runs") lands on the characters the reader will see.

use std::collections::HashSet;
use std::ops::Range;

use crate::Highlighted;
use crate::analysis::{Analyser, Word};
use crate::query::{ParsedText, cut};

/// About how many characters a snippet holds.
const SNIPPET_CHARS: usize = 200;
/// Words of context kept before the first match of a snippet.
const CONTEXT_WORDS: usize = 4;
/// Longest stretch of a body looked at for a snippet, in bytes.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// Marks the words of a text that match a query.
#[derive(Debug)]
pub(crate) struct Highlighter {
    analyser: Analyser,
    main: HashSet<String>,
    folded: HashSet<String>,
}

/// A matched word: its index among the words and its term.
struct Hit<'w> {
    index: usize,
    term: &'w str,
}

impl Highlighter {
    pub(crate) fn new(analyser: Analyser, parsed: &ParsedText) -> Self {
        let (main, folded) = parsed.terms();
        Self {
            analyser,
            main,
            folded,
        }
    }

    fn hits<'w>(&self, words: &'w [Word]) -> Vec<Hit<'w>> {
        words
            .iter()
            .enumerate()
            .filter_map(|(index, word)| {
                if self.main.contains(&word.term) {
                    return Some(Hit {
                        index,
                        term: &word.term,
                    });
                }
                let folded = word.folded.as_ref().filter(|f| self.folded.contains(*f))?;
                Some(Hit {
                    index,
                    term: folded,
                })
            })
            .collect()
    }

    /// The whole `text` with its matching words marked.
    pub(crate) fn highlight(&self, text: &str) -> Highlighted {
        let words = self.analyser.analyse(text);
        let hits = self.hits(&words);
        Highlighted {
            text: text.to_owned(),
            marks: marks(text, &words, &hits, 0..text.len(), 0),
        }
    }

    /// The best stretch of about [`SNIPPET_CHARS`] characters of the lead or the body: the one
    /// with the most different query words (the lead on a tie), then the most matches; the
    /// start of the lead (or body) when nothing matches.
    pub(crate) fn snippet(&self, lead: &str, body: &str) -> Highlighted {
        let body = cut(body, MAX_BODY_BYTES);
        let mut best: Option<(usize, usize, &str, Vec<Word>, usize)> = None;
        for text in [lead, body] {
            let words = self.analyser.analyse(text);
            let hits = self.hits(&words);
            let mut top: Option<(usize, usize, usize)> = None;
            for (i, hit) in hits.iter().enumerate() {
                let start = words[hit.index].from;
                let limit = char_limit(text, start, SNIPPET_CHARS);
                let window: Vec<&Hit<'_>> = hits[i..]
                    .iter()
                    .take_while(|h| words[h.index].to <= limit)
                    .collect();
                let distinct: HashSet<&str> = window.iter().map(|h| h.term).collect();
                let score = (distinct.len(), window.len());
                if top.is_none_or(|(d, n, _)| score > (d, n)) {
                    top = Some((score.0, score.1, hit.index));
                }
            }
            // The lead summarises the article: the body wins only with more query words.
            if let Some((distinct, count, first)) = top
                && best.as_ref().is_none_or(|(d, _, _, _, _)| distinct > *d)
            {
                best = Some((distinct, count, text, words, first));
            }
        }
        match best {
            Some((_, _, text, words, first)) => {
                let hits = self.hits(&words);
                let start_word = first.saturating_sub(CONTEXT_WORDS);
                let start = if first <= CONTEXT_WORDS + 2 {
                    0
                } else {
                    words[start_word].from
                };
                fragment(text, &words, &hits, start)
            }
            None => {
                let text = if lead.trim().is_empty() { body } else { lead };
                let words = self.analyser.analyse(cut(text, 4 * SNIPPET_CHARS * 4));
                fragment(text, &words, &[], 0)
            }
        }
    }
}

/// The byte offset `chars` characters after `start` (or the end of `text`).
fn char_limit(text: &str, start: usize, chars: usize) -> usize {
    text.get(start..)
        .and_then(|rest| rest.char_indices().nth(chars).map(|(i, _)| start + i))
        .unwrap_or(text.len())
}

/// The stretch of `text` from `start`, about [`SNIPPET_CHARS`] long and ending after a word,
/// with ellipses where it was cut.
fn fragment(text: &str, words: &[Word], hits: &[Hit<'_>], start: usize) -> Highlighted {
    let limit = char_limit(text, start, SNIPPET_CHARS);
    let end = if limit >= text.len() {
        text.len()
    } else {
        words
            .iter()
            .filter(|w| w.from >= start && w.to <= limit)
            .map(|w| w.to)
            .max()
            .unwrap_or(limit)
    };
    let mut out = String::new();
    if start > 0 {
        out.push_str("… ");
    }
    let shift = out.len();
    out.push_str(text.get(start..end).unwrap_or_default().trim_end());
    let marks = marks(text, words, hits, start..end, shift);
    if end < text.len() {
        out.push_str(" …");
    }
    Highlighted { text: out, marks }
}

/// The byte ranges of the hits inside `within`, moved to start at `shift`; words side by side
/// (only spaces between them) make one range.
fn marks(
    text: &str,
    words: &[Word],
    hits: &[Hit<'_>],
    within: Range<usize>,
    shift: usize,
) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for hit in hits {
        let word = &words[hit.index];
        if word.from < within.start || word.to > within.end {
            continue;
        }
        if let Some(last) = out.last_mut() {
            let gap = text.get(last.end..word.from).unwrap_or("x");
            if gap.chars().all(char::is_whitespace) {
                last.end = word.to;
                continue;
            }
        }
        out.push(word.from..word.to);
    }
    for range in &mut out {
        *range = range.start - within.start + shift..range.end - within.start + shift;
    }
    out
}
