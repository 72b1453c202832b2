//! Neural translation models on disk: which folders of the models folder hold a usable
//! CTranslate2 model, what kind it is, which pairs it serves and how its tokens are made.
//!
//! Two layouts are understood. An **Argos Translate package** (an unpacked `.argosmodel`) is
//! recognised by its `metadata.json` (`from_code`, `to_code`, `package_version`), a `model/`
//! CTranslate2 folder and one `sentencepiece.model` for both sides; it serves one pair. Any
//! other CTranslate2 folder (a converted opus-mt, NLLB-200, M2M-100 or MADLAD model) carries a
//! small `herald-model.toml` that says what it is, because nothing in a converted model names
//! its languages reliably:
//!
//! ```toml
//! kind = "nllb"                        # marian | nllb | m2m100 | madlad
//! languages = ["en", "vi", "fa", "ar"] # every direction between these (multilingual kinds)
//! # from = "en"                        # marian: the one pair it serves
//! # to = "vi"
//! version = "nllb-200-distilled-600M int8"
//! [codes]                              # optional: the model's token for a language
//! "fa" = "pes_Arab"
//! ```
//!
//! Multilingual models choose the languages with tokens: NLLB puts the source language's code
//! (`vie_Latn`) before the source and the target's as the first target token, M2M-100 the same
//! with `__vi__`, MADLAD a `<2vi>` before the source only. A language whose token is not in the
//! model's vocabulary is not served, and [`discover`] says so. This module only reads files;
//! loading and running a model is [`crate::neural`]'s job (behind the `neural` feature), so
//! `herald models list` works in every build.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use herald_domain::Language;
use serde::Deserialize;

use crate::engine::Pair;
use crate::libretranslate::languages_for_code;

/// The manifest a non-Argos model folder carries.
pub const MANIFEST: &str = "herald-model.toml";

/// What kind of model a folder holds, which decides how its inputs are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ModelKind {
    /// One direction, no language tokens: opus-mt (Marian) and Argos packages.
    Marian,
    /// NLLB-200: source and target language tokens (`vie_Latn`).
    Nllb,
    /// M2M-100: source and target language tokens (`__vi__`).
    M2m100,
    /// MADLAD-400 (T5): a `<2vi>` token before the source.
    Madlad,
}

impl ModelKind {
    /// The name used in manifests and listings.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Marian => "marian",
            Self::Nllb => "nllb",
            Self::M2m100 => "m2m100",
            Self::Madlad => "madlad",
        }
    }

    /// Whether one model serves many languages, chosen by tokens.
    #[must_use]
    pub const fn is_multilingual(self) -> bool {
        !matches!(self, Self::Marian)
    }
}

impl fmt::Display for ModelKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a model folder came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// An unpacked Argos Translate package.
    Argos,
    /// A CTranslate2 folder with a `herald-model.toml`.
    Manifest,
}

/// The tokenizer files of a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenizerFiles {
    /// SentencePiece models for the source and the target side (often the same file).
    SentencePiece {
        /// Encodes the source.
        source: PathBuf,
        /// Decodes the target.
        target: PathBuf,
    },
    /// A Hugging Face `tokenizer.json` for both sides.
    HuggingFace(PathBuf),
}

/// The languages a model serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Languages {
    /// One direction.
    One(Pair),
    /// Every direction between these, each with the model's token for it.
    Many(BTreeMap<Language, String>),
}

/// One usable model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    /// The folder's name, which is the model's name in listings and settings.
    pub name: String,
    /// The model's folder (the package folder for Argos packages).
    pub path: PathBuf,
    /// The CTranslate2 folder (`model.bin`, `config.json`, vocabularies).
    pub ct2_dir: PathBuf,
    /// Its kind.
    pub kind: ModelKind,
    /// Its layout.
    pub layout: Layout,
    /// What it translates.
    pub languages: Languages,
    /// Its version as its maker gave it; part of memory keys and provenance.
    pub version: String,
    /// How text becomes tokens and back.
    pub tokenizer: TokenizerFiles,
}

impl Installed {
    /// The directions it serves.
    #[must_use]
    pub fn pairs(&self) -> Vec<Pair> {
        match &self.languages {
            Languages::One(pair) => vec![pair.clone()],
            Languages::Many(codes) => {
                let mut pairs = Vec::new();
                for from in codes.keys() {
                    for to in codes.keys() {
                        if from != to {
                            pairs.push(Pair::new(from.clone(), to.clone()));
                        }
                    }
                }
                pairs
            }
        }
    }

