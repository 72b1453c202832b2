//! The contract every backend passes: one `pub async fn` per behaviour, each given a fresh,
//! empty, migrated store.
//!
//! A backend's `tests/contract.rs` expands [`contract_tests!`](crate::contract_tests) with a
//! function that makes a [`Fixture`]; that gives one `#[tokio::test]` per check, named after
//! it, so a failure names the behaviour that broke:
//!
//! ```text
//! async fn sqlite() -> Option<Fixture> { /* a store on a temporary file */ }
//! herald_store::contract_tests!(sqlite);
//! ```
//!
//! The test crate needs `tokio` (with `macros` and `rt-multi-thread`) among its
//! dev-dependencies, since the generated tests are `#[tokio::test]`s.

use std::any::Any;
use std::collections::{BTreeSet, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use herald_domain::text::ZWNJ;
use herald_domain::{
    ArticleId, ArticleKind, AuthorId, CanonicalPolicy, CategoryId, CommentStatus, EditorialState,
    GlossaryEntry, GlossaryKind, ImageVariant, IngestRule, IngestRules, Job, JobId, JobState,
    Language, Localized, MediaId, MediaKind, NewArticle, NewAuditEvent, NewComment, NewUser,
    Origin, PlaceId, PlaceKind, Provenance, QaFlag, Region, Role, SourceHealth, SourceId, TagId,
    Timestamp, TopicId, Trust, User, UserId, UserUpdate, VersionText, VideoSource,
};
use url::Url;

use crate::{
    AdminArticleFilter, ArticleCard, ArticleEdit, ArticleFilter, AuditFilter, DuplicateOf,
    FeedValidators, IngestOutcome, IngestedArticle, JobCounts, LanguageCoverage, ListLanguages,
    ListPosition, MAX_POLL_ERROR_CHARS, MachineMediaTexts, MediaText, MemoryEntry, MemoryStats,
    NearDuplicates, NewAuthor, NewCategory, NewMedia, NewPlace, NewSource, NewTerm, PageRequest,
    PollOutcome, PollReport, SaveOutcome, Session, SitemapRequest, SlugMatch, Store, StoreError,
    StoredPage, TermIds, TermKind, Terms, TranslationWant, VersionDraft,
};

type Cleanup = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A fresh store for one check, what must live as long as it (a temporary folder), and what
/// to do once the check is over (drop a test database).
pub struct Fixture {
    store: Arc<dyn Store>,
    keep: Vec<Box<dyn Any + Send>>,
    cleanup: Option<Cleanup>,
}

impl Fixture {
    /// A fixture around a fresh, empty, migrated store.
    #[must_use]
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store,
            keep: Vec::new(),
            cleanup: None,
        }
    }

    /// Keeps `value` alive until the check and its cleanup are over.
    #[must_use]
    pub fn keeping(mut self, value: impl Any + Send) -> Self {
        self.keep.push(Box::new(value));
        self
    }

    /// Runs `cleanup` after the check, whether it passed or not.
    #[must_use]
    pub fn then(mut self, cleanup: impl Future<Output = ()> + Send + 'static) -> Self {
        self.cleanup = Some(Box::pin(cleanup));
        self
    }
}

/// Runs one check on a fixture (`None`: the backend is not available here and the fixture
/// said so), then the fixture's cleanup, then reports the check's panic if it had one.
pub async fn run<F, Fut>(fixture: Option<Fixture>, check: F)
where
    F: FnOnce(Arc<dyn Store>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(Fixture {
        store,
        keep,
        cleanup,
    }) = fixture
    else {
        return;
    };
    let outcome = tokio::spawn(check(store)).await;
    if let Some(cleanup) = cleanup {
        cleanup.await;
    }
    drop(keep);
    if let Err(error) = outcome {
        match error.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(error) => panic!("the check did not finish: {error}"),
        }
    }
}

/// Expands to one `#[tokio::test]` per contract check, each on a fresh store from
/// `$fixture`, an async function (or closure) returning `Option<Fixture>`.
#[macro_export]
macro_rules! contract_tests {
    ($fixture:expr) => {
        $crate::contract_tests!(@checks $fixture;
            reports_its_backend_and_answers_ping,
            creates_and_reads_sources,
            makes_unique_slugs_per_language,
            keeps_old_term_slugs_for_redirects,
            finds_terms_by_key,
            renaming_an_unknown_term_is_not_found,
            lists_categories_parents_before_children,
            reads_terms_by_id_in_the_order_asked,
            reads_every_kind_of_term_at_once,
            creates_and_reads_media,
            attaching_media_adds_it_once_and_sets_a_missing_lead_image,
            machine_media_texts_fill_gaps_and_replace_only_machine_texts,
            creates_articles_with_their_original_version,
            reads_an_article_with_its_versions_at_once,
            refuses_second_article_with_same_source_url,
            refuses_references_to_missing_rows,
            saves_versions_with_unique_slugs_per_language,
            machine_translation_never_overwrites_human_work,
            lists_published_versions_newest_first_with_filters,
            category_filter_includes_subcategories,
            video_filter_lists_only_articles_carrying_a_video,
            lists_articles_missing_in_the_language_in_their_first_fallback,
            pages_of_lists_with_fallbacks_are_pages_of_the_whole_list,
            lists_the_first_cards_of_several_lists_at_once,
            finds_the_categories_with_articles_in_a_language,
            content_revision_moves_with_content_but_not_with_jobs,
            comments_filter_by_language_and_status,
            a_comment_is_read_back_by_id_with_its_address,
            the_moderation_queue_lists_the_states_asked_newest_first_by_pages,
            comment_counts_are_approved_comments_per_article_in_one_language_or_all,
            comments_from_an_address_are_counted_since_an_instant,
            banning_an_address_marks_its_pending_comments_spam_until_it_is_lifted,
            bans_list_newest_first_and_banning_again_replaces_the_reason,
            approved_comments_raise_content_revision_but_pending_ones_and_bans_do_not,
            enqueue_dedupes_queued_work,
            claims_due_jobs_oldest_first,
            claims_only_jobs_of_the_kinds_asked,
            claims_jobs_once_under_concurrency,
            reclaims_jobs_whose_lease_expired,
            fails_jobs_abandoned_on_their_last_attempt,
            retries_then_fails_jobs,
            a_retry_defers_to_the_same_work_queued_meanwhile,
            only_the_lease_holder_completes_a_job,
            keeps_zwnj_and_vietnamese_text_intact,
            keeps_source_rules_and_defaults_to_none,
            ingestion_writes_about_unknown_sources_or_articles_are_not_found,
            records_polls_counting_failures_until_a_success,
            due_sources_are_the_most_overdue_first_and_never_the_future_ones,
            pausing_a_source_takes_it_out_of_due_sources,
            keeps_validators_per_feed,
            source_health_counts_the_articles_stored,
            ingest_stores_an_article_once_by_url_then_by_content_hash,
            a_near_duplicate_from_another_source_joins_the_first_story,
            articles_outside_the_window_or_too_different_start_their_own_story,
            a_near_duplicate_joins_the_closest_story_then_the_oldest,
            concurrent_ingest_of_one_article_creates_it_once,
            keeps_the_partial_flag_and_the_fetched_page,
            ingesting_raises_content_revision_but_polling_and_pages_do_not,
            ingest_keeps_vietnamese_and_persian_text_intact,
            translation_memory_answers_known_keys_and_counts_hits,
            translation_memory_takes_large_batches,
            glossary_lists_longest_terms_first_and_reimports_in_place,
            claims_higher_priority_jobs_first,
            correcting_the_original_makes_its_translations_stale,
            lists_articles_to_translate_newest_first,
            translation_coverage_counts_each_live_article_once,
            feed_entries_carry_the_listed_versions_body_and_the_articles_links,
            sitemap_pages_list_each_article_with_every_published_version,
            keyset_pages_walk_each_list_once_in_order,
            keyset_pages_stay_stable_while_articles_are_added,
            lists_articles_published_within_a_time_range,
            lists_every_author_by_key,
            accounts_keep_a_trimmed_lower_case_email_that_is_unique,
            updating_an_account_changes_only_what_is_given,
            disabling_an_account_or_changing_its_password_ends_its_sessions,
            a_session_answers_until_it_expires_and_never_for_a_disabled_account,
            sign_in_failures_lock_the_account_at_the_threshold_until_a_success,
            the_audit_log_lists_newest_first_narrowed_by_person_or_target,
            accounts_sessions_and_the_audit_log_are_not_content,
            the_admin_lists_articles_in_every_state_newest_first_with_their_versions,
            the_admin_list_narrows_by_words_source_category_state_and_language,
            editing_an_article_refiles_it_and_raises_content_revision,
            editing_refuses_unknown_articles_and_terms_of_the_wrong_kind,
            a_version_changes_state_keeping_its_text_and_origin,
            stale_versions_are_live_translations_of_an_older_revision,
            updating_a_source_replaces_all_but_its_key,
            lists_every_place_by_key,
            recent_jobs_are_the_newest_in_the_states_asked,
        );
    };
    (@checks $fixture:expr; $($check:ident),* $(,)?) => {$(
        #[::tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn $check() {
            $crate::contract::run(($fixture)().await, $crate::contract::$check).await;
        }
    )*};
}

// --- test data ---

fn lang(tag: &str) -> Language {
    Language::parse(tag).expect("a valid test language tag")
}

fn at(text: &str) -> Timestamp {
    text.parse().expect("a valid test timestamp")
}

fn later(t: Timestamp, seconds: i64) -> Timestamp {
    Timestamp::from_second(t.as_second() + seconds).expect("a representable test time")
}

fn texts(pairs: &[(&str, &str)]) -> Localized<String> {
    pairs
        .iter()
        .map(|(tag, text)| (lang(tag), (*text).to_owned()))
        .collect()
}

fn term(key: &str, names: &[(&str, &str)]) -> NewTerm {
    NewTerm {
        key: key.to_owned(),
        names: texts(names),
        descriptions: Localized::new(),
    }
}

fn url(text: &str) -> Url {
    Url::parse(text).expect("a valid test URL")
}

fn new_source(key: &str, names: &[(&str, &str)]) -> NewSource {
    NewSource {
        key: key.to_owned(),
        names: texts(names),
        descriptions: texts(&[("en", "The national news agency.")]),
        home_url: url(&format!("https://{key}.example/")),
        feeds: vec![
            url(&format!("https://{key}.example/rss/home.rss")),
            url(&format!("https://{key}.example/rss/world.rss")),
        ],
        language: lang("vi"),
        region: Region::Central,
        trust: Trust::Auto,
        licence: "by agreement".to_owned(),
        credit: format!("Source: {key}"),
        canonical: CanonicalPolicy::Original,
        poll_interval_secs: 600,
    }
}

fn category(key: &str, name: &str, parent: Option<CategoryId>, position: i32) -> NewCategory {
    NewCategory {
        term: term(key, &[("en", name)]),
        parent,
        position,
    }
}

/// A source and a category, which every article needs.
struct Seed {
    source: SourceId,
    category: CategoryId,
}

async fn seed(store: &dyn Store) -> Seed {
    let source = store
        .create_source(new_source("vna", &[("vi", "Thông tấn xã Việt Nam")]))
        .await
        .expect("create the seed source");
    let category = store
        .create_category(category("news", "News", None, 0))
        .await
        .expect("create the seed category");
    Seed {
        source: source.id,
        category: category.id,
    }
}

/// A published Vietnamese article with nothing but a title.
fn article(seed: &Seed, title: &str, published_at: &str) -> NewArticle {
    NewArticle {
        source: seed.source,
        source_url: None,
        kind: ArticleKind::News,
        category: seed.category,
        topics: Vec::new(),
        tags: Vec::new(),
        authors: Vec::new(),
        place: None,
        lead_image: None,
        media: Vec::new(),
        featured: false,
        published_at: at(published_at),
        updated_at: at(published_at),
        original: VersionText {
            language: lang("vi"),
            title: title.to_owned(),
            lead: format!("Lead of {title}."),
            body: format!("<p>Body of {title}.</p>"),
        },
        state: EditorialState::Published,
    }
}

fn draft(article: ArticleId, tag: &str, title: &str, origin: Origin) -> VersionDraft {
    VersionDraft {
        article,
        language: lang(tag),
        title: title.to_owned(),
        lead: format!("Lead of {title}."),
        body: format!("<p>Body of {title}.</p>"),
        origin,
        provenance: None,
        state: EditorialState::Published,
    }
}

fn saved_slug(outcome: &SaveOutcome) -> &str {
    match outcome {
        SaveOutcome::Saved { slug } => slug.as_str(),
        SaveOutcome::KeptHumanWork { existing } => {
            panic!("expected the version to be saved, but {existing:?} work was kept")
        }
    }
}

fn slug_in<'a>(names: &'a Localized<herald_domain::TermName>, tag: &str) -> &'a str {
    names
        .get(&lang(tag))
        .map(|n| n.slug.as_str())
        .unwrap_or_else(|| panic!("no name in {tag}"))
}

async fn listed(store: &dyn Store, filter: ArticleFilter) -> Vec<ArticleId> {
    store
        .list_articles(&filter, PageRequest::first(50))
        .await
        .expect("list articles")
        .items
        .iter()
        .map(|card| card.id)
        .collect()
}

fn translate(article: i64, to: &str) -> Job {
    Job::Translate {
        article: ArticleId::new(article),
        to: lang(to),
    }
}

const LEASE: Duration = Duration::from_secs(30);

// --- checks ---

/// The store names its engine and answers.
pub async fn reports_its_backend_and_answers_ping(store: Arc<dyn Store>) {
    assert!(!store.backend().is_empty());
    store.ping().await.expect("ping");
}

/// Sources round-trip with names, slugs, feeds, region and rights; keys are unique.
pub async fn creates_and_reads_sources(store: Arc<dyn Store>) {
    let mut new = new_source(
        "vna",
        &[
            ("vi", "Thông tấn xã Việt Nam"),
            ("en", "Vietnam News Agency"),
        ],
    );
    new.region = Region::Mission {
        country: "FR".to_owned(),
    };
    new.trust = Trust::Review;
    new.canonical = CanonicalPolicy::Herald;
    let created = store
        .create_source(new.clone())
        .await
        .expect("create source");
    assert_eq!(created.key, "vna");
    assert_eq!(created.names, new.names);
    assert_eq!(created.descriptions, new.descriptions);
    assert_eq!(slug_of(&created.slugs, "vi"), "thong-tan-xa-viet-nam");
    assert_eq!(slug_of(&created.slugs, "en"), "vietnam-news-agency");
    assert_eq!(created.home_url, new.home_url);
    assert_eq!(created.feeds, new.feeds);
    assert_eq!(created.language, lang("vi"));
    assert_eq!(created.region, new.region);
    assert_eq!(created.trust, Trust::Review);
    assert_eq!(created.rights.licence, "by agreement");
    assert_eq!(created.rights.credit, "Source: vna");
    assert_eq!(created.rights.canonical, CanonicalPolicy::Herald);
    assert_eq!(created.poll_interval_secs, 600);

    assert_eq!(
        store.source(created.id).await.expect("read"),
        Some(created.clone())
    );
    assert_eq!(
        store.source_by_key("vna").await.expect("read by key"),
        Some(created.clone())
    );
    assert_eq!(store.source_by_key("afp").await.expect("read by key"), None);
    assert_eq!(
        store
            .source(SourceId::new(created.id.get() + 1000))
            .await
            .expect("read"),
        None
    );

    let other = store
        .create_source(new_source("baoquocte", &[("vi", "Báo Quốc tế")]))
        .await
        .expect("create a second source");
    let keys: Vec<String> = store
        .list_sources()
        .await
        .expect("list")
        .into_iter()
        .map(|s| s.key)
        .collect();
    assert_eq!(keys, ["baoquocte", "vna"]);
    assert_eq!(
        store
            .find_term_by_slug(TermKind::Source, &lang("vi"), "bao-quoc-te")
            .await
            .expect("find"),
        Some(SlugMatch {
            value: other.id.get(),
            current: true
        })
    );

    let again = store
        .create_source(new_source("vna", &[("vi", "Khác")]))
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict { .. })),
        "a second source with the same key: {again:?}"
    );
}

fn slug_of<'a>(slugs: &'a Localized<herald_domain::Slug>, tag: &str) -> &'a str {
    slugs
        .get(&lang(tag))
        .map(herald_domain::Slug::as_str)
        .unwrap_or_else(|| panic!("no slug in {tag}"))
}

/// Slugs are made from names, per language, unique among terms of one kind: `-2`, `-3`…
pub async fn makes_unique_slugs_per_language(store: Arc<dyn Store>) {
    let first = store
        .create_topic(term("t1", &[("vi", "Hội nghị"), ("en", "Conference")]))
        .await
        .expect("create topic");
    let second = store
        .create_topic(term("t2", &[("vi", "Hội nghị"), ("en", "Conference!")]))
        .await
        .expect("create topic");
    let third = store
        .create_topic(term("t3", &[("vi", "  Hội   nghị ")]))
        .await
        .expect("create topic");
    assert_eq!(slug_in(&first.names, "vi"), "hoi-nghi");
    assert_eq!(slug_in(&second.names, "vi"), "hoi-nghi-2");
    assert_eq!(slug_in(&third.names, "vi"), "hoi-nghi-3");
    assert_eq!(slug_in(&first.names, "en"), "conference");
    assert_eq!(slug_in(&second.names, "en"), "conference-2");
    assert_eq!(
        third.names.get(&lang("vi")).map(|n| n.name.as_str()),
        Some("Hội nghị")
    );
    // Renaming to the same name keeps the numbered slug.
    let same = store
        .rename_term(TermKind::Topic, second.id.get(), &lang("vi"), "Hội nghị")
        .await
        .expect("rename");
    assert_eq!(same.as_str(), "hoi-nghi-2");

    // Another kind has its own slugs.
    let tag = store
        .create_tag(term("conference", &[("vi", "Hội nghị")]))
        .await
        .expect("create tag");
    assert_eq!(slug_in(&tag.names, "vi"), "hoi-nghi");

    // Scripts other than Latin keep their letters.
    let persian = store
        .create_topic(term("t4", &[("fa", "نتیجه\u{200C}گیری")]))
        .await
        .expect("create topic");
    assert_eq!(slug_in(&persian.names, "fa"), "نتیجه-گیری");

    for (kind, slug, id) in [
        (TermKind::Topic, "hoi-nghi-2", second.id.get()),
        (TermKind::Tag, "hoi-nghi", tag.id.get()),
    ] {
        assert_eq!(
            store
                .find_term_by_slug(kind, &lang("vi"), slug)
                .await
                .expect("find"),
            Some(SlugMatch {
                value: id,
                current: true
            })
        );
    }
    assert_eq!(
        store
            .find_term_by_slug(TermKind::Topic, &lang("en"), "hoi-nghi")
            .await
            .expect("find"),
        None
    );
}

/// A term is found by its kind and key, exactly.
pub async fn finds_terms_by_key(store: Arc<dyn Store>) {
    let news = store
        .create_category(NewCategory {
            term: term("news", &[("en", "News")]),
            parent: None,
            position: 0,
        })
        .await
        .expect("create category");
    let topic = store
        .create_topic(term("news", &[("en", "News week")]))
        .await
        .expect("create topic");
    assert_eq!(
        store
            .term_id_by_key(TermKind::Category, "news")
            .await
            .expect("find"),
        Some(news.id.get())
    );
    assert_eq!(
        store
            .term_id_by_key(TermKind::Topic, "news")
            .await
            .expect("find"),
        Some(topic.id.get())
    );
    assert_eq!(
        store
            .term_id_by_key(TermKind::Place, "news")
            .await
            .expect("find"),
        None
    );
    assert_eq!(
        store
            .term_id_by_key(TermKind::Category, "News")
            .await
            .expect("find"),
        None
    );
}

/// Renaming keeps the old slug, found as not current; it is not given to another term, and
/// the renamed term may take it back.
pub async fn keeps_old_term_slugs_for_redirects(store: Arc<dyn Store>) {
    let news = store
        .create_category(NewCategory {
            term: term("news", &[("en", "News"), ("vi", "Tin tức")]),
            parent: None,
            position: 0,
        })
        .await
        .expect("create category");
    let en = lang("en");
    let slug = store
        .rename_term(TermKind::Category, news.id.get(), &en, "World News")
        .await
        .expect("rename");
    assert_eq!(slug.as_str(), "world-news");
    let find = |slug: &'static str, language: Language| {
        let store = Arc::clone(&store);
        async move {
            store
                .find_term_by_slug(TermKind::Category, &language, slug)
                .await
                .expect("find")
        }
    };
    let old = SlugMatch {
        value: news.id.get(),
        current: false,
    };
    let current = SlugMatch {
        value: news.id.get(),
        current: true,
    };
    assert_eq!(find("news", en.clone()).await, Some(old.clone()));
    assert_eq!(find("world-news", en.clone()).await, Some(current.clone()));
    assert_eq!(find("tin-tuc", lang("vi")).await, Some(current.clone()));
    assert_eq!(
        store
            .find_term_by_slug(TermKind::Topic, &en, "news")
            .await
            .expect("find"),
        None
    );

    // The old URL keeps pointing at the renamed category.
    let newcomer = store
        .create_category(category("news2", "News", None, 1))
        .await
        .expect("create category");
    assert_eq!(slug_in(&newcomer.names, "en"), "news-2");
    assert_eq!(find("news", en.clone()).await, Some(old));

    // Renaming back takes the old slug back; the intermediate one now redirects.
    let back = store
        .rename_term(TermKind::Category, news.id.get(), &en, "News")
        .await
        .expect("rename back");
    assert_eq!(back.as_str(), "news");
    assert_eq!(find("news", en.clone()).await, Some(current.clone()));
    assert_eq!(
        find("world-news", en.clone()).await,
        Some(SlugMatch {
            value: news.id.get(),
            current: false
        })
    );

    // Naming a term in a new language adds that language.
    let fr = store
        .rename_term(TermKind::Category, news.id.get(), &lang("fr"), "Actualités")
        .await
        .expect("name in French");
    assert_eq!(fr.as_str(), "actualites");
    let listed = store.list_categories().await.expect("list");
    let stored = listed
        .iter()
        .find(|c| c.id == news.id)
        .expect("the renamed category is listed");
    let names: Vec<(String, String)> = stored
        .names
        .iter()
        .map(|(l, n)| (l.to_string(), n.name.clone()))
        .collect();
    assert_eq!(
        names,
        [
            ("en".to_owned(), "News".to_owned()),
            ("fr".to_owned(), "Actualités".to_owned()),
            ("vi".to_owned(), "Tin tức".to_owned()),
        ]
    );
}

/// Renaming a term that does not exist, or is of another kind, is `NotFound`.
pub async fn renaming_an_unknown_term_is_not_found(store: Arc<dyn Store>) {
    let topic = store
        .create_topic(term("floods", &[("en", "Floods")]))
        .await
        .expect("create topic");
    for (kind, id) in [
        (TermKind::Topic, topic.id.get() + 1000),
        (TermKind::Category, topic.id.get()),
    ] {
        let result = store.rename_term(kind, id, &lang("en"), "Storms").await;
        assert!(
            matches!(result, Err(StoreError::NotFound(_))),
            "{kind:?} {id}: {result:?}"
        );
    }
}

/// Categories come parents first, siblings by position.
pub async fn lists_categories_parents_before_children(store: Arc<dyn Store>) {
    let create = |key: &'static str, parent: Option<CategoryId>, position: i32| {
        let store = Arc::clone(&store);
        async move {
            store
                .create_category(category(key, key, parent, position))
                .await
                .expect("create category")
                .id
        }
    };
    let world = create("world", None, 2).await;
    let vietnam = create("vietnam", None, 1).await;
    create("hanoi", Some(vietnam), 2).await;
    let hue = create("hue", Some(vietnam), 1).await;
    create("asia", Some(world), 1).await;
    create("citadel", Some(hue), 0).await;

    let list = store.list_categories().await.expect("list");
    let keys: Vec<&str> = list.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(list.len(), 6, "{keys:?}");
    for (i, c) in list.iter().enumerate() {
        if let Some(parent) = c.parent {
            assert!(
                list[..i].iter().any(|p| p.id == parent),
                "{} comes before its parent: {keys:?}",
                c.key
            );
        }
        for later in &list[i + 1..] {
            if later.parent == c.parent {
                assert!(
                    later.position >= c.position,
                    "{} (position {}) comes after its sibling {} (position {}): {keys:?}",
                    later.key,
                    later.position,
                    c.key,
                    c.position
                );
            }
        }
    }
    let roots: Vec<&str> = list
        .iter()
        .filter(|c| c.parent.is_none())
        .map(|c| c.key.as_str())
        .collect();
    assert_eq!(roots, ["vietnam", "world"]);

    let topic = store
        .create_topic(term("t", &[("en", "T")]))
        .await
        .expect("create topic");
    let under_topic = store
        .create_category(category(
            "bad",
            "Bad",
            Some(CategoryId::new(topic.id.get())),
            0,
        ))
        .await;
    assert!(
        under_topic.is_err(),
        "a category under a topic: {under_topic:?}"
    );
}

/// Topics, authors, places and tags are read by id in the order asked; unknown ids and ids
/// of other kinds are skipped.
pub async fn reads_terms_by_id_in_the_order_asked(store: Arc<dyn Store>) {
    let mut topics = Vec::new();
    for key in ["floods", "apec", "tet"] {
        topics.push(
            store
                .create_topic(term(key, &[("en", key)]))
                .await
                .expect("create topic"),
        );
    }
    let tag = store
        .create_tag(term("rice", &[("en", "Rice"), ("vi", "Lúa gạo")]))
        .await
        .expect("create tag");
    let asked = [
        topics[2].id,
        TopicId::new(tag.id.get()),
        topics[0].id,
        TopicId::new(topics[2].id.get() + 1000),
    ];
    assert_eq!(
        store.topics(&asked).await.expect("topics"),
        [topics[2].clone(), topics[0].clone()]
    );
    assert_eq!(store.topics(&[]).await.expect("no topics"), []);
    let keys: Vec<String> = store
        .list_topics()
        .await
        .expect("list topics")
        .into_iter()
        .map(|t| t.key)
        .collect();
    assert_eq!(keys, ["apec", "floods", "tet"]);
    assert_eq!(
        store.tags(&[tag.id]).await.expect("tags"),
        std::slice::from_ref(&tag)
    );

    let source = store
        .create_source(new_source("vna", &[("vi", "TTXVN")]))
        .await
        .expect("create source");
    let author = store
        .create_author(NewAuthor {
            term: term(
                "nguyen-van-a",
                &[("vi", "Nguyễn Văn A"), ("fa", "نگوین وان آ")],
            ),
            source: Some(source.id),
        })
        .await
        .expect("create author");
    let freelance = store
        .create_author(NewAuthor {
            term: term("freelance", &[("en", "Jane Roe")]),
            source: None,
        })
        .await
        .expect("create author");
    assert_eq!(slug_in(&author.names, "vi"), "nguyen-van-a");
    assert_eq!(
        store
            .authors(&[freelance.id, author.id])
            .await
            .expect("authors"),
        [freelance.clone(), author.clone()]
    );

    let country = store
        .create_place(NewPlace {
            term: term("vn", &[("en", "Viet Nam")]),
            kind: PlaceKind::Country,
            parent: None,
        })
        .await
        .expect("create place");
    let province = store
        .create_place(NewPlace {
            term: term("hue", &[("en", "Huế"), ("vi", "Huế")]),
            kind: PlaceKind::Province,
            parent: Some(country.id),
        })
        .await
        .expect("create place");
    assert_eq!(province.kind, PlaceKind::Province);
    assert_eq!(province.parent, Some(country.id));
    assert_eq!(
        store
            .places(&[province.id, country.id, PlaceId::new(author.id.get())])
            .await
            .expect("places"),
        [province, country]
    );
    assert_eq!(
        store
            .authors(&[AuthorId::new(tag.id.get())])
            .await
            .expect("authors"),
        []
    );
    assert_eq!(
        store
            .tags(&[TagId::new(topics[0].id.get())])
            .await
            .expect("tags"),
        []
    );
}

