//! A made-up Vietnamese newsroom for the ingestion benchmarks: text written by combining
//! syllables in a fixed pseudo-random order (nothing copied from anywhere, the same bytes on
//! every run), an RSS 2.0 feed of whole articles, a long article, hostile markup, and a
//! source's filing rules.
//!
//! Shared by `herald_ingest`'s `ingest` bench and `herald_pipeline`'s `poll` bench (through
//! `#[path]`).

use std::fmt::Write as _;
use std::sync::LazyLock;

use herald_domain::{IngestRule, IngestRules};

/// Where the made-up outlet's articles and pictures live (never fetched).
pub(crate) const SITE: &str = "https://bao-mau.example.vn";

/// Syllables the text is made of (lowercase, NFC), separated by spaces.
const SYLLABLE_LIST: &str = "\
     người nước thành phố tỉnh huyện xã dân công nhân nông nghiệp kinh tế phát triển \
     đầu tư dự án cầu đường sông biển núi rừng lúa gạo cà phê chè mùa thu hoạch năm \
     tháng ngày giờ sáng chiều tối học sinh trường thầy cô bệnh viện bác sĩ thuốc \
     khỏe mạnh thể thao bóng đá giải đấu đội tuyển chiến thắng hòa bình văn hóa lễ \
     hội truyền thống du lịch khách sạn chợ hàng hóa giá cả tăng giảm mới cũ lớn nhỏ \
     nhiều ít được không có và của cho với trong ngoài trên dưới sau trước đã đang sẽ \
     vừa mưa nắng gió bão lũ hạn mặn điện nước sạch xanh môi trường rác thải xe buýt \
     tàu hỏa sân bay cảng hàng không doanh nghiệp xuất khẩu nhập thị trường vốn ngân \
     sách thuế phí quyết định chính sách hội nghị ủy ban lãnh đạo cán bộ ý kiến báo \
     cáo kết quả số liệu phần trăm triệu tỷ đồng quốc gia địa phương khu vực miền bắc \
     trung nam";

/// [`SYLLABLE_LIST`], one by one.
static SYLLABLES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| SYLLABLE_LIST.split_whitespace().collect());

/// Sections of the outlet: URL path and the feed category.
const SECTIONS: &[(&str, &str)] = &[
    ("thoi-su", "Thời sự"),
    ("kinh-te", "Kinh tế"),
    ("du-lich", "Du lịch"),
    ("van-hoa", "Văn hóa"),
    ("the-thao", "Thể thao"),
    ("giao-duc", "Giáo dục"),
    ("suc-khoe", "Sức khỏe"),
    ("cong-nghe", "Công nghệ"),
];

const FAMILY_NAMES: &[&str] = &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"];
const GIVEN_NAMES: &[&str] = &["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Khánh", "Lan"];

/// SplitMix64: a fixed sequence from a seed.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) const fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n).unwrap_or(u64::MAX)).unwrap_or(0)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// A sentence of `words` syllables: capitalised, ending with a full stop, a comma now and then.
fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        let syllable = rng.pick(&SYLLABLES);
        if i == 0 {
            let mut chars = syllable.chars();
            out.extend(chars.next().into_iter().flat_map(char::to_uppercase));
            out.push_str(chars.as_str());
        } else {
            out.push_str(if rng.below(9) == 0 { ", " } else { " " });
            out.push_str(syllable);
        }
    }
    out.push('.');
    out
}

/// Sentences of about `words` syllables in all.
fn sentences(rng: &mut Rng, words: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut left = words;
    while left > 0 {
        let n = rng.between(8, 22).min(left);
        out.push(sentence(rng, n));
        left -= n;
    }
    out
}

/// Plain text of `words` syllables, in paragraphs of 3 to 6 sentences.
pub(crate) fn text(words: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let all = sentences(&mut rng, words);
    let mut out = String::new();
    let mut in_paragraph = 0;
    for sentence in all {
        if in_paragraph == 0 && !out.is_empty() {
            out.push_str("\n\n");
        } else if in_paragraph > 0 {
            out.push(' ');
        }
        out.push_str(&sentence);
        in_paragraph = (in_paragraph + 1) % rng.between(3, 6);
    }
    out
}

