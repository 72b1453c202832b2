//! The neural engine: CTranslate2 models on the CPU through `ct2rs`, one engine over every
//! model of the models folder ([`crate::models`]).
//!
//! Built only with the `neural` cargo feature, because CTranslate2 is C++ compiled from source
//! with cmake (about 15 minutes on two cores); Herald without it runs Apertium and the HTTP
//! engines.
//!
//! A model is loaded the first time a pair it serves is translated, not at start-up: an
//! NLLB-200 model takes seconds and a gigabyte to load, and a process that never translates
//! into Persian should not pay for it. A model that cannot be loaded (a truncated `model.bin`,
//! a missing tokenizer) makes the call fail as [`EngineError::Unavailable`] with the reason,
//! so the job moves to the pair's next engine; the next call tries the load again, so a
//! repaired folder works without a restart.
//!
//! Segments are plain text for these models ([`Markup::Plain`]): the stage turns
//! placeholders into their text and drops the inline tags' stand-ins before the call (see
//! [`crate::plain`]). Each segment is encoded with the model's SentencePiece or
//! `tokenizer.json`, given its language tokens (NLLB, M2M-100, MADLAD), translated in one
//! batch by CTranslate2's own thread pool (greedy or beam search), and decoded. Where two
//! models serve one pair, a one-pair model wins over a multilingual one (smaller, faster,
//! usually trained for that pair), then the first by folder name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use ct2rs::sys::{ComputeType, Config, Device};
use ct2rs::tokenizers::{hf, sentencepiece};
use ct2rs::{TranslationOptions, Translator as Ct2Translator};
use tokio::sync::OnceCell;

use crate::engine::{EngineError, Markup, Pair, Translator};
use crate::models::{self, Installed, Problem, TokenizerFiles};

/// How the neural engine runs its models. [`Default`] gives the documented defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeuralSettings {
    /// The models folder.
    pub models: PathBuf,
    /// CPU threads each copy of a model computes with; 0 means one per core.
    pub threads: usize,
    /// Copies of each model translating parts of a batch in parallel; 0 means one per core.
    /// On a small machine one thread per copy and one copy per core is about twice as fast
    /// as one copy using every core (docs/PERFORMANCE.md), for the memory of a copy each.
    pub replicas: usize,
    /// `int8` (the default: 4× smaller and about 2× faster than `float32` on a CPU),
    /// `int8_float32`, `float32`, or `default` (as the model was converted).
    pub compute_type: String,
    /// Beam size; 1 is greedy search. Defaults to 2.
    pub beam_size: usize,
    /// Segments per call. Defaults to 32.
    pub max_batch: usize,
    /// Longest output in tokens. Defaults to 256.
    pub max_decoding_length: usize,
}

impl Default for NeuralSettings {
    fn default() -> Self {
        Self {
            models: PathBuf::from("models"),
            threads: 1,
            replicas: 0,
            compute_type: "int8".to_owned(),
            beam_size: 2,
            max_batch: 32,
            max_decoding_length: 256,
        }
    }
}

/// The tokenizer of one model.
enum ModelTokenizer {
    /// SentencePiece; `eos` says whether the source ends with `</s>` (ct2rs appends it).
    SentencePiece {
        tokenizer: sentencepiece::Tokenizer,
        eos: bool,
    },
    HuggingFace(Box<hf::Tokenizer>),
}

impl ct2rs::Tokenizer for ModelTokenizer {
    fn encode(&self, input: &str) -> anyhow::Result<Vec<String>> {
        match self {
            Self::SentencePiece { tokenizer, eos } => {
                let mut tokens = tokenizer.encode(input)?;
                if !eos && tokens.last().is_some_and(|t| t == "</s>") {
                    tokens.pop();
                }
                Ok(tokens)
            }
            Self::HuggingFace(t) => t.encode(input),
        }
    }

    fn decode(&self, tokens: Vec<String>) -> anyhow::Result<String> {
        match self {
            Self::SentencePiece { tokenizer, .. } => tokenizer.decode(tokens),
            Self::HuggingFace(t) => t.decode(tokens),
        }
    }
}

/// One model of the folder, loaded on first use.
struct Slot {
    installed: Installed,
    loaded: OnceCell<Arc<Ct2Translator<ModelTokenizer>>>,
}

