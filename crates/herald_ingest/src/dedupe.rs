//! Finding the same story twice: exactly (one outlet's feed lists it twice, or two feeds of
//! one outlet carry it) and nearly (two outlets run the same agency copy, lightly edited).
//!
//! Both work on *dedupe text*: NFC, case-folded, punctuation and whitespace squeezed to single
//! spaces between words. Diacritics are kept — Vietnamese "bán" (sell) and "bạn" (friend)
//! are different words — but a few spelling variants that outlets mix freely are folded:
//! Arabic and Persian yeh/kaf (ي/ی, ك/ک), the tatweel (ـ) and ZWNJ inside Persian words
//! (می‌شود / میشود).
//!
//! - [`content_hash`] is SHA-256 over that text: equal hashes are the same story.
//! - [`simhash`] is a 64-bit Charikar SimHash over shingles: 3-word shingles for languages
//!   written with spaces, 3-character shingles for Chinese, Japanese, Thai, Lao, Khmer and
//!   Burmese. [`near_duplicate`] compares two of them: at most
//!   [`NEAR_DUPLICATE_MAX_DISTANCE`] differing bits. The threshold was set on the fixture
//!   texts in this module's tests (Vietnamese, English, Persian): copies edited by a second
//!   outlet land 6–9 bits apart, different stories on the same topic 26–34 bits apart (unrelated
//!   texts average 32). Two unrelated texts fall within 12 bits with a probability of about
//!   1.5 × 10⁻⁷, so the pipeline compares only stories of one language within a few days.
//!
//! SimHash is only meaningful on some text: give it the title and the body (or at least the
//! summary), not a title alone.

use std::fmt;

use herald_domain::Language;
use sha2::{Digest, Sha256};
use unicode_normalization::char::is_combining_mark;
use url::Url;

/// Two SimHashes at most this many bits apart are near-duplicates. See the module docs for
/// how it was chosen.
pub const NEAR_DUPLICATE_MAX_DISTANCE: u32 = 12;

/// Words per shingle for languages written with spaces.
const WORD_SHINGLE: usize = 3;

/// Characters per shingle for languages written without spaces.
const CHAR_SHINGLE: usize = 3;

/// Primary language subtags written without spaces between words.
const UNSPACED_LANGUAGES: &[&str] = &["zh", "ja", "th", "lo", "km", "my", "bo"];

/// SHA-256 of a story's dedupe text (title and body).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(pub [u8; 32]);

impl ContentHash {
    /// Lowercase hexadecimal, 64 characters, for storage.
    #[must_use]
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Reads what [`ContentHash::to_hex`] wrote.
    #[must_use]
    pub fn from_hex(hex: &str) -> Option<Self> {
        if hex.len() != 64 || !hex.is_ascii() {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()?;
        }
        Some(Self(out))
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// The keys that find a story again: its canonical URL, the hash of its text, and its SimHash.
/// The pipeline stores all three with the article and looks each up before storing a new one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StoryKey {
    /// The canonical link ([`crate::normalize::canonical_url`]), if the item has one.
    pub url: Option<Url>,
    /// Exact-duplicate key.
    pub content: ContentHash,
    /// Near-duplicate fingerprint (0 when there was no text).
    pub simhash: u64,
}

impl StoryKey {
    /// Keys for a story from its canonical link, title and body as plain text.
    #[must_use]
    pub fn new(
        url: Option<Url>,
        title: &str,
        body_text: &str,
        language: Option<&Language>,
    ) -> Self {
        let mut text = String::with_capacity(title.len() + body_text.len() + 1);
        text.push_str(title);
        text.push('\n');
        text.push_str(body_text);
        Self {
            url,
            content: content_hash(title, body_text),
            simhash: simhash(&text, language),
        }
    }

    /// Keys for a feed item: its link, title and the text of its content (or summary).
    #[must_use]
    pub fn for_item(item: &crate::feed::FeedItem) -> Self {
        let body = item
            .content
            .as_deref()
            .or(item.summary.as_deref())
            .map(crate::html::html_to_text)
            .unwrap_or_default();
        Self::new(
            item.link.clone(),
            item.title.as_deref().unwrap_or_default(),
            &body,
            item.language.as_ref(),
        )
    }

    /// The same story: the same canonical URL, or exactly the same text.
    #[must_use]
    pub fn same_story(&self, other: &Self) -> bool {
        matches!((&self.url, &other.url), (Some(a), Some(b)) if a == b)
            || self.content == other.content
    }

