//! Translation-memory keys: a segment translated once by an engine and model for a pair is
//! looked up, not translated again.
//!
//! The key is the lowercase hex SHA-256 of a length-prefixed encoding of, in order: a format
//! tag (`herald-mt-memory-v1`), the engine name, the model (with its version), the source
//! language tag, the target language tag, the normalised segment and the segment's glossary
//! fingerprint ([`crate::glossary::fingerprint`]). Each part is written as its UTF-8 length (8
//! bytes, little-endian) then its bytes, so no choice of parts can collide with another by
//! moving a separator ("ab"+"c" and "a"+"bc" differ).
//!
//! The segment is the engine's form ([`crate::segment::Segment::text`]): numbers, addresses,
//! codes and glossary terms are `<var>N</var>` placeholders and inline tags are numbered
//! stand-ins, so "3,500 people" and "4,200 people" share one entry, and so do two links with
//! different addresses. It is normalised with [`normalize`] (NFC, whitespace collapsed,
//! trimmed) so that re-wrapped source HTML still hits. Changing the format means a new tag,
//! which simply starts a fresh memory.

use sha2::{Digest, Sha256};

use crate::Pair;

/// Tag of the key format, hashed first.
const FORMAT: &str = "herald-mt-memory-v1";

/// The segment as keys see it: NFC, runs of whitespace as one space, trimmed.
#[must_use]
pub fn normalize(segment_text: &str) -> String {
    herald_domain::text::normalize_line(segment_text)
}

/// The memory key of `segment_text` translated by `engine`'s `model` for `pair`, under the
/// glossary entries summarised by `glossary_fingerprint`. See the module docs for the encoding.
#[must_use]
pub fn memory_key(
    engine: &str,
    model: &str,
    pair: &Pair,
    segment_text: &str,
    glossary_fingerprint: &str,
) -> String {
    let segment = normalize(segment_text);
    let mut hasher = Sha256::new();
    for part in [
        FORMAT,
        engine,
        model,
        pair.from.as_str(),
        pair.to.as_str(),
        &segment,
        glossary_fingerprint,
    ] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hex(&hasher.finalize())
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use herald_domain::Language;

    use super::*;

    fn pair(from: &str, to: &str) -> Pair {
        Pair::new(Language::parse(from).unwrap(), Language::parse(to).unwrap())
    }

    #[test]
    fn a_key_is_sixty_four_hex_digits_and_stable() {
        let key = memory_key("apertium", "eng-spa 1.0", &pair("en", "es"), "Hello.", "");
        assert_eq!(key.len(), 64);
        assert!(
            key.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        assert_eq!(
            key,
            memory_key("apertium", "eng-spa 1.0", &pair("en", "es"), "Hello.", "")
        );
    }

    #[test]
    fn whitespace_and_normal_form_do_not_change_the_key() {
        let p = pair("vi", "en");
        let a = memory_key("e", "m", &p, "Hội  nghị\n<var>1</var> ", "f");
        let b = memory_key(
            "e",
            "m",
            &p,
            " Ho\u{0302}\u{0323}i nghi\u{0323} <var>1</var>",
            "f",
        );
        assert_eq!(a, b);
    }

    #[test]
    fn every_part_changes_the_key() {
        let p = pair("en", "es");
        let base = memory_key("e", "m", &p, "s", "f");
        assert_ne!(base, memory_key("e2", "m", &p, "s", "f"));
        assert_ne!(base, memory_key("e", "m2", &p, "s", "f"));
        assert_ne!(base, memory_key("e", "m", &pair("en", "ca"), "s", "f"));
        assert_ne!(base, memory_key("e", "m", &pair("fr", "es"), "s", "f"));
        assert_ne!(base, memory_key("e", "m", &p, "s2", "f"));
        assert_ne!(base, memory_key("e", "m", &p, "s", "f2"));
    }

    #[test]
    fn moving_text_between_parts_changes_the_key() {
        let p = pair("en", "es");
        assert_ne!(
            memory_key("ab", "c", &p, "s", ""),
            memory_key("a", "bc", &p, "s", "")
        );
    }
}
