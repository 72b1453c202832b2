//! Chinese and Japanese: words found inside unspaced text, and not across word boundaries.

use crate::common::{doc, ids, index_with, search};

#[test]
fn a_chinese_word_is_found_inside_unspaced_text() {
    let index = index_with(
        &["zh-Hans"],
        &[
            doc(
                1,
                "zh-Hans",
                "市长宣布新的交通计划",
                "我们在北京大学学习经济。",
            ),
            doc(2, "zh-Hans", "今天的天气很好", "公园里有很多人。"),
        ],
    );
    assert_eq!(ids(&search(&index, "zh-Hans", "交通")), [1]);
    assert_eq!(ids(&search(&index, "zh-Hans", "大学")), [1]);
    assert_eq!(ids(&search(&index, "zh-Hans", "天气")), [2]);
    // Typed without a space: cut into 交通 + 计划, both must be there.
    assert_eq!(ids(&search(&index, "zh-Hans", "交通计划")), [1]);
}

#[test]
fn a_chinese_query_does_not_match_characters_that_straddle_two_words() {
    // 北京大学 is cut 北京 | 大学: the 京大 in the middle is no word of the text.
    let index = index_with(&["zh"], &[doc(1, "zh", "校园新闻", "我们在北京大学学习。")]);
    assert_eq!(search(&index, "zh", "京大").total, 0);
    assert_eq!(ids(&search(&index, "zh", "北京")), [1]);
}

#[test]
fn traditional_chinese_is_segmented_too() {
    let index = index_with(
        &["zh-Hant"],
        &[doc(1, "zh-Hant", "台灣的經濟成長很快", "內容")],
    );
    assert_eq!(ids(&search(&index, "zh-Hant", "經濟")), [1]);
    assert_eq!(search(&index, "zh-Hant", "濟成").total, 0);
}

#[test]
fn japanese_kyoto_does_not_match_the_kyoto_inside_tokyo_metropolis() {
    let index = index_with(
        &["ja"],
        &[
            doc(1, "ja", "東京都に住んでいます", "毎日電車で通勤します。"),
            doc(2, "ja", "京都の寺を訪れました", "紅葉がきれいでした。"),
        ],
    );
    assert_eq!(ids(&search(&index, "ja", "京都")), [2]);
    assert_eq!(ids(&search(&index, "ja", "東京")), [1]);
}

#[test]
fn japanese_words_are_found_inside_unspaced_text() {
    let index = index_with(
        &["ja"],
        &[doc(
            1,
            "ja",
            "新しい図書館が駅前に開館した",
            "市民が集まりました。",
        )],
    );
    assert_eq!(ids(&search(&index, "ja", "図書館")), [1]);
    assert_eq!(ids(&search(&index, "ja", "駅前")), [1]);
}

#[test]
fn japanese_half_width_katakana_and_full_width_latin_are_folded() {
    let index = index_with(&["ja"], &[doc(1, "ja", "ｶﾀｶﾅのＡＢＣ講座", "内容")]);
    assert_eq!(ids(&search(&index, "ja", "カタカナ")), [1]);
    assert_eq!(ids(&search(&index, "ja", "abc")), [1]);
}

#[test]
fn a_chinese_highlight_marks_the_word_in_the_unspaced_text() {
    let index = index_with(&["zh"], &[doc(1, "zh", "市长宣布新的交通计划", "内容")]);
    let hit = &search(&index, "zh", "交通").hits[0];
    let marked: Vec<&str> = hit
        .title
        .marks
        .iter()
        .map(|r| &hit.title.text[r.clone()])
        .collect();
    assert_eq!(marked, ["交通"]);
}