/// The neural engine.
pub struct Neural {
    slots: Vec<Arc<Slot>>,
    /// Pair → index in `slots` of the model that serves it.
    routes: BTreeMap<Pair, usize>,
    settings: NeuralSettings,
    problems: Vec<Problem>,
}

impl std::fmt::Debug for Neural {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Neural")
            .field(
                "models",
                &self
                    .slots
                    .iter()
                    .map(|s| s.installed.name.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Neural {
    /// The engine over every model in `settings.models`. Loads nothing yet. Folders that are
    /// not usable models are kept as [`Neural::problems`]; an empty or missing folder gives an
    /// engine that serves no pair.
    #[must_use]
    pub fn new(settings: NeuralSettings) -> Self {
        let found = models::discover(&settings.models);
        Self::with_models(found.models, found.problems, settings)
    }

    /// The engine over `installed` models.
    #[must_use]
    pub fn with_models(
        mut installed: Vec<Installed>,
        problems: Vec<Problem>,
        settings: NeuralSettings,
    ) -> Self {
        // One-pair models first, then by name: the first to claim a pair serves it.
        installed.sort_by(|a, b| {
            (a.kind.is_multilingual(), &a.name).cmp(&(b.kind.is_multilingual(), &b.name))
        });
        let mut routes = BTreeMap::new();
        let mut slots = Vec::new();
        for model in installed {
            let index = slots.len();
            for pair in model.pairs() {
                routes.entry(pair).or_insert(index);
            }
            slots.push(Arc::new(Slot {
                installed: model,
                loaded: OnceCell::new(),
            }));
        }
        Self {
            slots,
            routes,
            settings,
            problems,
        }
    }

    /// Folders of the models folder that could not be used, and why.
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Loads the model that serves `pair` now rather than on first use.
    pub async fn load(&self, pair: &Pair) -> Result<(), EngineError> {
        let slot = self.slot(pair)?;
        self.loaded(&slot).await.map(|_| ())
    }

    fn slot(&self, pair: &Pair) -> Result<Arc<Slot>, EngineError> {
        self.routes
            .get(pair)
            .and_then(|&i| self.slots.get(i))
            .cloned()
            .ok_or_else(|| {
                EngineError::Unavailable(format!(
                    "no neural model in {} serves {}→{}",
                    self.settings.models.display(),
                    pair.from,
                    pair.to
                ))
            })
    }

    async fn loaded(
        &self,
        slot: &Arc<Slot>,
    ) -> Result<Arc<Ct2Translator<ModelTokenizer>>, EngineError> {
        let config = self.config()?;
        let owned = Arc::clone(slot);
        slot.loaded
            .get_or_try_init(|| async move {
                let installed = owned.installed.clone();
                tokio::task::spawn_blocking(move || load(&installed, &config))
                    .await
                    .map_err(|e| EngineError::Failed(format!("loading stopped: {e}")))?
                    .map(Arc::new)
            })
            .await
            .cloned()
    }

    fn config(&self) -> Result<Config, EngineError> {
        let compute_type = match self.settings.compute_type.as_str() {
            "int8" => ComputeType::INT8,
            "int8_float32" => ComputeType::INT8_FLOAT32,
            "float32" => ComputeType::FLOAT32,
            "default" => ComputeType::DEFAULT,
            "auto" => ComputeType::AUTO,
            other => {
                return Err(EngineError::Unavailable(format!(
                    "neural: compute type '{other}' is not one of int8, int8_float32, \
                     float32, default, auto"
                )));
            }
        };
        Ok(Config {
            device: Device::CPU,
            compute_type,
            // CTranslate2 loads one copy per entry: the first, then copies of it.
            device_indices: vec![0; self.replicas()],
            num_threads_per_replica: or_cores(self.settings.threads),
            ..Config::default()
        })
    }

    fn replicas(&self) -> usize {
        or_cores(self.settings.replicas)
    }

    fn options(&self) -> TranslationOptions<String, String> {
        let replicas = self.replicas();
        TranslationOptions {
            beam_size: self.settings.beam_size.max(1),
            max_decoding_length: self.settings.max_decoding_length.max(1),
            // A batch is cut into one part per copy, translated in parallel.
            max_batch_size: match replicas {
                1 => 0,
                n => self.settings.max_batch.max(1).div_ceil(n),
            },
            // Random or half-trained models loop; a real one rarely repeats a 4-gram.
            no_repeat_ngram_size: 0,
            ..TranslationOptions::default()
        }
    }
}

/// `n`, or the number of cores for 0.
fn or_cores(n: usize) -> usize {
    match n {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    }
}

/// Loads one model: the CTranslate2 weights, then its tokenizer.
fn load(
    installed: &Installed,
    config: &Config,
) -> Result<Ct2Translator<ModelTokenizer>, EngineError> {
    let unavailable = |what: &str, e: &dyn std::fmt::Display| {
        EngineError::Unavailable(format!(
            "neural model {} ({}): {what}: {e}",
            installed.name,
            installed.path.display()
        ))
    };
    let tokenizer = match &installed.tokenizer {
        TokenizerFiles::SentencePiece { source, target } => ModelTokenizer::SentencePiece {
            tokenizer: sentencepiece::Tokenizer::from_file(source, target)
                .map_err(|e| unavailable("cannot read its SentencePiece model", &e))?,
            eos: installed.source_eos(),
        },
        TokenizerFiles::HuggingFace(path) => ModelTokenizer::HuggingFace(Box::new(
            hf::Tokenizer::from_file(path)
                .map_err(|e| unavailable("cannot read its tokenizer.json", &e))?,
        )),
    };
    let started = std::time::Instant::now();
    let translator =
        Ct2Translator::with_tokenizer(ct2_path(&installed.ct2_dir)?, tokenizer, config)
            .map_err(|e| unavailable("CTranslate2 cannot load it", &e))?;
    tracing::info!(
        model = %installed.name,
        ms = started.elapsed().as_millis(),
        "neural model loaded"
    );
    Ok(translator)
}

/// CTranslate2 takes the folder as a UTF-8 string.
fn ct2_path(dir: &Path) -> Result<&Path, EngineError> {
    dir.to_str().map(Path::new).ok_or_else(|| {
        EngineError::Unavailable(format!("{}: the path is not UTF-8", dir.display()))
    })
}

#[async_trait]
impl Translator for Neural {
    fn name(&self) -> &str {
        "neural"
    }

    fn pairs(&self) -> Vec<Pair> {
        self.routes.keys().cloned().collect()
    }

    fn model(&self, pair: &Pair) -> Option<String> {
        self.slot(pair).ok().map(|s| s.installed.model_id())
    }

    fn markup(&self) -> Markup {
        Markup::Plain
    }

    fn max_batch(&self) -> usize {
        self.settings.max_batch.max(1)
    }

    async fn translate(
        &self,
        pair: &Pair,
        segments: &[String],
    ) -> Result<Vec<String>, EngineError> {
        if segments.is_empty() {
            return Ok(Vec::new());
        }
        let slot = self.slot(pair)?;
        let translator = self.loaded(&slot).await?;
        let source_prefix = slot.installed.source_prefix(pair);
        let target_prefix = slot.installed.target_prefix(pair);
        let options = self.options();
        let texts = segments.to_vec();
        let name = slot.installed.name.clone();
        let outputs = tokio::task::spawn_blocking(move || {
            let n = texts.len();
            let result = match (source_prefix.is_empty(), target_prefix.is_empty()) {
                (true, true) => translator.translate_batch(&texts, &options, None),
                (false, true) => translator.translate_batch_with_source_prefix(
                    &texts,
                    &vec![source_prefix; n],
                    &options,
                    None,
                ),
                _ => translator.translate_batch_with_source_and_target_prefix(
                    &texts,
                    &vec![source_prefix; n],
                    &vec![target_prefix; n],
                    &options,
                    None,
                ),
            };
            result.map(|outs| outs.into_iter().map(|(text, _)| text).collect::<Vec<_>>())
        })
        .await
        .map_err(|e| EngineError::Failed(format!("neural {name}: the call stopped: {e}")))?
        .map_err(|e| EngineError::Failed(format!("neural {name}: {e}")))?;
        if outputs.len() != segments.len() {
            return Err(EngineError::BadOutput(format!(
                "neural {name} returned {} segments for {}",
                outputs.len(),
                segments.len()
            )));
        }
        Ok(outputs)
    }
}
