//! Filing a new item under Herald's own terms, by its source's [`IngestRules`].
//!
//! Outlets label their stories in their own words (a feed category "Thời sự", a URL under
//! `/kinh-te/`); editors map those to Herald's category, topic and place keys once per
//! source, and every item is filed by the same rules: rules are tried in order, a rule
//! matches when every condition it gives holds (a rule with no condition matches everything;
//! a condition given but blank never holds), the first matching rule with a category decides
//! the category (else the rules' default), topics add up over every matching rule (in order,
//! without repeats), and the first matching rule with a place sets the place.
//!
//! Keywords are matched the way a reader would search, per language:
//! - everywhere: case-insensitive, on whole words, a keyword of several words as a phrase;
//! - Latin-script languages: diacritic-insensitive too, so "hoi nghi" finds "Hội nghị"
//!   (`đ` is `d`; a few letters without decomposition — `ł`, `ø`, `ß`, `æ`, `œ` — are
//!   spelled out);
//! - Arabic-script languages (Persian, Arabic, Urdu…): Arabic and Persian yeh and kaf are one
//!   letter, harakat and tatweel are ignored, digits in any of the three digit sets are equal,
//!   and the zero-width non-joiner is a joiner that spaces may replace: "می‌شود", "میشود" and
//!   "می شود" are one word. A match must still begin and end at word boundaries;
//! - languages written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese,
//!   Tibetan): substring matching, ignoring spaces; a keyword that begins or ends with a
//!   Latin letter or digit must not continue a Latin word ("AI" is not found in "MAIL").

use herald_domain::text::{normalize, normalize_line};
use herald_domain::{IngestRule, IngestRules, Language};
use percent_encoding::percent_decode_str;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use url::Url;

/// What is known about an item when it is filed.
#[derive(Debug, Clone, Copy)]
pub struct FilingFacts<'a> {
    /// The article's address, if it has one.
    pub url: Option<&'a Url>,
    /// The categories the feed gave the item.
    pub feed_categories: &'a [String],
    /// The headline, as plain text.
    pub title: &'a str,
    /// The lead, as plain text.
    pub lead: &'a str,
    /// The item's language, which decides how keywords match.
    pub language: &'a Language,
}

/// Where an item is filed: keys of Herald's category, topics and place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filing {
    /// Category key; `None` when no rule files the item and the rules have no default (the
    /// caller then uses the site's default category).
    pub category: Option<String>,
    /// Topic keys, in rule order, without repeats.
    pub topics: Vec<String>,
    /// Place key of the first matching rule that sets one.
    pub place: Option<String>,
    /// Indexes (into [`IngestRules::rules`]) of every rule that matched, in order: shown to
    /// editors to explain a filing.
    pub matched_rules: Vec<usize>,
}

/// Files an item by a source's rules (see the module docs for the semantics).
#[must_use]
pub fn categorise(rules: &IngestRules, facts: &FilingFacts<'_>) -> Filing {
    let mode = Mode::of(facts.language);
    let title = Haystack::new(facts.title, mode);
    let lead = Haystack::new(facts.lead, mode);
    let path = facts.url.map(decoded_path);
    let mut filing = Filing::default();
    for (index, rule) in rules.rules.iter().enumerate() {
        if !rule_matches(rule, facts, path.as_deref(), mode, [&title, &lead]) {
            continue;
        }
        filing.matched_rules.push(index);
        if filing.category.is_none() {
            filing.category = non_blank(rule.category.as_deref());
        }
        for topic in rule.topics.iter().filter_map(|t| non_blank(Some(t))) {
            if !filing.topics.contains(&topic) {
                filing.topics.push(topic);
            }
        }
        if filing.place.is_none() {
            filing.place = non_blank(rule.place.as_deref());
        }
    }
    if filing.category.is_none() {
        filing.category = non_blank(rules.default_category.as_deref());
    }
    filing
}

/// A key, trimmed; `None` if blank.
fn non_blank(key: Option<&str>) -> Option<String> {
    key.map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
}

