//! `herald models fetch|list`: the neural translation models in the models folder.
//!
//! `fetch` downloads a package, named in a small catalogue or given by URL, to
//! `<models>/.partial/` with a progress bar; run again after an interruption, it asks the
//! server for the rest (`Range`). It checks the SHA-256 when one is known, unpacks the zip
//! into a hidden folder of the models folder (refusing absolute or `..` paths, links and
//! oversized contents), checks that the result is a model `herald_translate::models` can
//! read, and moves it into place with one rename, so the neural engine never sees half a
//! model. `list` shows what `herald_translate::models::discover` finds there, which is
//! exactly what the neural engine loads.

use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use herald_translate::models::{self, Installed, Languages};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_RANGE, RANGE};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt as _;

use crate::cli::{DataArgs, ModelsCommand, ModelsFetchArgs};
use crate::settings::Settings;

/// Largest download: the biggest CTranslate2 models a newsroom would run on a CPU are a few
/// GB; the bound stops a wrong URL from filling the disk.
const MAX_DOWNLOAD_BYTES: u64 = 16 * 1024 * 1024 * 1024;

/// Largest unpacked package, counted from what is actually written, not what the archive
/// declares, so that a zip bomb stops here.
const MAX_UNPACKED_BYTES: u64 = 16 * 1024 * 1024 * 1024;

/// Most entries in a package: an Argos package has about ten.
const MAX_ENTRIES: usize = 10_000;

/// A package the catalogue knows by name.
struct Known {
    name: &'static str,
    url: &'static str,
    /// The archive's SHA-256 where its maker publishes one.
    sha256: Option<&'static str>,
    /// What it translates, FROM-TO.
    pair: &'static str,
    description: &'static str,
}

/// A catalogue entry for the Argos package FROM → TO at VERSION (`1_9`), as the index names
/// its file.
macro_rules! argos {
    ($from:literal, $to:literal, $version:literal, $description:literal) => {
        Known {
            name: concat!("argos-", $from, "-", $to),
            url: concat!(
                "https://argos-net.com/v1/translate-",
                $from,
                "_",
                $to,
                "-",
                $version,
                ".argosmodel"
            ),
            sha256: None,
            pair: concat!($from, "-", $to),
            description: $description,
        }
    };
}

/// Argos Translate packages for the pairs Herald's newsrooms ask for most. The URLs are the
/// `links` of the Argos package index (argospm-index, `index.json`). The index publishes no
/// checksums, so none is given here: `--sha256` checks a download against a hash the operator
/// trusts. The en↔vi links are not in the copy of the index read when this list was written;
/// they follow the index's pattern and are the ones Argos Translate users cite for version
/// 1.9, but are unconfirmed (docs/operating.md says so).
const CATALOGUE: &[Known] = &[
    argos!(
        "en",
        "vi",
        "1_9",
        "English → Vietnamese, 1.9 (URL unconfirmed)"
    ),
    argos!(
        "vi",
        "en",
        "1_9",
        "Vietnamese → English, 1.9 (URL unconfirmed)"
    ),
    argos!("en", "fa", "1_5", "English → Persian, 1.5"),
    argos!("fa", "en", "1_5", "Persian → English, 1.5"),
    argos!("en", "ar", "1_0", "English → Arabic, 1.0"),
    argos!("ar", "en", "1_0", "Arabic → English, 1.0"),
    argos!("en", "zh", "1_9", "English → Chinese, 1.9"),
    argos!("zh", "en", "1_9", "Chinese → English, 1.9"),
    argos!("en", "ru", "1_9", "English → Russian, 1.9"),
    argos!("ru", "en", "1_9", "Russian → English, 1.9"),
    argos!("en", "fr", "1_9", "English → French, 1.9"),
    argos!("fr", "en", "1_9", "French → English, 1.9"),
    argos!("en", "es", "1_0", "English → Spanish, 1.0"),
    argos!("es", "en", "1_0", "Spanish → English, 1.0"),
    argos!("en", "de", "1_0", "English → German, 1.0"),
    argos!("de", "en", "1_0", "German → English, 1.0"),
];

