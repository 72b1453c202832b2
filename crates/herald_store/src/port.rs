use std::time::Duration;

use std::collections::HashMap;

use async_trait::async_trait;
use herald_domain::{
    Article, ArticleId, AuditEvent, Author, AuthorId, Category, CategoryId, Comment, CommentId,
    CommentStatus, EditorialState, GlossaryEntry, IngestRules, Job, JobId, JobRecord, JobState,
    Language, Media, MediaId, NewArticle, NewAuditEvent, NewComment, NewUser, Place, PlaceId, Slug,
    Source, SourceHealth, SourceId, Tag, TagId, Timestamp, Topic, TopicId, User, UserId,
    UserUpdate, Version,
};
use url::Url;

use crate::{
    AddressBan, AdminArticleFilter, AdminArticleRow, ArticleCard, ArticleEdit, ArticleFilter,
    AuditFilter, FeedEntry, FeedValidators, IngestOutcome, IngestedArticle, JobCounts,
    LanguageCoverage, MachineMediaTexts, MediaText, MemoryEntry, MemoryStats, NearDuplicates,
    NewAuthor, NewCategory, NewMedia, NewPlace, NewSource, NewTerm, PageRequest, Paged, PollReport,
    Result, SaveOutcome, Session, SitemapEntry, SitemapRequest, SlugMatch, StaleVersion,
    StoredPage, TermIds, TermKind, Terms, TranslationWant, VersionDraft,
};

