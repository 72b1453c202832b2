//! A store, a pipeline and the fixture newsroom, wired for one test.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use herald_domain::{
    CanonicalPolicy, Clock, IngestRule, IngestRules, Language, Localized, Region, Source, SourceId,
    Timestamp, Trust,
};
use herald_ingest::{AddressAllowList, FetchPolicy, Fetcher};
use herald_pipeline::{Pipeline, PipelineSettings, Ran, Worker};
use herald_store::{NewCategory, NewSource, NewTerm, Store};
use herald_store_sqlx::SqlStore;
use herald_translate::Engines;
use url::Url;

use crate::newsroom::Newsroom;

/// A clock the test moves by hand.
pub(crate) struct TestClock(AtomicI64);

impl TestClock {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(Self(AtomicI64::new(
            "2026-11-26T08:00:00Z"
                .parse::<Timestamp>()
                .unwrap()
                .as_microsecond(),
        )))
    }

    pub(crate) fn advance(&self, by: Duration) {
        let micros = i64::try_from(by.as_micros()).unwrap();
        self.0.fetch_add(micros, Ordering::SeqCst);
    }
}

impl Clock for TestClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_microsecond(self.0.load(Ordering::SeqCst)).unwrap()
    }
}

pub(crate) fn lang(tag: &str) -> Language {
    Language::parse(tag).unwrap()
}

fn names(pairs: &[(&str, &str)]) -> Localized<String> {
    let mut names = Localized::new();
    for (tag, name) in pairs {
        names.insert(lang(tag), (*name).to_owned());
    }
    names
}

pub(crate) struct Harness {
    pub(crate) newsroom: Newsroom,
    pub(crate) store: Arc<dyn Store>,
    pub(crate) pipeline: Arc<Pipeline>,
    pub(crate) clock: Arc<TestClock>,
    pub(crate) worker: Worker,
    /// Where pictures from feeds are kept (set in the pipeline's settings unless the test
    /// turned it off).
    pub(crate) media_dir: PathBuf,
    /// The PostgreSQL database of a test on that engine, dropped by [`Harness::finish`].
    database: Option<crate::store_support::TestDatabase>,
    _dir: tempfile::TempDir,
}

impl Harness {
    pub(crate) async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    pub(crate) async fn start_with(tune: impl FnOnce(&mut FetchPolicy)) -> Self {
        Self::start_tuned(tune, |_| {}).await
    }

    /// A harness whose pipeline keeps no media folder: pictures are not fetched.
    pub(crate) async fn start_without_media() -> Self {
        Self::start_tuned(|_| {}, |settings| settings.media_dir = None).await
    }

    /// A harness on a fresh PostgreSQL database; `None` when no server answers and none is
    /// required (see the store's test support).
    pub(crate) async fn start_on_postgres() -> Option<Self> {
        let database = crate::store_support::TestDatabase::create().await?;
        Some(Self::start_on(Some(database), |_| {}, |_| {}).await)
    }

    async fn start_tuned(
        tune: impl FnOnce(&mut FetchPolicy),
        tune_settings: impl FnOnce(&mut PipelineSettings),
    ) -> Self {
        Self::start_on(None, tune, tune_settings).await
    }

    /// A harness whose pipeline translates with `engines`, for a site in vi, en, fa and es.
    pub(crate) async fn start_translating(
        engines: Arc<Engines>,
        tune_settings: impl FnOnce(&mut PipelineSettings),
    ) -> Self {
        Self::start_full(
            None,
            Some(engines),
            |_| {},
            |settings| {
                settings.languages.push(lang("es"));
                tune_settings(settings);
            },
        )
        .await
    }

    async fn start_on(
        database: Option<crate::store_support::TestDatabase>,
        tune: impl FnOnce(&mut FetchPolicy),
        tune_settings: impl FnOnce(&mut PipelineSettings),
    ) -> Self {
        Self::start_full(database, None, tune, tune_settings).await
    }