/// `terms` reads categories, sources, topics, authors, places and tags in one call, each list
/// exactly as the read of that kind alone gives it: in the order asked, each id once, unknown
/// ids and ids of another kind left out.
pub async fn reads_every_kind_of_term_at_once(store: Arc<dyn Store>) {
    let news = store
        .create_category(category("news", "News", None, 1))
        .await
        .expect("category");
    let world = store
        .create_category(category("world", "World", Some(news.id), 0))
        .await
        .expect("category");
    store
        .create_category(category("sport", "Sport", None, 0))
        .await
        .expect("category");
    let vna = store
        .create_source(new_source("vna", &[("vi", "TTXVN"), ("en", "VNA")]))
        .await
        .expect("source");
    let other = store
        .create_source(new_source("hue", &[("vi", "Báo Huế")]))
        .await
        .expect("source");
    let mut topics = Vec::new();
    for key in ["floods", "apec"] {
        topics.push(
            store
                .create_topic(term(key, &[("en", key), ("fa", key)]))
                .await
                .expect("topic")
                .id,
        );
    }
    let author = store
        .create_author(NewAuthor {
            term: term("minh", &[("vi", "Minh")]),
            source: Some(vna.id),
        })
        .await
        .expect("author")
        .id;
    let place = store
        .create_place(NewPlace {
            term: term("hue", &[("vi", "Huế"), ("en", "Hue")]),
            kind: PlaceKind::Province,
            parent: None,
        })
        .await
        .expect("place")
        .id;
    let tag = store
        .create_tag(term("rice", &[("en", "Rice")]))
        .await
        .expect("tag")
        .id;
    let unknown = tag.get() + 1000;

    let wanted = TermIds {
        all_categories: true,
        categories_with_articles: Some(ListLanguages {
            language: lang("vi"),
            fallbacks: vec![lang("en")],
        }),
        sources: vec![
            other.id,
            SourceId::new(tag.get()),
            vna.id,
            SourceId::new(unknown),
        ],
        topics: vec![
            topics[1],
            TopicId::new(world.id.get()),
            topics[0],
            topics[1],
        ],
        authors: vec![AuthorId::new(topics[0].get()), author],
        places: vec![place, PlaceId::new(unknown)],
        tags: vec![tag, TagId::new(vna.id.get())],
    };
    let found = store.terms(&wanted).await.expect("terms");
    let mut sources = Vec::new();
    for id in &wanted.sources {
        sources.extend(store.source(*id).await.expect("source"));
    }
    let expected = Terms {
        categories: store.list_categories().await.expect("categories"),
        categories_with_articles: store
            .categories_with_articles(&lang("vi"), &[lang("en")])
            .await
            .expect("categories with articles"),
        sources,
        topics: store.topics(&wanted.topics).await.expect("topics"),
        authors: store.authors(&wanted.authors).await.expect("authors"),
        places: store.places(&wanted.places).await.expect("places"),
        tags: store.tags(&wanted.tags).await.expect("tags"),
    };
    assert_eq!(found, expected);
    assert_eq!(found.categories.len(), 3);
    assert_eq!(
        found.sources.iter().map(|s| s.id).collect::<Vec<_>>(),
        [other.id, vna.id]
    );
    assert_eq!(found.topics.len(), 2, "each id once: {:?}", found.topics);
    assert_eq!(found.topics[0].id, topics[1]);
    assert_eq!(found.authors.len(), 1);
    assert_eq!(found.places.len(), 1);
    assert_eq!(found.tags.len(), 1);

    let without_categories = TermIds {
        all_categories: false,
        categories_with_articles: None,
        ..wanted
    };
    let found = store.terms(&without_categories).await.expect("terms");
    assert!(found.categories.is_empty());
    assert!(found.categories_with_articles.is_empty());
    assert_eq!(found.topics, expected.topics);
    assert_eq!(
        store.terms(&TermIds::default()).await.expect("nothing"),
        Terms::default()
    );
}

/// Images and videos round-trip with their kind and per-language texts; keys are unique.
pub async fn creates_and_reads_media(store: Arc<dyn Store>) {
    let image = NewMedia {
        key: "hue-citadel".to_owned(),
        kind: MediaKind::Image {
            path: "2026/11/hue-citadel.jpg".to_owned(),
            mime: "image/jpeg".to_owned(),
            width: 2400,
            height: 1600,
            variants: vec![
                ImageVariant {
                    path: "2026/11/hue-citadel-640.webp".to_owned(),
                    width: 640,
                    height: 427,
                },
                ImageVariant {
                    path: "2026/11/hue-citadel-1280.webp".to_owned(),
                    width: 1280,
                    height: 853,
                },
            ],
        },
        alt: texts(&[("en", "The Huế citadel gate"), ("vi", "Cổng Đại Nội Huế")]),
        caption: texts(&[("en", "The citadel at dawn.")]),
        credit: texts(&[("en", "Photo: VNA"), ("fa", "عکس: خبرگزاری ویتنام")]),
        rights: Some("CC BY 4.0".to_owned()),
    };
    let stored_image = store
        .create_media(image.clone())
        .await
        .expect("create image");
    assert_eq!(stored_image.key, image.key);
    assert_eq!(stored_image.kind, image.kind);
    assert_eq!(stored_image.alt, image.alt);
    assert_eq!(stored_image.caption, image.caption);
    assert_eq!(stored_image.credit, image.credit);
    assert_eq!(stored_image.rights, image.rights);

    let video = NewMedia {
        key: "apec-summit".to_owned(),
        kind: MediaKind::Video {
            source: VideoSource::Embed {
                url: url("https://video.example/embed/123"),
            },
            poster: Some(stored_image.id),
            subtitles: texts(&[("en", "2026/11/apec.en.vtt"), ("fa", "2026/11/apec.fa.vtt")]),
            duration_secs: Some(95),
        },
        alt: Localized::new(),
        caption: texts(&[("vi", "Hội nghị APEC")]),
        credit: Localized::new(),
        rights: None,
    };
    let stored_video = store
        .create_media(video.clone())
        .await
        .expect("create video");
    assert_eq!(stored_video.kind, video.kind);
    assert_eq!(stored_video.rights, None);

    assert_eq!(
        store
            .media(&[
                stored_video.id,
                MediaId::new(stored_video.id.get() + 1000),
                stored_image.id
            ])
            .await
            .expect("media"),
        [stored_video.clone(), stored_image.clone()]
    );
    assert_eq!(
        store.media_by_key("hue-citadel").await.expect("by key"),
        Some(stored_image)
    );
    assert_eq!(store.media_by_key("nope").await.expect("by key"), None);
    let again = store.create_media(video).await;
    assert!(
        matches!(again, Err(StoreError::Conflict { .. })),
        "a second media item with the same key: {again:?}"
    );
}

/// Machine-made alt texts, captions and subtitles fill the languages that lack them and are
/// marked as the machine's; a text a person wrote (here: one that came with the media) is
/// kept; the machine's own text is replaced by the next run; a repeat, an empty text and
/// subtitles on an image change nothing; the revision moves only with a change.
pub async fn machine_media_texts_fill_gaps_and_replace_only_machine_texts(store: Arc<dyn Store>) {
    let picture = store
        .create_media(NewMedia {
            key: "ferry".to_owned(),
            kind: MediaKind::Image {
                path: "2026/11/ferry.jpg".to_owned(),
                mime: "image/jpeg".to_owned(),
                width: 1200,
                height: 800,
                variants: Vec::new(),
            },
            alt: texts(&[("en", "A ferry at the pier")]),
            caption: texts(&[
                ("en", "The first ferry."),
                ("es", "El primer ferry, por la redacción."),
            ]),
            credit: texts(&[("en", "Photo: Lan Pham")]),
            rights: None,
        })
        .await
        .expect("picture");
    let video = store
        .create_media(NewMedia {
            key: "harbour".to_owned(),
            kind: MediaKind::Video {
                source: VideoSource::File {
                    path: "videos/harbour.webm".to_owned(),
                    mime: "video/webm".to_owned(),
                },
                poster: None,
                subtitles: texts(&[("en", "videos/harbour.en.vtt")]),
                duration_secs: Some(12),
            },
            alt: Localized::new(),
            caption: texts(&[("en", "The harbour at night.")]),
            credit: Localized::new(),
            rights: None,
        })
        .await
        .expect("video");
    let es = lang("es");
    assert!(
        store
            .machine_media_texts(&[picture.id, video.id])
            .await
            .expect("marks")
            .is_empty(),
        "texts that came with the media are nobody's machine output"
    );

    let before = store.content_revision().await.expect("revision");
    let written = store
        .save_machine_media_texts(
            picture.id,
            &es,
            &MachineMediaTexts {
                alt: Some("ES: A ferry at the pier".to_owned()),
                caption: Some("ES: The first ferry.".to_owned()),
                subtitles: Some("ignored.vtt".to_owned()),
            },
        )
        .await
        .expect("save");
    assert_eq!(written, [MediaText::Alt], "the person's caption is kept");
    let after_picture = store.content_revision().await.expect("revision");
    assert!(after_picture > before, "readers see the new alt text");
    let stored = store.media(&[picture.id]).await.expect("read").remove(0);
    assert_eq!(
        stored.alt.get(&es).map(String::as_str),
        Some("ES: A ferry at the pier")
    );
    assert_eq!(
        stored.caption.get(&es).map(String::as_str),
        Some("El primer ferry, por la redacción.")
    );
    assert_eq!(
        stored.credit, picture.credit,
        "credits are names: left alone"
    );
    assert_eq!(stored.kind, picture.kind, "an image has no subtitles");

    let written = store
        .save_machine_media_texts(
            video.id,
            &es,
            &MachineMediaTexts {
                alt: None,
                caption: Some("ES: The harbour at night.".to_owned()),
                subtitles: Some("videos/harbour.es.vtt".to_owned()),
            },
        )
        .await
        .expect("save");
    assert_eq!(written, [MediaText::Caption, MediaText::Subtitles]);
    let stored = store.media(&[video.id]).await.expect("read").remove(0);
    let MediaKind::Video { subtitles, .. } = &stored.kind else {
        panic!("still a video: {:?}", stored.kind);
    };
    assert_eq!(
        subtitles,
        &texts(&[
            ("en", "videos/harbour.en.vtt"),
            ("es", "videos/harbour.es.vtt")
        ])
    );
    assert_eq!(
        stored.alt,
        Localized::new(),
        "nothing asked, nothing written"
    );

    let mut marks = store
        .machine_media_texts(&[video.id, picture.id, MediaId::new(video.id.get() + 1000)])
        .await
        .expect("marks");
    for list in marks.values_mut() {
        list.sort();
    }
    assert_eq!(
        marks,
        HashMap::from([
            (picture.id, vec![(es.clone(), MediaText::Alt)]),
            (
                video.id,
                vec![
                    (es.clone(), MediaText::Caption),
                    (es.clone(), MediaText::Subtitles)
                ]
            ),
        ])
    );

    // The next run replaces the machine's own text, and only what it is given.
    let after_video = store.content_revision().await.expect("revision");
    let written = store
        .save_machine_media_texts(
            picture.id,
            &es,
            &MachineMediaTexts {
                alt: Some("ES: A ferry at the new pier".to_owned()),
                ..MachineMediaTexts::default()
            },
        )
        .await
        .expect("save again");
    assert_eq!(written, [MediaText::Alt]);
    let stored = store.media(&[picture.id]).await.expect("read").remove(0);
    assert_eq!(
        stored.alt.get(&es).map(String::as_str),
        Some("ES: A ferry at the new pier")
    );
    let after_replace = store.content_revision().await.expect("revision");
    assert!(after_replace > after_video);

    // A repeat, and an empty text, change nothing.
    store
        .save_machine_media_texts(
            picture.id,
            &es,
            &MachineMediaTexts {
                alt: Some("ES: A ferry at the new pier".to_owned()),
                caption: Some("   ".to_owned()),
                subtitles: None,
            },
        )
        .await
        .expect("repeat");
    assert_eq!(
        store.content_revision().await.expect("revision"),
        after_replace
    );
    assert_eq!(
        store.media(&[picture.id]).await.expect("read").remove(0),
        stored
    );

    let missing = store
        .save_machine_media_texts(
            MediaId::new(video.id.get() + 1000),
            &es,
            &MachineMediaTexts::default(),
        )
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "an unknown media item: {missing:?}"
    );
}

/// An article is stored with its links, in order, and its original version.
pub async fn creates_articles_with_their_original_version(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let t1 = store
        .create_topic(term("apec", &[("en", "APEC")]))
        .await
        .expect("topic");
    let t2 = store
        .create_topic(term("trade", &[("en", "Trade")]))
        .await
        .expect("topic");
    let tag = store
        .create_tag(term("economy", &[("en", "Economy")]))
        .await
        .expect("tag");
    let a1 = store
        .create_author(NewAuthor {
            term: term("a1", &[("vi", "Minh Anh")]),
            source: Some(seed.source),
        })
        .await
        .expect("author");
    let a2 = store
        .create_author(NewAuthor {
            term: term("a2", &[("vi", "Quốc Huy")]),
            source: None,
        })
        .await
        .expect("author");
    let place = store
        .create_place(NewPlace {
            term: term("hue", &[("vi", "Huế")]),
            kind: PlaceKind::Province,
            parent: None,
        })
        .await
        .expect("place");
    let mut media = Vec::new();
    for key in ["m1", "m2"] {
        media.push(
            store
                .create_media(NewMedia {
                    key: key.to_owned(),
                    kind: MediaKind::Image {
                        path: format!("{key}.jpg"),
                        mime: "image/jpeg".to_owned(),
                        width: 10,
                        height: 10,
                        variants: Vec::new(),
                    },
                    alt: Localized::new(),
                    caption: Localized::new(),
                    credit: Localized::new(),
                    rights: None,
                })
                .await
                .expect("media")
                .id,
        );
    }
    let source_url = url("https://vna.example/2026/11/apec-123.html");
    let mut new = article(
        &seed,
        "Khai mạc Tuần lễ Cấp cao APEC",
        "2026-11-10T08:00:00Z",
    );
    new.source_url = Some(source_url.clone());
    new.kind = ArticleKind::Feature;
    new.topics = vec![t2.id, t1.id];
    new.tags = vec![tag.id];
    new.authors = vec![a2.id, a1.id];
    new.place = Some(place.id);
    new.lead_image = Some(media[0]);
    new.media = vec![media[1], media[0]];
    new.featured = true;
    new.updated_at = at("2026-11-10T09:30:00Z");
    let id = store
        .create_article(new.clone())
        .await
        .expect("create article");

    let stored = store
        .article(id)
        .await
        .expect("read article")
        .expect("the article exists");
    assert_eq!(stored.id, id);
    assert_eq!(stored.source, seed.source);
    assert_eq!(stored.source_url, Some(source_url.clone()));
    assert_eq!(stored.source_language, lang("vi"));
    assert_eq!(stored.kind, ArticleKind::Feature);
    assert_eq!(stored.category, seed.category);
    assert_eq!(stored.topics, [t2.id, t1.id]);
    assert_eq!(stored.tags, [tag.id]);
    assert_eq!(stored.authors, [a2.id, a1.id]);
    assert_eq!(stored.place, Some(place.id));
    assert_eq!(stored.lead_image, Some(media[0]));
    assert_eq!(stored.media, [media[1], media[0]]);
    assert!(stored.featured);
    assert_eq!(stored.published_at, at("2026-11-10T08:00:00Z"));
    assert_eq!(stored.updated_at, at("2026-11-10T09:30:00Z"));

    let version = store
        .version(id, &lang("vi"))
        .await
        .expect("read version")
        .expect("the original version exists");
    assert_eq!(version.article, id);
    assert_eq!(version.title, "Khai mạc Tuần lễ Cấp cao APEC");
    assert_eq!(version.lead, "Lead of Khai mạc Tuần lễ Cấp cao APEC.");
    assert_eq!(
        version.body,
        "<p>Body of Khai mạc Tuần lễ Cấp cao APEC.</p>"
    );
    assert_eq!(version.slug.as_str(), "khai-mac-tuan-le-cap-cao-apec");
    assert_eq!(version.origin, Origin::Original);
    assert_eq!(version.provenance, None);
    assert_eq!(version.state, EditorialState::Published);
    assert_eq!(store.versions(id).await.expect("versions"), [version]);
    assert_eq!(store.version(id, &lang("en")).await.expect("read"), None);

    assert_eq!(
        store
            .article_by_source_url(source_url.as_str())
            .await
            .expect("by url"),
        Some(id)
    );
    assert_eq!(
        store
            .article_by_source_url("https://vna.example/other")
            .await
            .expect("by url"),
        None
    );
    assert_eq!(
        store
            .article(ArticleId::new(id.get() + 1000))
            .await
            .expect("read"),
        None
    );
}

/// `article_with_versions` gives what `article` and `versions` give, in one read.
pub async fn reads_an_article_with_its_versions_at_once(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let topic = store
        .create_topic(term("apec", &[("en", "APEC")]))
        .await
        .expect("topic")
        .id;
    let mut new = article(&seed, "Khai mạc", "2026-11-10T08:00:00Z");
    new.topics = vec![topic];
    new.source_url = Some(url("https://vna.example/khai-mac.html"));
    let id = store.create_article(new).await.expect("create");
    let alone = store
        .create_article(article(&seed, "Một mình", "2026-11-11T08:00:00Z"))
        .await
        .expect("create");
    store
        .save_version(draft(id, "fa", "افتتاح", Origin::Human))
        .await
        .expect("save");
    let mut withdrawn = draft(id, "en", "Opening", Origin::Machine);
    withdrawn.state = EditorialState::Withdrawn;
    store.save_version(withdrawn).await.expect("save");
    for id in [id, alone] {
        let (article, versions) = store
            .article_with_versions(id)
            .await
            .expect("read")
            .expect("the article exists");
        assert_eq!(Some(article), store.article(id).await.expect("article"));
        assert_eq!(versions, store.versions(id).await.expect("versions"));
    }
    let (_, versions) = store
        .article_with_versions(id)
        .await
        .expect("read")
        .expect("the article exists");
    let languages: Vec<&str> = versions.iter().map(|v| v.language.as_str()).collect();
    assert_eq!(languages, ["en", "fa", "vi"]);
    assert_eq!(
        store
            .article_with_versions(ArticleId::new(id.get() + 1000))
            .await
            .expect("read"),
        None
    );
}

/// A second article from the same original URL is a conflict; articles without one are not.
pub async fn refuses_second_article_with_same_source_url(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let mut first = article(&seed, "Bão số 5", "2026-09-01T00:00:00Z");
    first.source_url = Some(url("https://vna.example/bao-5.html"));
    let id = store.create_article(first.clone()).await.expect("create");
    let mut second = article(&seed, "Bão số 5 đổ bộ", "2026-09-01T01:00:00Z");
    second.source_url = first.source_url.clone();
    match store.create_article(second).await {
        Err(StoreError::Conflict { constraint }) => {
            assert!(constraint.contains("source_url"), "{constraint}");
        }
        other => panic!("expected a conflict on the source URL, got {other:?}"),
    }
    assert_eq!(
        store
            .article_by_source_url("https://vna.example/bao-5.html")
            .await
            .expect("by url"),
        Some(id)
    );
    // Nothing of the refused article was kept.
    assert_eq!(
        store
            .list_articles(
                &ArticleFilter::in_language(lang("vi")),
                PageRequest::first(10)
            )
            .await
            .expect("list")
            .total,
        1
    );
    for title in ["Không có URL", "Không có URL"] {
        store
            .create_article(article(&seed, title, "2026-09-02T00:00:00Z"))
            .await
            .expect("articles without a source URL never conflict");
    }
}

/// Writes that name rows that do not exist fail, and leave nothing behind.
pub async fn refuses_references_to_missing_rows(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let mut orphan = article(&seed, "Mồ côi", "2026-01-01T00:00:00Z");
    orphan.category = CategoryId::new(seed.category.get() + 1000);
    let result = store.create_article(orphan).await;
    assert!(
        matches!(result, Err(StoreError::Conflict { .. })),
        "an article in a missing category: {result:?}"
    );
    let result = store
        .save_version(draft(ArticleId::new(4242), "en", "Nobody", Origin::Human))
        .await;
    assert!(
        matches!(result, Err(StoreError::NotFound(_))),
        "a version of a missing article: {result:?}"
    );
    let result = store
        .set_comment_status(herald_domain::CommentId::new(4242), CommentStatus::Spam)
        .await;
    assert!(matches!(result, Err(StoreError::NotFound(_))), "{result:?}");
}

/// Versions get slugs unique per language; a new title moves the slug and the old one is
/// never given to another article.
pub async fn saves_versions_with_unique_slugs_per_language(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let a = store
        .create_article(article(
            &seed,
            "Hội nghị thương mại",
            "2026-03-01T00:00:00Z",
        ))
        .await
        .expect("create");
    let b = store
        .create_article(article(
            &seed,
            "Hội nghị thương mại",
            "2026-03-02T00:00:00Z",
        ))
        .await
        .expect("create");
    assert_eq!(
        store
            .version(b, &lang("vi"))
            .await
            .expect("read")
            .expect("exists")
            .slug
            .as_str(),
        "hoi-nghi-thuong-mai-2"
    );
    let resaved = store
        .save_version(draft(b, "vi", "Hội nghị thương mại", Origin::Original))
        .await
        .expect("save the original again");
    assert_eq!(saved_slug(&resaved), "hoi-nghi-thuong-mai-2");

    let provenance = Provenance {
        engine: "apertium".to_owned(),
        model: Some("vie-eng 0.1".to_owned()),
        made_at: at("2026-03-01T00:05:00Z"),
        from_language: lang("vi"),
        from_revision: 1,
        qa_flags: vec![
            QaFlag::NumbersChanged,
            QaFlag::GlossaryMissed {
                term: "APEC".to_owned(),
            },
        ],
        translator: None,
    };
    let mut en = draft(a, "en", "Trade conference", Origin::Machine);
    en.provenance = Some(provenance.clone());
    en.state = EditorialState::Review;
    let outcome = store.save_version(en.clone()).await.expect("save");
    assert_eq!(saved_slug(&outcome), "trade-conference");
    let stored = store
        .version(a, &lang("en"))
        .await
        .expect("read")
        .expect("saved");
    assert_eq!(stored.title, "Trade conference");
    assert_eq!(stored.lead, "Lead of Trade conference.");
    assert_eq!(stored.origin, Origin::Machine);
    assert_eq!(stored.provenance, Some(provenance));
    assert_eq!(stored.state, EditorialState::Review);

    // Same title again: same slug. In another language: no suffix needed.
    let outcome = store.save_version(en.clone()).await.expect("save again");
    assert_eq!(saved_slug(&outcome), "trade-conference");
    let fr = store
        .save_version(draft(b, "fr", "Trade conference", Origin::Human))
        .await
        .expect("save");
    assert_eq!(saved_slug(&fr), "trade-conference");

    // A new title moves the slug; the old one stays with this article.
    en.title = "Trade conference opens in Huế".to_owned();
    let outcome = store.save_version(en).await.expect("save");
    assert_eq!(saved_slug(&outcome), "trade-conference-opens-in-hue");
    let other = store
        .save_version(draft(b, "en", "Trade conference", Origin::Human))
        .await
        .expect("save");
    assert_eq!(saved_slug(&other), "trade-conference-2");

    let languages: Vec<String> = store
        .versions(a)
        .await
        .expect("versions")
        .iter()
        .map(|v| v.language.to_string())
        .collect();
    assert_eq!(languages, ["en", "vi"]);
}

/// A machine run never replaces a person's work (original, publisher, post-edited,
/// reviewed or human), and a person may replace anything.
pub async fn machine_translation_never_overwrites_human_work(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let id = store
        .create_article(article(&seed, "Lễ hội Huế", "2026-04-01T00:00:00Z"))
        .await
        .expect("create");

    let outcome = store
        .save_version(draft(id, "vi", "Máy dịch", Origin::Machine))
        .await
        .expect("save");
    assert_eq!(
        outcome,
        SaveOutcome::KeptHumanWork {
            existing: Origin::Original
        }
    );

    store
        .save_version(draft(id, "en", "Hue festival", Origin::Machine))
        .await
        .expect("machine translation");
    let outcome = store
        .save_version(draft(id, "en", "Hue Festival opens", Origin::Machine))
        .await
        .expect("machine over machine");
    assert_eq!(saved_slug(&outcome), "hue-festival-opens");

    for origin in [
        Origin::PostEdited,
        Origin::Reviewed,
        Origin::Human,
        Origin::Publisher,
    ] {
        let title = format!("Hue Festival ({})", origin.as_str());
        let person = store
            .save_version(draft(id, "en", &title, origin))
            .await
            .expect("a person's work replaces anything");
        assert!(matches!(person, SaveOutcome::Saved { .. }), "{origin:?}");
        let kept = store
            .save_version(draft(id, "en", "Machine again", Origin::Machine))
            .await
            .expect("save");
        assert_eq!(kept, SaveOutcome::KeptHumanWork { existing: origin });
        let stored = store
            .version(id, &lang("en"))
            .await
            .expect("read")
            .expect("exists");
        assert_eq!(stored.title, title);
        assert_eq!(stored.origin, origin);
    }
}

