//! Settings, layered: defaults in code < the TOML file < `HERALD_<SECTION>__<KEY>` environment
//! variables < command-line flags. The file and the environment are merged as TOML tables and
//! then parsed once into [`RawSettings`] (every field optional, unknown keys refused), which
//! [`Settings::resolve`] turns into typed values.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use herald_domain::{Language, SiteTimeZone};
use serde::Deserialize;
use url::Url;

/// Declares a settings section: the struct as written in TOML (every field optional,
/// unknown keys refused) and, from the same doc comments, the table the example config is
/// generated from — so the documentation cannot drift from the code.
macro_rules! section {
    (
        $(#[doc = $sdoc:literal])*
        $name:ident $key:literal {
            $(
                $(#[doc = $doc:literal])*
                $field:ident : $ty:ty = $example:literal $(, $kind:ident)?;
            )*
        }
    ) => {
        $(#[doc = $sdoc])*
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct $name {
            $(
                $(#[doc = $doc])*
                pub(crate) $field: Option<$ty>,
            )*
        }

        impl $name {
            pub(crate) const DOC: SectionDoc = SectionDoc {
                key: $key,
                doc: &[$($sdoc),*],
                fields: &[$(FieldDoc {
                    key: stringify!($field),
                    doc: &[$($doc),*],
                    example: $example,
                    default_shown: section!(@shown $($kind)?),
                }),*],
            };
        }
    };
    (@shown) => { true };
    (@shown example) => { false };
}

/// One section of the settings file, for the generated example.
pub(crate) struct SectionDoc {
    key: &'static str,
    doc: &'static [&'static str],
    fields: &'static [FieldDoc],
}

/// One key of the settings file, for the generated example.
struct FieldDoc {
    key: &'static str,
    doc: &'static [&'static str],
    /// The value in TOML.
    example: &'static str,
    /// Whether `example` is the default (written as a setting) or only an example (written
    /// commented out, since the default is computed).
    default_shown: bool,
}

/// Settings as written: every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSettings {
    /// The site.
    #[serde(default)]
    pub(crate) site: RawSite,
    /// The HTTP server.
    #[serde(default)]
    pub(crate) server: RawServer,
    /// The admin.
    #[serde(default)]
    pub(crate) admin: RawAdmin,
    /// The database.
    #[serde(default)]
    pub(crate) store: RawStore,
    /// Ingestion.
    #[serde(default)]
    pub(crate) ingest: RawIngest,
    /// Machine translation.
    #[serde(default)]
    pub(crate) translate: RawTranslate,
}

section! {
    /// The site: its name, address, languages and time zone.
    RawSite "site" {
        /// Site name, shown in headers and page titles.
        name: String = r#""Herald""#;
        /// Public URL readers reach the site at, used in canonical links, hreflang and feeds.
        /// Defaults to http:// and the listen address.
        base_url: String = r#""https://news.example/""#, example;
        /// Interface locales, as BCP 47 tags; each is also the URL prefix of its pages.
        languages: Vec<String> = r#"["vi", "en", "fa", "ar", "fr", "zh-Hans", "ru", "es", "de", "ja"]"#;
        /// Locale for readers whose preferences match none of `languages`.
        default_language: String = r#""en""#;
        /// Content languages to show, in order, when an article has no version in the reader's
        /// language. Defaults to the default language.
        content_fallbacks: Vec<String> = r#"["en", "vi"]"#, example;
        /// Newsroom time zone (an IANA name) in which dates are shown. The demo uses
        /// Asia/Ho_Chi_Minh.
        time_zone: String = r#""UTC""#;
        /// Calendar of Persian (fa) dates: "solar-hijri" (CLDR's default) or "gregorian".
        persian_calendar: String = r#""solar-hijri""#;
        /// Articles per list page, 1 to 100.
        page_size: u32 = "12";
        /// Articles per feed (RSS, Atom, JSON Feed), newest first, 1 to 500.
        feed_items: u32 = "30";
        /// What feed items carry: "summary" (the lead) or "full" (the whole article).
        feed_content: String = r#""summary""#;
        /// The newsroom's logo, an absolute URL or a path under base_url, named as the
        /// publisher's in articles' structured data. Defaults to none.
        publisher_logo: String = r#""/media/logo.png""#, example;
        /// Lines added to /robots.txt after Herald's own, e.g. ["User-agent: BadBot",
        /// "Disallow: /"].
        robots_extra: Vec<String> = "[]";
        /// Publish readers' comments at once instead of holding them for a moderator.
        comments_auto_approve: bool = "false";
    }
}

section! {
    /// The HTTP server.
    RawServer "server" {
        /// Address to listen on.
        listen: String = r#""127.0.0.1:8080""#;
        /// Keep rendered pages in memory, compressed, until their content changes.
        page_cache: bool = "true";
        /// Memory for the page cache, in MiB.
        page_cache_mb: u32 = "64";
        /// How often, in milliseconds, to look for content changes made by other processes.
        revision_poll_ms: u32 = "1000";
        /// Behind a reverse proxy: take the reader's address from the last entry of
        /// X-Forwarded-For (for comment rate limits and bans). Leave off otherwise, since
        /// anyone can send that header.
        trust_proxy: bool = "false";
    }
}

section! {
    /// The newsroom's admin: sessions and sign-in limits.
    RawAdmin "admin" {
        /// Hours a sign-in lasts, whatever is done meanwhile (1 to 720).
        session_hours: u32 = "12";
        /// Failed sign-ins in a row after which an account is locked…
        lock_after: u32 = "5";
        /// …for this many minutes.
        lock_minutes: u32 = "15";
        /// Sign-in attempts one address may make in `address_window_minutes`, whichever
        /// accounts it tries, before it is refused until the window ends.
        address_attempts: u32 = "20";
        /// See `address_attempts`.
        address_window_minutes: u32 = "15";
        /// Mark cookies Secure. Defaults to true when base_url is https.
        secure_cookies: bool = "true", example;
    }
}

section! {
    /// The database.
    RawStore "store" {
        /// Database URL: sqlite://PATH or postgres://USER:PASSWORD@HOST/DB. Defaults to
        /// herald.db in the data folder.
        url: String = r#""postgres://herald:secret@127.0.0.1:5432/herald""#, example;
    }
}

section! {
    /// Ingestion: polling the sources' feeds and fetching their pages.
    RawIngest "ingest" {
        /// Whether `herald serve` polls sources and runs background jobs. Turn it off where
        /// separate worker processes do that work.
        poll: bool = "true";
        /// Jobs run at once by `herald serve` and `herald ingest`.
        workers: u32 = "2";
        /// User-Agent sent to outlets, naming Herald and where to reach the newsroom. Defaults
        /// to Herald and its version with the site's base URL.
        user_agent: String = r#""Herald/0.1 (+https://news.example/)""#, example;
        /// Addresses and networks Herald may fetch from although they are not public
        /// (loopback, private, link-local), e.g. ["10.20.0.0/16"]. By default only public
        /// addresses are fetched, so a feed URL cannot reach into the newsroom's network.
        allow_addresses: Vec<String> = "[]";
        /// Least time between two requests to one host, in milliseconds.
        host_delay_ms: u32 = "1000";
        /// Longest time for one request, body included, in seconds.
        timeout_s: u32 = "30";
        /// Largest response, after decompression, in MiB.
        max_body_mb: u32 = "10";
        /// Key of the category for articles that no rule of their source files.
        default_category: String = r#""news""#;
        /// Two texts whose 64-bit SimHashes differ in at most this many bits are the same
        /// story (0 to 16).
        near_duplicate_bits: u32 = "6";
    }
}

section! {
    /// Machine translation: which engine serves each language pair, and what happens to its
    /// output. `herald translate --engines` shows the result on this machine.
    RawTranslate "translate" {
        /// Engines to use, in order of preference for pairs that `pairs` does not name.
        /// Known engines: "apertium" (Debian packages apertium-eng-spa and the like),
        /// "neural" (CTranslate2 models in `models`; Herald built with `--features neural`),
        /// "libretranslate" and "openai" (servers at `libretranslate_url`, `openai_url`).
        engines: Vec<String> = r#"["apertium"]"#;
        /// Engines per pair, first choice first, as "FROM-TO: ENGINE, ENGINE".
        pairs: Vec<String> = r#"["en-es: apertium", "es-pt: apertium"]"#, example;
        /// Folder of Apertium's installed modes.
        apertium_modes: String = r#""/usr/share/apertium/modes""#;
        /// Calls at once to each engine, from all workers of a process.
        concurrency: u32 = "2";
        /// Target languages whose machine translations wait for a translator's review before
        /// readers see them; in the others they are published with their original.
        hold_for_review: Vec<String> = r#"["fa", "ar"]"#, example;
        /// The language to translate through where no engine serves a pair directly (fa→es
        /// as fa→en, then en→es); "" turns pivoting off.
        pivot: String = r#""en""#;
        /// Folder of neural models, one folder each (`herald models fetch` puts them there).
        /// Defaults to `models` in the data folder.
        models: String = r#""/srv/herald/models""#, example;
        /// CPU threads each copy of a neural model computes with; 0 means one per core.
        neural_threads: u32 = "1";
        /// Copies of each neural model translating parts of a batch in parallel, each with
        /// `neural_threads`; 0 means one per core. One thread per copy and one copy per core is
        /// the fastest on a small machine, for the memory of one model per copy.
        neural_replicas: u32 = "0";
        /// How neural models compute: "int8" (smallest, fastest on a CPU), "int8_float32",
        /// "float32", or "default" (as the model was converted).
        neural_compute_type: String = r#""int8""#;
        /// Beam size of the neural engine: 1 is greedy search (fastest), 4 a little better.
        neural_beam_size: u32 = "2";
        /// A LibreTranslate server, the engine "libretranslate".
        libretranslate_url: String = r#""http://127.0.0.1:5000""#, example;
        /// The environment variable holding its API key, if it needs one.
        libretranslate_api_key_env: String = r#""HERALD_LIBRETRANSLATE_API_KEY""#;
        /// Its API key; better kept in the environment variable above than in this file.
        libretranslate_api_key: String = r#""""#, example;
        /// An OpenAI-compatible chat server, the engine "openai": OpenAI, or a local Ollama,
        /// vLLM or llama.cpp server. The base URL, without `/v1`.
        openai_url: String = r#""http://127.0.0.1:11434""#, example;
        /// The model it runs.
        openai_model: String = r#""qwen2.5:7b-instruct""#, example;
        /// The languages it translates between. Defaults to the site's languages.
        openai_languages: Vec<String> = r#"["en", "vi", "fa"]"#, example;
        /// The environment variable holding its API key, if it needs one.
        openai_api_key_env: String = r#""OPENAI_API_KEY""#;
        /// Its API key; better kept in the environment variable above than in this file.
        openai_api_key: String = r#""""#, example;
        /// Seconds an HTTP engine gets for one request, answer included.
        http_timeout_s: u32 = "60";
        /// Requests per call to an HTTP engine, retries of busy or failing servers included.
        http_attempts: u32 = "3";
    }
}

/// Every section, in file order.
const SECTIONS: [SectionDoc; 6] = [
    RawSite::DOC,
    RawServer::DOC,
    RawAdmin::DOC,
    RawStore::DOC,
    RawIngest::DOC,
    RawTranslate::DOC,
];

/// The example settings file: every key with its documentation and its default (or, where
/// the default is computed, an example, commented out). `config/herald.example.toml` is this
/// text; a test keeps the two equal.
pub(crate) fn example_config() -> String {
    let mut out = String::from(
        "# Herald settings. Generated by `herald config defaults` from the settings' documentation.\n\
         # Precedence: these defaults < this file < HERALD_<SECTION>__<KEY> environment variables\n\
         # < command-line flags. Keys written here with their default may be deleted.\n",
    );
    for section in SECTIONS {
        out.push('\n');
        for line in section.doc {
            out.push_str(&format!("#{line}\n"));
        }
        out.push_str(&format!("[{}]\n", section.key));
        for field in section.fields {
            out.push('\n');
            for line in field.doc {
                out.push_str(&format!("#{line}\n"));
            }
            let comment = if field.default_shown { "" } else { "# " };
            out.push_str(&format!("{comment}{} = {}\n", field.key, field.example));
        }
    }
    out
}

/// Settings after validation.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Data folder.
    pub data_dir: PathBuf,
    /// Site name.
    pub site_name: String,
    /// Public base URL, ending in `/`.
    pub base_url: Url,
    /// Enabled locales, default first.
    pub languages: Vec<Language>,
    /// Default locale.
    pub default_language: Language,
    /// Newsroom time zone.
    pub time_zone: SiteTimeZone,
    /// Content languages shown when an article lacks the reader's language.
    pub content_fallbacks: Vec<Language>,
    /// Whether Persian dates use the Gregorian calendar instead of the Solar Hijri one.
    pub persian_gregorian: bool,
    /// Articles per list page.
    pub page_size: u32,
    /// Articles per feed.
    pub feed_items: u32,
    /// Whether feed items carry the whole article.
    pub feed_full_content: bool,
    /// The publisher's logo.
    pub publisher_logo: Option<String>,
    /// Extra lines of robots.txt.
    pub robots_extra: Vec<String>,
    /// Whether rendered pages are cached.
    pub page_cache: bool,
    /// Page cache size in bytes.
    pub page_cache_bytes: usize,
    /// How often to look for content changes.
    pub revision_poll: std::time::Duration,
    /// Whether readers' comments are published without moderation.
    pub comments_auto_approve: bool,
    /// Whether `X-Forwarded-For` names the reader.
    pub trust_proxy: bool,
    /// Sessions and sign-in limits of the admin.
    pub admin: herald_web::AdminSettings,
    /// Listen address.
    pub listen: SocketAddr,
    /// Database URL.
    pub store_url: String,
    /// Ingestion.
    pub ingest: IngestSettings,
    /// Machine translation.
    pub translate: TranslationSettings,
}

