//! The newsroom's terminology for machine translation: per language pair, a term is forced to
//! a translation, kept as it is (do-not-translate), or is a name of a person or place with its
//! form in the target language. The translation engine enforces entries; the admin shows the
//! terms found in a segment; both use this module.

use serde::{Deserialize, Serialize};

use crate::{Language, LanguageError, Timestamp};

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

/// Longest term or translation accepted, in characters: glossary terms are words and names,
/// and the bound keeps a pasted paragraph (or a hostile file) out of every segment's matcher.
pub const MAX_TERM_CHARS: usize = 300;

/// Longest note accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// Why an entry cannot be stored as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryProblem {
    /// Term and translation are in the same language.
    #[error("from and to are the same language ({0})")]
    SameLanguage(Language),
    /// The term is blank.
    #[error("the term is empty")]
    EmptyTerm,
    /// A forced or name entry without its translation.
    #[error("a {0} entry needs a translation")]
    MissingTranslation(&'static str),
    /// A do-not-translate entry whose translation is something else than its term.
    #[error(
        "a do-not-translate entry keeps its term: leave the translation empty or equal to the term"
    )]
    TranslationOfKeptTerm,
    /// A field longer than the limit.
    #[error("the {field} is too long ({chars} characters; at most {max})")]
    TooLong {
        /// Which field.
        field: &'static str,
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
}

impl GlossaryEntry {
    /// Checks what the store and the translation stage need of an entry, on its normalised
    /// text: two languages, a term, a translation unless the term is kept, sane lengths.
    pub fn check(&self) -> Result<(), EntryProblem> {
        if self.from == self.to {
            return Err(EntryProblem::SameLanguage(self.from.clone()));
        }
        let term = crate::text::normalize_line(&self.term);
        let translation = crate::text::normalize_line(&self.translation);
        if term.is_empty() {
            return Err(EntryProblem::EmptyTerm);
        }
        let too_long = |field, text: &str, max| {
            let chars = text.chars().count();
            (chars > max).then_some(EntryProblem::TooLong { field, chars, max })
        };
        if let Some(problem) = too_long("term", &term, MAX_TERM_CHARS)
            .or_else(|| too_long("translation", &translation, MAX_TERM_CHARS))
            .or_else(|| too_long("note", self.note.trim(), MAX_NOTE_CHARS))
        {
            return Err(problem);
        }
        match self.kind {
            GlossaryKind::DoNotTranslate if !translation.is_empty() && translation != term => {
                Err(EntryProblem::TranslationOfKeptTerm)
            }
            GlossaryKind::Forced | GlossaryKind::Name if translation.is_empty() => {
                Err(EntryProblem::MissingTranslation(self.kind.as_str()))
            }
            _ => Ok(()),
        }
    }
}

/// The columns of a glossary CSV file, in the order [`write_csv`] writes them.
pub const CSV_COLUMNS: [&str; 7] = [
    "from",
    "to",
    "term",
    "translation",
    "kind",
    "case_sensitive",
    "note",
];

/// Writes entries as CSV: a header row of [`CSV_COLUMNS`], then one row per entry, quoted as
/// RFC 4180 says where a field holds a comma, a quote or a line break. Lines end with LF
/// (RFC 4180 says CRLF; every reader we know accepts LF, and the file diffs cleanly).
/// [`read_csv`] reads it back to the same entries.
#[must_use]
pub fn write_csv(entries: &[GlossaryEntry]) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push('\n');
    for e in entries {
        let fields = [
            e.from.as_str(),
            e.to.as_str(),
            &e.term,
            &e.translation,
            e.kind.as_str(),
            if e.case_sensitive { "true" } else { "false" },
            &e.note,
        ];
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_csv_field(&mut out, field);
        }
        out.push('\n');
    }
    out
}