/// Lists show versions published in the language, newest first (then highest id), with
/// every filter, exclusions, totals and pages.
pub async fn lists_published_versions_newest_first_with_filters(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let other_source = store
        .create_source(new_source("baohue", &[("vi", "Báo Thừa Thiên Huế")]))
        .await
        .expect("source")
        .id;
    let topic = store
        .create_topic(term("festival", &[("vi", "Festival")]))
        .await
        .expect("topic")
        .id;
    let tag = store
        .create_tag(term("culture", &[("vi", "Văn hóa")]))
        .await
        .expect("tag")
        .id;
    let author = store
        .create_author(NewAuthor {
            term: term("minh", &[("vi", "Minh")]),
            source: None,
        })
        .await
        .expect("author")
        .id;
    let place = store
        .create_place(NewPlace {
            term: term("hue", &[("vi", "Huế")]),
            kind: PlaceKind::Province,
            parent: None,
        })
        .await
        .expect("place")
        .id;
    let image = store
        .create_media(NewMedia {
            key: "lead".to_owned(),
            kind: MediaKind::Image {
                path: "lead.jpg".to_owned(),
                mime: "image/jpeg".to_owned(),
                width: 1,
                height: 1,
                variants: Vec::new(),
            },
            alt: Localized::new(),
            caption: Localized::new(),
            credit: Localized::new(),
            rights: None,
        })
        .await
        .expect("media")
        .id;

    let mut a1 = article(&seed, "Một", "2026-05-01T00:00:00Z");
    a1.topics = vec![topic];
    let a1 = store.create_article(a1).await.expect("create");
    let mut a2 = article(&seed, "Hai", "2026-05-02T00:00:00Z");
    a2.tags = vec![tag];
    a2.featured = true;
    let a2 = store.create_article(a2).await.expect("create");
    let mut a3 = article(&seed, "Ba", "2026-05-03T00:00:00Z");
    a3.state = EditorialState::Draft;
    let a3 = store.create_article(a3).await.expect("create");
    let mut a4 = article(&seed, "Bốn", "2026-05-04T00:00:00Z");
    a4.authors = vec![author];
    a4.place = Some(place);
    a4.source = other_source;
    a4.lead_image = Some(image);
    let a4 = store.create_article(a4).await.expect("create");
    // Published at the same instant as a2, created later: listed before it.
    let a5 = store
        .create_article(article(&seed, "Năm", "2026-05-02T00:00:00Z"))
        .await
        .expect("create");
    store
        .save_version(draft(a1, "en", "One", Origin::Machine))
        .await
        .expect("translate");
    let mut withdrawn = draft(a2, "en", "Two", Origin::Machine);
    withdrawn.state = EditorialState::Withdrawn;
    store.save_version(withdrawn).await.expect("translate");

    let vi = ArticleFilter::in_language(lang("vi"));
    assert_eq!(listed(&*store, vi.clone()).await, [a4, a5, a2, a1]);
    let page = store
        .list_articles(&vi, PageRequest { number: 2, size: 3 })
        .await
        .expect("page 2");
    assert_eq!(page.items.iter().map(|c| c.id).collect::<Vec<_>>(), [a1]);
    assert_eq!(page.total, 4);
    assert_eq!(page.pages(), 2);
    let beyond = store
        .list_articles(&vi, PageRequest { number: 9, size: 3 })
        .await
        .expect("page 9");
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, 4);

    let card = store
        .list_articles(&vi, PageRequest::first(1))
        .await
        .expect("first page")
        .items
        .pop()
        .expect("one card");
    assert_eq!(card.id, a4);
    assert_eq!(card.language, lang("vi"));
    assert_eq!(card.title, "Bốn");
    assert_eq!(card.lead, "Lead of Bốn.");
    assert_eq!(card.slug.as_str(), "bon");
    assert_eq!(card.origin, Origin::Original);
    assert_eq!(card.category, seed.category);
    assert_eq!(card.place, Some(place));
    assert_eq!(card.lead_image, Some(image));
    assert_eq!(card.source, other_source);
    assert!(!card.featured);
    assert_eq!(card.published_at, at("2026-05-04T00:00:00Z"));

    let en = store
        .list_articles(
            &ArticleFilter::in_language(lang("en")),
            PageRequest::first(10),
        )
        .await
        .expect("list en");
    assert_eq!(en.total, 1);
    assert_eq!(en.items[0].id, a1);
    assert_eq!(en.items[0].title, "One");
    assert_eq!(en.items[0].origin, Origin::Machine);

    let with = |f: fn(&mut ArticleFilter)| {
        let mut filter = vi.clone();
        f(&mut filter);
        filter
    };
    let cases: [(ArticleFilter, Vec<ArticleId>); 7] = [
        (
            ArticleFilter {
                topic: Some(topic),
                ..vi.clone()
            },
            vec![a1],
        ),
        (
            ArticleFilter {
                tag: Some(tag),
                ..vi.clone()
            },
            vec![a2],
        ),
        (
            ArticleFilter {
                author: Some(author),
                ..vi.clone()
            },
            vec![a4],
        ),
        (
            ArticleFilter {
                place: Some(place),
                ..vi.clone()
            },
            vec![a4],
        ),
        (
            ArticleFilter {
                source: Some(seed.source),
                ..vi.clone()
            },
            vec![a5, a2, a1],
        ),
        (with(|f| f.featured = Some(true)), vec![a2]),
        (with(|f| f.featured = Some(false)), vec![a4, a5, a1]),
    ];
    for (filter, expected) in cases {
        assert_eq!(
            listed(&*store, filter.clone()).await,
            expected,
            "{filter:?}"
        );
    }
    let mut excluding = vi.clone();
    excluding.exclude = vec![a4, a5, a3];
    let page = store
        .list_articles(&excluding, PageRequest::first(10))
        .await
        .expect("list");
    assert_eq!(
        page.items.iter().map(|c| c.id).collect::<Vec<_>>(),
        [a2, a1]
    );
    assert_eq!(page.total, 2);
    let mut nothing = vi.clone();
    nothing.topic = Some(TopicId::new(topic.get() + 1000));
    assert_eq!(
        store
            .list_articles(&nothing, PageRequest::first(10))
            .await
            .expect("list")
            .total,
        0
    );

    // Withdrawing the original takes it off the list.
    let mut withdraw = draft(a1, "vi", "Một", Origin::Original);
    withdraw.state = EditorialState::Withdrawn;
    store.save_version(withdraw).await.expect("withdraw");
    assert_eq!(listed(&*store, vi).await, [a4, a5, a2]);
}

/// A category's list includes its sub-categories, at any depth, and nothing else.
pub async fn category_filter_includes_subcategories(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let world = store
        .create_category(category("world", "World", Some(seed.category), 0))
        .await
        .expect("category")
        .id;
    let asia = store
        .create_category(category("asia", "Asia", Some(world), 0))
        .await
        .expect("category")
        .id;
    let sport = store
        .create_category(category("sport", "Sport", None, 1))
        .await
        .expect("category")
        .id;
    let mut ids = Vec::new();
    for (i, category) in [seed.category, world, asia, sport].into_iter().enumerate() {
        let mut new = article(
            &seed,
            &format!("Bài {i}"),
            &format!("2026-06-0{}T00:00:00Z", i + 1),
        );
        new.category = category;
        ids.push(store.create_article(new).await.expect("create"));
    }
    let in_category = |category: CategoryId| ArticleFilter {
        category: Some(category),
        ..ArticleFilter::in_language(lang("vi"))
    };
    assert_eq!(
        listed(&*store, in_category(seed.category)).await,
        [ids[2], ids[1], ids[0]]
    );
    assert_eq!(listed(&*store, in_category(world)).await, [ids[2], ids[1]]);
    assert_eq!(listed(&*store, in_category(asia)).await, [ids[2]]);
    assert_eq!(listed(&*store, in_category(sport)).await, [ids[3]]);
    let page = store
        .list_articles(&in_category(seed.category), PageRequest::first(2))
        .await
        .expect("list");
    assert_eq!(page.total, 3);
}

/// The videos page lists exactly the articles that carry a video among their media.
pub async fn video_filter_lists_only_articles_carrying_a_video(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let media = |key: &str, kind: MediaKind| NewMedia {
        key: key.to_owned(),
        kind,
        alt: Localized::new(),
        caption: Localized::new(),
        credit: Localized::new(),
        rights: None,
    };
    let image = store
        .create_media(media(
            "still",
            MediaKind::Image {
                path: "still.jpg".to_owned(),
                mime: "image/jpeg".to_owned(),
                width: 800,
                height: 450,
                variants: Vec::new(),
            },
        ))
        .await
        .expect("image");
    let video = store
        .create_media(media(
            "clip",
            MediaKind::Video {
                source: VideoSource::File {
                    path: "clip.webm".to_owned(),
                    mime: "video/webm".to_owned(),
                },
                poster: Some(image.id),
                subtitles: texts(&[("vi", "clip.vi.vtt")]),
                duration_secs: Some(30),
            },
        ))
        .await
        .expect("video");
    let mut with_image = article(&seed, "Ảnh", "2026-06-01T00:00:00Z");
    with_image.media = vec![image.id];
    let mut with_video = article(&seed, "Phim", "2026-06-02T00:00:00Z");
    with_video.media = vec![image.id, video.id];
    let plain = article(&seed, "Chữ", "2026-06-03T00:00:00Z");
    store.create_article(with_image).await.expect("create");
    let video_article = store.create_article(with_video).await.expect("create");
    store.create_article(plain).await.expect("create");
    let filter = ArticleFilter {
        has_video: true,
        ..ArticleFilter::in_language(lang("vi"))
    };
    assert_eq!(listed(&*store, filter).await, [video_article]);
}

/// With fallback languages, an article missing in the language is listed once, in its first
/// published version in fallback order (unless its version in the language was withdrawn);
/// filters, paging and the count see the same list, and without fallbacks nothing changes.
pub async fn lists_articles_missing_in_the_language_in_their_first_fallback(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let sport = store
        .create_category(category("sport", "Sport", None, 1))
        .await
        .expect("category")
        .id;
    let create =
        |title: &str, day: u32| article(&seed, title, &format!("2026-07-0{day}T00:00:00Z"));
    // vi original with fa and en versions: listed in fa.
    let everywhere = store
        .create_article(create("Khắp nơi", 1))
        .await
        .expect("create");
    // vi original with an en version: listed in en, the first fallback.
    let english = store
        .create_article(create("Tiếng Anh", 2))
        .await
        .expect("create");
    // vi original alone: listed in vi, the second fallback.
    let vietnamese = store
        .create_article(create("Tiếng Việt", 3))
        .await
        .expect("create");
    // vi original with a withdrawn en version and a draft fa one: listed in vi.
    let withdrawn = store
        .create_article(create("Rút lại", 4))
        .await
        .expect("create");
    // In another category, vi original with an en version: listed in en.
    let mut new = create("Thể thao", 5);
    new.category = sport;
    let elsewhere = store.create_article(new).await.expect("create");
    // Withdrawn in every language: never listed.
    let mut gone = create("Đã gỡ", 6);
    gone.state = EditorialState::Withdrawn;
    store.create_article(gone).await.expect("create");
    // Withdrawn in fa, published in en: not listed in fa at all.
    let pulled = store
        .create_article(create("Gỡ bản fa", 7))
        .await
        .expect("create");
    let mut drafts = vec![
        draft(everywhere, "fa", "همه‌جا", Origin::Human),
        draft(everywhere, "en", "Everywhere", Origin::Human),
        draft(english, "en", "English", Origin::Human),
        draft(elsewhere, "en", "Sport", Origin::Machine),
    ];
    let mut withdrawn_en = draft(withdrawn, "en", "Withdrawn", Origin::Human);
    withdrawn_en.state = EditorialState::Withdrawn;
    let mut draft_fa = draft(withdrawn, "fa", "پیش‌نویس", Origin::Human);
    draft_fa.state = EditorialState::Draft;
    let mut pulled_fa = draft(pulled, "fa", "برداشته", Origin::Human);
    pulled_fa.state = EditorialState::Withdrawn;
    drafts.extend([
        withdrawn_en,
        draft_fa,
        pulled_fa,
        draft(pulled, "en", "Pulled", Origin::Human),
    ]);
    for version in drafts {
        store.save_version(version).await.expect("save");
    }

    let fa = ArticleFilter::in_language(lang("fa"));
    assert_eq!(listed(&*store, fa.clone()).await, [everywhere]);
    let fallbacks = ArticleFilter {
        // The language itself and repeats change nothing.
        fallbacks: vec![lang("en"), lang("fa"), lang("vi"), lang("en")],
        ..fa.clone()
    };
    let page = store
        .list_articles(&fallbacks, PageRequest::first(10))
        .await
        .expect("list with fallbacks");
    let shown: Vec<(ArticleId, &str, &str)> = page
        .items
        .iter()
        .map(|card| (card.id, card.language.as_str(), card.title.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            (elsewhere, "en", "Sport"),
            (withdrawn, "vi", "Rút lại"),
            (vietnamese, "vi", "Tiếng Việt"),
            (english, "en", "English"),
            (everywhere, "fa", "همه‌جا"),
        ]
    );
    assert_eq!(page.total, 5);
    let english_card = &page.items[3];
    assert_eq!(english_card.slug.as_str(), "english");
    assert_eq!(english_card.origin, Origin::Human);

    // The order of the fallbacks decides which version is shown.
    let vi_first = ArticleFilter {
        fallbacks: vec![lang("vi"), lang("en")],
        ..fa.clone()
    };
    let languages: Vec<String> = store
        .list_articles(&vi_first, PageRequest::first(10))
        .await
        .expect("list")
        .items
        .iter()
        .map(|card| card.language.to_string())
        .collect();
    assert_eq!(languages, ["vi", "vi", "vi", "vi", "fa"]);

    // Filters, exclusions and pages apply to the same list.
    let in_news = ArticleFilter {
        category: Some(seed.category),
        exclude: vec![withdrawn],
        ..fallbacks.clone()
    };
    assert_eq!(
        listed(&*store, in_news.clone()).await,
        [vietnamese, english, everywhere]
    );
    let second = store
        .list_articles(&in_news, PageRequest { number: 2, size: 2 })
        .await
        .expect("second page");
    assert_eq!(
        second.items.iter().map(|c| c.id).collect::<Vec<_>>(),
        [everywhere]
    );
    assert_eq!(second.total, 3);

    // A fallback that has nothing adds nothing.
    let nothing_more = ArticleFilter {
        fallbacks: vec![lang("de")],
        ..fa
    };
    assert_eq!(listed(&*store, nothing_more).await, [everywhere]);
}

/// How each article of [`pages_of_lists_with_fallbacks_are_pages_of_the_whole_list`] is
/// stored: its category (0: the seed's, 1: a sub-category), and its versions besides the
/// published Vietnamese original.
const LAYOUT: [(usize, &[(&str, EditorialState)]); 12] = [
    (0, &[("en", EditorialState::Published)]),
    (1, &[("en", EditorialState::Published)]),
    (0, &[("en", EditorialState::Published)]),
    (1, &[("fa", EditorialState::Published)]),
    (
        0,
        &[
            ("en", EditorialState::Published),
            ("fa", EditorialState::Published),
        ],
    ),
    (
        1,
        &[
            ("en", EditorialState::Withdrawn),
            ("fa", EditorialState::Published),
        ],
    ),
    (0, &[("fa", EditorialState::Draft)]),
    (1, &[("en", EditorialState::Published)]),
    (0, &[("en", EditorialState::Published)]),
    (1, &[("fa", EditorialState::Published)]),
    (0, &[("en", EditorialState::Published)]),
    (1, &[]),
];

/// The articles of [`LAYOUT`], newest first (two published at the same instant), and the
/// sub-category.
async fn layout(store: &dyn Store, seed: &Seed) -> (Vec<ArticleId>, CategoryId) {
    let sub = store
        .create_category(category("world", "World", Some(seed.category), 0))
        .await
        .expect("category")
        .id;
    let mut ids = Vec::new();
    for (i, (section, versions)) in LAYOUT.iter().enumerate() {
        // Articles 7 and 8 share an instant.
        let day = if i == 8 { 7 } else { i };
        let mut new = article(
            seed,
            &format!("Bài {i}"),
            &format!("2026-08-{:02}T00:00:00Z", day + 1),
        );
        if *section == 1 {
            new.category = sub;
        }
        let id = store.create_article(new).await.expect("create");
        for (tag, state) in *versions {
            let mut version = draft(id, tag, &format!("{tag} {i}"), Origin::Human);
            version.state = *state;
            store.save_version(version).await.expect("save");
        }
        ids.push(id);
    }
    ids.reverse();
    (ids, sub)
}

/// The list `filter` should give over [`LAYOUT`], worked out from it: (article, language).
fn expected_list(
    filter: &ArticleFilter,
    ids_newest_first: &[ArticleId],
    seed: &Seed,
    sub: CategoryId,
) -> Vec<(ArticleId, String)> {
    let count = LAYOUT.len();
    let mut out = Vec::new();
    for (n, id) in ids_newest_first.iter().enumerate() {
        let (section, versions) = LAYOUT[count - 1 - n];
        let in_category = match filter.category {
            None => true,
            Some(c) if c == seed.category => true,
            Some(c) => c == sub && section == 1,
        };
        if !in_category || filter.exclude.contains(id) {
            continue;
        }
        let state = |tag: &str| {
            if tag == "vi" {
                Some(EditorialState::Published)
            } else {
                versions.iter().find(|(t, _)| *t == tag).map(|(_, s)| *s)
            }
        };
        let here = filter.language.as_str();
        let shown = match state(here) {
            Some(EditorialState::Published) => Some(here),
            Some(EditorialState::Withdrawn) => None,
            _ => filter
                .fallbacks
                .iter()
                .map(Language::as_str)
                .find(|tag| state(tag) == Some(EditorialState::Published)),
        };
        if let Some(tag) = shown {
            out.push((*id, tag.to_owned()));
        }
    }
    out
}

/// The filters both list checks run over [`LAYOUT`].
fn layout_filters(seed: &Seed, sub: CategoryId, ids: &[ArticleId]) -> Vec<ArticleFilter> {
    let with = |language: &str, fallbacks: &[&str]| ArticleFilter {
        fallbacks: fallbacks.iter().map(|tag| lang(tag)).collect(),
        ..ArticleFilter::in_language(lang(language))
    };
    let mut filters = vec![
        with("en", &["fa", "vi"]),
        with("en", &["vi"]),
        with("fa", &["en"]),
        with("fa", &["vi", "en"]),
        with("vi", &[]),
        with("en", &[]),
    ];
    for category in [seed.category, sub] {
        filters.push(ArticleFilter {
            category: Some(category),
            ..with("en", &["vi"])
        });
    }
    filters.push(ArticleFilter {
        exclude: vec![ids[0], ids[3]],
        ..with("en", &["fa", "vi"])
    });
    filters
}

/// With fallbacks, whatever the page size, the pages of a list are the slices of one list —
/// each article once, in its best language, newest first (ties by id) — and the count is its
/// length; primary and fallback versions are interleaved in time, so a page merges both.
pub async fn pages_of_lists_with_fallbacks_are_pages_of_the_whole_list(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let (ids, sub) = layout(&*store, &seed).await;
    for filter in layout_filters(&seed, sub, &ids) {
        let whole = expected_list(&filter, &ids, &seed, sub);
        for size in [1_u32, 2, 3, 5] {
            let pages = u32::try_from(whole.len()).expect("a small number") / size + 2;
            for number in 1..=pages {
                let page = store
                    .list_articles(&filter, PageRequest { number, size })
                    .await
                    .expect("list");
                let shown: Vec<(ArticleId, String)> = page
                    .items
                    .iter()
                    .map(|card| (card.id, card.language.to_string()))
                    .collect();
                let from = usize::try_from((number - 1) * size).expect("a small number");
                let to = (from + usize::try_from(size).expect("a small number")).min(whole.len());
                let expected = whole.get(from..to).unwrap_or_default();
                assert_eq!(shown, expected, "{filter:?}, page {number} of size {size}");
                assert_eq!(
                    page.total,
                    u64::try_from(whole.len()).expect("a small number"),
                    "{filter:?}"
                );
            }
        }
    }
}

/// `list_article_cards` gives, for each filter in order, the first cards `list_articles`
/// would: with and without fallbacks, categories, exclusions; nothing for no filters or a
/// limit of 0.
pub async fn lists_the_first_cards_of_several_lists_at_once(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let (ids, sub) = layout(&*store, &seed).await;
    let mut filters = layout_filters(&seed, sub, &ids);
    filters.push(ArticleFilter {
        featured: Some(true),
        ..ArticleFilter::in_language(lang("vi"))
    });
    for limit in [1_u32, 3, 20] {
        let lists = store
            .list_article_cards(&filters, limit)
            .await
            .expect("cards");
        assert_eq!(lists.len(), filters.len());
        for (filter, cards) in filters.iter().zip(&lists) {
            let page = store
                .list_articles(filter, PageRequest::first(limit))
                .await
                .expect("list");
            assert_eq!(*cards, page.items, "{filter:?}, limit {limit}");
        }
    }
    let one = store
        .list_article_cards(std::slice::from_ref(&filters[0]), 4)
        .await
        .expect("cards");
    let expected: Vec<(ArticleId, String)> = expected_list(&filters[0], &ids, &seed, sub)
        .into_iter()
        .take(4)
        .collect();
    let shown: Vec<(ArticleId, String)> = one[0]
        .iter()
        .map(|card| (card.id, card.language.to_string()))
        .collect();
    assert_eq!(shown, expected);
    assert!(
        store
            .list_article_cards(&[], 4)
            .await
            .expect("no lists")
            .is_empty()
    );
    assert_eq!(
        store
            .list_article_cards(&filters[..2], 0)
            .await
            .expect("no cards"),
        [Vec::new(), Vec::new()]
    );
}

/// `categories_with_articles` names exactly the categories whose list in the language (with
/// the fallbacks) has an article: a section counts its sub-sections' articles; drafts do not
/// count, nor a fallback version of an article withdrawn in the language.
pub async fn finds_the_categories_with_articles_in_a_language(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let create = |key: &'static str, parent: Option<CategoryId>| {
        let store = Arc::clone(&store);
        async move {
            store
                .create_category(category(key, key, parent, 0))
                .await
                .expect("category")
                .id
        }
    };
    let world = create("world", Some(seed.category)).await;
    let asia = create("asia", Some(world)).await;
    let sport = create("sport", None).await;
    let culture = create("culture", None).await;
    let science = create("science", None).await;
    let politics = create("politics", None).await;
    let in_category = |title: &str, category: CategoryId| {
        let mut new = article(&seed, title, "2026-09-01T00:00:00Z");
        new.category = category;
        new
    };
    // In Asia, in vi and en.
    let asian = store
        .create_article(in_category("Châu Á", asia))
        .await
        .expect("create");
    store
        .save_version(draft(asian, "en", "Asia", Origin::Human))
        .await
        .expect("save");
    // In sport, in vi only.
    store
        .create_article(in_category("Thể thao", sport))
        .await
        .expect("create");
    // In science, a draft only.
    let mut unpublished = in_category("Khoa học", science);
    unpublished.state = EditorialState::Draft;
    store.create_article(unpublished).await.expect("create");
    // In politics, in vi, withdrawn in en.
    let pulled = store
        .create_article(in_category("Chính trị", politics))
        .await
        .expect("create");
    let mut withdrawn = draft(pulled, "en", "Politics", Origin::Human);
    withdrawn.state = EditorialState::Withdrawn;
    store.save_version(withdrawn).await.expect("save");

    let all = [
        seed.category,
        world,
        asia,
        sport,
        culture,
        science,
        politics,
    ];
    let cases: [(&str, &[&str], Vec<CategoryId>); 6] = [
        ("vi", &[], vec![seed.category, world, asia, sport, politics]),
        ("en", &[], vec![seed.category, world, asia]),
        ("en", &["vi"], vec![seed.category, world, asia, sport]),
        (
            "en",
            &["en", "vi", "vi"],
            vec![seed.category, world, asia, sport],
        ),
        ("fa", &["en"], vec![seed.category, world, asia]),
        ("fa", &[], vec![]),
    ];
    for (language, fallbacks, expected) in cases {
        let fallbacks: Vec<Language> = fallbacks.iter().map(|tag| lang(tag)).collect();
        let mut expected = expected;
        expected.sort_unstable();
        let found = store
            .categories_with_articles(&lang(language), &fallbacks)
            .await
            .expect("categories with articles");
        assert_eq!(found, expected, "{language} {fallbacks:?}");
        // The same through `terms`, with or without the categories themselves.
        for all_categories in [true, false] {
            let terms = store
                .terms(&TermIds {
                    all_categories,
                    categories_with_articles: Some(ListLanguages {
                        language: lang(language),
                        fallbacks: fallbacks.clone(),
                    }),
                    ..TermIds::default()
                })
                .await
                .expect("terms");
            assert_eq!(terms.categories_with_articles, expected, "{language}");
            assert_eq!(terms.categories.len(), if all_categories { 7 } else { 0 });
        }
        // The same as asking each category's list.
        for category in all {
            let filter = ArticleFilter {
                category: Some(category),
                fallbacks: fallbacks.clone(),
                ..ArticleFilter::in_language(lang(language))
            };
            let total = store
                .list_articles(&filter, PageRequest::first(1))
                .await
                .expect("list")
                .total;
            assert_eq!(
                total > 0,
                found.contains(&category),
                "{language} {fallbacks:?} {category:?}"
            );
        }
    }
}

/// Every content write raises the revision, reads leave it alone, and jobs do not count.
pub async fn content_revision_moves_with_content_but_not_with_jobs(store: Arc<dyn Store>) {
    let start = store.content_revision().await.expect("revision");
    let seed = seed(&*store).await;
    let after_seed = store.content_revision().await.expect("revision");
    assert!(after_seed > start, "creating sources and terms raises it");
    let id = store
        .create_article(article(&seed, "Tin", "2026-06-01T00:00:00Z"))
        .await
        .expect("create");
    let after_article = store.content_revision().await.expect("revision");
    assert!(after_article > after_seed);
    store
        .save_version(VersionDraft {
            article: id,
            language: lang("en"),
            title: "News".to_owned(),
            lead: "Lead".to_owned(),
            body: "<p>Body</p>".to_owned(),
            origin: Origin::Human,
            provenance: None,
            state: EditorialState::Published,
        })
        .await
        .expect("save");
    let after_version = store.content_revision().await.expect("revision");
    assert!(after_version > after_article, "a new version raises it");
    let _ = store.version(id, &lang("en")).await.expect("read");
    let _ = store
        .list_articles(
            &ArticleFilter::in_language(lang("en")),
            PageRequest::first(5),
        )
        .await
        .expect("list");
    assert_eq!(
        store.content_revision().await.expect("revision"),
        after_version,
        "reads do not"
    );
    store
        .enqueue(
            Job::Reindex {
                language: lang("en"),
            },
            at("2026-06-01T00:00:00Z"),
        )
        .await
        .expect("enqueue");
    assert_eq!(
        store.content_revision().await.expect("revision"),
        after_version,
        "jobs do not"
    );
    store
        .rename_term(
            TermKind::Category,
            seed.category.get(),
            &lang("vi"),
            "Tin mới",
        )
        .await
        .expect("rename");
    assert!(store.content_revision().await.expect("revision") > after_version);
}

/// Attaching media appends it to the article's list once; a lead attach fills only an empty
/// lead image; each change raises the content revision and a repeat changes nothing.
pub async fn attaching_media_adds_it_once_and_sets_a_missing_lead_image(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let picture = |key: &str| NewMedia {
        key: key.to_owned(),
        kind: MediaKind::Image {
            path: format!("ingest/{key}/original.jpg"),
            mime: "image/jpeg".to_owned(),
            width: 1200,
            height: 800,
            variants: Vec::new(),
        },
        alt: texts(&[("vi", "Cầu Hòa Mỹ")]),
        caption: Localized::new(),
        credit: texts(&[("vi", "Ảnh: Báo Sông Hồng")]),
        rights: None,
    };
    let first = store
        .create_media(picture("remote-1"))
        .await
        .expect("media");
    let second = store
        .create_media(picture("remote-2"))
        .await
        .expect("media");
    let id = store
        .create_article(article(&seed, "Cầu mới thông xe", "2026-11-23T03:30:00Z"))
        .await
        .expect("create");
    let read = |id| {
        let store = Arc::clone(&store);
        async move {
            let a = store.article(id).await.expect("read").expect("the article");
            (a.lead_image, a.media)
        }
    };

    let before = store.content_revision().await.expect("revision");
    store
        .attach_media(id, first.id, true)
        .await
        .expect("attach");
    assert_eq!(read(id).await, (Some(first.id), vec![first.id]));
    let after_first = store.content_revision().await.expect("revision");
    assert!(
        after_first > before,
        "readers see the picture: the revision moves"
    );

    store
        .attach_media(id, first.id, true)
        .await
        .expect("attach again");
    assert_eq!(read(id).await, (Some(first.id), vec![first.id]));
    assert_eq!(
        store.content_revision().await.expect("revision"),
        after_first,
        "attaching twice changes nothing"
    );

    store
        .attach_media(id, second.id, true)
        .await
        .expect("attach");
    assert_eq!(
        read(id).await,
        (Some(first.id), vec![first.id, second.id]),
        "a lead image already set stays"
    );
    assert!(store.content_revision().await.expect("revision") > after_first);
    let (stored, _) = store
        .article_with_versions(id)
        .await
        .expect("read")
        .expect("the article");
    assert_eq!(stored.media, [first.id, second.id]);

    // Already in the list, not yet the lead: a lead attach sets the lead and adds nothing.
    let mut other = article(&seed, "Lễ hội", "2026-11-25T11:00:00Z");
    other.media = vec![second.id];
    let other = store.create_article(other).await.expect("create");
    store
        .attach_media(other, second.id, true)
        .await
        .expect("attach");
    assert_eq!(read(other).await, (Some(second.id), vec![second.id]));
    store
        .attach_media(other, first.id, false)
        .await
        .expect("attach");
    assert_eq!(
        read(other).await,
        (Some(second.id), vec![second.id, first.id])
    );

    let missing_article = store
        .attach_media(ArticleId::new(id.get() + 1000), first.id, true)
        .await;
    assert!(
        matches!(missing_article, Err(StoreError::NotFound(_))),
        "{missing_article:?}"
    );
    let missing_media = store
        .attach_media(id, MediaId::new(second.id.get() + 1000), false)
        .await;
    assert!(
        matches!(missing_media, Err(StoreError::NotFound(_))),
        "{missing_media:?}"
    );
    assert_eq!(read(id).await, (Some(first.id), vec![first.id, second.id]));
}