/// The `[translate]` section, validated.
#[derive(Debug, Clone)]
pub(crate) struct TranslationSettings {
    /// Engines and their routes.
    pub engines: herald_translate::TranslateSettings,
    /// Target languages whose machine output waits for review.
    pub hold_for_review: Vec<Language>,
    /// The neural models' folder.
    pub models: PathBuf,
    /// CPU threads per copy of a neural model (0: one per core).
    #[cfg_attr(
        not(feature = "neural"),
        expect(dead_code, reason = "read by the neural engine")
    )]
    pub neural_threads: usize,
    /// Copies of each neural model (0: one per core).
    #[cfg_attr(
        not(feature = "neural"),
        expect(dead_code, reason = "read by the neural engine")
    )]
    pub neural_replicas: usize,
    /// The neural computation type.
    #[cfg_attr(
        not(feature = "neural"),
        expect(dead_code, reason = "read by the neural engine")
    )]
    pub neural_compute_type: String,
    /// The neural beam size.
    #[cfg_attr(
        not(feature = "neural"),
        expect(dead_code, reason = "read by the neural engine")
    )]
    pub neural_beam_size: usize,
    /// The LibreTranslate server, if one is configured.
    pub libretranslate: Option<HttpEngine>,
    /// The OpenAI-compatible server, if one is configured.
    pub openai: Option<OpenAiEngine>,
}

