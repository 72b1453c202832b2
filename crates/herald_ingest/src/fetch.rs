//! Fetching feeds and pages from outlets: politely, safely, within bounds.
//!
//! Herald fetches URLs that come from outside — an editor's source list, feeds, redirects —
//! so the fetcher is where an outlet could hurt Herald (a gzip bomb, a server that never
//! finishes, a redirect into the cloud metadata service) and where Herald could hurt an outlet
//! (too many requests, ignoring robots.txt). [`Fetcher::get`] does one conditional GET with:
//!
//! - an **SSRF guard** ([`guard`]): only globally reachable addresses, checked on the address
//!   actually connected to (a DNS resolver that filters) and on every redirect hop; an
//!   operator's [`AddressAllowList`] lets chosen private addresses through;
//! - **limits**: connect, idle and total timeouts; the body capped raw and once decompressed,
//!   decompressed here incrementally so a bomb is stopped at the limit;
//! - **politeness**: one request at a time per host with a pause between them, robots.txt
//!   (cached per origin, with `Crawl-delay`), a User-Agent that says who we are;
//! - **conditional requests**: `If-None-Match` / `If-Modified-Since` from [`Validators`], and
//!   what the response says about freshness and `Retry-After`.
//!
//! TLS is rustls with the *ring* provider (the default aws-lc-rs needs cmake to build).
//! Proxies from the environment are ignored: a proxy would connect on our behalf and bypass
//! the guard.

mod body;
mod error;
pub mod guard;
mod headers;
mod polite;
mod robots;

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Client, StatusCode};
use tokio::time::Instant;
use url::Url;

use body::{BodyLimits, Overflow};
pub use error::{FetchError, TimeoutKind};
pub use guard::AddressAllowList;
use guard::{Guard, GuardedResolver, ResolveRefused};
use polite::Gates;
use robots::{Cached, Robots, RobotsCache, RobotsTxt};

/// How long a robots.txt answer (parsed, or "none": 4xx) is trusted.
pub const ROBOTS_TTL: Duration = Duration::from_secs(3600);
/// How long an unreachable robots.txt (5xx, 429, network error) keeps the site off-limits
/// before it is asked for again.
pub const ROBOTS_UNREACHABLE_TTL: Duration = Duration::from_secs(300);
/// The longest `Crawl-delay` honoured; a larger one is read as this.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);
/// Redirects followed for robots.txt (RFC 9309 asks for at least five).
const ROBOTS_MAX_REDIRECTS: u8 = 5;

/// What `Accept` says: feeds first, then pages, then anything.
const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
                      application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5";

/// How Herald fetches: identity, limits, politeness, and which private addresses are allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchPolicy {
    /// Sent on every request; its first word (`Herald`) is the product token robots.txt
    /// groups are matched against.
    pub user_agent: String,
    /// Longest time to open a connection (TCP and TLS).
    pub connect_timeout: Duration,
    /// Longest time for a whole fetch, redirects and body included (time spent waiting for a
    /// host's turn does not count).
    pub timeout: Duration,
    /// Longest silence: waiting for the response headers, or between two body chunks.
    pub read_timeout: Duration,
    /// Largest body, after decompression (the compressed body is capped at the same size).
    pub max_body_bytes: u64,
    /// Redirects followed before [`FetchError::TooManyRedirects`].
    pub max_redirects: u8,
    /// Shortest pause between the end of one request to a host and the start of the next.
    pub host_delay: Duration,
    /// Addresses allowed although private, loopback or otherwise refused.
    pub allow: AddressAllowList,
    /// Whether robots.txt is fetched and obeyed.
    pub respect_robots: bool,
}

impl Default for FetchPolicy {
    fn default() -> Self {
        Self {
            user_agent: default_user_agent(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            read_timeout: Duration::from_secs(10),
            max_body_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            host_delay: Duration::from_secs(1),
            allow: AddressAllowList::default(),
            respect_robots: true,
        }
    }
}

/// `Herald/<version> (+https://github.com/herald-news/herald; news aggregator)`.
#[must_use]
pub fn default_user_agent() -> String {
    format!(
        "Herald/{} (+https://github.com/herald-news/herald; news aggregator)",
        env!("CARGO_PKG_VERSION")
    )
}

/// What a previous response said to identify its version, sent back to ask "has it changed?".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// `ETag`, as received (quotes and `W/` included).
    pub etag: Option<String>,
    /// `Last-Modified`, as received.
    pub last_modified: Option<String>,
}

