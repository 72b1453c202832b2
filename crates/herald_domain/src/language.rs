//! `Language`: a validated, canonically cased BCP 47 tag (`vi`, `fa`, `zh-Hans`, `pt-BR`).
//!
//! Herald compares, stores and puts tags in URLs as they come out of [`Language::parse`], so
//! `ZH-hans` and `zh-Hans` are one language. The checks follow the `langtag` production of
//! RFC 5646 (language, extlang, script, region, variants, extensions, private use); grandfathered
//! tags are refused since no newsroom needs them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A content language or an interface locale, as a canonical BCP 47 tag.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Language(String);

/// Why a string is not a usable language tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LanguageError {
    /// The tag is empty.
    #[error("empty language tag")]
    Empty,
    /// The tag is longer than any real tag needs to be.
    #[error("language tag is too long ({0} characters)")]
    TooLong(usize),
    /// A subtag does not fit BCP 47.
    #[error("'{tag}' is not a BCP 47 language tag: bad subtag '{subtag}'")]
    BadSubtag {
        /// The whole tag as given.
        tag: String,
        /// The first subtag that does not fit.
        subtag: String,
    },
}

/// Writing direction of a language's script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

impl Direction {
    /// The value of the HTML `dir` attribute.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Ltr => "ltr",
            Self::Rtl => "rtl",
        }
    }
}

/// Primary subtags whose default script is written right to left.
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "prs", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// Scripts written right to left, for tags that name their script.
const RTL_SCRIPTS: &[&str] = &[
    "Adlm", "Arab", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi",
];

/// Primary subtags whose default script is not Latin: slugs keep their letters.
const NON_LATIN_LANGUAGES: &[&str] = &[
    "am", "ar", "as", "be", "bg", "bn", "bo", "ckb", "dv", "el", "fa", "gu", "he", "hi", "hy",
    "ja", "ka", "kk", "km", "kn", "ko", "ky", "lo", "mk", "ml", "mn", "mr", "my", "ne", "or", "pa",
    "ps", "ru", "sa", "sd", "si", "sr", "ta", "te", "tg", "th", "ti", "uk", "ur", "yi", "zh",
];

/// Longest tag accepted; real tags are far shorter, and the bound keeps hostile input cheap.
const MAX_TAG_LEN: usize = 64;

impl Language {
    /// Parses and canonicalises a BCP 47 tag: `EN-us` → `en-US`, `zh-hans` → `zh-Hans`;
    /// `_` is accepted as a separator.
    pub fn parse(tag: &str) -> Result<Self, LanguageError> {
        let tag = tag.trim();
        if tag.is_empty() {
            return Err(LanguageError::Empty);
        }
        if tag.len() > MAX_TAG_LEN {
            return Err(LanguageError::TooLong(tag.len()));
        }
        let bad = |subtag: &str| LanguageError::BadSubtag {
            tag: tag.to_owned(),
            subtag: subtag.to_owned(),
        };
        let subtags: Vec<&str> = tag.split(['-', '_']).collect();
        let mut out: Vec<String> = Vec::with_capacity(subtags.len());
        let mut i = 0;

        let primary = subtags[0];
        if !(is_alpha(primary) && (2..=8).contains(&primary.len()) && primary.len() != 4) {
            return Err(bad(primary));
        }
        out.push(primary.to_ascii_lowercase());
        i += 1;
        // Up to three extended language subtags, only after a 2–3 letter primary.
        let mut extlangs = 0;
        while primary.len() <= 3
            && extlangs < 3
            && subtags.get(i).is_some_and(|s| s.len() == 3 && is_alpha(s))
        {
            out.push(subtags[i].to_ascii_lowercase());
            i += 1;
            extlangs += 1;
        }
        if let Some(s) = subtags.get(i).filter(|s| s.len() == 4 && is_alpha(s)) {
            let mut script = s.to_ascii_lowercase();
            script[..1].make_ascii_uppercase();
            out.push(script);
            i += 1;
        }
        if let Some(s) = subtags
            .get(i)
            .filter(|s| (s.len() == 2 && is_alpha(s)) || (s.len() == 3 && is_digit(s)))
        {
            out.push(s.to_ascii_uppercase());
            i += 1;
        }
        while let Some(s) = subtags.get(i).filter(|s| is_variant(s)) {
            out.push(s.to_ascii_lowercase());
            i += 1;
        }
        // Extensions (`u-ca-persian`) and private use (`x-…`): singleton then 2–8 (1–8) alnum.
        while let Some(singleton) = subtags.get(i) {
            if singleton.len() != 1 || !is_alnum(singleton) {
                return Err(bad(singleton));
            }
            let private = singleton.eq_ignore_ascii_case("x");
            out.push(singleton.to_ascii_lowercase());
            i += 1;
            let min = if private { 1 } else { 2 };
            let start = i;
            while let Some(s) = subtags
                .get(i)
                .filter(|s| (min..=8).contains(&s.len()) && is_alnum(s))
            {
                out.push(s.to_ascii_lowercase());
                i += 1;
            }
            if i == start {
                return Err(bad(singleton));
            }
            if private && let Some(rest) = subtags.get(i) {
                return Err(bad(rest));
            }
        }
        Ok(Self(out.join("-")))
    }