/// A translation server and how to reach it.
#[derive(Debug, Clone)]
pub(crate) struct HttpEngine {
    /// Its base URL.
    pub url: Url,
    /// Timeouts, retries and the key.
    pub http: herald_translate::http::HttpSettings,
}

/// The OpenAI-compatible server.
#[derive(Debug, Clone)]
pub(crate) struct OpenAiEngine {
    /// Where, and how.
    pub server: HttpEngine,
    /// The model it runs.
    pub model: String,
    /// The languages it translates between.
    pub languages: Vec<Language>,
}

/// The `[ingest]` section, validated.
#[derive(Debug, Clone)]
pub(crate) struct IngestSettings {
    /// Whether `serve` polls and runs jobs.
    pub poll: bool,
    /// Jobs at once.
    pub workers: u32,
    /// User-Agent.
    pub user_agent: String,
    /// Non-public addresses allowed.
    pub allow_addresses: Vec<String>,
    /// Least gap between requests to one host.
    pub host_delay: std::time::Duration,
    /// Longest request.
    pub timeout: std::time::Duration,
    /// Largest response, in bytes.
    pub max_body_bytes: u64,
    /// Category for unfiled articles.
    pub default_category: String,
    /// SimHash distance of near duplicates.
    pub near_duplicate_bits: u32,
}

