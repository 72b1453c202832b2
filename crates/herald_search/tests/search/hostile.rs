//! Whatever a reader types, the search answers (possibly with nothing) and never errors.

use herald_search::SearchQuery;

use crate::common::{doc, index_with, lang};

#[test]
fn hostile_query_strings_never_fail() {
    let index = index_with(
        &["en", "vi", "fa", "zh"],
        &[
            doc(
                1,
                "en",
                "Council meets on Tuesday",
                "Title: agenda (draft) AND minutes.",
            ),
            doc(2, "vi", "Hội nghị", "Nội dung"),
            doc(3, "fa", "خبر", "متن"),
            doc(4, "zh", "新闻", "内容"),
        ],
    );
    let huge = "council ".repeat(50_000);
    let long_word = "x".repeat(100_000);
    let inputs: Vec<&str> = vec![
        "",
        " ",
        "\"",
        "\"\"",
        "\"unbalanced",
        "title:",
        "title:council",
        "body:(",
        "AND",
        "OR",
        "NOT",
        "council AND",
        "AND OR NOT",
        "(",
        ")",
        "((((council",
        "council)))",
        "[1 TO 5]",
        "{*}",
        "*",
        "?",
        "~",
        "council~2",
        "council^10",
        "+council -meets",
        "-",
        "--",
        "\\",
        "\\\"",
        "'",
        "`",
        "<script>alert(1)</script>",
        "%00",
        "\0",
        "\u{200f}\u{200e}",
        "\u{feff}",
        "🙂🙂",
        "council\u{0301}",
        "\u{0301}",
        "Title: agenda (draft) AND minutes.",
        "a:b:c:d",
        "/regex/",
        "field:[a TO b]",
        "\"council\" \"",
        "«council»",
        "“council",
        "ـــ",
        "\u{200c}",
        "　",
        "！？",
        &huge,
        &long_word,
    ];
    for language in ["en", "vi", "fa", "zh"] {
        for text in &inputs {
            let mut query = SearchQuery::new(lang(language), *text);
            query.limit = 5;
            let result = index.search(&query);
            assert!(
                result.is_ok(),
                "{language} {:?}: {result:?}",
                text.get(..40)
            );
        }
    }
}

#[test]
fn operators_and_punctuation_around_words_still_find_them() {
    let index = index_with(
        &["en"],
        &[doc(1, "en", "Council meets on Tuesday", "Agenda.")],
    );
    for text in [
        "council AND tuesday",
        "title:council",
        "(council",
        "\"council meets\"",
        "council)))",
        "+council",
    ] {
        let results = index.search(&SearchQuery::new(lang("en"), text)).unwrap();
        assert_eq!(results.total, 1, "{text}");
    }
}

#[test]
fn a_query_of_punctuation_alone_finds_nothing_rather_than_everything() {
    let index = index_with(&["en"], &[doc(1, "en", "Council meets", "Agenda.")]);
    for text in ["!!!", "(", "\"\"", "--"] {
        let results = index.search(&SearchQuery::new(lang("en"), text)).unwrap();
        assert_eq!(results.total, 0, "{text}");
    }
}
