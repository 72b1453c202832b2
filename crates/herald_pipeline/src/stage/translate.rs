//! An article into one language: its original is cut into segments, each segment is looked
//! up in the translation memory, only the misses go to the engine the site routes the pair
//! to (in batches, within the engine's concurrency), and the result is put back together,
//! checked and saved as a machine version that records engine, model, date, the revision it
//! was made from and its QA flags.
//!
//! Idempotent and cheap to repeat: a version already made from the current revision is left
//! alone; after the original changes, unchanged segments come from the memory and only the
//! changed ones reach the engine. Each batch's output is saved to the memory as soon as it
//! comes back, so a run killed half-way pays for nothing twice. A person's version (post-
//! edited, reviewed, human) is never replaced: when its original changed, it stays as it is
//! and is listed as stale for a translator to review.
//!
//! The article's media go with it (see `translate_media.rs`): alt texts and captions as extra
//! texts of the same run, video subtitles as a second document through the same engine, each
//! stored on the media without replacing a person's text. Their QA flags join the version's;
//! a subtitle file that cannot be read or written is a note in the summary, not a failure.

use std::collections::HashMap;

use herald_domain::{
    Article, ArticleId, EditorialState, Language, Origin, Provenance, QaFlag, Version,
};
use herald_store::{MemoryEntry, SaveOutcome, VersionDraft};
use herald_translate::protect::Protected;
use herald_translate::segment::{Document, Segment, Segmented, split};
use herald_translate::{Markup, Pair, Translator, memory_key};

use super::{Outcome, StageError};
use crate::Pipeline;

use super::translate_media as media;

/// What translating one article into one language did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationSummary {
    /// The target language.
    pub language: Language,
    /// The engine that served the pair.
    pub engine: String,
    /// Segments in the article.
    pub segments: usize,
    /// Segments answered by the memory.
    pub from_memory: usize,
    /// Segments sent to the engine.
    pub sent: usize,
    /// QA flags raised on the result.
    pub flags: usize,
    /// Texts stored on the article's media: alt texts, captions, subtitle files.
    pub media_texts: usize,
    /// What could not be done and did not fail the run (a subtitle file missing or not
    /// WebVTT), for the operator.
    pub notes: Vec<String>,
}