    /// The model's language token for `language`, for multilingual models.
    #[must_use]
    pub fn code(&self, language: &Language) -> Option<&str> {
        match &self.languages {
            Languages::One(_) => None,
            Languages::Many(codes) => codes.get(language).map(String::as_str),
        }
    }

    /// The tokens that go before a source sentence's pieces for `pair`.
    #[must_use]
    pub fn source_prefix(&self, pair: &Pair) -> Vec<String> {
        let token = match self.kind {
            ModelKind::Marian => None,
            ModelKind::Nllb | ModelKind::M2m100 => self.code(&pair.from),
            ModelKind::Madlad => self.code(&pair.to),
        };
        token.map(str::to_owned).into_iter().collect()
    }

    /// The tokens the output must start with for `pair` (dropped from the translation).
    #[must_use]
    pub fn target_prefix(&self, pair: &Pair) -> Vec<String> {
        let token = match self.kind {
            ModelKind::Marian | ModelKind::Madlad => None,
            ModelKind::Nllb | ModelKind::M2m100 => self.code(&pair.to),
        };
        token.map(str::to_owned).into_iter().collect()
    }

    /// Whether a source sentence ends with `</s>`: models converted from Transformers
    /// (opus-mt, NLLB, M2M-100, MADLAD) were trained so; Argos packages (OpenNMT-py) were not.
    #[must_use]
    pub fn source_eos(&self) -> bool {
        self.layout != Layout::Argos
    }

    /// The model as memory keys and provenance name it: folder name and version.
    #[must_use]
    pub fn model_id(&self) -> String {
        format!("{} {}", self.name, self.version)
    }
}

/// A folder of the models folder that is not a usable model, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The folder.
    pub path: PathBuf,
    /// What is wrong and what to do.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

/// What a models folder holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovered {
    /// The usable models, by name.
    pub models: Vec<Installed>,
    /// Folders that are not, and notes about models that serve fewer languages than declared.
    pub problems: Vec<Problem>,
}

/// Reads every folder directly in `dir` (hidden ones and `.partial` downloads aside). A
/// missing `dir` holds nothing; it is not an error.
#[must_use]
pub fn discover(dir: &Path) -> Discovered {
    let mut found = Discovered::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    let mut folders: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir() || t.is_symlink()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('.'))
        })
        .collect();
    folders.sort();
    for folder in folders {
        match read(&folder) {
            Ok((model, notes)) => {
                found
                    .problems
                    .extend(notes.into_iter().map(|reason| Problem {
                        path: folder.clone(),
                        reason,
                    }));
                found.models.push(model);
            }
            Err(reason) => found.problems.push(Problem {
                path: folder,
                reason,
            }),
        }
    }
    found
}

/// Reads one model folder: the model, and notes about languages it declares but cannot
/// serve. The error says why the folder is not a usable model.
pub fn read(folder: &Path) -> Result<(Installed, Vec<String>), String> {
    let name = folder
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("the folder's name is not UTF-8")?
        .to_owned();
    if folder.join("metadata.json").is_file() {
        return read_argos(folder, name).map(|m| (m, Vec::new()));
    }
    if folder.join(MANIFEST).is_file() {
        return read_manifest(folder, name);
    }
    if folder.join("model.bin").is_file() {
        return Err(format!(
            "a CTranslate2 model without {MANIFEST}: add one saying its kind and languages \
             (see docs/operating.md)"
        ));
    }
    Err("neither an Argos package (metadata.json) nor a CTranslate2 model (model.bin)".into())
}

#[derive(Deserialize)]
struct ArgosMetadata {
    from_code: String,
    to_code: String,
    #[serde(default)]
    package_version: Option<String>,
}

