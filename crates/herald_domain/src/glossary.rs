//! The newsroom's terminology for machine translation: per language pair, a term is forced to
//! a translation, kept as it is (do-not-translate), or is a name of a person or place with its
//! form in the target language. The translation engine enforces entries; the admin shows the
//! terms found in a segment; both use this module.

use serde::{Deserialize, Serialize};

use crate::{Language, Timestamp};

/// What an entry asks of the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GlossaryKind {
    /// The term is always translated as the entry's `translation`.
    Forced,
    /// The term is kept as written ("57-KL/TW", a brand).
    DoNotTranslate,
    /// A person's or place's name, with its form in the target language.
    Name,
}

impl GlossaryKind {
    /// Every kind.
    pub const ALL: [Self; 3] = [Self::Forced, Self::DoNotTranslate, Self::Name];

    /// Storage and CSV form.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Forced => "forced",
            Self::DoNotTranslate => "do-not-translate",
            Self::Name => "name",
        }
    }

    /// Reads the storage form.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One glossary entry for a language pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    /// Storage id (0 before it is stored).
    pub id: i64,
    /// Language of the term.
    pub from: Language,
    /// Language of the translation.
    pub to: Language,
    /// The term as written in `from`.
    pub term: String,
    /// Its rendering in `to`: the term itself for do-not-translate entries.
    pub translation: String,
    /// What it asks.
    pub kind: GlossaryKind,
    /// Whether the term matches only with the same letter case (acronyms, codes).
    pub case_sensitive: bool,
    /// A note for translators.
    pub note: String,
    /// Last change.
    pub updated_at: Timestamp,
}

/// Where an entry's term was found in a text: a byte range of the text and the index of the
/// entry in the slice the [`TermFinder`] was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// Byte range of the match in the searched text.
    pub range: std::ops::Range<usize>,
    /// Index of the matching entry.
    pub entry: usize,
}

/// A glossary prepared for finding its terms in texts, built once per run and reused for
/// every segment.
///
/// Matching rules, so that the engine and the admin agree on what "the term is in this text"
/// means:
/// - terms and texts are compared in NFC (texts are expected in NFC already, as
///   [`crate::text::normalize`] leaves them), with runs of whitespace equal to one space;
/// - letter case is ignored unless the entry is `case_sensitive`; the Arabic letters
///   `ي ى ك` equal the Persian `ی ی ک`, since both are typed for the same word;
/// - whole words only: a match may not continue a word on either side (letters, digits,
///   combining marks and the joiners ZWNJ/ZWJ are word characters), except where a script
///   writes without spaces (Han, kana, Thai, Lao, Khmer, Myanmar): there any position is a
///   boundary;
/// - the longest match wins where matches overlap, then the earliest.
#[derive(Debug, Clone, Default)]
pub struct TermFinder {
    terms: Vec<PreparedTerm>,
}

#[derive(Debug, Clone)]
struct PreparedTerm {
    folded: String,
    case_sensitive: bool,
    entry: usize,
}

/// Matches considered per text at most, so that a hostile glossary ("a", case-insensitive)
/// on a long text stays cheap.
const MAX_CANDIDATES: usize = 20_000;

impl TermFinder {
    /// Prepares `entries`; entries whose term is blank are ignored.
    #[must_use]
    pub fn new(entries: &[GlossaryEntry]) -> Self {
        let terms = entries
            .iter()
            .enumerate()
            .filter_map(|(entry, e)| {
                let nfc = crate::text::normalize(&e.term);
                let folded = fold(nfc.trim(), !e.case_sensitive).text;
                (!folded.trim().is_empty()).then(|| PreparedTerm {
                    folded: folded.trim().to_owned(),
                    case_sensitive: e.case_sensitive,
                    entry,
                })
            })
            .collect();
        Self { terms }
    }