/// The HTML body of article `n`: about `words` syllables in paragraphs, a sub-heading, a
/// link with trackers, emphasis, a figure with a relative picture and a caption, a list.
fn article_body(rng: &mut Rng, n: usize, words: usize) -> String {
    let all = sentences(rng, words);
    let mut out = String::new();
    let mut i = 0;
    let mut block = 0;
    while i < all.len() {
        let take = rng.between(3, 5).min(all.len() - i);
        let paragraph = all[i..i + take].join(" ");
        i += take;
        match block {
            1 => {
                let _ = write!(
                    out,
                    "<figure class=\"wide\"><img src=\"/anh/{n}-{block}.jpg\" alt=\"{}\" \
                     width=\"960\" height=\"640\" style=\"max-width:100%\">\
                     <figcaption>{}</figcaption></figure>",
                    sentence(rng, 6).trim_end_matches('.'),
                    sentence(rng, 10)
                );
                let _ = write!(out, "<p>{paragraph}</p>");
            }
            2 => {
                let (path, _) = SECTIONS[rng.below(SECTIONS.len())];
                let _ = write!(
                    out,
                    "<h2>{}</h2><p>{paragraph} <a href=\"{SITE}/{path}/bai-{}.html?utm_source=rss&amp;utm_medium=feed\" \
                     onclick=\"track()\">{}</a></p>",
                    sentence(rng, 7).trim_end_matches('.'),
                    rng.below(100_000),
                    sentence(rng, 5).trim_end_matches('.')
                );
            }
            4 => {
                let _ = write!(
                    out,
                    "<p><strong>{paragraph}</strong></p><ul><li>{}</li><li>{}</li></ul>",
                    sentence(rng, 9),
                    sentence(rng, 11)
                );
            }
            _ => {
                let _ = write!(out, "<p class=\"body\">{paragraph}</p>");
            }
        }
        block += 1;
    }
    out
}

