//! The HTTP plumbing shared by engines that run on a server (LibreTranslate, OpenAI-compatible
//! chat APIs): one client per engine with a per-request timeout, a cap on concurrent requests,
//! a few retries with exponential backoff for answers that may pass (429, 5xx, a refused
//! connection), `Retry-After` honoured up to a cap, and an API key sent as a header.
//!
//! The key is a secret: it is never logged, never part of a URL, and every message this
//! module builds passes through [`HttpClient::redact`], so a server that echoes the key in an
//! error body cannot put it in Herald's logs. Outcomes map to [`EngineError`]: `Unavailable`
//! when retrying will not help (401, 403, 404), `Failed` when it might later (exhausted
//! retries, timeouts), `BadOutput` when the answer cannot be read.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use reqwest::{Client, Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::Semaphore;
use url::Url;

use crate::engine::EngineError;

/// Requests per call before giving up on answers that may pass: the first try and two retries.
pub const DEFAULT_ATTEMPTS: u32 = 3;

/// A secret API key. Its `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// A key given in the settings.
    #[must_use]
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The key in the environment variable `name`, if it is set and not blank.
    #[must_use]
    pub fn from_env(name: &str) -> Option<Self> {
        #[expect(
            clippy::disallowed_methods,
            reason = "operators keep API keys out of config files; the variable is named in Settings"
        )]
        let value = std::env::var(name).ok()?;
        let value = value.trim();
        (!value.is_empty()).then(|| Self(value.to_owned()))
    }

    /// The key from the settings, else from the environment variable they name.
    #[must_use]
    pub fn resolve(value: Option<&str>, env: Option<&str>) -> Option<Self> {
        value
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(Self::new)
            .or_else(|| env.and_then(Self::from_env))
    }

    pub(crate) fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

/// How the key travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyHeader {
    /// `Authorization: Bearer KEY` (OpenAI and most compatible servers).
    Bearer,
    /// The key as the whole value of the named header (`X-Api-Key`).
    Named(String),
}

/// How an engine talks to its server. [`Default`] gives the documented defaults.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// Time for one whole request, answer included. Defaults to 60 s.
    pub timeout: Duration,
    /// Time to open a connection. Defaults to 10 s.
    pub connect_timeout: Duration,
    /// Requests per call, retries included ([`DEFAULT_ATTEMPTS`]); zero counts as one.
    pub attempts: u32,
    /// Wait before the first retry, doubled for each one after it. Defaults to 500 ms.
    pub backoff: Duration,
    /// Longest wait a `Retry-After` can impose; longer ones are cut to this. Defaults to 30 s.
    pub max_retry_after: Duration,
    /// Requests in flight at once from this engine. Defaults to 4.
    pub concurrency: usize,
    /// The API key, if the server wants one. Defaults to none.
    pub api_key: Option<ApiKey>,
    /// The header that carries the key. Defaults to [`KeyHeader::Bearer`].
    pub key_header: KeyHeader,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            attempts: DEFAULT_ATTEMPTS,
            backoff: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(30),
            concurrency: 4,
            api_key: None,
            key_header: KeyHeader::Bearer,
        }
    }
}

