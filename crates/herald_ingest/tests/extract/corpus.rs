//! The trafilatura evaluation corpus (990 real pages, Apache-2.0 annotations), read in place
//! from `../shared/eval/extraction/trafilatura-eval/`: every page is extracted, and the
//! snippet F1 must stay at or above [`FLOOR`], a little under what the extractor reaches, so
//! that a change that makes extraction worse fails here.
//!
//! The metric is `score.py`'s snippet metric, ported: prediction and snippets have their
//! whitespace runs collapsed to one space and are trimmed; a "with" snippet found in the
//! prediction is a true positive (else a false negative), a "without" snippet found is a
//! false positive; counts are summed over the corpus; F1 = 2PR / (P + R).
//!
//! The pages are split by a fixed hash of their id (FNV-1a, 64 bits; one in five is held
//! out) into the pages the rules were tuned on and pages they never were; both are printed.
//! Set `HERALD_EXTRACT_PRED_DIR` to also write each prediction as `<id>.txt`, for `score.py`.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use herald_ingest::extract::{ExtractOverrides, extract};

/// The F1 over all pages that must be reached (the best run gives 0.919).
const FLOOR: f64 = 0.91;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/extraction/trafilatura-eval")
}

/// `score.py`'s `_norm`: runs of whitespace (Python's `\s`) become one space; trimmed.
fn norm(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || ('\x1c'..='\x1f').contains(&c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// FNV-1a, 64 bits: the fixed hash that splits tuning pages from held-out ones.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn is_held_out(id: &str) -> bool {
    fnv1a(id).is_multiple_of(5)
}

/// True and false positives and negatives.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tp: u64,
    fp: u64,
    fn_: u64,
}

impl Counts {
    fn add(&mut self, other: Self) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

#[expect(clippy::cast_precision_loss, reason = "counts of snippets are small")]
fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// `score.py`'s `snippet_counts` for one page.
fn snippet_counts(with: &[String], without: &[String], prediction: &str) -> Counts {
    let p = norm(prediction);
    let found = |s: &String| !p.is_empty() && p.contains(&norm(s));
    let tp = with.iter().filter(|s| found(s)).count() as u64;
    let fp = without.iter().filter(|s| found(s)).count() as u64;
    Counts {
        tp,
        fp,
        fn_: with.len() as u64 - tp,
    }
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_trafilatura_corpus_is_extracted_at_least_as_well_as_before() {
    let dir = corpus_dir();
    let Ok(manifest) = std::fs::read_to_string(dir.join("manifest.tsv")) else {
        println!(
            "trafilatura-eval corpus not found at {}: skipped",
            dir.display()
        );
        return;
    };
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("snippets.json")).expect("snippets.json"))
            .expect("snippets.json is JSON");
    let pred_dir = std::env::var_os("HERALD_EXTRACT_PRED_DIR").map(PathBuf::from);
    let mut lines = manifest.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (id_at, html_at) = (column("id"), column("html"));
    let (mut tuning, mut held_out) = (Counts::default(), Counts::default());
    let mut pages = 0;
    for line in lines {
        let cells: Vec<&str> = line.split('\t').collect();
        let (id, html) = (cells[id_at], cells[html_at]);
        let mut bytes = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(dir.join(html)).expect(html))
            .read_to_end(&mut bytes)
            .expect(html);
        let text = extract(&bytes, None, None, &ExtractOverrides::default()).text();
        if let Some(out) = &pred_dir {
            std::fs::write(out.join(format!("{id}.txt")), &text).expect("prediction written");
        }
        let Some(item) = truth.get(id) else { continue };
        let counts = snippet_counts(&strings(&item["with"]), &strings(&item["without"]), &text);
        if is_held_out(id) {
            held_out.add(counts);
        } else {
            tuning.add(counts);
        }
        pages += 1;
    }
    let mut all = tuning;
    all.add(held_out);
    for (name, c) in [("tuning", tuning), ("held-out", held_out), ("all", all)] {
        println!(
            "{name:>8}: F1 {:.3}  P {:.3}  R {:.3}  ({} / {} / {})",
            c.f1(),
            c.precision(),
            c.recall(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    assert_eq!(pages, 990);
    assert!(all.f1() >= FLOOR, "F1 {:.3} fell under {FLOOR}", all.f1());
}
