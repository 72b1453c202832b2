//! Herald's full-text search: one tantivy index per language.
//!
//! **One index per language**, in its own folder `{dir}/{language}/`. A reader searches in one
//! language, and every language needs its own analysis: an index per language keeps each
//! analyser's terms apart (Vietnamese `hoi` and English `hoi` never meet), keeps the statistics
//! BM25 ranks by per language, lets one language be rebuilt (after an analyser change or damage)
//! while the others keep serving, and keeps each index small.
//!
//! **Analysers** (module `analysis`) fit the language:
//! - Vietnamese indexes each syllable twice: with its diacritics, and folded (`hội` → `hoi`,
//!   `đ` → `d`) in twin fields weighted lower, so "hoi nghi" finds "hội nghị" while articles
//!   with the reader's exact diacritics rank first.
//! - Persian and Arabic fold yeh, kaf, alef and heh variants, drop harakat, tatweel and ZWNJ,
//!   and fold digits; Persian joins the detached `می` / `ها` so `می‌خواهم`, `میخواهم` and
//!   `می خواهم` are one term; Arabic is lightly stemmed.
//! - Chinese and Japanese are cut into words with ICU4X's compiled-in dictionaries (offline);
//!   a query for 京都 does not match the 京都 inside 東京都.
//! - English, French, Spanish, German, Russian (and the other Snowball languages) are
//!   lowercased, stemmed, and Latin diacritics folded.
//! - Any other language gets Unicode words, lowercased and folded.
//!
//! **Queries** (module `query`) are built by hand, never parsed, so nothing a reader types is an
//! error. All words must match; words typed side by side also score as a phrase, which ranks
//! multi-syllable and multi-segment words written together first. When no article holds every
//! word, the search falls back to any word.
//!
//! **Writes** go through one `IndexWriter` per language, made on first use and kept behind a
//! mutex, so jobs on several threads can upsert; [`SearchIndex::commit`] commits every language
//! with pending changes and reloads its reader, so a search after `commit` sees them.
//!
//! **Damage** never stops Herald: [`SearchIndex::open`] moves a corrupt or outdated index
//! aside and starts an empty one, and says so in [`OpenReport`] so the caller can queue a rebuild.

mod analysis;
mod highlight;
mod query;
mod schema;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use herald_domain::{ArticleId, AuthorId, CategoryId, Language, PlaceId, SourceId, TopicId};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument,
    Term,
};

use crate::analysis::{Analyser, Flavour, HeraldTokenizer};
use crate::highlight::Highlighter;
use crate::query::{Mode, ParsedText};
use crate::schema::{Fields, PUBLISHED};

/// Memory each language's writer may use before it flushes a segment.
const WRITER_MEMORY_BYTES: usize = 50_000_000;
/// Most results one page can hold.
const MAX_LIMIT: usize = 100;
/// Deepest offset served: pages beyond are empty (nobody reads page 500; crawlers would).
const MAX_OFFSET: usize = 10_000;

/// The search indexes of every configured language.
pub struct SearchIndex {
    languages: HashMap<Language, LanguageIndex>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("languages", &self.languages())
            .finish_non_exhaustive()
    }
}

/// One language's index, its reader, and its writer once something was written.
struct LanguageIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    dirty: AtomicBool,
    fields: Fields,
    analyser: Analyser,
}

/// What [`SearchIndex::open`] found: languages whose index is new and empty, so the caller
/// should fill them (reindex).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// Languages that had no index.
    pub created: Vec<Language>,
    /// Languages whose index was unreadable or built by another version, moved aside and
    /// recreated empty, with the reason.
    pub rebuilt: Vec<(Language, String)>,
}

impl OpenReport {
    /// Every language whose index is empty and needs a reindex.
    #[must_use]
    pub fn needs_reindex(&self) -> Vec<Language> {
        self.created
            .iter()
            .cloned()
            .chain(self.rebuilt.iter().map(|(l, _)| l.clone()))
            .collect()
    }
}

