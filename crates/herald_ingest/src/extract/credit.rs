//! Photo credits inside captions.
//!
//! Outlets write the photographer or agency into the caption itself: "Cầu mới. Ảnh: Nguyễn
//! Văn A", "Bridge opens (Photo by Jane Doe)", "عکس: ایسنا", "© Reuters". Herald stores the
//! credit apart from the caption (rights and attribution are shown and checked on their own),
//! so [`split_credit`] cuts it out: at the end or the start of the caption, in parentheses or
//! after a dash. A label only counts where a label can stand — at the start, after
//! punctuation, or capitalised — so "the photo: a bridge" in running text is left alone.

use herald_domain::text::normalize_line;

/// Captions longer than this are prose, not captions with a credit; they are left whole.
const MAX_CAPTION: usize = 4096;

/// The longest credit accepted, in characters; anything longer is caption text.
const MAX_CREDIT_CHARS: usize = 160;

/// Labels that introduce a credit, lower-cased. A trailing `:` means the label needs a colon
/// (with or without a space before it, as French writes it); others stand alone.
const LABELS: &[&str] = &[
    // English
    "photo credit:",
    "photo credits:",
    "image credit:",
    "picture credit:",
    "photographs:",
    "photograph:",
    "photos:",
    "photo:",
    "pictures:",
    "picture:",
    "images:",
    "image:",
    "credits:",
    "credit:",
    "source:",
    "illustration:",
    "photograph by",
    "photographed by",
    "photos by",
    "photo by",
    "picture by",
    "image by",
    "illustration by",
    // Vietnamese
    "ảnh minh họa:",
    "ảnh minh hoạ:",
    "nguồn ảnh:",
    "ảnh:",
    "ảnh -",
    "nguồn:",
    "đồ họa:",
    // Persian and Arabic
    "منبع عکس:",
    "عکس از",
    "عکس:",
    "عکاس:",
    "منبع:",
    "الصورة:",
    "صورة:",
    "تصوير:",
    "المصدر:",
    // Russian
    "фотография:",
    "фото:",
    "источник:",
    // German, Spanish, Italian, Portuguese
    "foto:",
    "fotos:",
    "bild:",
    "bilder:",
    "quelle:",
    "fuente:",
    "imagen:",
    "foto di",
    // French
    "crédit photo:",
    "crédits photo:",
    "crédits:",
    "crédit:",
    "photo d'illustration:",
    "légende:",
];

/// Splits a caption into its text and its credit, when it has one:
/// `"Cầu mới. Ảnh: Nguyễn Văn A"` → `("Cầu mới.", Some("Nguyễn Văn A"))`. The caption comes
/// back normalised to one line; without a credit it is all caption.
#[must_use]
pub(crate) fn split_credit(caption: &str) -> (String, Option<String>) {
    let text = normalize_line(caption);
    if text.is_empty() || text.len() > MAX_CAPTION {
        return (text, None);
    }
    if let Some(split) = parenthesised(&text)
        .or_else(|| labelled(&text))
        .or_else(|| copyright(&text))
    {
        return split;
    }
    (text, None)
}

/// `Bridge opens (Photo by Jane Doe)`, `(Ảnh: A)` at the end.
fn parenthesised(text: &str) -> Option<(String, Option<String>)> {
    let body = text.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let inner = body[open + 1..].trim();
    let credit = label_at(inner, 0)
        .map(|end| inner[end..].trim())
        .or_else(|| strip_copyright(inner))?;
    let credit = clean_credit(credit)?;
    Some((clean_caption(&body[..open]), Some(credit)))
}

/// A label at the start, or after a sentence or a separator, with the credit after it.
fn labelled(text: &str) -> Option<(String, Option<String>)> {
    let (start, end) = text
        .char_indices()
        .filter(|(i, _)| at_label_boundary(text, *i))
        .find_map(|(i, _)| label_at(text, i).map(|end| (i, end)))?;
    let rest = &text[end..];
    let stop = credit_end(rest);
    let credit = clean_credit(&rest[..stop])?;
    let before = clean_caption(&text[..start]);
    let after = clean_caption(&rest[stop..]);
    let caption = match (before.is_empty(), after.is_empty()) {
        (false, false) => format!("{before} {after}"),
        (false, true) => before,
        _ => after,
    };
    Some((caption, Some(credit)))
}

/// `… © Reuters 2026`, `©AFP`.
fn copyright(text: &str) -> Option<(String, Option<String>)> {
    let at = text.find('©')?;
    let credit = clean_credit(&text[at + '©'.len_utf8()..])?;
    Some((clean_caption(&text[..at]), Some(credit)))
}

