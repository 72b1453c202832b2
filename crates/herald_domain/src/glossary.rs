//! The newsroom's terminology for machine translation: per language pair, a term is forced to
//! a translation, kept as it is (do-not-translate), or is a name of a person or place with its
//! form in the target language. The translation engine enforces entries; the admin shows the
//! terms found in a segment; both use this module.

use serde::{Deserialize, Serialize};

use crate::{Language, Timestamp};

/// What an entry asks of the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GlossaryKind {
    /// The term is always translated as the entry's `translation`.
    Forced,
    /// The term is kept as written ("57-KL/TW", a brand).
    DoNotTranslate,
    /// A person's or place's name, with its form in the target language.
    Name,
}

impl GlossaryKind {
    /// Every kind.
    pub const ALL: [Self; 3] = [Self::Forced, Self::DoNotTranslate, Self::Name];

    /// Storage and CSV form.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Forced => "forced",
            Self::DoNotTranslate => "do-not-translate",
            Self::Name => "name",
        }
    }

    /// Reads the storage form.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One glossary entry for a language pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    /// Storage id (0 before it is stored).
    pub id: i64,
    /// Language of the term.
    pub from: Language,
    /// Language of the translation.
    pub to: Language,
    /// The term as written in `from`.
    pub term: String,
    /// Its rendering in `to`: the term itself for do-not-translate entries.
    pub translation: String,
    /// What it asks.
    pub kind: GlossaryKind,
    /// Whether the term matches only with the same letter case (acronyms, codes).
    pub case_sensitive: bool,
    /// A note for translators.
    pub note: String,
    /// Last change.
    pub updated_at: Timestamp,
}