/// Translates article `id` into `to`. With `force` (an editor asked again), a machine
/// translation of the current revision is made anew; nothing else changes.
pub(super) async fn run(
    p: &Pipeline,
    id: ArticleId,
    to: &Language,
    force: bool,
) -> Result<Outcome, StageError> {
    let store = p.store();
    let Some(engines) = p.engines() else {
        return Ok(Outcome::Nothing("this site translates nothing"));
    };
    let Some(article) = store.article(id).await? else {
        return Ok(Outcome::Nothing("the article is gone"));
    };
    if article.source_language == *to {
        return Ok(Outcome::Nothing("the article is written in that language"));
    }
    let Some(original) = store.version(id, &article.source_language).await? else {
        return Ok(Outcome::Nothing("the article has no original text"));
    };
    if original.state == EditorialState::Withdrawn {
        return Ok(Outcome::Nothing("the original is withdrawn"));
    }
    if let Some(existing) = store.version(id, to).await?
        && let Some(done) = up_to_date(&existing, &article, force)
    {
        return Ok(Outcome::Nothing(done));
    }
    let pair = Pair::new(article.source_language.clone(), to.clone());
    let candidates = engines.candidates(&pair);
    if candidates.is_empty() {
        return Ok(Outcome::Nothing("no engine serves this pair"));
    }
    let glossary = store.glossary(&pair.from, &pair.to).await?;
    let plan = media::plan(
        store.as_ref(),
        &article,
        &original.body,
        &pair.from,
        to,
        p.settings().media_dir.as_deref(),
    )
    .await?;
    let document = Document {
        title: original.title.clone(),
        lead: original.lead.clone(),
        body: original.body.clone(),
        extras: plan.extras.clone(),
    };
    let segmented = segment(document, &pair.from, &glossary).await?;
    // The route first, then its fallbacks when it fails; what one engine translated before
    // failing stays in the memory under its own name.
    let mut last_error = StageError::transient("no engine answered");
    let mut chosen = None;
    for engine in candidates {
        let model = engine.model(&pair).unwrap_or_default();
        match translate_segments(p, engine.as_ref(), &model, &pair, &segmented).await {
            Ok(done) => {
                chosen = Some((engine, model, done));
                break;
            }
            Err(error) => {
                tracing::warn!(engine = engine.name(), %pair, "falling back: {error}");
                last_error = error;
            }
        }
    }
    let Some((engine, model, done)) = chosen else {
        return Err(last_error);
    };
    let assembled = segmented.assemble(&done.outputs, &pair);
    let mut flags: Vec<QaFlag> = assembled.flags.clone();
    let mut summary = TranslationSummary {
        language: to.clone(),
        engine: engine.name().to_owned(),
        segments: segmented.segments.len(),
        from_memory: done.from_memory,
        sent: done.sent,
        flags: flags.len(),
        media_texts: 0,
        notes: plan.notes.clone(),
    };

    // Subtitles before anything is saved: if the engine fails here the job is retried whole,
    // and the memory makes the second run cheap.
    let mut subtitles = Vec::new();
    for video in &plan.videos {
        let document = Document {
            body: video.body(),
            ..Document::default()
        };
        let segmented = segment(document, &pair.from, &glossary).await?;
        let done = translate_segments(p, engine.as_ref(), &model, &pair, &segmented).await?;
        summary.segments += segmented.segments.len();
        summary.from_memory += done.from_memory;
        summary.sent += done.sent;
        let assembled = segmented.assemble(&done.outputs, &pair);
        // The version's provenance is where a reviewer looks for what to check.
        for flag in assembled.flags {
            if !flags.contains(&flag) {
                flags.push(flag);
            }
        }
        match video.write(&assembled.body).await {
            Ok(path) => subtitles.push((video.media, path)),
            Err(note) => summary.notes.push(note),
        }
    }
    summary.flags = flags.len();
    for note in &summary.notes {
        tracing::warn!(article = id.get(), language = %to, "{note}");
    }
    summary.media_texts = plan
        .save(store.as_ref(), to, &assembled.extras, &subtitles)
        .await?;

    let state = if p.settings().hold_for_review.contains(to) {
        EditorialState::Review
    } else {
        original.state
    };
    let draft = VersionDraft {
        article: id,
        language: to.clone(),
        title: assembled.title,
        lead: assembled.lead,
        body: assembled.body,
        origin: Origin::Machine,
        provenance: Some(Provenance {
            engine: engine.name().to_owned(),
            model: Some(model).filter(|m| !m.is_empty()),
            made_at: p.now(),
            from_language: pair.from.clone(),
            from_revision: article.revision,
            qa_flags: flags,
            translator: None,
        }),
        state,
    };
    match store.save_version(draft).await? {
        SaveOutcome::Saved { .. } => {
            crate::follow_up::queue_index(p, id, to).await?;
            Ok(Outcome::Translated(summary))
        }
        SaveOutcome::KeptHumanWork { existing } => Ok(Outcome::KeptHumanWork(existing)),
    }
}

/// A document cut into segments, off the async threads (segmenting a long text is work).
async fn segment(
    document: Document,
    from: &Language,
    glossary: &[herald_domain::GlossaryEntry],
) -> Result<Segmented, StageError> {
    let (from, glossary) = (from.clone(), glossary.to_vec());
    tokio::task::spawn_blocking(move || split(&document, &from, &glossary))
        .await
        .map_err(|error| StageError::transient(format!("segmenting stopped: {error}")))
}

/// The outputs of one document's segments, and where they came from.
struct Translated {
    outputs: Vec<String>,
    from_memory: usize,
    sent: usize,
}

