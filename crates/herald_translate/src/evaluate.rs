//! How good and how fast an engine is on a pair: corpus chrF and BLEU against reference
//! translations, computed exactly as sacreBLEU 2.x does with its defaults, so Herald's numbers
//! can be compared with published ones and with `sacrebleu` run by hand.
//!
//! - chrF (signature `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no`): character n-grams of
//!   orders 1–6 over each segment with all whitespace removed, statistics summed over the
//!   corpus, precision and recall averaged over the orders that both sides have, β = 2.
//! - BLEU (`nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp`): the `13a` tokenizer (mteval-v13a),
//!   word 1–4-grams clipped by the reference, summed over the corpus, "exp" smoothing for
//!   orders without a match, brevity penalty from the summed lengths.
//!
//! Both are on the 0–100 scale and take one reference per segment. Whitespace means what
//! Python's `str.split()` splits on, which is why [`is_python_space`] exists.

use std::collections::HashMap;
use std::time::Instant;

use crate::engine::{EngineError, Pair, Translator};

/// Why an evaluation could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvaluateError {
    /// Hypotheses and references do not pair up.
    #[error("{hypotheses} hypotheses for {references} references")]
    LengthMismatch {
        /// How many hypotheses (or sources) there were.
        hypotheses: usize,
        /// How many references there were.
        references: usize,
    },
    /// The engine could not translate the sources.
    #[error("translating the sources failed")]
    Engine(#[source] EngineError),
}

/// The outcome of [`evaluate`].
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Corpus chrF, 0–100.
    pub chrf: f64,
    /// Corpus BLEU, 0–100.
    pub bleu: f64,
    /// Segments translated.
    pub segments: usize,
    /// Wall time spent in the engine.
    pub seconds: f64,
    /// `segments / seconds` (0 when nothing was timed).
    pub segments_per_second: f64,
    /// The engine's translations, one per source, for reading next to the references.
    pub hypotheses: Vec<String>,
}

/// Translates `sources` through `engine` in batches of its `max_batch`, then scores the
/// output against `references` (one per source).
pub async fn evaluate(
    engine: &dyn Translator,
    pair: &Pair,
    sources: &[String],
    references: &[String],
) -> Result<Evaluation, EvaluateError> {
    check_lengths(sources.len(), references.len())?;
    let started = Instant::now();
    let mut hypotheses = Vec::with_capacity(sources.len());
    for batch in sources.chunks(engine.max_batch().max(1)) {
        let translated = engine
            .translate(pair, batch)
            .await
            .map_err(EvaluateError::Engine)?;
        if translated.len() != batch.len() {
            return Err(EvaluateError::Engine(EngineError::BadOutput(format!(
                "{} translations for {} segments",
                translated.len(),
                batch.len()
            ))));
        }
        hypotheses.extend(translated);
    }
    let seconds = started.elapsed().as_secs_f64();
    let chrf = chrf(&hypotheses, references)?;
    let bleu = bleu(&hypotheses, references)?;
    #[expect(
        clippy::cast_precision_loss,
        reason = "segment counts are far below 2^52"
    )]
    let segments_per_second = if seconds > 0.0 {
        sources.len() as f64 / seconds
    } else {
        0.0
    };
    Ok(Evaluation {
        chrf,
        bleu,
        segments: sources.len(),
        seconds,
        segments_per_second,
        hypotheses,
    })
}

fn check_lengths(hypotheses: usize, references: usize) -> Result<(), EvaluateError> {
    if hypotheses == references {
        Ok(())
    } else {
        Err(EvaluateError::LengthMismatch {
            hypotheses,
            references,
        })
    }
}

/// Whether Python's `str.split()` splits on `c`: Unicode `White_Space` plus the four ASCII
/// information separators (U+001C–U+001F), which Python counts as whitespace too.
#[must_use]
pub fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn python_split(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_python_space).filter(|w| !w.is_empty())
}

/// chrF's character order.
const CHAR_ORDER: usize = 6;
/// chrF's β: recall weighs β² times as much as precision.
const BETA: f64 = 2.0;

