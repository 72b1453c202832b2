//! Quality checks on machine output, per segment, stored with each translation as
//! [`QaFlag`]s so editors know where to look first.
//!
//! [`check`] compares one segment's source and output (both HTML fragments with the real
//! inline tags, as [`crate::protect::Shield::restore`] gives them):
//! - **markup lost**: an inline tag of the source is missing from the output;
//! - **numbers changed**: the multisets of numbers differ, after mapping Persian `۰–۹` and
//!   Arabic-Indic `٠–٩` digits to ASCII, removing group and decimal marks (`,` `.` `٬` `٫` `'`)
//!   and leading zeros, and reading `/`, `:` and `-` as separating numbers (so `27/11/2026` is
//!   three numbers);
//! - **untranslated**: source and target languages differ but at least 90 % of the output's
//!   letters are in words that also occur in the source (checked from 16 letters on, so a name
//!   alone is not "untranslated");
//! - **wrong script**: under half of the output's letters are in the target's script (Latin
//!   for `vi` or `es`, Arabic for `fa`, Han for `zh`, …), from 10 letters on; languages whose
//!   script Herald does not know are not checked;
//! - **length out of proportion**: for sources of 20 characters or more, output/source
//!   characters outside 0.4–2.5, or 0.12–1.2 into Han, kana or Hangul from other scripts, or
//!   0.8–8 the other way (those scripts need far fewer characters);
//! - **glossary missed**: an expected target form is absent ([`crate::glossary::missed`]).
//!
//! Placeholder integrity (lost, repeated) is reported by the restore step itself. [`merge`]
//! gathers per-segment flags into one list for the version.

use std::borrow::Borrow;
use std::collections::HashMap;

use herald_domain::{Language, QaFlag};

use crate::Pair;
use crate::glossary::{self, Expected};
use crate::protect::{digit_value, is_number_separator};

/// The flags `output` raises as a translation of `source` for `pair`, given the glossary forms
/// the output must contain. Both texts are HTML fragments; see the module docs for the rules.
#[must_use]
pub fn check(source: &str, output: &str, pair: &Pair, expected: &[Expected]) -> Vec<QaFlag> {
    let mut flags = Vec::new();
    if markup_lost(source, output) {
        flags.push(QaFlag::MarkupLost);
    }
    let source_text = visible_text(source);
    let output_text = visible_text(output);
    if numbers(&source_text) != numbers(&output_text) {
        flags.push(QaFlag::NumbersChanged);
    }
    if pair.from.primary() != pair.to.primary() && looks_untranslated(&source_text, &output_text) {
        flags.push(QaFlag::Untranslated);
    }
    if wrong_script(&output_text, &pair.to) {
        flags.push(QaFlag::WrongScript);
    }
    if length_out_of_proportion(&source_text, &output_text, &pair.to) {
        flags.push(QaFlag::LengthOutOfProportion);
    }
    flags.extend(glossary::missed(&output_text, expected));
    flags
}

/// All flags of all segments, each once, in order of first appearance.
#[must_use]
pub fn merge<S, F>(per_segment: S) -> Vec<QaFlag>
where
    S: IntoIterator<Item = F>,
    F: IntoIterator,
    F::Item: Borrow<QaFlag>,
{
    let mut merged: Vec<QaFlag> = Vec::new();
    for flag in per_segment.into_iter().flatten() {
        let flag = flag.borrow();
        if !merged.contains(flag) {
            merged.push(flag.clone());
        }
    }
    merged
}

