//! Which interface locale a request gets: the URL prefix (`/fa/…`), else the reader's cookie,
//! else the browser's `Accept-Language`, else the site default.
//!
//! Every input comes from the network, so parsing is total (garbage is skipped, never a
//! panic) and bounded (at most [`MAX_ACCEPT_LANGUAGE_ENTRIES`] entries of a header are
//! looked at, however long it is).

use herald_domain::Language;

/// How many comma-separated entries of `Accept-Language` are considered; browsers send a
/// handful, and the cap keeps a hostile 100 KB header cheap.
pub const MAX_ACCEPT_LANGUAGE_ENTRIES: usize = 32;

/// The locale chosen for a request and what decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negotiated {
    /// One of the enabled locales, or the default.
    pub locale: Language,
    /// Where the choice came from.
    pub source: LocaleSource,
}

/// What decided a request's locale, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LocaleSource {
    /// The path's first segment names an enabled locale.
    Url,
    /// The reader chose a language earlier and it is remembered in a cookie.
    Cookie,
    /// The browser's `Accept-Language` header.
    AcceptLanguage,
    /// Nothing matched: the site's default locale.
    Default,
}

/// Chooses the interface locale: `url_prefix` (the path's first segment) must name an enabled
/// locale exactly, case aside (`ZH-hans` is `zh-Hans`); `cookie` and `accept_language` match
/// exactly or through [`best_match`]; otherwise `default`.
#[must_use]
pub fn negotiate(
    url_prefix: Option<&str>,
    cookie: Option<&str>,
    accept_language: Option<&str>,
    enabled: &[Language],
    default: &Language,
) -> Negotiated {
    let chosen = |locale: &Language, source| Negotiated {
        locale: locale.clone(),
        source,
    };
    if let Some(locale) = url_prefix
        .and_then(|prefix| Language::parse(prefix).ok())
        .and_then(|lang| enabled.iter().find(|e| **e == lang))
    {
        return chosen(locale, LocaleSource::Url);
    }
    if let Some(locale) = cookie
        .and_then(|value| Language::parse(value).ok())
        .and_then(|lang| best_match(&lang, enabled))
    {
        return chosen(locale, LocaleSource::Cookie);
    }
    if let Some(locale) = accept_language.and_then(|header| {
        parse_accept_language(header)
            .iter()
            .find_map(|(lang, _)| best_match(lang, enabled))
    }) {
        return chosen(locale, LocaleSource::AcceptLanguage);
    }
    chosen(default, LocaleSource::Default)
}

/// The enabled locale that best serves a reader asking for `requested`, if any:
///
/// 1. `requested` itself or one of its truncations (`fa-IR` → `fa`), with the script a region
///    implies tried before the bare language (`zh-TW` → `zh-Hant`, `zh-CN` → `zh-Hans`);
/// 2. else an enabled locale of the same language whose script does not contradict the
///    request (`en` → `en-GB`; but never `zh-TW` → `zh-Hans`).
#[must_use]
pub fn best_match<'a>(requested: &Language, enabled: &'a [Language]) -> Option<&'a Language> {
    let find = |tag: &str| enabled.iter().find(|e| e.as_str() == tag);
    let truncations = requested.truncations();
    let (bare, specific) = truncations.split_last()?;
    if let Some(found) = specific.iter().find_map(|t| find(t.as_str())) {
        return Some(found);
    }
    let implied = match requested.script() {
        Some(_) => None,
        None => likely_script(requested),
    };
    if let Some(found) =
        implied.and_then(|script| find(&format!("{}-{script}", requested.primary())))
    {
        return Some(found);
    }
    if let Some(found) = find(bare.as_str()) {
        return Some(found);
    }
    let wanted = script_of(requested);
    enabled.iter().find(|e| {
        e.primary() == requested.primary()
            && match (wanted, script_of(e)) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    })
}

/// Scripts a language's region implies, for languages written in more than one script.
/// CLDR's likely subtags, cut down to what Herald's locales need.
const REGION_SCRIPTS: &[(&str, &str, &str)] = &[
    ("zh", "CN", "Hans"),
    ("zh", "SG", "Hans"),
    ("zh", "MY", "Hans"),
    ("zh", "TW", "Hant"),
    ("zh", "HK", "Hant"),
    ("zh", "MO", "Hant"),
];

/// Scripts a bare language most likely means; tried first, but not binding (a reader asking
/// for `zh` is served `zh-Hant` if that is all there is).
const DEFAULT_SCRIPTS: &[(&str, &str)] = &[("zh", "Hans")];

