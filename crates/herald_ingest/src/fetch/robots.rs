//! robots.txt (RFC 9309): what an outlet lets Herald fetch, and how slowly.
//!
//! Written here rather than taken from a crate because the rules are short and the details
//! matter: every group naming our product token is merged (not only the first), `*` groups
//! apply only when none names us, the longest matching rule wins with `Allow` winning a tie,
//! `*` and `$` are wildcards, and a hostile file (huge, binary, millions of wildcards) costs
//! bounded time. `Crawl-delay`, not in the RFC but widely used, is read from the same groups.
//!
//! [`RobotsCache`] keeps one answer per origin with the time it expires; what to do with HTTP
//! statuses (2xx parse, 4xx allow all, 5xx and unreachable disallow all for a while) is
//! decided by the fetcher, which owns the client.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;
use url::Url;

/// The most of a robots.txt that is read (RFC 9309 asks for at least 500 KiB).
pub(crate) const MAX_ROBOTS_BYTES: u64 = 512 * 1024;

/// Rules kept per file; a file with more is cut there.
const MAX_RULES: usize = 4096;

/// Patterns longer than this are ignored (no real path rule is this long).
const MAX_PATTERN: usize = 2048;

/// One `Allow` or `Disallow` line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    /// Normalised pattern (percent-escapes in upper case, non-ASCII escaped).
    pattern: Vec<u8>,
    allow: bool,
}

/// The rules of one robots.txt that apply to one product token.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RobotsTxt {
    rules: Vec<Rule>,
    /// `Crawl-delay` of the applicable groups, in seconds.
    pub(crate) crawl_delay: Option<Duration>,
}

/// What is known of an origin's robots.txt.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Robots {
    /// No robots.txt (4xx): everything is allowed.
    AllowAll,
    /// robots.txt could not be read (5xx, 429, network): nothing is allowed for now.
    Unreachable,
    /// Parsed rules.
    Rules(RobotsTxt),
}

impl Robots {
    /// Whether `url` may be fetched.
    pub(crate) fn allows(&self, url: &Url) -> bool {
        match self {
            Self::AllowAll => true,
            Self::Unreachable => false,
            Self::Rules(txt) => txt.allows(url),
        }
    }

    /// The `Crawl-delay`, if any.
    pub(crate) fn crawl_delay(&self) -> Option<Duration> {
        match self {
            Self::Rules(txt) => txt.crawl_delay,
            Self::AllowAll | Self::Unreachable => None,
        }
    }
}

/// The product token a User-Agent starts with (`Herald/0.1 (+…)` → `Herald`).
pub(crate) fn product_token(user_agent: &str) -> String {
    let token: String = user_agent
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if token.is_empty() {
        "Herald".to_owned()
    } else {
        token
    }
}