/// The text of an HTML fragment: tags removed, the common character references decoded.
#[must_use]
pub fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let is_tag = rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
            match rest.find('>') {
                Some(end) if is_tag => rest = &rest[end + 1..],
                _ => {
                    out.push('<');
                    rest = &rest[1..];
                }
            }
            continue;
        }
        let reference = rest
            .get(1..rest.len().min(12))
            .and_then(|r| r.find(';').map(|end| &r[..end]));
        let decoded = reference.and_then(|r| match r {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{A0}'),
            _ => {
                let n = r.strip_prefix('#')?;
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => n.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (decoded, reference) {
            (Some(c), Some(r)) => {
                out.push(c);
                rest = &rest[r.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Start tags by name.
fn start_tags(html: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for (i, _) in html.match_indices('<') {
        let name: String = html[i + 1..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if !name.is_empty() {
            *counts.entry(name.to_ascii_lowercase()).or_insert(0) += 1;
        }
    }
    counts
}

fn markup_lost(source: &str, output: &str) -> bool {
    let output = start_tags(output);
    start_tags(source)
        .iter()
        .any(|(name, n)| output.get(name).copied().unwrap_or(0) < *n)
}

/// The numbers of a text, normalised as the module docs say, sorted.
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    let finish = |current: &mut String, out: &mut Vec<String>| {
        if !current.is_empty() {
            let trimmed = current.trim_start_matches('0');
            out.push(if trimmed.is_empty() { "0" } else { trimmed }.to_owned());
            current.clear();
        }
    };
    while let Some(c) = chars.next() {
        if let Some(d) = digit_value(c) {
            current.push(char::from_digit(d, 10).unwrap_or('0'));
            continue;
        }
        let joins = is_number_separator(c)
            && !current.is_empty()
            && chars.peek().is_some_and(|&n| digit_value(n).is_some());
        if joins && !matches!(c, '/' | ':' | '-') {
            continue;
        }
        finish(&mut current, &mut out);
    }
    finish(&mut current, &mut out);
    out.sort_unstable();
    out
}

/// Lowercased runs of letters (and the marks and joiners inside words).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphabetic() || is_mark_or_joiner(c)))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(str::to_lowercase)
        .collect()
}

fn is_mark_or_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}' | '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}')
}

fn looks_untranslated(source: &str, output: &str) -> bool {
    let source_words: std::collections::HashSet<String> = words(source).into_iter().collect();
    let (mut same, mut total) = (0_usize, 0_usize);
    for word in words(output) {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        total += letters;
        if source_words.contains(&word) {
            same += letters;
        }
    }
    total >= 16 && same * 10 >= total * 9
}

/// Scripts QA tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Han,
    Kana,
    Hangul,
    Devanagari,
    Thai,
    Other,
}

fn script_of(c: char) -> Script {
    match c {
        'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => Script::Latin,
        '\u{0400}'..='\u{052F}' => Script::Cyrillic,
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Script::Greek,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}' => Script::Arabic,
        '\u{0590}'..='\u{05FF}' => Script::Hebrew,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}' => Script::Han,
        '\u{3040}'..='\u{30FF}' => Script::Kana,
        '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' => {
            Script::Hangul
        }
        '\u{0900}'..='\u{097F}' => Script::Devanagari,
        '\u{0E00}'..='\u{0E7F}' => Script::Thai,
        _ => Script::Other,
    }
}

/// The scripts a language is written in, if QA knows them.
fn scripts_of(language: &Language) -> Option<&'static [Script]> {
    let by_tag = match language.script() {
        Some("Latn") => Some(&[Script::Latin][..]),
        Some("Cyrl") => Some(&[Script::Cyrillic][..]),
        Some("Arab") => Some(&[Script::Arabic][..]),
        Some("Hebr") => Some(&[Script::Hebrew][..]),
        Some("Grek") => Some(&[Script::Greek][..]),
        Some("Hans" | "Hant" | "Hani") => Some(&[Script::Han][..]),
        Some("Jpan") => Some(&[Script::Han, Script::Kana][..]),
        Some("Kore" | "Hang") => Some(&[Script::Hangul, Script::Han][..]),
        Some("Deva") => Some(&[Script::Devanagari][..]),
        Some("Thai") => Some(&[Script::Thai][..]),
        Some(_) => return None,
        None => None,
    };
    by_tag.or_else(|| match language.primary() {
        "ar" | "fa" | "ur" | "ps" | "ckb" | "sd" | "ug" | "prs" | "ks" => {
            Some(&[Script::Arabic][..])
        }
        "ru" | "uk" | "bg" | "be" | "mk" | "kk" | "ky" | "mn" | "tg" => {
            Some(&[Script::Cyrillic][..])
        }
        "el" => Some(&[Script::Greek][..]),
        "he" | "yi" => Some(&[Script::Hebrew][..]),
        "zh" => Some(&[Script::Han][..]),
        "ja" => Some(&[Script::Han, Script::Kana][..]),
        "ko" => Some(&[Script::Hangul, Script::Han][..]),
        "hi" | "mr" | "ne" | "sa" => Some(&[Script::Devanagari][..]),
        "th" => Some(&[Script::Thai][..]),
        // Serbian is written in both alphabets; other non-Latin languages are not known here.
        "sr" => None,
        _ if language.uses_latin_script() => Some(&[Script::Latin][..]),
        _ => None,
    })
}

fn wrong_script(output: &str, target: &Language) -> bool {
    let Some(expected) = scripts_of(target) else {
        return false;
    };
    let (mut inside, mut total) = (0_usize, 0_usize);
    for c in output.chars().filter(|c| c.is_alphabetic()) {
        total += 1;
        if expected.contains(&script_of(c)) {
            inside += 1;
        }
    }
    total >= 10 && inside * 2 < total
}

/// Whether a text (or a language) is mostly in scripts that need few characters per word.
fn is_compact(scripts: &[Script]) -> bool {
    scripts
        .iter()
        .any(|s| matches!(s, Script::Han | Script::Kana | Script::Hangul))
}

fn mostly_compact(text: &str) -> bool {
    let (mut compact, mut total) = (0_usize, 0_usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        total += 1;
        if is_compact(&[script_of(c)]) {
            compact += 1;
        }
    }
    compact * 2 > total
}

