//! Apertium, the rule-based engine from Debian packages, run as a child process.
//!
//! [`Apertium::discover`] reads the modes directory once (file names such as `eng-spa.mode`,
//! `es-pt_BR.mode`), maps Apertium's language codes to BCP 47 and asks `dpkg-query` for every
//! pair package's version in a single call, so [`Translator::model`] can name the exact data
//! that produced a translation (`eng-spa 0.8.1-2`). A batch is one `apertium -u -f html MODE`
//! child: starting a pipeline costs about half a second, so segments travel together, each
//! wrapped in a `<p>` block whose attribute carries a per-call nonce and the segment's index.
//! Apertium treats a block as a sentence boundary and passes the attribute through untouched,
//! so the wrappers cut the output back into segments and prove nothing was lost or reordered.
//! Apertium is GPL: Herald only ever runs it as a separate process.

use std::collections::hash_map::RandomState;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{BuildHasher, Hasher};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use herald_domain::Language;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::Command;

use crate::engine::{EngineError, Markup, Pair, Translator};
use crate::engines::TranslateSettings;

/// Where Debian's `apertium-*` packages put their modes.
pub const DEFAULT_MODES_DIR: &str = "/usr/share/apertium/modes";

/// Environment variable that overrides [`DEFAULT_MODES_DIR`] in [`Apertium::discover`].
pub const MODES_DIR_ENV: &str = "HERALD_APERTIUM_MODES";

/// Segments per call by default: large, because each call pays for a pipeline start.
pub const DEFAULT_MAX_BATCH: usize = 2000;

/// Bytes of wrapped input per child by default; a larger batch is split into several calls,
/// so one huge article cannot hold a pipeline (and its timeout) for minutes.
pub const DEFAULT_MAX_BYTES: usize = 256 * 1024;

