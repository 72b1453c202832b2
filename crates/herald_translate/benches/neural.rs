//! Sentences per second through the neural engine on a model of real size: an opus-mt-sized
//! Transformer (6 + 6 layers, d = 512, 8 heads, feed-forward 2048, a 32,000-token vocabulary)
//! with random weights, int8, greedy, two threads — the settings of
//! `scripts/ct2_speed.py`, which measures the official Python package on the same model and
//! the same sentences, so the two numbers compare (docs/PERFORMANCE.md).
//!
//! Random weights seldom end a sentence, so every output runs to `max_decoding_length` (64
//! tokens): the work per sentence is fixed, and tokens per second is 64 × sentences per second.
//!
//! The model and the input are made by the scripts (no model can be downloaded here):
//!
//! ```sh
//! python scripts/ct2_model.py --layout marian --size opus --out /var/tmp/herald-models/opus-marian
//! python scripts/ct2_speed.py /var/tmp/herald-models/opus-marian \
//!     --input /var/tmp/herald-models/opus-speed-input.txt
//! cargo bench -p herald_translate --features neural --bench neural
//! ```
//!
//! `HERALD_BENCH_CT2_MODEL` and `HERALD_BENCH_CT2_INPUT` point elsewhere; `HERALD_BENCH_CT2_THREADS`
//! and `HERALD_BENCH_CT2_COMPUTE` (int8, float32) change the run. Skipped with a note when the
//! model is missing. About 5 minutes.
#![expect(
    clippy::unwrap_used,
    reason = "a benchmark's setup: any failure should stop it at once"
)]

use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput};
use herald_translate::Translator;
use herald_translate::models;
use herald_translate::neural::{Neural, NeuralSettings};
use tokio::runtime::Runtime;

/// Sentences per iteration: one batch, as the engine gets from the stage.
const SENTENCES: usize = 32;

fn setting(name: &str, default: &str) -> String {
    std::env::var_os(name).map_or_else(|| default.to_owned(), |v| v.to_string_lossy().into_owned())
}

fn main() {
    let model_dir = PathBuf::from(setting(
        "HERALD_BENCH_CT2_MODEL",
        "/var/tmp/herald-models/opus-marian",
    ));
    let input = PathBuf::from(setting(
        "HERALD_BENCH_CT2_INPUT",
        "/var/tmp/herald-models/opus-speed-input.txt",
    ));
    let (Ok((installed, _)), Ok(text)) =
        (models::read(&model_dir), std::fs::read_to_string(&input))
    else {
        eprintln!(
            "note: no model at {} or no input at {}; see the bench's docs to make them",
            model_dir.display(),
            input.display()
        );
        return;
    };
    let sentences: Vec<String> = text.lines().take(SENTENCES).map(str::to_owned).collect();
    let pair = installed.pairs()[0].clone();
    let threads: usize = setting("HERALD_BENCH_CT2_THREADS", "1").parse().unwrap();
    let replicas: usize = setting("HERALD_BENCH_CT2_REPLICAS", "2").parse().unwrap();
    let compute = setting("HERALD_BENCH_CT2_COMPUTE", "int8");
    let engine = Neural::with_models(
        vec![installed],
        Vec::new(),
        NeuralSettings {
            models: model_dir.clone(),
            threads,
            replicas,
            compute_type: compute.clone(),
            beam_size: 1,
            max_batch: SENTENCES,
            max_decoding_length: 64,
        },
    );
    let runtime = Runtime::new().unwrap();
    runtime.block_on(engine.load(&pair)).unwrap();
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(60))
        .configure_from_args();
    let mut group = criterion.benchmark_group("neural");
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Elements(SENTENCES as u64));
    group.bench_function(
        format!("opus_{compute}_{replicas}x{threads}threads_{SENTENCES}"),
        |b| {
            b.iter(|| {
                let out = runtime
                    .block_on(engine.translate(&pair, &sentences))
                    .unwrap();
                assert_eq!(out.len(), SENTENCES);
            });
        },
    );
    group.finish();
    criterion.final_summary();
}