/// Every segment's output: from the memory where it has one, else from the engine, in
/// batches saved to the memory as each comes back.
async fn translate_segments(
    p: &Pipeline,
    engine: &dyn Translator,
    model: &str,
    pair: &Pair,
    segmented: &Segmented,
) -> Result<Translated, StageError> {
    let store = p.store();
    let keys: Vec<String> = segmented
        .segments
        .iter()
        .map(|s| memory_key(engine.name(), model, pair, &s.normalized, &s.fingerprint))
        .collect();
    let wanted: Vec<String> = segmented
        .segments
        .iter()
        .zip(&keys)
        .filter(|(s, _)| s.translate)
        .map(|(_, k)| k.clone())
        .collect();
    let mut known = store.memory_lookup(&wanted).await?;
    let from_memory = known.len();
    let misses: Vec<usize> = segmented
        .segments
        .iter()
        .enumerate()
        .filter(|(i, s)| s.translate && !known.contains_key(&keys[*i]))
        .map(|(i, _)| i)
        .collect();
    // The same sentence twice in one article goes to the engine once.
    let mut seen = std::collections::HashSet::new();
    let unique: Vec<usize> = misses
        .into_iter()
        .filter(|&i| seen.insert(keys[i].as_str()))
        .collect();
    let sent = unique.len();
    for batch in unique.chunks(engine.max_batch().max(1)) {
        let segments: Vec<&Segment> = batch.iter().map(|&i| &segmented.segments[i]).collect();
        let outputs = translate_batch(p, engine, pair, &segments).await?;
        let entries: Vec<MemoryEntry> = batch
            .iter()
            .zip(outputs)
            .map(|(&i, target)| MemoryEntry {
                key: keys[i].clone(),
                from: pair.from.clone(),
                to: pair.to.clone(),
                engine: engine.name().to_owned(),
                model: Some(model.to_owned()).filter(|m| !m.is_empty()),
                source: segmented.segments[i].normalized.clone(),
                target,
            })
            .collect();
        store.memory_save(&entries).await?;
        known.extend(entries.into_iter().map(|e| (e.key, e.target)));
    }
    Ok(Translated {
        outputs: outputs(&segmented.segments, &keys, &known)?,
        from_memory,
        sent,
    })
}

/// Why an existing version needs no machine run, if it needs none.
fn up_to_date(existing: &Version, article: &Article, force: bool) -> Option<&'static str> {
    match existing.origin {
        Origin::Original | Origin::Publisher => Some("the outlet wrote this language itself"),
        // A person's work is never replaced; once stale, the stale list shows it.
        Origin::PostEdited | Origin::Reviewed | Origin::Human => {
            Some("a person's translation is kept")
        }
        Origin::Machine if !force && !existing.is_stale(article) => {
            Some("the translation is of the current revision")
        }
        Origin::Machine => None,
    }
}

/// One batch through the engine, within its concurrency limit, in the engine's form: a plain
/// engine gets text and its answers are turned back into engine form, so the memory holds one
/// form whatever the engine.
async fn translate_batch(
    p: &Pipeline,
    engine: &dyn Translator,
    pair: &Pair,
    segments: &[&Segment],
) -> Result<Vec<String>, StageError> {
    let plain = engine.markup() == Markup::Plain;
    let texts: Vec<String> = segments
        .iter()
        .map(|s| {
            if plain {
                s.shield().to_plain(&s.text)
            } else {
                s.text.clone()
            }
        })
        .collect();
    let mut glossary: Vec<(String, String)> = segments
        .iter()
        .flat_map(|s| s.shield().placeholders())
        .filter(|p| matches!(p.kind, Protected::Term(_)))
        .map(|p| (p.source.clone(), p.target.clone()))
        .collect();
    glossary.sort();
    glossary.dedup();
    let engines = p
        .engines()
        .ok_or_else(|| StageError::permanent("no engines"))?;
    // Held for the call: the engine's limit counts calls from every worker of the process.
    let _permit = match engines.permits(engine.name()) {
        Some(permits) => Some(
            permits
                .acquire_owned()
                .await
                .map_err(|_| StageError::transient("the engine is shutting down"))?,
        ),
        None => None,
    };
    let outputs = engine
        .translate_with_glossary(pair, &texts, &glossary)
        .await
        .map_err(|error| {
            let message = format!("{} {pair}: {error}", engine.name());
            match error {
                herald_translate::EngineError::Unavailable(_) => StageError::permanent(message),
                _ => StageError::transient(message),
            }
        })?;
    if outputs.len() != texts.len() {
        return Err(StageError::transient(format!(
            "{} {pair}: {} segments sent, {} came back",
            engine.name(),
            texts.len(),
            outputs.len()
        )));
    }
    if plain {
        return Ok(segments
            .iter()
            .zip(outputs)
            .map(|(s, out)| s.shield().from_plain(&s.text, &out))
            .collect());
    }
    Ok(outputs)
}

/// The output for every segment, in order: the engine's or the memory's for segments sent,
/// the text itself for those that are not translated (numbers, punctuation).
fn outputs(
    segments: &[Segment],
    keys: &[String],
    known: &HashMap<String, String>,
) -> Result<Vec<String>, StageError> {
    segments
        .iter()
        .zip(keys)
        .map(|(s, key)| {
            if !s.translate {
                return Ok(s.text.clone());
            }
            known
                .get(key)
                .cloned()
                .ok_or_else(|| StageError::transient("a segment has no translation"))
        })
        .collect()
}