fn read_argos(folder: &Path, name: String) -> Result<Installed, String> {
    let text = std::fs::read_to_string(folder.join("metadata.json"))
        .map_err(|e| format!("cannot read metadata.json: {e}"))?;
    let meta: ArgosMetadata =
        serde_json::from_str(&text).map_err(|e| format!("metadata.json: {e}"))?;
    let language = |code: &str| {
        languages_for_code(code)
            .into_iter()
            .next()
            .ok_or_else(|| format!("metadata.json: '{code}' is not a language code"))
    };
    let pair = Pair::new(language(&meta.from_code)?, language(&meta.to_code)?);
    let ct2_dir = folder.join("model");
    check_ct2_dir(&ct2_dir)?;
    let spm = folder.join("sentencepiece.model");
    if !spm.is_file() {
        return Err("an Argos package without sentencepiece.model".into());
    }
    Ok(Installed {
        name,
        path: folder.to_path_buf(),
        ct2_dir,
        kind: ModelKind::Marian,
        layout: Layout::Argos,
        languages: Languages::One(pair),
        version: format!(
            "argos {}",
            meta.package_version.as_deref().unwrap_or("unversioned")
        ),
        tokenizer: TokenizerFiles::SentencePiece {
            source: spm.clone(),
            target: spm,
        },
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    kind: ModelKind,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    codes: BTreeMap<String, String>,
}

fn read_manifest(folder: &Path, name: String) -> Result<(Installed, Vec<String>), String> {
    let text = std::fs::read_to_string(folder.join(MANIFEST))
        .map_err(|e| format!("cannot read {MANIFEST}: {e}"))?;
    let manifest: Manifest = toml::from_str(&text).map_err(|e| format!("{MANIFEST}: {e}"))?;
    check_ct2_dir(folder)?;
    let tokenizer = tokenizer_files(folder)?;
    let parse = |tag: &str| {
        Language::parse(tag).map_err(|e| format!("{MANIFEST}: '{tag}' is not a language ({e})"))
    };
    let mut notes = Vec::new();
    let languages = if manifest.kind.is_multilingual() {
        if manifest.languages.len() < 2 {
            return Err(format!(
                "{MANIFEST}: a {} model needs `languages`, two or more",
                manifest.kind
            ));
        }
        let overrides: BTreeMap<Language, String> = manifest
            .codes
            .iter()
            .map(|(tag, code)| Ok((parse(tag)?, code.clone())))
            .collect::<Result<_, String>>()?;
        let vocabulary = Vocabulary::read(folder)?;
        let mut codes = BTreeMap::new();
        for tag in &manifest.languages {
            let language = parse(tag)?;
            let code = overrides
                .get(&language)
                .cloned()
                .or_else(|| default_code(manifest.kind, &language));
            match code {
                Some(code) if vocabulary.has_language_token(manifest.kind, &code) => {
                    codes.insert(language, code);
                }
                Some(code) => notes.push(format!(
                    "{language} is not served: its token {code} is not in the model's \
                     vocabulary"
                )),
                None => notes.push(format!(
                    "{language} is not served: no {} code is known for it; add it under \
                     [codes] in {MANIFEST}",
                    manifest.kind
                )),
            }
        }
        if codes.len() < 2 {
            return Err(format!(
                "{MANIFEST}: fewer than two of its languages have a token in the model"
            ));
        }
        Languages::Many(codes)
    } else {
        let (Some(from), Some(to)) = (&manifest.from, &manifest.to) else {
            return Err(format!("{MANIFEST}: a marian model needs `from` and `to`"));
        };
        Languages::One(Pair::new(parse(from)?, parse(to)?))
    };
    let model = Installed {
        name,
        path: folder.to_path_buf(),
        ct2_dir: folder.to_path_buf(),
        kind: manifest.kind,
        layout: Layout::Manifest,
        languages,
        version: manifest.version.unwrap_or_else(|| "unversioned".to_owned()),
        tokenizer,
    };
    Ok((model, notes))
}

fn check_ct2_dir(dir: &Path) -> Result<(), String> {
    for file in ["model.bin", "config.json"] {
        if !dir.join(file).is_file() {
            return Err(format!(
                "{} has no {file}: not a CTranslate2 model",
                dir.display()
            ));
        }
    }
    Ok(())
}

/// The tokenizer files in a manifest model's folder, most specific first.
fn tokenizer_files(folder: &Path) -> Result<TokenizerFiles, String> {
    let (source, target) = (folder.join("source.spm"), folder.join("target.spm"));
    if source.is_file() && target.is_file() {
        return Ok(TokenizerFiles::SentencePiece { source, target });
    }
    for single in [
        "sentencepiece.bpe.model",
        "sentencepiece.model",
        "spiece.model",
    ] {
        let path = folder.join(single);
        if path.is_file() {
            return Ok(TokenizerFiles::SentencePiece {
                source: path.clone(),
                target: path,
            });
        }
    }
    let json = folder.join("tokenizer.json");
    if json.is_file() {
        return Ok(TokenizerFiles::HuggingFace(json));
    }
    Err(
        "no tokenizer: expected source.spm and target.spm, sentencepiece.bpe.model, \
         sentencepiece.model, spiece.model or tokenizer.json"
            .into(),
    )
}

/// The tokens of a CTranslate2 model's vocabularies (shared, or source and target).
struct Vocabulary {
    source: BTreeSet<String>,
    target: BTreeSet<String>,
}

impl Vocabulary {
    fn read(dir: &Path) -> Result<Self, String> {
        if let Some(shared) = read_vocabulary(dir, "shared_vocabulary")? {
            return Ok(Self {
                source: shared.clone(),
                target: shared,
            });
        }
        match (
            read_vocabulary(dir, "source_vocabulary")?,
            read_vocabulary(dir, "target_vocabulary")?,
        ) {
            (Some(source), Some(target)) => Ok(Self { source, target }),
            _ => Err(
                "no vocabulary file (shared_vocabulary.txt/.json or source_ and \
                 target_vocabulary)"
                    .into(),
            ),
        }
    }

    /// Whether `code` is where `kind` needs it: both sides for NLLB and M2M-100 (source
    /// prefix, target prefix), the source for MADLAD.
    fn has_language_token(&self, kind: ModelKind, code: &str) -> bool {
        match kind {
            ModelKind::Marian => true,
            ModelKind::Nllb | ModelKind::M2m100 => {
                self.source.contains(code) && self.target.contains(code)
            }
            ModelKind::Madlad => self.source.contains(code),
        }
    }
}

fn read_vocabulary(dir: &Path, stem: &str) -> Result<Option<BTreeSet<String>>, String> {
    let json = dir.join(format!("{stem}.json"));
    if json.is_file() {
        let text = std::fs::read_to_string(&json)
            .map_err(|e| format!("cannot read {}: {e}", json.display()))?;
        let tokens: Vec<String> =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", json.display()))?;
        return Ok(Some(tokens.into_iter().collect()));
    }
    let txt = dir.join(format!("{stem}.txt"));
    if txt.is_file() {
        let text = std::fs::read_to_string(&txt)
            .map_err(|e| format!("cannot read {}: {e}", txt.display()))?;
        return Ok(Some(text.lines().map(str::to_owned).collect()));
    }
    Ok(None)
}

/// NLLB-200's codes (FLORES-200) for the languages a news site is likeliest to serve.
const NLLB_CODES: &[(&str, &str)] = &[
    ("af", "afr_Latn"),
    ("am", "amh_Ethi"),
    ("ar", "arb_Arab"),
    ("az", "azj_Latn"),
    ("be", "bel_Cyrl"),
    ("bg", "bul_Cyrl"),
    ("bn", "ben_Beng"),
    ("bs", "bos_Latn"),
    ("ca", "cat_Latn"),
    ("cs", "ces_Latn"),
    ("cy", "cym_Latn"),
    ("da", "dan_Latn"),
    ("de", "deu_Latn"),
    ("el", "ell_Grek"),
    ("en", "eng_Latn"),
    ("es", "spa_Latn"),
    ("et", "est_Latn"),
    ("eu", "eus_Latn"),
    ("fa", "pes_Arab"),
    ("fi", "fin_Latn"),
    ("fr", "fra_Latn"),
    ("ga", "gle_Latn"),
    ("gl", "glg_Latn"),
    ("gu", "guj_Gujr"),
    ("ha", "hau_Latn"),
    ("he", "heb_Hebr"),
    ("hi", "hin_Deva"),
    ("hr", "hrv_Latn"),
    ("hu", "hun_Latn"),
    ("hy", "hye_Armn"),
    ("id", "ind_Latn"),
    ("is", "isl_Latn"),
    ("it", "ita_Latn"),
    ("ja", "jpn_Jpan"),
    ("ka", "kat_Geor"),
    ("kk", "kaz_Cyrl"),
    ("km", "khm_Khmr"),
    ("kn", "kan_Knda"),
    ("ko", "kor_Hang"),
    ("ky", "kir_Cyrl"),
    ("lo", "lao_Laoo"),
    ("lt", "lit_Latn"),
    ("lv", "lvs_Latn"),
    ("mk", "mkd_Cyrl"),
    ("ml", "mal_Mlym"),
    ("mn", "khk_Cyrl"),
    ("mr", "mar_Deva"),
    ("ms", "zsm_Latn"),
    ("my", "mya_Mymr"),
    ("nb", "nob_Latn"),
    ("ne", "npi_Deva"),
    ("nl", "nld_Latn"),
    ("no", "nob_Latn"),
    ("pa", "pan_Guru"),
    ("pl", "pol_Latn"),
    ("ps", "pbt_Arab"),
    ("pt", "por_Latn"),
    ("ro", "ron_Latn"),
    ("ru", "rus_Cyrl"),
    ("si", "sin_Sinh"),
    ("sk", "slk_Latn"),
    ("sl", "slv_Latn"),
    ("so", "som_Latn"),
    ("sq", "als_Latn"),
    ("sr", "srp_Cyrl"),
    ("sv", "swe_Latn"),
    ("sw", "swh_Latn"),
    ("ta", "tam_Taml"),
    ("te", "tel_Telu"),
    ("tg", "tgk_Cyrl"),
    ("th", "tha_Thai"),
    ("tl", "tgl_Latn"),
    ("tr", "tur_Latn"),
    ("uk", "ukr_Cyrl"),
    ("ur", "urd_Arab"),
    ("uz", "uzn_Latn"),
    ("vi", "vie_Latn"),
    ("yo", "yor_Latn"),
    ("zh", "zho_Hans"),
    ("zh-Hans", "zho_Hans"),
    ("zh-Hant", "zho_Hant"),
    ("zu", "zul_Latn"),
];

/// The token `kind` uses for `language` when the manifest does not say.
#[must_use]
pub fn default_code(kind: ModelKind, language: &Language) -> Option<String> {
    match kind {
        ModelKind::Marian => None,
        ModelKind::Nllb => {
            let lookup = |tag: &str| {
                NLLB_CODES
                    .iter()
                    .find(|(t, _)| t.eq_ignore_ascii_case(tag))
                    .map(|(_, code)| (*code).to_owned())
            };
            lookup(language.as_str()).or_else(|| {
                language
                    .truncations()
                    .iter()
                    .find_map(|t| lookup(t.as_str()))
            })
        }
        ModelKind::M2m100 => Some(format!("__{}__", language.primary())),
        ModelKind::Madlad => {
            let tag = match language.script() {
                Some(script) => format!("{}_{script}", language.primary()),
                None => language.primary().to_owned(),
            };
            Some(format!("<2{tag}>"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language::parse(tag).unwrap()
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn ct2(dir: &Path, vocabulary: &[&str]) {
        write(&dir.join("model.bin"), "weights");
        write(&dir.join("config.json"), "{}");
        write(&dir.join("shared_vocabulary.txt"), &vocabulary.join("\n"));
    }

    #[test]
    fn reads_an_argos_package() {
        let dir = tempfile::tempdir().unwrap();
        let package = dir.path().join("translate-en_vi-1_9");
        write(
            &package.join("metadata.json"),
            r#"{"from_code": "en", "to_code": "vi", "package_version": "1.9"}"#,
        );
        ct2(&package.join("model"), &["<unk>"]);
        write(&package.join("sentencepiece.model"), "spm");
        let found = discover(dir.path());
        assert!(found.problems.is_empty(), "{:?}", found.problems);
        let model = &found.models[0];
        assert_eq!(model.name, "translate-en_vi-1_9");
        assert_eq!(model.pairs(), vec![Pair::new(lang("en"), lang("vi"))]);
        assert_eq!(model.model_id(), "translate-en_vi-1_9 argos 1.9");
        assert_eq!(model.ct2_dir, package.join("model"));
        assert!(model.source_prefix(&model.pairs()[0]).is_empty());
    }

    #[test]
    fn an_argos_traditional_chinese_code_is_zh_hant() {
        let dir = tempfile::tempdir().unwrap();
        let package = dir.path().join("p");
        write(
            &package.join("metadata.json"),
            r#"{"from_code": "zt", "to_code": "en"}"#,
        );
        ct2(&package.join("model"), &[]);
        write(&package.join("sentencepiece.model"), "spm");
        let (model, _) = read(&package).unwrap();
        assert_eq!(model.pairs(), vec![Pair::new(lang("zh-Hant"), lang("en"))]);
        assert_eq!(model.version, "argos unversioned");
    }

    #[test]
    fn an_nllb_model_serves_every_direction_whose_tokens_it_has() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("nllb");
        ct2(
            &folder,
            &["<s>", "</s>", "eng_Latn", "vie_Latn", "pes_Arab"],
        );
        write(&folder.join("sentencepiece.bpe.model"), "spm");
        write(
            &folder.join(MANIFEST),
            "kind = \"nllb\"\nlanguages = [\"en\", \"vi\", \"fa\", \"ar\"]\nversion = \"t 1\"\n",
        );
        let found = discover(dir.path());
        let model = &found.models[0];
        assert_eq!(model.pairs().len(), 6, "en, vi, fa: 3 × 2");
        let pair = Pair::new(lang("vi"), lang("fa"));
        assert_eq!(model.source_prefix(&pair), vec!["vie_Latn"]);
        assert_eq!(model.target_prefix(&pair), vec!["pes_Arab"]);
        assert_eq!(found.problems.len(), 1);
        assert!(
            found.problems[0].reason.contains("ar is not served")
                && found.problems[0].reason.contains("arb_Arab"),
            "{}",
            found.problems[0]
        );
    }

    #[test]
    fn manifest_codes_override_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("m");
        ct2(&folder, &["__en__", "__vi__", "__pes__"]);
        write(&folder.join("tokenizer.json"), "{}");
        write(
            &folder.join(MANIFEST),
            "kind = \"m2m100\"\nlanguages = [\"en\", \"vi\", \"fa\"]\n[codes]\n\"fa\" = \"__pes__\"\n",
        );
        let (model, notes) = read(&folder).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(model.code(&lang("fa")), Some("__pes__"));
        assert_eq!(model.code(&lang("vi")), Some("__vi__"));
        assert!(matches!(model.tokenizer, TokenizerFiles::HuggingFace(_)));
    }

    #[test]
    fn madlad_puts_the_target_token_before_the_source() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("madlad");
        ct2(&folder, &["<2en>", "<2vi>"]);
        write(&folder.join("spiece.model"), "spm");
        write(
            &folder.join(MANIFEST),
            "kind = \"madlad\"\nlanguages = [\"en\", \"vi\"]\n",
        );
        let (model, _) = read(&folder).unwrap();
        let pair = Pair::new(lang("en"), lang("vi"));
        assert_eq!(model.source_prefix(&pair), vec!["<2vi>"]);
        assert!(model.target_prefix(&pair).is_empty());
    }

    #[test]
    fn folders_that_are_not_models_are_problems_with_reasons() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("empty")).unwrap();
        ct2(&dir.path().join("bare"), &[]);
        let marian = dir.path().join("marian");
        ct2(&marian, &[]);
        write(&marian.join(MANIFEST), "kind = \"marian\"\nfrom = \"en\"\n");
        write(&marian.join("source.spm"), "spm");
        write(&marian.join("target.spm"), "spm");
        let broken = dir.path().join("broken");
        write(&broken.join(MANIFEST), "kind = \"nllb\"\n");
        std::fs::create_dir_all(dir.path().join(".partial")).unwrap();
        let found = discover(dir.path());
        assert!(found.models.is_empty());
        let reasons: Vec<String> = found.problems.iter().map(ToString::to_string).collect();
        assert_eq!(reasons.len(), 4, "{reasons:#?}");
        assert!(
            reasons[0].contains("without herald-model.toml"),
            "{reasons:#?}"
        );
        assert!(reasons[1].contains("no model.bin"), "{reasons:#?}");
        assert!(reasons[2].contains("neither"), "{reasons:#?}");
        assert!(reasons[3].contains("needs `from` and `to`"), "{reasons:#?}");
    }

    #[test]
    fn a_missing_models_folder_holds_nothing() {
        assert_eq!(
            discover(Path::new("/nonexistent/herald/models")),
            Discovered::default()
        );
    }

    #[test]
    fn nllb_codes_fall_back_to_the_primary_subtag() {
        assert_eq!(
            default_code(ModelKind::Nllb, &lang("fa-IR")).as_deref(),
            Some("pes_Arab")
        );
        assert_eq!(
            default_code(ModelKind::Nllb, &lang("zh-Hant")).as_deref(),
            Some("zho_Hant")
        );
        assert_eq!(
            default_code(ModelKind::M2m100, &lang("pt-BR")).as_deref(),
            Some("__pt__")
        );
        assert_eq!(
            default_code(ModelKind::Madlad, &lang("zh-Hant")).as_deref(),
            Some("<2zh_Hant>")
        );
    }
}