pub(super) async fn run(config: Option<PathBuf>, command: ModelsCommand) -> anyhow::Result<()> {
    match command {
        ModelsCommand::Fetch(args) => {
            // The target is read first, so that a typo fails fast and creates no folder.
            let source = Source::new(&args.target, args.sha256.as_deref())?;
            let data = DataArgs {
                data: args.data.data.clone(),
            };
            fetch(&super::load(config, data)?, &source, &args).await
        }
        ModelsCommand::List { data } => list(&super::load(config, data)?),
    }
}

/// The models folder: `[translate] models`, which defaults to `models` in the data folder.
fn models_dir(settings: &Settings) -> PathBuf {
    settings.translate.models.clone()
}

/// What to download, and what it must hash to.
#[derive(Debug)]
struct Source {
    url: url::Url,
    sha256: Option<String>,
    /// The file name for the download, safe to use as one path component.
    file: String,
}

impl Source {
    fn new(target: &str, sha256: Option<&str>) -> anyhow::Result<Self> {
        let sha256 = sha256.map(parse_sha256).transpose()?;
        let (url, known) = if target.contains("://") {
            let url =
                url::Url::parse(target).with_context(|| format!("'{target}' is not a URL"))?;
            if !matches!(url.scheme(), "http" | "https") {
                bail!("'{target}' is not an http:// or https:// URL: only those can be fetched");
            }
            (url, None)
        } else {
            let Some(known) = CATALOGUE
                .iter()
                .find(|k| k.name.eq_ignore_ascii_case(target.trim()))
            else {
                eprint!("{}", catalogue_table());
                bail!(
                    "no model is named '{target}': give one of the names above, or the http(s) \
                     URL of an .argosmodel package"
                );
            };
            let url = url::Url::parse(known.url)
                .with_context(|| format!("the catalogue's URL for {} is broken", known.name))?;
            (url, Some(known))
        };
        let sha256 = sha256.or_else(|| known.and_then(|k| k.sha256).map(str::to_owned));
        let file = file_name(&url);
        Ok(Self { url, sha256, file })
    }

    /// The folder name the package will most likely unpack to (Argos packages hold one
    /// folder named like the file), for refusing early what is already installed.
    fn stem(&self) -> &str {
        let file = self.file.as_str();
        file.strip_suffix(".argosmodel")
            .or_else(|| file.strip_suffix(".zip"))
            .unwrap_or(file)
    }
}

/// The catalogue, one model a line.
fn catalogue_table() -> String {
    let width = CATALOGUE.iter().map(|k| k.name.len()).max().unwrap_or(0);
    let mut out = String::from("Models herald can fetch by name:\n");
    for known in CATALOGUE {
        let _ = writeln!(
            out,
            "  {:<width$}  {:<5}  {}",
            known.name, known.pair, known.description
        );
    }
    out
}

fn parse_sha256(text: &str) -> anyhow::Result<String> {
    let hex = text.trim().to_ascii_lowercase();
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        bail!("--sha256 '{text}' is not a SHA-256: 64 hexadecimal digits are expected");
    }
    Ok(hex)
}

/// The URL's last path segment with anything but letters, digits, `.`, `-` and `_`
/// replaced, so that a URL cannot name a path outside the download folder.
fn file_name(url: &url::Url) -> String {
    let last = url
        .path_segments()
        .and_then(|mut segments| segments.rfind(|s| !s.is_empty()))
        .unwrap_or_default();
    let cleaned: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim_start_matches('.');
    if cleaned.is_empty() {
        "model.zip".to_owned()
    } else {
        cleaned.to_owned()
    }
}

