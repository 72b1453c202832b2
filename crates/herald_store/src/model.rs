//! Values the port takes and returns that are about storage use cases rather than the
//! domain itself: new-entity inputs, filters, pages, list rows.

use std::time::Duration;

use herald_domain::{
    Article, ArticleId, Author, AuthorId, CanonicalPolicy, Category, CategoryId, EditorialState,
    JobState, Language, Localized, MediaId, MediaKind, NewArticle, Origin, Place, PlaceId,
    PlaceKind, Provenance, Region, Slug, Source, SourceId, Tag, TagId, Timestamp, Topic, TopicId,
    Trust, UserId,
};
use url::Url;

/// A source about to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSource {
    /// Stable key, unique.
    pub key: String,
    /// Names per language (slugs are made from them).
    pub names: Localized<String>,
    /// Descriptions per language.
    pub descriptions: Localized<String>,
    /// Home page.
    pub home_url: Url,
    /// Feeds.
    pub feeds: Vec<Url>,
    /// Language it writes in.
    pub language: Language,
    /// Region.
    pub region: Region,
    /// Trust.
    pub trust: Trust,
    /// Licence name.
    pub licence: String,
    /// Credit line.
    pub credit: String,
    /// Canonical policy.
    pub canonical: CanonicalPolicy,
    /// Seconds between polls.
    pub poll_interval_secs: u32,
}

/// The kinds of taxonomy term, which share naming and slug rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermKind {
    /// A category.
    Category,
    /// A topic.
    Topic,
    /// An author.
    Author,
    /// A place.
    Place,
    /// A tag.
    Tag,
    /// A source (for its page's slug).
    Source,
}

impl TermKind {
    /// Storage form.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Category => "category",
            Self::Topic => "topic",
            Self::Author => "author",
            Self::Place => "place",
            Self::Tag => "tag",
            Self::Source => "source",
        }
    }
}

/// A taxonomy term about to be stored. Slugs are made from the names, per language, and made
/// unique among terms of the same kind.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewTerm {
    /// Stable key, unique per kind.
    pub key: String,
    /// Names per language.
    pub names: Localized<String>,
    /// Optional descriptions per language.
    pub descriptions: Localized<String>,
}

/// The taxonomy a page needs, asked of [`crate::Store::terms`] at once: every category (and
/// which have articles, for a main menu), and sources and terms of each kind by id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct TermIds {
    /// Every category too, as [`crate::Store::list_categories`] gives them.
    pub all_categories: bool,
    /// Also which categories have an article listed in this language, as
    /// [`crate::Store::categories_with_articles`] gives them.
    pub categories_with_articles: Option<ListLanguages>,
    /// Sources by id.
    pub sources: Vec<SourceId>,
    /// Topics by id.
    pub topics: Vec<TopicId>,
    /// Authors by id.
    pub authors: Vec<AuthorId>,
    /// Places by id.
    pub places: Vec<PlaceId>,
    /// Tags by id.
    pub tags: Vec<TagId>,
}

/// The languages a list reads: its own, then the fallbacks (as in [`ArticleFilter`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListLanguages {
    /// The list's language.
    pub language: Language,
    /// Where an article missing in `language` is taken from, in order.
    pub fallbacks: Vec<Language>,
}

/// What [`crate::Store::terms`] found: each list as the read of that kind alone would give it
/// (in the order asked, each id once, unknown ids and ids of another kind left out).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Terms {
    /// Every category in navigation order, if asked; else empty.
    pub categories: Vec<Category>,
    /// The categories with an article listed in the language asked, by id; empty if not
    /// asked.
    pub categories_with_articles: Vec<CategoryId>,
    /// Sources.
    pub sources: Vec<Source>,
    /// Topics.
    pub topics: Vec<Topic>,
    /// Authors.
    pub authors: Vec<Author>,
    /// Places.
    pub places: Vec<Place>,
    /// Tags.
    pub tags: Vec<Tag>,
}