/// A client for one engine's server. Cheap to clone: clones share the connection pool and
/// the concurrency cap.
#[derive(Clone)]
pub struct HttpClient {
    engine: Arc<str>,
    client: Client,
    settings: Arc<HttpSettings>,
    permits: Arc<Semaphore>,
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClient")
            .field("engine", &self.engine)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// What one request came to, before deciding whether to retry.
enum Attempt {
    Done(Vec<u8>),
    /// May pass: retry after the server's wait, if it gave one, else the backoff.
    Retry {
        message: String,
        after: Option<Duration>,
    },
    Fatal(EngineError),
}

impl HttpClient {
    /// Builds the client for the engine named `engine` (used in messages).
    ///
    /// Installs rustls' *ring* provider as the process default if none is installed yet.
    pub fn new(engine: &str, settings: HttpSettings) -> Result<Self, EngineError> {
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Err means another thread installed one first: that one is used, which is fine.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
        let mut headers = HeaderMap::new();
        if let Some(key) = &settings.api_key {
            let (name, value) = match &settings.key_header {
                KeyHeader::Bearer => (AUTHORIZATION, format!("Bearer {}", key.secret())),
                KeyHeader::Named(name) => (
                    HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                        EngineError::Unavailable(format!(
                            "{engine}: '{name}' is not a valid header name"
                        ))
                    })?,
                    key.secret().to_owned(),
                ),
            };
            let mut value = HeaderValue::from_str(&value).map_err(|_| {
                EngineError::Unavailable(format!(
                    "{engine}: the API key is not a valid header value"
                ))
            })?;
            value.set_sensitive(true);
            headers.insert(name, value);
        }
        let client = Client::builder()
            .default_headers(headers)
            .timeout(settings.timeout)
            .connect_timeout(settings.connect_timeout)
            .build()
            .map_err(|e| {
                EngineError::Unavailable(format!("{engine}: cannot build the HTTP client: {e}"))
            })?;
        let permits = Arc::new(Semaphore::new(settings.concurrency.max(1)));
        Ok(Self {
            engine: Arc::from(engine),
            client,
            settings: Arc::new(settings),
            permits,
        })
    }

    /// The settings the client was built with.
    #[must_use]
    pub fn settings(&self) -> &HttpSettings {
        &self.settings
    }

    /// The key, for protocols that also want it in the body (LibreTranslate's `api_key`).
    pub(crate) fn api_key(&self) -> Option<&ApiKey> {
        self.settings.api_key.as_ref()
    }

    /// `message` with every occurrence of the API key replaced by `[redacted]`.
    #[must_use]
    pub fn redact(&self, message: &str) -> String {
        match &self.settings.api_key {
            Some(key) if !key.secret().is_empty() => message.replace(key.secret(), "[redacted]"),
            _ => message.to_owned(),
        }
    }

    /// `GET url`, answer read as JSON.
    pub async fn get_json<T: DeserializeOwned>(&self, url: &Url) -> Result<T, EngineError> {
        let body = self.send(Method::GET, url, None).await?;
        self.parse(url, &body)
    }

    /// `POST url` with a JSON body, answer read as JSON.
    pub async fn post_json<B: Serialize + Sync, T: DeserializeOwned>(
        &self,
        url: &Url,
        body: &B,
    ) -> Result<T, EngineError> {
        let body = serde_json::to_vec(body).map_err(|e| {
            EngineError::Failed(format!("{}: cannot encode the request: {e}", self.engine))
        })?;
        let answer = self.send(Method::POST, url, Some(body)).await?;
        self.parse(url, &answer)
    }

    fn parse<T: DeserializeOwned>(&self, url: &Url, body: &[u8]) -> Result<T, EngineError> {
        serde_json::from_slice(body).map_err(|e| {
            EngineError::BadOutput(self.redact(&format!(
                "{} {}: unexpected answer ({e}): {}",
                self.engine,
                url.path(),
                first_chars(&String::from_utf8_lossy(body), 200)
            )))
        })
    }

    /// Sends with retries; returns the body of the first successful answer.
    async fn send(
        &self,
        method: Method,
        url: &Url,
        body: Option<Vec<u8>>,
    ) -> Result<Vec<u8>, EngineError> {
        let attempts = self.settings.attempts.max(1);
        let mut backoff = self.settings.backoff;
        let mut last = String::new();
        for attempt in 1..=attempts {
            let outcome = {
                let _permit = self.permits.acquire().await.map_err(|_| {
                    EngineError::Failed(format!("{}: the client was closed", self.engine))
                })?;
                self.once(method.clone(), url, body.clone()).await
            };
            match outcome {
                Attempt::Done(body) => return Ok(body),
                Attempt::Fatal(error) => return Err(error),
                Attempt::Retry { message, after } => {
                    last = message;
                    if attempt == attempts {
                        break;
                    }
                    let wait = after.map_or(backoff, |a| a.min(self.settings.max_retry_after));
                    tracing::debug!(
                        engine = %self.engine,
                        attempt,
                        wait_ms = wait.as_millis(),
                        reason = %last,
                        "retrying translation request"
                    );
                    tokio::time::sleep(wait).await;
                    backoff = backoff.saturating_mul(2);
                }
            }
        }
        Err(EngineError::Failed(format!(
            "{} {}: gave up after {attempts} attempts: {last}",
            self.engine,
            url.path()
        )))
    }

    async fn once(&self, method: Method, url: &Url, body: Option<Vec<u8>>) -> Attempt {
        let mut request = self.client.request(method, url.clone());
        if let Some(body) = body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        let where_ = format!("{} {}", self.engine, url.path());
        let response = match request.send().await {
            Ok(response) => response,
            Err(e) => return self.transport_error(&where_, e),
        };
        let status = response.status();
        let after = retry_after(response.headers());
        let body = match response.bytes().await {
            Ok(body) => body.to_vec(),
            Err(e) => return self.transport_error(&where_, e),
        };
        if status.is_success() {
            return Attempt::Done(body);
        }
        let text = String::from_utf8_lossy(&body);
        let message = self.redact(&format!(
            "{where_}: the server answered {status}: {}",
            first_chars(text.trim(), 300)
        ));
        match status {
            StatusCode::TOO_MANY_REQUESTS => Attempt::Retry { message, after },
            s if s.is_server_error() => Attempt::Retry { message, after },
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND => {
                Attempt::Fatal(EngineError::Unavailable(message))
            }
            _ => Attempt::Fatal(EngineError::Failed(message)),
        }
    }

    fn transport_error(&self, where_: &str, error: reqwest::Error) -> Attempt {
        // Without the URL: a base URL may carry credentials of its own.
        let timeout = error.is_timeout();
        let connect = error.is_connect();
        let message = self.redact(&format!("{where_}: {}", error.without_url()));
        if timeout {
            // A server too slow once is slow for the retry too; the caller's fallback engine
            // is a better use of the time.
            Attempt::Fatal(EngineError::Failed(format!(
                "{message} (timed out after {:.1} s)",
                self.settings.timeout.as_secs_f64()
            )))
        } else if connect {
            Attempt::Retry {
                message,
                after: None,
            }
        } else {
            Attempt::Fatal(EngineError::Failed(message))
        }
    }
}