    /// Whether no term can match.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The terms found in `text`, not overlapping, in text order.
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<TermMatch> {
        if self.terms.is_empty() || text.is_empty() {
            return Vec::new();
        }
        let insensitive = fold(text, true);
        let sensitive = fold(text, false);
        let mut candidates: Vec<TermMatch> = Vec::new();
        'terms: for term in &self.terms {
            let hay = if term.case_sensitive {
                &sensitive
            } else {
                &insensitive
            };
            for (start, _) in hay.text.match_indices(&term.folded) {
                if candidates.len() >= MAX_CANDIDATES {
                    break 'terms;
                }
                let Some(range) = hay.original_range(start, start + term.folded.len()) else {
                    continue;
                };
                if is_whole_word(text, &range) {
                    candidates.push(TermMatch {
                        range,
                        entry: term.entry,
                    });
                }
            }
        }
        // Longest first, then earliest; a kept match excludes everything overlapping it.
        candidates.sort_by(|a, b| {
            (b.range.len(), a.range.start, a.entry).cmp(&(a.range.len(), b.range.start, b.entry))
        });
        let mut kept: std::collections::BTreeMap<usize, TermMatch> = Default::default();
        for m in candidates {
            let before = kept.range(..m.range.end).next_back();
            if before.is_some_and(|(_, k)| k.range.end > m.range.start) {
                continue;
            }
            kept.insert(m.range.start, m);
        }
        kept.into_values().collect()
    }
}

/// The entries of `entries` whose terms occur in `text`, with where: the admin's "terms in
/// this segment". Builds a [`TermFinder`]; use one directly for many texts.
#[must_use]
pub fn find_terms<'e>(
    entries: &'e [GlossaryEntry],
    text: &str,
) -> Vec<(std::ops::Range<usize>, &'e GlossaryEntry)> {
    TermFinder::new(entries)
        .find(text)
        .into_iter()
        .filter_map(|m| entries.get(m.entry).map(|e| (m.range, e)))
        .collect()
}

/// `text` as the matcher compares it: NFC, whitespace runs as one space, Arabic letter
/// variants unified, and lower case unless `case_sensitive`. Two texts "say the same term"
/// when their folded forms are equal; QA uses this to look for a rendered term in an output.
#[must_use]
pub fn fold_for_matching(text: &str, case_sensitive: bool) -> String {
    fold(&crate::text::normalize(text), !case_sensitive).text
}

/// A folded text with, for each of its characters, the original byte range it came from.
struct Folded {
    text: String,
    /// (folded byte offset, original start, original end), one per folded character.
    map: Vec<(usize, usize, usize)>,
}

impl Folded {
    fn original_range(&self, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
        let first = self.map.binary_search_by_key(&start, |m| m.0).ok()?;
        let last = self.map.partition_point(|m| m.0 < end).checked_sub(1)?;
        let (_, from, _) = *self.map.get(first)?;
        let (_, _, to) = *self.map.get(last)?;
        (from < to).then_some(from..to)
    }
}

fn fold(text: &str, lowercase: bool) -> Folded {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        if c.is_whitespace() {
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_whitespace() {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            map.push((out.len(), i, end));
            out.push(' ');
            continue;
        }
        let c = match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            c => c,
        };
        if lowercase {
            for l in c.to_lowercase() {
                map.push((out.len(), i, end));
                out.push(l);
            }
        } else {
            map.push((out.len(), i, end));
            out.push(c);
        }
    }
    Folded { text: out, map }
}

fn is_whole_word(text: &str, range: &std::ops::Range<usize>) -> bool {
    let (Some(head), Some(rest)) = (text.get(..range.start), text.get(range.start..)) else {
        return false;
    };
    let (Some(body), Some(tail)) = (text.get(range.clone()), text.get(range.end..)) else {
        return false;
    };
    let joins = |a: Option<char>, b: Option<char>| match (a, b) {
        (Some(a), Some(b)) => {
            is_word_char(a) && is_word_char(b) && !is_unspaced_script(a) && !is_unspaced_script(b)
        }
        _ => false,
    };
    !joins(head.chars().next_back(), rest.chars().next())
        && !joins(body.chars().next_back(), tail.chars().next())
}

/// Letters, digits, combining marks and the joiners: what continues a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c,
            '\u{200C}' | '\u{200D}'
            | '\u{0300}'..='\u{036F}'
            | '\u{0483}'..='\u{0489}'
            | '\u{0591}'..='\u{05C7}'
            | '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06ED}'
            | '\u{0900}'..='\u{0DFF}'
            | '\u{0E31}'..='\u{0E4E}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}')
}

