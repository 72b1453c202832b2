//! One module per subcommand; this one dispatches and holds the wiring they share.

mod config;
mod demo;
mod extract;
mod feed;
mod glossary;
mod ingest;
mod migrate;
mod models;
mod reindex;
mod serve;
mod source;
mod translate;
mod user;

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use herald_domain::SystemClock;
use herald_ingest::{AddressAllowList, FetchPolicy, Fetcher};
use herald_pipeline::{Pipeline, PipelineSettings, Scheduler, Worker};
use herald_store::Store;
use herald_store_sqlx::SqlStore;
use herald_translate::{Apertium, Engines, LibreTranslate, OpenAi, OpenAiSettings};

use crate::cli::{Cli, Command, DataArgs, SourceCommand, UserCommand};
use crate::settings::{Flags, Settings};

/// Runs one command to completion.
pub(crate) fn run(cli: Cli) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        match cli.command {
            Command::Demo(args) => {
                let flags = Flags {
                    config: cli.config,
                    data: args.data.data,
                    listen: args.listen,
                    time_zone_default: Some(demo::TIME_ZONE),
                };
                demo::run(Settings::load(&flags)?).await
            }
            Command::Serve(args) => {
                let flags = Flags {
                    config: cli.config,
                    data: args.data.data,
                    listen: args.listen,
                    time_zone_default: None,
                };
                serve::run(Settings::load(&flags)?).await
            }
            Command::Config(command) => config::run(command, cli.config),
            Command::Migrate(args) => migrate::run(load(cli.config, args)?).await,
            Command::Source(command) => match command {
                SourceCommand::Add(args) => {
                    let settings = load(
                        cli.config,
                        DataArgs {
                            data: args.data.data.clone(),
                        },
                    )?;
                    source::add(settings, args).await
                }
                SourceCommand::List(data) => source::list(load(cli.config, data)?).await,
                SourceCommand::Import {
                    file,
                    lang,
                    trust,
                    data,
                } => source::import(load(cli.config, data)?, &file, lang.as_deref(), trust).await,
                SourceCommand::Export { out, data } => {
                    source::export(load(cli.config, data)?, out.as_deref()).await
                }
            },
            Command::Ingest(args) => {
                let settings = load(
                    cli.config,
                    DataArgs {
                        data: args.data.data.clone(),
                    },
                )?;
                ingest::run(settings, args).await
            }
            Command::Feed { target, data } => feed::run(load(cli.config, data)?, &target).await,
            Command::Extract(args) => extract::run(&args),
            Command::Translate(args) => {
                let settings = load(
                    cli.config,
                    DataArgs {
                        data: args.data.data.clone(),
                    },
                )?;
                translate::run(settings, args).await
            }
            Command::Glossary(command) => glossary::run(cli.config, command).await,
            Command::Models(command) => models::run(cli.config, command).await,
            Command::Reindex(args) => {
                let (languages, quiet) = (args.languages, args.quiet);
                reindex::run(load(cli.config, args.data)?, &languages, quiet).await
            }
            Command::User(UserCommand::Add(args)) => {
                let data = DataArgs {
                    data: args.data.data.clone(),
                };
                user::add(load(cli.config, data)?, args).await
            }
            Command::User(UserCommand::List(data)) => user::list(load(cli.config, data)?).await,
        }
    })
}

/// Settings for a command that only needs the data folder.
fn load(config: Option<std::path::PathBuf>, data: DataArgs) -> anyhow::Result<Settings> {
    Settings::load(&Flags {
        config,
        data: data.data,
        ..Flags::default()
    })
}

/// The fetcher configured by `[ingest]`.
fn fetcher(settings: &Settings) -> anyhow::Result<Fetcher> {
    let ingest = &settings.ingest;
    let allow =
        AddressAllowList::parse(&ingest.allow_addresses).context("ingest.allow_addresses")?;
    let policy = FetchPolicy {
        user_agent: ingest.user_agent.clone(),
        timeout: ingest.timeout,
        host_delay: ingest.host_delay,
        max_body_bytes: ingest.max_body_bytes,
        allow,
        ..FetchPolicy::default()
    };
    Fetcher::new(policy).context("cannot set up fetching")
}

