//! Canonical URLs, for dedupe and for storage.
//!
//! Two links to one article differ by tracking parameters, parameter order, a fragment, a
//! default port or the case of the host. [`canonical_url`] removes those differences and no
//! others: the path keeps its case (servers are case-sensitive), parameters that are not known
//! trackers stay, `www.` stays (it can be a different site), and values keep their own
//! percent-encoding.
//!
//! Text normalisation (NFC, keeping ZWNJ) is `herald_domain::text`'s job; this crate calls it
//! on every title, summary and name it produces.

use url::Url;

/// Query parameters that only track the reader, matched exactly (ASCII case-insensitive).
const TRACKING_PARAMS: &[&str] = &[
    "__hsfp",
    "__hssc",
    "__hstc",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "dclid",
    "fbclid",
    "gbraid",
    "gclid",
    "gclsrc",
    "igshid",
    "li_fat_id",
    "mc_cid",
    "mc_eid",
    "mkt_tok",
    "msclkid",
    "oly_anon_id",
    "oly_enc_id",
    "rb_clickid",
    "s_kwcid",
    "srsltid",
    "ttclid",
    "twclid",
    "vero_id",
    "wbraid",
    "wickedid",
    "yclid",
    "ysclid",
];

/// Prefixes of tracking parameter families: Google Analytics' `utm_*`, Matomo's `pk_*` and
/// `mtm_*`.
const TRACKING_PREFIXES: &[&str] = &["utm_", "pk_", "mtm_"];

/// Whether a query parameter name only tracks the reader (`utm_source`, `fbclid`, …).
#[must_use]
pub fn is_tracking_param(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    TRACKING_PARAMS.contains(&lower.as_str())
        || TRACKING_PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// The canonical form of a URL: scheme and host lowercased and default ports dropped (the
/// `url` crate's parsing already does both), the fragment dropped, tracking parameters
/// removed, the remaining parameters sorted by name (stable, so repeated names keep their
/// order), empty parameters and a trailing `?` removed. The path is never touched.
#[must_use]
pub fn canonical_url(url: &Url) -> Url {
    let mut url = url.clone();
    url.set_fragment(None);
    if let Some(query) = url.query() {
        let mut params: Vec<(String, &str)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let name = p.split_once('=').map_or(p, |(n, _)| n);
                let decoded: String = percent_decode(&name.replace('+', " "));
                (decoded, p)
            })
            .filter(|(name, _)| !name.is_empty() && !is_tracking_param(name))
            .collect();
        params.sort_by(|a, b| a.0.cmp(&b.0));
        if params.is_empty() {
            url.set_query(None);
        } else {
            let joined = params
                .iter()
                .map(|(_, raw)| *raw)
                .collect::<Vec<_>>()
                .join("&");
            url.set_query(Some(&joined));
        }
    }
    url
}

/// Parses and canonicalises a URL string; `None` if it is not an absolute `http(s)` URL.
#[must_use]
pub fn canonical_url_str(url: &str) -> Option<Url> {
    let url = Url::parse(url.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| canonical_url(&url))
}

/// Percent-decodes a parameter name (lossily: it is only compared, never output).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|b| (*b as char).to_digit(16)),
                bytes.get(i + 2).and_then(|b| (*b as char).to_digit(16)),
            )
        {
            out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        canonical_url(&Url::parse(s).unwrap()).to_string()
    }

    #[test]
    fn lowercases_scheme_and_host_and_drops_default_ports() {
        assert_eq!(
            canon("HTTPS://VnExpress.NET:443/Thoi-Su"),
            "https://vnexpress.net/Thoi-Su"
        );
        assert_eq!(canon("http://example.com:80/a"), "http://example.com/a");
        assert_eq!(
            canon("http://example.com:8080/a"),
            "http://example.com:8080/a"
        );
    }

    #[test]
    fn never_changes_the_case_of_the_path() {
        assert_eq!(
            canon("https://example.com/News/Article-ABC.html"),
            "https://example.com/News/Article-ABC.html"
        );
    }

    #[test]
    fn strips_tracking_parameters_and_fragments() {
        assert_eq!(
            canon("https://example.com/a?utm_source=rss&utm_MEDIUM=feed&id=7&fbclid=x&gclid=y#top"),
            "https://example.com/a?id=7"
        );
        assert_eq!(
            canon("https://example.com/a?mc_cid=1&mc_eid=2&igshid=3&yclid=4&_ga=5&pk_campaign=6"),
            "https://example.com/a"
        );
        assert_eq!(
            canon("https://example.com/a?%75tm_source=x&b=1"),
            "https://example.com/a?b=1"
        );
    }

    #[test]
    fn sorts_the_remaining_parameters_and_keeps_their_encoding() {
        assert_eq!(
            canon("https://example.com/s?q=Vi%E1%BB%87t+Nam&b=2&a=1&a=0"),
            "https://example.com/s?a=1&a=0&b=2&q=Vi%E1%BB%87t+Nam"
        );
    }

    #[test]
    fn removes_a_trailing_question_mark_and_empty_parameters() {
        assert_eq!(canon("https://example.com/a?"), "https://example.com/a");
        assert_eq!(canon("https://example.com/a?&&"), "https://example.com/a");
        assert_eq!(
            canon("https://example.com/a?x=1&&y=2&"),
            "https://example.com/a?x=1&y=2"
        );
    }

    #[test]
    fn two_spellings_of_one_article_agree() {
        let a = canon("https://Tuoitre.vn/bai-viet-123.htm?utm_source=facebook&ref=home#comments");
        let b = canon("https://tuoitre.vn:443/bai-viet-123.htm?ref=home");
        assert_eq!(a, b);
    }

    #[test]
    fn only_http_urls_are_canonical() {
        assert!(canonical_url_str("javascript:alert(1)").is_none());
        assert!(canonical_url_str("/relative").is_none());
        assert_eq!(
            canonical_url_str(" https://example.com/a?utm_campaign=x ").map(|u| u.to_string()),
            Some("https://example.com/a".to_owned())
        );
    }
}