/// Values given on the command line, which win over everything else.
#[derive(Debug, Default)]
pub(crate) struct Flags {
    /// `--config`
    pub config: Option<PathBuf>,
    /// `--data`
    pub data: Option<PathBuf>,
    /// `--listen`
    pub listen: Option<SocketAddr>,
    /// Defaults that differ for this command (the demo's time zone).
    pub time_zone_default: Option<&'static str>,
}

const ENV_PREFIX: &str = "HERALD_";

impl Settings {
    /// Reads the file (the `--config` one, else `./herald.toml` if present) and the
    /// environment, then applies the flags.
    pub(crate) fn load(flags: &Flags) -> anyhow::Result<Self> {
        let mut table = match &flags.config {
            Some(path) => read_table(path)?,
            None if Path::new("herald.toml").is_file() => read_table(Path::new("herald.toml"))?,
            None => toml::Table::new(),
        };
        #[expect(
            clippy::disallowed_methods,
            reason = "the settings layer is the one reader of the environment"
        )]
        let env: BTreeMap<String, String> = std::env::vars()
            .filter(|(k, _)| k.starts_with(ENV_PREFIX) && k.contains("__"))
            .collect();
        apply_env(&mut table, &env)?;
        let raw: RawSettings = toml::Value::Table(table)
            .try_into()
            .context("invalid settings")?;
        Self::resolve(raw, flags)
    }

    /// Validates raw settings into typed ones.
    pub(crate) fn resolve(raw: RawSettings, flags: &Flags) -> anyhow::Result<Self> {
        let data_dir = flags
            .data
            .clone()
            .unwrap_or_else(|| PathBuf::from("herald-data"));
        let listen = match (flags.listen, &raw.server.listen) {
            (Some(addr), _) => addr,
            (None, Some(s)) => s.parse().with_context(|| {
                format!("server.listen: '{s}' is not an address like 127.0.0.1:8080")
            })?,
            (None, None) => SocketAddr::from(([127, 0, 0, 1], 8080)),
        };
        let languages: Vec<Language> = match &raw.site.languages {
            Some(tags) => tags
                .iter()
                .map(|t| Language::parse(t).with_context(|| format!("site.languages: '{t}'")))
                .collect::<anyhow::Result<_>>()?,
            None => [
                "vi", "en", "fa", "ar", "fr", "zh-Hans", "ru", "es", "de", "ja",
            ]
            .iter()
            .filter_map(|t| Language::parse(t).ok())
            .collect(),
        };
        if languages.is_empty() {
            bail!("site.languages: at least one language is needed");
        }
        let default_language = match &raw.site.default_language {
            Some(t) => {
                Language::parse(t).with_context(|| format!("site.default_language: '{t}'"))?
            }
            None => languages
                .iter()
                .find(|l| l.as_str() == "en")
                .unwrap_or(&languages[0])
                .clone(),
        };
        if !languages.contains(&default_language) {
            bail!("site.default_language: '{default_language}' is not one of site.languages");
        }
        let tz_name = raw
            .site
            .time_zone
            .as_deref()
            .or(flags.time_zone_default)
            .unwrap_or("UTC");
        let time_zone = SiteTimeZone::parse(tz_name).context("site.time_zone")?;
        let base_url = match &raw.site.base_url {
            Some(s) => Url::parse(s).with_context(|| format!("site.base_url: '{s}'"))?,
            None => Url::parse(&format!("http://{listen}/")).context("site.base_url")?,
        };
        if !matches!(base_url.scheme(), "http" | "https") {
            bail!("site.base_url: '{base_url}' is not an http(s) URL");
        }
        let page_size = raw.site.page_size.unwrap_or(12);
        if !(1..=100).contains(&page_size) {
            bail!("site.page_size: {page_size} is outside 1–100");
        }
        let feed_items = raw.site.feed_items.unwrap_or(30);
        if !(1..=500).contains(&feed_items) {
            bail!("site.feed_items: {feed_items} is outside 1–500");
        }
        let feed_full_content = match raw.site.feed_content.as_deref() {
            None | Some("summary") => false,
            Some("full") => true,
            Some(other) => {
                bail!("site.feed_content: '{other}' is neither \"summary\" nor \"full\"")
            }
        };
        let content_fallbacks = match &raw.site.content_fallbacks {
            Some(tags) => tags
                .iter()
                .map(|t| {
                    Language::parse(t).with_context(|| format!("site.content_fallbacks: '{t}'"))
                })
                .collect::<anyhow::Result<_>>()?,
            None => vec![default_language.clone()],
        };
        let persian_gregorian = match raw.site.persian_calendar.as_deref() {
            None | Some("solar-hijri") => false,
            Some("gregorian") => true,
            Some(other) => bail!(
                "site.persian_calendar: '{other}' is neither \"solar-hijri\" nor \"gregorian\""
            ),
        };
        let page_cache_mb = raw.server.page_cache_mb.unwrap_or(64);
        let revision_poll_ms = raw.server.revision_poll_ms.unwrap_or(1000);
        if revision_poll_ms < 50 {
            bail!("server.revision_poll_ms: {revision_poll_ms} is below 50");
        }
        let store_url = match raw.store.url {
            Some(url) => url,
            None => format!("sqlite://{}", data_dir.join("herald.db").display()),
        };
        let ingest = resolve_ingest(raw.ingest, &base_url)?;
        let admin = resolve_admin(&raw.admin)?;
        let translate = resolve_translate(raw.translate, &languages, &data_dir)?;
        Ok(Self {
            ingest,
            translate,
            data_dir,
            site_name: raw.site.name.unwrap_or_else(|| "Herald".to_owned()),
            base_url,
            languages,
            default_language,
            time_zone,
            content_fallbacks,
            persian_gregorian,
            page_size,
            feed_items,
            feed_full_content,
            publisher_logo: raw.site.publisher_logo,
            robots_extra: raw.site.robots_extra.unwrap_or_default(),
            page_cache: raw.server.page_cache.unwrap_or(true),
            page_cache_bytes: usize::try_from(page_cache_mb)
                .unwrap_or(usize::MAX)
                .saturating_mul(1024 * 1024),
            revision_poll: std::time::Duration::from_millis(u64::from(revision_poll_ms)),
            comments_auto_approve: raw.site.comments_auto_approve.unwrap_or(false),
            trust_proxy: raw.server.trust_proxy.unwrap_or(false),
            admin,
            listen,
            store_url,
        })
    }

    /// Folder of the search index, one folder per language in it.
    pub(crate) fn search_dir(&self) -> PathBuf {
        self.data_dir.join("search")
    }

    /// Folder for images, videos and subtitles.
    pub(crate) fn media_dir(&self) -> PathBuf {
        self.data_dir.join("media")
    }
}

