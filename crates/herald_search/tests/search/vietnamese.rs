//! Vietnamese: diacritics optional, exact spelling first, syllables side by side first.

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
}
