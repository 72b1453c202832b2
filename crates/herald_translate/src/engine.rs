//! The seam every engine sits behind.

use async_trait::async_trait;
use herald_domain::Language;

/// A translation direction.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pair {
    /// Source language.
    pub from: Language,
    /// Target language.
    pub to: Language,
}

impl Pair {
    /// The pair `from` → `to`.
    #[must_use]
    pub const fn new(from: Language, to: Language) -> Self {
        Self { from, to }
    }
}

impl std::fmt::Display for Pair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.from, self.to)
    }
}

/// What an engine does with markup in a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// Inline HTML tags (and `<var>` placeholders) pass through in place.
    Html,
    /// Plain text only: the caller turns tags into something the engine keeps.
    Plain,
}

/// Why an engine could not translate a batch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// The engine cannot serve this pair here (not installed, no model); retrying will not help.
    #[error("{0}")]
    Unavailable(String),
    /// A failure that may pass (a crash, a timeout, a busy server).
    #[error("{0}")]
    Failed(String),
    /// The engine answered something unusable (a different number of segments).
    #[error("{0}")]
    BadOutput(String),
}

/// An engine: turns batches of segments from one language into another.
///
/// A segment is a sentence or a short block as an HTML fragment with inline tags only
/// (`<a>`, `<em>`, …) and placeholders `<var>N</var>` that must come back unchanged.
#[async_trait]
pub trait Translator: Send + Sync {
    /// The engine's name as configured and listed (`apertium`).
    fn name(&self) -> &str;

    /// The pairs it serves on this machine.
    fn pairs(&self) -> Vec<Pair>;

    /// The model and its version for a pair (`eng-spa 0.8.1`): part of memory keys and
    /// provenance, so a new model never answers from an old model's memory.
    fn model(&self, pair: &Pair) -> Option<String>;

    /// What it does with markup.
    fn markup(&self) -> Markup;

    /// Segments per call; the caller splits larger batches.
    fn max_batch(&self) -> usize;

    /// Translates `segments`, one output per input, in order.
    async fn translate(&self, pair: &Pair, segments: &[String])
    -> Result<Vec<String>, EngineError>;

    /// Translates `segments` knowing the glossary terms they contain, as (source term, target
    /// form) pairs. The terms are already placeholders in the segments, so an engine needs
    /// them only as context (a language model's prompt); by default they are ignored.
    async fn translate_with_glossary(
        &self,
        pair: &Pair,
        segments: &[String],
        glossary: &[(String, String)],
    ) -> Result<Vec<String>, EngineError> {
        let _ = glossary;
        self.translate(pair, segments).await
    }
}