fn resolve_admin(raw: &RawAdmin) -> anyhow::Result<herald_web::AdminSettings> {
    let minutes = |n: u32| std::time::Duration::from_secs(u64::from(n) * 60);
    let session_hours = raw.session_hours.unwrap_or(12);
    if !(1..=720).contains(&session_hours) {
        bail!("admin.session_hours: {session_hours} is outside 1–720");
    }
    let lock_after = raw.lock_after.unwrap_or(5);
    if !(1..=100).contains(&lock_after) {
        bail!("admin.lock_after: {lock_after} is outside 1–100");
    }
    let address_attempts = raw.address_attempts.unwrap_or(20);
    if address_attempts == 0 {
        bail!("admin.address_attempts: 0 would refuse every sign-in");
    }
    Ok(herald_web::AdminSettings {
        session_lifetime: minutes(session_hours * 60),
        lock_after,
        lock_for: minutes(raw.lock_minutes.unwrap_or(15)),
        address_attempts,
        address_window: minutes(raw.address_window_minutes.unwrap_or(15).max(1)),
        secure_cookies: raw.secure_cookies,
    })
}

fn resolve_ingest(raw: RawIngest, base_url: &Url) -> anyhow::Result<IngestSettings> {
    let workers = raw.workers.unwrap_or(2);
    if !(1..=64).contains(&workers) {
        bail!("ingest.workers: {workers} is outside 1–64");
    }
    let timeout_s = raw.timeout_s.unwrap_or(30);
    if !(1..=600).contains(&timeout_s) {
        bail!("ingest.timeout_s: {timeout_s} is outside 1–600");
    }
    let max_body_mb = raw.max_body_mb.unwrap_or(10);
    if !(1..=1024).contains(&max_body_mb) {
        bail!("ingest.max_body_mb: {max_body_mb} is outside 1–1024");
    }
    let near_duplicate_bits = raw.near_duplicate_bits.unwrap_or(6);
    if near_duplicate_bits > 16 {
        bail!("ingest.near_duplicate_bits: {near_duplicate_bits} is above 16");
    }
    let user_agent = raw
        .user_agent
        .unwrap_or_else(|| format!("Herald/{} (+{base_url})", env!("CARGO_PKG_VERSION")));
    if user_agent.trim().is_empty() || user_agent.chars().any(char::is_control) {
        bail!("ingest.user_agent: must be one line of text");
    }
    Ok(IngestSettings {
        poll: raw.poll.unwrap_or(true),
        workers,
        user_agent,
        allow_addresses: raw.allow_addresses.unwrap_or_default(),
        host_delay: std::time::Duration::from_millis(u64::from(raw.host_delay_ms.unwrap_or(1000))),
        timeout: std::time::Duration::from_secs(u64::from(timeout_s)),
        max_body_bytes: u64::from(max_body_mb) * 1024 * 1024,
        default_category: raw.default_category.unwrap_or_else(|| "news".to_owned()),
        near_duplicate_bits,
    })
}