/// A category about to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCategory {
    /// Key, names, descriptions.
    pub term: NewTerm,
    /// Parent category.
    pub parent: Option<CategoryId>,
    /// Order among siblings.
    pub position: i32,
}

/// An author about to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAuthor {
    /// Key, names, descriptions.
    pub term: NewTerm,
    /// The outlet the author writes for.
    pub source: Option<SourceId>,
}

/// A place about to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPlace {
    /// Key, names, descriptions.
    pub term: NewTerm,
    /// Kind.
    pub kind: PlaceKind,
    /// Containing place.
    pub parent: Option<PlaceId>,
}

/// A media item about to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMedia {
    /// Stable key, unique.
    pub key: String,
    /// Image or video.
    pub kind: MediaKind,
    /// Alt text per language.
    pub alt: Localized<String>,
    /// Caption per language.
    pub caption: Localized<String>,
    /// Credit per language.
    pub credit: Localized<String>,
    /// Rights.
    pub rights: Option<String>,
}

/// A text of a media item kept per language, that machine translation may write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MediaText {
    /// The text alternative ([`herald_domain::Media::alt`]).
    Alt,
    /// The caption ([`herald_domain::Media::caption`]).
    Caption,
    /// A video's WebVTT subtitle file (its path under the media folder).
    Subtitles,
}

impl MediaText {
    /// Every kind, in a stable order.
    pub const ALL: [Self; 3] = [Self::Alt, Self::Caption, Self::Subtitles];

    /// Its stable name (`alt`, `caption`, `subtitles`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Alt => "alt",
            Self::Caption => "caption",
            Self::Subtitles => "subtitles",
        }
    }

    /// The kind with this stable name.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// Texts of one media item in one language made by machine translation, for
/// [`crate::Store::save_machine_media_texts`]. `None` (or an empty text) leaves that text as
/// it is. Credits are names, never translated, so they have no place here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MachineMediaTexts {
    /// Text alternative.
    pub alt: Option<String>,
    /// Caption.
    pub caption: Option<String>,
    /// Path under the media folder of a WebVTT file (videos only).
    pub subtitles: Option<String>,
}

impl MachineMediaTexts {
    /// The text given for `kind`, if any and not empty.
    #[must_use]
    pub fn get(&self, kind: MediaText) -> Option<&str> {
        match kind {
            MediaText::Alt => self.alt.as_deref(),
            MediaText::Caption => self.caption.as_deref(),
            MediaText::Subtitles => self.subtitles.as_deref(),
        }
        .filter(|t| !t.trim().is_empty())
    }

    /// Whether no text is given.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        MediaText::ALL.into_iter().all(|k| self.get(k).is_none())
    }
}

/// A version of an article to save: a translation, a correction, a post-edit.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionDraft {
    /// The story.
    pub article: ArticleId,
    /// Language.
    pub language: Language,
    /// Headline (its slug is made from it).
    pub title: String,
    /// Lead.
    pub lead: String,
    /// Sanitised HTML body.
    pub body: String,
    /// Where the text came from.
    pub origin: Origin,
    /// How it was made.
    pub provenance: Option<Provenance>,
    /// Editorial state.
    pub state: EditorialState,
}

/// What happened to a saved version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Stored; this is its (possibly new) slug.
    Saved {
        /// The current slug.
        slug: Slug,
    },
    /// Refused because the existing version is a person's work and the draft is machine output.
    KeptHumanWork {
        /// Origin of the version that was kept.
        existing: Origin,
    },
}