/// The text and facets of one article in one language, as indexed.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexDoc {
    pub article: ArticleId,
    pub language: Language,
    pub title: String,
    pub lead: String,
    /// Plain text; the caller strips HTML.
    pub body: String,
    pub slug: String,
    pub category: CategoryId,
    pub topics: Vec<TopicId>,
    pub authors: Vec<AuthorId>,
    pub source: SourceId,
    pub place: Option<PlaceId>,
    pub published_at: jiff::Timestamp,
}

/// A reader's search in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    pub language: Language,
    /// What the reader typed; any text is accepted. Empty lists the filtered articles, newest
    /// first.
    pub text: String,
    pub category: Option<CategoryId>,
    pub topic: Option<TopicId>,
    pub source: Option<SourceId>,
    pub place: Option<PlaceId>,
    pub author: Option<AuthorId>,
    /// Published at or after.
    pub from: Option<jiff::Timestamp>,
    /// Published before.
    pub to: Option<jiff::Timestamp>,
    pub offset: usize,
    /// Results per page, at most 100.
    pub limit: usize,
}

impl SearchQuery {
    /// A query for `text` in `language`, first page of ten, no filters.
    #[must_use]
    pub fn new(language: Language, text: impl Into<String>) -> Self {
        Self {
            language,
            text: text.into(),
            category: None,
            topic: None,
            source: None,
            place: None,
            author: None,
            from: None,
            to: None,
            offset: 0,
            limit: 10,
        }
    }
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    /// How many articles match in all.
    pub total: usize,
    pub hits: Vec<SearchHit>,
    /// No article holds every word typed, so these are the articles holding some of them
    /// (the reader is told).
    pub some_words: bool,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub article: ArticleId,
    pub score: f32,
    pub slug: String,
    pub published_at: jiff::Timestamp,
    pub title: Highlighted,
    /// The best stretch of the lead or body, around the matches.
    pub snippet: Highlighted,
}

/// Plain text and the byte ranges of it that matched; the web escapes the text and wraps the
/// ranges in `<mark>`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Highlighted {
    pub text: String,
    /// Sorted, disjoint byte ranges of `text`, on character boundaries.
    pub marks: Vec<Range<usize>>,
}

/// Why a search operation failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The language has no index here.
    #[error("no search index for language {0}")]
    UnknownLanguage(Language),
    /// Tantivy failed.
    #[error("search index error: {0}")]
    Index(String),
    /// A file or folder could not be used.
    #[error("search index I/O error at {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(error: tantivy::TantivyError) -> Self {
        Self::Index(one_line(&error.to_string()))
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> SearchError + '_ {
    move |source| SearchError::Io {
        path: path.to_owned(),
        source,
    }
}

impl SearchIndex {
    /// Opens (creating) one index per language under `dir`. A missing index is created empty;
    /// a corrupt or incompatible one is moved aside (renamed, not deleted) and recreated empty.
    /// Both are listed in the report so the caller can queue a rebuild. Fails only on I/O
    /// errors it cannot get around (a folder it cannot create or rename).
    pub fn open(
        dir: &Path,
        languages: &[Language],
    ) -> Result<(SearchIndex, OpenReport), SearchError> {
        std::fs::create_dir_all(dir).map_err(io_error(dir))?;
        let mut report = OpenReport::default();
        let mut map = HashMap::new();
        for language in languages {
            if map.contains_key(language) {
                continue;
            }
            let analyser = Analyser::for_language(language);
            let (schema, fields) = Fields::build(analyser);
            let path = dir.join(language.as_str());
            let index = match open_existing(&path, &schema, analyser) {
                Existing::Usable(index) => index,
                Existing::Missing => {
                    report.created.push(language.clone());
                    create(&path, schema, analyser)?
                }
                Existing::Broken(why) => {
                    let aside = move_aside(&path)?;
                    tracing::warn!(
                        language = language.as_str(),
                        moved_to = %aside.display(),
                        why,
                        "search index unusable, moved aside and recreated empty"
                    );
                    report.rebuilt.push((language.clone(), why));
                    create(&path, schema, analyser)?
                }
            };
            map.insert(
                language.clone(),
                LanguageIndex::new(index, fields, analyser)?,
            );
        }
        Ok((SearchIndex { languages: map }, report))
    }

