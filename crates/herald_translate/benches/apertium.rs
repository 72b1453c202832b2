//! Segments per second through the Apertium engine, against Apertium on its own.
//!
//! - `apertium/herald_200`: 200 English news sentences (written for this bench, made from 20
//!   subjects and 20 predicates) through [`Apertium::translate`] to Spanish: one
//!   `apertium -u -f html eng-spa` child, segments wrapped and split back;
//! - `apertium/direct_200`: the same sentences as plain lines through `apertium -u eng-spa`,
//!   spawned here, which is the floor Herald's wrapping and HTML mode add to;
//! - `apertium/article_200`: the same sentences as an article (40 paragraphs of five, a link
//!   and an emphasis in each, a headline and a lead) through everything Herald does around the
//!   engine — segmenting, protecting, memory keys, one engine call, reassembling and
//!   sanitising — which is what the translation stage pays per article, the store aside;
//! - `segments/split_assemble_200`: that work alone, without the engine.
//!
//! Criterion's throughput is in segments per second; both include the pipeline start
//! (≈ 0.5 s), which is why batches are large. Skipped with a note when `apertium` or the
//! `eng-spa` mode is not installed.
//!
//! `cargo bench -p herald_translate --bench apertium` (≈ 1 minute).
#![expect(
    clippy::unwrap_used,
    reason = "a benchmark's setup: any failure should stop it at once"
)]

use std::hint::black_box;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput};
use herald_domain::Language;
use herald_translate::apertium::Apertium;
use herald_translate::{Document, Pair, Translator, memory_key, split};
use tokio::runtime::Runtime;

const SEGMENTS: usize = 200;

const SUBJECTS: &[&str] = &[
    "The city council",
    "A group of nurses",
    "The new mayor",
    "Local farmers",
    "The national bank",
    "Students at the university",
    "The football club",
    "A small bakery in the old town",
    "The ministry of health",
    "Fishermen on the coast",
    "The regional airport",
    "Several shop owners",
    "The public library",
    "A team of engineers",
    "The theatre company",
    "Parents at the primary school",
    "The water company",
    "Young musicians from the valley",
    "The hospital director",
    "Residents of the northern district",
];

const PREDICATES: &[&str] = &[
    "approved a plan to repair the main bridge before winter.",
    "asked the government for more money to build houses.",
    "said that prices had risen for the third month in a row.",
    "opened a new office near the railway station on Monday.",
    "expects more visitors this summer than last year.",
    "complained about the noise from the building site.",
    "will hold a public meeting about the new bus routes next week.",
    "won an award for its work with children in poor areas.",
    "warned that the dry weather could damage the harvest.",
    "plans to plant a thousand trees along the river.",
    "closed two schools after the heavy rain flooded the streets.",
    "signed an agreement with a company from the capital.",
    "lost the final match after a long and difficult season.",
    "hired twenty new workers to answer calls from customers.",
    "celebrated its fiftieth anniversary with a concert in the square.",
    "reported that fewer people were out of work in the spring.",
    "invited journalists to visit the factory for the first time.",
    "decided to keep the museum open until late on Fridays.",
    "started a campaign to collect old books for the prisons.",
    "thanked the volunteers who cleaned the beach after the storm.",
];

fn sentences() -> Vec<String> {
    (0..SEGMENTS)
        .map(|k| {
            let subject = SUBJECTS[k % SUBJECTS.len()];
            let predicate = PREDICATES[(k / SUBJECTS.len() + 3 * k) % PREDICATES.len()];
            format!("{subject} {predicate}")
        })
        .collect()
}

fn english_to_spanish() -> Pair {
    Pair::new(
        Language::parse("en").unwrap(),
        Language::parse("es").unwrap(),
    )
}

/// `apertium -u eng-spa` on `text`, writing from a thread so a large input cannot block.
fn apertium_directly(text: &str) -> String {
    let mut child = Command::new("apertium")
        .args(["-u", "eng-spa"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = text.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// The sentences as an article body: paragraphs of five, with a link and an emphasis each.
fn article(segments: &[String]) -> Document {
    let body = segments
        .chunks(5)
        .map(|p| {
            let mut text = p.join(" ");
            if let Some(first) = text.find(' ') {
                text.insert_str(first, "</em>");
                text.insert_str(0, "<em>");
            }
            format!("<p>{text} <a href=\"https://example.org/more\">More</a>.</p>")
        })
        .collect();
    Document {
        title: "City news in brief".to_owned(),
        lead: "What happened in the city this week.".to_owned(),
        body,
        extras: Vec::new(),
    }
}

/// Everything the translation stage does to an article but the store: the engine output for
/// the segments that are translated, then the article back.
async fn translate_article(engine: &Apertium, pair: &Pair, doc: &Document) -> String {
    let segmented = split(doc, &pair.from, &[]);
    let keys: Vec<String> = segmented
        .segments
        .iter()
        .map(|s| memory_key("apertium", "bench", pair, &s.normalized, &s.fingerprint))
        .collect();
    black_box(keys);
    let wanted: Vec<String> = segmented
        .segments
        .iter()
        .filter(|s| s.translate)
        .map(|s| s.text.clone())
        .collect();
    let mut translated = engine.translate(pair, &wanted).await.unwrap().into_iter();
    let outputs: Vec<String> = segmented
        .segments
        .iter()
        .map(|s| {
            if s.translate {
                translated.next().unwrap()
            } else {
                s.text.clone()
            }
        })
        .collect();
    segmented.assemble(&outputs, pair).body
}

fn bench(c: &mut Criterion) {
    let engine = Apertium::discover().ok();
    let pair = english_to_spanish();
    let Some(engine) = engine.filter(|e| e.pairs().contains(&pair)) else {
        eprintln!("note: apertium with eng-spa is not installed; skipping the apertium bench");
        return;
    };
    let runtime = Runtime::new().unwrap();
    let segments = sentences();
    let lines = format!("{}\n", segments.join("\n"));
    // One run each first: a broken install should fail here, not inside criterion.
    assert_eq!(
        runtime
            .block_on(engine.translate(&pair, &segments))
            .unwrap()
            .len(),
        SEGMENTS
    );
    assert_eq!(apertium_directly(&lines).lines().count(), SEGMENTS);

    let mut group = c.benchmark_group("apertium");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(25))
        .throughput(Throughput::Elements(SEGMENTS as u64));
    group.bench_function("herald_200", |b| {
        b.iter(|| {
            runtime
                .block_on(engine.translate(&pair, black_box(&segments)))
                .unwrap()
        });
    });
    group.bench_function("direct_200", |b| {
        b.iter(|| apertium_directly(black_box(&lines)));
    });
    let doc = article(&segments);
    group.bench_function("article_200", |b| {
        b.iter(|| runtime.block_on(translate_article(&engine, &pair, black_box(&doc))));
    });
    group.finish();

    // The same work with an engine that answers at once: Herald's own cost per segment.
    let mut group = c.benchmark_group("segments");
    group.throughput(Throughput::Elements(SEGMENTS as u64));
    group.bench_function("split_assemble_200", |b| {
        b.iter(|| {
            let segmented = split(black_box(&doc), &pair.from, &[]);
            let outputs: Vec<String> = segmented.segments.iter().map(|s| s.text.clone()).collect();
            segmented.assemble(&outputs, &pair)
        });
    });
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();
}