fn resolve_translate(
    raw: RawTranslate,
    languages: &[Language],
    data_dir: &Path,
) -> anyhow::Result<TranslationSettings> {
    let concurrency = raw.concurrency.unwrap_or(2);
    if !(1..=64).contains(&concurrency) {
        bail!("translate.concurrency: {concurrency} is outside 1–64");
    }
    let concurrency = usize::try_from(concurrency).unwrap_or(2);
    let (libretranslate, openai) = resolve_servers(&raw, languages, concurrency)?;
    let pivot = match raw.pivot.as_deref().map(str::trim) {
        None => Language::parse("en").ok(),
        Some("") => None,
        Some(tag) => {
            Some(Language::parse(tag).with_context(|| format!("translate.pivot: '{tag}'"))?)
        }
    };
    let mut config = herald_translate::TranslateSettings {
        apertium_modes: raw.apertium_modes.map(PathBuf::from),
        pivot,
        ..herald_translate::TranslateSettings::default()
    };
    if let Some(engines) = raw.engines {
        config.engines = engines;
    }
    for line in raw.pairs.unwrap_or_default() {
        let Some((pair, engines)) = line.split_once(':') else {
            bail!("translate.pairs: '{line}' is not \"FROM-TO: ENGINE, ENGINE\"");
        };
        herald_translate::engines::parse_pair_key(pair)?;
        let engines: Vec<String> = engines
            .split(',')
            .map(|e| e.trim().to_owned())
            .filter(|e| !e.is_empty())
            .collect();
        if engines.is_empty() {
            bail!("translate.pairs: '{line}' names no engine");
        }
        config.pairs.insert(pair.trim().to_owned(), engines);
    }
    let named = config.engines.iter().chain(config.pairs.values().flatten());
    for engine in named {
        config.concurrency.insert(engine.clone(), concurrency);
    }
    let hold_for_review = raw
        .hold_for_review
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|tag| {
            let language = Language::parse(tag)
                .with_context(|| format!("translate.hold_for_review: '{tag}'"))?;
            if !languages.contains(&language) {
                bail!("translate.hold_for_review: {language} is not one of site.languages");
            }
            Ok(language)
        })
        .collect::<anyhow::Result<_>>()?;
    let neural_compute_type = raw.neural_compute_type.unwrap_or_else(|| "int8".to_owned());
    if !["int8", "int8_float32", "float32", "default", "auto"]
        .contains(&neural_compute_type.as_str())
    {
        bail!(
            "translate.neural_compute_type: '{neural_compute_type}' is not one of int8, \
             int8_float32, float32, default, auto"
        );
    }
    let neural_beam_size = raw.neural_beam_size.unwrap_or(2);
    if !(1..=16).contains(&neural_beam_size) {
        bail!("translate.neural_beam_size: {neural_beam_size} is outside 1–16");
    }
    Ok(TranslationSettings {
        engines: config,
        hold_for_review,
        models: raw
            .models
            .map_or_else(|| data_dir.join("models"), PathBuf::from),
        neural_threads: usize::try_from(raw.neural_threads.unwrap_or(1)).unwrap_or(1),
        neural_replicas: usize::try_from(raw.neural_replicas.unwrap_or(0)).unwrap_or(0),
        neural_compute_type,
        neural_beam_size: usize::try_from(neural_beam_size).unwrap_or(2),
        libretranslate,
        openai,
    })
}

