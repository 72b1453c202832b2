//! The neural engine on real CTranslate2 models: load, tokenise, translate, detokenise.
//!
//! No model can be downloaded here, so `scripts/ct2_model.py` generates tiny ones with random
//! weights (a one-pair opus-mt-like model, an Argos package, an NLLB-like multilingual model)
//! with the `ctranslate2`, `sentencepiece` and `numpy` Python packages, once per script
//! version, under the target folder. Their output is nonsense, but it is CTranslate2's
//! nonsense: each test compares the engine with `scripts/ct2_translate.py`, which does the same
//! steps with the official Python package. The comparison runs in float32, whose tokens are
//! the same whatever the CPU's instruction set and GEMM library (int8 is not: see the
//! script); CI sets `HERALD_REQUIRE_NEURAL`, so there a missing Python package fails the run
//! instead of skipping.
#![expect(
    clippy::unwrap_used,
    reason = "the helpers' setup: any failure should stop the test at once"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use herald_domain::Language;
use herald_translate::models::{self, Installed};
use herald_translate::neural::{Neural, NeuralSettings};
use herald_translate::{EngineError, Markup, Pair, Translator};

fn lang(tag: &str) -> Language {
    Language::parse(tag).unwrap()
}

fn pair(from: &str, to: &str) -> Pair {
    Pair::new(lang(from), lang(to))
}

fn scripts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts")
}

/// The Python with `ctranslate2` and `sentencepiece`: `$HERALD_CT2_PYTHON`, else `python3`.
fn python() -> Option<PathBuf> {
    let python = std::env::var_os("HERALD_CT2_PYTHON")
        .map_or_else(|| PathBuf::from("python3"), PathBuf::from);
    let ok = Command::new(&python)
        .args(["-c", "import ctranslate2, sentencepiece, numpy"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        return Some(python);
    }
    assert!(
        std::env::var_os("HERALD_REQUIRE_NEURAL").is_none(),
        "{} cannot import ctranslate2, sentencepiece and numpy",
        python.display()
    );
    eprintln!("note: no Python with ctranslate2; neural tests skipped");
    None
}

/// The generated models folder: `tiny-marian` (en→vi), `tiny-argos` (vi→en), `tiny-nllb`.
fn models_dir() -> Option<&'static Path> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let python = python()?;
        let script = std::fs::read(scripts().join("ct2_model.py")).unwrap();
        let version = format!("{:016x}", fxhash(&script));
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("ct2-models-{version}"));
        if dir.is_dir() {
            return Some(dir);
        }
        let building = dir.with_extension(format!("part-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&building);
        for (layout, name, from, to) in [
            ("marian", "tiny-marian", "en", "vi"),
            ("argos", "tiny-argos", "vi", "en"),
            ("nllb", "tiny-nllb", "en", "vi"),
        ] {
            let status = Command::new(&python)
                .arg(scripts().join("ct2_model.py"))
                .args([
                    "--layout", layout, "--size", "tiny", "--from", from, "--to", to,
                ])
                .arg("--out")
                .arg(building.join(name))
                .stdout(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success(), "ct2_model.py --layout {layout} failed");
        }
        // Another test binary may have finished first; either copy is the same.
        if std::fs::rename(&building, &dir).is_err() {
            let _ = std::fs::remove_dir_all(&building);
        }
        Some(dir)
    })
    .as_deref()
}

/// A stable hash of the script, so a changed script makes new models.
fn fxhash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Settings that match `ct2_translate.py`'s defaults: greedy, float32, 32 tokens at most.
fn reference_settings(models: &Path) -> NeuralSettings {
    NeuralSettings {
        models: models.to_path_buf(),
        threads: 1,
        replicas: 1,
        compute_type: "float32".to_owned(),
        beam_size: 1,
        max_batch: 32,
        max_decoding_length: 32,
    }
}

fn model(models: &Path, name: &str) -> Installed {
    models::read(&models.join(name)).unwrap().0
}

fn engine_over(models: &Path, names: &[&str]) -> Neural {
    let installed = names.iter().map(|n| model(models, n)).collect();
    Neural::with_models(installed, Vec::new(), reference_settings(models))
}

