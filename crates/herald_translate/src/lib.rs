//! Machine translation of content, engine-independent: articles are cut into segments (blocks,
//! then sentences) whose inline markup survives and whose numbers, addresses, codes and
//! glossary terms are protected by placeholders; a [`Translator`] engine turns batches of
//! segments into another language; the result is put back together as sanitised HTML and
//! checked (markup, placeholders, numbers across digit systems, script, length, glossary).
//! Memory keys make a repeated segment an exact lookup. Engines are the only I/O here (a child
//! process for Apertium); the store and the jobs live elsewhere.
#![warn(missing_docs)]

pub mod apertium;
pub mod engine;
pub mod engines;
pub mod evaluate;
pub mod http;
pub mod libretranslate;
pub mod openai;

pub use apertium::Apertium;
pub use engine::{EngineError, Markup, Pair, Translator};
pub use engines::{Engines, PairStatus, Pivot, Serving, TranslateSettings};
pub use evaluate::{Evaluation, evaluate};
pub use libretranslate::LibreTranslate;
pub use openai::{OpenAi, OpenAiSettings};
pub mod glossary;
pub mod memory;
pub mod models;
#[cfg(feature = "neural")]
pub mod neural;
pub mod protect;
pub mod qa;
pub mod segment;
pub mod subtitles;

pub use memory::memory_key;
pub use segment::{Assembled, Document, Segment, Segmented, split};