/// Corpus chrF (sacreBLEU defaults), 0–100.
pub fn chrf<H: AsRef<str>, R: AsRef<str>>(
    hypotheses: &[H],
    references: &[R],
) -> Result<f64, EvaluateError> {
    check_lengths(hypotheses.len(), references.len())?;
    // Per order: hypothesis n-grams, reference n-grams, matches.
    let mut stats = [[0usize; 3]; CHAR_ORDER];
    for (hypothesis, reference) in hypotheses.iter().zip(references) {
        let hyp: Vec<char> = python_split(hypothesis.as_ref())
            .flat_map(str::chars)
            .collect();
        let reference: Vec<char> = python_split(reference.as_ref())
            .flat_map(str::chars)
            .collect();
        for (n, order) in stats.iter_mut().enumerate() {
            let hyp_ngrams = char_ngrams(&hyp, n + 1);
            let ref_ngrams = char_ngrams(&reference, n + 1);
            let hyp_count: usize = hyp_ngrams.values().sum();
            let ref_count: usize = ref_ngrams.values().sum();
            let matches: usize = hyp_ngrams
                .iter()
                .map(|(gram, &count)| ref_ngrams.get(gram).map_or(0, |&r| count.min(r)))
                .sum();
            // sacreBLEU counts no hypothesis n-grams for an order the reference lacks.
            order[0] += if ref_ngrams.is_empty() { 0 } else { hyp_count };
            order[1] += ref_count;
            order[2] += matches;
        }
    }
    Ok(chrf_from_stats(&stats))
}

fn char_ngrams(chars: &[char], n: usize) -> HashMap<&[char], usize> {
    let mut grams = HashMap::new();
    for gram in chars.windows(n) {
        *grams.entry(gram).or_insert(0) += 1;
    }
    grams
}

#[expect(
    clippy::cast_precision_loss,
    reason = "n-gram counts are far below 2^52"
)]
fn chrf_from_stats(stats: &[[usize; 3]; CHAR_ORDER]) -> f64 {
    let factor = BETA * BETA;
    let (mut precision, mut recall, mut effective) = (0.0, 0.0, 0usize);
    for &[hyp, reference, matches] in stats {
        // Orders missing on either side do not count ("effective order", sacreBLEU ≥ 2.0).
        if hyp > 0 && reference > 0 {
            precision += matches as f64 / hyp as f64;
            recall += matches as f64 / reference as f64;
            effective += 1;
        }
    }
    if effective == 0 {
        return 0.0;
    }
    precision /= effective as f64;
    recall /= effective as f64;
    if precision + recall == 0.0 {
        return 0.0;
    }
    100.0 * (1.0 + factor) * precision * recall / (factor * precision + recall)
}

/// BLEU's n-gram order.
const BLEU_ORDER: usize = 4;

/// Corpus BLEU (sacreBLEU defaults: `13a`, 4-grams, exp smoothing), 0–100.
pub fn bleu<H: AsRef<str>, R: AsRef<str>>(
    hypotheses: &[H],
    references: &[R],
) -> Result<f64, EvaluateError> {
    check_lengths(hypotheses.len(), references.len())?;
    let (mut sys_len, mut ref_len) = (0usize, 0usize);
    let mut correct = [0usize; BLEU_ORDER];
    let mut total = [0usize; BLEU_ORDER];
    for (hypothesis, reference) in hypotheses.iter().zip(references) {
        // sacreBLEU strips trailing whitespace before tokenising.
        let hyp_text = tokenize_13a(hypothesis.as_ref().trim_end_matches(is_python_space));
        let ref_text = tokenize_13a(reference.as_ref().trim_end_matches(is_python_space));
        let hyp: Vec<&str> = hyp_text.split(' ').filter(|t| !t.is_empty()).collect();
        let reference: Vec<&str> = ref_text.split(' ').filter(|t| !t.is_empty()).collect();
        sys_len += hyp.len();
        ref_len += reference.len();
        for n in 1..=BLEU_ORDER {
            let hyp_ngrams = word_ngrams(&hyp, n);
            let ref_ngrams = word_ngrams(&reference, n);
            for (gram, count) in hyp_ngrams {
                total[n - 1] += count;
                correct[n - 1] += ref_ngrams.get(&gram).map_or(0, |&r| count.min(r));
            }
        }
    }
    Ok(bleu_from_stats(&correct, &total, sys_len, ref_len))
}