/// What a line says.
enum Line<'a> {
    UserAgent(&'a str),
    Allow(&'a str),
    Disallow(&'a str),
    CrawlDelay(&'a str),
    Other,
}

fn classify(line: &str) -> Line<'_> {
    let line = line.split('#').next().unwrap_or("").trim();
    let Some((key, value)) = line.split_once(':') else {
        return Line::Other;
    };
    let value = value.trim();
    let key: String = key
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    match key.as_str() {
        "user-agent" | "useragent" | "user_agent" => Line::UserAgent(value),
        "allow" => Line::Allow(value),
        "disallow" | "dissallow" | "dissalow" | "disalow" | "diasllow" | "disallaw" => {
            Line::Disallow(value)
        }
        "crawl-delay" | "crawldelay" => Line::CrawlDelay(value),
        _ => Line::Other,
    }
}

/// Whether a `User-agent` value names `token` (its own product token, compared without case).
fn names(value: &str, token: &str) -> bool {
    let theirs = value
        .split(|c: char| c == '/' || c.is_whitespace())
        .next()
        .unwrap_or("");
    theirs.eq_ignore_ascii_case(token)
}

/// Percent-escapes non-ASCII and control bytes, and puts existing escapes in upper case, so a
/// pattern and a path compare octet by octet.
fn normalise(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if b == b'%'
            && i + 2 < raw.len()
            && raw[i + 1].is_ascii_hexdigit()
            && raw[i + 2].is_ascii_hexdigit()
        {
            out.push(b'%');
            out.push(raw[i + 1].to_ascii_uppercase());
            out.push(raw[i + 2].to_ascii_uppercase());
            i += 3;
            continue;
        }
        if !(0x21..=0x7E).contains(&b) {
            out.extend_from_slice(format!("%{b:02X}").as_bytes());
        } else {
            out.push(b);
        }
        i += 1;
    }
    out
}

impl RobotsTxt {
    /// Reads a robots.txt for `token`. Never fails: what cannot be read is skipped, as the RFC
    /// asks.
    pub(crate) fn parse(bytes: &[u8], token: &str) -> Self {
        let text = String::from_utf8_lossy(bytes);
        let mut ours = Self::default();
        let mut star = Self::default();
        let mut named_us = false;
        // The current group: does it name us, does it name `*`; and whether the previous line
        // was a user-agent line (consecutive ones form one group).
        let (mut in_ours, mut in_star, mut after_agent) = (false, false, false);
        for line in text.split(['\n', '\r']) {
            match classify(line) {
                Line::UserAgent(value) => {
                    if !after_agent {
                        in_ours = false;
                        in_star = false;
                    }
                    after_agent = true;
                    if names(value, token) {
                        in_ours = true;
                        named_us = true;
                    } else if value.trim() == "*" {
                        in_star = true;
                    }
                }
                line @ (Line::Allow(_) | Line::Disallow(_)) => {
                    after_agent = false;
                    let (value, allow) = match line {
                        Line::Allow(v) => (v, true),
                        Line::Disallow(v) => (v, false),
                        _ => continue,
                    };
                    for (hit, target) in [(in_ours, &mut ours), (in_star, &mut star)] {
                        if hit {
                            target.push_rule(value, allow);
                        }
                    }
                }
                Line::CrawlDelay(value) => {
                    after_agent = false;
                    let delay = value
                        .parse::<f64>()
                        .ok()
                        .filter(|d| d.is_finite() && *d >= 0.0)
                        .map(|d| Duration::from_secs_f64(d.min(86_400.0)));
                    for (hit, target) in [(in_ours, &mut ours), (in_star, &mut star)] {
                        if hit && target.crawl_delay.is_none() {
                            target.crawl_delay = delay;
                        }
                    }
                }
                Line::Other => {}
            }
        }
        if named_us { ours } else { star }
    }

    fn push_rule(&mut self, value: &str, allow: bool) {
        // An empty Disallow allows everything; an empty Allow says nothing.
        if value.is_empty() || value.len() > MAX_PATTERN || self.rules.len() >= MAX_RULES {
            return;
        }
        let mut pattern = normalise(value.as_bytes());
        if !pattern.starts_with(b"/") && !pattern.starts_with(b"*") {
            pattern.insert(0, b'/');
        }
        self.rules.push(Rule { pattern, allow });
    }

    /// Whether `url` may be fetched: the longest matching rule decides, `Allow` wins a tie,
    /// no matching rule allows. `/robots.txt` itself is always allowed.
    pub(crate) fn allows(&self, url: &Url) -> bool {
        let mut target = url.path().to_owned();
        if let Some(query) = url.query() {
            target.push('?');
            target.push_str(query);
        }
        if target == "/robots.txt" {
            return true;
        }
        let target = normalise(target.as_bytes());
        let mut best: Option<(usize, bool)> = None;
        for rule in &self.rules {
            if !matches(&rule.pattern, &target) {
                continue;
            }
            let len = rule.pattern.len();
            best = match best {
                Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                _ => Some((len, rule.allow)),
            };
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Whether `pattern` (with `*` for any run and a final `$` for the end) matches the start of
/// `path`. Iterative, with one backtrack point: linear in practice, `len × len` at worst.
fn matches(pattern: &[u8], path: &[u8]) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix(b"$") {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let (mut p, mut s) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    loop {
        if p == pattern.len() {
            if !anchored || s == path.len() {
                return true;
            }
        } else if pattern[p] == b'*' {
            star = Some((p, s));
            p += 1;
            continue;
        } else if s < path.len() && pattern[p] == path[s] {
            p += 1;
            s += 1;
            continue;
        }
        // Mismatch (or anchored end not reached): let the last `*` eat one more byte.
        match star {
            Some((sp, ss)) if ss < path.len() => {
                star = Some((sp, ss + 1));
                p = sp + 1;
                s = ss + 1;
            }
            _ => return false,
        }
    }
}

/// One origin's answer and until when it holds.
#[derive(Debug, Clone)]
pub(crate) struct Cached {
    pub(crate) robots: Arc<Robots>,
    pub(crate) until: Instant,
}

/// Slot of one origin: locked while its robots.txt is being fetched, so concurrent requests
/// wait for one fetch instead of each making their own.
pub(crate) type Slot = Arc<tokio::sync::Mutex<Option<Cached>>>;

/// robots.txt answers per origin (`https://example.com:443`).
#[derive(Debug, Default)]
pub(crate) struct RobotsCache {
    slots: Mutex<HashMap<String, Slot>>,
}

/// Above this many origins, expired and idle entries are dropped.
const PRUNE_ABOVE: usize = 512;

impl RobotsCache {
    /// The slot of an origin, created if needed.
    pub(crate) fn slot(&self, origin: &str) -> Slot {
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        if slots.len() > PRUNE_ABOVE && !slots.contains_key(origin) {
            let now = Instant::now();
            slots.retain(|_, slot| {
                Arc::strong_count(slot) > 1
                    || slot
                        .try_lock()
                        .map_or(true, |c| c.as_ref().is_some_and(|c| c.until > now))
            });
        }
        Arc::clone(slots.entry(origin.to_owned()).or_default())
    }

    /// How many origins are remembered.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.slots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(path: &str) -> Url {
        Url::parse(&format!("https://example.com{path}")).expect("url")
    }

    fn allowed(txt: &str, path: &str) -> bool {
        RobotsTxt::parse(txt.as_bytes(), "Herald").allows(&url(path))
    }

    #[test]
    fn the_longest_match_wins_and_allow_wins_ties() {
        let txt = "User-agent: *\nDisallow: /news\nAllow: /news/public\nDisallow: /a\nAllow: /a\n";
        assert!(!allowed(txt, "/news/x"));
        assert!(allowed(txt, "/news/public/1"));
        assert!(allowed(txt, "/a"));
        assert!(allowed(txt, "/other"));
        assert!(allowed(txt, "/robots.txt"));
    }

    #[test]
    fn groups_naming_us_are_merged_and_replace_the_star_group() {
        let txt = "User-agent: *\nDisallow: /\n\nUser-agent: herald/2.0\nDisallow: /private\n\n\
                   User-agent: Other\nUser-agent: HERALD\nDisallow: /secret\nCrawl-delay: 2.5\n";
        let robots = RobotsTxt::parse(txt.as_bytes(), "Herald");
        assert!(robots.allows(&url("/")));
        assert!(!robots.allows(&url("/private/x")));
        assert!(!robots.allows(&url("/secret")));
        assert_eq!(robots.crawl_delay, Some(Duration::from_millis(2500)));
        // Another bot falls back to `*`.
        assert!(!RobotsTxt::parse(txt.as_bytes(), "Nobody").allows(&url("/")));
    }

    #[test]
    fn wildcards_anchors_queries_and_escapes_match() {
        let txt = "User-agent: *\nDisallow: /*.pdf$\nDisallow: /search?q=\nDisallow: /caf%c3%a9\nDisallow: /ü\nDisallow: /empty-allow\nAllow:\nDisallow:\n";
        assert!(!allowed(txt, "/files/report.pdf"));
        assert!(allowed(txt, "/files/report.pdf?x=1"));
        assert!(!allowed(txt, "/search?q=war"));
        assert!(allowed(txt, "/search"));
        assert!(!allowed(txt, "/café"));
        assert!(!allowed(txt, "/ü/x"));
        assert!(!allowed(txt, "/empty-allow"));
    }

    #[test]
    fn rules_before_any_user_agent_and_junk_lines_are_ignored() {
        let txt = "Disallow: /\n<html><body>Not found</body></html>\n\0\0garbage: yes\n";
        assert!(allowed(txt, "/anything"));
        assert!(allowed("", "/"));
    }

    #[test]
    fn hostile_patterns_cost_bounded_time() {
        let pattern = "*a".repeat(1000);
        let txt = format!("User-agent: *\nDisallow: /{pattern}$\n");
        let path = format!("/{}", "a".repeat(4000));
        let start = std::time::Instant::now();
        let _ = allowed(&txt, &format!("{path}b"));
        assert!(start.elapsed() < Duration::from_secs(2));
        let many = "User-agent: *\nDisallow: /x\n".repeat(10_000);
        let robots = RobotsTxt::parse(many.as_bytes(), "Herald");
        assert_eq!(robots.rules.len(), MAX_RULES);
    }

    #[test]
    fn the_product_token_comes_from_the_user_agent() {
        assert_eq!(product_token("Herald/0.1 (+https://x)"), "Herald");
        assert_eq!(product_token("my_bot-2"), "my_bot-2");
        assert_eq!(product_token("  "), "Herald");
    }

    #[test]
    fn the_cache_hands_out_one_slot_per_origin() {
        let cache = RobotsCache::default();
        let a = cache.slot("https://a.example");
        let b = cache.slot("https://a.example");
        assert!(Arc::ptr_eq(&a, &b));
        let _ = cache.slot("https://b.example");
        assert_eq!(cache.len(), 2);
    }
}