    /// Same, in RAM (tests, demo).
    pub fn in_memory(languages: &[Language]) -> Result<SearchIndex, SearchError> {
        let mut map = HashMap::new();
        for language in languages {
            let analyser = Analyser::for_language(language);
            let (schema, fields) = Fields::build(analyser);
            let index = Index::create_in_ram(schema);
            register_tokenizers(&index, analyser);
            map.insert(
                language.clone(),
                LanguageIndex::new(index, fields, analyser)?,
            );
        }
        Ok(SearchIndex { languages: map })
    }

    /// The languages with an index, sorted.
    #[must_use]
    pub fn languages(&self) -> Vec<Language> {
        let mut out: Vec<Language> = self.languages.keys().cloned().collect();
        out.sort();
        out
    }

    fn language(&self, language: &Language) -> Result<&LanguageIndex, SearchError> {
        self.languages
            .get(language)
            .ok_or_else(|| SearchError::UnknownLanguage(language.clone()))
    }

    /// Adds or replaces the document of (doc.article, doc.language). Not visible until commit.
    pub fn upsert(&self, doc: &IndexDoc) -> Result<(), SearchError> {
        let index = self.language(&doc.language)?;
        let document = index.fields.document(doc);
        index.with_writer(|writer| {
            writer.delete_term(index.article_term(doc.article));
            writer.add_document(document)?;
            Ok(())
        })
    }

    /// Removes the document of (article, language). Not visible until commit.
    pub fn remove(&self, article: ArticleId, language: &Language) -> Result<(), SearchError> {
        let index = self.language(language)?;
        index.with_writer(|writer| {
            writer.delete_term(index.article_term(article));
            Ok(())
        })
    }

    /// Removes every document of a language (a rebuild starts with it). Not visible until
    /// commit.
    pub fn clear(&self, language: &Language) -> Result<(), SearchError> {
        let index = self.language(language)?;
        index.with_writer(|writer| {
            writer.delete_all_documents()?;
            Ok(())
        })
    }