/// Whether every condition a rule gives holds.
fn rule_matches(
    rule: &IngestRule,
    facts: &FilingFacts<'_>,
    path: Option<&str>,
    mode: Mode,
    texts: [&Haystack; 2],
) -> bool {
    if let Some(prefix) = &rule.url_path_prefix {
        let prefix = path_prefix(prefix);
        if prefix.is_empty() || !path.is_some_and(|p| p.starts_with(&prefix)) {
            return false;
        }
    }
    if let Some(wanted) = &rule.feed_category {
        let wanted = normalize_line(wanted).to_lowercase();
        if wanted.is_empty()
            || !facts
                .feed_categories
                .iter()
                .any(|c| normalize_line(c).to_lowercase() == wanted)
        {
            return false;
        }
    }
    if !rule.keywords.is_empty() {
        let found = rule.keywords.iter().any(|keyword| {
            let needle = Needle::new(keyword, mode);
            !needle.is_empty() && texts.iter().any(|text| text.contains(&needle))
        });
        if !found {
            return false;
        }
    }
    true
}

/// A URL's path, percent-decoded (UTF-8, lossily) and in NFC.
fn decoded_path(url: &Url) -> String {
    normalize(&percent_decode_str(url.path()).decode_utf8_lossy())
}

/// A rule's path prefix in the form [`decoded_path`] gives: decoded, NFC, with a leading `/`.
fn path_prefix(prefix: &str) -> String {
    let decoded = normalize(percent_decode_str(prefix.trim()).decode_utf8_lossy().trim());
    if decoded.is_empty() || decoded.starts_with('/') {
        decoded
    } else {
        format!("/{decoded}")
    }
}

/// How a language's text is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Whole words; `fold_marks` drops diacritics (Latin scripts).
    Words {
        /// Whether diacritics are ignored.
        fold_marks: bool,
    },
    /// Whole words, but the spaces between them do not count (Arabic script).
    JoinedWords,
    /// Substrings, spaces ignored (scripts written without spaces).
    Substring,
}

/// Primary subtags of languages written without spaces between words.
const UNSPACED_LANGUAGES: &[&str] = &["bo", "ja", "km", "lo", "my", "th", "zh"];

/// Primary subtags of languages written in Arabic script when the tag names no script.
const ARABIC_SCRIPT_LANGUAGES: &[&str] = &[
    "ar", "arz", "ckb", "fa", "ks", "prs", "ps", "sd", "ug", "ur",
];

impl Mode {
    fn of(language: &Language) -> Self {
        let arabic = match language.script() {
            Some(script) => script == "Arab",
            None => ARABIC_SCRIPT_LANGUAGES.contains(&language.primary()),
        };
        if UNSPACED_LANGUAGES.contains(&language.primary()) {
            Self::Substring
        } else if arabic {
            Self::JoinedWords
        } else {
            Self::Words {
                fold_marks: language.uses_latin_script(),
            }
        }
    }
}

/// Folds text for matching: NFC (NFD without marks when diacritics are ignored), lowercase,
/// Arabic-script variants unified, invisible joiners and tatweel removed.
fn fold(text: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(text.len());
    let mut push = |c: char| match c {
        '\u{064A}' | '\u{0649}' => out.push('\u{06CC}'), // Arabic yeh, alef maksura → Persian yeh
        '\u{0643}' => out.push('\u{06A9}'),              // Arabic kaf → keheh
        '\u{0660}'..='\u{0669}' => out.push(digit(c, 0x0660)),
        '\u{06F0}'..='\u{06F9}' => out.push(digit(c, 0x06F0)),
        '\u{0640}' | '\u{200C}' | '\u{200D}' => {} // tatweel, ZWNJ, ZWJ
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}' => {} // harakat and Quranic marks
        c => out.extend(c.to_lowercase()),
    };
    if mode == (Mode::Words { fold_marks: true }) {
        for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
            match c {
                'đ' | 'Đ' | 'ð' | 'Ð' => push('d'),
                'ł' | 'Ł' => push('l'),
                'ø' | 'Ø' => push('o'),
                'ß' | 'ẞ' => "ss".chars().for_each(&mut push),
                'æ' | 'Æ' => "ae".chars().for_each(&mut push),
                'œ' | 'Œ' => "oe".chars().for_each(&mut push),
                'ı' => push('i'),
                c => push(c),
            }
        }
    } else {
        normalize(text).chars().for_each(push);
    }
    out
}

/// An Arabic-Indic or extended Arabic-Indic digit as an ASCII digit.
fn digit(c: char, zero: u32) -> char {
    char::from_digit(u32::from(c) - zero, 10).unwrap_or(c)
}

/// The words of folded text: runs of letters and digits (with their combining marks).
fn words(folded: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in folded.char_indices() {
        let in_word = c.is_alphanumeric() || (start.is_some() && is_combining_mark(c));
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&folded[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&folded[s..]);
    }
    out
}