/// A URL-safe slug of plain text (ASCII letters kept, the rest dashes).
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// An RSS 2.0 feed of `items` whole articles of about `words` syllables each: title, link
/// with trackers, guid, date, section, byline, summary, full content (`content:encoded`)
/// and an enclosure, UTF-8.
pub(crate) fn news_feed(items: usize, words: usize) -> String {
    let mut rng = Rng::new(0x4845_5241_4C44);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n\
         <title>Báo Mẫu – Tin mới nhất</title>\n",
    );
    let _ = write!(
        out,
        "<link>{SITE}/</link>\n<description>Tin tức trong nước và quốc tế.</description>\n\
         <language>vi</language>\n<ttl>15</ttl>\n"
    );
    for n in 0..items {
        let (path, category) = SECTIONS[rng.below(SECTIONS.len())];
        let title_words = rng.between(9, 15);
        let title = sentence(&mut rng, title_words);
        let title = title.trim_end_matches('.');
        let summary = format!("{} {}", sentence(&mut rng, 14), sentence(&mut rng, 18));
        let body = article_body(&mut rng, n, words);
        let author = format!("{} {}", rng.pick(FAMILY_NAMES), rng.pick(GIVEN_NAMES));
        // Thursday 26 November 2026, newest first, every 7 minutes.
        let minute = 1439 - (n * 7) % 1440;
        let _ = write!(
            out,
            "<item>\n<title>{title}</title>\n\
             <link>{SITE}/{path}/{}-{n}.html?utm_source=rss&amp;utm_campaign=feed</link>\n\
             <guid isPermaLink=\"false\">bai-{n}</guid>\n\
             <pubDate>Thu, 26 Nov 2026 {:02}:{:02}:00 +0700</pubDate>\n\
             <category>{category}</category>\n<dc:creator>{author}</dc:creator>\n\
             <description><![CDATA[<p>{summary}</p>]]></description>\n\
             <content:encoded><![CDATA[{body}]]></content:encoded>\n\
             <enclosure url=\"{SITE}/anh/{n}.jpg\" type=\"image/jpeg\" length=\"183204\"/>\n\
             </item>\n",
            slug(title),
            minute / 60,
            minute % 60
        );
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// A long article of at least `bytes` bytes of HTML: sections with headings, paragraphs
/// with links and emphasis, figures with `srcset` and captions, tables of figures.
pub(crate) fn long_article(bytes: usize) -> String {
    let mut rng = Rng::new(50);
    let mut out = String::new();
    let mut block = 0;
    while out.len() < bytes {
        match block % 6 {
            0 => {
                let _ = write!(out, "<h2 id=\"muc-{block}\">{}</h2>", sentence(&mut rng, 8));
            }
            2 => {
                let _ = write!(
                    out,
                    "<figure><img src=\"/anh/lon-{block}.jpg\" srcset=\"/anh/lon-{block}-480.jpg 480w, \
                     /anh/lon-{block}-960.jpg 960w\" alt=\"{}\" width=\"960\" height=\"540\">\
                     <figcaption>{} <cite>Ảnh: {} {}</cite></figcaption></figure>",
                    sentence(&mut rng, 6).trim_end_matches('.'),
                    sentence(&mut rng, 12),
                    rng.pick(FAMILY_NAMES),
                    rng.pick(GIVEN_NAMES)
                );
            }
            4 => {
                out.push_str("<table class=\"so-lieu\"><caption>");
                out.push_str(&sentence(&mut rng, 7));
                out.push_str(
                    "</caption><thead><tr><th scope=\"col\">Khu vực</th>\
                               <th scope=\"col\">2025</th><th scope=\"col\">2026</th>\
                               <th scope=\"col\">Tăng</th></tr></thead><tbody>",
                );
                for _ in 0..6 {
                    let before = rng.between(100, 9_000);
                    let after = rng.between(100, 9_000);
                    let _ = write!(
                        out,
                        "<tr><td>{} {}</td><td>{before}</td><td>{after}</td><td>{}%</td></tr>",
                        rng.pick(&SYLLABLES),
                        rng.pick(&SYLLABLES),
                        rng.below(40)
                    );
                }
                out.push_str("</tbody></table>");
            }
            _ => {
                let words = rng.between(60, 110);
                let parts = sentences(&mut rng, words);
                let _ = write!(
                    out,
                    "<p>{} <a href=\"/{}/bai-{}.html?utm_source=lien-ket&amp;id=7\">{}</a> \
                     <em>{}</em> {}</p>",
                    parts[0],
                    SECTIONS[rng.below(SECTIONS.len())].0,
                    rng.below(100_000),
                    sentence(&mut rng, 4).trim_end_matches('.'),
                    sentence(&mut rng, 6),
                    parts[1..].join(" ")
                );
            }
        }
        block += 1;
    }
    out
}

/// `levels` nested `<div>`s around a word: the parser's quadratic case without the bound.
pub(crate) fn deep_nesting(levels: usize) -> String {
    format!("{}sâu{}", "<div>".repeat(levels), "</div>".repeat(levels))
}

/// `levels` formatting elements opened and never closed, a paragraph each.
pub(crate) fn unclosed_formatting(levels: usize) -> String {
    let mut out = String::new();
    for i in 0..levels {
        let _ = write!(out, "<b><i>chữ {i}<p>");
    }
    out
}

/// `count` filing rules as an editor writes them for a Vietnamese outlet: section paths,
/// the outlet's categories, keywords without diacritics (as editors type them), topics and
/// places; a default category.
pub(crate) fn rules(count: usize) -> IngestRules {
    let keywords = [
        "hoi nghi",
        "du lich",
        "gia ca",
        "bong da",
        "benh vien",
        "xuat khau",
        "mua lu",
        "thue",
        "cau duong",
        "ngan sach",
    ];
    let mut rules = Vec::new();
    for i in 0..count {
        let (path, category) = SECTIONS[i % SECTIONS.len()];
        let mut rule = IngestRule::default();
        match i % 3 {
            0 => rule.url_path_prefix = Some(format!("/{path}/")),
            1 => rule.feed_category = Some(category.to_owned()),
            _ => {
                rule.keywords = vec![
                    keywords[i % keywords.len()].to_owned(),
                    keywords[(i + 3) % keywords.len()].to_owned(),
                ];
            }
        }
        match i % 4 {
            0 => rule.category = Some(path.to_owned()),
            1 => rule.topics = vec![format!("chu-de-{}", i % 5)],
            2 => rule.place = Some(format!("noi-{}", i % 3)),
            _ => {
                rule.category = Some(path.to_owned());
                rule.topics = vec![format!("chu-de-{}", i % 5)];
            }
        }
        rules.push(rule);
    }
    IngestRules {
        default_category: Some("thoi-su".to_owned()),
        rules,
        ..IngestRules::default()
    }
}