/// Comments list oldest first, in one language or all, in the states asked; moderation
/// moves them between states.
pub async fn comments_filter_by_language_and_status(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let id = store
        .create_article(article(&seed, "Bình luận", "2026-07-01T00:00:00Z"))
        .await
        .expect("create");
    let other = store
        .create_article(article(&seed, "Khác", "2026-07-01T00:00:00Z"))
        .await
        .expect("create");
    let add = |language: &'static str,
               body: &'static str,
               status: CommentStatus,
               parent: Option<herald_domain::CommentId>,
               article: ArticleId| {
        let store = Arc::clone(&store);
        async move {
            store
                .add_comment(NewComment {
                    article,
                    language: lang(language),
                    author_name: "  Lan  Anh ".to_owned(),
                    body: body.to_owned(),
                    status,
                    parent,
                    address: None,
                })
                .await
                .expect("add comment")
        }
    };
    let c1 = add(
        "vi",
        "Hay quá!\r\nCảm ơn.",
        CommentStatus::Approved,
        None,
        id,
    )
    .await;
    let c2 = add("en", "Great", CommentStatus::Pending, None, id).await;
    let c3 = add("vi", "Spam?", CommentStatus::Pending, None, id).await;
    let c4 = add("vi", "Đồng ý", CommentStatus::Approved, Some(c1.id), id).await;
    add("vi", "Elsewhere", CommentStatus::Approved, None, other).await;
    assert_eq!(c1.author_name, "Lan Anh");
    assert_eq!(c1.body, "Hay quá!\nCảm ơn.");
    assert_eq!(c4.parent, Some(c1.id));

    let ids = |comments: Vec<herald_domain::Comment>| {
        comments.into_iter().map(|c| c.id).collect::<Vec<_>>()
    };
    let vi = lang("vi");
    let approved = store
        .list_comments(id, Some(&vi), &[CommentStatus::Approved])
        .await
        .expect("list");
    assert_eq!(approved, [c1.clone(), c4.clone()]);
    assert_eq!(
        ids(store
            .list_comments(id, None, &[CommentStatus::Pending])
            .await
            .expect("list")),
        [c2.id, c3.id]
    );
    assert_eq!(
        ids(store
            .list_comments(
                id,
                Some(&vi),
                &[CommentStatus::Pending, CommentStatus::Approved]
            )
            .await
            .expect("list")),
        [c1.id, c3.id, c4.id]
    );
    assert_eq!(
        store.list_comments(id, Some(&vi), &[]).await.expect("list"),
        []
    );

    store
        .set_comment_status(c3.id, CommentStatus::Spam)
        .await
        .expect("moderate");
    store
        .set_comment_status(c2.id, CommentStatus::Approved)
        .await
        .expect("moderate");
    assert_eq!(
        ids(store
            .list_comments(id, None, &[CommentStatus::Approved])
            .await
            .expect("list")),
        [c1.id, c2.id, c4.id]
    );
    assert_eq!(
        ids(store
            .list_comments(id, None, &[CommentStatus::Spam])
            .await
            .expect("list")),
        [c3.id]
    );
}

/// Posts a comment on `article` from `address`, in `tag`, in `status`.
async fn post_comment(
    store: &dyn Store,
    article: ArticleId,
    tag: &str,
    status: CommentStatus,
    address: Option<&str>,
) -> herald_domain::Comment {
    store
        .add_comment(NewComment {
            article,
            language: lang(tag),
            author_name: "Minh".to_owned(),
            body: format!("A comment in {tag}."),
            status,
            parent: None,
            address: address.map(str::to_owned),
        })
        .await
        .expect("add comment")
}

/// One comment reads back as it was stored, its address with it; an unknown id is none.
pub async fn a_comment_is_read_back_by_id_with_its_address(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let id = store
        .create_article(article(&seed, "Bình luận", "2026-07-01T00:00:00Z"))
        .await
        .expect("create");
    let posted = post_comment(&*store, id, "vi", CommentStatus::Pending, Some("a1b2")).await;
    assert_eq!(posted.address.as_deref(), Some("a1b2"));
    let read = store.comment(posted.id).await.expect("read");
    assert_eq!(read.as_ref(), Some(&posted));
    let listed = store
        .list_comments(id, None, &[CommentStatus::Pending])
        .await
        .expect("list");
    assert_eq!(listed, std::slice::from_ref(&posted));
    let anonymous = post_comment(&*store, id, "vi", CommentStatus::Pending, None).await;
    assert_eq!(
        store
            .comment(anonymous.id)
            .await
            .expect("read")
            .and_then(|c| c.address),
        None
    );
    let unknown = herald_domain::CommentId::new(anonymous.id.get() + 1000);
    assert_eq!(store.comment(unknown).await.expect("read"), None);
}

/// The moderation queue holds every article's comments in the states asked, newest first, a
/// page at a time, with the size of the whole queue.
pub async fn the_moderation_queue_lists_the_states_asked_newest_first_by_pages(
    store: Arc<dyn Store>,
) {
    let seed = seed(&*store).await;
    let one = store
        .create_article(article(&seed, "Một", "2026-07-01T00:00:00Z"))
        .await
        .expect("create");
    let two = store
        .create_article(article(&seed, "Hai", "2026-07-02T00:00:00Z"))
        .await
        .expect("create");
    let mut pending = Vec::new();
    for (n, article) in [one, two, one, two, one].into_iter().enumerate() {
        let tag = if n % 2 == 0 { "vi" } else { "en" };
        pending.push(post_comment(&*store, article, tag, CommentStatus::Pending, None).await);
    }
    let approved = post_comment(&*store, two, "vi", CommentStatus::Approved, None).await;
    let spam = post_comment(&*store, one, "vi", CommentStatus::Spam, None).await;
    let ids = |page: &crate::Paged<herald_domain::Comment>| {
        page.items.iter().map(|c| c.id).collect::<Vec<_>>()
    };
    let newest_first: Vec<_> = pending.iter().rev().map(|c| c.id).collect();

    let first = store
        .comments_for_moderation(&[CommentStatus::Pending], PageRequest::first(2))
        .await
        .expect("queue");
    assert_eq!(ids(&first), newest_first[..2]);
    assert_eq!((first.total, first.pages()), (5, 3));
    let last = store
        .comments_for_moderation(
            &[CommentStatus::Pending],
            PageRequest { number: 3, size: 2 },
        )
        .await
        .expect("queue");
    assert_eq!(ids(&last), newest_first[4..]);
    assert_eq!(last.items[0], pending[0]);

    let both = store
        .comments_for_moderation(
            &[CommentStatus::Approved, CommentStatus::Spam],
            PageRequest::first(10),
        )
        .await
        .expect("queue");
    assert_eq!(ids(&both), [spam.id, approved.id]);
    assert_eq!(both.total, 2);
    let none = store
        .comments_for_moderation(&[], PageRequest::first(10))
        .await
        .expect("queue");
    assert_eq!((none.items.len(), none.total), (0, 0));
}

/// Counts are of approved comments only, per article asked, in one language or in all; an
/// article without any is left out.
pub async fn comment_counts_are_approved_comments_per_article_in_one_language_or_all(
    store: Arc<dyn Store>,
) {
    let seed = seed(&*store).await;
    let mut ids = Vec::new();
    for title in ["Một", "Hai", "Ba"] {
        ids.push(
            store
                .create_article(article(&seed, title, "2026-07-01T00:00:00Z"))
                .await
                .expect("create"),
        );
    }
    let (one, two, three) = (ids[0], ids[1], ids[2]);
    for (article, tag, status) in [
        (one, "vi", CommentStatus::Approved),
        (one, "vi", CommentStatus::Approved),
        (one, "en", CommentStatus::Approved),
        (one, "vi", CommentStatus::Pending),
        (one, "vi", CommentStatus::Spam),
        (two, "en", CommentStatus::Approved),
        (two, "vi", CommentStatus::Deleted),
        (three, "vi", CommentStatus::Pending),
    ] {
        post_comment(&*store, article, tag, status, None).await;
    }
    let all = store.comment_counts(&ids, None).await.expect("counts");
    assert_eq!(all, HashMap::from([(one, 3), (two, 1)]));
    let vi = store
        .comment_counts(&ids, Some(&lang("vi")))
        .await
        .expect("counts");
    assert_eq!(vi, HashMap::from([(one, 2)]));
    let only_two = store.comment_counts(&[two], None).await.expect("counts");
    assert_eq!(only_two, HashMap::from([(two, 1)]));
    assert!(
        store
            .comment_counts(&[], None)
            .await
            .expect("counts")
            .is_empty()
    );
}

/// The rate limit's count: an address's comments in any state since an instant, and no one
/// else's.
pub async fn comments_from_an_address_are_counted_since_an_instant(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let id = store
        .create_article(article(&seed, "Bình luận", "2026-07-01T00:00:00Z"))
        .await
        .expect("create");
    let first = post_comment(&*store, id, "vi", CommentStatus::Pending, Some("aaa")).await;
    post_comment(&*store, id, "en", CommentStatus::Spam, Some("aaa")).await;
    post_comment(&*store, id, "vi", CommentStatus::Approved, Some("bbb")).await;
    post_comment(&*store, id, "vi", CommentStatus::Approved, None).await;
    let since = later(first.created_at, -60);
    assert_eq!(
        store
            .comments_from_address("aaa", since)
            .await
            .expect("count"),
        2
    );
    assert_eq!(
        store
            .comments_from_address("bbb", since)
            .await
            .expect("count"),
        1
    );
    assert_eq!(
        store
            .comments_from_address("ccc", since)
            .await
            .expect("count"),
        0
    );
    let after = later(first.created_at, 3600);
    assert_eq!(
        store
            .comments_from_address("aaa", after)
            .await
            .expect("count"),
        0
    );
}

/// A ban refuses the address from then on and turns its pending comments (only those, only
/// its own) into spam; lifting it says whether there was one.
pub async fn banning_an_address_marks_its_pending_comments_spam_until_it_is_lifted(
    store: Arc<dyn Store>,
) {
    let seed = seed(&*store).await;
    let id = store
        .create_article(article(&seed, "Bình luận", "2026-07-01T00:00:00Z"))
        .await
        .expect("create");
    let pending = post_comment(&*store, id, "vi", CommentStatus::Pending, Some("bad")).await;
    let approved = post_comment(&*store, id, "vi", CommentStatus::Approved, Some("bad")).await;
    let other = post_comment(&*store, id, "vi", CommentStatus::Pending, Some("good")).await;
    assert!(!store.is_address_banned("bad").await.expect("banned?"));

    store
        .ban_address(crate::AddressBan {
            address: "bad".to_owned(),
            reason: "Quảng cáo".to_owned(),
            by: None,
            at: at("2026-07-02T00:00:00Z"),
        })
        .await
        .expect("ban");
    assert!(store.is_address_banned("bad").await.expect("banned?"));
    assert!(!store.is_address_banned("good").await.expect("banned?"));
    let status = |id| {
        let store = Arc::clone(&store);
        async move {
            store
                .comment(id)
                .await
                .expect("read")
                .expect("found")
                .status
        }
    };
    assert_eq!(status(pending.id).await, CommentStatus::Spam);
    assert_eq!(status(approved.id).await, CommentStatus::Approved);
    assert_eq!(status(other.id).await, CommentStatus::Pending);

    assert!(store.unban_address("bad").await.expect("unban"));
    assert!(!store.is_address_banned("bad").await.expect("banned?"));
    assert!(!store.unban_address("bad").await.expect("unban"));
    assert_eq!(status(pending.id).await, CommentStatus::Spam);
}

/// Bans list the newest first; banning an address again replaces its reason, author and time
/// rather than adding a second ban.
pub async fn bans_list_newest_first_and_banning_again_replaces_the_reason(store: Arc<dyn Store>) {
    let ban = |address: &str, reason: &str, by: Option<i64>, when: &str| crate::AddressBan {
        address: address.to_owned(),
        reason: reason.to_owned(),
        by: by.map(herald_domain::UserId::new),
        at: at(when),
    };
    assert!(store.list_address_bans().await.expect("bans").is_empty());
    let first = ban("aaa", "spam", None, "2026-07-01T00:00:00Z");
    let second = ban("bbb", "insults", Some(7), "2026-07-02T00:00:00Z");
    store.ban_address(first.clone()).await.expect("ban");
    store.ban_address(second.clone()).await.expect("ban");
    assert_eq!(
        store.list_address_bans().await.expect("bans"),
        [second.clone(), first]
    );
    let again = ban("aaa", "  more   spam ", Some(9), "2026-07-03T00:00:00Z");
    store.ban_address(again).await.expect("ban");
    assert_eq!(
        store.list_address_bans().await.expect("bans"),
        [
            ban("aaa", "more spam", Some(9), "2026-07-03T00:00:00Z"),
            second
        ]
    );
}

/// Approved comments are content: approving one, or taking it back, raises the content
/// revision, as does posting one approved at once. Readers never see pending or spam comments,
/// so posting one, or marking a pending one spam, leaves the revision (and every cached page)
/// where it was — a flood of posts cannot empty the page cache. Bans are not content either.
pub async fn approved_comments_raise_content_revision_but_pending_ones_and_bans_do_not(
    store: Arc<dyn Store>,
) {
    let seed = seed(&*store).await;
    let id = store
        .create_article(article(&seed, "Bình luận", "2026-07-01T00:00:00Z"))
        .await
        .expect("create");
    let before = store.content_revision().await.expect("revision");
    let posted = post_comment(&*store, id, "vi", CommentStatus::Pending, Some("x")).await;
    let spam = post_comment(&*store, id, "vi", CommentStatus::Pending, Some("y")).await;
    store
        .set_comment_status(spam.id, CommentStatus::Spam)
        .await
        .expect("spam");
    let posted_at = store.content_revision().await.expect("revision");
    assert_eq!(
        posted_at, before,
        "pending and spam comments are not content"
    );
    store
        .set_comment_status(posted.id, CommentStatus::Approved)
        .await
        .expect("moderate");
    let approved_at = store.content_revision().await.expect("revision");
    assert!(approved_at > posted_at);
    post_comment(&*store, id, "vi", CommentStatus::Approved, Some("z")).await;
    let auto_approved_at = store.content_revision().await.expect("revision");
    assert!(auto_approved_at > approved_at);
    store
        .set_comment_status(posted.id, CommentStatus::Deleted)
        .await
        .expect("reject");
    let approved_at = store.content_revision().await.expect("revision");
    assert!(
        approved_at > auto_approved_at,
        "taking an approved comment back is seen"
    );
    store
        .ban_address(crate::AddressBan {
            address: "nobody".to_owned(),
            reason: String::new(),
            by: None,
            at: at("2026-07-02T00:00:00Z"),
        })
        .await
        .expect("ban");
    store.unban_address("nobody").await.expect("unban");
    assert_eq!(
        store.content_revision().await.expect("revision"),
        approved_at
    );
}

/// Enqueuing work that is already queued returns the queued job; once it runs, the same work
/// may be queued again.
pub async fn enqueue_dedupes_queued_work(store: Arc<dyn Store>) {
    let now = at("2026-08-01T00:00:00Z");
    let first = store
        .enqueue(translate(7, "fa"), now)
        .await
        .expect("enqueue");
    let again = store
        .enqueue(translate(7, "fa"), later(now, 3600))
        .await
        .expect("enqueue again");
    assert_eq!(again, first);
    let other = store
        .enqueue(translate(7, "vi"), now)
        .await
        .expect("enqueue");
    assert_ne!(other, first);
    assert_eq!(
        store.job_counts().await.expect("counts"),
        JobCounts {
            queued: 2,
            ..JobCounts::default()
        }
    );
    let record = store
        .job(first)
        .await
        .expect("read job")
        .expect("job exists");
    assert_eq!(record.job, translate(7, "fa"));
    assert_eq!(record.state, JobState::Queued);
    assert_eq!(record.run_at, now);
    assert_eq!(record.attempts, 0);
    assert_eq!(record.worker, None);
    assert_eq!(
        store
            .job(JobId::new(first.get() + 1000))
            .await
            .expect("read"),
        None
    );

    let claimed = store
        .claim_job("w1", now, LEASE, &[])
        .await
        .expect("claim")
        .expect("a job is due");
    assert_eq!(claimed.id, first);
    let requeued = store
        .enqueue(translate(7, "fa"), now)
        .await
        .expect("enqueue while running");
    assert_ne!(requeued, first);
    assert_eq!(
        store.job_counts().await.expect("counts"),
        JobCounts {
            queued: 2,
            running: 1,
            ..JobCounts::default()
        }
    );
}

/// A worker claims only the kinds of job it runs; other due work waits for its own workers.
pub async fn claims_only_jobs_of_the_kinds_asked(store: Arc<dyn Store>) {
    let now = at("2026-08-01T12:00:00Z");
    let translation = store
        .enqueue(translate(1, "en"), later(now, -60))
        .await
        .expect("enqueue");
    let fetch = store
        .enqueue(
            Job::Fetch {
                source: SourceId::new(1),
            },
            now,
        )
        .await
        .expect("enqueue");
    let claimed = store
        .claim_job("fetcher", now, LEASE, &["fetch", "fetch_page"])
        .await
        .expect("claim")
        .expect("the fetch is due");
    assert_eq!(claimed.id, fetch);
    assert_eq!(
        store
            .claim_job("fetcher", now, LEASE, &["fetch", "fetch_page"])
            .await
            .expect("claim"),
        None,
        "the translation is left for a worker that translates"
    );
    let any = store
        .claim_job("anyone", now, LEASE, &[])
        .await
        .expect("claim")
        .expect("the translation is due");
    assert_eq!(any.id, translation);
}

/// A claim takes the due job with the earliest `run_at`, under a lease, counting an attempt;
/// jobs not yet due wait.
pub async fn claims_due_jobs_oldest_first(store: Arc<dyn Store>) {
    let now = at("2026-08-01T12:00:00Z");
    let future = store
        .enqueue(translate(1, "en"), later(now, 600))
        .await
        .expect("enqueue");
    let due = store
        .enqueue(translate(2, "en"), now)
        .await
        .expect("enqueue");
    let overdue = store
        .enqueue(translate(3, "en"), later(now, -60))
        .await
        .expect("enqueue");

    let first = store
        .claim_job("w1", now, LEASE, &[])
        .await
        .expect("claim")
        .expect("a job is due");
    assert_eq!(first.id, overdue);
    assert_eq!(first.job, translate(3, "en"));
    assert_eq!(first.state, JobState::Running);
    assert_eq!(first.attempts, 1);
    assert_eq!(first.max_attempts, 5);
    assert_eq!(first.worker.as_deref(), Some("w1"));
    assert_eq!(first.lease_until, Some(later(now, 30)));
    assert_eq!(store.job(overdue).await.expect("read"), Some(first.clone()));

    let second = store
        .claim_job("w2", now, LEASE, &[])
        .await
        .expect("claim")
        .expect("a job is due");
    assert_eq!(second.id, due);
    assert_eq!(
        store.claim_job("w3", now, LEASE, &[]).await.expect("claim"),
        None
    );
    store.complete_job(overdue, "w1").await.expect("complete");
    store.complete_job(due, "w2").await.expect("complete");
    let third = store
        .claim_job("w3", later(now, 600), LEASE, &[])
        .await
        .expect("claim")
        .expect("the later job is due");
    assert_eq!(third.id, future);
}

/// Eight workers claiming at once over fifty jobs: each job is claimed exactly once.
pub async fn claims_jobs_once_under_concurrency(store: Arc<dyn Store>) {
    let now = at("2026-08-02T00:00:00Z");
    let mut enqueued = BTreeSet::new();
    for n in 0..50 {
        let job = Job::Fetch {
            source: SourceId::new(n),
        };
        enqueued.insert(store.enqueue(job, now).await.expect("enqueue"));
    }
    let mut workers = Vec::new();
    for w in 0..8 {
        let store = Arc::clone(&store);
        workers.push(tokio::spawn(async move {
            let name = format!("worker-{w}");
            let mut claimed = Vec::new();
            while let Some(record) = store
                .claim_job(&name, now, Duration::from_secs(300), &[])
                .await
                .expect("claim")
            {
                assert_eq!(record.worker.as_deref(), Some(name.as_str()));
                store
                    .complete_job(record.id, &name)
                    .await
                    .expect("complete the claimed job");
                claimed.push(record.id);
            }
            claimed
        }));
    }
    let mut all = Vec::new();
    for worker in workers {
        all.extend(worker.await.expect("worker task"));
    }
    let distinct: BTreeSet<JobId> = all.iter().copied().collect();
    assert_eq!(all.len(), 50, "claims: {all:?}");
    assert_eq!(distinct, enqueued);
    assert_eq!(
        store.job_counts().await.expect("counts"),
        JobCounts {
            done: 50,
            ..JobCounts::default()
        }
    );
}

/// A running job whose lease ran out (its worker died) is claimed again, counting another
/// attempt; the first worker no longer holds it.
pub async fn reclaims_jobs_whose_lease_expired(store: Arc<dyn Store>) {
    let now = at("2026-08-03T00:00:00Z");
    let id = store
        .enqueue(translate(5, "fa"), now)
        .await
        .expect("enqueue");
    store
        .claim_job("w1", now, LEASE, &[])
        .await
        .expect("claim")
        .expect("due");
    assert_eq!(
        store
            .claim_job("w2", later(now, 10), LEASE, &[])
            .await
            .expect("claim"),
        None,
        "the lease still holds"
    );
    let again = store
        .claim_job("w2", later(now, 31), LEASE, &[])
        .await
        .expect("claim")
        .expect("the expired job is claimed again");
    assert_eq!(again.id, id);
    assert_eq!(again.attempts, 2);
    assert_eq!(again.worker.as_deref(), Some("w2"));
    assert_eq!(again.lease_until, Some(later(now, 61)));
    let stale = store.complete_job(id, "w1").await;
    assert!(
        matches!(stale, Err(StoreError::NotFound(_))),
        "the first worker completes: {stale:?}"
    );
    store.complete_job(id, "w2").await.expect("complete");
}

/// A job whose worker keeps dying is failed after its last attempt instead of being claimed
/// forever.
pub async fn fails_jobs_abandoned_on_their_last_attempt(store: Arc<dyn Store>) {
    let mut now = at("2026-08-04T00:00:00Z");
    let id = store
        .enqueue(translate(6, "ar"), now)
        .await
        .expect("enqueue");
    for attempt in 1..=5 {
        let record = store
            .claim_job("crashy", now, LEASE, &[])
            .await
            .expect("claim")
            .expect("the job is claimed again");
        assert_eq!(record.attempts, attempt);
        now = later(now, 31);
    }
    assert_eq!(
        store
            .claim_job("crashy", now, LEASE, &[])
            .await
            .expect("claim"),
        None
    );
    let record = store.job(id).await.expect("read").expect("exists");
    assert_eq!(record.state, JobState::Failed);
    assert_eq!(record.attempts, 5);
    assert_eq!(record.worker, None);
    assert!(record.last_error.is_some());
}

/// A failure queues the job again at `retry_at` until its attempts are used up; without
/// `retry_at` it fails at once.
pub async fn retries_then_fails_jobs(store: Arc<dyn Store>) {
    let mut now = at("2026-08-05T00:00:00Z");
    let id = store
        .enqueue(translate(8, "zh-Hans"), now)
        .await
        .expect("enqueue");
    for attempt in 1..=5_u32 {
        let record = store
            .claim_job("w", now, LEASE, &[])
            .await
            .expect("claim")
            .expect("due");
        assert_eq!((record.id, record.attempts), (id, attempt));
        let retry_at = later(now, 60);
        store
            .fail_job(
                id,
                "w",
                &format!("engine timed out ({attempt})"),
                Some(retry_at),
            )
            .await
            .expect("fail");
        let record = store.job(id).await.expect("read").expect("exists");
        assert_eq!(
            record.last_error.as_deref(),
            Some(format!("engine timed out ({attempt})").as_str())
        );
        assert_eq!(record.lease_until, None);
        assert_eq!(record.worker, None);
        if attempt < 5 {
            assert_eq!(record.state, JobState::Queued, "after attempt {attempt}");
            assert_eq!(record.run_at, retry_at);
            assert_eq!(
                store
                    .claim_job("w", later(now, 59), LEASE, &[])
                    .await
                    .expect("claim"),
                None,
                "not before retry_at"
            );
        } else {
            assert_eq!(record.state, JobState::Failed, "after the last attempt");
        }
        now = retry_at;
    }

    let once = store
        .enqueue(translate(9, "fa"), now)
        .await
        .expect("enqueue");
    store
        .claim_job("w", now, LEASE, &[])
        .await
        .expect("claim")
        .expect("due");
    store
        .fail_job(once, "w", "source article is gone", None)
        .await
        .expect("fail");
    let record = store.job(once).await.expect("read").expect("exists");
    assert_eq!(record.state, JobState::Failed);
    assert_eq!(record.attempts, 1);
    assert_eq!(
        store.job_counts().await.expect("counts"),
        JobCounts {
            failed: 2,
            ..JobCounts::default()
        }
    );
    // Per kind, and the failures themselves with their reasons, the latest first.
    assert_eq!(
        store.job_counts_of_kind("translate").await.expect("counts"),
        JobCounts {
            failed: 2,
            ..JobCounts::default()
        }
    );
    assert_eq!(
        store.job_counts_of_kind("fetch").await.expect("counts"),
        JobCounts::default()
    );
    let failed = store.failed_jobs("translate", 10).await.expect("failed");
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0].id, once);
    assert_eq!(
        failed[0].last_error.as_deref(),
        Some("source article is gone")
    );
    assert_eq!(
        store
            .failed_jobs("translate", 1)
            .await
            .expect("failed")
            .len(),
        1
    );
    assert!(
        store
            .failed_jobs("fetch", 10)
            .await
            .expect("failed")
            .is_empty()
    );
}

/// A failed job is not queued again beside a twin enqueued while it ran: the twin does the
/// work, and the failed one stays failed.
pub async fn a_retry_defers_to_the_same_work_queued_meanwhile(store: Arc<dyn Store>) {
    let now = at("2026-08-05T12:00:00Z");
    let id = store
        .enqueue(translate(10, "fa"), now)
        .await
        .expect("enqueue");
    store
        .claim_job("w", now, LEASE, &[])
        .await
        .expect("claim")
        .expect("due");
    let twin = store
        .enqueue(translate(10, "fa"), later(now, 5))
        .await
        .expect("enqueue the same work while it runs");
    assert_ne!(twin, id);
    store
        .fail_job(id, "w", "engine crashed", Some(later(now, 60)))
        .await
        .expect("fail");
    let record = store.job(id).await.expect("read").expect("exists");
    assert_eq!(record.state, JobState::Failed);
    assert_eq!(record.last_error.as_deref(), Some("engine crashed"));
    assert_eq!(
        store.job_counts().await.expect("counts"),
        JobCounts {
            queued: 1,
            failed: 1,
            ..JobCounts::default()
        }
    );
    assert_eq!(
        store
            .enqueue(translate(10, "fa"), now)
            .await
            .expect("enqueue again"),
        twin
    );
}