fn push_csv_field(out: &mut String, field: &str) {
    // Edge whitespace is quoted too, because some readers trim unquoted fields.
    let quote = field.contains([',', '"', '\n', '\r'])
        || field.starts_with(char::is_whitespace)
        || field.ends_with(char::is_whitespace);
    if quote {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// A problem with one line of a glossary CSV file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct CsvLineError {
    /// The line (from 1) where the row, or the broken field, starts.
    pub line: usize,
    /// What is wrong.
    pub problem: CsvProblem,
}

/// What is wrong with a row of a glossary CSV file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvProblem {
    /// The file has no rows at all.
    #[error("the file is empty; expected a header row such as {}", CSV_COLUMNS.join(","))]
    Empty,
    /// A quoted field runs to the end of the file.
    #[error("a quoted field starts here and is never closed")]
    UnclosedQuote,
    /// Text follows a quoted field's closing quote.
    #[error("text after a closing quote (write a quote inside a quoted field as \"\")")]
    TextAfterQuote,
    /// The header names a column twice.
    #[error("the column '{0}' appears twice in the header")]
    DuplicateColumn(String),
    /// The header names a column this format does not have.
    #[error(
        "unknown column '{0}' (the columns are from, to, term, translation, kind, case_sensitive, note)"
    )]
    UnknownColumn(String),
    /// The header lacks a required column.
    #[error("the header has no '{0}' column")]
    MissingColumn(&'static str),
    /// Neither the file nor the caller gives the language pair.
    #[error("the header has no from and to columns, and no language pair was given for the file")]
    NoPair,
    /// A row has more fields than the header.
    #[error("{found} fields, but the header has {expected}")]
    TooManyFields {
        /// Fields in the row.
        found: usize,
        /// Columns in the header.
        expected: usize,
    },
    /// A language cell is empty and no pair was given.
    #[error("no '{0}' language")]
    NoLanguage(&'static str),
    /// A language cell is not a language tag.
    #[error("{column}: {error}")]
    BadLanguage {
        /// `from` or `to`.
        column: &'static str,
        /// Why the tag is refused.
        error: LanguageError,
    },
    /// The row's pair is not the one given for the file.
    #[error("the row is for {found}, but the file is imported as {expected}")]
    OtherPair {
        /// The row's pair, `from-to`.
        found: String,
        /// The pair given for the file.
        expected: String,
    },
    /// The kind is not one of [`GlossaryKind::ALL`].
    #[error("unknown kind '{0}' (use forced, do-not-translate or name)")]
    UnknownKind(String),
    /// `case_sensitive` is not a yes/no value.
    #[error("case_sensitive is '{0}' (use true or false)")]
    BadCaseSensitive(String),
    /// The entry itself is refused.
    #[error("{0}")]
    Entry(EntryProblem),
    /// The pair's term is on an earlier row of the file too.
    #[error("the term '{term}' for {pair} is already on line {first_line}")]
    DuplicateTerm {
        /// The term, shortened.
        term: String,
        /// The pair, `from-to`.
        pair: String,
        /// The first row with it.
        first_line: usize,
    },
}

/// Reads a glossary CSV file (as [`write_csv`] writes it, or as a spreadsheet saves it):
/// UTF-8 with or without a byte-order mark, CRLF, LF or CR line ends, RFC 4180 quoting, a
/// header row naming the columns in any order (letter case and edge spaces ignored) and blank
/// lines skipped. Required columns: `term`, `translation`, `kind`, and `from` and `to` unless
/// `pair` is given, which fills empty language cells (and a row naming another pair is an
/// error). `case_sensitive` (true/false, yes/no, 1/0; empty is false) and `note` are optional.
///
/// Texts are normalised as the store keeps them (one line for term and translation), and a
/// do-not-translate entry without a translation gets its term, so the entries compare equal
/// to what the store returns after saving them. Each has id 0 and `updated_at` at the Unix
/// epoch: the store sets both.
///
/// Either every row is good and all entries are returned, or every problem is returned, in
/// line order, so that a file is imported whole or not at all.
pub fn read_csv(
    text: &str,
    pair: Option<(&Language, &Language)>,
) -> Result<Vec<GlossaryEntry>, Vec<CsvLineError>> {
    let records = match csv_records(text) {
        Ok(records) => records,
        Err(error) => return Err(vec![error]),
    };
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        return Err(vec![CsvLineError {
            line: 1,
            problem: CsvProblem::Empty,
        }]);
    };
    let header_error = |problem| {
        vec![CsvLineError {
            line: header.line,
            problem,
        }]
    };
    if let Some(problem) = header.problem.clone() {
        return Err(header_error(problem));
    }
    let columns = match Columns::of(&header.fields, pair.is_some()) {
        Ok(columns) => columns,
        Err(problem) => return Err(header_error(problem)),
    };
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let mut first_lines: std::collections::HashMap<(Language, Language, String), usize> =
        std::collections::HashMap::new();
    for record in records {
        let line = record.line;
        let problems = match row_entry(&record, &columns, pair) {
            Ok(entry) => {
                let key = (entry.from.clone(), entry.to.clone(), entry.term.clone());
                match first_lines.get(&key) {
                    Some(&first_line) => vec![CsvProblem::DuplicateTerm {
                        term: shorten(&entry.term),
                        pair: format!("{}-{}", entry.from, entry.to),
                        first_line,
                    }],
                    None => {
                        first_lines.insert(key, line);
                        entries.push(entry);
                        Vec::new()
                    }
                }
            }
            Err(problems) => problems,
        };
        errors.extend(
            problems
                .into_iter()
                .map(|problem| CsvLineError { line, problem }),
        );
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// Where each column is in the file.
struct Columns {
    from: Option<usize>,
    to: Option<usize>,
    term: usize,
    translation: usize,
    kind: usize,
    case_sensitive: Option<usize>,
    note: Option<usize>,
    count: usize,
}

impl Columns {
    fn of(header: &[String], pair_given: bool) -> Result<Self, CsvProblem> {
        let mut found: [Option<usize>; CSV_COLUMNS.len()] = [None; CSV_COLUMNS.len()];
        for (i, name) in header.iter().enumerate() {
            let name = name.trim().to_lowercase();
            let Some(slot) = CSV_COLUMNS.iter().position(|c| *c == name) else {
                return Err(CsvProblem::UnknownColumn(shorten(&name)));
            };
            if found[slot].replace(i).is_some() {
                return Err(CsvProblem::DuplicateColumn(name));
            }
        }
        let [from, to, term, translation, kind, case_sensitive, note] = found;
        match (from, to) {
            (Some(_), None) => return Err(CsvProblem::MissingColumn("to")),
            (None, Some(_)) => return Err(CsvProblem::MissingColumn("from")),
            (None, None) if !pair_given => return Err(CsvProblem::NoPair),
            _ => {}
        }
        Ok(Self {
            from,
            to,
            term: term.ok_or(CsvProblem::MissingColumn("term"))?,
            translation: translation.ok_or(CsvProblem::MissingColumn("translation"))?,
            kind: kind.ok_or(CsvProblem::MissingColumn("kind"))?,
            case_sensitive,
            note,
            count: header.len(),
        })
    }
}

/// The entry on one row, or everything wrong with it.
fn row_entry(
    record: &CsvRecord,
    columns: &Columns,
    pair: Option<(&Language, &Language)>,
) -> Result<GlossaryEntry, Vec<CsvProblem>> {
    if let Some(problem) = &record.problem {
        return Err(vec![problem.clone()]);
    }
    if record.fields.len() > columns.count {
        return Err(vec![CsvProblem::TooManyFields {
            found: record.fields.len(),
            expected: columns.count,
        }]);
    }
    // Spreadsheets drop empty trailing cells, so a short row reads as empty cells.
    let cell = |i: Option<usize>| {
        i.and_then(|i| record.fields.get(i))
            .map_or("", |s| s.as_str())
    };
    let language = |column: &'static str, i: Option<usize>, given: Option<&Language>| {
        let text = cell(i).trim();
        match (text.is_empty(), given) {
            (true, Some(given)) => Ok(given.clone()),
            (true, None) => Err(CsvProblem::NoLanguage(column)),
            (false, _) => {
                Language::parse(text).map_err(|error| CsvProblem::BadLanguage { column, error })
            }
        }
    };
    let from = language("from", columns.from, pair.map(|p| p.0));
    let to = language("to", columns.to, pair.map(|p| p.1));
    let kind_text = cell(Some(columns.kind)).trim().to_lowercase();
    let kind =
        GlossaryKind::parse(&kind_text).ok_or_else(|| CsvProblem::UnknownKind(shorten(&kind_text)));
    let case_text = cell(columns.case_sensitive).trim().to_lowercase();
    let case_sensitive = match case_text.as_str() {
        "" | "false" | "no" | "0" => Ok(false),
        "true" | "yes" | "1" => Ok(true),
        _ => Err(CsvProblem::BadCaseSensitive(shorten(&case_text))),
    };
    let (from, to, kind, case_sensitive) = match (from, to, kind, case_sensitive) {
        (Ok(from), Ok(to), Ok(kind), Ok(case_sensitive)) => (from, to, kind, case_sensitive),
        (from, to, kind, case_sensitive) => {
            let problems = [from.err(), to.err(), kind.err(), case_sensitive.err()];
            return Err(problems.into_iter().flatten().collect());
        }
    };
    if let Some((want_from, want_to)) = pair
        && (&from != want_from || &to != want_to)
    {
        return Err(vec![CsvProblem::OtherPair {
            found: format!("{from}-{to}"),
            expected: format!("{want_from}-{want_to}"),
        }]);
    }
    let term = crate::text::normalize_line(cell(Some(columns.term)));
    let mut translation = crate::text::normalize_line(cell(Some(columns.translation)));
    if translation.is_empty() && kind == GlossaryKind::DoNotTranslate {
        translation.clone_from(&term);
    }
    let entry = GlossaryEntry {
        id: 0,
        from,
        to,
        term,
        translation,
        kind,
        case_sensitive,
        note: crate::text::normalize(cell(columns.note)).trim().to_owned(),
        updated_at: Timestamp::UNIX_EPOCH,
    };
    entry
        .check()
        .map(|()| entry)
        .map_err(|problem| vec![CsvProblem::Entry(problem)])
}

/// A value quoted in a message, cut to a readable length.
fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(MAX).collect();
        short.push('…');
        short
    }
}

