//! English, French, Spanish, German and Russian: other forms of a word find it.

use crate::common::{doc, ids, index_with, search};

#[test]
fn english_running_finds_runs() {
    let index = index_with(
        &["en"],
        &[
            doc(
                1,
                "en",
                "The mayor runs for a second term",
                "Voters met the candidate.",
            ),
            doc(2, "en", "Ferry timetable", "Boats leave every hour."),
        ],
    );
    assert_eq!(ids(&search(&index, "en", "running")), [1]);
    assert_eq!(ids(&search(&index, "en", "candidates")), [1]);
    assert_eq!(ids(&search(&index, "en", "BOAT")), [2]);
}

#[test]
fn french_plurals_and_accents_find_each_other() {
    let index = index_with(
        &["fr"],
        &[doc(
            1,
            "fr",
            "Les élections régionales",
            "L'économie du pays progresse.",
        )],
    );
    assert_eq!(ids(&search(&index, "fr", "élection")), [1]);
    assert_eq!(ids(&search(&index, "fr", "elections regionales")), [1]);
    assert_eq!(ids(&search(&index, "fr", "économie")), [1]);
}

#[test]
fn spanish_plurals_and_accents_find_each_other() {
    let index = index_with(
        &["es"],
        &[doc(
            1,
            "es",
            "Las elecciones del domingo",
            "La situación económica mejora.",
        )],
    );
    assert_eq!(ids(&search(&index, "es", "elección")), [1]);
    assert_eq!(ids(&search(&index, "es", "eleccion")), [1]);
    assert_eq!(ids(&search(&index, "es", "economicos")), [1]);
}

#[test]
fn german_inflections_umlauts_and_sharp_s_find_each_other() {
    let index = index_with(
        &["de"],
        &[doc(
            1,
            "de",
            "Neue Häuser in München",
            "Die Straße wird gesperrt.",
        )],
    );
    assert_eq!(ids(&search(&index, "de", "Haus")), [1]);
    assert_eq!(ids(&search(&index, "de", "Munchen")), [1]);
    assert_eq!(ids(&search(&index, "de", "Strasse")), [1]);
}

#[test]
fn russian_case_endings_and_yo_find_each_other() {
    let index = index_with(
        &["ru"],
        &[doc(1, "ru", "Выборы в Москве", "Зелёная ёлка на площади.")],
    );
    assert_eq!(ids(&search(&index, "ru", "выборах")), [1]);
    assert_eq!(ids(&search(&index, "ru", "Москва")), [1]);
    assert_eq!(ids(&search(&index, "ru", "елка")), [1]);
}

#[test]
fn a_stemmed_match_highlights_the_word_as_written() {
    let index = index_with(&["en"], &[doc(1, "en", "The mayor runs again", "Body")]);
    let hit = &search(&index, "en", "running").hits[0];
    let marked: Vec<&str> = hit
        .title
        .marks
        .iter()
        .map(|r| &hit.title.text[r.clone()])
        .collect();
    assert_eq!(marked, ["runs"]);
}

#[test]
fn a_language_without_a_stemmer_still_matches_words_case_insensitively() {
    let index = index_with(&["pl"], &[doc(1, "pl", "Wybory w Łodzi", "Treść")]);
    assert_eq!(ids(&search(&index, "pl", "WYBORY")), [1]);
    assert_eq!(ids(&search(&index, "pl", "lodzi")), [1]);
}

#[test]
fn thai_words_are_found_inside_unspaced_text_by_the_generic_analyser() {
    let index = index_with(&["th"], &[doc(1, "th", "ประเทศไทยมีฝนตกหนัก", "เนื้อหา")]);
    assert_eq!(ids(&search(&index, "th", "ฝน")), [1]);
}