/// Scripts written without spaces between words, where a term may start or end anywhere.
fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'     // Thai, Lao
        | '\u{1000}'..='\u{109F}'   // Myanmar
        | '\u{1780}'..='\u{17FF}'   // Khmer
        | '\u{3040}'..='\u{30FF}'   // kana
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}') // Han
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        term: &str,
        translation: &str,
        kind: GlossaryKind,
        case_sensitive: bool,
    ) -> GlossaryEntry {
        GlossaryEntry {
            id: 0,
            from: Language::parse("en").unwrap(),
            to: Language::parse("vi").unwrap(),
            term: term.to_owned(),
            translation: translation.to_owned(),
            kind,
            case_sensitive,
            note: String::new(),
            updated_at: Timestamp::from_second(0).unwrap(),
        }
    }

    fn found<'t>(entries: &[GlossaryEntry], text: &'t str) -> Vec<&'t str> {
        TermFinder::new(entries)
            .find(text)
            .into_iter()
            .map(|m| &text[m.range])
            .collect()
    }

    #[test]
    fn prefers_the_longest_overlapping_term() {
        let entries = [
            entry("thông tin", "information", GlossaryKind::Forced, false),
            entry(
                "thông tin đối ngoại",
                "external information",
                GlossaryKind::Forced,
                false,
            ),
        ];
        let text = "Công tác thông tin đối ngoại và thông tin cơ sở.";
        assert_eq!(found(&entries, text), ["thông tin đối ngoại", "thông tin"]);
    }

    #[test]
    fn matches_whole_words_only() {
        let entries = [entry("port", "cảng", GlossaryKind::Forced, false)];
        assert_eq!(
            found(&entries, "The port reopened; imports rose."),
            ["port"]
        );
        assert!(found(&entries, "report, portal, sports").is_empty());
    }

    #[test]
    fn ignores_case_unless_the_entry_is_case_sensitive() {
        let entries = [
            entry("harbour board", "ban cảng", GlossaryKind::Forced, false),
            entry("WHO", "WHO", GlossaryKind::DoNotTranslate, true),
        ];
        let text = "The Harbour  Board asked who the WHO experts were.";
        assert_eq!(found(&entries, text), ["Harbour  Board", "WHO"]);
    }

    #[test]
    fn keeps_persian_words_joined_by_zwnj_whole() {
        let term = "اطلاع\u{200C}رسانی";
        let entries = [entry(term, "information", GlossaryKind::Forced, false)];
        let text = format!("ستاد {term} استان");
        assert_eq!(found(&entries, &text), [term]);
        // The same letters as part of a longer joined word are not the term.
        assert!(found(&entries, &format!("{term}\u{200C}ها")).is_empty());
        // Arabic kaf and yeh spell the same Persian word.
        let arabic = [entry("کمیته", "committee", GlossaryKind::Forced, false)];
        assert_eq!(found(&arabic, "كميته ملی"), ["كميته"]);
    }

    #[test]
    fn finds_han_terms_without_spaces() {
        let entries = [entry(
            "港务局",
            "port authority",
            GlossaryKind::Forced,
            false,
        )];
        assert_eq!(found(&entries, "今天港务局宣布"), ["港务局"]);
    }

    #[test]
    fn finds_terms_written_in_decomposed_form() {
        let entries = [entry(
            "Ho\u{0302}\u{0323}i nghi\u{0323}",
            "Conference",
            GlossaryKind::Forced,
            false,
        )];
        assert_eq!(found(&entries, "Hội nghị mở màn"), ["Hội nghị"]);
        assert_eq!(find_terms(&entries, "hội nghị").len(), 1);
    }

    #[test]
    fn blank_terms_and_texts_find_nothing() {
        let entries = [entry("  ", "x", GlossaryKind::Forced, false)];
        assert!(TermFinder::new(&entries).is_empty());
        assert!(found(&entries, "anything").is_empty());
        assert!(found(&[], "").is_empty());
    }
}
