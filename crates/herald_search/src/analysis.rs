//! Analysers: how the text of each language is cut into words and each word into the terms the
//! index stores.
//!
//! One function, [`Analyser::analyse`], does all of it and keeps every word's byte range in the
//! *original* text. Indexing, query parsing and highlighting all go through it, so a query is
//! analysed exactly like the documents it must find, and a folded match ("hoi" for "hội") can
//! still be highlighted on the unfolded text.
//!
//! Words are found with ICU4X's word segmenter, which follows UAX #29 (combining marks, ZWNJ and
//! tatweel stay inside their word) and uses its compiled-in dictionaries for scripts written
//! without spaces (Chinese, Japanese, Thai, Khmer, …). Nothing is downloaded at build time.

use std::borrow::Cow;

use herald_domain::Language;
use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;

/// Longest term kept, in bytes: longer "words" are base64, URLs or garbage, and tantivy refuses
/// terms over 64 KB.
const MAX_TERM_BYTES: usize = 80;

/// Bumped whenever an analyser changes what it produces: the tokenizer names carry it, so an
/// index built by an older analyser no longer matches the expected schema and is rebuilt.
const ANALYSER_VERSION: u32 = 1;

/// The family of analysis a language gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavour {
    /// Vietnamese: each syllable is a word; terms keep their diacritics, and a second, folded
    /// term (no diacritics, đ → d) is indexed in parallel fields.
    Vietnamese,
    /// Persian, Arabic and other Arabic-script languages: letter variants, diacritics, tatweel
    /// and joiners normalised; Arabic also stemmed; Persian detached affixes joined.
    ArabicScript {
        /// Persian rules (joining `می` and `ها`) apply.
        persian: bool,
        /// Arabic light stemming applies.
        stem: bool,
    },
    /// Chinese and Japanese: dictionary word segmentation, width folding.
    Cjk,
    /// Languages with a Snowball stemmer: lowercased, stemmed, Latin diacritics folded.
    Stemmed(frostem::Algorithm),
    /// Everything else: Unicode words, lowercased, compatibility and Latin diacritics folded.
    Generic,
}

/// The analysis for one language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Analyser {
    flavour: Flavour,
}

/// One word of a text: where it is in the original, its position (for phrases) and its terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Byte offset of the first byte in the original text.
    pub(crate) from: usize,
    /// Byte offset just after the word in the original text.
    pub(crate) to: usize,
    /// Position of the word among the words of the text.
    pub(crate) position: usize,
    /// The term the main fields index.
    pub(crate) term: String,
    /// The term the folded fields index (Vietnamese only), at the same position.
    pub(crate) folded: Option<String>,
}

impl Analyser {
    /// The analyser that fits `language`.
    pub(crate) fn for_language(language: &Language) -> Self {
        let primary = language.primary();
        let flavour = match primary {
            "vi" => Flavour::Vietnamese,
            "fa" | "prs" => Flavour::ArabicScript {
                persian: true,
                stem: false,
            },
            "ar" => Flavour::ArabicScript {
                persian: false,
                stem: true,
            },
            "ur" | "ps" | "sd" | "ckb" | "ug" => Flavour::ArabicScript {
                persian: false,
                stem: false,
            },
            "zh" | "ja" | "yue" | "wuu" | "cmn" => Flavour::Cjk,
            _ => match frostem::Stemmer::try_from_name(primary) {
                Ok(stemmer) => Flavour::Stemmed(stemmer.algorithm()),
                Err(_) => Flavour::Generic,
            },
        };
        Self { flavour }
    }

    pub(crate) const fn flavour(self) -> Flavour {
        self.flavour
    }

    /// Whether this language indexes folded terms in separate fields.
    pub(crate) const fn has_folded(self) -> bool {
        matches!(self.flavour, Flavour::Vietnamese)
    }

    /// The name the main fields' tokenizer is registered under; changes with the analyser.
    pub(crate) fn tokenizer_name(self) -> String {
        format!("herald-{}-v{ANALYSER_VERSION}", self.code())
    }

    /// The name of the folded fields' tokenizer.
    pub(crate) fn folded_tokenizer_name(self) -> String {
        format!("herald-{}-folded-v{ANALYSER_VERSION}", self.code())
    }

    fn code(self) -> String {
        match self.flavour {
            Flavour::Vietnamese => "vi".to_owned(),
            Flavour::ArabicScript { persian, stem } => {
                format!(
                    "arab{}{}",
                    if persian { "-fa" } else { "" },
                    if stem { "-stem" } else { "" }
                )
            }
            Flavour::Cjk => "cjk".to_owned(),
            Flavour::Stemmed(algorithm) => format!("stem-{algorithm:?}").to_lowercase(),
            Flavour::Generic => "generic".to_owned(),
        }
    }