/// Which articles a list shows: each article once, in its version published in `language`,
/// or — when it has none there — in its first version published in one of `fallbacks`. An
/// article whose version in `language` was withdrawn is not listed in another language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFilter {
    /// Language of the versions listed.
    pub language: Language,
    /// Languages to show an article in, in this order, when it has no published version in
    /// `language` ([`ArticleCard::language`] tells which one was taken). Empty (the default):
    /// only articles published in `language` are listed. `language` itself and repeats are
    /// ignored.
    pub fallbacks: Vec<Language>,
    /// In this category or any of its sub-categories.
    pub category: Option<CategoryId>,
    /// On this topic.
    pub topic: Option<TopicId>,
    /// By this author.
    pub author: Option<AuthorId>,
    /// In this place.
    pub place: Option<PlaceId>,
    /// With this tag.
    pub tag: Option<TagId>,
    /// From this source.
    pub source: Option<SourceId>,
    /// Only featured (or only not featured) articles.
    pub featured: Option<bool>,
    /// Only articles that carry a video.
    pub has_video: bool,
    /// Leave these out (the article being read, the lead story already shown).
    pub exclude: Vec<ArticleId>,
    /// Only articles first published at or after this time.
    pub published_since: Option<Timestamp>,
    /// Only articles first published at or before this time.
    pub published_until: Option<Timestamp>,
    /// Only the articles that come after this position in the list's order (newest first):
    /// older than it, or as old with a smaller id. Keyset pagination: a list read page by page
    /// from the last item of each page gives every article once, and articles published
    /// meanwhile (newer) never shift the pages still to come.
    pub after: Option<ListPosition>,
}

/// Where an article stands in a list, which is ordered by first publication, newest first,
/// then by id, highest first. [`ArticleFilter::after`] reads a list from here on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ListPosition {
    /// The article's first publication.
    pub published_at: Timestamp,
    /// The article.
    pub id: ArticleId,
}

impl ListPosition {
    /// The position of a card in its list.
    #[must_use]
    pub fn of(card: &ArticleCard) -> Self {
        Self {
            published_at: card.published_at,
            id: card.id,
        }
    }
}

impl ArticleFilter {
    /// Every article published in a language, newest first, with no fallback languages.
    #[must_use]
    pub fn in_language(language: Language) -> Self {
        Self {
            language,
            fallbacks: Vec::new(),
            category: None,
            topic: None,
            author: None,
            place: None,
            tag: None,
            source: None,
            featured: None,
            has_video: false,
            exclude: Vec::new(),
            published_since: None,
            published_until: None,
            after: None,
        }
    }
}

/// A page of a list, counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// Page number, from 1.
    pub number: u32,
    /// Items per page.
    pub size: u32,
}

impl PageRequest {
    /// The first `size` items.
    #[must_use]
    pub const fn first(size: u32) -> Self {
        Self { number: 1, size }
    }

    /// Rows to skip.
    #[must_use]
    pub fn offset(self) -> u64 {
        u64::from(self.number.max(1) - 1) * u64::from(self.size)
    }
}

/// One page of a list and the size of the whole list.
#[derive(Debug, Clone, PartialEq)]
pub struct Paged<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Items in the whole list.
    pub total: u64,
    /// The page asked for.
    pub page: PageRequest,
}

impl<T> Paged<T> {
    /// Number of pages in the whole list (at least 1).
    #[must_use]
    pub fn pages(&self) -> u32 {
        let size = u64::from(self.page.size.max(1));
        u32::try_from(self.total.div_ceil(size).max(1)).unwrap_or(u32::MAX)
    }
}

/// An article as lists show it: one version's headline with what a card needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleCard {
    /// The story.
    pub id: ArticleId,
    /// Language of the version shown.
    pub language: Language,
    /// Headline.
    pub title: String,
    /// Lead.
    pub lead: String,
    /// Slug in this language.
    pub slug: Slug,
    /// Origin of the version shown.
    pub origin: Origin,
    /// Section.
    pub category: CategoryId,
    /// Place.
    pub place: Option<PlaceId>,
    /// Headline picture.
    pub lead_image: Option<MediaId>,
    /// Source.
    pub source: SourceId,
    /// Featured.
    pub featured: bool,
    /// First publication.
    pub published_at: Timestamp,
}

// --- feeds and sitemaps ---

/// An article as a feed shows it, from [`crate::Store::list_for_feed`]: the card a list gives,
/// the article (its authors, topics, tags and media), and its version's body and last change.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    /// What the list shows (its `language` is the version's).
    pub card: ArticleCard,
    /// The article, with its links.
    pub article: Article,
    /// The version's sanitised HTML body.
    pub body: String,
    /// When the version last changed.
    pub updated_at: Timestamp,
}

