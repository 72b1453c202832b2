//! [`WebSettings`]: what the site needs to know about itself, composed by the binary from the
//! configuration.

use std::path::PathBuf;
use std::time::Duration;

use herald_domain::{Language, SiteTimeZone};
use url::Url;

use crate::WebError;

/// Settings of the public site. Build them with [`WebSettings::new`], which fills in the
/// defaults below, then change the fields the configuration sets, and check them with
/// [`WebSettings::validate`] at start.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// The site's name, shown in the header and in page titles. No default.
    pub site_name: String,
    /// The public URL the site is served at, at its root (`https://news.example/`). Canonical
    /// and `hreflang` links are absolute URLs under it. No default.
    pub public_url: Url,
    /// The languages the site is published in, in the order the language switcher lists them.
    /// Never empty; every one must be an interface locale `herald_i18n` supports.
    pub languages: Vec<Language>,
    /// The language readers get when nothing they send matches an enabled language, and the
    /// target of `x-default` links. One of `languages`. No default.
    pub default_language: Language,
    /// The content languages lists fall back to, in order, for an article that has no
    /// published version in the page's language: such an article is listed (and opened, under
    /// the page's language) in its first version in one of these, marked with its language.
    /// Each must be one of `languages`, since the fallback version's own page is the canonical
    /// one. Empty: lists show only articles published in the page's language. Defaults to
    /// `[default_language]`.
    pub content_fallbacks: Vec<Language>,
    /// The newsroom's time zone, in which dates are shown. Defaults to UTC.
    pub time_zone: SiteTimeZone,
    /// Articles per page of a list (category, topic, author…). Defaults to 12.
    pub page_size: u32,
    /// The folder `/media/…` serves images and videos from. Defaults to `media`.
    pub media_dir: PathBuf,
    /// Longest request target (path and query) accepted, in bytes; longer ones get 414.
    /// Defaults to 2048.
    pub max_uri_length: usize,
    /// Longest query string accepted, in bytes; longer ones get 400. Defaults to 1024.
    pub max_query_length: usize,
    /// Whether rendered pages are kept in memory (compressed once, with an `ETag`) and served
    /// from there until the content changes. Defaults to on.
    pub page_cache: bool,
    /// Most memory the page cache holds, in bytes (page bodies, plain and compressed); the
    /// least recently used pages go first. Defaults to 64 MiB.
    pub page_cache_bytes: usize,
    /// How often the page cache asks the store whether the content changed. Defaults to one
    /// second; pages may be that late after an edit.
    pub revision_poll: Duration,
    /// Articles per feed (RSS, Atom, JSON Feed), the newest first. Defaults to 30.
    pub feed_items: u32,
    /// Whether feed items carry the article's whole body or its lead only. Defaults to the
    /// lead ([`FeedContent::Summary`]).
    pub feed_content: FeedContent,
    /// The newsroom's logo (an absolute URL, or a path under the public URL), named as the
    /// publisher's in articles' structured data. Defaults to none.
    pub publisher_logo: Option<String>,
    /// Lines added to `/robots.txt` after Herald's own (other crawlers' groups, a
    /// `Crawl-delay`…), as written. Defaults to none.
    pub robots_extra: Vec<String>,
    /// Most articles one sitemap file lists; more go to the next file. At most 50,000 (the
    /// sitemaps protocol's limit), which is the default.
    pub sitemap_urls: u32,
    /// The key that signs comment forms and hashes readers' addresses. Defaults to a random
    /// one, so forms and bans last only as long as the process: the binary keeps one in the
    /// data folder.
    pub secret: SiteSecret,
    /// Whether readers' comments appear at once, without a moderator. Defaults to off: new
    /// comments wait, pending.
    pub comments_auto_approve: bool,
    /// Whether the site sits behind a reverse proxy whose `X-Forwarded-For` names the reader:
    /// then its last address is the reader's, else the connection's address is. Defaults to
    /// off, since anyone can send that header.
    pub trust_proxy: bool,
    /// Sign-in, sessions and lock-out of the newsroom's admin.
    pub admin: AdminSettings,
}

/// The site's secret key. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct SiteSecret(Vec<u8>);

/// Bytes in a [`SiteSecret::random`] key.
pub const SITE_SECRET_BYTES: usize = 32;