fn word_ngrams<'a>(tokens: &[&'a str], n: usize) -> HashMap<Vec<&'a str>, usize> {
    let mut grams = HashMap::new();
    for gram in tokens.windows(n) {
        *grams.entry(gram.to_vec()).or_insert(0) += 1;
    }
    grams
}

#[expect(
    clippy::cast_precision_loss,
    reason = "token counts are far below 2^52"
)]
fn bleu_from_stats(
    correct: &[usize; BLEU_ORDER],
    total: &[usize; BLEU_ORDER],
    sys_len: usize,
    ref_len: usize,
) -> f64 {
    if correct.iter().all(|&c| c == 0) {
        return 0.0;
    }
    let brevity = if sys_len >= ref_len {
        1.0
    } else if sys_len == 0 {
        0.0
    } else {
        (1.0 - ref_len as f64 / sys_len as f64).exp()
    };
    let mut log_sum = 0.0;
    let mut smooth = 1.0;
    for n in 0..BLEU_ORDER {
        // An order with no n-grams at all ends the loop in sacreBLEU, leaving precision 0 for
        // it and every higher order; its floored log then makes the score 0.
        if total[n] == 0 {
            return 0.0;
        }
        let precision = if correct[n] == 0 {
            smooth *= 2.0;
            100.0 / (smooth * total[n] as f64)
        } else {
            100.0 * correct[n] as f64 / total[n] as f64
        };
        log_sum += precision.ln();
    }
    brevity * (log_sum / BLEU_ORDER as f64).exp()
}

/// The `13a` tokenizer of sacreBLEU (mteval-v13a): unescapes four entities, then splits off
/// punctuation and symbols, keeping `.` and `,` inside numbers and `-` after a digit split.
#[must_use]
pub fn tokenize_13a(line: &str) -> String {
    let mut line = line
        .replace("<skipped>", "")
        .replace("-\n", "")
        .replace('\n', " ");
    if line.contains('&') {
        line = line
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">");
    }
    let chars: Vec<char> = format!(" {line} ").chars().collect();

    // Each pass is one `re.sub` of sacreBLEU's `TokenizerRegexp`, in its order.
    let mut out: Vec<char> = Vec::with_capacity(chars.len() * 2);
    for &c in &chars {
        if is_13a_symbol(c) {
            out.extend([' ', c, ' ']);
        } else {
            out.push(c);
        }
    }
    // `([^0-9])([\.,])` → `\1 \2 `
    let out = substitute_pairs(
        &out,
        |a, b| !a.is_ascii_digit() && matches!(b, '.' | ','),
        |a, b| vec![a, ' ', b, ' '],
    );
    // `([\.,])([^0-9])` → ` \1 \2`
    let out = substitute_pairs(
        &out,
        |a, b| matches!(a, '.' | ',') && !b.is_ascii_digit(),
        |a, b| vec![' ', a, ' ', b],
    );
    // `([0-9])(-)` → `\1 \2 `
    let out = substitute_pairs(
        &out,
        |a, b| a.is_ascii_digit() && b == '-',
        |a, b| vec![a, ' ', b, ' '],
    );
    let text: String = out.into_iter().collect();
    python_split(&text).collect::<Vec<_>>().join(" ")
}

/// `[\{-\~\[-\` -\&\(-\+\:-\@\/]`: ASCII punctuation and symbols, except `'`, `,`, `-`, `.`
/// (and the space, which the class includes and which only changes spacing).
const fn is_13a_symbol(c: char) -> bool {
    matches!(c, '{'..='~' | '['..='`' | ' '..='&' | '('..='+' | ':'..='@' | '/')
}