/// What the official Python package makes of `sentences` on the model folder `name`.
fn reference(name: &str, layout: &str, prefixes: &[&str], sentences: &[String]) -> Vec<String> {
    let models = models_dir().unwrap();
    let python = python().unwrap();
    let mut child = Command::new(python)
        .arg(scripts().join("ct2_translate.py"))
        .arg(models.join(name))
        .args(["--layout", layout, "--compute-type", "float32"])
        .args(prefixes)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().unwrap();
        for s in sentences {
            writeln!(stdin, "{s}").unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "ct2_translate.py failed");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn sentences() -> Vec<String> {
    [
        "The city council approved the new budget on Monday.",
        "Heavy rain caused flooding in several northern provinces.",
        "Schools will reopen after the holiday.",
        "The central bank kept interest rates unchanged.",
    ]
    .map(String::from)
    .to_vec()
}

#[tokio::test]
async fn a_tiny_model_translates_as_ctranslate2_itself_does_and_the_same_every_time() {
    let Some(models) = models_dir() else { return };
    let engine = engine_over(models, &["tiny-marian"]);
    assert_eq!(engine.pairs(), vec![pair("en", "vi")]);
    assert_eq!(engine.markup(), Markup::Plain);
    assert_eq!(
        engine.model(&pair("en", "vi")).as_deref(),
        Some("tiny-marian tiny-random 1")
    );
    let input = sentences();
    let first = engine.translate(&pair("en", "vi"), &input).await.unwrap();
    let second = engine.translate(&pair("en", "vi"), &input).await.unwrap();
    assert_eq!(first, second);
    assert!(first.iter().any(|t| !t.trim().is_empty()), "{first:?}");
    assert_eq!(first, reference("tiny-marian", "marian", &[], &input));
    // The generated model is byte-identical from run to run and float32 tokens do not depend
    // on the CPU, so its nonsense is the same on every machine.
    assert_eq!(
        &first[..2],
        [
            "kغakغakغakغakغakغakغakغakغakغaHa",
            "kغakغakغakغakغakغakغakغakغakغHHH"
        ]
    );
}

#[tokio::test]
async fn a_batch_of_n_segments_gives_n_translations_in_order() {
    let Some(models) = models_dir() else { return };
    let engine = engine_over(models, &["tiny-marian"]);
    let mut input: Vec<String> = (0..37)
        .map(|i| format!("Story {i}: the council met again."))
        .collect();
    input[5] = String::new();
    input[9] = "word ".repeat(300);
    let out = engine.translate(&pair("en", "vi"), &input).await.unwrap();
    assert_eq!(out.len(), 37);
    // Each output is the segment's own: translating one alone gives the same.
    let alone = engine
        .translate(&pair("en", "vi"), &input[20..21])
        .await
        .unwrap();
    assert_eq!(alone[0], out[20]);
    // Two copies of the model, each translating part of the batch: the same answers in order.
    let mut settings = reference_settings(models);
    settings.replicas = 2;
    let two = Neural::with_models(vec![model(models, "tiny-marian")], Vec::new(), settings);
    assert_eq!(two.translate(&pair("en", "vi"), &input).await.unwrap(), out);
}

#[tokio::test]
async fn an_argos_package_is_read_and_translated_without_an_end_token() {
    let Some(models) = models_dir() else { return };
    let engine = engine_over(models, &["tiny-argos"]);
    assert_eq!(engine.pairs(), vec![pair("vi", "en")]);
    let input: Vec<String> = [
        "Hội đồng thành phố đã thông qua ngân sách mới.",
        "Mưa lớn gây ngập lụt ở nhiều tỉnh phía bắc.",
    ]
    .map(String::from)
    .to_vec();
    let out = engine.translate(&pair("vi", "en"), &input).await.unwrap();
    assert_eq!(out, reference("tiny-argos", "argos", &[], &input));
}

#[tokio::test]
async fn the_nllb_target_language_token_chooses_the_language() {
    let Some(models) = models_dir() else { return };
    let engine = engine_over(models, &["tiny-nllb"]);
    let pairs = engine.pairs();
    assert!(pairs.contains(&pair("en", "vi")) && pairs.contains(&pair("fa", "ar")));
    let input = sentences();
    let vi = engine.translate(&pair("en", "vi"), &input).await.unwrap();
    let fa = engine.translate(&pair("en", "fa"), &input).await.unwrap();
    assert_ne!(vi, fa, "the target token changes the output");
    for (out, target) in [(&vi, "vie_Latn"), (&fa, "pes_Arab")] {
        let want = reference(
            "tiny-nllb",
            "nllb",
            &["--source-prefix", "eng_Latn", "--target-prefix", target],
            &input,
        );
        assert_eq!(out, &want, "en→{target}");
        assert!(
            out.iter().all(|t| !t.contains(target)),
            "the target token is not part of the translation: {out:?}"
        );
    }
}

#[tokio::test]
async fn a_corrupt_model_is_unavailable_with_its_reason_and_loads_once_repaired() {
    let Some(models) = models_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("tiny-marian");
    std::fs::create_dir(&folder).unwrap();
    for entry in std::fs::read_dir(models.join("tiny-marian")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), folder.join(entry.file_name())).unwrap();
    }
    let weights = std::fs::read(folder.join("model.bin")).unwrap();
    std::fs::write(folder.join("model.bin"), &weights[..weights.len() / 3]).unwrap();
    let engine = Neural::new(reference_settings(dir.path()));
    assert_eq!(engine.pairs(), vec![pair("en", "vi")]);
    let error = engine
        .translate(&pair("en", "vi"), &sentences())
        .await
        .unwrap_err();
    let EngineError::Unavailable(message) = &error else {
        panic!("{error:?}");
    };
    assert!(
        message.contains("tiny-marian") && message.contains("cannot load"),
        "{message}"
    );
    std::fs::write(folder.join("model.bin"), &weights).unwrap();
    let out = engine.translate(&pair("en", "vi"), &sentences()).await;
    assert_eq!(
        out.unwrap().len(),
        4,
        "the next call loads the repaired model"
    );
}

