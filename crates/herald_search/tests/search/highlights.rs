//! Highlights and snippets: ranges on the original text, the best stretch of the body.

use herald_search::{Highlighted, IndexDoc};

use crate::common::{doc, index_with, search};

fn marked(h: &Highlighted) -> Vec<&str> {
    h.marks.iter().map(|r| &h.text[r.clone()]).collect()
}

#[test]
fn a_snippet_is_the_stretch_of_the_body_around_the_matches() {
    let filler = "Nothing of note happened in the quiet village that week. ".repeat(8);
    let body = format!(
        "{filler}Then the old lighthouse keeper spotted a whale near the harbour. {filler}"
    );
    let index = index_with(&["en"], &[doc(1, "en", "Village diary", &body)]);
    let hit = &search(&index, "en", "whale lighthouse").hits[0];
    let snippet = &hit.snippet;
    assert!(snippet.text.starts_with("… "), "{}", snippet.text);
    assert!(snippet.text.ends_with(" …"), "{}", snippet.text);
    assert!(snippet.text.chars().count() <= 210, "{}", snippet.text);
    assert_eq!(marked(snippet), ["lighthouse", "whale"]);
    assert!(body.contains(snippet.text.trim_start_matches("… ").trim_end_matches(" …")));
}

#[test]
fn the_lead_is_preferred_when_it_matches_as_well_as_the_body() {
    let mut d: IndexDoc = doc(1, "en", "Weather", "Rain again, and more rain tomorrow.");
    d.lead = "Heavy rain expected across the north.".to_owned();
    let index = index_with(&["en"], &[d]);
    let hit = &search(&index, "en", "rain").hits[0];
    assert_eq!(hit.snippet.text, "Heavy rain expected across the north.");
    assert_eq!(marked(&hit.snippet), ["rain"]);
}

#[test]
fn without_a_match_in_the_text_the_snippet_is_the_start_of_the_lead() {
    let mut d: IndexDoc = doc(
        1,
        "en",
        "Zebra crossing repainted",
        "The council did the work.",
    );
    d.lead = "Workers finished overnight.".to_owned();
    let index = index_with(&["en"], &[d]);
    let hit = &search(&index, "en", "zebra").hits[0];
    assert_eq!(hit.snippet.text, "Workers finished overnight.");
    assert!(hit.snippet.marks.is_empty());
    assert_eq!(marked(&hit.title), ["Zebra"]);
}

#[test]
fn adjacent_matched_words_make_one_mark() {
    let index = index_with(
        &["en"],
        &[doc(1, "en", "Great barrier reef bleaching", "Body")],
    );
    let hit = &search(&index, "en", "barrier reef").hits[0];
    assert_eq!(marked(&hit.title), ["barrier reef"]);
}

#[test]
fn marks_are_on_character_boundaries_of_the_returned_text() {
    let body = "Bão Yagi đổ bộ, gây mưa lớn ở miền Bắc. ".repeat(20);
    let index = index_with(&["vi"], &[doc(1, "vi", "Bão Yagi", &body)]);
    for query in ["mua lon", "mưa lớn", "bao", "mien bac"] {
        let hit = &search(&index, "vi", query).hits[0];
        for h in [&hit.title, &hit.snippet] {
            for range in &h.marks {
                assert!(h.text.is_char_boundary(range.start) && h.text.is_char_boundary(range.end));
            }
        }
        assert!(!hit.snippet.marks.is_empty(), "{query}");
    }
}