/// Which articles [`crate::Store::list_for_sitemap`] lists: those with a published version in
/// `language`, by id, one page of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapRequest {
    /// The language the articles are published in.
    pub language: Language,
    /// Only those published at most this long before the store's clock says now (a news
    /// sitemap's two days); `None`: all.
    pub published_within: Option<Duration>,
    /// The page, in id order.
    pub page: PageRequest,
}

/// An article as a sitemap lists it: every published version, with what the entries need.
#[derive(Debug, Clone, PartialEq)]
pub struct SitemapEntry {
    /// The story.
    pub id: ArticleId,
    /// The language it was written in.
    pub source_language: Language,
    /// First publication.
    pub published_at: Timestamp,
    /// Last change of the article.
    pub updated_at: Timestamp,
    /// Headline picture.
    pub lead_image: Option<MediaId>,
    /// Its other media (pictures, videos), in order.
    pub media: Vec<MediaId>,
    /// Every published version, by language tag.
    pub versions: Vec<SitemapVersion>,
}

/// One published version in a [`SitemapEntry`].
#[derive(Debug, Clone, PartialEq)]
pub struct SitemapVersion {
    /// Its language.
    pub language: Language,
    /// Its slug there.
    pub slug: Slug,
    /// Its headline.
    pub title: String,
    /// Where its text comes from.
    pub origin: Origin,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// The result of looking something up by slug: the thing, and whether the slug asked for is
/// its current one (if not, the page answers with a redirect).
#[derive(Debug, Clone, PartialEq)]
pub struct SlugMatch<T> {
    /// What the slug names.
    pub value: T,
    /// Whether the slug is current (false for an old slug kept for redirects).
    pub current: bool,
}

/// How many jobs are in each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct JobCounts {
    /// Waiting.
    pub queued: u64,
    /// Claimed.
    pub running: u64,
    /// Finished.
    pub done: u64,
    /// Given up.
    pub failed: u64,
}

impl JobCounts {
    /// The count for one state.
    #[must_use]
    pub const fn get(&self, state: JobState) -> u64 {
        match state {
            JobState::Queued => self.queued,
            JobState::Running => self.running,
            JobState::Done => self.done,
            JobState::Failed => self.failed,
        }
    }
}

// --- ingestion ---

/// What a feed's server said about the copy last fetched (`ETag`, `Last-Modified`), sent back
/// on the next poll so that an unchanged feed answers `304 Not Modified`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedValidators {
    /// The `ETag` header, as received.
    pub etag: Option<String>,
    /// The `Last-Modified` header, as received.
    pub last_modified: Option<String>,
}

/// How a poll of a source went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PollOutcome {
    /// Every feed was fetched and parsed (a `304` counts).
    Succeeded,
    /// The poll failed.
    Failed {
        /// Why, for an editor. Stored as [`poll_error_text`] gives it.
        error: String,
    },
}

/// One poll of a source, as [`crate::Store::record_poll`] records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollReport {
    /// When the poll ran.
    pub at: Timestamp,
    /// How it went.
    pub outcome: PollOutcome,
    /// When to poll the source next (the pipeline's backoff decides).
    pub next_poll_at: Timestamp,
}

/// Most characters of a poll's error kept in [`herald_domain::SourceHealth::last_error`].
pub const MAX_POLL_ERROR_CHARS: usize = 500;

