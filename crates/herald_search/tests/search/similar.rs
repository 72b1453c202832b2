//! More like this: the articles with the most telling words in common.

use herald_domain::ArticleId;

use crate::common::{doc, index_with, lang};

#[test]
fn the_most_similar_article_comes_first_and_the_article_itself_never() {
    let index = index_with(
        &["en"],
        &[
            doc(
                1,
                "en",
                "Volcano erupts near the coast",
                "Lava flows reached the coastal villages; ash covered the fields and the airport closed.",
            ),
            doc(
                2,
                "en",
                "Ash cloud closes airport after volcano eruption",
                "Flights were cancelled as volcanic ash drifted over the villages near the coast.",
            ),
            doc(
                3,
                "en",
                "Airport expands its car park",
                "The airport will build a new car park for travellers.",
            ),
            doc(
                4,
                "en",
                "Village football team wins the cup",
                "The villages celebrated a famous victory in the final.",
            ),
            doc(
                5,
                "en",
                "Budget approved by parliament",
                "Members voted for the spending plan after a long debate.",
            ),
        ],
    );
    let similar = index
        .more_like_this(&lang("en"), ArticleId::new(1), 3)
        .unwrap();
    assert_eq!(similar.first(), Some(&ArticleId::new(2)));
    assert!(!similar.contains(&ArticleId::new(1)));
    assert!(!similar.contains(&ArticleId::new(5)));
    assert!(similar.len() <= 3);
}

#[test]
fn an_article_not_indexed_in_the_language_has_no_similar_articles() {
    let index = index_with(
        &["en", "vi"],
        &[doc(1, "en", "Volcano erupts", "Lava and ash.")],
    );
    assert!(
        index
            .more_like_this(&lang("vi"), ArticleId::new(1), 5)
            .unwrap()
            .is_empty()
    );
    assert!(
        index
            .more_like_this(&lang("en"), ArticleId::new(99), 5)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn similar_vietnamese_articles_are_found_by_their_shared_syllables() {
    let index = index_with(
        &["vi"],
        &[
            doc(
                1,
                "vi",
                "Bão lớn đổ bộ vào miền Trung",
                "Mưa lớn gây ngập lụt ở nhiều tỉnh miền Trung.",
            ),
            doc(
                2,
                "vi",
                "Miền Trung khắc phục hậu quả bão",
                "Sau cơn bão, các tỉnh miền Trung dọn dẹp ngập lụt.",
            ),
            doc(
                3,
                "vi",
                "Giá vàng tăng kỷ lục",
                "Thị trường vàng sôi động trong tuần.",
            ),
            doc(
                4,
                "vi",
                "Đội tuyển bóng đá thắng lớn",
                "Người hâm mộ vui mừng.",
            ),
        ],
    );
    let similar = index
        .more_like_this(&lang("vi"), ArticleId::new(1), 2)
        .unwrap();
    assert_eq!(similar.first(), Some(&ArticleId::new(2)));
}