    /// Commits pending changes of every language and makes them visible to searches at once.
    /// A language that fails does not stop the others; the first error is returned.
    pub fn commit(&self) -> Result<(), SearchError> {
        let mut first_error = None;
        for (language, index) in &self.languages {
            if let Err(error) = index.commit() {
                tracing::error!(language = language.as_str(), %error, "search commit failed");
                first_error.get_or_insert(error);
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    /// Commits, then waits for the background merges of segments to finish and releases the
    /// writers (and their locks on the folders). A short-lived process (a reindex) calls it
    /// before it exits, so the index it leaves is merged; later writes make new writers.
    pub fn finish_writes(&self) -> Result<(), SearchError> {
        self.commit()?;
        for index in self.languages.values() {
            let writer = index.lock_writer().take();
            if let Some(writer) = writer {
                writer.wait_merging_threads()?;
                index.reader.reload()?;
            }
        }
        Ok(())
    }

    /// How many documents a language's index holds (as of the last commit).
    pub fn doc_count(&self, language: &Language) -> Result<u64, SearchError> {
        Ok(self.language(language)?.reader.searcher().num_docs())
    }

    /// Runs a reader's search. Never fails because of the text typed.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError> {
        let index = self.language(&query.language)?;
        let limit = query.limit.min(MAX_LIMIT);
        if limit == 0 || query.offset > MAX_OFFSET {
            let (total, some_words) = self.count_only(index, query)?;
            return Ok(SearchResults {
                total,
                hits: Vec::new(),
                some_words,
            });
        }
        let searcher = index.reader.searcher();
        let parsed = ParsedText::parse(index.analyser, &query.text);
        let top = || TopDocs::with_limit(limit).and_offset(query.offset);
        if parsed.typed && parsed.is_empty() {
            // Only punctuation or symbols: nothing can match.
            return Ok(SearchResults::default());
        }
        let filters = || query::filters(&index.fields, query);
        if parsed.is_empty() {
            let all = query::with_filters(None, filters());
            let (docs, total) = searcher.search(
                &all,
                &(
                    top().order_by_fast_field::<i64>(PUBLISHED, Order::Desc),
                    Count,
                ),
            )?;
            let addresses = docs.into_iter().map(|(_, address)| (0.0, address));
            let hits = index.hits(&searcher, addresses, &parsed)?;
            return Ok(SearchResults {
                total,
                hits,
                some_words: false,
            });
        }
        let mut mode = Mode::All;
        loop {
            let text = query::text_query(&index.fields, &parsed, mode);
            let full = query::with_filters(text, filters());
            let (docs, total) = searcher.search(&full, &(top().order_by_score(), Count))?;
            let retry = total == 0
                && mode == Mode::All
                && parsed.words.len() > 1
                && parsed.phrases.is_empty();
            if retry {
                mode = Mode::Any;
                continue;
            }
            let hits = index.hits(&searcher, docs.into_iter(), &parsed)?;
            return Ok(SearchResults {
                total,
                hits,
                some_words: mode == Mode::Any,
            });
        }
    }

    /// The total alone (a page of no hits), with the same fallback as [`Self::search`], and
    /// whether the fallback was taken.
    fn count_only(
        &self,
        index: &LanguageIndex,
        query: &SearchQuery,
    ) -> Result<(usize, bool), SearchError> {
        let parsed = ParsedText::parse(index.analyser, &query.text);
        if parsed.typed && parsed.is_empty() {
            return Ok((0, false));
        }
        let searcher = index.reader.searcher();
        let count = |mode| {
            let text = query::text_query(&index.fields, &parsed, mode);
            let full = query::with_filters(text, query::filters(&index.fields, query));
            searcher.search(&full, &Count)
        };
        let total = count(Mode::All)?;
        if total == 0 && parsed.words.len() > 1 && parsed.phrases.is_empty() {
            return Ok((count(Mode::Any)?, true));
        }
        Ok((total, false))
    }

    /// Articles whose text in `language` is most like this article's text there (the article
    /// itself excluded), best first; empty when the article is not indexed in that language.
    pub fn more_like_this(
        &self,
        language: &Language,
        article: ArticleId,
        limit: usize,
    ) -> Result<Vec<ArticleId>, SearchError> {
        let index = self.language(language)?;
        let limit = limit.min(MAX_LIMIT);
        if limit == 0 {
            return Ok(Vec::new());
        }
        let searcher = index.reader.searcher();
        let own = TermQuery::new(index.article_term(article), IndexRecordOption::Basic);
        let found = searcher.search(&own, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = found.first() else {
            return Ok(Vec::new());
        };
        let document: TantivyDocument = searcher.doc(*address)?;
        let text = |field| {
            document
                .get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let Some(similar) = index.similar_query(
            &searcher,
            &text(index.fields.title),
            &format!("{}\n{}", text(index.fields.lead), text(index.fields.body)),
        ) else {
            return Ok(Vec::new());
        };
        let query = BooleanQuery::new(vec![
            (Occur::Should, similar),
            (Occur::MustNot, Box::new(own)),
        ]);
        let docs = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        docs.into_iter()
            .map(|(_, address)| {
                let doc: TantivyDocument = searcher.doc(address)?;
                Ok(ArticleId::new(
                    doc.get_first(index.fields.article)
                        .and_then(|v| v.as_i64())
                        .unwrap_or_default(),
                ))
            })
            .collect()
    }
}

/// What is in a language's folder.
enum Existing {
    Usable(Index),
    Missing,
    Broken(String),
}

fn open_existing(path: &Path, schema: &tantivy::schema::Schema, analyser: Analyser) -> Existing {
    let empty = match std::fs::read_dir(path) {
        Ok(mut entries) => entries.next().is_none(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Existing::Missing,
        Err(error) => return Existing::Broken(format!("cannot list the folder: {error}")),
    };
    if empty {
        return Existing::Missing;
    }
    if !path.join("meta.json").exists() {
        return Existing::Broken("the folder holds no meta.json".to_owned());
    }
    let index = match Index::open_in_dir(path) {
        Ok(index) => index,
        Err(error) => return Existing::Broken(one_line(&error.to_string())),
    };
    if index.schema() != *schema {
        return Existing::Broken(
            "built by another version of the analysers (schema differs)".to_owned(),
        );
    }
    register_tokenizers(&index, analyser);
    // Opening a reader loads every segment's metadata; reading a little of each part shows
    // damage here rather than at the first search. Tantivy may panic on garbage rather than
    // return an error, so a panic counts as damage too.
    let check = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_segments(&index)));
    match check {
        Ok(Ok(())) => Existing::Usable(index),
        Ok(Err(error)) => Existing::Broken(one_line(&error.to_string())),
        Err(_) => Existing::Broken("reading the index panicked (damaged files)".to_owned()),
    }
}

/// Opens every segment's postings, fast fields and stored documents once.
fn check_segments(index: &Index) -> tantivy::Result<()> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let schema = index.schema();
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(0)?;
        if segment.max_doc() > 0 {
            let _: TantivyDocument = store.get(0)?;
        }
        for (field, entry) in schema.fields() {
            if entry.is_indexed() {
                let _ = segment.inverted_index(field)?;
            }
        }
        let _ = segment.fast_fields().i64(PUBLISHED)?;
    }
    Ok(())
}

fn create(
    path: &Path,
    schema: tantivy::schema::Schema,
    analyser: Analyser,
) -> Result<Index, SearchError> {
    std::fs::create_dir_all(path).map_err(io_error(path))?;
    let index = Index::create_in_dir(path, schema)?;
    register_tokenizers(&index, analyser);
    Ok(index)
}

/// Renames `path` to the first free `{path}.broken-{n}`.
fn move_aside(path: &Path) -> Result<PathBuf, SearchError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for n in 1..10_000 {
        let aside = path.with_file_name(format!("{name}.broken-{n}"));
        if !aside.exists() {
            std::fs::rename(path, &aside).map_err(io_error(path))?;
            return Ok(aside);
        }
    }
    Err(SearchError::Io {
        path: path.to_owned(),
        source: std::io::Error::other("too many broken copies beside it"),
    })
}