async fn fetch(settings: &Settings, source: &Source, args: &ModelsFetchArgs) -> anyhow::Result<()> {
    let dir = models_dir(settings);
    let installed_already = dir.join(source.stem());
    if !args.force && installed_already.exists() {
        bail!(
            "{} is already installed in {}: pass --force to replace it",
            source.stem(),
            installed_already.display()
        );
    }
    let downloads = dir.join(".partial");
    std::fs::create_dir_all(&downloads)
        .with_context(|| format!("cannot create the models folder {}", downloads.display()))?;
    let partial = downloads.join(format!("{}.partial", source.file));
    if let Err(error) = download(&source.url, &partial, args.quiet).await {
        // Nothing received: leave no empty download behind.
        if std::fs::metadata(&partial).map_or(true, |m| m.len() == 0) {
            discard(&partial);
        }
        return Err(error);
    }

    if let Some(expected) = &source.sha256 {
        let actual = {
            let partial = partial.clone();
            tokio::task::spawn_blocking(move || sha256_file(&partial))
                .await
                .context("the checksum task failed")??
        };
        if &actual != expected {
            discard(&partial);
            bail!(
                "the download of {} does not match its checksum: expected sha256 {expected}, \
                 got {actual}; it was deleted and nothing was installed (check the --sha256 \
                 value and the URL)",
                source.url
            );
        }
    }

    let unpacked = {
        let (partial, dir, stem, force) = (
            partial.clone(),
            dir.clone(),
            source.stem().to_owned(),
            args.force,
        );
        tokio::task::spawn_blocking(move || install(&partial, &dir, &stem, force))
            .await
            .context("the unpacking task failed")?
    };
    let (model, notes) = match unpacked {
        Ok(done) => done,
        Err(InstallError::BadPackage(reason)) => {
            // Fully downloaded but unusable: a rerun would only fail the same way.
            discard(&partial);
            bail!(
                "{} is not a usable model package: {reason}; nothing was installed",
                source.url
            );
        }
        Err(InstallError::Exists(path)) => bail!(
            "{} is already installed: pass --force to replace it (the download is kept in {}, \
             so that the rerun does not download it again)",
            path.display(),
            downloads.display()
        ),
        Err(InstallError::Failed(error)) => return Err(error),
    };
    discard(&partial);
    print!("{}", installed_report(settings, &dir, &model, &notes));
    Ok(())
}

/// Deletes a download, and the downloads folder with its last one.
fn discard(partial: &Path) {
    let _ = std::fs::remove_file(partial);
    if let Some(downloads) = partial.parent() {
        // Fails, as it should, while another download is in it.
        let _ = std::fs::remove_dir(downloads);
    }
}