/// Only the worker holding a job's lease completes or fails it, once.
pub async fn only_the_lease_holder_completes_a_job(store: Arc<dyn Store>) {
    let now = at("2026-08-06T00:00:00Z");
    let id = store
        .enqueue(
            Job::Reindex {
                language: lang("fa"),
            },
            now,
        )
        .await
        .expect("enqueue");
    let queued = store.complete_job(id, "w1").await;
    assert!(
        matches!(queued, Err(StoreError::NotFound(_))),
        "completing a queued job: {queued:?}"
    );
    store
        .claim_job("w1", now, LEASE, &[])
        .await
        .expect("claim")
        .expect("due");
    for result in [
        store.complete_job(id, "w2").await,
        store.fail_job(id, "w2", "not mine", None).await,
    ] {
        assert!(
            matches!(result, Err(StoreError::NotFound(_))),
            "another worker: {result:?}"
        );
    }
    store.complete_job(id, "w1").await.expect("complete");
    let record = store.job(id).await.expect("read").expect("exists");
    assert_eq!(record.state, JobState::Done);
    assert_eq!(record.lease_until, None);
    let twice = store.complete_job(id, "w1").await;
    assert!(
        matches!(twice, Err(StoreError::NotFound(_))),
        "completing twice: {twice:?}"
    );
    assert_eq!(
        store.job_counts().await.expect("counts"),
        JobCounts {
            done: 1,
            ..JobCounts::default()
        }
    );
}

/// Text is stored normalised (NFC, no bidi overrides), with Persian ZWNJ kept.
pub async fn keeps_zwnj_and_vietnamese_text_intact(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let conclusion = format!("نتیجه{ZWNJ}گیری نشست هانوی");
    let mut persian = article(&seed, &conclusion, "2026-10-01T00:00:00Z");
    persian.original.language = lang("fa");
    persian.original.lead = format!("می{ZWNJ}خواهیم\u{202E} بدانیم");
    persian.original.body = format!("<p>کتاب{ZWNJ}ها</p>");
    let id = store.create_article(persian).await.expect("create");
    let version = store
        .version(id, &lang("fa"))
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(version.title, conclusion);
    assert_eq!(version.lead, format!("می{ZWNJ}خواهیم بدانیم"));
    assert_eq!(version.body, format!("<p>کتاب{ZWNJ}ها</p>"));
    assert_eq!(version.slug.as_str(), "نتیجه-گیری-نشست-هانوی");

    // "Hội nghị Huế", decomposed as some keyboards and PDFs produce it.
    let decomposed = "Ho\u{0302}\u{0323}i nghi\u{0323} Hue\u{0302}\u{0301}";
    let id = store
        .create_article(article(&seed, decomposed, "2026-10-02T00:00:00Z"))
        .await
        .expect("create");
    let version = store
        .version(id, &lang("vi"))
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(version.title, "Hội nghị Huế");
    assert_eq!(version.slug.as_str(), "hoi-nghi-hue");
    let card = store
        .list_articles(
            &ArticleFilter::in_language(lang("vi")),
            PageRequest::first(1),
        )
        .await
        .expect("list")
        .items
        .pop()
        .expect("one card");
    assert_eq!(card.title, "Hội nghị Huế");

    let place = store
        .create_place(NewPlace {
            term: NewTerm {
                key: "hue".to_owned(),
                names: texts(&[("vi", "Hue\u{0302}\u{0301}"), ("fa", "هوئه")]),
                descriptions: texts(&[("vi", "Cố đô\u{0000} của Việt Nam")]),
            },
            kind: PlaceKind::City,
            parent: None,
        })
        .await
        .expect("place");
    let stored = store
        .places(&[place.id])
        .await
        .expect("read")
        .pop()
        .expect("exists");
    let vi = stored.names.get(&lang("vi")).expect("vi name");
    assert_eq!(vi.name, "Huế");
    assert_eq!(vi.slug.as_str(), "hue");
    assert_eq!(vi.description.as_deref(), Some("Cố đô của Việt Nam"));
    assert_eq!(stored, place);
}

// --- ingestion ---

/// Near duplicates as the checks use them: three bits, a day either way.
const NEAR: NearDuplicates = NearDuplicates {
    max_distance: 3,
    window: Duration::from_secs(24 * 3600),
};

/// A content hash as `herald_ingest` writes them (64 hex digits), made from a number.
fn content_hash(n: u64) -> String {
    format!("{n:064x}")
}

fn ingested(new: NewArticle, hash: u64, simhash: u64) -> IngestedArticle {
    IngestedArticle {
        article: new,
        content_hash: content_hash(hash),
        simhash,
        partial: false,
    }
}

/// The id and story of a created article; panics on a duplicate.
fn created(outcome: IngestOutcome) -> (ArticleId, ArticleId) {
    match outcome {
        IngestOutcome::Created { id, story } => (id, story),
        IngestOutcome::Duplicate { id, of } => {
            panic!("expected a new article, got a duplicate of {id} by {of:?}")
        }
    }
}

async fn ingest(store: &dyn Store, item: IngestedArticle) -> IngestOutcome {
    store
        .ingest_article(item, NEAR)
        .await
        .expect("ingest an article")
}

async fn another_source(store: &dyn Store, key: &str) -> SourceId {
    store
        .create_source(new_source(key, &[("vi", key)]))
        .await
        .expect("create a source")
        .id
}

fn poll(at_text: &str, outcome: PollOutcome, next: &str) -> PollReport {
    PollReport {
        at: at(at_text),
        outcome,
        next_poll_at: at(next),
    }
}

fn failed(error: &str) -> PollOutcome {
    PollOutcome::Failed {
        error: error.to_owned(),
    }
}

/// A source's filing rules read back as set, per source; a source never given rules has the
/// default (no rule), and setting the default clears them.
pub async fn keeps_source_rules_and_defaults_to_none(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let other = another_source(&*store, "vov").await;
    assert_eq!(
        store.source_rules(seed.source).await.expect("rules"),
        IngestRules::default()
    );
    let rules = IngestRules {
        default_category: Some("thoi-su".to_owned()),
        rules: vec![
            IngestRule {
                url_path_prefix: Some("/kinh-te/".to_owned()),
                category: Some("kinh-te".to_owned()),
                ..IngestRule::default()
            },
            IngestRule {
                feed_category: Some("Thế giới".to_owned()),
                keywords: vec!["Hà Nội".to_owned(), format!("نتیجه{ZWNJ}گیری")],
                topics: vec!["apec".to_owned(), "trade".to_owned()],
                place: Some("hanoi".to_owned()),
                ..IngestRule::default()
            },
        ],
        ..IngestRules::default()
    };
    store
        .set_source_rules(seed.source, &rules)
        .await
        .expect("set rules");
    assert_eq!(store.source_rules(seed.source).await.expect("rules"), rules);
    assert_eq!(
        store.source_rules(other).await.expect("rules"),
        IngestRules::default(),
        "rules are per source"
    );
    let replaced = IngestRules {
        default_category: None,
        rules: vec![rules.rules[1].clone()],
        ..IngestRules::default()
    };
    store
        .set_source_rules(seed.source, &replaced)
        .await
        .expect("replace rules");
    assert_eq!(
        store.source_rules(seed.source).await.expect("rules"),
        replaced
    );
    store
        .set_source_rules(seed.source, &IngestRules::default())
        .await
        .expect("clear rules");
    assert_eq!(
        store.source_rules(seed.source).await.expect("rules"),
        IngestRules::default()
    );
}

/// Rules, pausing, polls and validators of a source that does not exist are `NotFound`
/// (and its health is `None`); nothing is written for it.
pub async fn ingestion_writes_about_unknown_sources_or_articles_are_not_found(
    store: Arc<dyn Store>,
) {
    let seed = seed(&*store).await;
    let nobody = SourceId::new(seed.source.get() + 1000);
    let feed = url("https://nobody.example/rss");
    let not_found = |what: &str, result: crate::Result<()>| {
        assert!(
            matches!(result, Err(StoreError::NotFound(_))),
            "{what}: {result:?}"
        );
    };
    not_found(
        "set rules",
        store
            .set_source_rules(nobody, &IngestRules::default())
            .await,
    );
    not_found("rules", store.source_rules(nobody).await.map(|_| ()));
    not_found("pause", store.set_source_paused(nobody, true).await);
    not_found(
        "record a poll",
        store
            .record_poll(
                nobody,
                poll(
                    "2026-05-01T00:00:00Z",
                    PollOutcome::Succeeded,
                    "2026-05-01T00:10:00Z",
                ),
            )
            .await
            .map(|_| ()),
    );
    not_found(
        "set validators",
        store
            .set_feed_validators(
                nobody,
                &feed,
                &FeedValidators {
                    etag: Some("\"x\"".to_owned()),
                    last_modified: None,
                },
            )
            .await,
    );
    assert_eq!(store.source_health(nobody).await.expect("health"), None);
    assert_eq!(
        store.feed_validators(nobody, &feed).await.expect("read"),
        FeedValidators::default()
    );
    assert_eq!(
        store
            .due_sources(at("2026-05-02T00:00:00Z"))
            .await
            .expect("due"),
        [seed.source],
        "no state was made for the unknown source"
    );

    let missing = ArticleId::new(4242);
    assert_eq!(store.article_is_partial(missing).await.expect("read"), None);
    assert_eq!(store.article_page(missing).await.expect("read"), None);
    assert_eq!(store.same_story(missing).await.expect("read"), []);
    not_found(
        "set partial",
        store.set_article_partial(missing, false).await,
    );
    not_found(
        "save a page",
        store
            .save_article_page(
                missing,
                StoredPage {
                    url: url("https://vna.example/a.html"),
                    final_url: url("https://vna.example/a.html"),
                    content_type: None,
                    body: b"<html></html>".to_vec(),
                    fetched_at: at("2026-05-01T00:00:00Z"),
                },
            )
            .await,
    );
}

/// A failed poll counts one more failure and keeps its error, readable and bounded; a
/// success resets the count and keeps the last error as history; both set the next poll.
/// What `record_poll` returns is what `source_health` then reads.
pub async fn records_polls_counting_failures_until_a_success(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let never = store
        .source_health(seed.source)
        .await
        .expect("health")
        .expect("the source exists");
    assert_eq!(never, SourceHealth::default());

    let first = store
        .record_poll(
            seed.source,
            poll(
                "2026-05-01T00:00:00Z",
                failed("connection refused"),
                "2026-05-01T00:05:00Z",
            ),
        )
        .await
        .expect("record");
    assert_eq!(
        first,
        SourceHealth {
            last_success_at: None,
            last_error_at: Some(at("2026-05-01T00:00:00Z")),
            last_error: Some("connection refused".to_owned()),
            consecutive_failures: 1,
            next_poll_at: Some(at("2026-05-01T00:05:00Z")),
            articles: 0,
            paused: false,
        }
    );
    let second = store
        .record_poll(
            seed.source,
            poll(
                "2026-05-01T00:05:00Z",
                failed("HTTP 503\n  Service Unavailable\u{0007}"),
                "2026-05-01T00:15:00Z",
            ),
        )
        .await
        .expect("record");
    assert_eq!(second.consecutive_failures, 2);
    assert_eq!(
        second.last_error.as_deref(),
        Some("HTTP 503 Service Unavailable")
    );
    assert_eq!(second.last_error_at, Some(at("2026-05-01T00:05:00Z")));
    assert_eq!(
        Some(second.clone()),
        store.source_health(seed.source).await.expect("health")
    );

    let success = store
        .record_poll(
            seed.source,
            poll(
                "2026-05-01T00:15:00Z",
                PollOutcome::Succeeded,
                "2026-05-01T00:25:00Z",
            ),
        )
        .await
        .expect("record");
    assert_eq!(
        success,
        SourceHealth {
            last_success_at: Some(at("2026-05-01T00:15:00Z")),
            consecutive_failures: 0,
            next_poll_at: Some(at("2026-05-01T00:25:00Z")),
            ..second
        },
        "a success resets the count and keeps the last error as history"
    );

    let long = format!("{}\n{}", "Máy chủ không phản hồi. ".repeat(40), "cuối");
    let bounded = store
        .record_poll(
            seed.source,
            poll(
                "2026-05-01T00:25:00Z",
                failed(&long),
                "2026-05-01T00:30:00Z",
            ),
        )
        .await
        .expect("record");
    assert_eq!(bounded.consecutive_failures, 1, "counted again from zero");
    assert_eq!(bounded.last_success_at, Some(at("2026-05-01T00:15:00Z")));
    let error = bounded.last_error.expect("an error is kept");
    assert!(error.chars().count() <= MAX_POLL_ERROR_CHARS, "{error}");
    assert!(
        error.starts_with("Máy chủ không phản hồi. Máy chủ"),
        "{error}"
    );
    assert!(error.ends_with('…'), "{error}");
    assert!(!error.contains('\n'), "{error}");
}

/// Due sources are those never polled, then the most overdue; a source whose next poll is
/// in the future waits.
pub async fn due_sources_are_the_most_overdue_first_and_never_the_future_ones(
    store: Arc<dyn Store>,
) {
    let seed = seed(&*store).await;
    let a = seed.source;
    let b = another_source(&*store, "b").await;
    let c = another_source(&*store, "c").await;
    let d = another_source(&*store, "d").await;
    let now = at("2026-05-01T12:00:00Z");
    assert_eq!(
        store.due_sources(now).await.expect("due"),
        [a, b, c, d],
        "never polled: all due, by id"
    );
    for (source, next) in [
        (a, "2026-05-01T11:50:00Z"),
        (b, "2026-05-01T11:00:00Z"),
        (c, "2026-05-01T13:00:00Z"),
    ] {
        store
            .record_poll(
                source,
                poll("2026-05-01T10:00:00Z", PollOutcome::Succeeded, next),
            )
            .await
            .expect("record");
    }
    assert_eq!(store.due_sources(now).await.expect("due"), [d, b, a]);
    assert_eq!(
        store
            .due_sources(at("2026-05-01T13:00:00Z"))
            .await
            .expect("due"),
        [d, b, a, c],
        "due at its next poll time"
    );
    assert_eq!(
        store
            .due_sources(at("2026-05-01T10:59:59Z"))
            .await
            .expect("due"),
        [d]
    );
}

/// A paused source is never due, whatever its polls say, until it is resumed.
pub async fn pausing_a_source_takes_it_out_of_due_sources(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let other = another_source(&*store, "vov").await;
    let now = at("2026-05-01T12:00:00Z");
    store
        .set_source_paused(seed.source, true)
        .await
        .expect("pause");
    assert_eq!(store.due_sources(now).await.expect("due"), [other]);
    let health = store
        .record_poll(
            seed.source,
            poll(
                "2026-05-01T10:00:00Z",
                failed("timed out"),
                "2026-05-01T11:00:00Z",
            ),
        )
        .await
        .expect("a poll may still be recorded");
    assert!(health.paused, "recording a poll does not resume");
    assert_eq!(store.due_sources(now).await.expect("due"), [other]);
    store
        .set_source_rules(seed.source, &IngestRules::default())
        .await
        .expect("set rules");
    assert_eq!(store.due_sources(now).await.expect("due"), [other]);
    store
        .set_source_paused(seed.source, false)
        .await
        .expect("resume");
    assert_eq!(
        store.due_sources(now).await.expect("due"),
        [other, seed.source],
        "never polled first, then the overdue"
    );
    let health = store
        .source_health(seed.source)
        .await
        .expect("health")
        .expect("exists");
    assert!(!health.paused);
    assert_eq!(health.consecutive_failures, 1);
}

/// Validators are kept per source and feed, replaced when set again; unknown feeds have
/// none.
pub async fn keeps_validators_per_feed(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let other = another_source(&*store, "vov").await;
    let home = url("https://vna.example/rss/home.rss");
    let world = url("https://vna.example/rss/world.rss");
    assert_eq!(
        store
            .feed_validators(seed.source, &home)
            .await
            .expect("read"),
        FeedValidators::default()
    );
    let etag = FeedValidators {
        etag: Some("W/\"5e-abc\"".to_owned()),
        last_modified: None,
    };
    let modified = FeedValidators {
        etag: None,
        last_modified: Some("Wed, 25 Nov 2026 20:30:00 GMT".to_owned()),
    };
    store
        .set_feed_validators(seed.source, &home, &etag)
        .await
        .expect("set");
    store
        .set_feed_validators(seed.source, &world, &modified)
        .await
        .expect("set");
    assert_eq!(
        store
            .feed_validators(seed.source, &home)
            .await
            .expect("read"),
        etag
    );
    assert_eq!(
        store
            .feed_validators(seed.source, &world)
            .await
            .expect("read"),
        modified
    );
    assert_eq!(
        store.feed_validators(other, &home).await.expect("read"),
        FeedValidators::default(),
        "per source"
    );
    let both = FeedValidators {
        etag: Some("\"v2\"".to_owned()),
        last_modified: Some("Thu, 26 Nov 2026 08:00:00 GMT".to_owned()),
    };
    store
        .set_feed_validators(seed.source, &home, &both)
        .await
        .expect("replace");
    assert_eq!(
        store
            .feed_validators(seed.source, &home)
            .await
            .expect("read"),
        both
    );
    store
        .set_feed_validators(seed.source, &home, &FeedValidators::default())
        .await
        .expect("clear");
    assert_eq!(
        store
            .feed_validators(seed.source, &home)
            .await
            .expect("read"),
        FeedValidators::default()
    );
    assert_eq!(
        store
            .feed_validators(seed.source, &world)
            .await
            .expect("read"),
        modified
    );
}

/// A source's health counts the articles stored from it, however they were stored; the
/// list gives every source, by key, with what `source_health` gives for it.
pub async fn source_health_counts_the_articles_stored(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let quiet = another_source(&*store, "baoquocte").await;
    store
        .create_article(article(&seed, "Một", "2026-05-01T00:00:00Z"))
        .await
        .expect("create");
    store
        .create_article(article(&seed, "Hai", "2026-05-01T01:00:00Z"))
        .await
        .expect("create");
    created(
        ingest(
            &*store,
            ingested(article(&seed, "Ba", "2026-05-01T02:00:00Z"), 3, 0),
        )
        .await,
    );
    store
        .record_poll(
            quiet,
            poll(
                "2026-05-01T00:00:00Z",
                failed("DNS lookup failed"),
                "2026-05-01T01:00:00Z",
            ),
        )
        .await
        .expect("record");
    let busy = store
        .source_health(seed.source)
        .await
        .expect("health")
        .expect("exists");
    assert_eq!(busy.articles, 3);
    let listed = store.list_sources_with_health().await.expect("list");
    let keys: Vec<&str> = listed.iter().map(|(s, _)| s.key.as_str()).collect();
    assert_eq!(keys, ["baoquocte", "vna"]);
    assert_eq!(
        listed.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>(),
        store.list_sources().await.expect("sources")
    );
    for (source, health) in &listed {
        assert_eq!(
            Some(health),
            store
                .source_health(source.id)
                .await
                .expect("health")
                .as_ref()
        );
    }
    assert_eq!(listed[0].1.articles, 0);
    assert_eq!(listed[0].1.consecutive_failures, 1);
    assert_eq!(listed[1].1, busy);
}

/// An ingested article is stored as `create_article` stores it, alone in its story; the same
/// original URL again is a duplicate by URL, and the same text under another URL a duplicate
/// by content hash; nothing is written for a duplicate.
pub async fn ingest_stores_an_article_once_by_url_then_by_content_hash(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let topic = store
        .create_topic(term("apec", &[("en", "APEC")]))
        .await
        .expect("topic")
        .id;
    let mut new = article(
        &seed,
        "Khai mạc Tuần lễ Cấp cao APEC",
        "2026-11-10T08:00:00Z",
    );
    new.source_url = Some(url("https://vna.example/apec-1.html"));
    new.topics = vec![topic];
    new.state = EditorialState::Review;
    let (id, story) =
        created(ingest(&*store, ingested(new.clone(), 1, 0xFFFF_0000_0000_0001)).await);
    assert_eq!(story, id, "a story of its own");
    let stored = store.article(id).await.expect("read").expect("exists");
    assert_eq!(stored.source_url, new.source_url);
    assert_eq!(stored.topics, [topic]);
    assert_eq!(stored.published_at, new.published_at);
    let version = store
        .version(id, &lang("vi"))
        .await
        .expect("read")
        .expect("the original version");
    assert_eq!(version.title, "Khai mạc Tuần lễ Cấp cao APEC");
    assert_eq!(version.slug.as_str(), "khai-mac-tuan-le-cap-cao-apec");
    assert_eq!(version.origin, Origin::Original);
    assert_eq!(version.state, EditorialState::Review);
    assert_eq!(
        store
            .article_by_source_url("https://vna.example/apec-1.html")
            .await
            .expect("by url"),
        Some(id)
    );
    assert_eq!(
        store.article_is_partial(id).await.expect("read"),
        Some(false)
    );
    assert_eq!(store.same_story(id).await.expect("story"), []);

    let revision = store.content_revision().await.expect("revision");
    let mut same_url = new.clone();
    same_url.original.title = "Khai mạc APEC (cập nhật)".to_owned();
    assert_eq!(
        ingest(&*store, ingested(same_url, 2, 7)).await,
        IngestOutcome::Duplicate {
            id,
            of: DuplicateOf::SourceUrl
        }
    );
    let mut same_text = new.clone();
    same_text.source_url = Some(url("https://vna.example/amp/apec-1.html"));
    assert_eq!(
        ingest(&*store, ingested(same_text, 1, 7)).await,
        IngestOutcome::Duplicate {
            id,
            of: DuplicateOf::ContentHash
        }
    );
    assert_eq!(
        ingest(&*store, ingested(new.clone(), 1, 7)).await,
        IngestOutcome::Duplicate {
            id,
            of: DuplicateOf::SourceUrl
        },
        "the URL is asked first"
    );
    assert_eq!(
        store.content_revision().await.expect("revision"),
        revision,
        "nothing was written"
    );

    // An article stored by `create_article` is found by its URL too.
    let mut made = article(&seed, "Bão số 5", "2026-11-11T08:00:00Z");
    made.source_url = Some(url("https://vna.example/bao-5.html"));
    let made_id = store.create_article(made.clone()).await.expect("create");
    assert_eq!(
        ingest(&*store, ingested(made, 5, 5)).await,
        IngestOutcome::Duplicate {
            id: made_id,
            of: DuplicateOf::SourceUrl
        }
    );
    // Without an original URL only the text tells.
    let mut no_url = article(&seed, "Không có URL", "2026-11-12T08:00:00Z");
    no_url.source_url = None;
    let (other, _) = created(ingest(&*store, ingested(no_url.clone(), 6, 0)).await);
    assert_eq!(
        ingest(&*store, ingested(no_url, 6, 0)).await,
        IngestOutcome::Duplicate {
            id: other,
            of: DuplicateOf::ContentHash
        }
    );
    let page = store
        .list_articles(
            &ArticleFilter::in_language(lang("vi")),
            PageRequest::first(10),
        )
        .await
        .expect("list");
    assert_eq!(page.total, 2, "Bão số 5 and Không có URL are published");
    let all = store
        .source_health(seed.source)
        .await
        .expect("health")
        .expect("exists");
    assert_eq!(all.articles, 3);
}

/// The same story from another source, published within the window and a few bits away,
/// joins the first article's story; each lists the others, newest first.
pub async fn a_near_duplicate_from_another_source_joins_the_first_story(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let vov = another_source(&*store, "vov").await;
    let tuoitre = another_source(&*store, "tuoitre").await;
    let simhash: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut first = article(&seed, "Bão số 5 đổ bộ", "2026-09-01T00:00:00Z");
    first.source_url = Some(url("https://vna.example/bao-5.html"));
    let (a, story) = created(ingest(&*store, ingested(first, 1, simhash)).await);
    assert_eq!(story, a);

    let mut second = article(
        &seed,
        "Bão số 5 đã đổ bộ vào miền Trung",
        "2026-09-01T02:00:00Z",
    );
    second.source = vov;
    second.source_url = Some(url("https://vov.example/bao-so-5.html"));
    let (b, story) = created(ingest(&*store, ingested(second, 2, simhash ^ 0b111)).await);
    assert_eq!(story, a, "three bits away, two hours later: the same story");
    assert_eq!(store.same_story(a).await.expect("story"), [b]);
    assert_eq!(store.same_story(b).await.expect("story"), [a]);

    let mut third = article(&seed, "Miền Trung đón bão số 5", "2026-08-31T23:00:00Z");
    third.source = tuoitre;
    third.source_url = Some(url("https://tuoitre.example/bao-5.html"));
    let (c, story) = created(ingest(&*store, ingested(third, 3, simhash ^ (1 << 63))).await);
    assert_eq!(
        story, a,
        "the story is the first article's, whoever is closest"
    );
    assert_eq!(store.same_story(a).await.expect("story"), [b, c]);
    assert_eq!(store.same_story(b).await.expect("story"), [a, c]);
    assert_eq!(store.same_story(c).await.expect("story"), [b, a]);
}

/// An article published outside the window of every other, or more than `max_distance` bits
/// from each, starts its own story; articles not ingested are alone and never joined.
pub async fn articles_outside_the_window_or_too_different_start_their_own_story(
    store: Arc<dyn Store>,
) {
    let seed = seed(&*store).await;
    let simhash: u64 = 0x0123_4567_89AB_CDEF;
    let (a, _) = created(
        ingest(
            &*store,
            ingested(article(&seed, "Một", "2026-09-01T00:00:00Z"), 1, simhash),
        )
        .await,
    );
    let (late, story) = created(
        ingest(
            &*store,
            ingested(article(&seed, "Hai", "2026-09-02T00:00:01Z"), 2, simhash),
        )
        .await,
    );
    assert_eq!(story, late, "a day and a second later: another story");
    let (far, story) = created(
        ingest(
            &*store,
            ingested(
                article(&seed, "Ba", "2026-09-01T01:00:00Z"),
                3,
                simhash ^ 0b1111,
            ),
        )
        .await,
    );
    assert_eq!(story, far, "four bits away: another story");
    let (edge, story) = created(
        ingest(
            &*store,
            ingested(
                article(&seed, "Bốn", "2026-08-31T00:00:00Z"),
                4,
                simhash ^ 0b111,
            ),
        )
        .await,
    );
    assert_eq!(
        story, a,
        "exactly a day earlier and three bits away: the same story"
    );
    assert_eq!(store.same_story(late).await.expect("story"), []);
    assert_eq!(store.same_story(far).await.expect("story"), []);
    assert_eq!(store.same_story(a).await.expect("story"), [edge]);

    let made = store
        .create_article(article(&seed, "Năm", "2026-10-01T00:00:00Z"))
        .await
        .expect("create");
    assert_eq!(store.same_story(made).await.expect("story"), []);
    assert_eq!(
        store.article_is_partial(made).await.expect("read"),
        Some(false)
    );
    let (next, story) = created(
        ingest(
            &*store,
            ingested(article(&seed, "Sáu", "2026-10-01T00:00:00Z"), 6, 0),
        )
        .await,
    );
    assert_eq!(
        story, next,
        "an article not ingested has no SimHash to match"
    );
    assert_eq!(store.same_story(made).await.expect("story"), []);
}