fn length_out_of_proportion(source: &str, output: &str, target: &Language) -> bool {
    let source_len = source.trim().chars().count();
    if source_len < 20 {
        return false;
    }
    let output_len = output.trim().chars().count();
    let source_compact = mostly_compact(source);
    let target_compact = scripts_of(target).map_or_else(|| mostly_compact(output), is_compact);
    let (low, high) = match (source_compact, target_compact) {
        (false, true) => (0.12, 1.2),
        (true, false) => (0.8, 8.0),
        _ => (0.4, 2.5),
    };
    #[expect(
        clippy::cast_precision_loss,
        reason = "lengths are bounded by the segment limit, far below 2^52"
    )]
    let ratio = output_len as f64 / source_len as f64;
    !(low..=high).contains(&ratio)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(from: &str, to: &str) -> Pair {
        Pair::new(Language::parse(from).unwrap(), Language::parse(to).unwrap())
    }

    #[test]
    fn a_faithful_translation_raises_nothing() {
        let flags = check(
            r#"The <a href="https://x.example">port</a> handled 3,500 containers on 27/11/2026."#,
            r#"El <a href="https://x.example">puerto</a> movió 3,500 contenedores el 27/11/2026."#,
            &pair("en", "es"),
            &[],
        );
        assert_eq!(flags, []);
    }

    #[test]
    fn notices_lost_markup_and_changed_numbers() {
        let flags = check(
            "The <em>port</em> handled 3,500 containers.",
            "El puerto movió 3.600 contenedores.",
            &pair("en", "es"),
            &[],
        );
        assert_eq!(flags, [QaFlag::MarkupLost, QaFlag::NumbersChanged]);
    }

    #[test]
    fn numbers_match_across_digit_systems_and_separators() {
        assert_eq!(numbers("۳٬۵۰۰ و ١٢٣"), numbers("3,500 and 123"));
        assert_eq!(numbers("1.234,5"), numbers("1,234.5"));
        assert_eq!(numbers("09:05 on 27/11"), ["11", "27", "5", "9"]);
        assert_ne!(numbers("3,500"), numbers("3,600"));
    }

    #[test]
    fn notices_untranslated_output_but_not_a_kept_name() {
        let source = "The harbour board met on Monday to discuss dredging.";
        assert!(check(source, source, &pair("en", "es"), &[]).contains(&QaFlag::Untranslated));
        assert!(check("Nguyễn Văn An", "Nguyễn Văn An", &pair("vi", "en"), &[]).is_empty());
        // A regional variant of the same language may legitimately look the same.
        assert!(
            !check(source, source, &pair("en-GB", "en-US"), &[]).contains(&QaFlag::Untranslated)
        );
    }

    #[test]
    fn notices_output_in_the_wrong_script() {
        let english = "The harbour board met on Monday to discuss dredging.";
        let flags = check(english, english, &pair("en", "fa"), &[]);
        assert!(flags.contains(&QaFlag::WrongScript));
        let persian = "هیئت بندر روز دوشنبه برای لایروبی تشکیل جلسه داد.";
        assert!(!check(english, persian, &pair("en", "fa"), &[]).contains(&QaFlag::WrongScript));
        let cyrillic = "Совет порта собрался в понедельник.";
        assert!(check(english, cyrillic, &pair("en", "vi"), &[]).contains(&QaFlag::WrongScript));
    }

    #[test]
    fn judges_length_by_script() {
        let english = "The harbour board met on Monday to discuss dredging.";
        assert!(
            check(english, "Puerto.", &pair("en", "es"), &[])
                .contains(&QaFlag::LengthOutOfProportion)
        );
        assert!(
            !check(
                english,
                "港务局周一开会讨论疏浚。",
                &pair("en", "zh-Hans"),
                &[]
            )
            .contains(&QaFlag::LengthOutOfProportion)
        );
        assert!(
            check(english, "", &pair("en", "zh-Hans"), &[])
                .contains(&QaFlag::LengthOutOfProportion)
        );
        assert!(
            !check("Short.", "", &pair("en", "es"), &[]).contains(&QaFlag::LengthOutOfProportion)
        );
    }

    #[test]
    fn merging_keeps_each_flag_once_in_order_of_appearance() {
        let missed = QaFlag::GlossaryMissed {
            term: "port".to_owned(),
        };
        let per_segment = vec![
            vec![QaFlag::NumbersChanged, missed.clone()],
            vec![],
            vec![missed.clone(), QaFlag::MarkupLost, QaFlag::NumbersChanged],
        ];
        assert_eq!(
            merge(&per_segment),
            [QaFlag::NumbersChanged, missed, QaFlag::MarkupLost]
        );
    }

    #[test]
    fn visible_text_decodes_references_and_keeps_stray_characters() {
        assert_eq!(
            visible_text("a &amp; <b>b</b> &lt;c&gt; &#x41;&#66; & 1 < 2"),
            "a & b <c> AB & 1 < 2"
        );
        assert_eq!(visible_text("&#xFFFFFFFF; &"), "&#xFFFFFFFF; &");
    }
}