/// The HTTP client for downloads: no overall timeout (a model is hundreds of MB), but a
/// stalled connection fails.
fn client() -> anyhow::Result<reqwest::Client> {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Err means another thread installed one first: that one is used, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    reqwest::Client::builder()
        .user_agent(concat!("herald/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(30))
        .read_timeout(Duration::from_secs(120))
        .build()
        .context("cannot set up the HTTP client")
}

/// Downloads `url` to `partial`, continuing what an earlier run left there.
async fn download(url: &url::Url, partial: &Path, quiet: bool) -> anyhow::Result<()> {
    let client = client()?;
    let mut resume = true;
    loop {
        let have = if resume {
            std::fs::metadata(partial).map_or(0, |m| m.len())
        } else {
            0
        };
        let mut request = client.get(url.clone());
        if have > 0 {
            request = request.header(RANGE, format!("bytes={have}-"));
        }
        let mut response = request
            .send()
            .await
            .with_context(|| format!("cannot download {url}"))?;
        let status = response.status();
        let (start, total) = match status {
            StatusCode::RANGE_NOT_SATISFIABLE if have > 0 => {
                // Nothing lies past what we have: the file is complete, and the checks
                // that follow say whether it is right.
                return Ok(());
            }
            StatusCode::PARTIAL_CONTENT => match content_range(&response) {
                Some((first, total)) if first == have => (have, total),
                _ => {
                    // Not the part asked for: start over rather than splice wrong bytes.
                    resume = false;
                    continue;
                }
            },
            status if status.is_success() => (0, response.content_length()),
            status => bail!("cannot download {url}: the server answered {status}"),
        };
        let mut options = tokio::fs::OpenOptions::new();
        options.create(true);
        if start > 0 {
            options.append(true);
        } else {
            options.write(true).truncate(true);
        }
        let mut file = options
            .open(partial)
            .await
            .with_context(|| format!("cannot write {}", partial.display()))?;

        let bar = progress_bar(quiet, total, start);
        let mut written = start;
        loop {
            let chunk = match response.chunk().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => break,
                Err(error) => {
                    bar.abandon();
                    file.flush().await.ok();
                    bail!(
                        "the download of {url} stopped after {written} bytes ({error}): run the \
                         same command again to resume it"
                    );
                }
            };
            file.write_all(&chunk)
                .await
                .with_context(|| format!("cannot write {}", partial.display()))?;
            written += chunk.len() as u64;
            if written > MAX_DOWNLOAD_BYTES {
                drop(file);
                discard(partial);
                bail!("{url} is larger than {MAX_DOWNLOAD_BYTES} bytes: refused");
            }
            bar.set_position(written);
        }
        file.flush()
            .await
            .with_context(|| format!("cannot write {}", partial.display()))?;
        bar.finish_and_clear();
        if let Some(total) = total
            && written < total
        {
            bail!(
                "the download of {url} stopped after {written} of {total} bytes: run the same \
                 command again to resume it"
            );
        }
        return Ok(());
    }
}

/// `Content-Range: bytes FIRST-LAST/TOTAL` → (FIRST, TOTAL if known).
fn content_range(response: &reqwest::Response) -> Option<(u64, Option<u64>)> {
    let value = response.headers().get(CONTENT_RANGE)?.to_str().ok()?;
    let (range, total) = value.strip_prefix("bytes ")?.split_once('/')?;
    let (first, _) = range.split_once('-')?;
    Some((first.trim().parse().ok()?, total.trim().parse().ok()))
}

/// A byte progress bar on standard error; hidden with --quiet and, by indicatif, when
/// standard error is not a terminal.
fn progress_bar(quiet: bool, total: Option<u64>, start: u64) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    let template = if total.is_some() {
        "{bar:30} {bytes}/{total_bytes} {bytes_per_sec}, {eta} left"
    } else {
        "{spinner} {bytes} {bytes_per_sec}"
    };
    bar.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_position(start);
    bar.reset_eta();
    bar
}

fn sha256_file(path: &Path) -> anyhow::Result<String> {
    let mut file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 20];
    loop {
        let n = file
            .read(&mut buffer)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        }))
}

/// Why a downloaded package was not installed.
#[derive(Debug)]
enum InstallError {
    /// The archive is not a zip, is unsafe, or does not hold a model (the reason).
    BadPackage(String),
    /// A model of that name is installed and --force was not given.
    Exists(PathBuf),
    /// Reading or writing failed.
    Failed(anyhow::Error),
}

impl From<anyhow::Error> for InstallError {
    fn from(error: anyhow::Error) -> Self {
        Self::Failed(error)
    }
}

/// One file or folder of the archive, checked.
struct Entry {
    index: usize,
    path: PathBuf,
    is_dir: bool,
    size: u64,
}

