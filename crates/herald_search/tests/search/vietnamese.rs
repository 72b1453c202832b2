//! Vietnamese: diacritics optional, the reader's exact spelling first, syllables written side
//! by side (one word) before the same syllables scattered.

use unicode_normalization::UnicodeNormalization;

use crate::common::{doc, ids, index_with, search};

#[test]
fn a_query_without_diacritics_finds_the_article_with_them() {
    let index = index_with(
        &["vi"],
        &[
            doc(
                1,
                "vi",
                "Hội nghị thượng đỉnh ở Đà Nẵng",
                "Các đại biểu đã đến thành phố.",
            ),
            doc(
                2,
                "vi",
                "Giá lúa tăng mạnh",
                "Nông dân vui mừng vì vụ mùa bội thu.",
            ),
        ],
    );
    assert_eq!(ids(&search(&index, "vi", "hoi nghi")), [1]);
    assert_eq!(ids(&search(&index, "vi", "da nang")), [1]);
    assert_eq!(ids(&search(&index, "vi", "HỘI NGHỊ")), [1]);
    assert_eq!(ids(&search(&index, "vi", "nong dan")), [2]);
}

#[test]
fn the_exact_diacritics_rank_above_a_match_that_only_folding_finds() {
    let index = index_with(
        &["vi"],
        &[
            // "hỏi nghỉ" (ask about leave) folds to the same letters as "hội nghị".
            doc(
                1,
                "vi",
                "Công nhân hỏi nghỉ phép dịp cuối năm",
                "Nhiều người muốn về quê.",
            ),
            doc(
                2,
                "vi",
                "Hội nghị tổng kết dịp cuối năm",
                "Nhiều người muốn về quê.",
            ),
        ],
    );
    let results = search(&index, "vi", "hội nghị");
    assert_eq!(ids(&results), [2, 1]);
    assert!(results.hits[0].score > results.hits[1].score);
}

#[test]
fn syllables_side_by_side_rank_above_the_same_syllables_apart() {
    let index = index_with(
        &["vi"],
        &[
            doc(
                1,
                "vi",
                "Tin địa phương",
                "Các nghị sĩ đã gặp gỡ hội nông dân của tỉnh vào sáng thứ hai.",
            ),
            doc(
                2,
                "vi",
                "Tin địa phương",
                "Hội nghị nông dân của tỉnh đã khai mạc vào sáng thứ hai tuần này.",
            ),
        ],
    );
    assert_eq!(ids(&search(&index, "vi", "hội nghị")), [2, 1]);
    assert_eq!(ids(&search(&index, "vi", "hoi nghi")), [2, 1]);
}

#[test]
fn decomposed_and_composed_text_find_each_other() {
    let decomposed: String = "Bão số ba đổ bộ vào miền Trung".nfd().collect();
    let index = index_with(&["vi"], &[doc(1, "vi", &decomposed, "Mưa lớn kéo dài.")]);
    assert_eq!(ids(&search(&index, "vi", "đổ bộ")), [1]);
    assert_eq!(ids(&search(&index, "vi", "mien trung")), [1]);
    let composed_query: String = "mưa lớn".nfd().collect();
    assert_eq!(ids(&search(&index, "vi", &composed_query)), [1]);
}

#[test]
fn a_folded_query_highlights_the_words_as_written() {
    let index = index_with(
        &["vi"],
        &[doc(
            1,
            "vi",
            "Khai mạc Hội nghị Đà Nẵng",
            "Hội nghị kéo dài ba ngày.",
        )],
    );
    let hit = &search(&index, "vi", "hoi nghi").hits[0];
    let marked: Vec<&str> = hit
        .title
        .marks
        .iter()
        .map(|r| &hit.title.text[r.clone()])
        .collect();
    assert_eq!(marked, ["Hội nghị"]);
    let marked: Vec<&str> = hit
        .snippet
        .marks
        .iter()
        .map(|r| &hit.snippet.text[r.clone()])
        .collect();
    assert_eq!(marked, ["Hội nghị"]);
}