    /// The canonical tag, as used in URLs, `lang` attributes and storage.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag: `zh` for `zh-Hans`.
    #[must_use]
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// The script subtag, if the tag names one (`Hans` in `zh-Hans`).
    #[must_use]
    pub fn script(&self) -> Option<&str> {
        self.0
            .split('-')
            .skip(1)
            .take_while(|s| s.len() != 1)
            .find(|s| s.len() == 4 && is_alpha(s))
    }

    /// The writing direction: from the script if the tag names one, else from the language.
    #[must_use]
    pub fn direction(&self) -> Direction {
        let rtl = match self.script() {
            Some(script) => RTL_SCRIPTS.contains(&script),
            None => RTL_LANGUAGES.contains(&self.primary()),
        };
        if rtl { Direction::Rtl } else { Direction::Ltr }
    }

    /// Whether the language is written in the Latin script, so its slugs are folded to ASCII.
    #[must_use]
    pub fn uses_latin_script(&self) -> bool {
        match self.script() {
            Some(script) => script == "Latn",
            None => !NON_LATIN_LANGUAGES.contains(&self.primary()),
        }
    }

    /// The tags to try, most specific first: `zh-Hant-TW` → `zh-Hant-TW`, `zh-Hant`, `zh`.
    #[must_use]
    pub fn truncations(&self) -> Vec<Language> {
        let parts: Vec<&str> = self.0.split('-').collect();
        (1..=parts.len())
            .rev()
            // A truncation ending in a singleton (`fa-u`) is not a tag.
            .filter(|&n| parts[n - 1].len() > 1)
            .map(|n| Language(parts[..n].join("-")))
            .collect()
    }
}

fn is_alpha(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphabetic())
}

fn is_digit(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_alnum(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn is_variant(s: &str) -> bool {
    is_alnum(s)
        && ((5..=8).contains(&s.len()) || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit()))
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Language {
    type Err = LanguageError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl AsRef<str> for Language {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Language {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(s: &str) -> Language {
        Language::parse(s).unwrap()
    }

    #[test]
    fn canonicalises_case_and_separators() {
        assert_eq!(lang("EN_us").as_str(), "en-US");
        assert_eq!(lang("zh-hans").as_str(), "zh-Hans");
        assert_eq!(lang("sr-latn-rs").as_str(), "sr-Latn-RS");
        assert_eq!(lang("es-419").as_str(), "es-419");
        assert_eq!(lang("fa-IR-u-ca-Persian").as_str(), "fa-IR-u-ca-persian");
    }

    #[test]
    fn refuses_what_is_not_a_tag() {
        for bad in [
            "",
            "e",
            "en-toolongsubtag",
            "en-",
            "en--US",
            "1a",
            "fa-u",
            "en-US-x",
            "a-b",
            "../etc",
        ] {
            assert!(Language::parse(bad).is_err(), "{bad} accepted");
        }
        assert!(matches!(
            Language::parse(&"a".repeat(100)),
            Err(LanguageError::TooLong(100))
        ));
    }

    #[test]
    fn knows_direction_from_language_or_script() {
        assert_eq!(lang("fa").direction(), Direction::Rtl);
        assert_eq!(lang("ar-EG").direction(), Direction::Rtl);
        assert_eq!(lang("vi").direction(), Direction::Ltr);
        assert_eq!(lang("zh-Hans").direction(), Direction::Ltr);
        assert_eq!(lang("az-Arab").direction(), Direction::Rtl);
        assert_eq!(lang("ku-Latn").direction(), Direction::Ltr);
    }

    #[test]
    fn knows_which_languages_use_latin_script() {
        assert!(lang("vi").uses_latin_script());
        assert!(lang("en").uses_latin_script());
        assert!(lang("sr-Latn").uses_latin_script());
        assert!(!lang("fa").uses_latin_script());
        assert!(!lang("ru").uses_latin_script());
        assert!(!lang("zh-Hans").uses_latin_script());
        assert!(!lang("ar").uses_latin_script());
    }

    #[test]
    fn truncates_for_fallback() {
        let tags: Vec<String> = lang("zh-Hant-TW")
            .truncations()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(tags, ["zh-Hant-TW", "zh-Hant", "zh"]);
    }

    #[test]
    fn round_trips_through_serde() {
        let json = serde_json::to_string(&lang("zh-Hans")).unwrap();
        assert_eq!(json, "\"zh-Hans\"");
        let back: Language = serde_json::from_str("\"ZH-HANS\"").unwrap();
        assert_eq!(back, lang("zh-Hans"));
        assert!(serde_json::from_str::<Language>("\"no such\"").is_err());
    }
}