    async fn start_full(
        database: Option<crate::store_support::TestDatabase>,
        engines: Option<Arc<Engines>>,
        tune: impl FnOnce(&mut FetchPolicy),
        tune_settings: impl FnOnce(&mut PipelineSettings),
    ) -> Self {
        let newsroom = Newsroom::start().await;
        let dir = tempfile::tempdir().unwrap();
        let clock = TestClock::new();
        let store: Arc<dyn Store> = Arc::new(match &database {
            Some(database) => SqlStore::open(&database.url, clock.clone()).await.unwrap(),
            None => SqlStore::open_sqlite_file(&dir.path().join("herald.db"), clock.clone())
                .await
                .unwrap(),
        });
        for (position, (key, en, vi)) in [
            ("news", "News", "Tin tức"),
            ("business", "Business", "Kinh tế"),
            ("tourism", "Tourism", "Du lịch"),
            ("culture", "Culture", "Văn hóa"),
        ]
        .into_iter()
        .enumerate()
        {
            store
                .create_category(NewCategory {
                    term: NewTerm {
                        key: key.to_owned(),
                        names: names(&[("en", en), ("vi", vi)]),
                        descriptions: Localized::new(),
                    },
                    parent: None,
                    position: i32::try_from(position).unwrap(),
                })
                .await
                .unwrap();
        }
        store
            .create_topic(NewTerm {
                key: "trade-fair".to_owned(),
                names: names(&[("en", "Trade fair"), ("vi", "Hội chợ")]),
                descriptions: Localized::new(),
            })
            .await
            .unwrap();
        let mut policy = FetchPolicy {
            allow: AddressAllowList::parse(&["127.0.0.1".to_owned()]).unwrap(),
            host_delay: Duration::from_millis(5),
            timeout: Duration::from_secs(5),
            ..FetchPolicy::default()
        };
        tune(&mut policy);
        let mut settings = PipelineSettings::new(vec![lang("vi"), lang("en"), lang("fa")]);
        settings.lease = Duration::from_secs(60);
        settings.job_timeout = Duration::from_secs(30);
        let media_dir = dir.path().join("media");
        settings.media_dir = Some(media_dir.clone());
        tune_settings(&mut settings);
        let pipeline = Pipeline::with_engines(
            Arc::clone(&store),
            Fetcher::new(policy).unwrap(),
            settings,
            clock.clone(),
            engines,
        );
        let worker = Worker::new(Arc::clone(&pipeline), "test-worker");
        Self {
            newsroom,
            store,
            pipeline,
            clock,
            worker,
            media_dir,
            database,
            _dir: dir,
        }
    }

    /// Drops the test's PostgreSQL database, if it has one.
    pub(crate) async fn finish(self) {
        if let Some(database) = self.database {
            drop(self.worker);
            drop(self.pipeline);
            drop(self.store);
            database.drop_now().await;
        }
    }

    /// Adds a source polling `feeds` (paths on the newsroom).
    pub(crate) async fn source(
        &self,
        key: &str,
        language: &str,
        trust: Trust,
        feeds: &[&str],
    ) -> Source {
        self.store
            .create_source(NewSource {
                key: key.to_owned(),
                names: names(&[(language, key)]),
                descriptions: Localized::new(),
                home_url: self.newsroom.url(&format!("/{key}/")),
                feeds: feeds.iter().map(|p| self.newsroom.url(p)).collect(),
                language: lang(language),
                region: Region::Central,
                trust,
                licence: "by agreement".to_owned(),
                credit: key.to_owned(),
                canonical: CanonicalPolicy::Original,
                poll_interval_secs: 900,
            })
            .await
            .unwrap()
    }

    /// The four outlets and the broken feeds, with Sông Hồng's filing rules.
    pub(crate) async fn newsroom_sources(&self) -> Vec<Source> {
        let song_hong = self
            .source("song-hong", "vi", Trust::Auto, &["/song-hong/rss.xml"])
            .await;
        self.store
            .set_source_rules(
                song_hong.id,
                &IngestRules {
                    default_category: Some("news".to_owned()),
                    rules: vec![
                        IngestRule {
                            keywords: vec!["hoi cho".to_owned()],
                            category: Some("business".to_owned()),
                            topics: vec!["trade-fair".to_owned()],
                            ..IngestRule::default()
                        },
                        IngestRule {
                            feed_category: Some("du lịch".to_owned()),
                            category: Some("tourism".to_owned()),
                            ..IngestRule::default()
                        },
                        IngestRule {
                            feed_category: Some("Kinh tế".to_owned()),
                            category: Some("business".to_owned()),
                            ..IngestRule::default()
                        },
                    ],
                    ..IngestRules::default()
                },
            )
            .await
            .unwrap();
        vec![
            song_hong,
            self.source("lotus", "en", Trust::Auto, &["/lotus/atom.xml"])
                .await,
            self.source(
                "song-hong-2",
                "vi",
                Trust::Auto,
                &["/song-hong-2/feed.json"],
            )
            .await,
            self.source("mehr", "fa", Trust::Review, &["/mehr/rss.xml"])
                .await,
            self.source(
                "broken",
                "vi",
                Trust::Auto,
                &["/broken/rss.xml", "/broken/empty.xml"],
            )
            .await,
        ]
    }

    /// Queues a poll of each source, in order.
    pub(crate) async fn poll(&self, sources: &[Source]) {
        for source in sources {
            self.store
                .enqueue(
                    herald_domain::Job::Fetch { source: source.id },
                    self.clock.now(),
                )
                .await
                .unwrap();
            // Distinct run_at: polls run in the order given.
            self.clock.advance(Duration::from_millis(1));
        }
    }

    /// Runs every due job; returns what ran, in order.
    pub(crate) async fn drain(&self) -> Vec<Ran> {
        let mut ran = Vec::new();
        while let Some(one) = self.worker.run_one().await.unwrap() {
            ran.push(one);
            assert!(ran.len() < 500, "the queue does not drain");
        }
        ran
    }

    pub(crate) async fn articles_of(&self, source: SourceId) -> u64 {
        self.store
            .source_health(source)
            .await
            .unwrap()
            .unwrap()
            .articles
    }

    pub(crate) fn url(&self, path: &str) -> Url {
        self.newsroom.url(path)
    }
}