/// A left-to-right, non-overlapping `re.sub` of a two-character pattern.
fn substitute_pairs(
    chars: &[char],
    matches: impl Fn(char, char) -> bool,
    replace: impl Fn(char, char) -> Vec<char>,
) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len() + chars.len() / 4);
    let mut i = 0;
    while i < chars.len() {
        match chars.get(i + 1) {
            Some(&next) if matches(chars[i], next) => {
                out.extend(replace(chars[i], next));
                i += 2;
            }
            _ => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use async_trait::async_trait;
    use herald_domain::Language;

    use super::*;
    use crate::engine::Markup;

    // Reference scores from sacrebleu 2.6.0 (`BLEU().corpus_score(h, [r])`,
    // `CHRF().corpus_score(h, [r])`, default arguments) on the same sentences.
    const TOLERANCE: f64 = 0.01;

    fn assert_scores(hypotheses: &[&str], references: &[&str], bleu_want: f64, chrf_want: f64) {
        let b = bleu(hypotheses, references).unwrap();
        let c = chrf(hypotheses, references).unwrap();
        assert!((b - bleu_want).abs() < TOLERANCE, "BLEU {b} != {bleu_want}");
        assert!((c - chrf_want).abs() < TOLERANCE, "chrF {c} != {chrf_want}");
    }

    #[test]
    fn a_perfect_translation_scores_100() {
        let text = [
            "The bridge opened to traffic on Monday.",
            "Rain is expected later this week.",
        ];
        assert_scores(&text, &text, 100.0, 100.0);
    }

    #[test]
    fn reordered_and_reworded_english_matches_sacrebleu() {
        assert_scores(
            &[
                "The council approved the new budget on Tuesday evening.",
                "Farmers say the harvest was smaller than last year.",
            ],
            &[
                "On Tuesday evening the council approved the new budget.",
                "Farmers said this year's harvest was smaller than the last.",
            ],
            37.3657,
            75.4286,
        );
    }

    #[test]
    fn an_empty_hypothesis_counts_against_the_corpus() {
        assert_scores(
            &["", "A train left the station at noon."],
            &[
                "The museum reopened after two years of repairs.",
                "A train left the station at noon.",
            ],
            32.4652,
            44.9210,
        );
        assert_scores(&[""], &["Nobody answered the phone."], 0.0, 0.0);
    }

    #[test]
    fn accented_latin_text_matches_sacrebleu() {
        assert_scores(
            &[
                "El alcalde inauguró la biblioteca pública ayer por la mañana.",
                "Les élèves ont présenté leurs projets à l'école.",
            ],
            &[
                "El alcalde inauguró ayer por la mañana la biblioteca pública.",
                "Les élèves ont présenté leur projet à l’école.",
            ],
            39.8814,
            83.9137,
        );
    }

    #[test]
    fn vietnamese_matches_sacrebleu() {
        assert_scores(
            &[
                "Thành phố đã mở thêm ba tuyến xe buýt mới trong tháng này.",
                "Giá gạo tăng nhẹ sau mùa mưa.",
            ],
            &[
                "Trong tháng này thành phố đã mở thêm ba tuyến xe buýt mới.",
                "Giá gạo đã tăng nhẹ sau mùa mưa.",
            ],
            66.4871,
            85.7619,
        );
    }

    #[test]
    fn persian_with_zero_width_non_joiners_matches_sacrebleu() {
        assert_scores(
            &[
                "شهرداری امروز پارک تازه‌ای را در مرکز شهر افتتاح کرد.",
                "قیمت نان از هفته‌ی آینده افزایش می‌یابد.",
            ],
            &[
                "شهرداری امروز یک پارک جدید در مرکز شهر افتتاح کرد.",
                "قیمت نان از هفته آینده بالا می‌رود.",
            ],
            40.4127,
            63.6417,
        );
    }

    #[test]
    fn punctuation_and_entities_are_tokenised_as_13a_does() {
        assert_scores(
            &[
                "Sales rose 3.5% to $1,200,000 (up from 2023's figure); \"good\" news - for now.",
                "Call 555-0199, or e-mail desk@example.org & ask for \"Ms. Lee\"!",
            ],
            &[
                "Sales rose by 3.5% to $1,200,000 (up from the 2023 figure): &quot;good&quot; news, for now.",
                "Call 555-0199 or e-mail desk@example.org &amp; ask for &quot;Ms. Lee&quot;!",
            ],
            68.7570,
            60.8058,
        );
    }

    #[test]
    fn a_corpus_without_four_grams_has_bleu_zero() {
        assert_scores(&["Yes.", "No way"], &["Yes.", "No way!"], 0.0, 80.8592);
    }

    #[test]
    fn whitespace_is_what_python_splits_on() {
        assert_scores(
            &[
                "  Tabs\tand   spaces\u{a0}here. ",
                "line\u{2003}break\u{3000}wide",
            ],
            &["Tabs and spaces here.", "line break wide"],
            100.0,
            100.0,
        );
        assert_scores(
            &["one\u{1f}two three four five"],
            &["one two three four five"],
            100.0,
            100.0,
        );
    }

    #[test]
    fn tokenises_like_13a() {
        assert_eq!(
            tokenize_13a("Sales rose 3.5% to $1,200,000 (up)."),
            "Sales rose 3.5 % to $ 1,200,000 ( up ) ."
        );
        assert_eq!(
            tokenize_13a("a-b 3-4 x.y 1.5, \"q\" &amp; &lt;b&gt;"),
            "a-b 3 - 4 x . y 1.5 , \" q \" & < b >"
        );
        assert_eq!(tokenize_13a("Hello,world.Again"), "Hello , world . Again");
        assert_eq!(tokenize_13a(""), "");
    }

    #[test]
    fn mismatched_lengths_are_an_error() {
        assert_eq!(
            bleu(&["a"], &["a", "b"]),
            Err(EvaluateError::LengthMismatch {
                hypotheses: 1,
                references: 2
            })
        );
        assert!(chrf(&["a", "b"], &["a"]).is_err());
        assert_eq!(bleu::<&str, &str>(&[], &[]), Ok(0.0));
        assert_eq!(chrf::<&str, &str>(&[], &[]), Ok(0.0));
    }

    /// Returns its input, two segments per call.
    struct Echo;

    #[async_trait]
    impl Translator for Echo {
        fn name(&self) -> &str {
            "echo"
        }
        fn pairs(&self) -> Vec<Pair> {
            Vec::new()
        }
        fn model(&self, _pair: &Pair) -> Option<String> {
            None
        }
        fn markup(&self) -> Markup {
            Markup::Plain
        }
        fn max_batch(&self) -> usize {
            2
        }
        async fn translate(
            &self,
            _pair: &Pair,
            segments: &[String],
        ) -> Result<Vec<String>, EngineError> {
            assert!(segments.len() <= 2, "batches respect max_batch");
            Ok(segments.to_vec())
        }
    }

    #[tokio::test]
    async fn evaluates_an_engine_in_batches() {
        let pair = Pair::new(
            Language::parse("en").unwrap(),
            Language::parse("en").unwrap(),
        );
        let sources: Vec<String> = [
            "The ferry leaves at dawn every day.",
            "Schools reopen after the long holiday.",
            "A storm closed the mountain road.",
        ]
        .map(String::from)
        .to_vec();
        let evaluation = evaluate(&Echo, &pair, &sources, &sources).await.unwrap();
        assert_eq!(evaluation.segments, 3);
        assert!((evaluation.chrf - 100.0).abs() < TOLERANCE);
        assert!((evaluation.bleu - 100.0).abs() < TOLERANCE);
        assert_eq!(evaluation.hypotheses, sources);
        let short = evaluate(&Echo, &pair, &sources, &sources[..1]).await;
        assert!(matches!(short, Err(EvaluateError::LengthMismatch { .. })));
    }
}