/// A successful fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// A 304 answered the conditional request: nothing changed, and `body` is empty.
    pub not_modified: bool,
    /// Where the content came from, after redirects.
    pub final_url: Url,
    /// `Content-Type`, as received.
    pub content_type: Option<String>,
    /// The body, decompressed.
    pub body: Vec<u8>,
    /// The response's validators; on a 304, the ones sent, updated by any the 304 carried.
    pub validators: Validators,
    /// How long the response may be reused: `Cache-Control` `s-maxage`/`max-age` (minus
    /// `Age`), else `Expires - Date`; zero for `no-store`/`no-cache`; `None` if unsaid.
    pub freshness: Option<Duration>,
}

/// The fetcher: a guarded HTTP client, the gates of the hosts, the robots.txt cache. Cheap to
/// clone (all clones share them), and meant to be made once per process.
#[derive(Debug, Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    policy: FetchPolicy,
    client: Client,
    guard: Arc<Guard>,
    gates: Gates,
    robots: RobotsCache,
    token: String,
}

/// Where one request of a fetch led.
enum Hop {
    Done(Fetched),
    Redirect(Url),
}

impl Fetcher {
    /// Builds the client for `policy`.
    ///
    /// Installs rustls' *ring* provider as the process default if none is installed yet.
    ///
    /// # Errors
    ///
    /// [`FetchError::InvalidPolicy`] if the User-Agent is not a valid header value or the
    /// client cannot be built.
    pub fn new(policy: FetchPolicy) -> Result<Self, FetchError> {
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Err means another thread installed one first: that one is used, which is fine.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
        let user_agent = HeaderValue::from_str(&policy.user_agent).map_err(|_| {
            FetchError::InvalidPolicy(format!(
                "the User-Agent '{}' is not a valid header value",
                policy.user_agent
            ))
        })?;
        let guard = Arc::new(Guard {
            allow: policy.allow.clone(),
        });
        let client = Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(GuardedResolver {
                guard: Arc::clone(&guard),
            })
            .connect_timeout(policy.connect_timeout)
            .timeout(policy.timeout)
            .user_agent(user_agent)
            .pool_idle_timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| FetchError::InvalidPolicy(format!("cannot build the client: {e}")))?;
        let longest_delay = policy.host_delay.max(MAX_CRAWL_DELAY);
        Ok(Self {
            inner: Arc::new(Inner {
                token: robots::product_token(&policy.user_agent),
                policy,
                client,
                guard,
                gates: Gates::new(longest_delay),
                robots: RobotsCache::default(),
            }),
        })
    }

    /// The policy this fetcher was built with.
    #[must_use]
    pub fn policy(&self) -> &FetchPolicy {
        &self.inner.policy
    }

    /// Fetches `url` with a conditional GET, following redirects.
    ///
    /// # Errors
    ///
    /// Every [`FetchError`]: see its variants. Nothing here panics, whatever the server does.
    pub async fn get(&self, url: &Url, validators: &Validators) -> Result<Fetched, FetchError> {
        let policy = &self.inner.policy;
        let mut budget = policy.timeout;
        let mut current = url.clone();
        for _ in 0..=policy.max_redirects {
            let limits = Limits {
                max_bytes: policy.max_body_bytes,
                overflow: Overflow::Refuse,
            };
            match self
                .hop(
                    &current,
                    Some(validators),
                    &mut budget,
                    limits,
                    policy.respect_robots,
                )
                .await?
            {
                Hop::Done(fetched) => return Ok(fetched),
                Hop::Redirect(next) => current = next,
            }
        }
        Err(FetchError::TooManyRedirects { url: current })
    }

    /// One request of a fetch: checks, robots, the host's turn, the exchange.
    async fn hop(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        budget: &mut Duration,
        limits: Limits,
        obey_robots: bool,
    ) -> Result<Hop, FetchError> {
        check_scheme(url)?;
        guard::check_url_host(&self.inner.guard, url)?;
        let host_delay = self.inner.policy.host_delay;
        let delay = if obey_robots {
            let robots = self.robots_for(url).await?;
            if !robots.robots.allows(url) {
                return Err(if matches!(*robots.robots, Robots::Unreachable) {
                    FetchError::RobotsUnreachable {
                        url: url.clone(),
                        retry_after: robots
                            .until
                            .saturating_duration_since(Instant::now())
                            .max(Duration::from_secs(1)),
                    }
                } else {
                    FetchError::RobotsDisallowed { url: url.clone() }
                });
            }
            robots
                .robots
                .crawl_delay()
                .map_or(host_delay, |d| d.min(MAX_CRAWL_DELAY).max(host_delay))
        } else {
            host_delay
        };
        self.send(url, validators, budget, limits, delay).await
    }

    /// Checks the URL, waits for the host's turn, exchanges (no robots.txt: this is how
    /// robots.txt itself is fetched).
    async fn send(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        budget: &mut Duration,
        limits: Limits,
        delay: Duration,
    ) -> Result<Hop, FetchError> {
        check_scheme(url)?;
        guard::check_url_host(&self.inner.guard, url)?;
        if budget.is_zero() {
            return Err(FetchError::Timeout {
                url: url.clone(),
                what: TimeoutKind::Total,
            });
        }
        let _pass = self.inner.gates.enter(&host_key(url), delay).await;
        let started = Instant::now();
        let result = self
            .exchange(url, validators, started + *budget, limits)
            .await;
        *budget = budget.saturating_sub(started.elapsed());
        result
    }

    /// Sends the request and reads the answer.
    async fn exchange(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        deadline: Instant,
        limits: Limits,
    ) -> Result<Hop, FetchError> {
        let policy = &self.inner.policy;
        let mut request = self
            .inner
            .client
            .get(url.clone())
            .header(header::ACCEPT, ACCEPT)
            .header(header::ACCEPT_ENCODING, "gzip, deflate");
        if let Some(v) = validators {
            for (name, value) in [
                (header::IF_NONE_MATCH, &v.etag),
                (header::IF_MODIFIED_SINCE, &v.last_modified),
            ] {
                if let Some(value) = value.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
                    request = request.header(name, value);
                }
            }
        }
        let (wait, kind) = body::wait_for(
            policy.read_timeout.saturating_add(policy.connect_timeout),
            deadline,
        );
        let mut response = match tokio::time::timeout(wait, request.send()).await {
            Err(_) => {
                return Err(FetchError::Timeout {
                    url: url.clone(),
                    what: kind,
                });
            }
            Ok(Err(e)) => return Err(network_error(url, &e)),
            Ok(Ok(response)) => response,
        };
        let status = response.status();
        let headers = response.headers().clone();
        if is_redirect(status) {
            let next = headers::text(&headers, &header::LOCATION)
                .and_then(|location| url.join(location).ok())
                .ok_or(FetchError::Http {
                    status: status.as_u16(),
                    retry_after: None,
                })?;
            check_scheme(&next)?;
            return Ok(Hop::Redirect(next));
        }
        if status == StatusCode::NOT_MODIFIED {
            let sent = validators.cloned().unwrap_or_default();
            let got = validators_of(&headers);
            return Ok(Hop::Done(Fetched {
                not_modified: true,
                final_url: url.clone(),
                content_type: headers::text(&headers, &header::CONTENT_TYPE).map(str::to_owned),
                body: Vec::new(),
                validators: Validators {
                    etag: got.etag.or(sent.etag),
                    last_modified: got.last_modified.or(sent.last_modified),
                },
                freshness: headers::freshness(&headers),
            }));
        }
        if !status.is_success() {
            return Err(FetchError::Http {
                status: status.as_u16(),
                retry_after: headers::retry_after(&headers),
            });
        }
        if limits.overflow == Overflow::Refuse
            && response
                .content_length()
                .is_some_and(|len| len > limits.max_bytes)
        {
            return Err(FetchError::TooLarge {
                limit: limits.max_bytes,
            });
        }
        let coding = body::coding(&headers)?;
        let body = body::read(
            &mut response,
            coding,
            url,
            BodyLimits {
                max_bytes: limits.max_bytes,
                overflow: limits.overflow,
                idle: policy.read_timeout,
                deadline,
            },
        )
        .await?;
        Ok(Hop::Done(Fetched {
            not_modified: false,
            final_url: url.clone(),
            content_type: headers::text(&headers, &header::CONTENT_TYPE).map(str::to_owned),
            body,
            validators: validators_of(&headers),
            freshness: headers::freshness(&headers),
        }))
    }

    /// The robots.txt answer for `url`'s origin, fetched if not cached or expired.
    async fn robots_for(&self, url: &Url) -> Result<Cached, FetchError> {
        let origin = url.origin().ascii_serialization();
        let slot = self.inner.robots.slot(&origin);
        let mut cached = slot.lock().await;
        if let Some(c) = cached.as_ref().filter(|c| c.until > Instant::now()) {
            return Ok(c.clone());
        }
        let robots = self.fetch_robots(url).await?;
        let ttl = if matches!(robots, Robots::Unreachable) {
            ROBOTS_UNREACHABLE_TTL
        } else {
            ROBOTS_TTL
        };
        let fresh = Cached {
            robots: Arc::new(robots),
            until: Instant::now() + ttl,
        };
        *cached = Some(fresh.clone());
        Ok(fresh)
    }

    /// Fetches and reads robots.txt for `page`'s origin, as RFC 9309 says: 2xx is parsed, 4xx
    /// allows everything, 5xx (and 429) or no answer disallows everything.
    async fn fetch_robots(&self, page: &Url) -> Result<Robots, FetchError> {
        let mut current = page.clone();
        current.set_path("/robots.txt");
        current.set_query(None);
        current.set_fragment(None);
        // Cannot fail for http(s) URLs, which are all that get here.
        let _ = current.set_username("");
        let _ = current.set_password(None);
        let origin = current.origin();
        let mut budget = self.inner.policy.timeout;
        for _ in 0..=ROBOTS_MAX_REDIRECTS {
            let limits = Limits {
                max_bytes: robots::MAX_ROBOTS_BYTES,
                overflow: Overflow::Truncate,
            };
            let delay = self.inner.policy.host_delay;
            match self.send(&current, None, &mut budget, limits, delay).await {
                Ok(Hop::Redirect(next)) => current = next,
                Ok(Hop::Done(fetched)) => {
                    return Ok(Robots::Rules(RobotsTxt::parse(
                        &fetched.body,
                        &self.inner.token,
                    )));
                }
                Err(FetchError::Http { status, .. }) if status == 429 || status >= 500 => {
                    return Ok(Robots::Unreachable);
                }
                Err(FetchError::Http { .. }) => return Ok(Robots::AllowAll),
                // The page's own host is refused: so is the page.
                Err(FetchError::Blocked { addr, reason, url }) if url.origin() == origin => {
                    return Err(FetchError::Blocked {
                        url: Box::new(page.clone()),
                        addr,
                        reason,
                    });
                }
                // A redirect elsewhere that cannot be followed: no usable robots.txt.
                Err(
                    FetchError::Blocked { .. }
                    | FetchError::UnsupportedScheme(_)
                    | FetchError::InvalidUrl(_),
                ) => return Ok(Robots::AllowAll),
                Err(_) => return Ok(Robots::Unreachable),
            }
        }
        Ok(Robots::AllowAll)
    }
}