/// Unpacks `archive` into the models folder `dir` as one model folder: the archive's single
/// top folder, or `fallback_name` when its files sit at the top.
fn install(
    archive: &Path,
    dir: &Path,
    fallback_name: &str,
    force: bool,
) -> Result<(Installed, Vec<String>), InstallError> {
    let bad = |reason: String| InstallError::BadPackage(reason);
    let mut file = std::fs::File::open(archive)
        .with_context(|| format!("cannot read {}", archive.display()))?;
    let mut magic = [0u8; 4];
    if file.read_exact(&mut magic).is_err() || &magic != b"PK\x03\x04" {
        return Err(bad(
            "it is not a zip archive (an .argosmodel package is one)".into(),
        ));
    }
    let mut zip = zip::ZipArchive::new(file)
        .map_err(|e| bad(format!("it is not a readable zip archive ({e})")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(bad(format!("it holds more than {MAX_ENTRIES} files")));
    }

    let mut entries = Vec::with_capacity(zip.len());
    let mut declared: u64 = 0;
    for index in 0..zip.len() {
        let entry = zip
            .by_index(index)
            .map_err(|e| bad(format!("entry {index} cannot be read ({e})")))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let Some(path) = safe_relative(&name) else {
            return Err(bad(format!(
                "it holds the unsafe path '{name}' (absolute, or with `..`)"
            )));
        };
        if entry.is_symlink() {
            return Err(bad(format!("it holds a link, '{name}'")));
        }
        if entry.encrypted() {
            return Err(bad(format!("'{name}' is encrypted")));
        }
        declared = declared.saturating_add(entry.size());
        if declared > MAX_UNPACKED_BYTES {
            return Err(bad(format!(
                "it unpacks to more than {MAX_UNPACKED_BYTES} bytes"
            )));
        }
        entries.push(Entry {
            index,
            path,
            is_dir: entry.is_dir(),
            size: entry.size(),
        });
    }

    let (name, entries) = package_folder(entries, fallback_name);
    if name.starts_with('.') || name.is_empty() {
        return Err(bad(format!("its top folder '{name}' is hidden")));
    }
    let target = dir.join(&name);
    if target.exists() && !force {
        return Err(InstallError::Exists(target));
    }

    // Unpacked in the models folder itself so that the final move is a rename on one file
    // system; hidden, so `discover` skips it meanwhile; removed on every early return.
    let staging = tempfile::Builder::new()
        .prefix(".unpack-")
        .tempdir_in(dir)
        .with_context(|| format!("cannot create a folder in {}", dir.display()))?;
    let unpacked = staging.path().join(&name);
    std::fs::create_dir(&unpacked)
        .with_context(|| format!("cannot create {}", unpacked.display()))?;
    let mut written: u64 = 0;
    let mut buffer = vec![0; 1 << 16];
    for entry in &entries {
        let out = unpacked.join(&entry.path);
        if entry.is_dir {
            std::fs::create_dir_all(&out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            continue;
        }
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let mut reader = zip
            .by_index(entry.index)
            .map_err(|e| bad(format!("'{}' cannot be read ({e})", entry.path.display())))?;
        let mut writer = std::fs::File::create_new(&out).map_err(|e| {
            bad(format!(
                "'{}' cannot be written, or is in it twice ({e})",
                entry.path.display()
            ))
        })?;
        let mut this_entry: u64 = 0;
        loop {
            let n = reader
                .read(&mut buffer)
                .map_err(|e| bad(format!("'{}' is damaged ({e})", entry.path.display())))?;
            if n == 0 {
                break;
            }
            this_entry += n as u64;
            written += n as u64;
            if this_entry > entry.size || written > MAX_UNPACKED_BYTES {
                return Err(bad(format!(
                    "'{}' is larger than the archive declares",
                    entry.path.display()
                )));
            }
            writer
                .write_all(&buffer[..n])
                .with_context(|| format!("cannot write {}", out.display()))?;
        }
        writer
            .sync_all()
            .with_context(|| format!("cannot write {}", out.display()))?;
    }

    let (model, notes) = models::read(&unpacked).map_err(bad)?;

    if target.exists() {
        // --force: the old model moves into the staging folder, which is deleted with it.
        let old = staging.path().join(".replaced");
        std::fs::rename(&target, &old)
            .with_context(|| format!("cannot move {} aside", target.display()))?;
        if let Err(error) = std::fs::rename(&unpacked, &target) {
            let _ = std::fs::rename(&old, &target);
            return Err(InstallError::Failed(anyhow::Error::new(error).context(
                format!("cannot move the new model to {}", target.display()),
            )));
        }
    } else {
        std::fs::rename(&unpacked, &target)
            .with_context(|| format!("cannot move the model to {}", target.display()))?;
    }
    // The model as installed: its paths are under `target`, not the staging folder.
    let model = models::read(&target).map_or(model, |(installed, _)| installed);
    Ok((model, notes))
}

/// `name` as a relative path of plain components, or `None` if it is absolute, climbs out
/// with `..`, names a drive, or holds a NUL or a backslash.
fn safe_relative(name: &str) -> Option<PathBuf> {
    if name.starts_with('/') || name.contains(['\0', '\\']) {
        return None;
    }
    let mut path = PathBuf::new();
    for part in name.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            part if part.contains(':') => return None,
            part => path.push(part),
        }
    }
    (!path.as_os_str().is_empty()).then_some(path)
}

