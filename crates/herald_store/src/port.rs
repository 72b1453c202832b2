use std::time::Duration;

use async_trait::async_trait;
use herald_domain::{
    Article, ArticleId, Author, AuthorId, Category, CategoryId, Comment, CommentId, CommentStatus,
    Job, JobId, JobRecord, Language, Media, MediaId, NewArticle, NewComment, Place, PlaceId, Slug,
    Source, SourceId, Tag, TagId, Timestamp, Topic, TopicId, Version,
};

use crate::{
    ArticleCard, ArticleFilter, JobCounts, NewAuthor, NewCategory, NewMedia, NewPlace, NewSource,
    NewTerm, PageRequest, Paged, Result, SaveOutcome, SlugMatch, TermIds, TermKind, Terms,
    VersionDraft,
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
    /// media, sources, comments), whoever wrote it. A cache of rendered pages holds what it
    /// rendered at one revision and drops it when the revision moves on. Jobs do not count.
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
    /// machine output over a person's work.
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

    /// Queues a job to run from `run_at`. If the same work (`Job::dedupe_key`) is already
    /// queued, returns that job's id and adds nothing.
    async fn enqueue(&self, job: Job, run_at: Timestamp) -> Result<JobId>;
    /// Claims the next due job for `worker` until `now + lease`: the oldest queued job whose
    /// `run_at` has come, or a running job whose lease ran out (its worker died). Counts an
    /// attempt. Concurrent claimers never get the same job. A job whose lease ran out on its
    /// last allowed attempt is failed instead of claimed again.
    async fn claim_job(
        &self,
        worker: &str,
        now: Timestamp,
        lease: Duration,
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
}