/// Body limits of one kind of fetch.
#[derive(Debug, Clone, Copy)]
struct Limits {
    max_bytes: u64,
    overflow: Overflow,
}

fn is_redirect(status: StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

fn check_scheme(url: &Url) -> Result<(), FetchError> {
    match url.scheme() {
        "http" | "https" => Ok(()),
        other => Err(FetchError::UnsupportedScheme(other.to_owned())),
    }
}

/// `host:port`, the unit of politeness.
fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or_default()
    )
}

fn validators_of(headers: &HeaderMap) -> Validators {
    Validators {
        etag: headers::text(headers, &header::ETAG).map(str::to_owned),
        last_modified: headers::text(headers, &header::LAST_MODIFIED).map(str::to_owned),
    }
}

/// A reqwest error as a [`FetchError`]: a refusal by the resolver becomes
/// [`FetchError::Blocked`], timeouts [`FetchError::Timeout`], the rest a readable
/// [`FetchError::Network`].
fn network_error(url: &Url, error: &reqwest::Error) -> FetchError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    let mut deepest = error.to_string();
    while let Some(e) = source {
        if let Some(refused) = e.downcast_ref::<ResolveRefused>() {
            let addr = if refused.addr.is_unspecified() {
                refused.host.clone()
            } else {
                refused.addr.to_string()
            };
            return FetchError::Blocked {
                url: Box::new(url.clone()),
                addr,
                reason: refused.reason,
            };
        }
        deepest = e.to_string();
        source = e.source();
    }
    if error.is_timeout() {
        return FetchError::Timeout {
            url: url.clone(),
            what: if error.is_connect() {
                TimeoutKind::Connect
            } else {
                TimeoutKind::Total
            },
        };
    }
    let host = url.host_str().unwrap_or("the host");
    if error.is_connect() {
        FetchError::Network(format!("cannot connect to {host}: {deepest}"))
    } else {
        FetchError::Network(format!("{host}: {deepest}"))
    }
}