    /// Cuts `text` into words and analyses each.
    pub(crate) fn analyse(self, text: &str) -> Vec<Word> {
        let mut words = Vec::new();
        let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
        let stemmer = match self.flavour {
            Flavour::Stemmed(algorithm) => Some(frostem::Stemmer::new(algorithm)),
            Flavour::ArabicScript { stem: true, .. } => {
                Some(frostem::Stemmer::new(frostem::Algorithm::Arabic))
            }
            _ => None,
        };
        // UAX #29 keeps `title:council` and `l'élection` in one word; readers mean two (an
        // elided article before a word, in the languages with a stemmer).
        let splits: &[char] = if matches!(self.flavour, Flavour::Stemmed(_)) {
            &[':', '\'', '’']
        } else {
            &[':']
        };
        let mut previous = 0;
        for (at, kind) in segmenter.segment_str(text).iter_with_word_type() {
            let from = previous;
            previous = at;
            let Some(raw) = text.get(from..at).filter(|raw| !raw.is_empty()) else {
                continue;
            };
            // ICU4X reports a word that ends in a combining mark before a space (Arabic
            // tanween, decomposed Vietnamese) as not word-like, so the letters decide too.
            if !kind.is_word_like() && !raw.chars().any(char::is_alphanumeric) {
                continue;
            }
            if raw.contains(splits) {
                let mut start = 0;
                for (i, c) in raw.char_indices() {
                    if splits.contains(&c) {
                        self.push_word(&mut words, &raw[start..i], from + start, from + i, stemmer);
                        start = i + c.len_utf8();
                    }
                }
                self.push_word(&mut words, &raw[start..], from + start, at, stemmer);
            } else {
                self.push_word(&mut words, raw, from, at, stemmer);
            }
        }
        if let Flavour::ArabicScript { persian: true, .. } = self.flavour {
            join_persian_affixes(text, &mut words);
        }
        for (position, word) in words.iter_mut().enumerate() {
            word.position = position;
        }
        words
    }

    fn push_word(
        self,
        words: &mut Vec<Word>,
        raw: &str,
        from: usize,
        to: usize,
        stemmer: Option<frostem::Stemmer>,
    ) {
        if raw.is_empty() {
            return;
        }
        let (term, folded) = match self.flavour {
            Flavour::Vietnamese => {
                let exact: String = raw.nfc().flat_map(char::to_lowercase).collect();
                let folded = fold_latin(&exact).into_owned();
                (exact, Some(folded))
            }
            Flavour::ArabicScript { .. } => {
                let term = match stemmer {
                    // The stemmer knows the letters as written (teh marbuta, alef maksura), so
                    // it runs before they are folded, on the text without harakat.
                    Some(stemmer) => normalise_arabic_script(&stemmer.stem(&prepare_arabic(raw))),
                    None => normalise_arabic_script(raw),
                };
                (term, None)
            }
            Flavour::Cjk => (raw.nfkc().flat_map(char::to_lowercase).collect(), None),
            Flavour::Stemmed(_) => {
                let lower: String = raw
                    .nfc()
                    .flat_map(char::to_lowercase)
                    .map(|c| if c == 'ё' { 'е' } else { c })
                    .collect();
                let stemmed = match stemmer {
                    Some(stemmer) => stemmer.stem(&lower).into_owned(),
                    None => lower,
                };
                (fold_latin(&stemmed).into_owned(), None)
            }
            Flavour::Generic => {
                let lower: String = raw.nfkc().flat_map(char::to_lowercase).collect();
                (fold_latin(&lower).into_owned(), None)
            }
        };
        if term.is_empty() || term.len() > MAX_TERM_BYTES {
            return;
        }
        words.push(Word {
            from,
            to,
            position: 0,
            term,
            folded,
        });
    }
}

/// Persian writes some affixes detached, joined by ZWNJ or glued on: `می‌خواهم`, `میخواهم` and
/// `می خواهم` are one word, as are `کتاب‌ها`, `کتابها` and `کتاب ها`. ZWNJ is already gone from the
/// terms, so joining the space-separated forms makes all three the same term.
fn join_persian_affixes(text: &str, words: &mut Vec<Word>) {
    const PREFIXES: &[&str] = &["می", "نمی"];
    const SUFFIXES: &[&str] = &["ها", "های", "هایی", "تر", "ترین"];
    if words.len() < 2 {
        return;
    }
    let mut joined: Vec<Word> = Vec::with_capacity(words.len());
    for word in words.drain(..) {
        if let Some(last) = joined.last_mut() {
            let gap = text.get(last.to..word.from).unwrap_or("x");
            let only_space = !gap.is_empty() && gap.chars().all(char::is_whitespace);
            if only_space
                && (PREFIXES.contains(&last.term.as_str())
                    || SUFFIXES.contains(&word.term.as_str()))
            {
                last.term.push_str(&word.term);
                last.to = word.to;
                continue;
            }
        }
        joined.push(word);
    }
    *words = joined;
}

