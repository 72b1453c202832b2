//! The glossary at translation time: which entries a segment contains, the form each must
//! take in the output, the segment's glossary fingerprint, and the check that the forms made
//! it through.
//!
//! Finding terms is [`herald_domain::glossary::TermFinder`]'s job (shared with the admin);
//! [`crate::protect`] turns the matches into placeholders. A forced term or a name comes back
//! as the entry's translation, a do-not-translate term as written in the source.
//!
//! The fingerprint summarises the entries matched in one segment, so it enters that segment's
//! memory key ([`crate::memory`]): editing the glossary invalidates only the segments that
//! contain an edited term, and adding a term invalidates exactly the segments it now matches.

use herald_domain::glossary::fold_for_matching;
use herald_domain::{GlossaryEntry, GlossaryKind, QaFlag};
use sha2::{Digest, Sha256};

/// A glossary rendering the output must contain.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Expected {
    /// The entry's source term (what [`QaFlag::GlossaryMissed`] names).
    pub term: String,
    /// The form expected in the output.
    pub form: String,
}

/// The form `entry` takes in the output, for a match written `as_written` in the source: the
/// translation for forced terms and names (the source text if the translation is blank), the
/// source text itself for do-not-translate terms.
#[must_use]
pub fn target_form(entry: &GlossaryEntry, as_written: &str) -> String {
    match entry.kind {
        GlossaryKind::Forced | GlossaryKind::Name if !entry.translation.trim().is_empty() => {
            entry.translation.trim().to_owned()
        }
        _ => as_written.to_owned(),
    }
}

/// The glossary fingerprint of a segment whose matches are `entries`: hex SHA-256 over the
/// distinct (term, translation, kind) triples in sorted order, each part length-prefixed.
/// Empty when nothing matched, so segments without terms never depend on the glossary.
#[must_use]
pub fn fingerprint<'e>(entries: impl IntoIterator<Item = &'e GlossaryEntry>) -> String {
    let mut triples: Vec<(&str, &str, &str)> = entries
        .into_iter()
        .map(|e| (e.term.as_str(), e.translation.as_str(), e.kind.as_str()))
        .collect();
    if triples.is_empty() {
        return String::new();
    }
    triples.sort_unstable();
    triples.dedup();
    let mut hasher = Sha256::new();
    for (term, translation, kind) in triples {
        for part in [term, translation, kind] {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part.as_bytes());
        }
    }
    crate::memory::hex(&hasher.finalize())
}

/// [`QaFlag::GlossaryMissed`] for each expected form that `output_text` (plain text) does not
/// contain, compared as the term finder compares (case, spacing and normal form aside).
#[must_use]
pub fn missed(output_text: &str, expected: &[Expected]) -> Vec<QaFlag> {
    let output = fold_for_matching(output_text, false);
    let mut flags: Vec<QaFlag> = Vec::new();
    for e in expected {
        let form = fold_for_matching(e.form.trim(), false);
        if form.is_empty() || output.contains(&form) {
            continue;
        }
        let flag = QaFlag::GlossaryMissed {
            term: e.term.clone(),
        };
        if !flags.contains(&flag) {
            flags.push(flag);
        }
    }
    flags
}

#[cfg(test)]
pub(crate) mod tests {
    use herald_domain::{Language, Timestamp};

    use super::*;

    pub(crate) fn entry(
        term: &str,
        translation: &str,
        kind: GlossaryKind,
        case_sensitive: bool,
    ) -> GlossaryEntry {
        GlossaryEntry {
            id: 0,
            from: Language::parse("en").unwrap(),
            to: Language::parse("es").unwrap(),
            term: term.to_owned(),
            translation: translation.to_owned(),
            kind,
            case_sensitive,
            note: String::new(),
            updated_at: Timestamp::from_second(0).unwrap(),
        }
    }

    #[test]
    fn forced_terms_and_names_take_their_translation_and_others_stay_as_written() {
        let forced = entry(
            "harbour board",
            "junta del puerto",
            GlossaryKind::Forced,
            false,
        );
        assert_eq!(target_form(&forced, "Harbour Board"), "junta del puerto");
        let name = entry("Hanoi", "Hà Nội", GlossaryKind::Name, false);
        assert_eq!(target_form(&name, "Hanoi"), "Hà Nội");
        let keep = entry("Zalo", "Zalo", GlossaryKind::DoNotTranslate, true);
        assert_eq!(target_form(&keep, "Zalo"), "Zalo");
        let blank = entry("Tràng An", " ", GlossaryKind::Name, false);
        assert_eq!(target_form(&blank, "Tràng An"), "Tràng An");
    }

    #[test]
    fn the_fingerprint_ignores_order_repeats_and_unrelated_fields() {
        let a = entry("port", "puerto", GlossaryKind::Forced, false);
        let b = entry("Hanoi", "Hanói", GlossaryKind::Name, false);
        let mut a_changed_note = a.clone();
        a_changed_note.note = "a note".to_owned();
        assert_eq!(
            fingerprint([&a, &b]),
            fingerprint([&b, &a, &a_changed_note])
        );
        assert_eq!(fingerprint([&a]).len(), 64);
        assert_eq!(fingerprint([]), "");
    }

    #[test]
    fn the_fingerprint_changes_with_the_translation_or_kind() {
        let a = entry("port", "puerto", GlossaryKind::Forced, false);
        let mut other = a.clone();
        other.translation = "puerto marítimo".to_owned();
        assert_ne!(fingerprint([&a]), fingerprint([&other]));
        other = a.clone();
        other.kind = GlossaryKind::DoNotTranslate;
        assert_ne!(fingerprint([&a]), fingerprint([&other]));
    }

    #[test]
    fn reports_each_missing_form_once() {
        let expected = [
            Expected {
                term: "port".to_owned(),
                form: "puerto".to_owned(),
            },
            Expected {
                term: "port".to_owned(),
                form: "puerto".to_owned(),
            },
            Expected {
                term: "Hanoi".to_owned(),
                form: "Hà Nội".to_owned(),
            },
        ];
        assert_eq!(
            missed("El PUERTO de Hà  Nội", &expected),
            Vec::<QaFlag>::new()
        );
        assert_eq!(
            missed("La ciudad", &expected),
            [
                QaFlag::GlossaryMissed {
                    term: "port".to_owned()
                },
                QaFlag::GlossaryMissed {
                    term: "Hanoi".to_owned()
                }
            ]
        );
    }
}