/// Apertium's three-letter (and a few two-letter) codes with their BCP 47 tags. Codes not
/// listed pass through unchanged when they are valid tags: ISO 639-3 codes such as `ast` are
/// what BCP 47 uses for languages without a two-letter code.
const CODES: &[(&str, &str)] = &[
    ("afr", "af"),
    ("ara", "ar"),
    ("arg", "an"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bos", "bs"),
    ("bre", "br"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cym", "cy"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("eus", "eu"),
    ("fao", "fo"),
    ("fas", "fa"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("gle", "ga"),
    ("glg", "gl"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("ind", "id"),
    ("isl", "is"),
    ("ita", "it"),
    ("kaz", "kk"),
    ("kir", "ky"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mkd", "mk"),
    ("mlt", "mt"),
    ("msa", "ms"),
    ("nld", "nl"),
    ("nno", "nn"),
    ("nob", "nb"),
    ("oci", "oc"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sme", "se"),
    ("spa", "es"),
    ("sqi", "sq"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tat", "tt"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("zho", "zh"),
];

/// Mode-name suffixes that are registered BCP 47 variants; others (`iec2017`, `uni`) are
/// Apertium's own spelling choices and get no tag.
const KNOWN_VARIANTS: &[&str] = &["valencia"];

/// The BCP 47 tag for an Apertium language code (`eng` → `en`, `pt` → `pt`), if it is one.
#[must_use]
pub fn language_for_code(code: &str) -> Option<Language> {
    let code = code.to_ascii_lowercase();
    let tag = CODES
        .iter()
        .find(|(apertium, _)| *apertium == code)
        .map_or(code.as_str(), |(_, bcp47)| bcp47);
    if !(2..=3).contains(&tag.len()) || !tag.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    Language::parse(tag).ok()
}

/// One installed mode, as found in the modes directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mode {
    /// The mode's name, as passed to `apertium` (`eng-cat_valencia`).
    pub name: String,
    /// The direction it translates, when its codes map to BCP 47 (`en` → `ca-valencia`).
    /// `None` for modes whose codes or variant Herald cannot name.
    pub pair: Option<Pair>,
    /// The variant after `_` (`valencia`, `BR`, `iec2017`), if any.
    pub variant: Option<String>,
    /// The Debian package whose data the mode runs (`apertium-eng-cat`), if the mode file
    /// names one.
    pub package: Option<String>,
    /// The package version from dpkg (`1.0.1-5`), or `mtime-<unix seconds>` of the mode file
    /// where dpkg does not know the package.
    pub version: String,
}

impl Mode {
    /// The model string used in memory keys: `eng-spa 0.8.1-2`.
    #[must_use]
    pub fn model(&self) -> String {
        format!("{} {}", self.name, self.version)
    }
}

/// Why the modes directory could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    /// The directory is missing or unreadable.
    #[error("reading apertium modes in {dir} failed")]
    ReadDir {
        /// The directory that was read.
        dir: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
}

/// The Apertium engine: installed modes, and how to run them.
#[derive(Debug, Clone)]
pub struct Apertium {
    binary: PathBuf,
    modes_dir: PathBuf,
    modes: Vec<Mode>,
    /// Pair → index into `modes`: base modes, plus variants enabled on purpose.
    routes: BTreeMap<Pair, usize>,
    timeout_base: Duration,
    timeout_per_kib: Duration,
    max_batch: usize,
    max_bytes: usize,
}

impl Apertium {
    /// Finds the installed modes in `$HERALD_APERTIUM_MODES`, or else [`DEFAULT_MODES_DIR`].
    ///
    /// Blocks briefly: it lists one directory and runs `dpkg-query` once.
    pub fn discover() -> Result<Self, DiscoverError> {
        #[expect(
            clippy::disallowed_methods,
            reason = "the one documented override of the modes directory, read at startup"
        )]
        let dir = std::env::var(MODES_DIR_ENV)
            .ok()
            .filter(|d| !d.trim().is_empty())
            .map_or_else(|| PathBuf::from(DEFAULT_MODES_DIR), PathBuf::from);
        Self::with_modes_dir(dir)
    }

    /// Finds the installed modes in `dir` (a folder of `*.mode` files).
    ///
    /// When the folder is named `modes`, its parent is passed to `apertium -d`, which is where
    /// the script looks for `modes/NAME.mode`.
    pub fn with_modes_dir(dir: impl Into<PathBuf>) -> Result<Self, DiscoverError> {
        let modes_dir = dir.into();
        let entries = std::fs::read_dir(&modes_dir).map_err(|source| DiscoverError::ReadDir {
            dir: modes_dir.clone(),
            source,
        })?;
        let mut found: Vec<(String, Option<String>, Option<SystemTime>)> = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("mode") {
                continue;
            }
            let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            // A mode file a few kilobytes long names its data folder; a missing or odd file
            // only costs us the package name, never the mode.
            let package = std::fs::read_to_string(&path)
                .ok()
                .and_then(|text| package_in_mode(&text));
            let mtime = entry.metadata().and_then(|m| m.modified()).ok();
            found.push((name.to_owned(), package, mtime));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));

        let packages: BTreeSet<&str> = found.iter().filter_map(|f| f.1.as_deref()).collect();
        let versions = dpkg_versions(&packages);

        let modes: Vec<Mode> = found
            .iter()
            .map(|(name, package, mtime)| {
                let (pair, variant) = parse_mode_name(name);
                let version = package
                    .as_ref()
                    .and_then(|p| versions.get(p).cloned())
                    .unwrap_or_else(|| mtime_version(*mtime));
                Mode {
                    name: name.clone(),
                    pair,
                    variant,
                    package: package.clone(),
                    version,
                }
            })
            .collect();

        let mut routes = BTreeMap::new();
        for (i, mode) in modes.iter().enumerate() {
            if mode.variant.is_none()
                && let Some(pair) = &mode.pair
            {
                // Sorted by name, so two modes for one pair (`por-spa`, `pt-es`) resolve
                // the same way on every machine.
                routes.entry(pair.clone()).or_insert(i);
            }
        }

        Ok(Self {
            binary: PathBuf::from("apertium"),
            modes_dir,
            modes,
            routes,
            timeout_base: Duration::from_secs(10),
            timeout_per_kib: Duration::from_secs(1),
            max_batch: DEFAULT_MAX_BATCH,
            max_bytes: DEFAULT_MAX_BYTES,
        })
    }

    /// Finds the modes where `[translate]` says (`apertium_modes`, else as [`Self::discover`])
    /// and serves the variants it lists; a listed variant that is not installed is logged and
    /// skipped, since the other pairs still work.
    pub fn from_settings(settings: &TranslateSettings) -> Result<Self, DiscoverError> {
        let mut engine = match &settings.apertium_modes {
            Some(dir) => Self::with_modes_dir(dir.clone())?,
            None => Self::discover()?,
        };
        for variant in &settings.apertium_variants {
            if !engine.enable_variant(variant) {
                tracing::warn!(
                    variant,
                    dir = %engine.modes_dir.display(),
                    "apertium variant mode is not installed"
                );
            }
        }
        Ok(engine)
    }

    /// Uses `binary` instead of `apertium` from `PATH`.
    #[must_use]
    pub fn with_binary(mut self, binary: impl Into<PathBuf>) -> Self {
        self.binary = binary.into();
        self
    }

    /// Sets the timeout of one call to `base` plus `per_kib` for every KiB of input.
    /// Defaults to 10 s + 1 s/KiB: Apertium does about 20 KiB/s, so this is a wide margin
    /// that still stops a hung pipeline.
    #[must_use]
    pub const fn with_timeout(mut self, base: Duration, per_kib: Duration) -> Self {
        self.timeout_base = base;
        self.timeout_per_kib = per_kib;
        self
    }

    /// Sets the segments per call ([`DEFAULT_MAX_BATCH`]) and the input bytes per child
    /// ([`DEFAULT_MAX_BYTES`]); zero counts as one.
    #[must_use]
    pub fn with_limits(mut self, max_batch: usize, max_bytes: usize) -> Self {
        self.max_batch = max_batch.max(1);
        self.max_bytes = max_bytes.max(1);
        self
    }

    /// Serves a variant mode (`eng-cat_valencia`) for its own pair (`en` → `ca-valencia`).
    /// Returns `false`, changing nothing, when no such mode with a BCP 47 pair is installed.
    pub fn enable_variant(&mut self, name: &str) -> bool {
        let Some(i) = self.modes.iter().position(|m| m.name == name) else {
            return false;
        };
        let Some(pair) = self.modes[i].pair.clone() else {
            return false;
        };
        self.routes.insert(pair, i);
        true
    }

    /// The folder the modes were read from.
    #[must_use]
    pub fn modes_dir(&self) -> &Path {
        &self.modes_dir
    }

    /// Every installed mode, variants included, sorted by name.
    #[must_use]
    pub fn modes(&self) -> &[Mode] {
        &self.modes
    }

    /// The mode that serves `pair`, if any.
    #[must_use]
    pub fn mode(&self, pair: &Pair) -> Option<&Mode> {
        self.routes.get(pair).and_then(|&i| self.modes.get(i))
    }

    fn timeout_for(&self, bytes: usize) -> Duration {
        let kib = u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX);
        self.timeout_base
            .saturating_add(self.timeout_per_kib.saturating_mul(kib))
    }

    /// `-d DATADIR` for the script, when the modes folder sits in one.
    fn data_dir(&self) -> Option<&Path> {
        (self.modes_dir.file_name().and_then(|n| n.to_str()) == Some("modes"))
            .then(|| self.modes_dir.parent())
            .flatten()
    }

    /// Runs one child over `segments`, which fit in `max_bytes` (or are a single segment).
    async fn run(&self, mode: &Mode, segments: &[String]) -> Result<Vec<String>, EngineError> {
        let nonce = nonce();
        let input = wrap(&nonce, segments);
        let limit = self.timeout_for(input.len());

        let mut command = Command::new(&self.binary);
        command.arg("-u").arg("-f").arg("html");
        if let Some(dir) = self.data_dir() {
            command.arg("-d").arg(dir);
        }
        command
            .arg(&mode.name)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = command.spawn().map_err(|e| {
            if e.kind() == ErrorKind::NotFound {
                EngineError::Unavailable(format!(
                    "apertium is not installed ({} not found)",
                    self.binary.display()
                ))
            } else {
                EngineError::Failed(format!("starting {} failed: {e}", self.binary.display()))
            }
        })?;
        let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(EngineError::Failed(
                "apertium's pipes were not opened".into(),
            ));
        };

        // Writing and reading at once: a batch larger than the pipe buffers would otherwise
        // block both sides.
        let talk = async {
            let write = async {
                let written = stdin.write_all(input.as_bytes()).await;
                drop(stdin);
                written
            };
            let mut out = Vec::new();
            let mut err = Vec::new();
            let (written, read_out, read_err) = tokio::join!(
                write,
                stdout.read_to_end(&mut out),
                stderr.read_to_end(&mut err)
            );
            let status = child.wait().await;
            (
                written,
                read_out.map(|_| out),
                read_err.map(|_| err),
                status,
            )
        };
        let Ok((written, out, err, status)) = tokio::time::timeout(limit, talk).await else {
            // Dropping `talk` released the child; kill it now rather than when it is dropped.
            let _ = child.kill().await;
            return Err(EngineError::Failed(format!(
                "apertium {} timed out after {:.1} s on {} segments",
                mode.name,
                limit.as_secs_f64(),
                segments.len()
            )));
        };
        let status =
            status.map_err(|e| EngineError::Failed(format!("waiting for apertium: {e}")))?;
        if !status.success() {
            let err = err.unwrap_or_default();
            let message = String::from_utf8_lossy(&err);
            return Err(EngineError::Failed(format!(
                "apertium {} exited with {status}: {}",
                mode.name,
                first_chars(message.trim(), 300)
            )));
        }
        written.map_err(|e| EngineError::Failed(format!("writing to apertium: {e}")))?;
        let out = out.map_err(|e| EngineError::Failed(format!("reading apertium: {e}")))?;
        let out = String::from_utf8(out)
            .map_err(|_| EngineError::BadOutput("apertium's output is not UTF-8".into()))?;
        unwrap(&nonce, segments.len(), &out)
    }
}