/// The translation servers of `[translate]`: LibreTranslate and OpenAI-compatible.
fn resolve_servers(
    raw: &RawTranslate,
    languages: &[Language],
    concurrency: usize,
) -> anyhow::Result<(Option<HttpEngine>, Option<OpenAiEngine>)> {
    let timeout_s = raw.http_timeout_s.unwrap_or(60);
    if !(1..=3600).contains(&timeout_s) {
        bail!("translate.http_timeout_s: {timeout_s} is outside 1–3600");
    }
    let attempts = raw.http_attempts.unwrap_or(3);
    if !(1..=10).contains(&attempts) {
        bail!("translate.http_attempts: {attempts} is outside 1–10");
    }
    let server = |key: &str, value: &str, api_key: Option<&str>, env: &str| {
        let url = Url::parse(value)
            .with_context(|| format!("translate.{key}: '{value}' is not a URL"))?;
        if !matches!(url.scheme(), "http" | "https") {
            bail!("translate.{key}: '{value}' is not an http(s) URL");
        }
        Ok(HttpEngine {
            url,
            http: herald_translate::http::HttpSettings {
                timeout: std::time::Duration::from_secs(u64::from(timeout_s)),
                attempts,
                concurrency,
                api_key: herald_translate::http::ApiKey::resolve(api_key, Some(env)),
                ..herald_translate::http::HttpSettings::default()
            },
        })
    };
    let libretranslate = match &raw.libretranslate_url {
        None => None,
        Some(value) => Some(server(
            "libretranslate_url",
            value,
            raw.libretranslate_api_key.as_deref(),
            raw.libretranslate_api_key_env
                .as_deref()
                .unwrap_or("HERALD_LIBRETRANSLATE_API_KEY"),
        )?),
    };
    let openai = match &raw.openai_url {
        None => None,
        Some(value) => {
            let Some(model) = raw.openai_model.clone().filter(|m| !m.trim().is_empty()) else {
                bail!("translate.openai_model: say which model the server at openai_url runs");
            };
            let languages = match &raw.openai_languages {
                None => languages.to_vec(),
                Some(tags) => tags
                    .iter()
                    .map(|tag| {
                        Language::parse(tag)
                            .with_context(|| format!("translate.openai_languages: '{tag}'"))
                    })
                    .collect::<anyhow::Result<_>>()?,
            };
            Some(OpenAiEngine {
                server: server(
                    "openai_url",
                    value,
                    raw.openai_api_key.as_deref(),
                    raw.openai_api_key_env
                        .as_deref()
                        .unwrap_or("OPENAI_API_KEY"),
                )?,
                model,
                languages,
            })
        }
    };
    Ok((libretranslate, openai))
}

fn read_table(path: &Path) -> anyhow::Result<toml::Table> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read settings file {}", path.display()))?;
    check_text(&text).map_err(|e| anyhow::anyhow!("settings file {}: {e}", path.display()))?;
    text.parse::<toml::Table>()
        .map_err(|e| anyhow::anyhow!("settings file {}: {}", path.display(), describe(&text, &e)))
}

/// Checks a settings file's text: TOML syntax, known keys, value types, then the values
/// themselves. The error names the line and the key.
pub(crate) fn check_text(text: &str) -> anyhow::Result<()> {
    let raw: RawSettings = toml::from_str(text).map_err(|e| anyhow::anyhow!(describe(text, &e)))?;
    Settings::resolve(raw, &Flags::default()).map(drop)
}

/// A TOML error on one line: "line 3: unknown field `colour`, expected one of …".
fn describe(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim().replace('\n', " ");
    match error.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message,
    }
}