/// Among near duplicates the closest decides the story; between equally close ones, the
/// oldest story.
pub async fn a_near_duplicate_joins_the_closest_story_then_the_oldest(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let target: u64 = 0xF0F0_F0F0_0F0F_0F0F;
    let tight = NearDuplicates {
        max_distance: 1,
        window: Duration::from_secs(3600),
    };
    let make = |n: u64, simhash: u64| {
        ingested(
            article(&seed, &format!("Tin {n}"), "2026-07-01T00:00:00Z"),
            n,
            simhash,
        )
    };
    let (a, _) = created(
        store
            .ingest_article(make(1, target ^ 0b01), tight)
            .await
            .expect("ingest"),
    );
    let (b, story) = created(
        store
            .ingest_article(make(2, target ^ 0b10), tight)
            .await
            .expect("ingest"),
    );
    assert_eq!(story, b, "two bits from the first: a story of its own");
    let (_, story) = created(
        store
            .ingest_article(make(3, target), tight)
            .await
            .expect("ingest"),
    );
    assert_eq!(story, a, "one bit from each: the oldest story");
    let (_, story) = created(
        store
            .ingest_article(make(4, target ^ 0b10), tight)
            .await
            .expect("ingest"),
    );
    assert_eq!(
        story, b,
        "the same SimHash as the second: its story, though not the oldest"
    );
}

/// Eight workers ingesting the same article at once store it once: one `Created`, the others
/// `Duplicate`; the same holds for one text under eight URLs.
pub async fn concurrent_ingest_of_one_article_creates_it_once(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let mut new = article(&seed, "Tin nóng", "2026-06-01T00:00:00Z");
    new.source_url = Some(url("https://vna.example/tin-nong.html"));
    let mut rounds = vec![(vec![new.clone(); 8], DuplicateOf::SourceUrl)];
    let mut by_hash = Vec::new();
    for n in 0..8 {
        let mut copy = article(&seed, "Tin nóng khác", "2026-06-02T00:00:00Z");
        copy.source_url = Some(url(&format!("https://vna.example/tin-nong-khac-{n}.html")));
        by_hash.push(copy);
    }
    rounds.push((by_hash, DuplicateOf::ContentHash));
    for (hash, (items, expected)) in (100_u64..).zip(rounds) {
        let mut workers = Vec::new();
        for item in items {
            let store = Arc::clone(&store);
            workers.push(tokio::spawn(async move {
                store
                    .ingest_article(ingested(item, hash, hash), NEAR)
                    .await
                    .expect("ingesting never fails for a duplicate")
            }));
        }
        let mut outcomes = Vec::new();
        for worker in workers {
            outcomes.push(worker.await.expect("worker task"));
        }
        let ids: Vec<ArticleId> = outcomes
            .iter()
            .filter_map(|o| match o {
                IngestOutcome::Created { id, .. } => Some(*id),
                IngestOutcome::Duplicate { .. } => None,
            })
            .collect();
        assert_eq!(ids.len(), 1, "{outcomes:?}");
        for outcome in &outcomes {
            if let IngestOutcome::Duplicate { id, of } = outcome {
                assert_eq!((*id, *of), (ids[0], expected), "{outcomes:?}");
            }
        }
    }
    let health = store
        .source_health(seed.source)
        .await
        .expect("health")
        .expect("exists");
    assert_eq!(health.articles, 2);
}

/// An article ingested from a summary is partial; its fetched page (any bytes) is kept and
/// replaced, and the article stays partial until it is marked complete.
pub async fn keeps_the_partial_flag_and_the_fetched_page(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let mut new = article(&seed, "Tóm tắt", "2026-06-01T00:00:00Z");
    new.source_url = Some(url("https://vna.example/tom-tat.html"));
    let mut item = ingested(new, 1, 1);
    item.partial = true;
    let (id, _) = created(ingest(&*store, item).await);
    assert_eq!(
        store.article_is_partial(id).await.expect("read"),
        Some(true)
    );
    assert_eq!(store.article_page(id).await.expect("read"), None);

    // windows-1258 bytes, a NUL and bytes that are not UTF-8.
    let page = StoredPage {
        url: url("https://vna.example/tom-tat.html"),
        final_url: url("https://www.vna.example/2026/06/tom-tat.html?ref=rss"),
        content_type: Some("text/html; charset=windows-1258".to_owned()),
        body: vec![
            b'<', b'p', b'>', 0x54, 0xF2, 0xCC, 0x00, 0xFF, 0xFE, 0x80, b'<',
        ],
        fetched_at: at("2026-06-01T00:05:00.123456Z"),
    };
    store
        .save_article_page(id, page.clone())
        .await
        .expect("save page");
    assert_eq!(store.article_page(id).await.expect("read"), Some(page));
    assert_eq!(
        store.article_is_partial(id).await.expect("read"),
        Some(true),
        "a fetched page is not an extracted text"
    );
    let again = StoredPage {
        url: url("https://vna.example/tom-tat.html"),
        final_url: url("https://vna.example/tom-tat.html"),
        content_type: None,
        body: Vec::new(),
        fetched_at: at("2026-06-01T01:00:00Z"),
    };
    store
        .save_article_page(id, again.clone())
        .await
        .expect("replace page");
    assert_eq!(
        store.article_page(id).await.expect("read"),
        Some(again.clone())
    );
    store
        .set_article_partial(id, false)
        .await
        .expect("mark complete");
    assert_eq!(
        store.article_is_partial(id).await.expect("read"),
        Some(false)
    );
    assert_eq!(store.article_page(id).await.expect("read"), Some(again));
    store
        .set_article_partial(id, true)
        .await
        .expect("mark partial");
    assert_eq!(
        store.article_is_partial(id).await.expect("read"),
        Some(true)
    );
}

/// A new ingested article raises the content revision; duplicates, source rules, pausing,
/// polls, feed validators and fetched pages do not (readers see none of them); marking an
/// article complete does.
pub async fn ingesting_raises_content_revision_but_polling_and_pages_do_not(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let start = store.content_revision().await.expect("revision");
    let unchanged = |what: &'static str| {
        let store = Arc::clone(&store);
        async move {
            assert_eq!(
                store.content_revision().await.expect("revision"),
                start,
                "{what} does not raise the revision"
            );
        }
    };
    store
        .set_source_rules(
            seed.source,
            &IngestRules {
                default_category: Some("news".to_owned()),
                rules: Vec::new(),
                ..IngestRules::default()
            },
        )
        .await
        .expect("rules");
    unchanged("setting rules").await;
    store
        .set_source_paused(seed.source, true)
        .await
        .expect("pause");
    store
        .set_source_paused(seed.source, false)
        .await
        .expect("resume");
    unchanged("pausing").await;
    for outcome in [failed("timed out"), PollOutcome::Succeeded] {
        store
            .record_poll(
                seed.source,
                poll("2026-06-01T00:00:00Z", outcome, "2026-06-01T00:10:00Z"),
            )
            .await
            .expect("record");
    }
    unchanged("recording polls").await;
    store
        .set_feed_validators(
            seed.source,
            &url("https://vna.example/rss/home.rss"),
            &FeedValidators {
                etag: Some("\"1\"".to_owned()),
                last_modified: None,
            },
        )
        .await
        .expect("validators");
    unchanged("keeping validators").await;

    let mut new = article(&seed, "Tin", "2026-06-01T00:00:00Z");
    new.source_url = Some(url("https://vna.example/tin.html"));
    let mut item = ingested(new, 1, 1);
    item.partial = true;
    let (id, _) = created(ingest(&*store, item.clone()).await);
    let after_ingest = store.content_revision().await.expect("revision");
    assert!(after_ingest > start, "a new article raises it");
    assert!(matches!(
        ingest(&*store, item).await,
        IngestOutcome::Duplicate { .. }
    ));
    store
        .save_article_page(
            id,
            StoredPage {
                url: url("https://vna.example/tin.html"),
                final_url: url("https://vna.example/tin.html"),
                content_type: Some("text/html".to_owned()),
                body: b"<html><p>Tin</p></html>".to_vec(),
                fetched_at: at("2026-06-01T00:01:00Z"),
            },
        )
        .await
        .expect("page");
    assert_eq!(
        store.content_revision().await.expect("revision"),
        after_ingest,
        "a duplicate and a fetched page do not"
    );
    store
        .set_article_partial(id, false)
        .await
        .expect("complete");
    assert!(
        store.content_revision().await.expect("revision") > after_ingest,
        "marking the article complete does"
    );
}

/// Ingested text is stored as `create_article` stores it: NFC, Persian ZWNJ kept; a poll's
/// error in Vietnamese or Persian is kept as written.
pub async fn ingest_keeps_vietnamese_and_persian_text_intact(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let conclusion = format!("نتیجه{ZWNJ}گیری نشست هانوی");
    let mut persian = article(&seed, &conclusion, "2026-10-01T00:00:00Z");
    persian.original.language = lang("fa");
    persian.original.lead = format!("می{ZWNJ}خواهیم\u{202E} بدانیم");
    persian.source_url = Some(url("https://irna.example/خبر/۱۲۳"));
    let (id, _) = created(ingest(&*store, ingested(persian, 1, 1)).await);
    let version = store
        .version(id, &lang("fa"))
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(version.title, conclusion);
    assert_eq!(version.lead, format!("می{ZWNJ}خواهیم بدانیم"));
    assert_eq!(version.slug.as_str(), "نتیجه-گیری-نشست-هانوی");
    assert_eq!(
        store
            .article_by_source_url("https://irna.example/خبر/۱۲۳")
            .await
            .expect("by url"),
        Some(id)
    );

    let decomposed = "Ho\u{0302}\u{0323}i nghi\u{0323} Hue\u{0302}\u{0301}";
    let (id, _) = created(
        ingest(
            &*store,
            ingested(
                article(&seed, decomposed, "2026-10-02T00:00:00Z"),
                2,
                1 << 40,
            ),
        )
        .await,
    );
    let version = store
        .version(id, &lang("vi"))
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(version.title, "Hội nghị Huế");
    assert_eq!(version.slug.as_str(), "hoi-nghi-hue");

    let error = format!("Không kết nối được — خطای شبکه{ZWNJ}ای");
    let health = store
        .record_poll(
            seed.source,
            poll(
                "2026-10-02T00:00:00Z",
                failed(&error),
                "2026-10-02T00:10:00Z",
            ),
        )
        .await
        .expect("record");
    assert_eq!(health.last_error.as_deref(), Some(error.as_str()));
    let long = format!("خطا{ZWNJ}ها ").repeat(200);
    let health = store
        .record_poll(
            seed.source,
            poll(
                "2026-10-02T00:10:00Z",
                failed(&long),
                "2026-10-02T00:20:00Z",
            ),
        )
        .await
        .expect("record");
    let kept = health.last_error.expect("kept");
    assert!(kept.chars().count() <= MAX_POLL_ERROR_CHARS);
    assert!(
        long.starts_with(kept.trim_end_matches('…')),
        "cut at a character: {kept}"
    );
}

// A check named in `contract_tests!` but missing fails to compile; this catches the other
// way round, a check written but not run.
// --- machine translation ---

fn memory_entry(key: &str, source: &str, target: &str) -> MemoryEntry {
    MemoryEntry {
        key: key.to_owned(),
        from: lang("vi"),
        to: lang("en"),
        engine: "apertium".to_owned(),
        model: Some("vie-eng 0.1".to_owned()),
        source: source.to_owned(),
        target: target.to_owned(),
    }
}

fn keys(names: &[&str]) -> Vec<String> {
    names.iter().map(|k| (*k).to_owned()).collect()
}

/// The memory answers the keys it keeps (left out: the others), counts a hit per entry found
/// in each lookup, replaces an entry saved again under its key (the last of one save wins),
/// keeps text exactly, and never moves the content revision.
pub async fn translation_memory_answers_known_keys_and_counts_hits(store: Arc<dyn Store>) {
    let revision = store.content_revision().await.expect("revision");
    assert_eq!(
        store.memory_stats().await.expect("stats"),
        MemoryStats::default()
    );
    assert!(
        store
            .memory_lookup(&keys(&["k1"]))
            .await
            .expect("lookup in an empty memory")
            .is_empty()
    );
    store.memory_save(&[]).await.expect("saving nothing");
    store
        .memory_save(&[
            memory_entry("k1", "Xin chào", "Hello"),
            memory_entry("k2", "Cầu mới", "New bridge"),
            memory_entry("k3", "نتیجه\u{200C}گیری", "first draft"),
            memory_entry("k3", "نتیجه\u{200C}گیری", "Conclusion\u{200C}"),
        ])
        .await
        .expect("save");
    let found = store
        .memory_lookup(&keys(&["k1", "k3", "unknown", "k1"]))
        .await
        .expect("lookup");
    assert_eq!(
        found,
        HashMap::from([
            ("k1".to_owned(), "Hello".to_owned()),
            ("k3".to_owned(), "Conclusion\u{200C}".to_owned()),
        ])
    );
    assert_eq!(
        store.memory_stats().await.expect("stats"),
        MemoryStats {
            entries: 3,
            hits: 2
        },
        "one hit per entry found, however often its key was asked"
    );

    let mut newer = memory_entry("k1", "Xin chào", "Hi");
    newer.model = None;
    store.memory_save(&[newer]).await.expect("save again");
    assert_eq!(
        store.memory_lookup(&keys(&["k1"])).await.expect("lookup"),
        HashMap::from([("k1".to_owned(), "Hi".to_owned())])
    );
    assert_eq!(
        store.memory_stats().await.expect("stats"),
        MemoryStats {
            entries: 3,
            hits: 3
        },
        "replacing an entry keeps its hits"
    );
    assert_eq!(
        store.content_revision().await.expect("revision"),
        revision,
        "the memory is not content"
    );
}

/// Saves and lookups of more keys than one statement may bind are split, in one call each.
pub async fn translation_memory_takes_large_batches(store: Arc<dyn Store>) {
    let entries: Vec<MemoryEntry> = (0..1_234)
        .map(|n| {
            memory_entry(
                &format!("key-{n}"),
                &format!("câu {n}"),
                &format!("line {n}"),
            )
        })
        .collect();
    store
        .memory_save(&entries)
        .await
        .expect("save a large batch");
    let mut asked: Vec<String> = entries.iter().map(|e| e.key.clone()).collect();
    asked.push("missing".to_owned());
    let found = store.memory_lookup(&asked).await.expect("lookup");
    assert_eq!(found.len(), 1_234);
    assert_eq!(found.get("key-1233").map(String::as_str), Some("line 1233"));
    assert_eq!(
        store.memory_stats().await.expect("stats"),
        MemoryStats {
            entries: 1_234,
            hits: 1_234
        }
    );
}

fn glossary_entry(from: &str, to: &str, term: &str, translation: &str) -> GlossaryEntry {
    GlossaryEntry {
        id: 0,
        from: lang(from),
        to: lang(to),
        term: term.to_owned(),
        translation: translation.to_owned(),
        kind: GlossaryKind::Forced,
        case_sensitive: false,
        note: String::new(),
        updated_at: at("2000-01-01T00:00:00Z"),
    }
}

fn terms_of(entries: &[GlossaryEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.term.as_str()).collect()
}

/// A pair's glossary lists its entries longest term first, then by term; saving with id 0
/// adds an entry or replaces the one with the same term (so an import can run twice);
/// saving with an id changes that entry; entries are deleted by id; pairs are counted; and
/// none of it moves the content revision.
pub async fn glossary_lists_longest_terms_first_and_reimports_in_place(store: Arc<dyn Store>) {
    let revision = store.content_revision().await.expect("revision");
    let hcm = store
        .save_glossary_entry(glossary_entry(
            "vi",
            "en",
            "  Thành phố   Hồ Chí Minh ",
            "Ho Chi Minh City",
        ))
        .await
        .expect("save");
    assert!(hcm.id > 0);
    assert_eq!(
        hcm.term, "Thành phố Hồ Chí Minh",
        "terms are stored as one line"
    );
    assert_ne!(
        hcm.updated_at,
        at("2000-01-01T00:00:00Z"),
        "the store dates it"
    );
    let mut apec = glossary_entry("vi", "en", "APEC", "");
    apec.kind = GlossaryKind::DoNotTranslate;
    apec.case_sensitive = true;
    apec.note = "The forum's acronym.".to_owned();
    let apec = store.save_glossary_entry(apec).await.expect("save");
    assert_eq!(apec.translation, "APEC", "do-not-translate keeps the term");
    let mut hue = glossary_entry("vi", "en", "Huế", "Hue");
    hue.kind = GlossaryKind::Name;
    let hue = store.save_glossary_entry(hue).await.expect("save");
    store
        .save_glossary_entry(glossary_entry("vi", "en", "Sở", "Department"))
        .await
        .expect("save");
    let bo = store
        .save_glossary_entry(glossary_entry("vi", "en", "Bộ", "Ministry"))
        .await
        .expect("save");
    store
        .save_glossary_entry(glossary_entry("vi", "fa", "Huế", "هوئه"))
        .await
        .expect("save in another pair");

    let listed = store
        .glossary(&lang("vi"), &lang("en"))
        .await
        .expect("glossary");
    assert_eq!(
        terms_of(&listed),
        ["Thành phố Hồ Chí Minh", "APEC", "Huế", "Bộ", "Sở"],
        "longest first (in characters, not bytes), then by term"
    );
    assert_eq!(listed[1], apec);
    assert_eq!(listed[2], hue);

    // An import run again replaces entries by term, keeping their ids.
    let mut again = glossary_entry("vi", "en", "Bộ", "Ministry of");
    again.note = "Before a ministry's name.".to_owned();
    let again = store
        .save_glossary_entry(again)
        .await
        .expect("import again");
    assert_eq!(again.id, bo.id);
    let listed = store
        .glossary(&lang("vi"), &lang("en"))
        .await
        .expect("glossary");
    assert_eq!(listed.len(), 5);
    assert_eq!(listed[3].translation, "Ministry of");
    assert_eq!(listed[3].note, "Before a ministry's name.");

    // Editing by id; a term taken by another entry of the pair is a conflict.
    let mut renamed = hue.clone();
    renamed.term = "Cố đô Huế".to_owned();
    let renamed = store.save_glossary_entry(renamed).await.expect("edit");
    assert_eq!(renamed.id, hue.id);
    let mut clash = renamed.clone();
    clash.term = "APEC".to_owned();
    let clash = store.save_glossary_entry(clash).await;
    assert!(
        matches!(&clash, Err(StoreError::Conflict { constraint }) if constraint == "glossary_entries_term_unique"),
        "{clash:?}"
    );
    let mut gone = renamed.clone();
    gone.id = renamed.id + 1000;
    let gone = store.save_glossary_entry(gone).await;
    assert!(matches!(gone, Err(StoreError::NotFound(_))), "{gone:?}");
    for bad in [
        glossary_entry("vi", "en", "   ", "x"),
        glossary_entry("vi", "en", "Đà Nẵng", ""),
        glossary_entry("vi", "vi", "Huế", "Huế"),
    ] {
        let refused = store.save_glossary_entry(bad.clone()).await;
        assert!(
            matches!(refused, Err(StoreError::Invalid(_))),
            "{bad:?}: {refused:?}"
        );
    }

    assert!(store.delete_glossary_entry(apec.id).await.expect("delete"));
    assert!(
        !store
            .delete_glossary_entry(apec.id)
            .await
            .expect("delete again")
    );
    assert_eq!(
        terms_of(
            &store
                .glossary(&lang("vi"), &lang("en"))
                .await
                .expect("glossary")
        ),
        ["Thành phố Hồ Chí Minh", "Cố đô Huế", "Bộ", "Sở"]
    );
    assert_eq!(
        store
            .glossary(&lang("en"), &lang("vi"))
            .await
            .expect("glossary of the other direction"),
        []
    );
    assert_eq!(
        store.glossary_pairs().await.expect("pairs"),
        [(lang("vi"), lang("en"), 4), (lang("vi"), lang("fa"), 1)]
    );
    assert_eq!(
        store.content_revision().await.expect("revision"),
        revision,
        "the glossary is not content"
    );
}

/// Due jobs are claimed highest priority first, then earliest `run_at`; a job not yet due
/// waits whatever its priority; `enqueue` queues at 0; queuing work already queued raises
/// its priority, never lowers it.
pub async fn claims_higher_priority_jobs_first(store: Arc<dyn Store>) {
    let now = at("2026-08-03T12:00:00Z");
    let low_early = store
        .enqueue(translate(1, "en"), later(now, -600))
        .await
        .expect("enqueue");
    let high = store
        .enqueue_with_priority(translate(2, "en"), now, 1_780_000_000)
        .await
        .expect("enqueue");
    let higher_but_later = store
        .enqueue_with_priority(translate(3, "en"), later(now, 60), 1_790_000_000)
        .await
        .expect("enqueue");
    let middle = store
        .enqueue_with_priority(translate(4, "en"), now, 1_770_000_000)
        .await
        .expect("enqueue");
    let middle_earlier = store
        .enqueue_with_priority(translate(5, "en"), later(now, -1), 1_770_000_000)
        .await
        .expect("enqueue");
    // Queued again: raised above `high`, and not lowered back by a lower priority.
    let raised = store
        .enqueue_with_priority(translate(1, "en"), now, 1_785_000_000)
        .await
        .expect("enqueue again, higher");
    assert_eq!(raised, low_early);
    let kept = store
        .enqueue_with_priority(translate(1, "en"), now, 5)
        .await
        .expect("enqueue again, lower");
    assert_eq!(kept, low_early);
    assert_eq!(
        store
            .enqueue(translate(1, "en"), now)
            .await
            .expect("enqueue again, at 0"),
        low_early
    );
    assert_eq!(
        store
            .job(low_early)
            .await
            .expect("read")
            .expect("exists")
            .run_at,
        later(now, -600),
        "raising the priority leaves run_at"
    );

    let mut order = Vec::new();
    while let Some(job) = store
        .claim_job("w", now, LEASE, &["translate"])
        .await
        .expect("claim")
    {
        order.push(job.id);
    }
    assert_eq!(order, [low_early, high, middle_earlier, middle]);
    let last = store
        .claim_job("w", later(now, 60), LEASE, &[])
        .await
        .expect("claim")
        .expect("the later job is due");
    assert_eq!(last.id, higher_but_later);
}

fn provenance(from_revision: u32, qa_flags: Vec<QaFlag>) -> Provenance {
    Provenance {
        engine: "apertium".to_owned(),
        model: Some("vie-eng 0.1".to_owned()),
        made_at: at("2026-09-01T00:00:00Z"),
        from_language: lang("vi"),
        from_revision,
        qa_flags,
        translator: None,
    }
}

fn translation(
    article: ArticleId,
    tag: &str,
    title: &str,
    origin: Origin,
    from_revision: u32,
) -> VersionDraft {
    VersionDraft {
        provenance: Some(provenance(from_revision, Vec::new())),
        ..draft(article, tag, title, origin)
    }
}

/// Corrects an article's original text (same title), which raises its revision.
async fn correct_original(store: &dyn Store, id: ArticleId) {
    let original = store
        .version(id, &lang("vi"))
        .await
        .expect("read")
        .expect("the original");
    store
        .save_version(VersionDraft {
            article: id,
            language: original.language,
            title: original.title,
            lead: original.lead,
            body: format!("{}<p>Correction.</p>", original.body),
            origin: original.origin,
            provenance: original.provenance,
            state: original.state,
        })
        .await
        .expect("correct the original");
}

/// Correcting the original raises the article's revision (saving the same text does not);
/// a machine draft over a post-edited translation is refused and leaves its text, and that
/// translation, made from the older revision, is then listed as stale.
pub async fn correcting_the_original_makes_its_translations_stale(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let id = store
        .create_article(article(&seed, "Cầu Rồng", "2026-09-01T00:00:00Z"))
        .await
        .expect("create");
    let revision = |article: Option<herald_domain::Article>| article.expect("exists").revision;
    assert_eq!(revision(store.article(id).await.expect("read")), 1);
    store
        .save_version(translation(
            id,
            "en",
            "Dragon Bridge",
            Origin::PostEdited,
            1,
        ))
        .await
        .expect("a post-edited translation");
    let stale = TranslationWant {
        missing: false,
        stale: true,
    };
    assert_eq!(
        store
            .articles_to_translate(&lang("en"), stale, 10)
            .await
            .expect("stale"),
        []
    );

    let original = store
        .version(id, &lang("vi"))
        .await
        .expect("read")
        .expect("the original");
    store
        .save_version(VersionDraft {
            article: id,
            language: original.language.clone(),
            title: original.title.clone(),
            lead: original.lead.clone(),
            body: original.body.clone(),
            origin: original.origin,
            provenance: None,
            state: original.state,
        })
        .await
        .expect("save the same text");
    assert_eq!(
        revision(store.article(id).await.expect("read")),
        1,
        "the same text is no correction"
    );
    correct_original(&*store, id).await;
    let article = store.article(id).await.expect("read").expect("exists");
    assert_eq!(article.revision, 2);

    let outcome = store
        .save_version(translation(
            id,
            "en",
            "Dragon Bridge machine",
            Origin::Machine,
            2,
        ))
        .await
        .expect("save");
    assert_eq!(
        outcome,
        SaveOutcome::KeptHumanWork {
            existing: Origin::PostEdited
        }
    );
    let kept = store
        .version(id, &lang("en"))
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(kept.title, "Dragon Bridge");
    assert_eq!(kept.body, "<p>Body of Dragon Bridge.</p>");
    assert_eq!(kept.origin, Origin::PostEdited);
    assert!(kept.is_stale(&article));
    assert_eq!(
        store
            .articles_to_translate(&lang("en"), stale, 10)
            .await
            .expect("stale"),
        [id]
    );
    let coverage = store
        .translation_coverage(&[lang("en")])
        .await
        .expect("coverage");
    assert_eq!(coverage[0].post_edited, 1);
    assert_eq!(coverage[0].stale, 1);
}

/// Articles to translate into a language: missing there, or with a stale translation there,
/// as asked; newest first and at most `limit`; never those written in it, those whose
/// original is withdrawn, nor a withdrawn or provenance-less translation as stale.
pub async fn lists_articles_to_translate_newest_first(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let mut ids = Vec::new();
    for (n, day) in ["01", "02", "03", "04", "05", "06", "07"]
        .iter()
        .enumerate()
    {
        ids.push(
            store
                .create_article(article(
                    &seed,
                    &format!("Tin số {n}"),
                    &format!("2026-10-{day}T00:00:00Z"),
                ))
                .await
                .expect("create"),
        );
    }
    let [
        up_to_date,
        stale_machine,
        missing_old,
        withdrawn_original,
        stale_withdrawn,
        no_provenance,
        missing_new,
    ] = ids[..]
    else {
        unreachable!("seven articles")
    };
    let mut english = article(&seed, "Written in English", "2026-10-08T00:00:00Z");
    english.original.language = lang("en");
    let english = store.create_article(english).await.expect("create");

    for id in [up_to_date, stale_machine, stale_withdrawn] {
        store
            .save_version(translation(
                id,
                "en",
                &format!("News {id}"),
                Origin::Machine,
                1,
            ))
            .await
            .expect("translate");
    }
    store
        .save_version(draft(no_provenance, "en", "By hand", Origin::Human))
        .await
        .expect("translate");
    let mut pulled = translation(stale_withdrawn, "en", "Pulled", Origin::Machine, 1);
    pulled.state = EditorialState::Withdrawn;
    store.save_version(pulled).await.expect("withdraw");
    let mut gone = draft(withdrawn_original, "vi", "Tin số 3", Origin::Original);
    gone.state = EditorialState::Withdrawn;
    store
        .save_version(gone)
        .await
        .expect("withdraw the original");
    for id in [
        stale_machine,
        stale_withdrawn,
        no_provenance,
        withdrawn_original,
    ] {
        correct_original(&*store, id).await;
    }

    let en = lang("en");
    let missing = TranslationWant {
        missing: true,
        stale: false,
    };
    let stale = TranslationWant {
        missing: false,
        stale: true,
    };
    assert_eq!(
        store
            .articles_to_translate(&en, missing, 10)
            .await
            .expect("missing"),
        [missing_new, missing_old]
    );
    assert_eq!(
        store
            .articles_to_translate(&en, stale, 10)
            .await
            .expect("stale"),
        [stale_machine]
    );
    assert_eq!(
        store
            .articles_to_translate(&en, TranslationWant::ALL, 10)
            .await
            .expect("both"),
        [missing_new, missing_old, stale_machine]
    );
    assert_eq!(
        store
            .articles_to_translate(&en, TranslationWant::ALL, 2)
            .await
            .expect("limited"),
        [missing_new, missing_old]
    );
    assert_eq!(
        store
            .articles_to_translate(&en, TranslationWant::default(), 10)
            .await
            .expect("nothing wanted"),
        []
    );
    let into_vietnamese = store
        .articles_to_translate(&lang("vi"), TranslationWant::ALL, 10)
        .await
        .expect("into Vietnamese");
    assert_eq!(into_vietnamese, [english]);
}