fn strip_copyright(s: &str) -> Option<&str> {
    s.strip_prefix('©')
        .or_else(|| s.strip_prefix("(c)"))
        .or_else(|| s.strip_prefix("(C)"))
}

/// Whether a label may start at byte `i`: at the start, after an opening or separating
/// punctuation mark, or capitalised after a space (so "the photo: a bridge" is not a credit).
fn at_label_boundary(text: &str, i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let before = text[..i].trim_end();
    let Some(prev) = before.chars().next_back() else {
        return true;
    };
    if before.len() == i {
        // Glued to the previous character: only after an opening bracket or a slash.
        return matches!(prev, '(' | '[' | '/' | '|');
    }
    if matches!(
        prev,
        '.' | '!'
            | '?'
            | '…'
            | '-'
            | '–'
            | '—'
            | '|'
            | '/'
            | '('
            | '['
            | ','
            | ';'
            | '"'
            | '”'
            | '»'
            | '·'
            | '•'
            | '،'
            | '؛'
            | '。'
    ) {
        return true;
    }
    // After a space, a capitalised label, or one in a script without case.
    text[i..]
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()))
}

/// The byte index after a label starting at `i`, if one does (and its colon, when it takes
/// one); spaces in a label match any run of spaces, and a space may precede the colon.
fn label_at(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i..];
    LABELS.iter().find_map(|label| {
        let (words, colon) = match label.strip_suffix(':') {
            Some(words) => (words, true),
            None => (*label, false),
        };
        let mut end = match_ignoring_case(rest, words)?;
        if colon {
            let after = &rest[end..];
            let trimmed = after.trim_start();
            let colon_len = if trimmed.starts_with(':') {
                1
            } else if trimmed.starts_with('：') {
                '：'.len_utf8()
            } else {
                return None;
            };
            end += after.len() - trimmed.len() + colon_len;
        } else if rest[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric())
        {
            // "Photo bylines" is not "Photo by".
            return None;
        }
        Some(i + end)
    })
}

/// The byte length of the prefix of `s` that spells `pattern` (lower case) ignoring case.
fn match_ignoring_case(s: &str, pattern: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    for p in pattern.chars() {
        let (_, c) = chars.next()?;
        let same = c == p || c.to_lowercase().eq(p.to_lowercase());
        if !same {
            return None;
        }
    }
    Some(chars.next().map_or(s.len(), |(i, _)| i))
}

/// Where a credit that starts a caption ends: at a sentence end (not after an initial, as in
/// "J. Smith"), a spaced dash or bar, or the end.
fn credit_end(rest: &str) -> usize {
    let mut prev_word_len = 0usize;
    let mut iter = rest.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|(_, n)| *n);
        match c {
            '.' | '!' | '?' | '。' => {
                let spaced = next.is_some_and(char::is_whitespace);
                if spaced && prev_word_len > 1 {
                    let tail = rest[i + c.len_utf8()..].trim_start();
                    if tail
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_uppercase() || !n.is_lowercase())
                    {
                        return i + c.len_utf8();
                    }
                }
            }
            '|' => return i,
            '-' | '–' | '—'
                if rest[..i].ends_with(' ') && next.is_some_and(char::is_whitespace) =>
            {
                return i;
            }
            _ => {}
        }
        if c.is_alphanumeric() {
            prev_word_len += 1;
        } else {
            prev_word_len = 0;
        }
    }
    rest.len()
}

/// A credit trimmed of spaces, brackets and a final dot; `None` if empty or too long.
fn clean_credit(s: &str) -> Option<String> {
    let s = s
        .trim()
        .trim_start_matches([':', '-', '–', '—', ' '])
        .trim_end_matches([' ', ')', ']', '.', ','])
        .trim();
    let chars = s.chars().count();
    (chars > 0 && chars <= MAX_CREDIT_CHARS && s.chars().any(char::is_alphanumeric))
        .then(|| s.to_owned())
}