/// The wait a `Retry-After` header asks for: seconds, or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(value)
        .ok()?;
    let now = jiff::Timestamp::try_from(SystemTime::now()).ok()?;
    let seconds = u64::try_from(at.as_second() - now.as_second()).unwrap_or(0);
    Some(Duration::from_secs(seconds))
}

fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(i, _)| &text[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn reads_retry_after_in_seconds_or_as_a_date() {
        assert_eq!(retry_after(&headers("3")), Some(Duration::from_secs(3)));
        assert_eq!(
            retry_after(&headers("Wed, 21 Oct 2015 07:28:00 GMT")),
            Some(Duration::ZERO),
            "a date in the past means now"
        );
        let later = jiff::Timestamp::try_from(SystemTime::now()).unwrap()
            + jiff::SignedDuration::from_secs(120);
        let date = jiff::fmt::rfc2822::DateTimePrinter::new()
            .timestamp_to_rfc9110_string(&later)
            .unwrap();
        let wait = retry_after(&headers(&date)).unwrap();
        assert!((Duration::from_secs(115)..=Duration::from_secs(120)).contains(&wait));
        assert_eq!(retry_after(&headers("soon")), None);
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }

    #[test]
    fn the_key_never_shows_in_debug_or_messages() {
        let client = HttpClient::new(
            "test",
            HttpSettings {
                api_key: Some(ApiKey::new("sk-secret-123")),
                ..HttpSettings::default()
            },
        )
        .unwrap();
        assert!(!format!("{client:?}").contains("sk-secret-123"));
        assert_eq!(
            client.redact("bad key sk-secret-123!"),
            "bad key [redacted]!"
        );
    }

    #[test]
    fn a_key_in_the_settings_wins_over_the_environment() {
        assert_eq!(
            ApiKey::resolve(Some(" k "), Some("HERALD_TEST_UNSET_VARIABLE")),
            Some(ApiKey::new("k"))
        );
        assert_eq!(
            ApiKey::resolve(Some(""), Some("HERALD_TEST_UNSET_VARIABLE")),
            None
        );
    }
}