fn register_tokenizers(index: &Index, analyser: Analyser) {
    index.tokenizers().register(
        &analyser.tokenizer_name(),
        TextAnalyzer::builder(HeraldTokenizer::new(analyser, false)).build(),
    );
    if analyser.has_folded() {
        index.tokenizers().register(
            &analyser.folded_tokenizer_name(),
            TextAnalyzer::builder(HeraldTokenizer::new(analyser, true)).build(),
        );
    }
}

impl LanguageIndex {
    fn new(index: Index, fields: Fields, analyser: Analyser) -> Result<Self, SearchError> {
        // Commits made here reload the reader at once (see `commit`); the watch on the folder
        // picks up commits by another process (a `herald reindex` beside a running server).
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Self {
            index,
            reader,
            writer: Mutex::new(None),
            dirty: AtomicBool::new(false),
            fields,
            analyser,
        })
    }

    fn article_term(&self, article: ArticleId) -> Term {
        Term::from_field_i64(self.fields.article, article.get())
    }

    fn lock_writer(&self) -> MutexGuard<'_, Option<IndexWriter>> {
        // A panic while holding the lock leaves the writer usable: tantivy's own state is
        // consistent between calls.
        self.writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn with_writer(
        &self,
        change: impl FnOnce(&mut IndexWriter) -> Result<(), SearchError>,
    ) -> Result<(), SearchError> {
        let mut guard = self.lock_writer();
        let writer = match &mut *guard {
            Some(writer) => writer,
            empty => empty.insert(self.index.writer_with_num_threads(1, WRITER_MEMORY_BYTES)?),
        };
        change(writer)?;
        self.dirty.store(true, Ordering::SeqCst);
        Ok(())
    }

    fn commit(&self) -> Result<(), SearchError> {
        let mut guard = self.lock_writer();
        let Some(writer) = guard.as_mut() else {
            return Ok(());
        };
        if !self.dirty.swap(false, Ordering::SeqCst) {
            return Ok(());
        }
        if let Err(error) = writer.commit() {
            self.dirty.store(true, Ordering::SeqCst);
            return Err(error.into());
        }
        self.reader.reload()?;
        Ok(())
    }

    /// The hits for the documents at `addresses`, with highlights.
    fn hits(
        &self,
        searcher: &Searcher,
        addresses: impl Iterator<Item = (f32, DocAddress)>,
        parsed: &ParsedText,
    ) -> Result<Vec<SearchHit>, SearchError> {
        let highlighter = Highlighter::new(self.analyser, parsed);
        let fields = &self.fields;
        addresses
            .map(|(score, address)| {
                let doc: TantivyDocument = searcher.doc(address)?;
                let text = |field| {
                    doc.get_first(field)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                };
                let int = |field| {
                    doc.get_first(field)
                        .and_then(|v| v.as_i64())
                        .unwrap_or_default()
                };
                Ok(SearchHit {
                    article: ArticleId::new(int(fields.article)),
                    score,
                    slug: text(fields.slug).to_owned(),
                    published_at: jiff::Timestamp::from_microsecond(int(fields.published))
                        .unwrap_or_default(),
                    title: highlighter.highlight(text(fields.title)),
                    snippet: highlighter.snippet(text(fields.lead), text(fields.body)),
                })
            })
            .collect()
    }

    /// A query for articles sharing the most telling words of this text: each word weighted
    /// by how often it occurs here and how rare it is in the language's index.
    fn similar_query(
        &self,
        searcher: &Searcher,
        title: &str,
        text: &str,
    ) -> Option<Box<dyn Query>> {
        const MAX_TERMS: usize = 25;
        const MAX_TEXT_BYTES: usize = 8 * 1024;
        let total = searcher.num_docs();
        if total < 2 {
            return None;
        }
        let mut frequency: HashMap<String, f32> = HashMap::new();
        for word in self.analyser.analyse(title) {
            *frequency.entry(word.term).or_default() += 2.0;
        }
        for word in self.analyser.analyse(query::cut(text, MAX_TEXT_BYTES)) {
            *frequency.entry(word.term).or_default() += 1.0;
        }
        let min_chars = if self.analyser.flavour() == Flavour::Cjk {
            2
        } else {
            3
        };
        // Words in more than this share of the articles say nothing about the subject.
        let max_docs = ((total as f64) * 0.3).max(3.0);
        let mut weighted: Vec<(String, f32)> = frequency
            .into_iter()
            .filter(|(term, _)| term.chars().count() >= min_chars)
            .filter_map(|(term, tf)| {
                let mut df = 0;
                for field in [self.fields.title, self.fields.lead, self.fields.body] {
                    df = df.max(
                        searcher
                            .doc_freq(&Term::from_field_text(field, &term))
                            .ok()?,
                    );
                }
                // Only this article has it, or nearly every article does.
                if df < 2 || (df as f64) > max_docs {
                    return None;
                }
                let idf = ((total as f32 + 1.0) / (df as f32)).ln();
                Some((term, tf.sqrt() * idf))
            })
            .collect();
        weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        weighted.truncate(MAX_TERMS);
        if weighted.is_empty() {
            return None;
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (term, weight) in weighted {
            for (field, boost) in [
                (self.fields.title, 1.5),
                (self.fields.lead, 1.0),
                (self.fields.body, 1.0),
            ] {
                let query = TermQuery::new(
                    Term::from_field_text(field, &term),
                    IndexRecordOption::WithFreqs,
                );
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(query), weight * boost)),
                ));
            }
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }
}