/// A copy of the model folder `from` at `to` without its tokenizer files.
fn weights_only(from: &Path, to: &Path) {
    std::fs::create_dir(to).unwrap();
    for file in [
        "model.bin",
        "config.json",
        "shared_vocabulary.json",
        "herald-model.toml",
    ] {
        std::fs::copy(from.join(file), to.join(file)).unwrap();
    }
}

#[tokio::test]
async fn a_broken_or_missing_folder_is_a_problem_not_a_crash() {
    let Some(models) = models_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("no-tokenizer");
    weights_only(&models.join("tiny-marian"), &folder);
    let garbage = dir.path().join("garbage");
    std::fs::create_dir(&garbage).unwrap();
    std::fs::copy(
        models.join("tiny-marian").join("herald-model.toml"),
        garbage.join("herald-model.toml"),
    )
    .unwrap();
    std::fs::write(garbage.join("model.bin"), b"not a model").unwrap();
    std::fs::write(garbage.join("config.json"), b"{").unwrap();
    std::fs::copy(
        models.join("tiny-marian").join("source.spm"),
        garbage.join("source.spm"),
    )
    .unwrap();
    std::fs::write(garbage.join("target.spm"), b"not sentencepiece").unwrap();
    let engine = Neural::new(reference_settings(dir.path()));
    assert_eq!(engine.problems().len(), 1, "{:?}", engine.problems());
    assert!(engine.problems()[0].reason.contains("no tokenizer"));
    let error = engine
        .translate(&pair("en", "vi"), &sentences())
        .await
        .unwrap_err();
    assert!(matches!(error, EngineError::Unavailable(_)), "{error:?}");
    let missing = Neural::new(reference_settings(&dir.path().join("nowhere")));
    assert!(missing.pairs().is_empty());
    let error = missing
        .translate(&pair("en", "vi"), &sentences())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("no neural model"), "{error}");
}

/// A Hugging Face `tokenizer.json` equivalent to a SentencePiece unigram model: its pieces and
/// scores as a Unigram model, `▁` for spaces, `</s>` appended (as Transformers' Marian
/// tokenizers do).
fn tokenizer_json(spm: &Path, out: &Path) {
    let program = r#"
import json, sys
import sentencepiece as spm
sp = spm.SentencePieceProcessor(model_file=sys.argv[1])
vocab = [[sp.id_to_piece(i), sp.get_score(i)] for i in range(sp.get_piece_size())]
eos = sp.piece_to_id("</s>")
space = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True}
json.dump({
    "version": "1.0", "truncation": None, "padding": None, "added_tokens": [],
    "normalizer": None, "pre_tokenizer": space,
    "post_processor": {"type": "TemplateProcessing",
        "single": [{"Sequence": {"id": "A", "type_id": 0}},
                   {"SpecialToken": {"id": "</s>", "type_id": 0}}],
        "pair": [{"Sequence": {"id": "A", "type_id": 0}},
                 {"Sequence": {"id": "B", "type_id": 0}},
                 {"SpecialToken": {"id": "</s>", "type_id": 0}}],
        "special_tokens": {"</s>": {"id": "</s>", "ids": [eos], "tokens": ["</s>"]}}},
    "decoder": space,
    "model": {"type": "Unigram", "unk_id": sp.unk_id(), "vocab": vocab, "byte_fallback": False},
}, open(sys.argv[2], "w"), ensure_ascii=False)
"#;
    let status = Command::new(python().unwrap())
        .args(["-c", program])
        .arg(spm)
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success(), "cannot write tokenizer.json");
}

#[tokio::test]
async fn a_model_with_a_tokenizer_json_translates_as_with_its_sentencepiece_model() {
    let Some(models) = models_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("hf-marian");
    weights_only(&models.join("tiny-marian"), &folder);
    tokenizer_json(
        &models.join("tiny-marian").join("source.spm"),
        &folder.join("tokenizer.json"),
    );
    let installed = model(dir.path(), "hf-marian");
    assert!(matches!(
        installed.tokenizer,
        models::TokenizerFiles::HuggingFace(_)
    ));
    let hf = Neural::with_models(vec![installed], Vec::new(), reference_settings(dir.path()));
    let spm = engine_over(models, &["tiny-marian"]);
    let input = sentences();
    let through_json = hf.translate(&pair("en", "vi"), &input).await.unwrap();
    let through_spm = spm.translate(&pair("en", "vi"), &input).await.unwrap();
    assert_eq!(through_json, through_spm);
}