/// Coverage per language, in the order asked: live articles, versions by origin, missing
/// (the six add up), stale and flagged translations; a language with nothing has only
/// missing articles.
pub async fn translation_coverage_counts_each_live_article_once(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let mut ids = Vec::new();
    for n in 0..6 {
        ids.push(
            store
                .create_article(article(
                    &seed,
                    &format!("Bài {n}"),
                    &format!("2026-11-0{}T00:00:00Z", n + 1),
                ))
                .await
                .expect("create"),
        );
    }
    let mut flagged = translation(ids[0], "en", "Flagged", Origin::Machine, 1);
    flagged.provenance = Some(provenance(1, vec![QaFlag::NumbersChanged]));
    store.save_version(flagged).await.expect("translate");
    store
        .save_version(translation(ids[1], "en", "Edited", Origin::PostEdited, 1))
        .await
        .expect("translate");
    store
        .save_version(translation(ids[2], "en", "Checked", Origin::Reviewed, 1))
        .await
        .expect("translate");
    store
        .save_version(draft(ids[3], "en", "Publisher's", Origin::Publisher))
        .await
        .expect("publisher edition");
    store
        .save_version(translation(
            ids[4],
            "en",
            "Withdrawn below",
            Origin::Human,
            1,
        ))
        .await
        .expect("translate");
    let mut gone = draft(ids[4], "vi", "Bài 4", Origin::Original);
    gone.state = EditorialState::Withdrawn;
    store
        .save_version(gone)
        .await
        .expect("withdraw the original");
    correct_original(&*store, ids[2]).await;

    let coverage = store
        .translation_coverage(&[lang("fa"), lang("en"), lang("vi")])
        .await
        .expect("coverage");
    let languages: Vec<&Language> = coverage.iter().map(|c| &c.language).collect();
    assert_eq!(languages, [&lang("fa"), &lang("en"), &lang("vi")]);
    assert_eq!(
        coverage[0],
        LanguageCoverage {
            language: lang("fa"),
            articles: 5,
            original: 0,
            machine: 0,
            post_edited: 0,
            reviewed: 0,
            human: 0,
            missing: 5,
            stale: 0,
            flagged: 0,
        }
    );
    assert_eq!(
        coverage[1],
        LanguageCoverage {
            language: lang("en"),
            articles: 5,
            original: 1,
            machine: 1,
            post_edited: 1,
            reviewed: 1,
            human: 0,
            missing: 1,
            stale: 1,
            flagged: 1,
        }
    );
    assert_eq!(coverage[2].original, 5);
    assert_eq!(coverage[2].missing, 0);
    assert_eq!(store.translation_coverage(&[]).await.expect("coverage"), []);
}

// --- feeds and sitemaps ---

/// A feed lists what the list lists, in the version the list shows (a fallback's included),
/// with that version's body and the article's authors and topics.
pub async fn feed_entries_carry_the_listed_versions_body_and_the_articles_links(
    store: Arc<dyn Store>,
) {
    let seed = seed(store.as_ref()).await;
    let author = store
        .create_author(NewAuthor {
            term: term("lan", &[("vi", "Nguyễn Lan")]),
            source: Some(seed.source),
        })
        .await
        .expect("create an author");
    let topic = store
        .create_topic(term("tet", &[("vi", "Tết")]))
        .await
        .expect("create a topic");
    let mut first = article(&seed, "Đèn lồng", "2026-11-20T00:00:00Z");
    first.authors = vec![author.id];
    first.topics = vec![topic.id];
    let first = store.create_article(first).await.expect("create");
    store
        .save_version(draft(first, "en", "Lanterns", Origin::Machine))
        .await
        .expect("translate");
    let second = store
        .create_article(article(&seed, "Cà phê", "2026-11-21T00:00:00Z"))
        .await
        .expect("create");
    let filter = ArticleFilter {
        fallbacks: vec![lang("vi")],
        ..ArticleFilter::in_language(lang("en"))
    };
    let entries = store.list_for_feed(&filter, 10).await.expect("feed");
    let shown: Vec<(ArticleId, &str, &str)> = entries
        .iter()
        .map(|e| (e.card.id, e.card.language.as_str(), e.body.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            (second, "vi", "<p>Body of Cà phê.</p>"),
            (first, "en", "<p>Body of Lanterns.</p>")
        ]
    );
    assert_eq!(entries[1].article.authors, [author.id]);
    assert_eq!(entries[1].article.topics, [topic.id]);
    assert_eq!(entries[1].card.title, "Lanterns");
    let one = store.list_for_feed(&filter, 1).await.expect("feed");
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].card.id, second);
    let none = store
        .list_for_feed(&ArticleFilter::in_language(lang("fa")), 10)
        .await
        .expect("feed");
    assert!(none.is_empty());
}

/// A sitemap page lists the articles published in a language by id, each with every
/// published version (not the withdrawn or draft ones) and its media; the window keeps only
/// recent ones.
pub async fn sitemap_pages_list_each_article_with_every_published_version(store: Arc<dyn Store>) {
    let seed = seed(store.as_ref()).await;
    let picture = store
        .create_media(NewMedia {
            key: "photo".to_owned(),
            kind: MediaKind::Image {
                path: "images/photo.jpg".to_owned(),
                mime: "image/jpeg".to_owned(),
                width: 800,
                height: 600,
                variants: Vec::new(),
            },
            alt: Localized::new(),
            caption: Localized::new(),
            credit: Localized::new(),
            rights: None,
        })
        .await
        .expect("create media");
    let mut ids = Vec::new();
    for (n, published) in [
        "2000-01-01T00:00:00Z",
        "2001-01-01T00:00:00Z",
        "2999-01-01T00:00:00Z",
    ]
    .iter()
    .enumerate()
    {
        let mut new = article(&seed, &format!("Bài {n}"), published);
        if n == 0 {
            new.lead_image = Some(picture.id);
            new.media = vec![picture.id];
        }
        ids.push(store.create_article(new).await.expect("create"));
    }
    store
        .save_version(draft(ids[0], "en", "Story zero", Origin::Machine))
        .await
        .expect("translate");
    store
        .save_version(draft(ids[0], "fa", "داستان صفر", Origin::Human))
        .await
        .expect("translate");
    let mut withdrawn = draft(ids[1], "en", "Story one", Origin::Machine);
    withdrawn.state = EditorialState::Withdrawn;
    store.save_version(withdrawn).await.expect("withdraw");
    let request = |tag: &str, number: u32, size: u32| SitemapRequest {
        language: lang(tag),
        published_within: None,
        page: PageRequest { number, size },
    };

    let vi = store
        .list_for_sitemap(&request("vi", 1, 2))
        .await
        .expect("sitemap");
    assert_eq!(vi.total, 3);
    assert_eq!(vi.items.iter().map(|e| e.id).collect::<Vec<_>>(), ids[..2]);
    let zero = &vi.items[0];
    let versions: Vec<(&str, &str)> = zero
        .versions
        .iter()
        .map(|v| (v.language.as_str(), v.title.as_str()))
        .collect();
    assert_eq!(
        versions,
        [("en", "Story zero"), ("fa", "داستان صفر"), ("vi", "Bài 0")]
    );
    assert_eq!(zero.lead_image, Some(picture.id));
    assert_eq!(zero.media, [picture.id]);
    assert_eq!(zero.source_language, lang("vi"));
    assert_eq!(zero.published_at, at("2000-01-01T00:00:00Z"));
    assert_eq!(zero.versions[1].origin, Origin::Human);
    assert_eq!(
        vi.items[1]
            .versions
            .iter()
            .map(|v| v.language.as_str())
            .collect::<Vec<_>>(),
        ["vi"],
        "the withdrawn version is not listed"
    );
    let rest = store
        .list_for_sitemap(&request("vi", 2, 2))
        .await
        .expect("sitemap");
    assert_eq!(
        rest.items.iter().map(|e| e.id).collect::<Vec<_>>(),
        [ids[2]]
    );
    let en = store
        .list_for_sitemap(&request("en", 1, 10))
        .await
        .expect("sitemap");
    assert_eq!((en.total, en.items.len()), (1, 1));
    let counted = store
        .list_for_sitemap(&request("vi", 1, 0))
        .await
        .expect("sitemap");
    assert_eq!((counted.total, counted.items.len()), (3, 0));

    let recent = store
        .list_for_sitemap(&SitemapRequest {
            published_within: Some(Duration::from_secs(48 * 3600)),
            ..request("vi", 1, 10)
        })
        .await
        .expect("sitemap");
    assert_eq!(recent.total, 1);
    assert_eq!(
        recent.items.iter().map(|e| e.id).collect::<Vec<_>>(),
        [ids[2]]
    );
}

// --- keyset pagination, time ranges, authors ---

/// The page of `size` cards of `filter` after `position` (from the start: `None`).
async fn page_after(
    store: &dyn Store,
    filter: &ArticleFilter,
    position: Option<ListPosition>,
    size: u32,
) -> Vec<ArticleCard> {
    let wanted = ArticleFilter {
        after: position,
        ..filter.clone()
    };
    let cards = store
        .list_article_cards(std::slice::from_ref(&wanted), size)
        .await
        .expect("a page of cards")
        .pop()
        .unwrap_or_default();
    assert!(cards.len() <= usize::try_from(size).expect("a small number"));
    cards
}

/// Reads `filter` page by page with `size` cards a page, each page from the last card of the
/// one before; the cards in the order read (at most 50 pages).
async fn walk(store: &dyn Store, filter: &ArticleFilter, size: u32) -> Vec<ArticleCard> {
    let mut all: Vec<ArticleCard> = Vec::new();
    for _ in 0..50 {
        let cards = page_after(store, filter, all.last().map(ListPosition::of), size).await;
        if cards.is_empty() {
            break;
        }
        all.extend(cards);
    }
    all
}

/// Read from the last card of each page, every list of [`LAYOUT`] (with and without
/// fallbacks, by category, with exclusions) gives each article once, in the order and
/// languages of the whole list, whatever the page size — two articles sharing an instant
/// included. `list_articles` with a position counts what is left after it.
pub async fn keyset_pages_walk_each_list_once_in_order(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let (ids, sub) = layout(&*store, &seed).await;
    for filter in layout_filters(&seed, sub, &ids) {
        let whole = expected_list(&filter, &ids, &seed, sub);
        for size in [1_u32, 2, 3, 5, 100] {
            let cards = walk(&*store, &filter, size).await;
            let shown: Vec<(ArticleId, String)> = cards
                .iter()
                .map(|card| (card.id, card.language.to_string()))
                .collect();
            assert_eq!(shown, whole, "{filter:?}, pages of {size}");
        }
        for (n, (id, _)) in whole.iter().enumerate() {
            let article = store.article(*id).await.expect("read").expect("stored");
            let position = ListPosition {
                published_at: article.published_at,
                id: *id,
            };
            let rest = store
                .list_articles(
                    &ArticleFilter {
                        after: Some(position),
                        ..filter.clone()
                    },
                    PageRequest::first(50),
                )
                .await
                .expect("the rest");
            let expected: Vec<ArticleId> = whole[n + 1..].iter().map(|(id, _)| *id).collect();
            let got: Vec<ArticleId> = rest.items.iter().map(|c| c.id).collect();
            assert_eq!(got, expected, "{filter:?} after {position:?}");
            assert_eq!(rest.total, u64::try_from(expected.len()).expect("small"));
        }
    }
}

/// Articles published (or translated) while a list is read page by page never shift the
/// pages still to come: the walk gives each article that was there at the start exactly
/// once, in order, and none twice; the new ones are newer than the position and so are
/// found by a reader starting again.
pub async fn keyset_pages_stay_stable_while_articles_are_added(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let (ids, sub) = layout(&*store, &seed).await;
    let filter = ArticleFilter {
        fallbacks: vec![lang("vi")],
        ..ArticleFilter::in_language(lang("en"))
    };
    let whole = expected_list(&filter, &ids, &seed, sub);
    let mut added = Vec::new();
    let mut cards: Vec<ArticleCard> = Vec::new();
    for page in 0..50 {
        let more = page_after(&*store, &filter, cards.last().map(ListPosition::of), 2).await;
        if more.is_empty() {
            break;
        }
        cards.extend(more);
        // One newer article per page, with an English version.
        let new = article(&seed, &format!("Tin mới {page}"), "2026-09-01T00:00:00Z");
        let id = store.create_article(new).await.expect("create");
        store
            .save_version(draft(id, "en", &format!("News {page}"), Origin::Human))
            .await
            .expect("translate");
        added.push(id);
    }
    let shown: Vec<(ArticleId, String)> = cards
        .iter()
        .map(|card| (card.id, card.language.to_string()))
        .collect();
    assert_eq!(shown, whole);
    let again = walk(&*store, &filter, 3).await;
    let mut seen: Vec<ArticleId> = again.iter().map(|c| c.id).collect();
    assert_eq!(seen.len(), whole.len() + added.len());
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), whole.len() + added.len(), "no article twice");
}

/// `published_since` and `published_until` keep the articles first published within the
/// range, both ends included, with or without fallbacks, and combine with a position.
pub async fn lists_articles_published_within_a_time_range(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let (ids, sub) = layout(&*store, &seed).await;
    let since = at("2026-08-03T00:00:00Z");
    let until = at("2026-08-08T00:00:00Z");
    for filter in layout_filters(&seed, sub, &ids) {
        let ranged = ArticleFilter {
            published_since: Some(since),
            published_until: Some(until),
            ..filter.clone()
        };
        let mut expected = Vec::new();
        for (id, language) in expected_list(&filter, &ids, &seed, sub) {
            let article = store.article(id).await.expect("read").expect("stored");
            if article.published_at >= since && article.published_at <= until {
                expected.push((id, language));
            }
        }
        let cards = walk(&*store, &ranged, 2).await;
        let shown: Vec<(ArticleId, String)> = cards
            .iter()
            .map(|card| (card.id, card.language.to_string()))
            .collect();
        assert_eq!(shown, expected, "{ranged:?}");
        let page = store
            .list_articles(&ranged, PageRequest::first(50))
            .await
            .expect("list");
        assert_eq!(page.total, u64::try_from(expected.len()).expect("small"));
    }
    let only_since = ArticleFilter {
        published_since: Some(at("2026-08-12T00:00:00Z")),
        ..ArticleFilter::in_language(lang("vi"))
    };
    assert_eq!(listed(&*store, only_since).await, [ids[0]]);
    let only_until = ArticleFilter {
        published_until: Some(at("2026-08-01T00:00:00Z")),
        ..ArticleFilter::in_language(lang("vi"))
    };
    assert_eq!(listed(&*store, only_until).await, [ids[ids.len() - 1]]);
    let empty = ArticleFilter {
        published_since: Some(until),
        published_until: Some(since),
        ..ArticleFilter::in_language(lang("vi"))
    };
    assert!(listed(&*store, empty).await.is_empty());
}

/// `list_authors` gives every author, by key, with their names and outlet.
pub async fn lists_every_author_by_key(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    assert!(store.list_authors().await.expect("no authors").is_empty());
    for (key, name) in [("minh", "Trần Văn Minh"), ("an", "Lê An"), ("zoe", "Zoe")] {
        store
            .create_author(NewAuthor {
                term: term(key, &[("vi", name), ("fa", "نویسنده")]),
                source: (key != "zoe").then_some(seed.source),
            })
            .await
            .expect("author");
    }
    store
        .create_topic(term("not-an-author", &[("vi", "Chủ đề")]))
        .await
        .expect("topic");
    let authors = store.list_authors().await.expect("authors");
    let keys: Vec<&str> = authors.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(keys, ["an", "minh", "zoe"]);
    assert_eq!(authors[1].source, Some(seed.source));
    assert_eq!(authors[2].source, None);
    assert_eq!(
        authors[1].names.get(&lang("vi")).map(|n| n.name.as_str()),
        Some("Trần Văn Minh")
    );
    assert_eq!(slug_in(&authors[1].names, "fa"), "نویسنده");
}

// --- the newsroom: accounts, sessions, the audit log ---

fn new_user(email: &str, role: Role) -> NewUser {
    NewUser {
        email: email.to_owned(),
        display_name: format!("Người dùng {email}"),
        role,
        languages: Vec::new(),
        locale: None,
        password_hash: format!("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$hash-of-{email}"),
    }
}

async fn account(store: &dyn Store, email: &str, role: Role) -> User {
    store
        .create_user(new_user(email, role))
        .await
        .expect("create an account")
}

fn session_of(user: UserId, token: &str, expires_at: Timestamp) -> Session {
    Session {
        token_hash: format!("sha256-of-{token}"),
        user,
        csrf_token: format!("csrf-of-{token}"),
        created_at: at("2026-06-01T08:00:00Z"),
        expires_at,
    }
}

async fn signed_in(store: &dyn Store, session: &Session, now: Timestamp) -> Option<UserId> {
    store
        .session(&session.token_hash, now)
        .await
        .expect("read a session")
        .map(|(found, user)| {
            assert_eq!(&found, session, "the session is read back as kept");
            user.id
        })
}

/// The e-mail is trimmed and lower-cased on the way in and compared in lower case on the way
/// out, so one address is one account whatever its case; a translator's languages and a
/// chosen admin language come back as given.
pub async fn accounts_keep_a_trimmed_lower_case_email_that_is_unique(store: Arc<dyn Store>) {
    let mut translator = new_user("  Dich.Gia@Example.ORG ", Role::Translator);
    translator.languages = vec![lang("fa"), lang("zh-Hans")];
    translator.locale = Some(lang("vi"));
    let hash = translator.password_hash.clone();
    let created = store.create_user(translator).await.expect("create");
    assert_eq!(created.email, "dich.gia@example.org");
    assert_eq!(created.role, Role::Translator);
    assert_eq!(created.languages, [lang("fa"), lang("zh-Hans")]);
    assert_eq!(created.locale, Some(lang("vi")));
    assert!(!created.disabled);
    assert_eq!((created.failed_logins, created.locked_until), (0, None));
    assert_eq!(
        store.user(created.id).await.expect("read"),
        Some(created.clone())
    );

    let (found, stored_hash) = store
        .user_by_email("DICH.GIA@example.org")
        .await
        .expect("by e-mail")
        .expect("found whatever the case");
    assert_eq!((found, stored_hash), (created.clone(), hash));

    let again = store
        .create_user(new_user("dich.gia@EXAMPLE.org", Role::Editor))
        .await;
    assert!(
        matches!(&again, Err(StoreError::Conflict { constraint }) if constraint == "users_email_unique"),
        "{again:?}"
    );
    let blank = store.create_user(new_user("   ", Role::Editor)).await;
    assert!(matches!(blank, Err(StoreError::Invalid(_))), "{blank:?}");
    let mut no_hash = new_user("a@example.org", Role::Editor);
    no_hash.password_hash = String::new();
    let no_hash = store.create_user(no_hash).await;
    assert!(
        matches!(no_hash, Err(StoreError::Invalid(_))),
        "{no_hash:?}"
    );

    account(&*store, "bien.tap@example.org", Role::Editor).await;
    account(&*store, "admin@example.org", Role::Admin).await;
    let emails: Vec<String> = store
        .list_users()
        .await
        .expect("list")
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert_eq!(
        emails,
        [
            "admin@example.org",
            "bien.tap@example.org",
            "dich.gia@example.org"
        ]
    );
    assert_eq!(store.user(UserId::new(9_999)).await.expect("read"), None);
    assert!(
        store
            .user_by_email("nobody@example.org")
            .await
            .expect("read")
            .is_none()
    );
}

/// An update writes the fields it carries and leaves the others; `Some(None)` clears the
/// admin language.
pub async fn updating_an_account_changes_only_what_is_given(store: Arc<dyn Store>) {
    let mut new = new_user("tv@example.org", Role::Editor);
    new.locale = Some(lang("fa"));
    let before = store.create_user(new).await.expect("create");

    let renamed = store
        .update_user(
            before.id,
            UserUpdate {
                display_name: Some("Trần Văn".to_owned()),
                ..UserUpdate::default()
            },
        )
        .await
        .expect("rename");
    assert_eq!(
        renamed,
        User {
            display_name: "Trần Văn".to_owned(),
            ..before.clone()
        }
    );

    let changed = store
        .update_user(
            before.id,
            UserUpdate {
                role: Some(Role::Translator),
                languages: Some(vec![lang("ar"), lang("ja")]),
                locale: Some(None),
                ..UserUpdate::default()
            },
        )
        .await
        .expect("change role");
    assert_eq!(changed.display_name, "Trần Văn");
    assert_eq!(changed.role, Role::Translator);
    assert_eq!(changed.languages, [lang("ar"), lang("ja")]);
    assert_eq!(changed.locale, None);
    assert_eq!(
        store.user(before.id).await.expect("read"),
        Some(changed.clone())
    );

    let unchanged = store
        .update_user(before.id, UserUpdate::default())
        .await
        .expect("empty update");
    assert_eq!(unchanged, changed);

    let missing = store
        .update_user(UserId::new(9_999), UserUpdate::default())
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
}

/// Taking rights away ends the sessions at once: a new password or a disabled account signs
/// every browser out; enabling the account again does not bring them back.
pub async fn disabling_an_account_or_changing_its_password_ends_its_sessions(
    store: Arc<dyn Store>,
) {
    let now = at("2026-06-01T09:00:00Z");
    let until = at("2026-06-02T09:00:00Z");
    let editor = account(&*store, "editor@example.org", Role::Editor).await;
    let other = account(&*store, "other@example.org", Role::Moderator).await;
    let laptop = session_of(editor.id, "laptop", until);
    let phone = session_of(editor.id, "phone", until);
    let others = session_of(other.id, "other", until);
    for session in [&laptop, &phone, &others] {
        store
            .create_session(session.clone())
            .await
            .expect("sign in");
    }
    assert_eq!(signed_in(&*store, &laptop, now).await, Some(editor.id));

    store
        .set_password(editor.id, "$argon2id$v=19$new")
        .await
        .expect("new password");
    assert_eq!(signed_in(&*store, &laptop, now).await, None);
    assert_eq!(signed_in(&*store, &phone, now).await, None);
    assert_eq!(
        signed_in(&*store, &others, now).await,
        Some(other.id),
        "other accounts stay signed in"
    );
    let (_, hash) = store
        .user_by_email("editor@example.org")
        .await
        .expect("read")
        .expect("found");
    assert_eq!(hash, "$argon2id$v=19$new");

    store
        .create_session(laptop.clone())
        .await
        .expect("sign in again");
    let disabled = store
        .update_user(
            editor.id,
            UserUpdate {
                disabled: Some(true),
                ..UserUpdate::default()
            },
        )
        .await
        .expect("disable");
    assert!(disabled.disabled);
    assert_eq!(signed_in(&*store, &laptop, now).await, None);
    store
        .update_user(
            editor.id,
            UserUpdate {
                disabled: Some(false),
                ..UserUpdate::default()
            },
        )
        .await
        .expect("enable");
    assert_eq!(
        signed_in(&*store, &laptop, now).await,
        None,
        "the ended session stays ended"
    );
    assert_eq!(signed_in(&*store, &others, now).await, Some(other.id));

    let missing = store.set_password(UserId::new(9_999), "$argon2id$x").await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
}

/// A session is found by its token hash until the instant it ends, never for a disabled
/// account; signing out and the sweep of expired sessions forget it.
pub async fn a_session_answers_until_it_expires_and_never_for_a_disabled_account(
    store: Arc<dyn Store>,
) {
    let start = at("2026-06-01T09:00:00Z");
    let user = account(&*store, "a@example.org", Role::Admin).await;
    let short = session_of(user.id, "short", later(start, 60));
    let long = session_of(user.id, "long", later(start, 3_600));
    store.create_session(short.clone()).await.expect("sign in");
    store.create_session(long.clone()).await.expect("sign in");
    let twice = store.create_session(short.clone()).await;
    assert!(
        matches!(twice, Err(StoreError::Conflict { .. })),
        "{twice:?}"
    );

    let (found, found_user) = store
        .session(&short.token_hash, start)
        .await
        .expect("read")
        .expect("a live session");
    assert_eq!(found, short);
    assert_eq!(found_user, user);
    assert_eq!(
        signed_in(&*store, &short, later(start, 59)).await,
        Some(user.id)
    );
    assert_eq!(signed_in(&*store, &short, later(start, 60)).await, None);
    assert_eq!(
        store
            .session("sha256-of-unknown", start)
            .await
            .expect("read"),
        None
    );

    assert_eq!(
        store
            .delete_expired_sessions(later(start, 120))
            .await
            .expect("sweep"),
        1
    );
    assert_eq!(
        signed_in(&*store, &long, later(start, 120)).await,
        Some(user.id)
    );
    store
        .delete_session(&long.token_hash)
        .await
        .expect("sign out");
    assert_eq!(signed_in(&*store, &long, start).await, None);
    store
        .delete_session(&long.token_hash)
        .await
        .expect("signing out twice is fine");
    assert_eq!(
        store
            .delete_expired_sessions(later(start, 7_200))
            .await
            .expect("sweep"),
        0
    );

    let mut gone = new_user("gone@example.org", Role::Editor);
    gone.display_name = "Gone".to_owned();
    let gone = store.create_user(gone).await.expect("create");
    store
        .update_user(
            gone.id,
            UserUpdate {
                disabled: Some(true),
                ..UserUpdate::default()
            },
        )
        .await
        .expect("disable");
    let kept = session_of(gone.id, "gone", later(start, 3_600));
    store
        .create_session(kept.clone())
        .await
        .expect("a session kept for a disabled account");
    assert_eq!(signed_in(&*store, &kept, start).await, None);
}

/// Failures count in a row; the one reaching the threshold locks sign-in for `lock_for` from
/// then, each later one pushes the lock on, and a success clears both.
pub async fn sign_in_failures_lock_the_account_at_the_threshold_until_a_success(
    store: Arc<dyn Store>,
) {
    let lock_for = Duration::from_secs(900);
    let user = account(&*store, "a@example.org", Role::Editor).await;
    let t0 = at("2026-06-01T09:00:00Z");
    for n in 1..=2 {
        let after = store
            .record_login_failure(user.id, later(t0, n), 3, lock_for)
            .await
            .expect("count a failure");
        assert_eq!(after.failed_logins, u32::try_from(n).expect("small"));
        assert_eq!(after.locked_until, None);
        assert!(!after.is_locked(later(t0, n)));
    }
    let locked = store
        .record_login_failure(user.id, later(t0, 3), 3, lock_for)
        .await
        .expect("count a failure");
    assert_eq!(locked.failed_logins, 3);
    assert_eq!(locked.locked_until, Some(later(t0, 903)));
    assert!(locked.is_locked(later(t0, 902)));
    assert!(!locked.is_locked(later(t0, 903)));
    assert_eq!(
        store.user(user.id).await.expect("read"),
        Some(locked.clone())
    );

    let pushed = store
        .record_login_failure(user.id, later(t0, 1_000), 3, lock_for)
        .await
        .expect("count a failure");
    assert_eq!(pushed.failed_logins, 4);
    assert_eq!(pushed.locked_until, Some(later(t0, 1_900)));

    store
        .record_login_success(user.id)
        .await
        .expect("a success");
    let cleared = store.user(user.id).await.expect("read").expect("found");
    assert_eq!((cleared.failed_logins, cleared.locked_until), (0, None));

    let missing = store
        .record_login_failure(UserId::new(9_999), t0, 3, lock_for)
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
    let missing = store.record_login_success(UserId::new(9_999)).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
}

