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

/// Settings as written: every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSettings {
    /// The site.
    #[serde(default)]
    pub site: RawSite,
    /// The HTTP server.
    #[serde(default)]
    pub server: RawServer,
    /// The database.
    #[serde(default)]
    pub store: RawStore,
}

/// `[site]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSite {
    /// Site name shown in the header and titles. Defaults to "Herald".
    pub name: Option<String>,
    /// Public URL the site is reached at, for canonical links and sitemaps.
    /// Defaults to `http://` + the listen address.
    pub base_url: Option<String>,
    /// Interface locales, as BCP 47 tags; also the URL prefixes. Defaults to vi, en, fa.
    pub languages: Option<Vec<String>>,
    /// Locale for readers whose preference matches none. Defaults to en.
    pub default_language: Option<String>,
    /// Newsroom time zone (IANA name) for dates. Defaults to UTC; the demo uses
    /// Asia/Ho_Chi_Minh.
    pub time_zone: Option<String>,
    /// Articles per list page. Defaults to 12.
    pub page_size: Option<u32>,
}

/// `[server]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawServer {
    /// Address to listen on. Defaults to 127.0.0.1:8080.
    pub listen: Option<String>,
}

/// `[store]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStore {
    /// Database URL: `sqlite://PATH` or `postgres://…`. Defaults to `herald.db` in the data
    /// folder.
    pub url: Option<String>,
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
    /// Articles per list page.
    pub page_size: u32,
    /// Listen address.
    pub listen: SocketAddr,
    /// Database URL.
    pub store_url: String,
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
            None => ["vi", "en", "fa"]
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
        let store_url = match raw.store.url {
            Some(url) => url,
            None => format!("sqlite://{}", data_dir.join("herald.db").display()),
        };
        Ok(Self {
            data_dir,
            site_name: raw.site.name.unwrap_or_else(|| "Herald".to_owned()),
            base_url,
            languages,
            default_language,
            time_zone,
            page_size,
            listen,
            store_url,
        })
    }

    /// Folder for images, videos and subtitles.
    pub(crate) fn media_dir(&self) -> PathBuf {
        self.data_dir.join("media")
    }
}

fn read_table(path: &Path) -> anyhow::Result<toml::Table> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read settings file {}", path.display()))?;
    text.parse::<toml::Table>()
        .with_context(|| format!("settings file {} is not valid TOML", path.display()))
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
            "[site]\ndefault_language = \"de\"\n",
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