impl SiteSecret {
    /// A new key of [`SITE_SECRET_BYTES`] bytes from the operating system's random source.
    ///
    /// # Panics
    /// When the operating system has no random source to give, as nothing secure can run
    /// then.
    #[must_use]
    pub fn random() -> Self {
        use ring::rand::SecureRandom;
        let mut bytes = vec![0; SITE_SECRET_BYTES];
        #[expect(
            clippy::expect_used,
            reason = "without a random source there is no secret to run with"
        )]
        ring::rand::SystemRandom::new()
            .fill(&mut bytes)
            .expect("the operating system's random source");
        Self(bytes)
    }

    /// A key from its hexadecimal form (as [`SiteSecret::to_hex`] writes it, surrounding
    /// white space ignored); `None` unless it is hexadecimal of at least 16 bytes.
    #[must_use]
    pub fn from_hex(text: &str) -> Option<Self> {
        unhex(text.trim())
            .filter(|bytes| bytes.len() >= 16)
            .map(Self)
    }

    /// The key in hexadecimal, to keep in a file.
    #[must_use]
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    /// The key's bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// Bytes in lowercase hexadecimal.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes from hexadecimal; `None` unless every character pairs into a byte.
pub(crate) fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

impl std::fmt::Debug for SiteSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SiteSecret(…)")
    }
}

/// What a feed item carries of its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FeedContent {
    /// The lead (summary) only: readers come to the site for the rest.
    #[default]
    Summary,
    /// The whole body as well, sanitised HTML.
    Full,
}

/// Default and most of [`WebSettings::sitemap_urls`].
pub const DEFAULT_SITEMAP_URLS: u32 = 50_000;

/// Default of [`WebSettings::feed_items`].
pub const DEFAULT_FEED_ITEMS: u32 = 30;

/// Default of [`WebSettings::page_size`].
pub const DEFAULT_PAGE_SIZE: u32 = 12;
/// Default of [`WebSettings::max_uri_length`].
pub const DEFAULT_MAX_URI_LENGTH: usize = 2048;
/// Default of [`WebSettings::max_query_length`].
pub const DEFAULT_MAX_QUERY_LENGTH: usize = 1024;
/// Default of [`WebSettings::page_cache_bytes`]: 64 MiB.
pub const DEFAULT_PAGE_CACHE_BYTES: usize = 64 * 1024 * 1024;
/// How the admin signs people in and keeps them out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminSettings {
    /// How long a session lasts from sign-in, whatever is done with it.
    pub session_lifetime: Duration,
    /// Failed sign-ins in a row after which an account is locked…
    pub lock_after: u32,
    /// …for this long.
    pub lock_for: Duration,
    /// Sign-in attempts one address may make in `address_window` before it is refused
    /// (429) until the window ends, whichever accounts it tries.
    pub address_attempts: u32,
    /// See `address_attempts`.
    pub address_window: Duration,
    /// Whether cookies are marked `Secure`; `None` follows the scheme of the public URL.
    pub secure_cookies: Option<bool>,
}

impl Default for AdminSettings {
    fn default() -> Self {
        Self {
            session_lifetime: Duration::from_secs(12 * 3600),
            lock_after: 5,
            lock_for: Duration::from_secs(15 * 60),
            address_attempts: 20,
            address_window: Duration::from_secs(15 * 60),
            secure_cookies: None,
        }
    }
}

/// Default of [`WebSettings::revision_poll`]: one second.
pub const DEFAULT_REVISION_POLL: Duration = Duration::from_secs(1);

impl WebSettings {
    /// Settings with the defaults documented on each field.
    pub fn new(
        site_name: impl Into<String>,
        public_url: Url,
        languages: Vec<Language>,
        default_language: Language,
    ) -> Self {
        Self {
            site_name: site_name.into(),
            public_url,
            languages,
            content_fallbacks: vec![default_language.clone()],
            default_language,
            time_zone: SiteTimeZone::utc(),
            page_size: DEFAULT_PAGE_SIZE,
            media_dir: PathBuf::from("media"),
            max_uri_length: DEFAULT_MAX_URI_LENGTH,
            max_query_length: DEFAULT_MAX_QUERY_LENGTH,
            page_cache: true,
            page_cache_bytes: DEFAULT_PAGE_CACHE_BYTES,
            revision_poll: DEFAULT_REVISION_POLL,
            feed_items: DEFAULT_FEED_ITEMS,
            feed_content: FeedContent::Summary,
            publisher_logo: None,
            robots_extra: Vec::new(),
            sitemap_urls: DEFAULT_SITEMAP_URLS,
            secret: SiteSecret::random(),
            comments_auto_approve: false,
            trust_proxy: false,
            admin: AdminSettings::default(),
        }
    }

