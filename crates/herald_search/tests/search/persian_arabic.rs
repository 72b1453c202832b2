//! Persian and Arabic: the same word typed with other letter variants, diacritics, tatweel,
//! joiners or digits finds the article.

use crate::common::{doc, ids, index_with, search};

#[test]
fn persian_yeh_and_kaf_typed_the_arabic_way_find_the_persian_spelling() {
    let index = index_with(
        &["fa"],
        &[doc(
            1,
            "fa",
            "کتابخانه ملی",
            "یک کتاب تازه در کتابخانه رسید.",
        )],
    );
    // Arabic kaf (ك) and Arabic yeh (ي) instead of the Persian letters.
    assert_eq!(ids(&search(&index, "fa", "كتابخانه ملي")), [1]);
    assert_eq!(ids(&search(&index, "fa", "يك كتاب")), [1]);
}

#[test]
fn arabic_letters_in_a_persian_article_are_found_with_persian_letters() {
    let index = index_with(
        &["fa"],
        &[doc(1, "fa", "سفر به كيش", "مسافران زيادي آمدند.")],
    );
    assert_eq!(ids(&search(&index, "fa", "کیش")), [1]);
    assert_eq!(ids(&search(&index, "fa", "زیادی")), [1]);
}

#[test]
fn persian_words_written_with_zwnj_glued_or_spaced_find_each_other() {
    let with_zwnj = "می\u{200c}خواهم";
    let index = index_with(
        &["fa"],
        &[
            doc(1, "fa", &format!("من {with_zwnj} بروم"), "متن اول"),
            doc(2, "fa", "کتاب‌ها روی میز", "متن دوم"),
        ],
    );
    assert_eq!(ids(&search(&index, "fa", with_zwnj)), [1]);
    assert_eq!(ids(&search(&index, "fa", "میخواهم")), [1]);
    assert_eq!(ids(&search(&index, "fa", "می خواهم")), [1]);
    assert_eq!(ids(&search(&index, "fa", "کتابها")), [2]);
    assert_eq!(ids(&search(&index, "fa", "کتاب ها")), [2]);
}

#[test]
fn persian_tatweel_and_harakat_are_ignored() {
    let index = index_with(
        &["fa"],
        &[doc(1, "fa", "ایـــران و جهان", "خبرهای مُهِم امروز")],
    );
    assert_eq!(ids(&search(&index, "fa", "ایران")), [1]);
    assert_eq!(ids(&search(&index, "fa", "مهم")), [1]);
    assert_eq!(ids(&search(&index, "fa", "ایـران")), [1]);
}

#[test]
fn persian_arabic_indic_and_ascii_digits_are_one_number() {
    let index = index_with(&["fa"], &[doc(1, "fa", "بودجه سال ۱۴۰۵", "ارقام تازه")]);
    assert_eq!(ids(&search(&index, "fa", "1405")), [1]);
    assert_eq!(ids(&search(&index, "fa", "١٤٠٥")), [1]);
    assert_eq!(ids(&search(&index, "fa", "۱۴۰۵")), [1]);
}

#[test]
fn persian_highlights_land_on_the_word_with_its_zwnj() {
    let with_zwnj = "می\u{200c}خواهم";
    let title = format!("من {with_zwnj} بروم");
    let index = index_with(&["fa"], &[doc(1, "fa", &title, "متن")]);
    let hit = &search(&index, "fa", "میخواهم").hits[0];
    let marked: Vec<&str> = hit
        .title
        .marks
        .iter()
        .map(|r| &hit.title.text[r.clone()])
        .collect();
    assert_eq!(marked, [with_zwnj]);
}

#[test]
fn arabic_alef_hamza_forms_and_harakat_do_not_matter() {
    let index = index_with(
        &["ar"],
        &[doc(
            1,
            "ar",
            "أحمد يزور المدرسة",
            "زار أحمد مُدَرِّسَةً جديدة في المدينة.",
        )],
    );
    assert_eq!(ids(&search(&index, "ar", "احمد")), [1]);
    assert_eq!(ids(&search(&index, "ar", "إحمد")), [1]);
    assert_eq!(ids(&search(&index, "ar", "مَدِينَة")), [1]);
}

#[test]
fn arabic_teh_marbuta_alef_maksura_and_tatweel_variants_match() {
    let index = index_with(
        &["ar"],
        &[doc(
            1,
            "ar",
            "افتتاح مستشفى جديد",
            "المـــدينة تحتفل بالمستشفى",
        )],
    );
    assert_eq!(ids(&search(&index, "ar", "مستشفي")), [1]);
    assert_eq!(ids(&search(&index, "ar", "المدينه")), [1]);
    assert_eq!(ids(&search(&index, "ar", "مدينة")), [1]);
}

#[test]
fn arabic_article_and_conjunction_prefixes_are_light_stemmed() {
    let index = index_with(
        &["ar"],
        &[doc(1, "ar", "معرض الكتاب", "والكتاب الجديد متاح")],
    );
    assert_eq!(ids(&search(&index, "ar", "كتاب")), [1]);
    assert_eq!(ids(&search(&index, "ar", "بالكتاب")), [1]);
}

#[test]
fn arabic_indic_digits_match_ascii_digits() {
    let index = index_with(&["ar"], &[doc(1, "ar", "انتخابات ٢٠٢٦", "نتائج")]);
    assert_eq!(ids(&search(&index, "ar", "2026")), [1]);
}