/// Removes diacritics from Latin letters (and maps the few Latin letters that do not decompose,
/// such as `đ`), leaving other scripts alone: stripping marks from Cyrillic `й` or Devanagari would
/// merge different words.
pub(crate) fn fold_latin(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            'ð' => out.push('d'),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'þ' => out.push_str("th"),
            c if is_latin(c) => {
                for d in std::iter::once(c).nfd() {
                    if !is_combining_mark(d) {
                        out.push(d);
                    }
                }
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

const fn is_latin(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

const fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}')
}

/// Folds the spelling variants of Arabic-script text into one form: Arabic and Persian yeh and
/// kaf, alef with hamza or madda, teh marbuta and heh with yeh above, hamza seats; removes
/// harakat, Quranic marks, tatweel, joiners and direction marks; maps Arabic-Indic and Persian
/// digits to ASCII.
pub(crate) fn normalise_arabic_script(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let mapped = match c {
            'ي' | 'ى' | 'ی' | 'ې' | 'ۍ' | 'ئ' => 'ی',
            'ك' | 'ک' | 'ڪ' => 'ک',
            'ة' | 'ۀ' | 'ہ' | 'ە' | 'ھ' => 'ه',
            'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
            'ؤ' => 'و',
            '\u{0660}'..='\u{0669}' => arabic_digit(c, '\u{0660}'),
            '\u{06F0}'..='\u{06F9}' => arabic_digit(c, '\u{06F0}'),
            c if is_arabic_mark(c) => continue,
            c => c,
        };
        out.extend(mapped.to_lowercase());
    }
    out
}

/// Arabic before stemming: marks gone, alef and yeh variants the stemmer does not expect
/// folded, a final heh written as teh marbuta, and the conjunction `و`/`ف` before the article split off (the stemmer removes `ال`
/// but not `وال`).
fn prepare_arabic(raw: &str) -> String {
    let mut out: String = raw
        .chars()
        .filter(|&c| !is_arabic_mark(c))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ی' => 'ي',
            'ک' => 'ك',
            c => c,
        })
        .collect();
    // Writers often end words with heh for teh marbuta; the stemmer strips a final teh
    // marbuta but not always a heh, so heh becomes teh marbuta (a pronoun heh is stripped as
    // well either way).
    if out.ends_with('ه') {
        out.pop();
        out.push('ة');
    }
    for conjunction in ["وال", "فال"] {
        if out.starts_with(conjunction) && out.chars().count() > 5 {
            out.replace_range(..conjunction.chars().next().map_or(0, char::len_utf8), "");
            break;
        }
    }
    out
}

/// Harakat, superscript alef, Quranic annotation marks, tatweel, joiners, direction marks and
/// soft hyphens: nothing a reader would type, or type the same way twice.
const fn is_arabic_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06ED}'
            | '\u{0640}'
            | '\u{200B}'..='\u{200F}'
            | '\u{00AD}'
            | '\u{061C}'
    )
}

fn arabic_digit(c: char, zero: char) -> char {
    let value = u32::from(c) - u32::from(zero);
    char::from_digit(value, 10).unwrap_or(c)
}

/// The tantivy side of an [`Analyser`]: the main or the folded terms of each word.
#[derive(Debug, Clone)]
pub(crate) struct HeraldTokenizer {
    analyser: Analyser,
    folded: bool,
}

impl HeraldTokenizer {
    pub(crate) const fn new(analyser: Analyser, folded: bool) -> Self {
        Self { analyser, folded }
    }
}

impl Tokenizer for HeraldTokenizer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        WordStream {
            words: self.analyser.analyse(text).into_iter(),
            folded: self.folded,
            token: Token::default(),
        }
    }
}

/// The words of one text as tantivy tokens.
pub(crate) struct WordStream {
    words: std::vec::IntoIter<Word>,
    folded: bool,
    token: Token,
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        let Some(word) = self.words.next() else {
            return false;
        };
        self.token.offset_from = word.from;
        self.token.offset_to = word.to;
        self.token.position = word.position;
        self.token.position_length = 1;
        self.token.text = match (self.folded, word.folded) {
            (true, Some(folded)) => folded,
            _ => word.term,
        };
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    fn terms(language: &str, text: &str) -> Vec<String> {
        Analyser::for_language(&Language::parse(language).unwrap())
            .analyse(text)
            .into_iter()
            .map(|w| w.term)
            .collect()
    }

    #[test]
    fn vietnamese_words_keep_diacritics_and_fold_in_parallel() {
        let analyser = Analyser::for_language(&Language::parse("vi").unwrap());
        let words = analyser.analyse("Hội nghị Đà Nẵng");
        let exact: Vec<_> = words.iter().map(|w| w.term.as_str()).collect();
        let folded: Vec<_> = words.iter().filter_map(|w| w.folded.as_deref()).collect();
        assert_eq!(exact, ["hội", "nghị", "đà", "nẵng"]);
        assert_eq!(folded, ["hoi", "nghi", "da", "nang"]);
        assert_eq!(&"Hội nghị Đà Nẵng"[words[3].from..words[3].to], "Nẵng");
    }

    #[test]
    fn persian_variants_become_one_term() {
        let a = terms("fa", "می‌خواهم");
        assert_eq!(a, terms("fa", "میخواهم"));
        assert_eq!(a, terms("fa", "می خواهم"));
        assert_eq!(terms("fa", "كتاب"), terms("fa", "کتاب"));
        assert_eq!(terms("fa", "۱۴۰۴"), ["1404"]);
    }

    #[test]
    fn english_is_stemmed() {
        assert_eq!(terms("en", "Running runs"), ["run", "run"]);
    }
}