/// Everything Herald keeps, as the use cases need it. One implementation per database engine;
/// each passes `herald_store::contract`.
///
/// Writes that make slugs (terms, versions) make them unique per language and kind, and keep
/// the previous slug so that old URLs can redirect.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Name of the engine (`sqlite`, `postgres`), for logs and diagnostics.
    fn backend(&self) -> &'static str;

    /// Checks that the database answers.
    async fn ping(&self) -> Result<()>;

    /// A number that grows whenever published content changes (articles, versions, taxonomy,
    /// media, sources, approved comments), whoever wrote it. A cache of rendered pages holds
    /// what it rendered at one revision and drops it when the revision moves on. Jobs do not count,
    /// nor does ingestion's bookkeeping (rules, pauses, polls, feed validators, fetched pages).
    async fn content_revision(&self) -> Result<u64>;

    // --- sources ---

    /// Stores a new source; its key must be unused.
    async fn create_source(&self, source: NewSource) -> Result<Source>;
    /// One source.
    async fn source(&self, id: SourceId) -> Result<Option<Source>>;
    /// A source by its stable key.
    async fn source_by_key(&self, key: &str) -> Result<Option<Source>>;
    /// Every source, by key.
    async fn list_sources(&self) -> Result<Vec<Source>>;

    // --- taxonomy ---

    /// Stores a category.
    async fn create_category(&self, category: NewCategory) -> Result<Category>;
    /// Stores a topic.
    async fn create_topic(&self, topic: NewTerm) -> Result<Topic>;
    /// Stores an author.
    async fn create_author(&self, author: NewAuthor) -> Result<Author>;
    /// Stores a place.
    async fn create_place(&self, place: NewPlace) -> Result<Place>;
    /// Stores a tag.
    async fn create_tag(&self, tag: NewTerm) -> Result<Tag>;
    /// Renames a term in one language; its slug follows and the old slug redirects.
    /// `id` is the raw id of a term of `kind`.
    async fn rename_term(
        &self,
        kind: TermKind,
        id: i64,
        language: &Language,
        name: &str,
    ) -> Result<Slug>;
    /// The raw id of the term of `kind` with this slug in `language`, current or old.
    async fn find_term_by_slug(
        &self,
        kind: TermKind,
        language: &Language,
        slug: &str,
    ) -> Result<Option<SlugMatch<i64>>>;

    /// The raw id of the term of `kind` with this key (`news`, `hue-daily/nguyen-van-a`).
    async fn term_id_by_key(&self, kind: TermKind, key: &str) -> Result<Option<i64>>;

    /// All categories, in navigation order (parents before children, then `position`).
    async fn list_categories(&self) -> Result<Vec<Category>>;
    /// Topics by id, in the order asked (unknown ids are skipped).
    async fn topics(&self, ids: &[TopicId]) -> Result<Vec<Topic>>;
    /// Authors by id, in the order asked.
    async fn authors(&self, ids: &[AuthorId]) -> Result<Vec<Author>>;
    /// Places by id, in the order asked.
    async fn places(&self, ids: &[PlaceId]) -> Result<Vec<Place>>;
    /// Tags by id, in the order asked.
    async fn tags(&self, ids: &[TagId]) -> Result<Vec<Tag>>;
    /// All topics, by key.
    async fn list_topics(&self) -> Result<Vec<Topic>>;
    /// All authors, by key.
    async fn list_authors(&self) -> Result<Vec<Author>>;
    /// Categories (and which have articles), sources, topics, authors, places and tags in one
    /// read: each list as [`Store::list_categories`], [`Store::categories_with_articles`],
    /// [`Store::source`], [`Store::topics`], [`Store::authors`], [`Store::places`] and
    /// [`Store::tags`] would give it. What a page's taxonomy and main menu cost is one query,
    /// not one per kind.
    async fn terms(&self, wanted: &TermIds) -> Result<Terms>;
    /// The categories whose list in `language` — [`ArticleFilter`] with this `language`,
    /// these `fallbacks` and the category, no other filter — has at least one article: the
    /// categories of the articles listed, and every category above them (a section with
    /// articles only in its sub-sections has articles). By id. One query, whatever the number
    /// of categories: what a main menu showing only sections with articles needs.
    async fn categories_with_articles(
        &self,
        language: &Language,
        fallbacks: &[Language],
    ) -> Result<Vec<CategoryId>>;

    // --- media ---

    /// Stores an image or video description (files live outside the database).
    async fn create_media(&self, media: NewMedia) -> Result<Media>;
    /// Media by id, in the order asked.
    async fn media(&self, ids: &[MediaId]) -> Result<Vec<Media>>;
    /// A media item by key.
    async fn media_by_key(&self, key: &str) -> Result<Option<Media>>;
    /// Adds a media item to the end of an article's media list, and makes it the lead image
    /// when `lead` is true and the article has none. Idempotent: attaching what is attached
    /// changes nothing (nor `content_revision`). `NotFound` for an unknown article or media.
    async fn attach_media(&self, article: ArticleId, media: MediaId, lead: bool) -> Result<()>;
    /// Which texts of these media machine translation wrote, per language (through
    /// [`Store::save_machine_media_texts`]), by media id; media with none are left out. Every
    /// other text was written by a person or came with the media.
    async fn machine_media_texts(
        &self,
        ids: &[MediaId],
    ) -> Result<HashMap<MediaId, Vec<(Language, MediaText)>>>;
    /// Writes texts machine translation made for a media item in `language`, and marks them
    /// as machine-made, in one write. A text of that kind already there and not so marked is
    /// a person's (or came with the media) and is kept; a machine-made one is replaced.
    /// Subtitles are written into a video's kind and ignored on an image. Returns the kinds
    /// that now hold the text given, in [`MediaText::ALL`] order. Media texts are content:
    /// a write raises `content_revision`, and one that changes nothing does not. `NotFound`
    /// for an unknown media item.
    ///
    /// Any future way for a person to edit a media text must drop its machine mark, so that a
    /// later translation keeps it.
    async fn save_machine_media_texts(
        &self,
        media: MediaId,
        language: &Language,
        texts: &MachineMediaTexts,
    ) -> Result<Vec<MediaText>>;

    // --- articles and versions ---

    /// Stores a new article with its original version. A second article with the same
    /// `source_url` is a [`crate::StoreError::Conflict`].
    async fn create_article(&self, article: NewArticle) -> Result<ArticleId>;
    /// The article stored for an original URL, if any (ingestion's dedupe by URL).
    async fn article_by_source_url(&self, url: &str) -> Result<Option<ArticleId>>;
    /// One article.
    async fn article(&self, id: ArticleId) -> Result<Option<Article>>;
    /// One article and every version of it, as [`Store::article`] and [`Store::versions`]
    /// give them, in one read: what an article's page reads first.
    async fn article_with_versions(&self, id: ArticleId)
    -> Result<Option<(Article, Vec<Version>)>>;
    /// Saves a version in one language: creates it, or replaces it unless that would put
    /// machine output over a person's work. Replacing the text (title, lead or body) of the
    /// version in the article's source language is a correction of the original: it raises
    /// the article's `revision`, which makes the translations made from the older text stale.
    async fn save_version(&self, draft: VersionDraft) -> Result<SaveOutcome>;
    /// One version.
    async fn version(&self, article: ArticleId, language: &Language) -> Result<Option<Version>>;
    /// Every version of an article, by language tag.
    async fn versions(&self, article: ArticleId) -> Result<Vec<Version>>;
    /// Articles published in a language, newest first.
    async fn list_articles(
        &self,
        filter: &ArticleFilter,
        page: PageRequest,
    ) -> Result<Paged<ArticleCard>>;
    /// The first `limit` articles of each list, in one read and without counting the lists:
    /// for each filter, in the order given, what `list_articles(filter,
    /// PageRequest::first(limit)).items` would be. For lists that show no total (related
    /// articles, blocks of a home page, "has this topic any article").
    async fn list_article_cards(
        &self,
        lists: &[ArticleFilter],
        limit: u32,
    ) -> Result<Vec<Vec<ArticleCard>>>;

    // --- feeds and sitemaps ---

    /// The first `limit` articles of a list, as [`Store::list_article_cards`] gives them for
    /// `filter`, each with its article and its version's body: what a feed shows. A few
    /// reads, not one per article.
    async fn list_for_feed(&self, filter: &ArticleFilter, limit: u32) -> Result<Vec<FeedEntry>>;
    /// One page, in id order, of the articles with a published version in a language (and,
    /// if asked, published recently), each with every published version's language, slug,
    /// title and time, and its media: what a sitemap lists. The total is the whole list's.
    /// A few reads per page, not one per article.
    async fn list_for_sitemap(&self, request: &SitemapRequest) -> Result<Paged<SitemapEntry>>;

    // --- comments ---

    /// Stores a comment.
    async fn add_comment(&self, comment: NewComment) -> Result<Comment>;
    /// Comments on an article, oldest first: in one language or all, in the given states.
    async fn list_comments(
        &self,
        article: ArticleId,
        language: Option<&Language>,
        statuses: &[CommentStatus],
    ) -> Result<Vec<Comment>>;
    /// Moves a comment to another moderation state.
    async fn set_comment_status(&self, id: CommentId, status: CommentStatus) -> Result<()>;

    // --- jobs ---

    /// Queues a job to run from `run_at`, at priority 0. If the same work (`Job::dedupe_key`)
    /// is already queued, returns that job's id and adds nothing.
    async fn enqueue(&self, job: Job, run_at: Timestamp) -> Result<JobId>;
    /// As [`Store::enqueue`], at a priority: of the due jobs, the highest priority is claimed
    /// first. If the same work is already queued, its priority is raised to `priority` when
    /// that is higher (never lowered) and its id returned. Translations are queued with their
    /// article's publication time in seconds, so the newest news is translated first.
    async fn enqueue_with_priority(
        &self,
        job: Job,
        run_at: Timestamp,
        priority: i64,
    ) -> Result<JobId>;
    /// Claims the next due job for `worker` until `now + lease`: of the queued jobs whose
    /// `run_at` has come and the running jobs whose lease ran out (their worker died), the
    /// one of highest priority, then earliest `run_at`, then first queued. Counts an
    /// attempt. Only jobs of `kinds` (as `Job::kind` names them) are claimed, so a worker
    /// never takes work it cannot do; empty `kinds` means any. Concurrent claimers never get
    /// the same job. A job whose lease ran out on its last allowed attempt is failed instead
    /// of claimed again.
    async fn claim_job(
        &self,
        worker: &str,
        now: Timestamp,
        lease: Duration,
        kinds: &[&str],
    ) -> Result<Option<JobRecord>>;
    /// Marks a claimed job done. Fails with `NotFound` if `worker` no longer holds it.
    async fn complete_job(&self, id: JobId, worker: &str) -> Result<()>;
    /// Records a failure: the job is queued again at `retry_at`, or failed for good when
    /// `retry_at` is `None` or its attempts are used up (or when the same work was queued
    /// again meanwhile: that job stands for it). Fails with `NotFound` if `worker` no longer
    /// holds it.
    async fn fail_job(
        &self,
        id: JobId,
        worker: &str,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<()>;
    /// One job.
    async fn job(&self, id: JobId) -> Result<Option<JobRecord>>;
    /// How many jobs are in each state.
    async fn job_counts(&self) -> Result<JobCounts>;
    /// How many jobs of one kind (`translate`) are in each state.
    async fn job_counts_of_kind(&self, kind: &str) -> Result<JobCounts>;
    /// The jobs of one kind that failed for good, the most recent failure first, at most
    /// `limit`: what an operator looks at to see why work is not getting done.
    async fn failed_jobs(&self, kind: &str, limit: u32) -> Result<Vec<JobRecord>>;

    // --- ingestion: sources ---
    //
    // Rules, pausing, poll bookkeeping and feed validators change nothing readers see: they
    // do not raise `content_revision`.

    /// Replaces how a source's articles are filed. `NotFound` for an unknown source.
    async fn set_source_rules(&self, id: SourceId, rules: &IngestRules) -> Result<()>;
    /// How a source's articles are filed: the default (no rule) until rules are set.
    /// `NotFound` for an unknown source.
    async fn source_rules(&self, id: SourceId) -> Result<IngestRules>;
    /// Pauses a source's polling (it leaves [`Store::due_sources`]) or resumes it.
    /// `NotFound` for an unknown source.
    async fn set_source_paused(&self, id: SourceId, paused: bool) -> Result<()>;
    /// What polling a source has shown, with the number of articles stored from it; `None`
    /// for an unknown source. A source never polled has the default health.
    async fn source_health(&self, id: SourceId) -> Result<Option<SourceHealth>>;
    /// Every source with its health, by key, in one or two reads whatever their number.
    async fn list_sources_with_health(&self) -> Result<Vec<(Source, SourceHealth)>>;
    /// The validators kept for one feed of a source; empty when none were kept.
    async fn feed_validators(&self, source: SourceId, feed: &Url) -> Result<FeedValidators>;
    /// Keeps the validators of one feed of a source, replacing earlier ones. `NotFound` for
    /// an unknown source.
    async fn set_feed_validators(
        &self,
        source: SourceId,
        feed: &Url,
        validators: &FeedValidators,
    ) -> Result<()>;
    /// Records a poll and when to poll next; returns the source's health after it. A success
    /// sets `last_success_at` and resets `consecutive_failures` (the last error and its time
    /// stay, as history); a failure sets `last_error_at` and `last_error` (as
    /// [`crate::poll_error_text`] gives it) and counts one more failure. `NotFound` for an
    /// unknown source.
    async fn record_poll(&self, source: SourceId, report: PollReport) -> Result<SourceHealth>;
    /// The sources to poll at `now`: not paused, and never polled or due (`next_poll_at` at
    /// or before `now`); never polled first, then the most overdue, then by id.
    async fn due_sources(&self, now: Timestamp) -> Result<Vec<SourceId>>;

    // --- ingestion: articles ---

    /// Stores an article found by ingestion, unless it is already stored, in one write:
    /// [`crate::DuplicateOf::SourceUrl`] if an article has its `source_url`, else
    /// [`crate::DuplicateOf::ContentHash`] if one has its content hash; else it is stored as
    /// [`Store::create_article`] stores an article, in the story of the closest article
    /// published within `near.window` whose SimHash is at most `near.max_distance` bits away
    /// (ties: the oldest story), or in a story of its own. Ingesting the same article from
    /// several workers at once stores it once: one is `Created`, the others `Duplicate`.
    async fn ingest_article(
        &self,
        article: IngestedArticle,
        near: NearDuplicates,
    ) -> Result<IngestOutcome>;
    /// The other articles of an article's story, newest first; empty for an article alone
    /// in its story (every article made by [`Store::create_article`]) or unknown.
    async fn same_story(&self, id: ArticleId) -> Result<Vec<ArticleId>>;
    /// Whether an article holds only its feed's summary (its page is still to be
    /// extracted); `None` for an unknown article.
    async fn article_is_partial(&self, id: ArticleId) -> Result<Option<bool>>;
    /// Marks an article partial or complete (the extractor clears it when it replaces the
    /// text). It is part of the article: changing it raises `content_revision`. `NotFound`
    /// for an unknown article.
    async fn set_article_partial(&self, id: ArticleId, partial: bool) -> Result<()>;
    /// Keeps an article's fetched page for the extractor, replacing an earlier one. The
    /// article stays partial; `content_revision` does not move. `NotFound` for an unknown
    /// article.
    async fn save_article_page(&self, id: ArticleId, page: StoredPage) -> Result<()>;
    /// The page kept for an article, if any.
    async fn article_page(&self, id: ArticleId) -> Result<Option<StoredPage>>;

    // --- machine translation ---
    //
    // The translation memory and the glossary are the machine's, not what readers see: their
    // writes do not raise `content_revision`.

    /// The translations the memory keeps under these keys, by key; keys it does not keep are
    /// left out. Each entry found counts a hit and is stamped as used, in one write per call
    /// (per 500 keys), none when nothing was found.
    async fn memory_lookup(&self, keys: &[String]) -> Result<HashMap<String, String>>;
    /// Keeps translations in the memory, in one transaction. An entry whose key is kept
    /// already replaces it (its hits stay); of two entries with one key, the last is kept.
    async fn memory_save(&self, entries: &[MemoryEntry]) -> Result<()>;
    /// How many entries the memory keeps and the hits they had.
    async fn memory_stats(&self) -> Result<MemoryStats>;

    /// The glossary of a language pair, longest term first (so that a longer term is matched
    /// before a shorter one it contains), then by term.
    async fn glossary(&self, from: &Language, to: &Language) -> Result<Vec<GlossaryEntry>>;
    /// Stores a glossary entry and returns it as stored, with its id and `updated_at` (the
    /// store's clock). Term and translation are stored as one line; a do-not-translate entry
    /// without a translation gets the term as its translation. With id 0 it is added, or — if
    /// the pair already has the term — replaces that entry, so importing the same list twice
    /// changes nothing. With another id that entry is changed: `NotFound` if there is none,
    /// `Conflict` (`glossary_entries_term_unique`) if the pair has its new term under another
    /// entry. `Invalid` for an empty term or a pair of one language.
    async fn save_glossary_entry(&self, entry: GlossaryEntry) -> Result<GlossaryEntry>;
    /// Deletes a glossary entry; false if there was none.
    async fn delete_glossary_entry(&self, id: i64) -> Result<bool>;
    /// The language pairs with a glossary and their number of entries, by pair.
    async fn glossary_pairs(&self) -> Result<Vec<(Language, Language, u64)>>;

    /// Up to `limit` articles to translate into `to`, newest first (by publication, then
    /// id): those missing there and/or those whose translation there is stale, as `want`
    /// says. Only articles whose original version is not withdrawn, and not written in `to`.
    /// A translation is stale when its provenance says it was made from an older revision
    /// than the article's; one without provenance, or withdrawn, never is.
    async fn articles_to_translate(
        &self,
        to: &Language,
        want: TranslationWant,
        limit: u32,
    ) -> Result<Vec<ArticleId>>;
    /// How far each language is translated, in the order asked (see [`LanguageCoverage`]).
    async fn translation_coverage(&self, languages: &[Language]) -> Result<Vec<LanguageCoverage>>;

    // --- the newsroom: accounts and sessions ---
    //
    // Accounts, sessions and the audit log are not content: their writes do not raise
    // `content_revision`.

    /// Stores a new account; the e-mail is trimmed and lower-cased. `Conflict` when an account
    /// has that e-mail already, `Invalid` for an empty e-mail or password hash.
    async fn create_user(&self, user: NewUser) -> Result<User>;
    /// One account.
    async fn user(&self, id: UserId) -> Result<Option<User>>;
    /// An account by e-mail (compared in lower case), with its password hash.
    async fn user_by_email(&self, email: &str) -> Result<Option<(User, String)>>;
    /// Every account, by e-mail.
    async fn list_users(&self) -> Result<Vec<User>>;
    /// Changes an account and returns it as stored. `NotFound` for an unknown account.
    /// Disabling an account also ends its sessions.
    async fn update_user(&self, id: UserId, update: UserUpdate) -> Result<User>;
    /// Replaces an account's password hash and ends its sessions. `NotFound` for an unknown
    /// account.
    async fn set_password(&self, id: UserId, password_hash: &str) -> Result<()>;
    /// Counts a failed sign-in: one more failure in a row; at `lock_after` failures (and at
    /// every failure after) sign-in is locked until `now + lock_for`. Returns the account
    /// after it. `NotFound` for an unknown account.
    async fn record_login_failure(
        &self,
        id: UserId,
        now: Timestamp,
        lock_after: u32,
        lock_for: Duration,
    ) -> Result<User>;
    /// A successful sign-in: failures reset, lock lifted. `NotFound` for an unknown account.
    async fn record_login_success(&self, id: UserId) -> Result<()>;

    /// Keeps a new session. `Conflict` if the token hash is kept already.
    async fn create_session(&self, session: Session) -> Result<()>;
    /// The session with this token hash and its account, if the session has not expired at
    /// `now` and the account is not disabled.
    async fn session(&self, token_hash: &str, now: Timestamp) -> Result<Option<(Session, User)>>;
    /// Ends a session (signing out); nothing happens for an unknown one.
    async fn delete_session(&self, token_hash: &str) -> Result<()>;
    /// Forgets sessions that expired before `now`; returns how many.
    async fn delete_expired_sessions(&self, now: Timestamp) -> Result<u64>;

    /// Records a change in the audit log, stamped with the store's clock.
    async fn record_audit(&self, event: NewAuditEvent) -> Result<AuditEvent>;
    /// The audit log, newest first.
    async fn list_audit(
        &self,
        filter: &AuditFilter,
        page: PageRequest,
    ) -> Result<Paged<AuditEvent>>;

    // --- the newsroom: the admin's reads and edits ---

    /// Articles in any state, newest first (by publication, then id), for the admin.
    async fn admin_articles(
        &self,
        filter: &AdminArticleFilter,
        page: PageRequest,
    ) -> Result<Paged<AdminArticleRow>>;
    /// Changes an article's filing; content: raises `content_revision`. `NotFound` for an
    /// unknown article, `Invalid` for an unknown category, topic or place.
    async fn edit_article(&self, id: ArticleId, edit: ArticleEdit) -> Result<()>;
    /// Moves one version to another editorial state (publish, hold, withdraw) without
    /// touching its text or origin. Raises `content_revision`. `NotFound` for an unknown
    /// article or a language it has no version in.
    async fn set_version_state(
        &self,
        article: ArticleId,
        language: &Language,
        state: EditorialState,
    ) -> Result<()>;
    /// Translations (any origin but `original` and `publisher`, not withdrawn) made from an
    /// older revision of their article than the current one, in `language` or in all,
    /// most recently changed original first.
    async fn stale_versions(
        &self,
        language: Option<&Language>,
        page: PageRequest,
    ) -> Result<Paged<StaleVersion>>;
    /// Replaces a source's description (its key stays). `NotFound` for an unknown source.
    async fn update_source(&self, id: SourceId, source: NewSource) -> Result<Source>;
    /// Every place, by key.
    async fn list_places(&self) -> Result<Vec<Place>>;
    /// The most recent jobs in these states (all states when empty), newest first.
    async fn recent_jobs(&self, states: &[JobState], limit: u32) -> Result<Vec<JobRecord>>;

    // --- the newsroom: comment moderation ---

    /// One comment.
    async fn comment(&self, id: CommentId) -> Result<Option<Comment>>;
    /// Comments in these states on every article, newest first: the moderation queue.
    async fn comments_for_moderation(
        &self,
        statuses: &[CommentStatus],
        page: PageRequest,
    ) -> Result<Paged<Comment>>;
    /// How many approved comments each of these articles has, in `language` or in all; an
    /// article without any is left out. One read.
    async fn comment_counts(
        &self,
        articles: &[ArticleId],
        language: Option<&Language>,
    ) -> Result<HashMap<ArticleId, u64>>;
    /// How many comments came from this address (its keyed hash) since `since`.
    async fn comments_from_address(&self, address: &str, since: Timestamp) -> Result<u64>;
    /// Refuses comments from an address from now on, and marks its pending comments as
    /// spam. Banning it again replaces the reason.
    async fn ban_address(&self, ban: AddressBan) -> Result<()>;
    /// Whether an address is banned.
    async fn is_address_banned(&self, address: &str) -> Result<bool>;
    /// Lifts a ban; false if there was none.
    async fn unban_address(&self, address: &str) -> Result<bool>;
    /// Every banned address, newest ban first.
    async fn list_address_bans(&self) -> Result<Vec<AddressBan>>;
}