/// Puts `HERALD_SITE__NAME=x` at `site.name`. Values are read as TOML when they parse
/// (numbers, arrays such as `["vi","en"]`), else taken as strings.
fn apply_env(table: &mut toml::Table, env: &BTreeMap<String, String>) -> anyhow::Result<()> {
    for (key, value) in env {
        let Some(path) = key.strip_prefix(ENV_PREFIX) else {
            continue;
        };
        let parts: Vec<String> = path.split("__").map(str::to_ascii_lowercase).collect();
        if parts.len() != 2 || parts.iter().any(String::is_empty) {
            bail!("environment variable {key}: expected HERALD_<SECTION>__<KEY>");
        }
        let section = table
            .entry(parts[0].clone())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let Some(section) = section.as_table_mut() else {
            bail!(
                "environment variable {key}: '{}' is not a section",
                parts[0]
            );
        };
        let parsed = format!("v = {value}")
            .parse::<toml::Table>()
            .ok()
            .and_then(|mut t| t.remove("v"))
            .unwrap_or_else(|| toml::Value::String(value.clone()));
        section.insert(parts[1].clone(), parsed);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(file: &str, env: &[(&str, &str)], flags: &Flags) -> anyhow::Result<Settings> {
        let mut table: toml::Table = file.parse()?;
        let env = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        apply_env(&mut table, &env)?;
        Settings::resolve(toml::Value::Table(table).try_into()?, flags)
    }

    #[test]
    fn layers_defaults_file_environment_and_flags() {
        let file =
            "[site]\nname = \"File\"\npage_size = 5\n[server]\nlisten = \"127.0.0.1:9000\"\n";
        let s = load(file, &[], &Flags::default()).unwrap();
        assert_eq!(
            (s.site_name.as_str(), s.page_size, s.listen.port()),
            ("File", 5, 9000)
        );
        assert_eq!(s.default_language.as_str(), "en");

        let s = load(
            file,
            &[
                ("HERALD_SITE__NAME", "Env"),
                ("HERALD_SITE__PAGE_SIZE", "7"),
            ],
            &Flags::default(),
        )
        .unwrap();
        assert_eq!((s.site_name.as_str(), s.page_size), ("Env", 7));

        let flags = Flags {
            listen: Some("127.0.0.1:9100".parse().unwrap()),
            ..Flags::default()
        };
        let s = load(file, &[("HERALD_SERVER__LISTEN", "127.0.0.1:9050")], &flags).unwrap();
        assert_eq!(s.listen.port(), 9100);
        assert_eq!(s.base_url.as_str(), "http://127.0.0.1:9100/");
    }

    #[test]
    fn names_the_bad_key() {
        let err = load("[site]\nnmae = \"x\"\n", &[], &Flags::default()).unwrap_err();
        assert!(format!("{err:#}").contains("nmae"), "{err:#}");
        let err = load(
            "[site]\nlanguages = [\"vi\", \"not a tag\"]\n",
            &[],
            &Flags::default(),
        )
        .unwrap_err();
        assert!(format!("{err:#}").contains("site.languages"), "{err:#}");
        let err = load(
            "[site]\nlanguages = [\"vi\", \"en\"]\ndefault_language = \"de\"\n",
            &[],
            &Flags::default(),
        )
        .unwrap_err();
        assert!(
            format!("{err:#}").contains("site.default_language"),
            "{err:#}"
        );
        let err = load(
            "",
            &[("HERALD_SITE__TIME_ZONE", "Nowhere/City")],
            &Flags::default(),
        )
        .unwrap_err();
        assert!(format!("{err:#}").contains("site.time_zone"), "{err:#}");
    }

    #[test]
    fn checking_a_file_names_the_line_and_the_bad_key() {
        let err = check_text("[site]\nname = \"x\"\ncolour = \"red\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("line 3:") && err.contains("colour"),
            "{err}"
        );
        let err = check_text("[server]\npage_size = 3\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("page_size"), "{err}");
        let err = check_text("[site]\npage_size = \"ten\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("line 2:"), "{err}");
        let err = check_text("[site]\ntime_zone = \"Nowhere/City\"\n").unwrap_err();
        assert!(format!("{err:#}").contains("site.time_zone"), "{err:#}");
        assert!(check_text(&example_config()).is_ok());
    }

    #[test]
    fn example_config_is_current() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../config/herald.example.toml"
        );
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == example_config(),
            "config/herald.example.toml is out of date: run `cargo run -- config defaults > config/herald.example.toml`"
        );
    }

    #[test]
    fn example_config_parses_and_gives_the_defaults() {
        let s = load(&example_config(), &[], &Flags::default()).unwrap();
        let defaults = load("", &[], &Flags::default()).unwrap();
        assert_eq!(s.site_name, defaults.site_name);
        assert_eq!(s.languages, defaults.languages);
        assert_eq!(s.languages.len(), 10);
        assert_eq!(s.page_size, defaults.page_size);
        assert_eq!(s.listen, defaults.listen);
        assert_eq!(s.time_zone, defaults.time_zone);
        assert_eq!(s.page_cache_bytes, defaults.page_cache_bytes);
        assert_eq!(s.revision_poll, defaults.revision_poll);
        assert_eq!(s.store_url, defaults.store_url);
    }

    #[test]
    fn every_setting_is_documented() {
        for section in SECTIONS {
            for field in section.fields {
                assert!(
                    !field.doc.is_empty(),
                    "{}.{} has no doc comment",
                    section.key,
                    field.key
                );
            }
        }
    }

    #[test]
    fn persian_calendar_is_chosen_per_site() {
        let s = load(
            "[site]\npersian_calendar = \"gregorian\"\n",
            &[],
            &Flags::default(),
        )
        .unwrap();
        assert!(s.persian_gregorian);
        assert!(!load("", &[], &Flags::default()).unwrap().persian_gregorian);
        let err = load(
            "[site]\npersian_calendar = \"lunar\"\n",
            &[],
            &Flags::default(),
        )
        .unwrap_err();
        assert!(
            format!("{err:#}").contains("site.persian_calendar"),
            "{err:#}"
        );
    }

    #[test]
    fn stores_in_the_data_folder_by_default() {
        let flags = Flags {
            data: Some(PathBuf::from("/srv/news")),
            ..Flags::default()
        };
        let s = load("", &[], &flags).unwrap();
        assert_eq!(s.store_url, "sqlite:///srv/news/herald.db");
        assert_eq!(s.media_dir(), PathBuf::from("/srv/news/media"));
    }
}