fn audit_event(user: Option<UserId>, action: &str, kind: &str, target: &str) -> NewAuditEvent {
    NewAuditEvent {
        user,
        actor: user.map_or_else(|| "cli".to_owned(), |u| format!("user-{}", u.get())),
        action: action.to_owned(),
        target_kind: kind.to_owned(),
        target: target.to_owned(),
        detail: "state: draft → published · نتیجه‌گیری".to_owned(),
    }
}

/// The log comes back newest first, a page at a time with the whole count, whole or narrowed
/// to one person, one kind of target or one target; a recorded line comes back as recorded.
pub async fn the_audit_log_lists_newest_first_narrowed_by_person_or_target(store: Arc<dyn Store>) {
    let editor = account(&*store, "editor@example.org", Role::Editor).await;
    let admin = account(&*store, "admin@example.org", Role::Admin).await;
    let mut recorded = Vec::new();
    for event in [
        audit_event(None, "user.create", "user", &admin.id.get().to_string()),
        audit_event(Some(editor.id), "article.publish", "article", "7"),
        audit_event(Some(admin.id), "source.pause", "source", "vna"),
        audit_event(Some(editor.id), "article.withdraw", "article", "8"),
        audit_event(Some(editor.id), "article.publish", "article", "7"),
    ] {
        let line = store.record_audit(event.clone()).await.expect("record");
        assert_eq!(
            (
                line.user,
                &line.actor,
                &line.action,
                &line.target_kind,
                &line.target,
                &line.detail
            ),
            (
                event.user,
                &event.actor,
                &event.action,
                &event.target_kind,
                &event.target,
                &event.detail
            )
        );
        recorded.push(line);
    }
    let ids = |events: &[herald_domain::AuditEvent]| -> Vec<i64> {
        events.iter().map(|e| e.id).collect()
    };
    let newest_first: Vec<i64> = recorded.iter().rev().map(|e| e.id).collect();

    let all = store
        .list_audit(&AuditFilter::default(), PageRequest::first(50))
        .await
        .expect("list");
    assert_eq!(all.total, 5);
    assert_eq!(ids(&all.items), newest_first);
    assert_eq!(all.items[0], recorded[4], "a line reads back as recorded");

    let second = store
        .list_audit(&AuditFilter::default(), PageRequest { number: 2, size: 2 })
        .await
        .expect("page 2");
    assert_eq!(second.total, 5);
    assert_eq!(ids(&second.items), newest_first[2..4]);

    let by_editor = store
        .list_audit(
            &AuditFilter {
                user: Some(editor.id),
                ..AuditFilter::default()
            },
            PageRequest::first(50),
        )
        .await
        .expect("by person");
    assert_eq!(
        ids(&by_editor.items),
        [recorded[4].id, recorded[3].id, recorded[1].id]
    );
    assert_eq!(by_editor.total, 3);

    let articles = store
        .list_audit(
            &AuditFilter {
                target_kind: Some("article".to_owned()),
                ..AuditFilter::default()
            },
            PageRequest::first(50),
        )
        .await
        .expect("by kind");
    assert_eq!(articles.total, 3);

    let one = store
        .list_audit(
            &AuditFilter {
                user: Some(editor.id),
                target_kind: Some("article".to_owned()),
                target: Some("7".to_owned()),
            },
            PageRequest::first(1),
        )
        .await
        .expect("one target");
    assert_eq!(one.total, 2);
    assert_eq!(ids(&one.items), [recorded[4].id]);

    let nobody = store
        .list_audit(
            &AuditFilter {
                user: Some(admin.id),
                target_kind: Some("article".to_owned()),
                ..AuditFilter::default()
            },
            PageRequest::first(50),
        )
        .await
        .expect("nothing");
    assert_eq!((nobody.total, nobody.items.len()), (0, 0));
}

/// Signing in, failing to, signing out and auditing touch no published content, so they do
/// not empty the page caches.
pub async fn accounts_sessions_and_the_audit_log_are_not_content(store: Arc<dyn Store>) {
    let before = store.content_revision().await.expect("revision");
    let user = account(&*store, "a@example.org", Role::Editor).await;
    let session = session_of(user.id, "t", at("2026-06-02T00:00:00Z"));
    store
        .create_session(session.clone())
        .await
        .expect("sign in");
    store
        .record_login_failure(
            user.id,
            at("2026-06-01T00:00:00Z"),
            1,
            Duration::from_secs(60),
        )
        .await
        .expect("fail");
    store.record_login_success(user.id).await.expect("succeed");
    store
        .update_user(
            user.id,
            UserUpdate {
                display_name: Some("B".to_owned()),
                ..UserUpdate::default()
            },
        )
        .await
        .expect("update");
    store
        .set_password(user.id, "$argon2id$other")
        .await
        .expect("password");
    store
        .record_audit(audit_event(Some(user.id), "user.update", "user", "1"))
        .await
        .expect("audit");
    store
        .delete_session(&session.token_hash)
        .await
        .expect("sign out");
    store
        .delete_expired_sessions(at("2026-07-01T00:00:00Z"))
        .await
        .expect("sweep");
    assert_eq!(store.content_revision().await.expect("revision"), before);
}

// --- the newsroom: the admin's reads and edits ---

/// Creates an article in `state` with its original in Vietnamese.
async fn article_in_state(
    store: &dyn Store,
    seed: &Seed,
    title: &str,
    published_at: &str,
    state: EditorialState,
) -> ArticleId {
    store
        .create_article(NewArticle {
            state,
            ..article(seed, title, published_at)
        })
        .await
        .expect("create an article")
}

async fn admin_list(store: &dyn Store, filter: AdminArticleFilter) -> Vec<ArticleId> {
    store
        .admin_articles(&filter, PageRequest::first(50))
        .await
        .expect("the admin's list")
        .items
        .iter()
        .map(|row| row.article.id)
        .collect()
}

/// Drafts, held and withdrawn articles are listed with published ones, newest first, each
/// with its original's title and state and every version by language tag.
pub async fn the_admin_lists_articles_in_every_state_newest_first_with_their_versions(
    store: Arc<dyn Store>,
) {
    let seed = seed(&*store).await;
    let published = article_in_state(
        &*store,
        &seed,
        "Hà Nội mở rộng metro",
        "2026-06-01T00:00:00Z",
        EditorialState::Published,
    )
    .await;
    let held = article_in_state(
        &*store,
        &seed,
        "Bão số 3",
        "2026-06-02T00:00:00Z",
        EditorialState::Draft,
    )
    .await;
    let withdrawn = article_in_state(
        &*store,
        &seed,
        "Giá vàng",
        "2026-06-03T00:00:00Z",
        EditorialState::Withdrawn,
    )
    .await;
    let same_time = article_in_state(
        &*store,
        &seed,
        "Cùng giờ",
        "2026-06-03T00:00:00Z",
        EditorialState::Review,
    )
    .await;
    store
        .save_version(translation(
            published,
            "fa",
            "مترو هانوی",
            Origin::Machine,
            1,
        ))
        .await
        .expect("fa");
    store
        .save_version(VersionDraft {
            state: EditorialState::Review,
            ..draft(published, "en", "Hanoi metro", Origin::Human)
        })
        .await
        .expect("en");

    let page = store
        .admin_articles(&AdminArticleFilter::default(), PageRequest::first(50))
        .await
        .expect("list");
    assert_eq!(page.total, 4);
    let ids: Vec<ArticleId> = page.items.iter().map(|row| row.article.id).collect();
    assert_eq!(ids, [same_time, withdrawn, held, published]);
    let row = &page.items[3];
    assert_eq!(
        Some(&row.article),
        store.article(published).await.expect("read").as_ref()
    );
    assert_eq!(row.title, "Hà Nội mở rộng metro");
    assert_eq!(row.state, EditorialState::Published);
    assert_eq!(
        row.versions,
        [
            (lang("en"), Origin::Human, EditorialState::Review),
            (lang("fa"), Origin::Machine, EditorialState::Published),
            (lang("vi"), Origin::Original, EditorialState::Published),
        ]
    );
    assert_eq!(page.items[1].state, EditorialState::Withdrawn);
    assert_eq!(
        page.items[1].versions,
        [(lang("vi"), Origin::Original, EditorialState::Withdrawn)]
    );

    let second = store
        .admin_articles(
            &AdminArticleFilter::default(),
            PageRequest { number: 2, size: 3 },
        )
        .await
        .expect("page 2");
    assert_eq!(second.total, 4);
    assert_eq!(second.items.len(), 1);
    assert_eq!(second.items[0].article.id, published);
}

/// Each field of the filter narrows the list: words of the original title in any case
/// (wildcards taken literally), the source, the category, the original's state, a version in
/// a language.
pub async fn the_admin_list_narrows_by_words_source_category_state_and_language(
    store: Arc<dyn Store>,
) {
    let seed = seed(&*store).await;
    let sport = store
        .create_category(category("sport", "Sport", None, 1))
        .await
        .expect("category")
        .id;
    let other_source = another_source(&*store, "tuoitre").await;
    let metro = article_in_state(
        &*store,
        &seed,
        "Hà Nội mở rộng metro",
        "2026-06-01T00:00:00Z",
        EditorialState::Published,
    )
    .await;
    let storm = article_in_state(
        &*store,
        &seed,
        "Bão số 3 giảm 50% sức gió",
        "2026-06-02T00:00:00Z",
        EditorialState::Draft,
    )
    .await;
    let football = store
        .create_article(NewArticle {
            source: other_source,
            category: sport,
            ..article(&seed, "Bóng đá: Hà Nội thắng", "2026-06-03T00:00:00Z")
        })
        .await
        .expect("create");
    store
        .save_version(translation(football, "en", "Football", Origin::Machine, 1))
        .await
        .expect("en");

    let words = |q: &str| AdminArticleFilter {
        query: Some(q.to_owned()),
        ..AdminArticleFilter::default()
    };
    assert_eq!(admin_list(&*store, words("METRO")).await, [metro]);
    assert_eq!(
        admin_list(&*store, words("Hà Nội")).await,
        [football, metro]
    );
    assert_eq!(admin_list(&*store, words("50%")).await, [storm]);
    assert_eq!(admin_list(&*store, words("5_%")).await, []);
    assert_eq!(
        admin_list(&*store, words("Football")).await,
        [],
        "only the original's title"
    );
    assert_eq!(
        admin_list(&*store, words("  ")).await,
        [football, storm, metro],
        "blank words narrow nothing"
    );
    assert_eq!(
        admin_list(
            &*store,
            AdminArticleFilter {
                source: Some(other_source),
                ..AdminArticleFilter::default()
            }
        )
        .await,
        [football]
    );
    assert_eq!(
        admin_list(
            &*store,
            AdminArticleFilter {
                category: Some(seed.category),
                ..AdminArticleFilter::default()
            }
        )
        .await,
        [storm, metro]
    );
    assert_eq!(
        admin_list(
            &*store,
            AdminArticleFilter {
                state: Some(EditorialState::Draft),
                ..AdminArticleFilter::default()
            }
        )
        .await,
        [storm]
    );
    assert_eq!(
        admin_list(
            &*store,
            AdminArticleFilter {
                language: Some(lang("en")),
                ..AdminArticleFilter::default()
            }
        )
        .await,
        [football]
    );
    let narrowed = store
        .admin_articles(
            &AdminArticleFilter {
                query: Some("hà".to_owned()),
                source: Some(seed.source),
                category: Some(seed.category),
                state: Some(EditorialState::Published),
                language: Some(lang("vi")),
            },
            PageRequest::first(10),
        )
        .await
        .expect("every field at once");
    assert_eq!(narrowed.total, 1);
    assert_eq!(narrowed.items[0].article.id, metro);
}

async fn place(store: &dyn Store, key: &str, name: &str) -> PlaceId {
    store
        .create_place(NewPlace {
            term: term(key, &[("vi", name)]),
            kind: PlaceKind::Province,
            parent: None,
        })
        .await
        .expect("create a place")
        .id
}

/// An edit writes what it carries (category, topics in the order given, place, featured),
/// leaves the rest, and moves the content revision.
pub async fn editing_an_article_refiles_it_and_raises_content_revision(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let sport = store
        .create_category(category("sport", "Sport", None, 1))
        .await
        .expect("category")
        .id;
    let flood = store
        .create_topic(term("lu-lut", &[("vi", "Lũ lụt")]))
        .await
        .expect("topic")
        .id;
    let traffic = store
        .create_topic(term("giao-thong", &[("vi", "Giao thông")]))
        .await
        .expect("topic")
        .id;
    let hue = place(&*store, "hue", "Huế").await;
    let id = store
        .create_article(NewArticle {
            topics: vec![flood],
            ..article(&seed, "Tin", "2026-06-01T00:00:00Z")
        })
        .await
        .expect("create");
    let before = store.article(id).await.expect("read").expect("exists");
    let revision = store.content_revision().await.expect("revision");

    store
        .edit_article(
            id,
            ArticleEdit {
                category: Some(sport),
                topics: Some(vec![traffic, flood, traffic]),
                place: Some(Some(hue)),
                featured: Some(true),
            },
        )
        .await
        .expect("edit");
    let edited = store.article(id).await.expect("read").expect("exists");
    assert_eq!(edited.category, sport);
    assert_eq!(edited.topics, [traffic, flood]);
    assert_eq!(edited.place, Some(hue));
    assert!(edited.featured);
    assert_eq!(
        (edited.revision, edited.published_at, edited.source),
        (before.revision, before.published_at, before.source),
        "the filing is not the text: translations stay current"
    );
    let after_edit = store.content_revision().await.expect("revision");
    assert!(after_edit > revision);

    store
        .edit_article(
            id,
            ArticleEdit {
                place: Some(None),
                topics: Some(Vec::new()),
                ..ArticleEdit::default()
            },
        )
        .await
        .expect("clear");
    let cleared = store.article(id).await.expect("read").expect("exists");
    assert_eq!(cleared.place, None);
    assert!(cleared.topics.is_empty());
    assert_eq!(cleared.category, sport, "left as it was");
    assert!(cleared.featured, "left as it was");
    assert!(store.content_revision().await.expect("revision") > after_edit);
}

/// `NotFound` for an article that is not there; `Invalid` for a category, topic or place
/// that is not one (an id of another kind included), and nothing is written then.
pub async fn editing_refuses_unknown_articles_and_terms_of_the_wrong_kind(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let topic = store
        .create_topic(term("bau-cu", &[("vi", "Bầu cử")]))
        .await
        .expect("topic")
        .id;
    let id = store
        .create_article(article(&seed, "Tin", "2026-06-01T00:00:00Z"))
        .await
        .expect("create");
    let missing = store
        .edit_article(
            ArticleId::new(id.get() + 1_000),
            ArticleEdit {
                featured: Some(true),
                ..ArticleEdit::default()
            },
        )
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );

    for edit in [
        ArticleEdit {
            category: Some(CategoryId::new(topic.get())),
            featured: Some(true),
            ..ArticleEdit::default()
        },
        ArticleEdit {
            topics: Some(vec![topic, TopicId::new(seed.category.get())]),
            ..ArticleEdit::default()
        },
        ArticleEdit {
            place: Some(Some(PlaceId::new(99_999))),
            ..ArticleEdit::default()
        },
    ] {
        let refused = store.edit_article(id, edit.clone()).await;
        assert!(
            matches!(refused, Err(StoreError::Invalid(_))),
            "{edit:?}: {refused:?}"
        );
    }
    let unchanged = store.article(id).await.expect("read").expect("exists");
    assert_eq!(unchanged.category, seed.category);
    assert!(!unchanged.featured);
    assert!(unchanged.topics.is_empty());
}

/// Publishing, holding or withdrawing one version writes only its state (its text, slug and
/// origin stay), shows in the public lists and moves the content revision.
pub async fn a_version_changes_state_keeping_its_text_and_origin(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let id = store
        .create_article(article(&seed, "Tin", "2026-06-01T00:00:00Z"))
        .await
        .expect("create");
    store
        .save_version(translation(id, "en", "News", Origin::Machine, 1))
        .await
        .expect("en");
    let before = store
        .version(id, &lang("en"))
        .await
        .expect("read")
        .expect("en");
    assert_eq!(
        listed(&*store, ArticleFilter::in_language(lang("en"))).await,
        [id]
    );
    let revision = store.content_revision().await.expect("revision");

    store
        .set_version_state(id, &lang("en"), EditorialState::Withdrawn)
        .await
        .expect("withdraw");
    let after = store
        .version(id, &lang("en"))
        .await
        .expect("read")
        .expect("en");
    assert_eq!(
        after,
        herald_domain::Version {
            state: EditorialState::Withdrawn,
            ..before.clone()
        }
    );
    assert!(
        listed(&*store, ArticleFilter::in_language(lang("en")))
            .await
            .is_empty()
    );
    assert!(store.content_revision().await.expect("revision") > revision);
    assert_eq!(
        store
            .version(id, &lang("vi"))
            .await
            .expect("read")
            .expect("vi")
            .state,
        EditorialState::Published,
        "the other versions keep theirs"
    );

    store
        .set_version_state(id, &lang("en"), EditorialState::Published)
        .await
        .expect("publish again");
    assert_eq!(
        listed(&*store, ArticleFilter::in_language(lang("en"))).await,
        [id]
    );

    for (article, tag) in [(id, "fr"), (ArticleId::new(id.get() + 1_000), "vi")] {
        let missing = store
            .set_version_state(article, &lang(tag), EditorialState::Review)
            .await;
        assert!(
            matches!(missing, Err(StoreError::NotFound(_))),
            "{missing:?}"
        );
    }
}

/// A translation is stale when made from an older revision than its article's, whoever made
/// it, unless withdrawn; publisher translations and originals never are. Most recently
/// corrected originals come first; a language narrows the list.
pub async fn stale_versions_are_live_translations_of_an_older_revision(store: Arc<dyn Store>) {
    let seed = seed(&*store).await;
    let first = store
        .create_article(article(&seed, "Cầu Rồng", "2026-06-01T00:00:00Z"))
        .await
        .expect("create");
    let untouched = store
        .create_article(article(&seed, "Phố cổ", "2026-06-02T00:00:00Z"))
        .await
        .expect("create");
    let second = store
        .create_article(article(&seed, "Sông Hàn", "2026-06-03T00:00:00Z"))
        .await
        .expect("create");
    for (id, tag, origin) in [
        (first, "en", Origin::Machine),
        (first, "fa", Origin::PostEdited),
        (first, "ja", Origin::Machine),
        (first, "fr", Origin::Publisher),
        (untouched, "en", Origin::Machine),
        (second, "en", Origin::Reviewed),
    ] {
        store
            .save_version(translation(
                id,
                tag,
                &format!("{tag} {}", id.get()),
                origin,
                1,
            ))
            .await
            .expect("a translation");
    }
    store
        .save_version(draft(first, "de", "Ohne Herkunft", Origin::Human))
        .await
        .expect("a translation without provenance");
    store
        .set_version_state(first, &lang("ja"), EditorialState::Withdrawn)
        .await
        .expect("withdraw");
    let none = store
        .stale_versions(None, PageRequest::first(10))
        .await
        .expect("stale");
    assert_eq!((none.total, none.items.len()), (0, 0));

    correct_original(&*store, first).await;
    correct_original(&*store, second).await;
    let second_original = store
        .version(second, &lang("vi"))
        .await
        .expect("read")
        .expect("vi");

    let all = store
        .stale_versions(None, PageRequest::first(10))
        .await
        .expect("stale");
    let found: Vec<(ArticleId, String)> = all
        .items
        .iter()
        .map(|s| (s.article, s.language.as_str().to_owned()))
        .collect();
    assert_eq!(
        found,
        [
            (second, "en".to_owned()),
            (first, "en".to_owned()),
            (first, "fa".to_owned()),
        ]
    );
    assert_eq!(all.total, 3);
    let newest = &all.items[0];
    assert_eq!(newest.title, format!("en {}", second.get()));
    assert_eq!(newest.origin, Origin::Reviewed);
    assert_eq!((newest.from_revision, newest.revision), (1, 2));
    assert_eq!(newest.updated_at, second_original.updated_at);

    let persian = store
        .stale_versions(Some(&lang("fa")), PageRequest::first(10))
        .await
        .expect("stale in fa");
    assert_eq!(persian.total, 1);
    assert_eq!(persian.items[0].article, first);
    assert_eq!(persian.items[0].origin, Origin::PostEdited);

    let second_page = store
        .stale_versions(Some(&lang("en")), PageRequest { number: 2, size: 1 })
        .await
        .expect("page 2");
    assert_eq!(second_page.total, 2);
    assert_eq!(second_page.items.len(), 1);
    assert_eq!(second_page.items[0].article, first);
}

/// Every field of a source is replaced but its key; a renamed name keeps its old slug for
/// redirects, a name no longer given is taken away, and the content revision moves.
pub async fn updating_a_source_replaces_all_but_its_key(store: Arc<dyn Store>) {
    let created = store
        .create_source(new_source(
            "baoquocte",
            &[("vi", "Báo Quốc tế"), ("en", "World News")],
        ))
        .await
        .expect("create");
    let old_slug = slug_of(&created.slugs, "vi").to_owned();
    let revision = store.content_revision().await.expect("revision");

    let mut replacement = new_source(
        "ignored-key",
        &[("vi", "Báo Thế giới"), ("fr", "Le Monde vu de Hanoï")],
    );
    replacement.descriptions = texts(&[("vi", "Tin thế giới.")]);
    replacement.home_url = url("https://thegioi.example/");
    replacement.feeds = vec![url("https://thegioi.example/rss.xml")];
    replacement.language = lang("en");
    replacement.region = Region::Mission {
        country: "FR".to_owned(),
    };
    replacement.trust = Trust::Review;
    replacement.licence = "CC BY 4.0".to_owned();
    replacement.credit = "Theo Báo Thế giới".to_owned();
    replacement.canonical = CanonicalPolicy::Herald;
    replacement.poll_interval_secs = 1_800;

    let updated = store
        .update_source(created.id, replacement.clone())
        .await
        .expect("update");
    assert_eq!(updated.id, created.id);
    assert_eq!(updated.key, "baoquocte");
    assert_eq!(
        updated.names,
        texts(&[("vi", "Báo Thế giới"), ("fr", "Le Monde vu de Hanoï")])
    );
    assert_eq!(updated.descriptions, replacement.descriptions);
    assert_eq!(updated.home_url, replacement.home_url);
    assert_eq!(updated.feeds, replacement.feeds);
    assert_eq!(updated.language, lang("en"));
    assert_eq!(updated.region, replacement.region);
    assert_eq!(updated.trust, Trust::Review);
    assert_eq!(updated.rights.licence, "CC BY 4.0");
    assert_eq!(updated.rights.credit, "Theo Báo Thế giới");
    assert_eq!(updated.rights.canonical, CanonicalPolicy::Herald);
    assert_eq!(updated.poll_interval_secs, 1_800);
    assert_eq!(updated.created_at, created.created_at);
    assert_eq!(
        store.source(created.id).await.expect("read"),
        Some(updated.clone())
    );
    assert_eq!(slug_of(&updated.slugs, "vi"), "bao-the-gioi");
    assert_eq!(
        store
            .find_term_by_slug(TermKind::Source, &lang("vi"), &old_slug)
            .await
            .expect("find"),
        Some(SlugMatch {
            value: created.id.get(),
            current: false
        }),
        "the old slug redirects"
    );
    assert!(store.content_revision().await.expect("revision") > revision);

    let same = store
        .update_source(created.id, replacement)
        .await
        .expect("the same again");
    assert_eq!(same, updated);

    let mut unreadable = new_source("baoquocte", &[("vi", "Báo")]);
    unreadable.region = Region::Mission {
        country: "france".to_owned(),
    };
    let refused = store.update_source(created.id, unreadable).await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(_))),
        "{refused:?}"
    );
    assert_eq!(
        store.source(created.id).await.expect("read"),
        Some(updated),
        "nothing written"
    );

    let missing = store
        .update_source(
            SourceId::new(created.id.get() + 1_000),
            new_source("x", &[("vi", "X")]),
        )
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
}

/// Every place, by key, and nothing else.
pub async fn lists_every_place_by_key(store: Arc<dyn Store>) {
    assert!(store.list_places().await.expect("none yet").is_empty());
    place(&*store, "hue", "Huế").await;
    place(&*store, "da-nang", "Đà Nẵng").await;
    store
        .create_topic(term("not-a-place", &[("vi", "Chủ đề")]))
        .await
        .expect("topic");
    let places = store.list_places().await.expect("places");
    let keys: Vec<&str> = places.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(keys, ["da-nang", "hue"]);
    assert_eq!(places[1].kind, PlaceKind::Province);
    assert_eq!(
        places[0].names.get(&lang("vi")).map(|n| n.name.as_str()),
        Some("Đà Nẵng")
    );
}

/// The latest jobs first, in the states asked (all when none are), at most `limit`.
pub async fn recent_jobs_are_the_newest_in_the_states_asked(store: Arc<dyn Store>) {
    let now = at("2026-06-01T00:00:00Z");
    let mut ids = Vec::new();
    for (article, to) in [(1, "en"), (2, "fa"), (3, "ja")] {
        ids.push(
            store
                .enqueue(translate(article, to), now)
                .await
                .expect("enqueue"),
        );
    }
    let claimed = store
        .claim_job("w1", now, LEASE, &[])
        .await
        .expect("claim")
        .expect("a job");
    store
        .complete_job(claimed.id, "w1")
        .await
        .expect("complete");

    let all: Vec<JobId> = store
        .recent_jobs(&[], 10)
        .await
        .expect("recent")
        .iter()
        .map(|j| j.id)
        .collect();
    let newest_first: Vec<JobId> = ids.iter().rev().copied().collect();
    assert_eq!(all, newest_first);
    let queued = store
        .recent_jobs(&[JobState::Queued, JobState::Failed], 10)
        .await
        .expect("queued");
    assert_eq!(queued.len(), 2);
    assert!(queued.iter().all(|j| j.state == JobState::Queued));
    assert!(queued.iter().all(|j| j.id != claimed.id));
    let done = store
        .recent_jobs(&[JobState::Done], 10)
        .await
        .expect("done");
    assert_eq!(done.iter().map(|j| j.id).collect::<Vec<_>>(), [claimed.id]);
    assert_eq!(done[0].job, claimed.job);
    let one = store.recent_jobs(&[], 1).await.expect("one");
    assert_eq!(one.iter().map(|j| j.id).collect::<Vec<_>>(), [ids[2]]);
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_check_is_named_in_the_macro() {
        let source = include_str!("contract.rs");
        let (macro_part, checks_part) = source
            .split_once("// --- checks ---")
            .expect("the checks section marker");
        for line in checks_part.lines() {
            if let Some(rest) = line.strip_prefix("pub async fn ") {
                let name = rest.split('(').next().expect("a function name");
                assert!(
                    macro_part.contains(&format!("            {name},")),
                    "check `{name}` is not in contract_tests!"
                );
            }
        }
    }
}