/// The pipeline over `store`, configured by the settings, translating with the engines
/// found on this machine.
async fn pipeline(settings: &Settings, store: Arc<dyn Store>) -> anyhow::Result<Arc<Pipeline>> {
    pipeline_with(settings, store, Some(engines(settings).await?))
}

/// The pipeline over `store` with the given engines (`None`: it translates nothing).
fn pipeline_with(
    settings: &Settings,
    store: Arc<dyn Store>,
    engines: Option<Arc<Engines>>,
) -> anyhow::Result<Arc<Pipeline>> {
    let mut pipeline = PipelineSettings::new(settings.languages.clone());
    pipeline.default_category = settings.ingest.default_category.clone();
    pipeline.near_duplicate_bits = settings.ingest.near_duplicate_bits;
    pipeline.media_dir = Some(settings.media_dir());
    pipeline.hold_for_review = settings.translate.hold_for_review.clone();
    Ok(Pipeline::with_engines(
        store,
        fetcher(settings)?,
        pipeline,
        Arc::new(SystemClock),
        engines,
    ))
}

/// The translation engines configured by `[translate]` that this machine has. An engine
/// that cannot start here (Apertium not installed, a server that does not answer) is left
/// out with the reason: `herald translate --engines` says it, and the pairs it would serve
/// are not queued. Only engines the settings name are started.
async fn engines(settings: &Settings) -> anyhow::Result<Arc<Engines>> {
    let translate = &settings.translate;
    let config = &translate.engines;
    let named: std::collections::BTreeSet<&str> = config
        .engines
        .iter()
        .chain(config.pairs.values().flatten())
        .map(String::as_str)
        .collect();
    let mut available: Vec<Arc<dyn herald_translate::Translator>> = Vec::new();
    let mut unavailable: Vec<(String, String)> = Vec::new();
    let apertium = match &config.apertium_modes {
        Some(dir) => Apertium::with_modes_dir(dir),
        None => Apertium::discover(),
    };
    match apertium {
        Ok(mut apertium) => {
            for variant in &config.apertium_variants {
                apertium.enable_variant(variant);
            }
            available.push(Arc::new(apertium));
        }
        Err(error) => unavailable.push(("apertium".into(), error.to_string())),
    }
    if named.contains("neural") {
        match neural_engine(translate) {
            Ok(engine) => available.push(engine),
            Err(reason) => unavailable.push(("neural".into(), reason)),
        }
    }
    if named.contains("libretranslate") {
        match &translate.libretranslate {
            None => unavailable.push((
                "libretranslate".into(),
                "translate.libretranslate_url is not set".into(),
            )),
            Some(server) => {
                match LibreTranslate::connect_with(server.url.clone(), server.http.clone()).await {
                    Ok(engine) => available.push(Arc::new(engine)),
                    Err(error) => unavailable.push(("libretranslate".into(), error.to_string())),
                }
            }
        }
    }
    if named.contains("openai") {
        match &translate.openai {
            None => unavailable.push((
                "openai".into(),
                "translate.openai_url and openai_model are not set".into(),
            )),
            Some(openai) => {
                let mut engine = OpenAiSettings::new(
                    openai.server.url.clone(),
                    openai.model.clone(),
                    openai.languages.clone(),
                );
                engine.http = openai.server.http.clone();
                match OpenAi::new(engine) {
                    Ok(engine) => available.push(Arc::new(engine)),
                    Err(error) => unavailable.push(("openai".into(), error.to_string())),
                }
            }
        }
    }
    for (name, reason) in &unavailable {
        tracing::debug!("{name} is not available: {reason}");
    }
    let mut engines =
        Engines::new(available, config).context("translate: cannot set up the engines")?;
    for (name, reason) in unavailable {
        engines.mark_unavailable(&name, &reason);
    }
    Ok(Arc::new(engines))
}

