//! Values kept once per language: names, captions, credits.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Language;

/// A value per language, with lookup that falls back through a preference list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Localized<T>(BTreeMap<Language, T>);

impl<T> Default for Localized<T> {
    fn default() -> Self {
        Self(BTreeMap::new())
    }
}

impl<T> Localized<T> {
    /// An empty set of values.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the value for one language, replacing any earlier one.
    pub fn insert(&mut self, language: Language, value: T) {
        self.0.insert(language, value);
    }

    /// The value in exactly this language.
    #[must_use]
    pub fn get(&self, language: &Language) -> Option<&T> {
        self.0.get(language)
    }

    /// The value in this language, else in the first of `fallbacks` that has one, else any.
    /// `None` only when there is no value at all.
    #[must_use]
    pub fn best(&self, language: &Language, fallbacks: &[Language]) -> Option<(&Language, &T)> {
        std::iter::once(language)
            .chain(fallbacks)
            .find_map(|l| self.0.get_key_value(l))
            .or_else(|| self.0.iter().next())
    }

    /// The languages that have a value, in tag order.
    pub fn languages(&self) -> impl Iterator<Item = &Language> {
        self.0.keys()
    }

    /// Every (language, value) pair, in tag order.
    pub fn iter(&self) -> impl Iterator<Item = (&Language, &T)> {
        self.0.iter()
    }

    /// Whether no language has a value.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T> FromIterator<(Language, T)> for Localized<T> {
    fn from_iter<I: IntoIterator<Item = (Language, T)>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}
