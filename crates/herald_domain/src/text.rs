//! Text normalisation applied to everything Herald stores.
//!
//! NFC, not NFKC: compatibility folding would rewrite Persian presentation forms and
//! full-width CJK punctuation that authors chose. U+200C ZERO WIDTH NON-JOINER and U+200D
//! ZERO WIDTH JOINER are letters' business in Persian, Kurdish and Indic scripts
//! ("نتیجه‌گیری" is not "نتیجهگیری"), so they survive; other invisible control characters that
//! only arrive through copy and paste or hostile input are removed.

use unicode_normalization::UnicodeNormalization;

/// ZERO WIDTH NON-JOINER, needed by Persian orthography.
pub const ZWNJ: char = '\u{200C}';

/// Normalises text to NFC, unifies line breaks to `\n`, and drops control and
/// format characters that carry no meaning in running text (NUL, BOM, bidi overrides),
/// keeping ZWNJ and ZWJ.
#[must_use]
pub fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|&c| keeps(c))
        .nfc()
        .collect()
}

/// Normalises a one-line value (a title, a name): as [`normalize`], with runs of whitespace
/// collapsed to one space and the ends trimmed.
#[must_use]
pub fn normalize_line(text: &str) -> String {
    normalize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn keeps(c: char) -> bool {
    match c {
        '\n' | '\t' => true,
        '\u{200C}' | '\u{200D}' => true,
        // Bidi embeddings/overrides/isolates and the BOM can reorder or hide text; the
        // templates isolate mixed-direction text themselves.
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{200B}' => false,
        c => !c.is_control(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_zero_width_non_joiner_in_persian() {
        let word = "نتیجه\u{200C}گیری";
        assert_eq!(normalize(word), word);
        assert_eq!(normalize_line(&format!("  {word}  ")), word);
        assert!(normalize(word).contains(ZWNJ));
    }

    #[test]
    fn composes_vietnamese_to_nfc() {
        let decomposed = "Ho\u{0302}\u{0323}i nghi\u{0323}";
        assert_eq!(normalize(decomposed), "Hội nghị");
    }

    #[test]
    fn drops_control_and_bidi_override_characters() {
        assert_eq!(normalize("a\u{0000}b\u{202E}c\u{FEFF}"), "abc");
        assert_eq!(normalize("line\r\nnext\rlast"), "line\nnext\nlast");
    }

    #[test]
    fn collapses_whitespace_in_one_line_values() {
        assert_eq!(
            normalize_line(" Hội   nghị\n toàn quốc "),
            "Hội nghị toàn quốc"
        );
    }
}
