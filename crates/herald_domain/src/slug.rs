//! URL slugs per language.
//!
//! Latin-script languages get ASCII slugs: diacritics are removed after canonical
//! decomposition, and the letters that do not decompose are spelled out (`đ` → `d`,
//! `ß` → `ss`, `ø` → `o`), so "Hội nghị toàn quốc về đối ngoại" becomes
//! `hoi-nghi-toan-quoc-ve-doi-ngoai`. Other scripts keep their letters (a Persian reader's
//! URL is in Persian); only separators and punctuation become `-`. A slug is never empty.

use std::fmt;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::Language;

/// A URL path segment naming something in one language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Slug(String);

/// Longest slug in characters; long titles are cut at a word boundary.
pub const MAX_SLUG_CHARS: usize = 80;

/// Slug used when a title has no letters or digits at all (say, only emoji).
const EMPTY_FALLBACK: &str = "n";

impl Slug {
    /// Makes the slug for a title in a language.
    #[must_use]
    pub fn from_title(title: &str, language: &Language) -> Self {
        let ascii = language.uses_latin_script();
        let mut out = String::with_capacity(title.len());
        let mut pending_dash = false;
        for c in title.nfc() {
            let emit = |s: char, out: &mut String, pending: &mut bool| {
                if *pending && !out.is_empty() {
                    out.push('-');
                }
                *pending = false;
                out.push(s);
            };
            if ascii {
                if let Some(spelled) = spell_out(c) {
                    if spelled == "-" {
                        pending_dash = true;
                    }
                    for s in spelled.chars().filter(|&s| s != '-') {
                        emit(s, &mut out, &mut pending_dash);
                    }
                    continue;
                }
                let mut any = false;
                for d in c.nfd() {
                    if d.is_ascii_alphanumeric() {
                        emit(d.to_ascii_lowercase(), &mut out, &mut pending_dash);
                        any = true;
                    } else if is_combining_mark(d) {
                        any = true;
                    }
                }
                if !any {
                    pending_dash = true;
                }
            } else if c.is_alphanumeric() || is_combining_mark(c) {
                for l in c.to_lowercase() {
                    emit(l, &mut out, &mut pending_dash);
                }
            } else {
                // ZWNJ included: inside a URL it is invisible and easily lost when copied.
                pending_dash = true;
            }
        }
        Self(truncate_at_dash(out))
    }

    /// Accepts an existing slug (from storage or a URL) if it has the shape Herald makes:
    /// lowercase letters, digits and combining marks separated by single dashes.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let ok = !s.is_empty()
            && s.chars().count() <= MAX_SLUG_CHARS + 8
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--")
            && s.chars().all(|c| {
                c == '-'
                    || c.is_ascii_digit()
                    || c.is_ascii_lowercase()
                    || (!c.is_ascii()
                        && (c.is_alphanumeric() || is_combining_mark(c))
                        && !c.is_uppercase())
            });
        ok.then(|| Self(s.to_owned()))
    }

    /// This slug with a numeric suffix, to make it unique: `hue-2`.
    #[must_use]
    pub fn with_suffix(&self, n: u32) -> Self {
        Self(format!("{}-{n}", self.0))
    }

    /// The slug as it appears in URLs (not percent-encoded).
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Latin letters that carry no decomposition to a base letter.
fn spell_out(c: char) -> Option<&'static str> {
    Some(match c {
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        'ŧ' | 'Ŧ' => "t",
        'ŋ' | 'Ŋ' => "ng",
        '&' => "-",
        _ => return None,
    })
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8 | 0x06EA..=0x06ED
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0x3099..=0x309A | 0xFE20..=0xFE2F)
}

fn truncate_at_dash(slug: String) -> String {
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        return EMPTY_FALLBACK.to_owned();
    }
    if slug.chars().count() <= MAX_SLUG_CHARS {
        return slug.to_owned();
    }
    let cut: String = slug.chars().take(MAX_SLUG_CHARS).collect();
    match cut.rfind('-') {
        Some(i) if i > 0 => cut[..i].to_owned(),
        _ => cut,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(title: &str, lang: &str) -> String {
        Slug::from_title(title, &Language::parse(lang).unwrap()).to_string()
    }

    #[test]
    fn folds_vietnamese_to_ascii() {
        assert_eq!(
            slug("Hội nghị toàn quốc về đối ngoại", "vi"),
            "hoi-nghi-toan-quoc-ve-doi-ngoai"
        );
        assert_eq!(
            slug("ĐÀ NẴNG: Đường hoa Xuân 2027!", "vi"),
            "da-nang-duong-hoa-xuan-2027"
        );
        assert_eq!(slug("Thông tin đối ngoại", "vi"), "thong-tin-doi-ngoai");
    }

    #[test]
    fn folds_other_latin_languages() {
        assert_eq!(slug("Straße & Café — Ærø", "de"), "strasse-cafe-aero");
        assert_eq!(
            slug("  Tết in Huế: lanterns, rice & river  ", "en"),
            "tet-in-hue-lanterns-rice-river"
        );
        assert_eq!(slug("Łódź", "pl"), "lodz");
    }

    #[test]
    fn keeps_letters_of_other_scripts() {
        assert_eq!(slug("نتیجه‌گیری نشست هانوی", "fa"), "نتیجه-گیری-نشست-هانوی");
        assert_eq!(slug("مؤتمر «هانوي» ٢٠٢٦", "ar"), "مؤتمر-هانوي-٢٠٢٦");
        assert_eq!(slug("Новости Ханоя", "ru"), "новости-ханоя");
        assert_eq!(slug("河内：文化遗产", "zh-Hans"), "河内-文化遗产");
    }

    #[test]
    fn is_never_empty() {
        assert_eq!(slug("", "en"), "n");
        assert_eq!(slug("!!! 🎉 ???", "vi"), "n");
        assert_eq!(slug("«»", "fa"), "n");
    }

    #[test]
    fn cuts_long_titles_at_a_word_boundary() {
        let long = "word ".repeat(40);
        let s = slug(&long, "en");
        assert!(s.len() <= MAX_SLUG_CHARS);
        assert!(s.ends_with("word"));
    }

    #[test]
    fn accepts_only_slug_shaped_strings() {
        assert!(Slug::parse("hoi-nghi-2").is_some());
        assert!(Slug::parse("نتیجه-گیری").is_some());
        for bad in [
            "", "-a", "a-", "a--b", "A", "a b", "a/b", "a%20b", "..", "a.b",
        ] {
            assert!(Slug::parse(bad).is_none(), "{bad} accepted");
        }
    }

    #[test]
    fn made_slugs_parse_back() {
        for (t, l) in [
            ("Hội nghị", "vi"),
            ("نتیجه‌گیری", "fa"),
            ("Новости", "ru"),
            ("x", "en"),
        ] {
            let s = Slug::from_title(t, &Language::parse(l).unwrap());
            assert_eq!(Slug::parse(s.as_str()), Some(s));
        }
    }
}