/// A text prepared for keyword matching in one mode.
struct Haystack {
    /// Folded words ([`Mode::Words`]).
    words: Vec<String>,
    /// Folded words joined without separators, with where each word starts and ends
    /// ([`Mode::JoinedWords`]), or the folded text without whitespace ([`Mode::Substring`]).
    joined: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
    mode: Mode,
}

impl Haystack {
    fn new(text: &str, mode: Mode) -> Self {
        let folded = fold(text, mode);
        let mut haystack = Self {
            words: Vec::new(),
            joined: String::new(),
            starts: Vec::new(),
            ends: Vec::new(),
            mode,
        };
        match mode {
            Mode::Words { .. } => {
                haystack.words = words(&folded).into_iter().map(str::to_owned).collect();
            }
            Mode::JoinedWords => {
                for word in words(&folded) {
                    haystack.starts.push(haystack.joined.len());
                    haystack.joined.push_str(word);
                    haystack.ends.push(haystack.joined.len());
                }
            }
            Mode::Substring => {
                haystack.joined = folded.chars().filter(|c| !c.is_whitespace()).collect();
            }
        }
        haystack
    }

    fn contains(&self, needle: &Needle) -> bool {
        match self.mode {
            Mode::Words { .. } => self
                .words
                .windows(needle.words.len())
                .any(|w| w == needle.words.as_slice()),
            Mode::JoinedWords => self.starts.iter().any(|&start| {
                self.joined[start..].starts_with(&needle.joined)
                    && self
                        .ends
                        .binary_search(&(start + needle.joined.len()))
                        .is_ok()
            }),
            Mode::Substring => self.bounded_substring(&needle.joined),
        }
    }

    /// Whether a substring match at `at` does not continue a Latin word or number on either
    /// side when the keyword itself begins or ends with one.
    fn latin_bounded(&self, at: usize, needle: &str) -> bool {
        let ascii_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        let before = self.joined[..at].chars().next_back();
        let after = self.joined[at + needle.len()..].chars().next();
        !(ascii_word(needle.chars().next()) && ascii_word(before)
            || ascii_word(needle.chars().next_back()) && ascii_word(after))
    }

    /// Whether the needle occurs anywhere (overlapping occurrences included) where
    /// [`Haystack::latin_bounded`] allows.
    fn bounded_substring(&self, needle: &str) -> bool {
        let mut from = 0;
        while let Some(at) = self.joined[from..].find(needle).map(|i| from + i) {
            if self.latin_bounded(at, needle) {
                return true;
            }
            from = at + self.joined[at..].chars().next().map_or(1, char::len_utf8);
        }
        false
    }
}

/// A keyword prepared for matching in one mode.
struct Needle {
    words: Vec<String>,
    joined: String,
}

impl Needle {
    fn new(keyword: &str, mode: Mode) -> Self {
        let folded = fold(keyword, mode);
        match mode {
            Mode::Words { .. } | Mode::JoinedWords => {
                let words: Vec<String> = words(&folded).into_iter().map(str::to_owned).collect();
                let joined = words.concat();
                Self { words, joined }
            }
            Mode::Substring => Self {
                words: Vec::new(),
                joined: folded.chars().filter(|c| !c.is_whitespace()).collect(),
            },
        }
    }

    fn is_empty(&self) -> bool {
        self.joined.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language::parse(tag).unwrap()
    }

    fn rule(f: impl FnOnce(&mut IngestRule)) -> IngestRule {
        let mut rule = IngestRule::default();
        f(&mut rule);
        rule
    }

    fn keywords(words: &[&str], category: &str) -> IngestRule {
        rule(|r| {
            r.keywords = words.iter().map(|w| (*w).to_owned()).collect();
            r.category = Some(category.to_owned());
        })
    }

    /// The category an item with this title gets from one keyword rule.
    fn filed(keyword: &str, title: &str, language: &str) -> bool {
        let rules = IngestRules {
            default_category: None,
            rules: vec![keywords(&[keyword], "hit")],
            ..IngestRules::default()
        };
        let language = lang(language);
        let facts = FilingFacts {
            url: None,
            feed_categories: &[],
            title,
            lead: "",
            language: &language,
        };
        categorise(&rules, &facts).category.as_deref() == Some("hit")
    }