/// A poll's error as stored: one line (controls and bidi overrides dropped, whitespace
/// collapsed), at most [`MAX_POLL_ERROR_CHARS`] characters, cut at a character boundary and
/// ended with `…` when cut.
#[must_use]
pub fn poll_error_text(error: &str) -> String {
    let line = herald_domain::text::normalize_line(error);
    if line.chars().count() <= MAX_POLL_ERROR_CHARS {
        return line;
    }
    let mut cut: String = line.chars().take(MAX_POLL_ERROR_CHARS - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// An article found by ingestion, with the keys that find it again.
#[derive(Debug, Clone, PartialEq)]
pub struct IngestedArticle {
    /// The article and its original version, as [`crate::Store::create_article`] takes it.
    pub article: NewArticle,
    /// Hex SHA-256 of the normalised title and text (computed by `herald_ingest`); two
    /// articles never share one.
    pub content_hash: String,
    /// 64-bit SimHash of the text, for near duplicates.
    pub simhash: u64,
    /// Only the feed's summary is stored; the page is still to be fetched and extracted.
    pub partial: bool,
}

/// When a new article counts as the same story as one already stored: published within
/// `window` of it (either way) and with a SimHash at most `max_distance` bits away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NearDuplicates {
    /// Most differing SimHash bits (Hamming distance) for the same story.
    pub max_distance: u32,
    /// How far apart in publication time the same story may be.
    pub window: Duration,
}

/// Which key found an ingested article already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateOf {
    /// An article with the same original URL.
    SourceUrl,
    /// An article with the same content hash (the same text under another URL).
    ContentHash,
}

/// What [`crate::Store::ingest_article`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestOutcome {
    /// Stored as a new article.
    Created {
        /// The new article.
        id: ArticleId,
        /// Its story cluster: the id of the story's first article (its own id when it starts
        /// a story).
        story: ArticleId,
    },
    /// Already stored; nothing was written.
    Duplicate {
        /// The article already stored.
        id: ArticleId,
        /// Which key matched.
        of: DuplicateOf,
    },
}

/// An article's page as fetched, kept for the extractor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPage {
    /// The URL asked for.
    pub url: Url,
    /// The URL answered, after redirects.
    pub final_url: Url,
    /// The `Content-Type` header, as received.
    pub content_type: Option<String>,
    /// The body, as received (any encoding).
    pub body: Vec<u8>,
    /// When it was fetched.
    pub fetched_at: Timestamp,
}

// --- machine translation ---

/// A segment's translation to keep in the translation memory, so the same text through the
/// same engine and model is never sent to the engine twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoryEntry {
    /// The memory key (computed by `herald_translate` from the pair, engine, model and
    /// source text); an entry saved again under the same key replaces the first.
    pub key: String,
    /// Language of `source`.
    pub from: Language,
    /// Language of `target`.
    pub to: Language,
    /// Engine that translated it (`apertium`).
    pub engine: String,
    /// Model or pair and its version, when the engine has one.
    pub model: Option<String>,
    /// The segment as sent to the engine.
    pub source: String,
    /// The engine's output.
    pub target: String,
}

/// The size and use of the translation memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MemoryStats {
    /// Entries kept.
    pub entries: u64,
    /// Lookups answered from the memory since each entry was saved, summed.
    pub hits: u64,
}

/// Which articles [`crate::Store::articles_to_translate`] lists. Both false lists nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TranslationWant {
    /// Articles with no version at all in the language.
    pub missing: bool,
    /// Articles whose version in the language is a translation (by machine or person) made
    /// from an older revision of the original than the current one.
    pub stale: bool,
}

impl TranslationWant {
    /// Missing and stale translations.
    pub const ALL: Self = Self {
        missing: true,
        stale: true,
    };
}