    /// Checks what the fields' types cannot: at least one language, the default and the
    /// content fallbacks among them, a page size of at least one. Settings that fail it still never make a page panic, but
    /// the site would answer little besides 404.
    pub fn validate(&self) -> Result<(), WebError> {
        if self.languages.is_empty() {
            return Err(WebError::InvalidSettings("no language is enabled"));
        }
        if !self.languages.contains(&self.default_language) {
            return Err(WebError::InvalidSettings(
                "the default language is not one of the enabled languages",
            ));
        }
        if self.page_size == 0 {
            return Err(WebError::InvalidSettings("the page size is zero"));
        }
        if self
            .content_fallbacks
            .iter()
            .any(|l| !self.languages.contains(l))
        {
            return Err(WebError::InvalidSettings(
                "a content fallback language is not one of the enabled languages",
            ));
        }
        if !(1..=DEFAULT_SITEMAP_URLS).contains(&self.sitemap_urls) {
            return Err(WebError::InvalidSettings(
                "the URLs per sitemap are not between 1 and 50,000",
            ));
        }
        if self.feed_items == 0 {
            return Err(WebError::InvalidSettings(
                "the number of feed items is zero",
            ));
        }
        if self.revision_poll.is_zero() {
            return Err(WebError::InvalidSettings(
                "the revision poll interval is zero",
            ));
        }
        Ok(())
    }

    /// Whether cookies should carry `Secure`: as the admin settings say, else when the
    /// public URL is `https`.
    pub(crate) fn secure_cookies(&self) -> bool {
        self.admin
            .secure_cookies
            .unwrap_or(self.public_url.scheme() == "https")
    }

    /// The enabled language whose tag is exactly `tag`, as it appears in a URL.
    pub(crate) fn language(&self, tag: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.as_str() == tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language::parse(tag).unwrap()
    }

    #[test]
    fn validation_refuses_settings_the_site_cannot_serve() {
        let url = Url::parse("https://news.example/").unwrap();
        let ok = WebSettings::new(
            "News",
            url.clone(),
            vec![lang("vi"), lang("fa")],
            lang("fa"),
        );
        assert!(ok.validate().is_ok());
        assert_eq!(ok.page_size, 12);
        assert_eq!(ok.max_uri_length, 2048);
        assert_eq!(ok.max_query_length, 1024);
        assert_eq!(ok.content_fallbacks, [lang("fa")]);
        let stray = WebSettings::new("News", url.clone(), vec![lang("vi")], lang("en"));
        assert!(stray.validate().is_err());
        let mut stray_fallback = ok.clone();
        stray_fallback.content_fallbacks = vec![lang("en")];
        assert!(stray_fallback.validate().is_err());
        let none = WebSettings::new("News", url.clone(), Vec::new(), lang("vi"));
        assert!(none.validate().is_err());
        let mut too_big = ok.clone();
        too_big.sitemap_urls = 50_001;
        assert!(too_big.validate().is_err());
        let mut no_items = ok.clone();
        no_items.feed_items = 0;
        assert!(no_items.validate().is_err());
        assert_eq!((ok.feed_items, ok.sitemap_urls), (30, 50_000));
        assert_eq!(ok.feed_content, FeedContent::Summary);
        assert!(!ok.comments_auto_approve && !ok.trust_proxy);
        let mut empty_pages = WebSettings::new("News", url, vec![lang("vi")], lang("vi"));
        empty_pages.page_size = 0;
        assert!(empty_pages.validate().is_err());
    }

    #[test]
    fn site_secrets_are_random_read_back_from_hex_and_never_shown() {
        let secret = SiteSecret::random();
        assert_eq!(secret.as_bytes().len(), SITE_SECRET_BYTES);
        assert_ne!(secret, SiteSecret::random());
        let hex = secret.to_hex();
        assert_eq!(hex.len(), 2 * SITE_SECRET_BYTES);
        assert_eq!(
            SiteSecret::from_hex(&format!("{hex}\n")),
            Some(secret.clone())
        );
        assert_eq!(format!("{secret:?}"), "SiteSecret(…)");
        for bad in ["", "abc", "zz", &hex[..30], &format!("{}é", &hex[..31])] {
            assert_eq!(SiteSecret::from_hex(bad), None, "{bad}");
        }
    }
}