/// The model folder's name and the entries relative to it: when every entry lies under one
/// top folder, that folder; else `fallback`, with the entries as they are.
fn package_folder(entries: Vec<Entry>, fallback: &str) -> (String, Vec<Entry>) {
    let top = |entry: &Entry| entry.path.iter().next().map(|c| c.to_owned());
    let first = entries.first().and_then(top);
    let single_top = first.as_ref().is_some_and(|first| {
        entries.iter().all(|e| top(e).as_ref() == Some(first))
            && entries.iter().any(|e| e.path.components().count() > 1)
    });
    match first {
        Some(first) if single_top => {
            let name = first.to_string_lossy().into_owned();
            let entries = entries
                .into_iter()
                .filter_map(|mut e| {
                    let inner: PathBuf = e.path.iter().skip(1).collect();
                    if inner.as_os_str().is_empty() {
                        return None;
                    }
                    e.path = inner;
                    Some(e)
                })
                .collect();
            (name, entries)
        }
        _ => (fallback.to_owned(), entries),
    }
}

/// What `fetch` prints: the model, and the settings that put it to work.
fn installed_report(
    settings: &Settings,
    dir: &Path,
    model: &Installed,
    notes: &[String],
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Installed {}: {} ({}, {}) in {}",
        model.name,
        serves(model),
        model.kind,
        model.version,
        model.path.display()
    );
    for note in notes {
        let _ = writeln!(out, "Note: {note}");
    }
    let engines = &settings.translate.engines.engines;
    if engines.iter().any(|e| e == "neural") {
        let _ = writeln!(
            out,
            "\nThe settings already list the neural engine, which loads every model in {} by \
             itself: restart `herald serve` to use it.",
            dir.display()
        );
    } else {
        let listed: Vec<String> = std::iter::once("neural")
            .chain(engines.iter().map(String::as_str))
            .map(|e| format!("\"{e}\""))
            .collect();
        let _ = writeln!(
            out,
            "\nTo translate with it, add to herald.toml:\n\n[translate]\nengines = [{}]\n\n\
             The neural engine loads every model in {} by itself.",
            listed.join(", "),
            dir.display()
        );
    }
    if !cfg!(feature = "neural") {
        let _ = writeln!(
            out,
            "This herald was built without the neural engine: rebuild it with \
             `cargo build --release --features neural`."
        );
    }
    out
}

/// The pairs a model serves, short: one pair, or the languages of a multilingual model.
fn serves(model: &Installed) -> String {
    match &model.languages {
        Languages::One(pair) => pair.to_string(),
        Languages::Many(codes) => {
            let tags: Vec<&str> = codes.keys().map(|l| l.as_str()).collect();
            format!("every pair of {}", tags.join(", "))
        }
    }
}