/// How far one language is covered, counted over the live articles (those whose original
/// version is not withdrawn): each live article is counted once among `original`,
/// `machine`, `post_edited`, `reviewed`, `human` and `missing`, by the origin of its version
/// in the language, so those six add up to `articles`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageCoverage {
    /// The language.
    pub language: Language,
    /// Live articles, in any language.
    pub articles: u64,
    /// Versions written in the language: the original, or the publisher's own edition.
    pub original: u64,
    /// Machine translations.
    pub machine: u64,
    /// Machine translations corrected by a translator.
    pub post_edited: u64,
    /// Translations checked and approved by a translator.
    pub reviewed: u64,
    /// Translations made by a person.
    pub human: u64,
    /// Live articles with no version in the language.
    pub missing: u64,
    /// Translations (not withdrawn) made from an older revision of the original, as
    /// [`TranslationWant::stale`] lists them; also counted under their origin.
    pub stale: u64,
    /// Versions whose provenance carries quality flags; also counted under their origin.
    pub flagged: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poll_errors_are_one_bounded_line() {
        assert_eq!(
            poll_error_text("  timed out\n\tafter 30 s\u{202E}"),
            "timed out after 30 s"
        );
        let long = "Lỗi kết nối ".repeat(100);
        let stored = poll_error_text(&long);
        assert_eq!(stored.chars().count(), MAX_POLL_ERROR_CHARS);
        assert!(stored.starts_with("Lỗi kết nối Lỗi"), "{stored}");
        assert!(stored.ends_with('…'), "{stored}");
        let exact = "ث".repeat(MAX_POLL_ERROR_CHARS);
        assert_eq!(poll_error_text(&exact), exact);
    }
}

// --- the newsroom: sessions, the admin's lists ---

/// A signed-in session as the store keeps it. The cookie carries a random token; the store
/// keeps only its SHA-256 (hex), so a copy of the database signs nobody in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 of the cookie's token, hex.
    pub token_hash: String,
    /// Whose.
    pub user: UserId,
    /// The token every form of this session carries (synchroniser token).
    pub csrf_token: String,
    /// When it began.
    pub created_at: Timestamp,
    /// When it ends, whatever happens.
    pub expires_at: Timestamp,
}

/// Which articles the admin lists; every field narrows the list, `None` leaves it open.
/// Unlike [`ArticleFilter`], drafts, held and withdrawn articles are listed too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AdminArticleFilter {
    /// Words the original title contains (case-insensitive substring).
    pub query: Option<String>,
    /// From this source.
    pub source: Option<SourceId>,
    /// In this category (not its sub-categories).
    pub category: Option<CategoryId>,
    /// Whose original version is in this state.
    pub state: Option<EditorialState>,
    /// That have a version in this language (any state).
    pub language: Option<Language>,
}

/// One line of the admin's article list: the article with its original's title and state,
/// and each version's language, origin and state.
#[derive(Debug, Clone, PartialEq)]
pub struct AdminArticleRow {
    /// The article.
    pub article: Article,
    /// The original version's title.
    pub title: String,
    /// The original version's state.
    pub state: EditorialState,
    /// Every version, by language tag: language, origin, state.
    pub versions: Vec<(Language, Origin, EditorialState)>,
}

/// What an editor changes about an article's filing; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleEdit {
    /// New category.
    pub category: Option<CategoryId>,
    /// New topics (replacing the old).
    pub topics: Option<Vec<TopicId>>,
    /// New place (`Some(None)` clears it).
    pub place: Option<Option<PlaceId>>,
    /// Featured on the home page or not.
    pub featured: Option<bool>,
}

/// A translation whose original changed after it was made: what a translator reviews again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleVersion {
    /// The article.
    pub article: ArticleId,
    /// The translation's language.
    pub language: Language,
    /// The translation's title.
    pub title: String,
    /// Its origin (machine, post-edited, reviewed…).
    pub origin: Origin,
    /// The original's revision it was made from.
    pub from_revision: u32,
    /// The original's revision now.
    pub revision: u32,
    /// When the original last changed.
    pub updated_at: Timestamp,
}

/// Which audit events to list; `None` leaves a field open. Newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// By this person.
    pub user: Option<UserId>,
    /// On this kind of target (`article`).
    pub target_kind: Option<String>,
    /// On this target (with `target_kind`).
    pub target: Option<String>,
}

/// An address (a hash of it) refused from posting comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressBan {
    /// The keyed hash of the address, as comments carry it.
    pub address: String,
    /// Why, as the moderator wrote it.
    pub reason: String,
    /// Who banned it.
    pub by: Option<UserId>,
    /// When.
    pub at: Timestamp,
}