#[async_trait]
impl Translator for Apertium {
    fn name(&self) -> &str {
        "apertium"
    }

    fn pairs(&self) -> Vec<Pair> {
        self.routes.keys().cloned().collect()
    }

    fn model(&self, pair: &Pair) -> Option<String> {
        self.mode(pair).map(Mode::model)
    }

    fn markup(&self) -> Markup {
        Markup::Html
    }

    fn max_batch(&self) -> usize {
        self.max_batch
    }

    async fn translate(
        &self,
        pair: &Pair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError> {
        let Some(mode) = self.mode(pair) else {
            return Err(EngineError::Unavailable(format!(
                "apertium has no {}→{} mode in {}",
                pair.from,
                pair.to,
                self.modes_dir.display()
            )));
        };
        // Checked per call: a package removed since discovery would otherwise surface as a
        // crash of the script, which reads as worth retrying.
        if !self.modes_dir.join(format!("{}.mode", mode.name)).is_file() {
            return Err(EngineError::Unavailable(format!(
                "apertium mode {} is no longer installed in {}",
                mode.name,
                self.modes_dir.display()
            )));
        }
        let mut translated = Vec::with_capacity(segments.len());
        for chunk in chunks(segments, self.max_bytes) {
            translated.extend(self.run(mode, chunk).await?);
        }
        Ok(translated)
    }
}

/// Splits `segments` into runs whose wrapped size stays under `max_bytes`; a segment larger
/// than that travels alone.
fn chunks(segments: &[String], max_bytes: usize) -> Vec<&[String]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, segment) in segments.iter().enumerate() {
        let size = segment.len() + WRAPPER_OVERHEAD;
        if i > start && bytes + size > max_bytes {
            out.push(&segments[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < segments.len() {
        out.push(&segments[start..]);
    }
    out
}

/// Bytes a wrapper adds around a segment, near enough for chunking.
const WRAPPER_OVERHEAD: usize = 48;

/// An unguessable marker for one call, so text inside a segment can never pose as a wrapper.
fn nonce() -> String {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u128(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    format!("{:016x}", hasher.finish())
}

fn opening(nonce: &str, index: usize) -> String {
    format!("<p data-herald=\"{nonce}-{index}\">")
}

fn wrap(nonce: &str, segments: &[String]) -> String {
    let mut input = String::with_capacity(
        segments.iter().map(String::len).sum::<usize>() + segments.len() * WRAPPER_OVERHEAD,
    );
    for (i, segment) in segments.iter().enumerate() {
        input.push_str(&opening(nonce, i));
        // NUL is Apertium's flush marker; a segment's NUL would cut the stream.
        input.extend(segment.chars().map(|c| if c == '\0' { ' ' } else { c }));
        input.push_str("</p>\n");
    }
    input
}

/// Cuts Apertium's output back into `count` segments, checking every wrapper came back once
/// and in order.
fn unwrap(nonce: &str, count: usize, out: &str) -> Result<Vec<String>, EngineError> {
    let any_wrapper = format!("<p data-herald=\"{nonce}-");
    let mut segments = Vec::with_capacity(count);
    let mut rest = match out.find(&opening(nonce, 0)) {
        Some(start) if out[..start].trim().is_empty() => &out[start..],
        Some(_) => {
            return Err(EngineError::BadOutput(
                "apertium wrote text before the first segment".into(),
            ));
        }
        None if count == 0 && out.trim().is_empty() => return Ok(Vec::new()),
        None => {
            return Err(EngineError::BadOutput(
                "apertium's output lost segment 0".into(),
            ));
        }
    };
    for i in 0..count {
        let open = opening(nonce, i);
        let Some(body) = rest.strip_prefix(open.as_str()) else {
            return Err(EngineError::BadOutput(format!(
                "apertium's output lost or reordered segment {i}"
            )));
        };
        let end = if i + 1 < count {
            body.find(&opening(nonce, i + 1)).ok_or_else(|| {
                EngineError::BadOutput(format!(
                    "apertium's output lost or reordered segment {}",
                    i + 1
                ))
            })?
        } else {
            body.len()
        };
        let text = &body[..end];
        if text.contains(&any_wrapper) {
            return Err(EngineError::BadOutput(format!(
                "apertium's output has a stray wrapper after segment {i}"
            )));
        }
        let text = text.trim();
        let text = text.strip_suffix("</p>").unwrap_or(text);
        segments.push(text.trim().to_owned());
        rest = &body[end..];
    }
    Ok(segments)
}

/// `eng-spa` → (en→es, None); `eng-cat_valencia` → (en→ca-valencia, valencia);
/// `es-pt_BR` → (es→pt-BR, BR); `eng-cat_iec2017` → (None, iec2017).
fn parse_mode_name(name: &str) -> (Option<Pair>, Option<String>) {
    let (base, variant) = match name.split_once('_') {
        Some((base, variant)) => (base, Some(variant.to_owned())),
        None => (name, None),
    };
    let Some((from, to)) = base.split_once('-') else {
        return (None, variant);
    };
    // `eng-spa-tagger` and similar debugging modes are not translations.
    if to.contains('-') {
        return (None, variant);
    }
    let (Some(from), Some(to)) = (language_for_code(from), language_for_code(to)) else {
        return (None, variant);
    };
    let to = match variant.as_deref() {
        None => Some(to),
        Some(v) if v.len() == 2 && v.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Language::parse(&format!("{to}-{v}")).ok()
        }
        Some(v) if KNOWN_VARIANTS.contains(&v) => Language::parse(&format!("{to}-{v}")).ok(),
        Some(_) => None,
    };
    (to.map(|to| Pair::new(from, to)), variant)
}

/// The first `/apertium-NAME/` folder a mode file's pipeline reads from.
fn package_in_mode(text: &str) -> Option<String> {
    let start = text.find("/apertium-")? + 1;
    let name: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'))
        .collect();
    let rest = &text[start + name.len()..];
    (rest.starts_with('/') && name.len() > "apertium-".len()).then_some(name)
}

/// Versions of `packages` from one `dpkg-query` call; empty where dpkg is absent.
fn dpkg_versions(packages: &BTreeSet<&str>) -> BTreeMap<String, String> {
    if packages.is_empty() {
        return BTreeMap::new();
    }
    // dpkg-query exits non-zero when any package is unknown but still prints the others.
    let Ok(output) = std::process::Command::new("dpkg-query")
        .arg("-W")
        .arg("-f")
        .arg("${Package}\t${Version}\t${db:Status-Abbrev}\n")
        .args(packages)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
    else {
        return BTreeMap::new();
    };
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let (package, version, status) = (fields.next()?, fields.next()?, fields.next()?);
            // `rc` packages (removed, configuration left) still have a version line.
            (status.starts_with("ii") && !version.is_empty())
                .then(|| (package.to_owned(), version.to_owned()))
        })
        .collect()
}

fn mtime_version(mtime: Option<SystemTime>) -> String {
    let seconds = mtime
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    format!("mtime-{seconds}")
}

fn first_chars(text: &str, max: usize) -> &str {
    text.char_indices()
        .nth(max)
        .map_or(text, |(end, _)| &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language::parse(tag).unwrap()
    }

    fn pair(from: &str, to: &str) -> Pair {
        Pair::new(lang(from), lang(to))
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    /// A modes folder with empty mode files and, when given, a fake `apertium` script.
    struct Fixture {
        dir: tempfile::TempDir,
    }

    impl Fixture {
        fn new(modes: &[&str]) -> Self {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir(dir.path().join("modes")).unwrap();
            for mode in modes {
                std::fs::write(
                    dir.path().join("modes").join(format!("{mode}.mode")),
                    "lt-proc '/nowhere/apertium-herald-test/x.bin'\n",
                )
                .unwrap();
            }
            Self { dir }
        }

        fn script(&self, body: &str) -> PathBuf {
            use std::os::unix::fs::PermissionsExt;
            let path = self.dir.path().join("fake-apertium");
            std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            path
        }

        fn engine(&self) -> Apertium {
            Apertium::with_modes_dir(self.dir.path().join("modes")).unwrap()
        }
    }

    #[test]
    fn maps_apertium_codes_to_bcp47() {
        assert_eq!(language_for_code("eng"), Some(lang("en")));
        assert_eq!(language_for_code("spa"), Some(lang("es")));
        assert_eq!(language_for_code("pt"), Some(lang("pt")));
        assert_eq!(language_for_code("nob"), Some(lang("nb")));
        assert_eq!(language_for_code("ast"), Some(lang("ast")));
        assert_eq!(language_for_code("morph"), None);
        assert_eq!(language_for_code(""), None);
    }

    #[test]
    fn reads_pairs_and_variants_from_mode_names() {
        assert_eq!(parse_mode_name("eng-spa"), (Some(pair("en", "es")), None));
        assert_eq!(
            parse_mode_name("eng-cat_valencia"),
            (Some(pair("en", "ca-valencia")), Some("valencia".into()))
        );
        assert_eq!(
            parse_mode_name("es-pt_BR"),
            (Some(pair("es", "pt-BR")), Some("BR".into()))
        );
        assert_eq!(
            parse_mode_name("eng-cat_valencia_uni"),
            (None, Some("valencia_uni".into()))
        );
        assert_eq!(parse_mode_name("eng-spa-tagger"), (None, None));
        assert_eq!(parse_mode_name("nonsense"), (None, None));
    }

    #[test]
    fn finds_the_package_a_mode_reads_from() {
        let text = "lt-proc -w '/usr/share/apertium/apertium-eng-cat/eng-cat.automorf.bin' | x";
        assert_eq!(package_in_mode(text), Some("apertium-eng-cat".into()));
        assert_eq!(package_in_mode("cat | tac"), None);
    }

    #[test]
    fn serves_base_modes_and_lists_variants() {
        let fixture = Fixture::new(&["eng-spa", "spa-eng", "eng-cat", "eng-cat_valencia"]);
        let mut engine = fixture.engine();
        assert_eq!(
            engine.pairs(),
            vec![pair("en", "ca"), pair("en", "es"), pair("es", "en")]
        );
        assert_eq!(engine.modes().len(), 4);
        assert!(engine.enable_variant("eng-cat_valencia"));
        assert!(engine.pairs().contains(&pair("en", "ca-valencia")));
        assert!(!engine.enable_variant("eng-fra"));
    }

    #[test]
    fn settings_choose_the_folder_and_the_variants() {
        let fixture = Fixture::new(&["eng-cat", "eng-cat_valencia"]);
        let settings = TranslateSettings {
            apertium_modes: Some(fixture.dir.path().join("modes")),
            apertium_variants: vec!["eng-cat_valencia".into(), "eng-cat_nowhere".into()],
            ..TranslateSettings::default()
        };
        let engine = Apertium::from_settings(&settings).unwrap();
        assert_eq!(
            engine.pairs(),
            vec![pair("en", "ca"), pair("en", "ca-valencia")]
        );
    }

    #[test]
    fn falls_back_to_the_mode_files_mtime_when_dpkg_does_not_know_the_package() {
        let fixture = Fixture::new(&["eng-spa"]);
        let engine = fixture.engine();
        let model = engine.model(&pair("en", "es")).unwrap();
        assert!(model.starts_with("eng-spa mtime-"), "{model}");
        assert_eq!(engine.model(&pair("en", "fr")), None);
    }

    #[test]
    fn a_missing_modes_folder_is_an_error() {
        assert!(Apertium::with_modes_dir("/nonexistent/herald/modes").is_err());
    }

    #[test]
    fn splits_batches_by_bytes() {
        let segments = strings(&["aaaa", "bbbb", "cccc"]);
        let cut = chunks(&segments, 2 * (4 + WRAPPER_OVERHEAD));
        assert_eq!(cut.len(), 2);
        assert_eq!(cut[0].len(), 2);
        assert_eq!(chunks(&segments, 1).len(), 3);
        assert!(chunks(&[], 10).is_empty());
    }

    #[test]
    fn unwraps_segments_and_trims_them() {
        let out = format!(
            "{} Dijo algo.</p>\n{}<b>Hola</b></p>\n",
            opening("n", 0),
            opening("n", 1)
        );
        assert_eq!(
            unwrap("n", 2, &out).unwrap(),
            strings(&["Dijo algo.", "<b>Hola</b>"])
        );
    }

    #[test]
    fn reordered_or_missing_wrappers_are_bad_output() {
        let swapped = format!("{}b</p>{}a</p>", opening("n", 1), opening("n", 0));
        assert!(matches!(
            unwrap("n", 2, &swapped),
            Err(EngineError::BadOutput(_))
        ));
        let short = format!("{}a</p>", opening("n", 0));
        assert!(matches!(
            unwrap("n", 2, &short),
            Err(EngineError::BadOutput(_))
        ));
        let doubled = format!("{}a</p>{}a</p>", opening("n", 0), opening("n", 0));
        assert!(matches!(
            unwrap("n", 1, &doubled),
            Err(EngineError::BadOutput(_))
        ));
    }

    #[tokio::test]
    async fn an_echoing_engine_returns_every_segment_of_a_big_batch_in_order() {
        let fixture = Fixture::new(&["eng-spa"]);
        let engine = fixture.engine().with_binary(fixture.script("exec cat"));
        // Several megabytes: far beyond the pipe buffers, and several children.
        let segments: Vec<String> = (0..3000)
            .map(|i| format!("Sentence {i} <em>with</em> {}", "words ".repeat(200)))
            .collect();
        let out = engine
            .translate(&pair("en", "es"), &segments)
            .await
            .unwrap();
        let expected: Vec<String> = segments.iter().map(|s| s.trim().to_owned()).collect();
        assert_eq!(out, expected);
    }

    #[tokio::test]
    async fn a_pair_without_a_mode_is_unavailable() {
        let fixture = Fixture::new(&["eng-spa"]);
        let engine = fixture.engine();
        let err = engine
            .translate(&pair("fa", "en"), &strings(&["x"]))
            .await
            .unwrap_err();
        assert!(matches!(err, EngineError::Unavailable(_)), "{err}");
    }

    #[tokio::test]
    async fn a_missing_binary_is_unavailable() {
        let fixture = Fixture::new(&["eng-spa"]);
        let engine = fixture.engine().with_binary("/nonexistent/herald/apertium");
        let err = engine
            .translate(&pair("en", "es"), &strings(&["x"]))
            .await
            .unwrap_err();
        assert!(matches!(err, EngineError::Unavailable(_)), "{err}");
    }

    #[tokio::test]
    async fn a_failing_child_is_failed_with_its_message() {
        let fixture = Fixture::new(&["eng-spa"]);
        let engine = fixture
            .engine()
            .with_binary(fixture.script("echo 'the data is broken' >&2; exit 3"));
        let err = engine
            .translate(&pair("en", "es"), &strings(&["x"]))
            .await
            .unwrap_err();
        assert!(matches!(err, EngineError::Failed(_)), "{err}");
        assert!(err.to_string().contains("the data is broken"), "{err}");
    }

    #[tokio::test]
    async fn a_hung_child_times_out_as_failed() {
        let fixture = Fixture::new(&["eng-spa"]);
        let engine = fixture
            .engine()
            .with_binary(fixture.script("exec sleep 30"))
            .with_timeout(Duration::from_millis(200), Duration::ZERO);
        let started = std::time::Instant::now();
        let err = engine
            .translate(&pair("en", "es"), &strings(&["x"]))
            .await
            .unwrap_err();
        assert!(matches!(err, EngineError::Failed(_)), "{err}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[tokio::test]
    async fn output_that_drops_the_wrappers_is_bad_output() {
        let fixture = Fixture::new(&["eng-spa"]);
        let engine = fixture
            .engine()
            .with_binary(fixture.script("cat >/dev/null; echo 'hola'"));
        let err = engine
            .translate(&pair("en", "es"), &strings(&["hello", "world"]))
            .await
            .unwrap_err();
        assert!(matches!(err, EngineError::BadOutput(_)), "{err}");
    }

    #[tokio::test]
    async fn an_empty_batch_starts_no_child() {
        let fixture = Fixture::new(&["eng-spa"]);
        let engine = fixture.engine().with_binary("/nonexistent/herald/apertium");
        assert_eq!(engine.translate(&pair("en", "es"), &[]).await, Ok(vec![]));
    }
}
