//! Reading the response headers that steer polling: how long the answer stays fresh
//! (`Cache-Control`, `Expires`, `Age`), when to come back after a refusal (`Retry-After`), and
//! the validators for the next conditional request (`ETag`, `Last-Modified`).
//!
//! Everything here is tolerant: a header that cannot be read counts as absent, except an
//! unreadable `Expires`, which HTTP says means "already stale".

use std::time::{Duration, SystemTime};

use reqwest::header::{self, HeaderMap};

use crate::date::parse_date;

/// Longest freshness or retry delay believed; beyond that a server is joking (or hostile).
const MAX_DELAY: Duration = Duration::from_secs(365 * 24 * 3600);

/// A header's value as text, if present and readable.
pub(crate) fn text<'h>(headers: &'h HeaderMap, name: &header::HeaderName) -> Option<&'h str> {
    headers
        .get(name)?
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Seconds as a duration, capped.
fn seconds(raw: &str) -> Option<Duration> {
    let raw = raw.trim().trim_matches('"');
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Very long digit strings overflow u64: they are "a very long time".
    let secs = raw.parse::<u64>().unwrap_or(u64::MAX);
    Some(Duration::from_secs(secs).min(MAX_DELAY))
}

/// The reference "now" for a response: its `Date` header, else the local clock.
fn response_time(headers: &HeaderMap) -> SystemTime {
    text(headers, &header::DATE)
        .and_then(http_date)
        .unwrap_or_else(SystemTime::now)
}

/// An HTTP-date (IMF-fixdate, RFC 850 or asctime) as a system time.
pub(crate) fn http_date(raw: &str) -> Option<SystemTime> {
    let ts = parse_date(raw)?;
    SystemTime::try_from(ts).ok()
}

/// `later - earlier`, or zero when it is not later.
fn until(later: SystemTime, earlier: SystemTime) -> Duration {
    later
        .duration_since(earlier)
        .unwrap_or(Duration::ZERO)
        .min(MAX_DELAY)
}

/// `Retry-After`: delay-seconds, or an HTTP-date measured from the response's `Date` (or the
/// local clock).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let raw = text(headers, &header::RETRY_AFTER)?;
    seconds(raw).or_else(|| Some(until(http_date(raw)?, response_time(headers))))
}

/// How long the response may be reused without asking again: `s-maxage` (Herald is a shared
/// cache of sorts), else `max-age`, minus `Age`; else `Expires - Date`. `no-store` and
/// `no-cache` mean zero. `None` when the server said nothing.
pub(crate) fn freshness(headers: &HeaderMap) -> Option<Duration> {
    let mut max_age = None;
    let mut s_maxage = None;
    for value in headers.get_all(header::CACHE_CONTROL) {
        let Ok(value) = value.to_str() else { continue };
        for directive in value.split(',') {
            let (name, arg) = match directive.split_once('=') {
                Some((n, a)) => (n.trim(), Some(a)),
                None => (directive.trim(), None),
            };
            if name.eq_ignore_ascii_case("no-store") || name.eq_ignore_ascii_case("no-cache") {
                return Some(Duration::ZERO);
            }
            if name.eq_ignore_ascii_case("s-maxage") {
                s_maxage = s_maxage.or_else(|| arg.and_then(seconds));
            } else if name.eq_ignore_ascii_case("max-age") {
                max_age = max_age.or_else(|| arg.and_then(seconds));
            }
        }
    }
    if let Some(lifetime) = s_maxage.or(max_age) {
        let age = text(headers, &header::AGE)
            .and_then(seconds)
            .unwrap_or(Duration::ZERO);
        return Some(lifetime.saturating_sub(age));
    }
    let expires = text(headers, &header::EXPIRES).or_else(|| {
        // Present but empty is still "already stale".
        headers.get(header::EXPIRES).map(|_| "")
    })?;
    // An Expires that is not a date ("0", "-1") means already stale.
    Some(http_date(expires).map_or(Duration::ZERO, |at| until(at, response_time(headers))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn cache_control_wins_over_expires_and_age_is_subtracted() {
        let h = headers(&[
            ("cache-control", "public, max-age=600"),
            ("age", "100"),
            ("expires", "Thu, 01 Jan 2099 00:00:00 GMT"),
        ]);
        assert_eq!(freshness(&h), Some(Duration::from_secs(500)));
        let h = headers(&[("cache-control", "max-age=60, s-maxage=\"120\"")]);
        assert_eq!(freshness(&h), Some(Duration::from_secs(120)));
        let h = headers(&[
            ("cache-control", "max-age=60"),
            ("cache-control", "no-cache"),
        ]);
        assert_eq!(freshness(&h), Some(Duration::ZERO));
        let h = headers(&[("Cache-Control", "MAX-AGE=99999999999999999999999")]);
        assert_eq!(freshness(&h), Some(MAX_DELAY));
    }

    #[test]
    fn expires_is_measured_from_date_and_junk_is_stale() {
        let h = headers(&[
            ("date", "Tue, 05 Mar 2024 14:30:00 GMT"),
            ("expires", "Tue, 05 Mar 2024 15:00:00 GMT"),
        ]);
        assert_eq!(freshness(&h), Some(Duration::from_secs(1800)));
        let h = headers(&[("date", "Tue, 05 Mar 2024 14:30:00 GMT"), ("expires", "0")]);
        assert_eq!(freshness(&h), Some(Duration::ZERO));
        assert_eq!(freshness(&headers(&[])), None);
        assert_eq!(
            freshness(&headers(&[("cache-control", "public, max-age=x")])),
            None
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(
            retry_after(&headers(&[("retry-after", "120")])),
            Some(Duration::from_secs(120))
        );
        let h = headers(&[
            ("date", "Sun, 06 Nov 1994 08:49:37 GMT"),
            ("retry-after", "Sun, 06 Nov 1994 08:51:37 GMT"),
        ]);
        assert_eq!(retry_after(&h), Some(Duration::from_secs(120)));
        let h = headers(&[
            ("date", "Sun, 06 Nov 1994 08:49:37 GMT"),
            ("retry-after", "Sunday, 06-Nov-94 08:49:00 GMT"),
        ]);
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers(&[("retry-after", "soon")])), None);
        assert_eq!(retry_after(&headers(&[("retry-after", "-5")])), None);
    }
}
