//! [`CachedReads`]: the store reads many pages share — sections, sources, terms, media, lists
//! of cards, the sections that have articles — kept in memory for the content revision they were read at, beneath the page
//! cache. A page that is not in the page cache yet (another article, another page of a list)
//! then reads from the database only what is its own.
//!
//! The same rules as the page cache: a value is tagged with the revision known *before* it
//! was read, and is served only while that is still the current revision, so it is never
//! staler than a cached page would be. Per-article reads (the article, its versions, bodies
//! included) are not kept: the page cache covers them. Writes, `ping` and `content_revision`
//! always go to the store, and a write through here also forgets everything.

use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use herald_domain::{
    Article, ArticleId, AuditEvent, Author, AuthorId, Category, CategoryId, Comment, CommentId,
    CommentStatus, EditorialState, GlossaryEntry, IngestRules, Job, JobId, JobRecord, JobState,
    Language, Media, MediaId, NewArticle, NewAuditEvent, NewComment, NewUser, Place, PlaceId, Slug,
    Source, SourceHealth, SourceId, Tag, TagId, Timestamp, Topic, TopicId, User, UserId,
    UserUpdate, Version,
};
use herald_store::{
    AddressBan, AdminArticleFilter, AdminArticleRow, ArticleCard, ArticleEdit, ArticleFilter,
    AuditFilter, FeedEntry, FeedValidators, IngestOutcome, IngestedArticle, JobCounts,
    LanguageCoverage, MachineMediaTexts, MediaText, MemoryEntry, MemoryStats, NearDuplicates,
    NewAuthor, NewCategory, NewMedia, NewPlace, NewSource, NewTerm, PageRequest, Paged, PollReport,
    Result, SaveOutcome, Session, SitemapEntry, SitemapRequest, SlugMatch, StaleVersion, Store,
    StoredPage, TermIds, TermKind, Terms, TranslationWant, VersionDraft,
};
use url::Url;

/// Most values kept at once; past it, all are forgotten and the cache fills again.
const MAX_VALUES: usize = 8192;

/// A [`Store`] that keeps shared reads for the current content revision.
pub(crate) struct CachedReads {
    inner: Arc<dyn Store>,
    /// The page cache's current revision.
    revision: Arc<AtomicU64>,
    memo: Mutex<Memo>,
}

#[derive(Default)]
struct Memo {
    /// The revision `values` were read at.
    revision: u64,
    values: HashMap<String, Arc<dyn Any + Send + Sync>>,
}

impl CachedReads {
    pub(crate) fn new(inner: Arc<dyn Store>, revision: Arc<AtomicU64>) -> Self {
        Self {
            inner,
            revision,
            memo: Mutex::new(Memo::default()),
        }
    }

    /// The value kept under `key`, or `load`'s, kept if the revision did not move meanwhile.
    async fn remember<T, F>(&self, key: String, load: F) -> Result<T>
    where
        T: Clone + Send + Sync + 'static,
        F: Future<Output = Result<T>> + Send,
    {
        let revision = self.revision.load(Ordering::Acquire);
        if let Some(value) = self.lookup::<T>(&key, revision) {
            return Ok(value);
        }
        let value = load.await?;
        self.keep(key, revision, value.clone());
        Ok(value)
    }

    fn lookup<T: Clone + 'static>(&self, key: &str, revision: u64) -> Option<T> {
        let mut memo = self.memo.lock().unwrap_or_else(PoisonError::into_inner);
        if memo.revision != revision {
            memo.values.clear();
            memo.revision = revision;
            return None;
        }
        memo.values.get(key)?.downcast_ref::<T>().cloned()
    }

    fn keep<T: Send + Sync + 'static>(&self, key: String, revision: u64, value: T) {
        let mut memo = self.memo.lock().unwrap_or_else(PoisonError::into_inner);
        if memo.revision != revision || self.revision.load(Ordering::Acquire) != revision {
            return;
        }
        if memo.values.len() >= MAX_VALUES {
            memo.values.clear();
        }
        memo.values.insert(key, Arc::new(value));
    }

    /// Forgets everything (after a write through this store).
    fn forget(&self) {
        self.memo
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values
            .clear();
    }

    /// Runs a write and forgets what was kept.
    async fn write<T>(&self, write: impl Future<Output = Result<T>> + Send) -> Result<T> {
        let result = write.await;
        self.forget();
        result
    }
}