/// A caption trimmed of the separators that stood between it and its credit.
fn clean_caption(s: &str) -> String {
    s.trim()
        .trim_end_matches([
            ' ', '-', '–', '—', '|', '/', '(', '[', ',', ';', ':', '•', '·',
        ])
        .trim_start_matches([
            ' ', '-', '–', '—', '|', '/', ')', ']', ',', ';', ':', '•', '·',
        ])
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> (String, Option<String>) {
        split_credit(s)
    }

    fn yes(caption: &str, credit: &str) -> (String, Option<String>) {
        (caption.to_owned(), Some(credit.to_owned()))
    }

    #[test]
    fn vietnamese_credits_at_the_end_are_cut_out() {
        assert_eq!(
            split("Cầu mới. Ảnh: Nguyễn Văn A"),
            yes("Cầu mới.", "Nguyễn Văn A")
        );
        assert_eq!(
            split("Cầu mới - Ảnh minh họa: Internet"),
            yes("Cầu mới", "Internet")
        );
        assert_eq!(
            split("Cầu mới. Nguồn ảnh: VnExpress"),
            yes("Cầu mới.", "VnExpress")
        );
        assert_eq!(split("Cầu mới (Ảnh: TTXVN)"), yes("Cầu mới", "TTXVN"));
    }

    #[test]
    fn english_credits_take_colons_by_and_parentheses() {
        assert_eq!(
            split("Whales on the beach. Photograph: Jane Doe/AFP/Getty Images"),
            yes("Whales on the beach.", "Jane Doe/AFP/Getty Images")
        );
        assert_eq!(
            split("The bridge opens (Photo by J. Smith)"),
            yes("The bridge opens", "J. Smith")
        );
        assert_eq!(
            split("The bridge opens. Credit: Reuters"),
            yes("The bridge opens.", "Reuters")
        );
        assert_eq!(
            split("Photo: AP. The bridge opens."),
            yes("The bridge opens.", "AP")
        );
        assert_eq!(split("Photo: J. Smith"), yes("", "J. Smith"));
        assert_eq!(
            split("The bridge opens | Photo by Jane Doe"),
            yes("The bridge opens", "Jane Doe")
        );
    }

    #[test]
    fn credits_in_arabic_and_persian_script_are_cut_out() {
        assert_eq!(split("پل جدید. عکس: ایسنا"), yes("پل جدید.", "ایسنا"));
        assert_eq!(
            split("پل جدید - عکاس: علی رضایی"),
            yes("پل جدید", "علی رضایی")
        );
        assert_eq!(
            split("الجسر الجديد. صورة: رويترز"),
            yes("الجسر الجديد.", "رويترز")
        );
    }

    #[test]
    fn credits_in_cyrillic_german_and_french_are_cut_out() {
        assert_eq!(split("Новый мост. Фото: ТАСС"), yes("Новый мост.", "ТАСС"));
        assert_eq!(
            split("Die neue Brücke. Foto: dpa"),
            yes("Die neue Brücke.", "dpa")
        );
        assert_eq!(
            split("Die neue Brücke. Bild: Keystone"),
            yes("Die neue Brücke.", "Keystone")
        );
        assert_eq!(
            split("Le nouveau pont. Crédit : AFP"),
            yes("Le nouveau pont.", "AFP")
        );
        assert_eq!(
            split("Le nouveau pont. Photo : AFP"),
            yes("Le nouveau pont.", "AFP")
        );
    }

    #[test]
    fn copyright_signs_mark_a_credit() {
        assert_eq!(
            split("The bridge opens © Reuters 2026"),
            yes("The bridge opens", "Reuters 2026")
        );
        assert_eq!(
            split("The bridge opens (© AFP)"),
            yes("The bridge opens", "AFP")
        );
    }

    #[test]
    fn captions_without_a_credit_stay_whole() {
        for s in [
            "The bridge opens on Monday.",
            "A photo: the bridge at night",
            "Photographers gather on the bridge",
            "Photo",
            "",
        ] {
            assert_eq!(split(s), (s.to_owned(), None), "{s}");
        }
        let long = "Photo: ".repeat(2000);
        assert_eq!(split(&long).1, None);
    }

    #[test]
    fn arbitrary_captions_never_panic() {
        const PIECES: &[&str] = &[
            "Photo", "Ảnh", "عکس", ":", " : ", "(", ")", "©", " - ", ".", " ", "J.", "İ", "K",
            "by", "Фото", "Crédit", "x", "\u{0301}", "|", "—",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..5_000 {
            let mut s = String::new();
            for _ in 0..(state % 20) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let i = usize::try_from(state % PIECES.len() as u64).unwrap_or(0);
                s.push_str(PIECES[i]);
            }
            let (caption, credit) = split_credit(&s);
            assert!(caption.len() <= s.len() + 1, "{s:?}");
            assert!(credit.is_none_or(|c| !c.is_empty()), "{s:?}");
        }
    }
}