/// The script the tag names or its region implies.
fn script_of(lang: &Language) -> Option<&str> {
    lang.script().or_else(|| {
        let region = region(lang)?;
        REGION_SCRIPTS
            .iter()
            .find(|(primary, r, _)| *primary == lang.primary() && *r == region)
            .map(|(_, _, script)| *script)
    })
}

/// The script to try for a tag without one: implied by its region, else the language's usual.
fn likely_script(lang: &Language) -> Option<&str> {
    script_of(lang).or_else(|| {
        DEFAULT_SCRIPTS
            .iter()
            .find(|(primary, _)| *primary == lang.primary())
            .map(|(_, script)| *script)
    })
}

/// The region subtag (`TW`, `419`), which comes after the language and script and before any
/// variant, extension or private-use part.
fn region(lang: &Language) -> Option<&str> {
    lang.as_str()
        .split('-')
        .skip(1)
        .take_while(|s| s.len() > 1)
        .find(|s| {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))
                || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// The languages of an `Accept-Language` header, most wanted first (ties keep the header's
/// order). Entries with `q=0`, the wildcard `*`, and anything unparsable are left out; only the
/// first [`MAX_ACCEPT_LANGUAGE_ENTRIES`] entries are read.
#[must_use]
pub fn parse_accept_language(header: &str) -> Vec<(Language, f32)> {
    let mut languages: Vec<(Language, f32)> = header
        .split(',')
        .take(MAX_ACCEPT_LANGUAGE_ENTRIES)
        .filter_map(|entry| {
            let mut parts = entry.split(';');
            let tag = parts.next()?.trim();
            let mut quality = 1.0;
            // RFC 9110 allows only `q` as a parameter; a few others are ignored, but a bad
            // `q` discards the entry, as the sender's intent is unknown.
            for param in parts.take(4) {
                let (name, value) = param.split_once('=')?;
                if name.trim().eq_ignore_ascii_case("q") {
                    quality = parse_quality(value)?;
                }
            }
            if tag == "*" || quality <= 0.0 {
                return None;
            }
            Some((Language::parse(tag).ok()?, quality))
        })
        .collect();
    languages.sort_by(|a, b| b.1.total_cmp(&a.1));
    languages
}

/// A `qvalue`: 0 to 1 with at most three decimals (RFC 9110 §12.4.2), read leniently.
fn parse_quality(value: &str) -> Option<f32> {
    let value = value.trim();
    if value.is_empty()
        || value.len() > 5
        || !value.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    {
        return None;
    }
    value
        .parse::<f32>()
        .ok()
        .filter(|q| (0.0..=1.0).contains(q))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language::parse(tag).unwrap()
    }

    fn langs(tags: &[&str]) -> Vec<Language> {
        tags.iter().map(|t| lang(t)).collect()
    }

    fn pick(
        url: Option<&str>,
        cookie: Option<&str>,
        accept: Option<&str>,
        enabled: &[&str],
    ) -> (String, LocaleSource) {
        let n = negotiate(url, cookie, accept, &langs(enabled), &lang("vi"));
        (n.locale.to_string(), n.source)
    }

    fn matched(requested: &str, enabled: &[&str]) -> Option<String> {
        best_match(&lang(requested), &langs(enabled)).map(ToString::to_string)
    }

    const SITE: &[&str] = &["vi", "en", "fa"];

    #[test]
    fn url_prefix_wins_over_everything() {
        let got = pick(Some("fa"), Some("en"), Some("en-US"), SITE);
        assert_eq!(got, ("fa".into(), LocaleSource::Url));
    }

    #[test]
    fn url_prefix_is_compared_case_insensitively_but_must_be_enabled_exactly() {
        let enabled = &["vi", "zh-Hans"];
        assert_eq!(
            pick(Some("ZH-hans"), None, None, enabled).1,
            LocaleSource::Url
        );
        assert_eq!(pick(Some("zh-Hans"), None, None, enabled).0, "zh-Hans");
        // A prefix is a path segment: near misses are not locales (the web crate answers 404
        // or treats it as a page), so negotiation goes on to the next source.
        assert_eq!(
            pick(Some("zh"), None, None, enabled).1,
            LocaleSource::Default
        );
        assert_eq!(
            pick(Some("fa-IR"), None, None, SITE).1,
            LocaleSource::Default
        );
        assert_eq!(pick(Some("de"), None, None, SITE).1, LocaleSource::Default);
        assert_eq!(
            pick(Some("search"), None, None, SITE).1,
            LocaleSource::Default
        );
    }

    #[test]
    fn cookie_wins_over_accept_language() {
        let got = pick(None, Some("fa"), Some("en"), SITE);
        assert_eq!(got, ("fa".into(), LocaleSource::Cookie));
    }

    #[test]
    fn cookie_matches_by_truncation() {
        assert_eq!(
            pick(None, Some("fa-IR"), None, SITE),
            ("fa".into(), LocaleSource::Cookie)
        );
    }

    #[test]
    fn unusable_cookie_falls_through_to_accept_language() {
        for cookie in ["", "de", "../../etc", "fa;q=1", "\u{202e}fa"] {
            let got = pick(None, Some(cookie), Some("en"), SITE);
            assert_eq!(
                got,
                ("en".into(), LocaleSource::AcceptLanguage),
                "cookie {cookie:?}"
            );
        }
    }

    #[test]
    fn accept_language_follows_q_values() {
        let got = pick(None, None, Some("en;q=0.5, fa;q=0.9, de"), SITE);
        assert_eq!(got, ("fa".into(), LocaleSource::AcceptLanguage));
        let got = pick(
            None,
            None,
            Some("de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7"),
            SITE,
        );
        assert_eq!(got, ("en".into(), LocaleSource::AcceptLanguage));
    }

    #[test]
    fn accept_language_keeps_header_order_between_equal_q_values() {
        assert_eq!(pick(None, None, Some("fa, en"), SITE).0, "fa");
        assert_eq!(pick(None, None, Some("en, fa"), SITE).0, "en");
        assert_eq!(pick(None, None, Some("en;q=0.8, fa;q=0.8"), SITE).0, "en");
    }

    #[test]
    fn accept_language_excludes_q_zero() {
        let got = pick(None, None, Some("fa;q=0, en;q=0.1"), SITE);
        assert_eq!(got.0, "en");
        let got = pick(None, None, Some("fa;q=0.000"), SITE);
        assert_eq!(got, ("vi".into(), LocaleSource::Default));
    }

    #[test]
    fn accept_language_skips_wildcards_and_bad_entries() {
        let parsed = parse_accept_language("*, fa;q=2, en;q=abc, vi;q=0.5;level=1, ,x;q=1, de-AT");
        let tags: Vec<(String, f32)> = parsed.iter().map(|(l, q)| (l.to_string(), *q)).collect();
        assert_eq!(tags, [("de-AT".to_owned(), 1.0), ("vi".to_owned(), 0.5)]);
    }

    #[test]
    fn accept_language_reads_a_bounded_number_of_entries() {
        let header = vec!["de"; 10_000].join(",") + ",fa";
        assert!(parse_accept_language(&header).len() <= MAX_ACCEPT_LANGUAGE_ENTRIES);
        assert_eq!(
            pick(None, None, Some(&header), SITE).1,
            LocaleSource::Default
        );
    }

    #[test]
    fn default_applies_when_nothing_matches() {
        assert_eq!(
            pick(None, None, None, SITE),
            ("vi".into(), LocaleSource::Default)
        );
        assert_eq!(
            pick(None, None, Some("de, ja"), SITE),
            ("vi".into(), LocaleSource::Default)
        );
    }

    #[test]
    fn requested_language_matches_by_truncation_and_primary_subtag() {
        assert_eq!(matched("fa-IR", SITE).as_deref(), Some("fa"));
        assert_eq!(matched("en-US", SITE).as_deref(), Some("en"));
        assert_eq!(matched("vi", SITE).as_deref(), Some("vi"));
        assert_eq!(matched("en", &["en-GB", "fa"]).as_deref(), Some("en-GB"));
        assert_eq!(matched("pt-PT", &["pt-BR"]).as_deref(), Some("pt-BR"));
        assert_eq!(matched("de", SITE), None);
    }

    #[test]
    fn exact_region_is_preferred_to_another_region() {
        assert_eq!(
            matched("pt-BR", &["pt-PT", "pt-BR"]).as_deref(),
            Some("pt-BR")
        );
        assert_eq!(matched("pt", &["pt-PT", "pt"]).as_deref(), Some("pt"));
    }

    #[test]
    fn chinese_regions_imply_their_script() {
        let both = &["zh-Hant", "zh-Hans", "en"];
        assert_eq!(matched("zh-CN", both).as_deref(), Some("zh-Hans"));
        assert_eq!(matched("zh-SG", both).as_deref(), Some("zh-Hans"));
        assert_eq!(matched("zh-TW", both).as_deref(), Some("zh-Hant"));
        assert_eq!(matched("zh-HK", both).as_deref(), Some("zh-Hant"));
        assert_eq!(matched("zh-MO", both).as_deref(), Some("zh-Hant"));
        assert_eq!(matched("zh-Hant-TW", both).as_deref(), Some("zh-Hant"));
        assert_eq!(matched("zh", both).as_deref(), Some("zh-Hans"));
    }

    #[test]
    fn chinese_is_not_served_in_the_other_script() {
        let simplified = &["zh-Hans", "en"];
        assert_eq!(matched("zh-TW", simplified), None);
        assert_eq!(matched("zh-Hant", simplified), None);
        assert_eq!(matched("zh-CN", simplified).as_deref(), Some("zh-Hans"));
        let traditional = &["zh-Hant", "en"];
        assert_eq!(matched("zh-CN", traditional), None);
        // A bare `zh` states no script, so either will do.
        assert_eq!(matched("zh", traditional).as_deref(), Some("zh-Hant"));
        let got = pick(
            None,
            None,
            Some("zh-TW, zh;q=0.9, en;q=0.5"),
            &["zh-Hans", "en"],
        );
        assert_eq!(got.0, "zh-Hans", "a later plain `zh` accepts either script");
        let got = pick(None, None, Some("zh-TW, en;q=0.5"), &["zh-Hans", "en"]);
        assert_eq!(got.0, "en");
    }

    #[test]
    fn q_values_are_read_leniently_but_within_range() {
        assert_eq!(parse_quality("0.8"), Some(0.8));
        assert_eq!(parse_quality(" 1 "), Some(1.0));
        assert_eq!(parse_quality("1.000"), Some(1.0));
        assert_eq!(parse_quality("0"), Some(0.0));
        for bad in [
            "",
            "1.5",
            "-0.5",
            "NaN",
            "inf",
            "1e-3",
            "0.0000001",
            "0x1",
            ".",
        ] {
            assert_eq!(parse_quality(bad), None, "{bad:?}");
        }
    }

    /// A small deterministic generator, so the hostile inputs are the same on every run.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn string(&mut self, alphabet: &[&str], max_len: u64) -> String {
            let len = self.next() % max_len;
            (0..len)
                .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize])
                .collect()
        }
    }

    #[test]
    fn hostile_input_never_panics() {
        let mut fixed: Vec<String> = [
            "",
            ",",
            ";",
            "=",
            ";q=",
            "q=1",
            ",,,,",
            ";;;;",
            "-",
            "--",
            "en-",
            "-en",
            "en--US",
            "en;q",
            "en;q=",
            "en;q==1",
            "en;q=1;q=0",
            "en;q=0.5=0.5",
            "*;q=1",
            "*-US",
            "en;Q=0.5",
            "fa;q=\u{0661}",
            "\u{0}",
            "en\u{0}",
            "zh-\u{5b57}",
            "\u{202e}fa",
            "\u{feff}en",
            "\u{1f600}",
            "x-private",
            "i-klingon",
            "en-u",
            "en-x",
            "a-b-c-d-e",
            "zh-Hant-TW-u-ca-chinese-x-foo",
            "zh-MO-",
            "ZH-tw",
            "e\u{301}n",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect();
        fixed.push("a".repeat(100_000));
        fixed.push("en-".repeat(40_000));
        fixed.push(";q=0.5".repeat(20_000));
        fixed.push(",".repeat(100_000));
        fixed.push(format!("{}, fa", "x".repeat(100_000)));
        fixed.push("\u{10ffff}".repeat(25_000));

        let alphabet = [
            "en", "fa", "vi", "zh", "Hant", "Hans", "TW", "CN", "-", "_", ",", ";", "q", "=", "0",
            "1", ".", "5", " ", "*", "\u{200c}", "\u{627}", "x", "u", "\t", "\u{0}", "é",
        ];
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
        let random = (0..5_000).map(|_| rng.string(&alphabet, 40));

        let enabled = langs(&["vi", "en", "fa", "zh-Hans", "zh-Hant"]);
        let default = lang("vi");
        for input in fixed.into_iter().chain(random) {
            let n = negotiate(Some(&input), Some(&input), Some(&input), &enabled, &default);
            assert!(enabled.contains(&n.locale), "{input:?} gave {n:?}");
            assert!(parse_accept_language(&input).len() <= MAX_ACCEPT_LANGUAGE_ENTRIES);
        }
    }
}