    /// The same story told nearly the same way ([`near_duplicate`] on the SimHashes).
    #[must_use]
    pub fn near_duplicate_of(&self, other: &Self) -> bool {
        near_duplicate(self.simhash, other.simhash)
    }
}

/// The dedupe words of a text: NFC, lowercase, variants folded, split at everything that is
/// neither a letter, a digit nor a combining mark.
fn words(text: &str) -> Vec<String> {
    let text = herald_domain::text::normalize(text);
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let c = match c {
            '\u{064A}' => '\u{06CC}', // Arabic yeh → Persian yeh
            '\u{0643}' => '\u{06A9}', // Arabic kaf → keheh
            '\u{0640}' | '\u{200C}' | '\u{200D}' => continue, // tatweel, ZWNJ, ZWJ
            c => c,
        };
        if c.is_alphanumeric() || (is_combining_mark(c) && !word.is_empty()) {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The normalised text that dedupe compares: its words (NFC, lowercase, variants folded as
/// the module docs say) joined by single spaces.
#[must_use]
pub fn dedupe_text(text: &str) -> String {
    words(text).join(" ")
}

/// SHA-256 over the dedupe text of a title and a body, for exact duplicates.
#[must_use]
pub fn content_hash(title: &str, body_text: &str) -> ContentHash {
    let mut hasher = Sha256::new();
    hasher.update(dedupe_text(title).as_bytes());
    hasher.update(b"\n");
    hasher.update(dedupe_text(body_text).as_bytes());
    ContentHash(hasher.finalize().into())
}

/// Whether a text should be shingled by characters: its language is written without spaces,
/// or (language unknown) most of its letters are CJK, Thai, Lao, Khmer or Burmese.
fn shingle_by_characters(text: &str, language: Option<&Language>) -> bool {
    if let Some(language) = language {
        return UNSPACED_LANGUAGES.contains(&language.primary());
    }
    let (mut unspaced, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if matches!(c as u32,
            0x0E00..=0x0EFF        // Thai, Lao
            | 0x1000..=0x109F      // Myanmar
            | 0x1780..=0x17FF      // Khmer
            | 0x3040..=0x30FF      // Hiragana, Katakana
            | 0x3400..=0x4DBF      // CJK extension A
            | 0x4E00..=0x9FFF      // CJK unified
            | 0xF900..=0xFAFF      // CJK compatibility
            | 0x20000..=0x3FFFF)
        {
            unspaced += 1;
        }
    }
    letters > 0 && unspaced * 2 > letters
}

/// A stable 64-bit hash (FNV-1a, then the SplitMix64 finaliser to spread the bits): SimHashes
/// are stored, so this must never change between versions or machines.
fn hash64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// Charikar's SimHash of a text over shingles (see the module docs). An empty text gives 0.
#[must_use]
pub fn simhash(text: &str, language: Option<&Language>) -> u64 {
    let words = words(text);
    let mut features: Vec<u64> = Vec::new();
    if shingle_by_characters(text, language) {
        let chars: Vec<char> = words.concat().chars().collect();
        if chars.len() < CHAR_SHINGLE {
            features.extend(
                (!chars.is_empty()).then(|| hash64(chars.iter().collect::<String>().as_bytes())),
            );
        } else {
            features.extend(
                chars
                    .windows(CHAR_SHINGLE)
                    .map(|w| hash64(w.iter().collect::<String>().as_bytes())),
            );
        }
    } else if words.len() < WORD_SHINGLE {
        features.extend(words.iter().map(|w| hash64(w.as_bytes())));
    } else {
        features.extend(
            words
                .windows(WORD_SHINGLE)
                .map(|w| hash64(w.join("\u{1F}").as_bytes())),
        );
    }
    if features.is_empty() {
        return 0;
    }
    let mut weights = [0i64; 64];
    for f in features {
        for (bit, weight) in weights.iter_mut().enumerate() {
            if f >> bit & 1 == 1 {
                *weight += 1;
            } else {
                *weight -= 1;
            }
        }
    }
    weights
        .iter()
        .enumerate()
        .filter(|(_, w)| **w > 0)
        .fold(0u64, |acc, (bit, _)| acc | 1 << bit)
}

/// The number of bits in which two SimHashes differ.
#[must_use]
pub const fn hamming_distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Whether two SimHashes are of near-duplicate texts: at most
/// [`NEAR_DUPLICATE_MAX_DISTANCE`] bits apart. A 0 (no text) is near nothing.
#[must_use]
pub const fn near_duplicate(a: u64, b: u64) -> bool {
    a != 0 && b != 0 && hamming_distance(a, b) <= NEAR_DUPLICATE_MAX_DISTANCE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language::parse(tag).unwrap()
    }

    // Fixture texts written for Herald. Each story has an original, a light edit by a second
    // outlet, and a different story on the same topic.

    const VI_A: &str = "Thủ tướng chủ trì hội nghị trực tuyến với 63 tỉnh, thành phố về giải ngân vốn đầu tư công. \
        Theo báo cáo của Bộ Tài chính, đến hết tháng 5, cả nước mới giải ngân được khoảng 22% kế hoạch vốn năm nay, \
        thấp hơn cùng kỳ năm trước. Thủ tướng yêu cầu các bộ, ngành và địa phương tháo gỡ vướng mắc về giải phóng mặt bằng, \
        đẩy nhanh tiến độ các dự án giao thông trọng điểm và xử lý nghiêm cán bộ né tránh, đùn đẩy trách nhiệm.";
    const VI_A_EDITED: &str = "Sáng nay, Thủ tướng chủ trì hội nghị trực tuyến với 63 tỉnh, thành phố về giải ngân vốn đầu tư công. \
        Theo báo cáo của Bộ Tài chính, đến hết tháng 5, cả nước mới giải ngân được khoảng 22% kế hoạch vốn năm nay, \
        thấp hơn so với cùng kỳ năm trước. Thủ tướng yêu cầu các bộ, ngành và địa phương tháo gỡ vướng mắc về giải phóng mặt bằng, \
        đẩy nhanh tiến độ các dự án giao thông trọng điểm và xử lý nghiêm cán bộ né tránh, đùn đẩy trách nhiệm.";
    const VI_B: &str = "Bộ Tài chính cho biết nhiều dự án giao thông trọng điểm ở miền Trung đang chậm giải ngân vì thiếu vật liệu san lấp. \
        Các nhà thầu kiến nghị cho phép khai thác thêm mỏ đất, đồng thời điều chỉnh giá vật liệu theo thị trường. \
        Một số địa phương đã lập tổ công tác đặc biệt, họp hằng tuần để gỡ khó cho từng dự án.";

    const EN_A: &str = "The central bank held its benchmark interest rate at 4.5 percent on Thursday, citing stubborn \
        services inflation and a tight labour market. Governor Maria Lopez said the committee would watch wage data closely \
        before any cut, and warned that energy prices remained a risk for the second half of the year. \
        Markets had priced in a small chance of a reduction. The decision was unanimous for the third meeting in a row, \
        and the bank repeated that it expects inflation to return to its two percent target by the end of next year.";
    const EN_A_EDITED: &str = "The central bank kept its benchmark interest rate at 4.5 percent on Thursday, citing stubborn \
        services inflation and a tight labour market. Governor Maria Lopez said the committee would watch wage data closely \
        before any cut, and warned that energy prices remained a risk for the second half of the year. \
        Markets had priced in only a small chance of a reduction, analysts said. The decision was unanimous for the third meeting in a row, \
        and the bank repeated that it expects inflation to return to its two percent target by the end of next year.";
    const EN_B: &str = "Economists expect the central bank to cut its benchmark interest rate twice before the end of the \
        year, according to a survey published on Monday. Most respondents said falling goods prices and slower hiring \
        would give policymakers room to act, although several warned that services inflation was proving stubborn. \
        Only a handful of the forty economists polled expect no change at all this year.";

    const FA_A: &str = "وزیر نیرو امروز در نشست خبری اعلام کرد که ظرفیت نیروگاه‌های خورشیدی کشور تا پایان سال به دو برابر \
        می‌رسد. به گفته او، سرمایه‌گذاران خصوصی در استان‌های کرمان، یزد و سیستان و بلوچستان قراردادهای تازه‌ای امضا کرده‌اند \
        و وزارتخانه خرید برق تولیدی آنها را تضمین می‌کند. وزیر همچنین از کاهش مصرف برق در ساعات اوج خبر داد.";
    const FA_A_EDITED: &str = "وزير نيرو امروز در نشست خبری اعلام کرد که ظرفیت نیروگاههای خورشیدی کشور تا پایان سال جاری به دو برابر \
        می‌رسد. به گفته او، سرمایه‌گذاران خصوصی در استان‌های کرمان، یزد و سیستان و بلوچستان قراردادهای تازه‌ای امضا کرده‌اند \
        و وزارتخانه خرید برق تولیدی آنها را تضمین می‌کند. وزیر همچنین از کاهش مصرف برق در ساعات اوج خبر داد.";
    const FA_B: &str = "کارشناسان انرژی می‌گویند گسترش نیروگاه‌های خورشیدی بدون نوسازی شبکه انتقال برق ممکن نیست. \
        به گفته آنها، خاموشی‌های تابستان گذشته نشان داد که شبکه در ساعات اوج مصرف توان جابه‌جایی برق تولیدی استان‌های \
        جنوبی را ندارد و سرمایه‌گذاری در خطوط انتقال باید در اولویت وزارت نیرو قرار گیرد.";

    fn distance(a: &str, b: &str, language: &str) -> u32 {
        let l = lang(language);
        hamming_distance(simhash(a, Some(&l)), simhash(b, Some(&l)))
    }

    #[test]
    fn the_same_story_lightly_edited_by_two_outlets_matches() {
        for (a, b, l) in [
            (VI_A, VI_A_EDITED, "vi"),
            (EN_A, EN_A_EDITED, "en"),
            (FA_A, FA_A_EDITED, "fa"),
        ] {
            let d = distance(a, b, l);
            assert!(d <= NEAR_DUPLICATE_MAX_DISTANCE, "{l}: {d} bits apart");
            let l = lang(l);
            assert!(near_duplicate(simhash(a, Some(&l)), simhash(b, Some(&l))));
        }
    }

    #[test]
    fn two_different_stories_on_the_same_topic_do_not_match() {
        for (a, b, l) in [(VI_A, VI_B, "vi"), (EN_A, EN_B, "en"), (FA_A, FA_B, "fa")] {
            let d = distance(a, b, l);
            assert!(d > NEAR_DUPLICATE_MAX_DISTANCE, "{l}: only {d} bits apart");
        }
    }

    #[test]
    fn content_hash_ignores_case_spacing_and_punctuation() {
        let a = content_hash("Hội nghị toàn quốc", "Thủ tướng   chủ trì, hội nghị.");
        let b = content_hash("HỘI NGHỊ TOÀN QUỐC!", "Thủ tướng chủ trì hội nghị");
        assert_eq!(a, b);
    }

    #[test]
    fn content_hash_keeps_vietnamese_diacritics() {
        assert_ne!(content_hash("bán nhà", ""), content_hash("bạn nhà", ""));
        assert_ne!(content_hash("ban nha", ""), content_hash("bán nhà", ""));
    }

    #[test]
    fn content_hash_sees_decomposed_and_composed_vietnamese_as_one() {
        let decomposed = "Ho\u{0302}\u{0323}i nghi\u{0323}";
        assert_eq!(content_hash(decomposed, ""), content_hash("Hội nghị", ""));
    }

    #[test]
    fn persian_spelling_variants_hash_alike() {
        assert_eq!(
            content_hash("وزیر نیروگاه‌های کشور", ""),
            content_hash("وزير نيروگاههای کشـور", "")
        );
    }

    #[test]
    fn content_hash_round_trips_through_hex() {
        let h = content_hash("a", "b");
        assert_eq!(ContentHash::from_hex(&h.to_hex()), Some(h));
        assert_eq!(ContentHash::from_hex("zz"), None);
        assert_eq!(ContentHash::from_hex(&"é".repeat(32)), None);
    }

    #[test]
    fn chinese_is_shingled_by_characters() {
        let a = "国务院总理今天主持召开常务会议，研究部署加快公共投资资金拨付工作，要求各地区各部门抓紧解决征地拆迁难题，加快重点交通项目建设进度。";
        let b = "国务院总理今天上午主持召开常务会议，研究部署加快公共投资资金拨付工作，要求各地区各部门抓紧解决征地拆迁难题，加快重点交通项目建设进度。";
        let c = "财政部表示，中部地区多个重点交通项目因缺少填方材料而进展缓慢，承包商建议增加取土场并按市场调整材料价格。";
        assert!(shingle_by_characters(a, None));
        let zh = lang("zh");
        assert!(near_duplicate(simhash(a, Some(&zh)), simhash(b, Some(&zh))));
        assert!(!near_duplicate(
            simhash(a, Some(&zh)),
            simhash(c, Some(&zh))
        ));
    }

    #[test]
    fn empty_text_is_near_nothing() {
        assert_eq!(simhash("", None), 0);
        assert_eq!(simhash(" ,.! ", None), 0);
        assert!(!near_duplicate(0, 0));
    }

    #[test]
    fn story_keys_match_on_url_or_text() {
        let url = Url::parse("https://example.com/a").ok();
        let a = StoryKey::new(url.clone(), "Title", "Body one", None);
        let b = StoryKey::new(url, "Other", "Body two", None);
        let c = StoryKey::new(None, "title", "body ONE", None);
        assert!(a.same_story(&b));
        assert!(a.same_story(&c));
        assert!(!b.same_story(&c));
    }

    #[test]
    fn the_hash_function_is_stable() {
        // SimHashes are stored: these values must never change.
        assert_eq!(hash64(b"herald"), 0x284f_dd24_9292_f866);
        assert_eq!(simhash("one two three four", None), 0x0038_b0d0_2401_9580);
        assert_eq!(
            simhash("One, two; three... four", None),
            0x0038_b0d0_2401_9580
        );
    }
}