    #[test]
    fn vietnamese_keywords_ignore_case_and_diacritics() {
        assert!(filed(
            "hoi nghi",
            "Thủ tướng chủ trì Hội nghị trực tuyến",
            "vi"
        ));
        assert!(filed("HỘI NGHỊ", "hoi nghi truc tuyen", "vi"));
        assert!(filed("dau tu", "Giải ngân vốn đầu tư công", "vi"));
        assert!(filed("Đà Nẵng", "Mưa lớn ở da nang", "vi"));
        // Decomposed input folds like composed input.
        assert!(filed(
            "hội nghị",
            "Ho\u{0302}\u{0323}i nghi\u{0323} toàn quốc",
            "vi"
        ));
    }

    #[test]
    fn keywords_match_whole_words_and_phrases_only() {
        assert!(filed("hoi", "Thủ tướng chủ trì hội nghị", "vi"));
        assert!(!filed("ngh", "Thủ tướng chủ trì hội nghị", "vi"));
        assert!(!filed("hội nghị", "Hội đồng nghị quyết", "vi"));
        assert!(!filed("rate", "The central bank held its benchmark", "en"));
        assert!(!filed("bank", "Banking stocks fell", "en"));
        assert!(filed(
            "interest rate",
            "Bank holds interest-rate at 4.5%",
            "en"
        ));
        assert!(!filed("interest rate", "Rate of interest unchanged", "en"));
        assert!(filed("COVID-19", "New covid 19 measures", "en"));
        assert!(filed("Vietnam", "Vietnam's exports grew", "en"));
        assert!(!filed("  ", "anything at all", "en"));
    }

    #[test]
    fn persian_keywords_ignore_letter_variants_marks_and_joiners() {
        // Arabic yeh and kaf against Persian ones.
        assert!(filed("وزیر نیرو", "وزير نيرو در نشست خبری", "fa"));
        assert!(filed("کشور", "ظرفیت كشور", "fa"));
        // Harakat and tatweel.
        assert!(filed("خبر", "خَبَر فوری", "fa"));
        assert!(filed("کشور", "کشـــور", "fa"));
        // The zero-width non-joiner, a space or nothing: one word.
        for text in ["این کار می\u{200C}شود", "این کار میشود", "این کار می شود"]
        {
            assert!(filed("می\u{200C}شود", text, "fa"), "{text}");
            assert!(filed("می شود", text, "fa"), "{text}");
        }
        // Persian digits equal ASCII ones.
        assert!(filed("1403", "بودجه سال ۱۴۰۳", "fa"));
        // Still whole words: a keyword is not found inside a longer word.
        assert!(!filed("نیرو", "نیروگاه خورشیدی", "fa"));
    }

    #[test]
    fn chinese_keywords_match_as_substrings() {
        assert!(filed("国务院", "国务院总理主持召开常务会议", "zh-Hans"));
        assert!(filed("常务 会议", "国务院总理主持召开常务会议", "zh-Hans"));
        assert!(!filed("财政部", "国务院总理主持召开常务会议", "zh-Hans"));
        assert!(filed("iPhone", "苹果发布iPhone新机型", "zh"));
        assert!(!filed("AI", "新的MAIL服务", "zh"));
        assert!(filed("AI", "新的AI服务", "zh"));
    }

    #[test]
    fn the_first_matching_rule_with_a_category_decides_and_topics_add_up() {
        let rules = IngestRules {
            default_category: Some("thoi-su".to_owned()),
            rules: vec![
                rule(|r| {
                    r.keywords = vec!["giải ngân".to_owned()];
                    r.topics = vec!["dau-tu-cong".to_owned()];
                }),
                rule(|r| {
                    r.url_path_prefix = Some("/kinh-tế/".to_owned());
                    r.category = Some("kinh-te".to_owned());
                    r.topics = vec!["dau-tu-cong".to_owned(), "ngan-sach".to_owned()];
                    r.place = Some("ha-noi".to_owned());
                }),
                rule(|r| {
                    r.feed_category = Some("thời SỰ".to_owned());
                    r.category = Some("chinh-tri".to_owned());
                    r.place = Some("hai-phong".to_owned());
                }),
                rule(|r| r.feed_category = Some("Thể thao".to_owned())),
            ],
            ..IngestRules::default()
        };
        let url =
            Url::parse("https://songhong.example.vn/kinh-t%E1%BA%BF/giai-ngan-1201.html").unwrap();
        let categories = vec!["Thời sự".to_owned()];
        let vi = lang("vi");
        let facts = FilingFacts {
            url: Some(&url),
            feed_categories: &categories,
            title: "Thủ tướng đôn đốc giai ngan vốn đầu tư công",
            lead: "",
            language: &vi,
        };
        assert_eq!(
            categorise(&rules, &facts),
            Filing {
                category: Some("kinh-te".to_owned()),
                topics: vec!["dau-tu-cong".to_owned(), "ngan-sach".to_owned()],
                place: Some("ha-noi".to_owned()),
                matched_rules: vec![0, 1, 2],
            }
        );
        // Nothing files it: the default category.
        let facts = FilingFacts {
            url: None,
            feed_categories: &[],
            title: "Thời tiết",
            ..facts
        };
        let filing = categorise(&rules, &facts);
        assert_eq!(filing.category.as_deref(), Some("thoi-su"));
        assert!(filing.topics.is_empty() && filing.matched_rules.is_empty());
    }