#[async_trait]
impl Store for CachedReads {
    fn backend(&self) -> &'static str {
        self.inner.backend()
    }

    async fn ping(&self) -> Result<()> {
        self.inner.ping().await
    }

    async fn content_revision(&self) -> Result<u64> {
        self.inner.content_revision().await
    }

    // --- sources ---

    async fn create_source(&self, source: NewSource) -> Result<Source> {
        self.write(self.inner.create_source(source)).await
    }

    async fn source(&self, id: SourceId) -> Result<Option<Source>> {
        self.remember(format!("source {id}"), self.inner.source(id))
            .await
    }

    async fn source_by_key(&self, key: &str) -> Result<Option<Source>> {
        self.remember(format!("source key {key}"), self.inner.source_by_key(key))
            .await
    }

    async fn list_sources(&self) -> Result<Vec<Source>> {
        self.remember("sources".to_owned(), self.inner.list_sources())
            .await
    }

    // --- taxonomy ---

    async fn create_category(&self, category: NewCategory) -> Result<Category> {
        self.write(self.inner.create_category(category)).await
    }

    async fn create_topic(&self, topic: NewTerm) -> Result<Topic> {
        self.write(self.inner.create_topic(topic)).await
    }

    async fn create_author(&self, author: NewAuthor) -> Result<Author> {
        self.write(self.inner.create_author(author)).await
    }

    async fn create_place(&self, place: NewPlace) -> Result<Place> {
        self.write(self.inner.create_place(place)).await
    }

    async fn create_tag(&self, tag: NewTerm) -> Result<Tag> {
        self.write(self.inner.create_tag(tag)).await
    }

    async fn rename_term(
        &self,
        kind: TermKind,
        id: i64,
        language: &Language,
        name: &str,
    ) -> Result<Slug> {
        self.write(self.inner.rename_term(kind, id, language, name))
            .await
    }

    async fn term_id_by_key(&self, kind: TermKind, key: &str) -> Result<Option<i64>> {
        self.inner.term_id_by_key(kind, key).await
    }

    async fn find_term_by_slug(
        &self,
        kind: TermKind,
        language: &Language,
        slug: &str,
    ) -> Result<Option<SlugMatch<i64>>> {
        self.remember(
            format!("term {kind:?} {language} {slug}"),
            self.inner.find_term_by_slug(kind, language, slug),
        )
        .await
    }

    async fn list_categories(&self) -> Result<Vec<Category>> {
        self.remember("categories".to_owned(), self.inner.list_categories())
            .await
    }

    async fn topics(&self, ids: &[TopicId]) -> Result<Vec<Topic>> {
        self.remember(format!("topics {ids:?}"), self.inner.topics(ids))
            .await
    }

    async fn authors(&self, ids: &[AuthorId]) -> Result<Vec<Author>> {
        self.remember(format!("authors {ids:?}"), self.inner.authors(ids))
            .await
    }

    async fn places(&self, ids: &[PlaceId]) -> Result<Vec<Place>> {
        self.remember(format!("places {ids:?}"), self.inner.places(ids))
            .await
    }

    async fn tags(&self, ids: &[TagId]) -> Result<Vec<Tag>> {
        self.remember(format!("tags {ids:?}"), self.inner.tags(ids))
            .await
    }

    async fn list_topics(&self) -> Result<Vec<Topic>> {
        self.remember("topics".to_owned(), self.inner.list_topics())
            .await
    }

    async fn list_authors(&self) -> Result<Vec<Author>> {
        self.remember("authors".to_owned(), self.inner.list_authors())
            .await
    }

    async fn terms(&self, wanted: &TermIds) -> Result<Terms> {
        // The categories, and which have articles, are what every page shares: kept once, as
        // `list_categories` and `categories_with_articles` keep them, not again with each
        // page's own terms.
        let categories = if wanted.all_categories {
            self.list_categories().await?
        } else {
            Vec::new()
        };
        let with_articles = match &wanted.categories_with_articles {
            Some(list) => {
                self.categories_with_articles(&list.language, &list.fallbacks)
                    .await?
            }
            None => Vec::new(),
        };
        let own = TermIds {
            all_categories: false,
            categories_with_articles: None,
            ..wanted.clone()
        };
        let mut terms = self
            .remember(format!("terms {own:?}"), self.inner.terms(&own))
            .await?;
        terms.categories = categories;
        terms.categories_with_articles = with_articles;
        Ok(terms)
    }

    async fn categories_with_articles(
        &self,
        language: &Language,
        fallbacks: &[Language],
    ) -> Result<Vec<CategoryId>> {
        self.remember(
            format!("categories with articles {language} {fallbacks:?}"),
            self.inner.categories_with_articles(language, fallbacks),
        )
        .await
    }

    // --- media ---

    async fn create_media(&self, media: NewMedia) -> Result<Media> {
        self.write(self.inner.create_media(media)).await
    }

    async fn media(&self, ids: &[MediaId]) -> Result<Vec<Media>> {
        self.remember(format!("media {ids:?}"), self.inner.media(ids))
            .await
    }

    async fn media_by_key(&self, key: &str) -> Result<Option<Media>> {
        self.remember(format!("media key {key}"), self.inner.media_by_key(key))
            .await
    }

    async fn attach_media(&self, article: ArticleId, media: MediaId, lead: bool) -> Result<()> {
        self.write(self.inner.attach_media(article, media, lead))
            .await
    }

    async fn machine_media_texts(
        &self,
        ids: &[MediaId],
    ) -> Result<HashMap<MediaId, Vec<(Language, MediaText)>>> {
        self.inner.machine_media_texts(ids).await
    }

    async fn save_machine_media_texts(
        &self,
        media: MediaId,
        language: &Language,
        texts: &MachineMediaTexts,
    ) -> Result<Vec<MediaText>> {
        self.write(self.inner.save_machine_media_texts(media, language, texts))
            .await
    }

    // --- articles and versions: each page's own, left to the page cache ---

    async fn create_article(&self, article: NewArticle) -> Result<ArticleId> {
        self.write(self.inner.create_article(article)).await
    }

    async fn article_by_source_url(&self, url: &str) -> Result<Option<ArticleId>> {
        self.inner.article_by_source_url(url).await
    }

    async fn article(&self, id: ArticleId) -> Result<Option<Article>> {
        self.inner.article(id).await
    }

    async fn article_with_versions(
        &self,
        id: ArticleId,
    ) -> Result<Option<(Article, Vec<Version>)>> {
        self.inner.article_with_versions(id).await
    }

    async fn save_version(&self, draft: VersionDraft) -> Result<SaveOutcome> {
        self.write(self.inner.save_version(draft)).await
    }

    async fn version(&self, article: ArticleId, language: &Language) -> Result<Option<Version>> {
        self.inner.version(article, language).await
    }

    async fn versions(&self, article: ArticleId) -> Result<Vec<Version>> {
        self.inner.versions(article).await
    }

    async fn list_articles(
        &self,
        filter: &ArticleFilter,
        page: PageRequest,
    ) -> Result<Paged<ArticleCard>> {
        if filter.after.is_some() {
            return self.inner.list_articles(filter, page).await;
        }
        self.remember(
            format!("list {filter:?} {page:?}"),
            self.inner.list_articles(filter, page),
        )
        .await
    }

    async fn list_article_cards(
        &self,
        lists: &[ArticleFilter],
        limit: u32,
    ) -> Result<Vec<Vec<ArticleCard>>> {
        // Lists read from a position (the API's cursor pages) are not kept: each position is
        // read about once, and a program walking a long list would push out what pages share.
        if lists.iter().any(|list| list.after.is_some()) {
            return self.inner.list_article_cards(lists, limit).await;
        }
        self.remember(
            format!("cards {lists:?} {limit}"),
            self.inner.list_article_cards(lists, limit),
        )
        .await
    }

    // --- feeds and sitemaps ---
    //
    // Not kept: each feed or sitemap is one page, which the page cache keeps.

    async fn list_for_feed(&self, filter: &ArticleFilter, limit: u32) -> Result<Vec<FeedEntry>> {
        self.inner.list_for_feed(filter, limit).await
    }

    async fn list_for_sitemap(&self, request: &SitemapRequest) -> Result<Paged<SitemapEntry>> {
        self.inner.list_for_sitemap(request).await
    }

    // --- comments ---

    async fn add_comment(&self, comment: NewComment) -> Result<Comment> {
        self.write(self.inner.add_comment(comment)).await
    }

    async fn list_comments(
        &self,
        article: ArticleId,
        language: Option<&Language>,
        statuses: &[CommentStatus],
    ) -> Result<Vec<Comment>> {
        self.inner.list_comments(article, language, statuses).await
    }

    async fn set_comment_status(&self, id: CommentId, status: CommentStatus) -> Result<()> {
        self.write(self.inner.set_comment_status(id, status)).await
    }

    // --- jobs: never kept ---

    async fn enqueue(&self, job: Job, run_at: Timestamp) -> Result<JobId> {
        self.inner.enqueue(job, run_at).await
    }

    async fn enqueue_with_priority(
        &self,
        job: Job,
        run_at: Timestamp,
        priority: i64,
    ) -> Result<JobId> {
        self.inner
            .enqueue_with_priority(job, run_at, priority)
            .await
    }

    async fn claim_job(
        &self,
        worker: &str,
        now: Timestamp,
        lease: Duration,
        kinds: &[&str],
    ) -> Result<Option<JobRecord>> {
        self.inner.claim_job(worker, now, lease, kinds).await
    }

    async fn complete_job(&self, id: JobId, worker: &str) -> Result<()> {
        self.inner.complete_job(id, worker).await
    }

    async fn fail_job(
        &self,
        id: JobId,
        worker: &str,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<()> {
        self.inner.fail_job(id, worker, error, retry_at).await
    }

    async fn job(&self, id: JobId) -> Result<Option<JobRecord>> {
        self.inner.job(id).await
    }

    async fn job_counts(&self) -> Result<JobCounts> {
        self.inner.job_counts().await
    }

    async fn job_counts_of_kind(&self, kind: &str) -> Result<JobCounts> {
        self.inner.job_counts_of_kind(kind).await
    }

    async fn failed_jobs(&self, kind: &str, limit: u32) -> Result<Vec<JobRecord>> {
        self.inner.failed_jobs(kind, limit).await
    }

    // --- ingestion: passed through (the memo is for pages); writes forget the memo ---

    async fn set_source_rules(&self, id: SourceId, rules: &IngestRules) -> Result<()> {
        self.write(self.inner.set_source_rules(id, rules)).await
    }

    async fn source_rules(&self, id: SourceId) -> Result<IngestRules> {
        self.inner.source_rules(id).await
    }

    async fn set_source_paused(&self, id: SourceId, paused: bool) -> Result<()> {
        self.write(self.inner.set_source_paused(id, paused)).await
    }

    async fn source_health(&self, id: SourceId) -> Result<Option<SourceHealth>> {
        self.inner.source_health(id).await
    }

    async fn list_sources_with_health(&self) -> Result<Vec<(Source, SourceHealth)>> {
        self.inner.list_sources_with_health().await
    }

    async fn feed_validators(&self, source: SourceId, feed: &Url) -> Result<FeedValidators> {
        self.inner.feed_validators(source, feed).await
    }

    async fn set_feed_validators(
        &self,
        source: SourceId,
        feed: &Url,
        validators: &FeedValidators,
    ) -> Result<()> {
        self.inner
            .set_feed_validators(source, feed, validators)
            .await
    }

    async fn record_poll(&self, source: SourceId, report: PollReport) -> Result<SourceHealth> {
        self.inner.record_poll(source, report).await
    }

    async fn due_sources(&self, now: Timestamp) -> Result<Vec<SourceId>> {
        self.inner.due_sources(now).await
    }

    async fn ingest_article(
        &self,
        article: IngestedArticle,
        near: NearDuplicates,
    ) -> Result<IngestOutcome> {
        self.write(self.inner.ingest_article(article, near)).await
    }

    async fn same_story(&self, id: ArticleId) -> Result<Vec<ArticleId>> {
        self.inner.same_story(id).await
    }

    async fn article_is_partial(&self, id: ArticleId) -> Result<Option<bool>> {
        self.inner.article_is_partial(id).await
    }

    async fn set_article_partial(&self, id: ArticleId, partial: bool) -> Result<()> {
        self.write(self.inner.set_article_partial(id, partial))
            .await
    }

    async fn save_article_page(&self, id: ArticleId, page: StoredPage) -> Result<()> {
        self.inner.save_article_page(id, page).await
    }

    async fn article_page(&self, id: ArticleId) -> Result<Option<StoredPage>> {
        self.inner.article_page(id).await
    }

    // --- machine translation: passed through (not content; memory and glossary writes do
    // not move the revision, so a value kept here would outlive them) ---

    async fn memory_lookup(&self, keys: &[String]) -> Result<HashMap<String, String>> {
        self.inner.memory_lookup(keys).await
    }

    async fn memory_save(&self, entries: &[MemoryEntry]) -> Result<()> {
        self.inner.memory_save(entries).await
    }

    async fn memory_stats(&self) -> Result<MemoryStats> {
        self.inner.memory_stats().await
    }

    async fn glossary(&self, from: &Language, to: &Language) -> Result<Vec<GlossaryEntry>> {
        self.inner.glossary(from, to).await
    }

    async fn save_glossary_entry(&self, entry: GlossaryEntry) -> Result<GlossaryEntry> {
        self.inner.save_glossary_entry(entry).await
    }

    async fn delete_glossary_entry(&self, id: i64) -> Result<bool> {
        self.inner.delete_glossary_entry(id).await
    }

    async fn glossary_pairs(&self) -> Result<Vec<(Language, Language, u64)>> {
        self.inner.glossary_pairs().await
    }

    async fn articles_to_translate(
        &self,
        to: &Language,
        want: TranslationWant,
        limit: u32,
    ) -> Result<Vec<ArticleId>> {
        self.inner.articles_to_translate(to, want, limit).await
    }

    async fn translation_coverage(&self, languages: &[Language]) -> Result<Vec<LanguageCoverage>> {
        self.inner.translation_coverage(languages).await
    }

    // --- the newsroom ---

    async fn create_user(&self, user: NewUser) -> Result<User> {
        self.inner.create_user(user).await
    }

    async fn user(&self, id: UserId) -> Result<Option<User>> {
        self.inner.user(id).await
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<(User, String)>> {
        self.inner.user_by_email(email).await
    }

    async fn list_users(&self) -> Result<Vec<User>> {
        self.inner.list_users().await
    }

    async fn update_user(&self, id: UserId, update: UserUpdate) -> Result<User> {
        self.inner.update_user(id, update).await
    }

    async fn set_password(&self, id: UserId, password_hash: &str) -> Result<()> {
        self.inner.set_password(id, password_hash).await
    }

    async fn record_login_failure(
        &self,
        id: UserId,
        now: Timestamp,
        lock_after: u32,
        lock_for: Duration,
    ) -> Result<User> {
        self.inner
            .record_login_failure(id, now, lock_after, lock_for)
            .await
    }

    async fn record_login_success(&self, id: UserId) -> Result<()> {
        self.inner.record_login_success(id).await
    }

    async fn create_session(&self, session: Session) -> Result<()> {
        self.inner.create_session(session).await
    }

    async fn session(&self, token_hash: &str, now: Timestamp) -> Result<Option<(Session, User)>> {
        self.inner.session(token_hash, now).await
    }

    async fn delete_session(&self, token_hash: &str) -> Result<()> {
        self.inner.delete_session(token_hash).await
    }

    async fn delete_expired_sessions(&self, now: Timestamp) -> Result<u64> {
        self.inner.delete_expired_sessions(now).await
    }

    async fn record_audit(&self, event: NewAuditEvent) -> Result<AuditEvent> {
        self.inner.record_audit(event).await
    }

    async fn list_audit(
        &self,
        filter: &AuditFilter,
        page: PageRequest,
    ) -> Result<Paged<AuditEvent>> {
        self.inner.list_audit(filter, page).await
    }

    async fn admin_articles(
        &self,
        filter: &AdminArticleFilter,
        page: PageRequest,
    ) -> Result<Paged<AdminArticleRow>> {
        self.inner.admin_articles(filter, page).await
    }

    async fn edit_article(&self, id: ArticleId, edit: ArticleEdit) -> Result<()> {
        self.write(self.inner.edit_article(id, edit)).await
    }

    async fn set_version_state(
        &self,
        article: ArticleId,
        language: &Language,
        state: EditorialState,
    ) -> Result<()> {
        self.write(self.inner.set_version_state(article, language, state))
            .await
    }

    async fn stale_versions(
        &self,
        language: Option<&Language>,
        page: PageRequest,
    ) -> Result<Paged<StaleVersion>> {
        self.inner.stale_versions(language, page).await
    }

    async fn update_source(&self, id: SourceId, source: NewSource) -> Result<Source> {
        self.write(self.inner.update_source(id, source)).await
    }

    async fn list_places(&self) -> Result<Vec<Place>> {
        self.inner.list_places().await
    }

    async fn recent_jobs(&self, states: &[JobState], limit: u32) -> Result<Vec<JobRecord>> {
        self.inner.recent_jobs(states, limit).await
    }

    async fn comment(&self, id: CommentId) -> Result<Option<Comment>> {
        self.inner.comment(id).await
    }

    async fn comments_for_moderation(
        &self,
        statuses: &[CommentStatus],
        page: PageRequest,
    ) -> Result<Paged<Comment>> {
        self.inner.comments_for_moderation(statuses, page).await
    }

    async fn comment_counts(
        &self,
        articles: &[ArticleId],
        language: Option<&Language>,
    ) -> Result<HashMap<ArticleId, u64>> {
        self.inner.comment_counts(articles, language).await
    }

    async fn comments_from_address(&self, address: &str, since: Timestamp) -> Result<u64> {
        self.inner.comments_from_address(address, since).await
    }

    async fn ban_address(&self, ban: AddressBan) -> Result<()> {
        self.inner.ban_address(ban).await
    }

    async fn is_address_banned(&self, address: &str) -> Result<bool> {
        self.inner.is_address_banned(address).await
    }

    async fn unban_address(&self, address: &str) -> Result<bool> {
        self.inner.unban_address(address).await
    }

    async fn list_address_bans(&self) -> Result<Vec<AddressBan>> {
        self.inner.list_address_bans().await
    }
}