/// The neural engine over the models folder.
#[cfg(feature = "neural")]
fn neural_engine(
    translate: &crate::settings::TranslationSettings,
) -> Result<Arc<dyn herald_translate::Translator>, String> {
    let engine = herald_translate::neural::Neural::new(herald_translate::neural::NeuralSettings {
        models: translate.models.clone(),
        threads: translate.neural_threads,
        replicas: translate.neural_replicas,
        compute_type: translate.neural_compute_type.clone(),
        beam_size: translate.neural_beam_size,
        ..herald_translate::neural::NeuralSettings::default()
    });
    for problem in engine.problems() {
        tracing::warn!("neural models: {problem}");
    }
    Ok(Arc::new(engine))
}

/// Without the `neural` feature there is no neural engine, and the report says how to get one.
#[cfg(not(feature = "neural"))]
fn neural_engine(
    _translate: &crate::settings::TranslationSettings,
) -> Result<Arc<dyn herald_translate::Translator>, String> {
    Err("this herald was built without it: cargo build --release --features neural".into())
}

/// Creates the default category (`[ingest] default_category`), named in every site language,
/// when the site has no category at all: a new newsroom can ingest before its editors design
/// sections, and articles filed there can be moved later.
async fn ensure_a_category(settings: &Settings, store: &dyn Store) -> anyhow::Result<()> {
    if !store.list_categories().await?.is_empty() {
        return Ok(());
    }
    let messages = herald_i18n::Messages::load(&settings.languages)
        .context("cannot load interface messages")?;
    let mut names = herald_domain::Localized::new();
    for language in &settings.languages {
        names.insert(
            language.clone(),
            messages.get(language, "category-default-name"),
        );
    }
    let created = store
        .create_category(herald_store::NewCategory {
            term: herald_store::NewTerm {
                key: settings.ingest.default_category.clone(),
                names,
                descriptions: herald_domain::Localized::new(),
            },
            parent: None,
            position: 0,
        })
        .await;
    match created {
        // Another process made it meanwhile.
        Ok(_) | Err(herald_store::StoreError::Conflict { .. }) => Ok(()),
        Err(error) => Err(error).context("cannot create the default category"),
    }
}

/// The scheduler and workers running in the background of `serve` and `ingest`.
struct Background {
    stop: tokio::sync::watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Background {
    fn start(pipeline: Arc<Pipeline>, workers: u32) -> Self {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let mut tasks = vec![tokio::spawn(
            Scheduler::new(Arc::clone(&pipeline)).run(stopped.clone()),
        )];
        let host = std::process::id();
        for n in 0..workers.max(1) {
            let worker = Worker::new(Arc::clone(&pipeline), format!("serve-{host}-{n}"));
            let stopped = stopped.clone();
            tasks.push(tokio::spawn(async move { worker.run(stopped).await }));
        }
        Self { stop, tasks }
    }

    /// Asks every task to stop after its current job, and waits for them.
    async fn stop(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
    }
}

/// Makes sure the data folder exists and can be written, with a readable error otherwise.
fn prepare_data_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create data folder {}", dir.display()))?;
    let probe = dir.join(".herald-write-check");
    std::fs::write(&probe, b"ok")
        .with_context(|| format!("data folder {} is not writable", dir.display()))?;
    std::fs::remove_file(&probe)
        .with_context(|| format!("data folder {} is not writable", dir.display()))?;
    Ok(())
}

/// Opens (and migrates) the configured store.
async fn open_store(settings: &Settings) -> anyhow::Result<Arc<SqlStore>> {
    if settings.store_url.starts_with("sqlite:") {
        prepare_data_dir(&settings.data_dir)?;
    }
    let store = SqlStore::open(&settings.store_url, Arc::new(SystemClock))
        .await
        .with_context(|| format!("cannot open the database {}", redact(&settings.store_url)))?;
    Ok(Arc::new(store))
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_database_passwords_in_messages() {
        assert_eq!(
            redact("postgres://u:secret@db/herald"),
            "postgres://u:***@db/herald"
        );
        assert_eq!(redact("sqlite:///tmp/h.db"), "sqlite:///tmp/h.db");
    }

    #[test]
    fn refuses_a_data_folder_that_cannot_be_written() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain-file");
        std::fs::write(&file, b"x").unwrap();
        let err = prepare_data_dir(&file.join("data")).unwrap_err();
        assert!(
            format!("{err:#}").contains("cannot create data folder"),
            "{err:#}"
        );
    }
}