fn list(settings: &Settings) -> anyhow::Result<()> {
    let dir = models_dir(settings);
    let found = models::discover(&dir);
    let mut out = String::new();
    if found.models.is_empty() && found.problems.is_empty() {
        let _ = writeln!(
            out,
            "No models in {} yet. Install one with `herald models fetch NAME` ({}, …) or \
             `herald models fetch URL`.",
            dir.display(),
            CATALOGUE
                .iter()
                .take(4)
                .map(|k| k.name)
                .collect::<Vec<_>>()
                .join(", ")
        );
        print!("{out}");
        return Ok(());
    }
    let _ = writeln!(out, "Models in {}:", dir.display());
    let rows: Vec<[String; 5]> = found
        .models
        .iter()
        .map(|m| {
            [
                m.name.clone(),
                m.kind.to_string(),
                serves(m),
                m.version.clone(),
                human_size(size_on_disk(&m.path)),
            ]
        })
        .collect();
    if rows.is_empty() {
        let _ = writeln!(out, "  (none usable)");
    } else {
        let header = ["NAME", "KIND", "PAIRS", "VERSION", "SIZE"].map(str::to_owned);
        let mut widths = [0; 5];
        for row in std::iter::once(&header).chain(&rows) {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        for row in std::iter::once(&header).chain(&rows) {
            let mut line = String::from(" ");
            for (cell, width) in row.iter().zip(widths) {
                let _ = write!(line, " {cell:<width$} ");
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    if !found.problems.is_empty() {
        let _ = writeln!(out, "\nProblems:");
        for problem in &found.problems {
            let name = problem.path.file_name().map_or_else(
                || problem.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let _ = writeln!(out, "  {name}: {}", problem.reason);
        }
    }
    if !found.models.is_empty() && !cfg!(feature = "neural") {
        let _ = writeln!(
            out,
            "\nThis herald was built without the neural engine, so it uses none of these: \
             rebuild it with `cargo build --release --features neural`."
        );
    }
    print!("{out}");
    Ok(())
}

/// Bytes of the files under `path`, links not followed.
fn size_on_disk(path: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if !meta.is_dir() {
        return meta.len();
    }
    std::fs::read_dir(path).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .map(|e| size_on_disk(&e.path()))
            .sum()
    })
}

fn human_size(bytes: u64) -> String {
    // Shown to one decimal: the precision lost above 2^52 bytes does not show.
    let value = bytes as f64;
    if bytes >= 1 << 30 {
        format!("{:.1} GB", value / f64::from(1u32 << 30))
    } else if bytes >= 1 << 20 {
        format!("{:.1} MB", value / f64::from(1u32 << 20))
    } else if bytes >= 1 << 10 {
        format!("{:.1} kB", value / 1024.0)
    } else {
        format!("{bytes} B")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_safe() {
        assert_eq!(
            safe_relative("translate-en_vi-1_9/model/model.bin"),
            Some(PathBuf::from("translate-en_vi-1_9/model/model.bin"))
        );
        assert_eq!(safe_relative("a/./b/"), Some(PathBuf::from("a/b")));
        for unsafe_name in [
            "../x",
            "a/../../x",
            "a/..",
            "/etc/passwd",
            "C:/x",
            "a\\..\\x",
            "",
        ] {
            assert_eq!(safe_relative(unsafe_name), None, "{unsafe_name}");
        }
    }

    #[test]
    fn every_catalogue_entry_has_an_https_url_and_a_unique_name() {
        let mut names = std::collections::BTreeSet::new();
        for known in CATALOGUE {
            assert!(names.insert(known.name), "{} twice", known.name);
            let url = url::Url::parse(known.url).unwrap();
            assert_eq!(url.scheme(), "https", "{}", known.name);
            let (from, to) = known.pair.split_once('-').unwrap();
            assert!(
                known.url.contains(&format!("translate-{from}_{to}-")),
                "{}",
                known.name
            );
            assert_eq!(known.name, format!("argos-{from}-{to}"));
            assert!(known.sha256.is_none_or(|h| parse_sha256(h).is_ok()));
            assert!(!known.description.is_empty());
        }
    }

    #[test]
    fn a_url_cannot_name_a_file_outside_the_download_folder() {
        let url = |s: &str| url::Url::parse(s).unwrap();
        assert_eq!(
            file_name(&url("https://h/v1/translate-en_vi-1_9.argosmodel")),
            "translate-en_vi-1_9.argosmodel"
        );
        assert_eq!(file_name(&url("https://h/a/..%2F..%2Fx")), "_2F.._2Fx");
        assert_eq!(file_name(&url("https://h/")), "model.zip");
        assert_eq!(file_name(&url("https://h/.hidden")), "hidden");
    }

    #[test]
    fn a_checksum_is_64_hex_digits() {
        assert!(parse_sha256(&"A".repeat(64)).is_ok());
        assert!(parse_sha256("abc").is_err());
        assert!(parse_sha256(&"g".repeat(64)).is_err());
    }
}
