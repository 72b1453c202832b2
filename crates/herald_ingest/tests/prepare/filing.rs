//! Prepared items filed by a source's rules, in Vietnamese, English, Persian and Chinese.

use herald_domain::{IngestRule, IngestRules};
use herald_ingest::{Filing, FilingFacts, PreparedItem, categorise};

use crate::support::prepare_one;

/// Files a prepared item by the rules.
fn file(rules: &IngestRules, item: &PreparedItem, feed_categories: &[String]) -> Filing {
    categorise(
        rules,
        &FilingFacts {
            url: item.url.as_ref(),
            feed_categories,
            title: &item.title,
            lead: &item.lead,
            language: &item.language,
        },
    )
}

fn rules(default: &str, rules: Vec<IngestRule>) -> IngestRules {
    IngestRules {
        default_category: Some(default.to_owned()),
        rules,
        ..IngestRules::default()
    }
}

fn keyword_rule(keywords: &[&str], category: Option<&str>, topics: &[&str]) -> IngestRule {
    IngestRule {
        keywords: keywords.iter().map(|k| (*k).to_owned()).collect(),
        category: category.map(str::to_owned),
        topics: topics.iter().map(|t| (*t).to_owned()).collect(),
        ..IngestRule::default()
    }
}

#[test]
fn a_vietnamese_item_is_filed_by_its_path_and_an_unaccented_keyword() {
    let rss = r#"<rss version="2.0"><channel><title>t</title><link>https://songhong.example.vn/</link>
      <item><title>Thủ tướng đôn đốc giải ngân vốn đầu tư công</title>
      <link>https://songhong.example.vn/kinh-t%E1%BA%BF/giai-ngan-1201.html</link>
      <category>Thời sự</category>
      <description>Đến hết tháng 5, cả nước mới giải ngân được khoảng 22% kế hoạch vốn.</description></item>
      </channel></rss>"#;
    let item = prepare_one(rss, "https://songhong.example.vn/rss", "vi");
    let rules = rules(
        "thoi-su",
        vec![
            IngestRule {
                url_path_prefix: Some("/kinh-tế/".to_owned()),
                category: Some("kinh-te".to_owned()),
                ..IngestRule::default()
            },
            keyword_rule(&["giai ngan", "dau tu cong"], None, &["dau-tu-cong"]),
        ],
    );
    let filing = file(&rules, &item, &item.categories);
    assert_eq!(filing.category.as_deref(), Some("kinh-te"));
    assert_eq!(filing.topics, ["dau-tu-cong"]);
    assert_eq!(filing.matched_rules, [0, 1]);
}

#[test]
fn an_english_item_falls_back_to_the_default_category() {
    let rss = r#"<rss version="2.0"><channel><title>t</title><link>https://harbour.example.com/</link>
      <item><title>Harbour ferry timetable changes</title><link>https://harbour.example.com/local/ferry</link>
      <description>The ferry runs every 20 minutes from Monday.</description></item></channel></rss>"#;
    let item = prepare_one(rss, "https://harbour.example.com/rss", "en");
    let rules = rules(
        "news",
        vec![keyword_rule(&["interest rate"], Some("economy"), &[])],
    );
    let filing = file(&rules, &item, &item.categories);
    assert_eq!(filing.category.as_deref(), Some("news"));
    assert!(filing.matched_rules.is_empty());
}

#[test]
fn a_persian_item_matches_a_keyword_written_with_arabic_letters() {
    let rss = r#"<rss version="2.0"><channel><title>t</title><link>https://khabar.example.ir/</link><language>fa</language>
      <item><title>افزایش ظرفیت نیروگاه‌های خورشیدی کشور</title><link>https://khabar.example.ir/news/1</link>
      <description>وزیر نیرو از امضای قراردادهای تازه خبر داد.</description></item></channel></rss>"#;
    let item = prepare_one(rss, "https://khabar.example.ir/rss", "fa");
    // Arabic kaf and yeh, and a space where the text has a zero-width non-joiner.
    let rules = rules(
        "akhbar",
        vec![keyword_rule(
            &["نيروگاه هاي خورشيدي"],
            Some("energy"),
            &["solar"],
        )],
    );
    let filing = file(&rules, &item, &item.categories);
    assert_eq!(filing.category.as_deref(), Some("energy"));
    assert_eq!(filing.topics, ["solar"]);
}

#[test]
fn a_chinese_item_matches_a_keyword_inside_unspaced_text() {
    let rss = r#"<rss version="2.0"><channel><title>t</title><link>https://xinwen.example.cn/</link><language>zh-Hans</language>
      <item><title>国务院常务会议部署加快公共投资资金拨付</title><link>https://xinwen.example.cn/a/1</link>
      <category>时政</category>
      <description>会议要求各地区抓紧解决征地拆迁难题。</description></item></channel></rss>"#;
    let item = prepare_one(rss, "https://xinwen.example.cn/rss", "zh-Hans");
    let rules = rules(
        "yaowen",
        vec![
            IngestRule {
                feed_category: Some("时政".to_owned()),
                place: Some("beijing".to_owned()),
                ..IngestRule::default()
            },
            keyword_rule(&["公共投资"], Some("jingji"), &["touzi"]),
        ],
    );
    let filing = file(&rules, &item, &item.categories);
    assert_eq!(filing.category.as_deref(), Some("jingji"));
    assert_eq!(filing.place.as_deref(), Some("beijing"));
    assert_eq!(filing.topics, ["touzi"]);
    assert_eq!(filing.matched_rules, [0, 1]);
}