/// One row of a CSV file as fields, with where it starts and what is wrong with its syntax.
#[derive(Debug)]
struct CsvRecord {
    line: usize,
    fields: Vec<String>,
    problem: Option<CsvProblem>,
}

/// Splits CSV text into records (RFC 4180, with LF and CR line ends accepted too), skipping
/// blank lines and a leading byte-order mark. A quote inside an unquoted field is kept as
/// text, as spreadsheets read `5" pipe`; text after a closing quote marks its record bad. An
/// unclosed quote swallows the rest of the file, so it is the one error returned.
fn csv_records(text: &str) -> Result<Vec<CsvRecord>, CsvLineError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut records = Vec::new();
    while chars.peek().is_some() {
        let mut record = CsvRecord {
            line,
            fields: Vec::new(),
            problem: None,
        };
        let mut any_quoted = false;
        loop {
            let mut field = String::new();
            let quoted = chars.peek() == Some(&'"');
            if quoted {
                any_quoted = true;
                let opened_on = line;
                chars.next();
                let mut closed = false;
                while let Some(c) = chars.next() {
                    match c {
                        '"' if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        '"' => {
                            closed = true;
                            break;
                        }
                        c => {
                            // CRLF counts once, at its LF.
                            if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
                                line += 1;
                            }
                            field.push(c);
                        }
                    }
                }
                if !closed {
                    return Err(CsvLineError {
                        line: opened_on,
                        problem: CsvProblem::UnclosedQuote,
                    });
                }
            }
            let mut record_ends = false;
            loop {
                match chars.next() {
                    None => {
                        record_ends = true;
                        break;
                    }
                    Some(',') => break,
                    Some('\n') => {
                        line += 1;
                        record_ends = true;
                        break;
                    }
                    Some('\r') => {
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                        line += 1;
                        record_ends = true;
                        break;
                    }
                    Some(c) => {
                        if quoted && record.problem.is_none() {
                            record.problem = Some(CsvProblem::TextAfterQuote);
                        }
                        field.push(c);
                    }
                }
            }
            record.fields.push(field);
            if record_ends {
                break;
            }
        }
        let blank = !any_quoted && record.fields.iter().all(|f| f.trim().is_empty());
        if !blank {
            records.push(record);
        }
    }
    Ok(records)
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

    fn lang(tag: &str) -> Language {
        Language::parse(tag).unwrap()
    }

    fn problems(text: &str, pair: Option<(&Language, &Language)>) -> Vec<String> {
        read_csv(text, pair)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn csv_round_trips_quotes_commas_line_breaks_and_scripts() {
        let mut entries = vec![
            entry(
                "thông tin đối ngoại",
                "external information",
                GlossaryKind::Forced,
                false,
            ),
            entry("57-KL/TW", "57-KL/TW", GlossaryKind::DoNotTranslate, true),
            entry("Huế", "Hue, \"the old capital\"", GlossaryKind::Name, false),
        ];
        entries[0].from = lang("vi");
        entries[0].to = lang("en");
        entries[1].from = lang("vi");
        entries[1].to = lang("en");
        entries[2].note = "A city.\nNot \"Hue\" the colour, nor ,Hué,".to_owned();
        let mut persian = entry(
            "external information",
            "اطلاع\u{200C}رسانی خارجی",
            GlossaryKind::Forced,
            false,
        );
        persian.to = lang("fa");
        entries.push(persian);
        for e in &mut entries {
            e.updated_at = Timestamp::UNIX_EPOCH;
        }
        let text = write_csv(&entries);
        assert!(text.starts_with("from,to,term,translation,kind,case_sensitive,note\n"));
        assert!(text.contains("\"Hue, \"\"the old capital\"\"\""), "{text}");
        assert_eq!(read_csv(&text, None).unwrap(), entries);
        // The same file as a Windows spreadsheet saves it.
        let windows = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
        let read = read_csv(&windows, None).unwrap();
        assert_eq!(read.len(), entries.len());
        assert_eq!(read[2].note, entries[2].note);
    }

    #[test]
    fn csv_without_language_columns_takes_the_given_pair() {
        let text = "Term , Translation,KIND\nHà Nội,Hanoi,name\nAPEC,,do-not-translate\n\n";
        let (vi, en) = (lang("vi"), lang("en"));
        let read = read_csv(text, Some((&vi, &en))).unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!((&read[0].from, &read[0].to), (&vi, &en));
        assert_eq!(read[0].kind, GlossaryKind::Name);
        // A kept term without a translation is its own translation, as the store keeps it.
        assert_eq!(read[1].translation, "APEC");
        assert_eq!(
            problems(text, None),
            [
                "line 1: the header has no from and to columns, and no language pair was given for the file"
            ]
        );
    }

    #[test]
    fn csv_lists_every_bad_row_with_its_line() {
        let text = "from,to,term,translation,kind,case_sensitive,note\n\
                    vi,en,Bộ,Ministry,forced,false,\n\
                    vi,12,Sở,Department,forced,,\n\
                    vi,en,Tỉnh,,forced,,\n\
                    vi,en,\"Ban\nChỉ đạo\",Steering Committee,committee,maybe,\n\
                    vi,en,Bộ,Ministry of,forced,,\n\
                    vi,vi,Sở,Sở,do-not-translate,,\n\
                    vi,en,  ,x,forced,,\n\
                    vi,en,APEC,Asia-Pacific,do-not-translate,,\n\
                    vi,en,a,b,forced,,,extra\n";
        assert_eq!(
            problems(text, None),
            [
                "line 3: to: '12' is not a BCP 47 language tag: bad subtag '12'",
                "line 4: a forced entry needs a translation",
                "line 5: unknown kind 'committee' (use forced, do-not-translate or name)",
                "line 5: case_sensitive is 'maybe' (use true or false)",
                "line 7: the term 'Bộ' for vi-en is already on line 2",
                "line 8: from and to are the same language (vi)",
                "line 9: the term is empty",
                "line 10: a do-not-translate entry keeps its term: leave the translation empty or equal to the term",
                "line 11: 8 fields, but the header has 7",
            ]
        );
    }

    #[test]
    fn csv_rows_for_another_pair_than_the_given_one_are_refused() {
        let text =
            "from,to,term,translation,kind\nvi,en,Bộ,Ministry,forced\n,,Sở,Department,forced\n";
        let (vi, fa) = (lang("vi"), lang("fa"));
        assert_eq!(
            problems(text, Some((&vi, &fa))),
            ["line 2: the row is for vi-en, but the file is imported as vi-fa"]
        );
        let (vi, en) = (lang("vi"), lang("en"));
        assert_eq!(read_csv(text, Some((&vi, &en))).unwrap().len(), 2);
    }

    #[test]
    fn csv_headers_must_name_known_columns_once() {
        assert_eq!(
            problems("", None),
            [format!("line 1: {}", CsvProblem::Empty)]
        );
        assert_eq!(problems("\u{FEFF}\n\r\n", None).len(), 1);
        assert_eq!(
            problems("\nterm,translation,kind,colour\n", None),
            [
                "line 2: unknown column 'colour' (the columns are from, to, term, translation, kind, case_sensitive, note)"
            ]
        );
        assert_eq!(
            problems("from,to,term,term,kind,translation", None),
            ["line 1: the column 'term' appears twice in the header"]
        );
        assert_eq!(
            problems("from,term,translation,kind", None),
            ["line 1: the header has no 'to' column"]
        );
        assert_eq!(
            problems("from,to,term,kind", None),
            ["line 1: the header has no 'translation' column"]
        );
        // The unknown-column message names every column.
        let message = CsvProblem::UnknownColumn(String::new()).to_string();
        assert!(message.contains(&CSV_COLUMNS.join(", ")), "{message}");
    }

    #[test]
    fn csv_with_an_unclosed_quote_names_the_line_it_opens_on() {
        let text = "from,to,term,translation,kind\nvi,en,Bộ,Ministry,forced\nvi,en,\"Sở,Department,forced\nvi,en,Tỉnh,Province,forced\n";
        assert_eq!(
            problems(text, None),
            ["line 3: a quoted field starts here and is never closed"]
        );
        assert_eq!(
            problems("\"from,to", None),
            ["line 1: a quoted field starts here and is never closed"]
        );
    }

    #[test]
    fn csv_text_after_a_closing_quote_is_a_bad_row_but_a_stray_quote_is_text() {
        let text = "from,to,term,translation,kind\nvi,en,\"Bộ\"x,Ministry,forced\nen,vi,5\" pipe,ống 5\",forced\n";
        assert_eq!(
            problems(text, None),
            ["line 2: text after a closing quote (write a quote inside a quoted field as \"\")"]
        );
        let good = "from,to,term,translation,kind\nen,vi,5\" pipe,ống 5\",forced\n";
        assert_eq!(read_csv(good, None).unwrap()[0].term, "5\" pipe");
    }

    #[test]
    fn csv_line_numbers_count_line_breaks_inside_quotes() {
        let text = "from,to,term,translation,kind,case_sensitive,note\r\n\
                    vi,en,Bộ,Ministry,forced,no,\"one\r\ntwo\rthree\nfour\"\r\n\
                    vi,en,Sở,,forced,,\r\n";
        assert_eq!(
            problems(text, None),
            ["line 6: a forced entry needs a translation"]
        );
    }

    #[test]
    fn a_one_megabyte_field_is_read_and_refused_as_too_long() {
        let huge = "ư".repeat(512 * 1024);
        let text = format!(
            "from,to,term,translation,kind\nvi,en,\"{huge}\",x,forced\nvi,en,ok,{huge},{huge}\n"
        );
        assert_eq!(
            problems(&text, None),
            [
                format!(
                    "line 2: the term is too long ({} characters; at most {MAX_TERM_CHARS})",
                    512 * 1024
                ),
                format!(
                    "line 3: unknown kind '{}…' (use forced, do-not-translate or name)",
                    "ư".repeat(40)
                ),
            ]
        );
    }

    #[test]
    fn csv_skips_blank_rows_and_reads_short_rows_as_empty_cells() {
        let text = "from,to,term,translation,kind,case_sensitive,note\n,,,,,,\n\nvi,en,APEC,,do-not-translate\n";
        let read = read_csv(text, None).unwrap();
        assert_eq!(read.len(), 1);
        assert!(!read[0].case_sensitive);
        assert_eq!(read[0].note, "");
    }

    #[test]
    fn entries_are_checked_on_their_normalised_text() {
        let mut e = entry("WHO", "", GlossaryKind::DoNotTranslate, true);
        assert_eq!(e.check(), Ok(()));
        e.translation = " WHO ".to_owned();
        assert_eq!(e.check(), Ok(()));
        e.kind = GlossaryKind::Name;
        e.translation = "\u{FEFF} ".to_owned();
        assert_eq!(e.check(), Err(EntryProblem::MissingTranslation("name")));
        e.translation = "x".to_owned();
        e.note = "n".repeat(MAX_NOTE_CHARS + 1);
        assert!(matches!(
            e.check(),
            Err(EntryProblem::TooLong { field: "note", .. })
        ));
    }
}