    #[test]
    fn every_condition_of_a_rule_must_hold() {
        let rules = IngestRules {
            default_category: None,
            rules: vec![rule(|r| {
                r.url_path_prefix = Some("/economy/".to_owned());
                r.keywords = vec!["central bank".to_owned()];
                r.category = Some("economy".to_owned());
            })],
            ..IngestRules::default()
        };
        let en = lang("en");
        let economy = Url::parse("https://news.example.com/economy/rates-1").unwrap();
        let world = Url::parse("https://news.example.com/world/rates-1").unwrap();
        let facts = |url| FilingFacts {
            url: Some(url),
            feed_categories: &[],
            title: "Rates on hold",
            lead: "The Central Bank held its rate.",
            language: &en,
        };
        assert_eq!(
            categorise(&rules, &facts(&economy)).category.as_deref(),
            Some("economy")
        );
        assert_eq!(categorise(&rules, &facts(&world)).category, None);
        let no_url = FilingFacts {
            url: None,
            ..facts(&economy)
        };
        assert_eq!(categorise(&rules, &no_url).category, None);
    }

    #[test]
    fn a_rule_without_conditions_matches_and_a_blank_condition_never_does() {
        let rules = IngestRules {
            default_category: None,
            rules: vec![
                rule(|r| r.feed_category = Some(" ".to_owned())),
                rule(|r| r.url_path_prefix = Some(String::new())),
                rule(|r| r.topics = vec!["all".to_owned(), "all".to_owned()]),
            ],
            ..IngestRules::default()
        };
        let en = lang("en");
        let url = Url::parse("https://news.example.com/a").unwrap();
        let categories = vec![String::new()];
        let facts = FilingFacts {
            url: Some(&url),
            feed_categories: &categories,
            title: "t",
            lead: "",
            language: &en,
        };
        let filing = categorise(&rules, &facts);
        assert_eq!(filing.matched_rules, [2]);
        assert_eq!(filing.topics, ["all"]);
    }

    #[test]
    fn path_prefixes_compare_decoded_paths() {
        let rules = IngestRules {
            default_category: None,
            rules: vec![rule(|r| {
                r.url_path_prefix = Some("اقتصاد/".to_owned());
                r.category = Some("eqtesad".to_owned());
            })],
            ..IngestRules::default()
        };
        let fa = lang("fa");
        let url = Url::parse("https://khabar.example.ir/اقتصاد/خبر-۱").unwrap();
        let facts = FilingFacts {
            url: Some(&url),
            feed_categories: &[],
            title: "",
            lead: "",
            language: &fa,
        };
        assert_eq!(
            categorise(&rules, &facts).category.as_deref(),
            Some("eqtesad")
        );
    }

    #[test]
    fn keywords_are_found_in_the_lead_but_not_across_title_and_lead() {
        let rules = IngestRules {
            default_category: None,
            rules: vec![keywords(&["solar power"], "energy")],
            ..IngestRules::default()
        };
        let en = lang("en");
        let facts = FilingFacts {
            url: None,
            feed_categories: &[],
            title: "Minister on solar",
            lead: "Power cuts ended; solar power doubled.",
            language: &en,
        };
        assert_eq!(
            categorise(&rules, &facts).category.as_deref(),
            Some("energy")
        );
        let facts = FilingFacts {
            lead: "Power cuts ended.",
            ..facts
        };
        assert_eq!(categorise(&rules, &facts).category, None);
    }
}
