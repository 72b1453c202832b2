//! Why a fetch failed, in words an editor can read on a source's health page, and what the
//! pipeline should do about it (retry later, or stop and tell someone).

use std::fmt;
use std::time::Duration;

use url::Url;

/// Why a fetch failed.
///
/// `Display` is a short reason for editors and logs ("refused: 169.254.169.254 is a
/// link-local address"); [`FetchError::is_permanent`] and [`FetchError::retry_after`] tell the
/// pipeline whether and when to try again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The address is not a URL Herald can fetch (no host, unparseable…).
    #[error("invalid URL: {0}")]
    InvalidUrl(String),
    /// Only `http` and `https` are fetched.
    #[error("unsupported scheme '{0}': only http and https are fetched")]
    UnsupportedScheme(String),
    /// The SSRF guard refused the address: a private, loopback, link-local… address, or a
    /// cloud metadata host name, not on the allow-list.
    #[error("refused: {addr} is {reason}")]
    Blocked {
        /// The URL being fetched (the redirect target, for a refused redirect); boxed to
        /// keep the error small.
        url: Box<Url>,
        /// The refused address or host name.
        addr: String,
        /// What it is, as a phrase ("a link-local address").
        reason: &'static str,
    },
    /// The outlet's robots.txt does not let Herald fetch this URL.
    #[error("robots.txt of {} disallows {}", host_of(url), url.path())]
    RobotsDisallowed {
        /// The disallowed URL.
        url: Url,
    },
    /// The outlet's robots.txt could not be read (a 5xx, 429, a timeout…): RFC 9309 says to
    /// treat the site as disallowed until it can be read again.
    #[error(
        "robots.txt of {} is unreachable, so the site is off-limits for now",
        host_of(url)
    )]
    RobotsUnreachable {
        /// The URL that was not fetched.
        url: Url,
        /// When robots.txt will be asked for again.
        retry_after: Duration,
    },
    /// More redirects than [`super::FetchPolicy::max_redirects`] (or a loop).
    #[error("too many redirects (last: {url})")]
    TooManyRedirects {
        /// The last redirect target.
        url: Url,
    },
    /// The body (raw, or once decompressed) is larger than the limit.
    #[error("the response is larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The outlet took too long.
    #[error("timed out: {what} ({url})")]
    Timeout {
        /// The URL being fetched.
        url: Url,
        /// Which limit was hit.
        what: TimeoutKind,
    },
    /// The outlet answered with an error status (or a redirect without a usable `Location`).
    #[error("HTTP {status}{}", reason_phrase(*status))]
    Http {
        /// The status code.
        status: u16,
        /// The `Retry-After` the response carried, if any.
        retry_after: Option<Duration>,
    },
    /// The body could not be decompressed, or uses an encoding Herald did not ask for.
    #[error("cannot decode the response: {0}")]
    Decode(String),
    /// Name resolution, connection, TLS or transfer failed.
    #[error("network error: {0}")]
    Network(String),
    /// The [`super::FetchPolicy`] itself is not usable (a bad allow-list entry, a
    /// User-Agent that is not a valid header…).
    #[error("invalid fetch settings: {0}")]
    InvalidPolicy(String),
}

/// Which time limit a [`FetchError::Timeout`] hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeoutKind {
    /// Connecting (TCP and TLS) took longer than `connect_timeout`.
    Connect,
    /// The server sent nothing for longer than `read_timeout`, before or during the body.
    Idle,
    /// The whole request took longer than `timeout`.
    Total,
}

impl fmt::Display for TimeoutKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Connect => "could not connect in time",
            Self::Idle => "the server stopped sending",
            Self::Total => "the response took too long",
        })
    }
}

fn host_of(url: &Url) -> &str {
    url.host_str().unwrap_or("the site")
}

/// " Not Found" for 404, "" for codes without a well-known phrase.
fn reason_phrase(status: u16) -> String {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(|r| format!(" {r}"))
        .unwrap_or_default()
}

impl FetchError {
    /// How long to wait before trying again, when the server (or robots.txt's state) said.
    #[must_use]
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Http { retry_after, .. } => *retry_after,
            Self::RobotsUnreachable { retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }

    /// Whether trying again later cannot help without someone changing something: the URL
    /// is invalid or refused, robots.txt forbids it, the outlet says the page is gone
    /// (400, 404, 405, 410, 414, 451, 501), it loops through redirects or is too large.
    /// Timeouts, network errors, 5xx, 429, 401/403 (often temporary bot walls) are not.
    #[must_use]
    pub fn is_permanent(&self) -> bool {
        match self {
            Self::InvalidUrl(_)
            | Self::UnsupportedScheme(_)
            | Self::Blocked { .. }
            | Self::RobotsDisallowed { .. }
            | Self::TooManyRedirects { .. }
            | Self::TooLarge { .. }
            | Self::InvalidPolicy(_) => true,
            Self::Http { status, .. } => {
                matches!(status, 300..=399 | 400 | 404 | 405 | 410 | 414 | 451 | 501)
            }
            Self::RobotsUnreachable { .. }
            | Self::Timeout { .. }
            | Self::Decode(_)
            | Self::Network(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_as_short_sentences() {
        let url = Url::parse("http://169.254.169.254/latest").expect("url");
        let blocked = FetchError::Blocked {
            url: Box::new(url.clone()),
            addr: "169.254.169.254".into(),
            reason: "a link-local address",
        };
        assert_eq!(
            blocked.to_string(),
            "refused: 169.254.169.254 is a link-local address"
        );
        let http = FetchError::Http {
            status: 404,
            retry_after: None,
        };
        assert_eq!(http.to_string(), "HTTP 404 Not Found");
        assert!(http.is_permanent());
        let busy = FetchError::Http {
            status: 503,
            retry_after: Some(Duration::from_secs(5)),
        };
        assert!(!busy.is_permanent());
        assert_eq!(busy.retry_after(), Some(Duration::from_secs(5)));
        assert_eq!(
            FetchError::RobotsDisallowed { url }.to_string(),
            "robots.txt of 169.254.169.254 disallows /latest"
        );
    }
}
