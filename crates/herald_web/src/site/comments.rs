//! Readers' comments on article pages: the thread in the page's language (or every language's,
//! with `?comments=all`), and the form that posts to the article's own address and works
//! without JavaScript.
//!
//! The page is served from the shared page cache, so nothing in it can be per reader. The
//! form's token is therefore an HMAC, with the site's secret, of the article, the page's
//! language and the time the page was rendered: any copy of the page posts, for
//! [`TOKEN_MAX_AGE`], but not within [`TOKEN_MIN_AGE`] of rendering (no person types that
//! fast) and not to another article or language. `Sec-Fetch-Site` and `Origin`, when a browser
//! sends them, must name this site.
//!
//! A reader is known by a keyed hash of their address (IPv6 by its /64, which one household
//! gets), never the address itself: that is what comments store, what rate limits count and
//! what moderators ban. A post whose hidden honeypot field is filled in is answered as if it
//! were taken, and dropped. A refused post gets the article again, with the reason and the
//! form filled in as sent, with a status that says why (403, 422, 429) and never cached.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Mutex, PoisonError};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use herald_domain::{ArticleId, Comment, CommentStatus, Language, NewComment, Timestamp};
use ring::hmac;

use super::{article, site_language};
use crate::extract::Segments;
use crate::html::{Html, Piece, Text};
use crate::paths;
use crate::settings::{hex, unhex};
use crate::{AppState, WebError};

/// Longest name, in characters.
pub(crate) const NAME_MAX: usize = 80;
/// Longest comment, in characters.
pub(crate) const BODY_MAX: usize = 4000;
/// Most links a comment may hold (`http://`, `https://` or `www.`).
pub(crate) const LINKS_MAX: usize = 2;
/// Most comments stored from one address in a minute, and in a day.
const PER_MINUTE: u64 = 3;
const PER_DAY: u64 = 20;
/// Most posts, refused ones included, taken from one address in a minute.
const ATTEMPTS_PER_MINUTE: u32 = 6;
/// Addresses the in-memory count follows at most; past that it starts again.
const ATTEMPTS_TRACKED: usize = 10_000;
/// Seconds after rendering before a form may be sent, and after which it has expired.
const TOKEN_MIN_AGE: i64 = 2;
const TOKEN_MAX_AGE: i64 = 30 * 24 * 3600;
/// The largest form body read.
const FORM_MAX_BYTES: usize = 32 * 1024;
/// The honeypot field: hidden from people, filled in by bots.
pub(crate) const HONEYPOT: &str = "website";

/// What the query string asks of the thread: every language's comments (`comments=all`),
/// and the notice after a post (`comment=pending` or `comment=posted`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Thread {
    all: bool,
    notice: Option<Notice>,
}

/// What happened to the reader's last comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Notice {
    Pending,
    Posted,
}

impl Thread {
    pub(crate) fn from_query(query: Option<&str>) -> Self {
        let mut thread = Self::default();
        for (name, value) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
            match (name.as_ref(), value.as_ref()) {
                ("comments", "all") => thread.all = true,
                ("comment", "pending") => thread.notice = Some(Notice::Pending),
                ("comment", "posted") => thread.notice = Some(Notice::Posted),
                _ => {}
            }
        }
        thread
    }
}

/// A post shown again: what was sent, and why it was refused.
#[derive(Debug, Clone)]
pub(crate) struct Refusal {
    name: String,
    body: String,
    reason: Reason,
}

/// Why a post was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    /// No valid token, or sent from another site.
    Forged,
    Banned,
    TooFast,
    Name,
    Body,
    Links,
}

impl Reason {
    fn status(self) -> StatusCode {
        match self {
            Self::Forged | Self::Banned => StatusCode::FORBIDDEN,
            Self::TooFast => StatusCode::TOO_MANY_REQUESTS,
            Self::Name | Self::Body | Self::Links => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    fn message(self, t: &Text) -> String {
        let max = |n: usize| [("max", i64::try_from(n).unwrap_or(i64::MAX).into())];
        match self {
            Self::Forged => t.get("comments-error-refused"),
            Self::Banned => t.get("comments-error-banned"),
            Self::TooFast => t.get("comments-error-too-fast"),
            Self::Name => t.format("comments-error-name", &max(NAME_MAX)),
            Self::Body => t.format("comments-error-body", &max(BODY_MAX)),
            Self::Links => t.format("comments-error-links", &max(LINKS_MAX)),
        }
    }

    /// The field to fix, for `aria-invalid`.
    fn field(self) -> Option<&'static str> {
        match self {
            Self::Name => Some("name"),
            Self::Body | Self::Links => Some("body"),
            _ => None,
        }
    }
}

/// The comments section of an article page.
pub(crate) struct CommentsSection {
    pub(crate) heading: String,
    pub(crate) items: Vec<CommentView>,
    /// "No comments yet", when there are none.
    pub(crate) empty: String,
    /// The link to every language's comments (when there are others), or back to the page's
    /// language's.
    pub(crate) switch: Option<Html>,
    pub(crate) notice: Option<String>,
    pub(crate) form: FormView,
}

/// One comment as shown.
pub(crate) struct CommentView {
    pub(crate) name: String,
    pub(crate) date: Html,
    /// The text's lines, each escaped by the template.
    pub(crate) lines: Vec<String>,
    /// Its language's tag and name, in the all-languages thread.
    pub(crate) language: Option<(String, String)>,
}

/// The comment form.
pub(crate) struct FormView {
    pub(crate) action: String,
    pub(crate) token: String,
    pub(crate) name: String,
    pub(crate) body: String,
    pub(crate) name_max: usize,
    pub(crate) body_max: usize,
    pub(crate) help: String,
    pub(crate) error: Option<String>,
    /// The field the error is about.
    pub(crate) invalid: Option<&'static str>,
    pub(crate) honeypot: &'static str,
}

/// The comments section of article `id` on its page in `t`'s language at `path`, and the
/// number of comments in that language (for the count by the byline). One read.
pub(crate) async fn section(
    state: &AppState,
    t: &Text,
    id: ArticleId,
    path: &str,
    thread: Thread,
    refusal: Option<&Refusal>,
) -> Result<(CommentsSection, usize), WebError> {
    let lang = t.lang();
    let all = state
        .store()
        .list_comments(id, None, &[CommentStatus::Approved])
        .await?;
    let in_language = all.iter().filter(|c| c.language == *lang).count();
    let total = all.len();
    let shown: Vec<&Comment> = all
        .iter()
        .filter(|c| thread.all || c.language == *lang)
        .collect();
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX).into();
    // The switch is offered only when the other languages have something to add.
    let switch = if thread.all {
        let label = t.html(
            "comments-show-language",
            &[("language", Piece::Name(&t.language_name(lang)))],
        );
        Some(Html::link(&format!("{path}#comments"), &label, None, None))
    } else {
        (total > in_language).then(|| {
            let label = Html::text(&t.format("comments-show-all", &[("count", count(total))]));
            Html::link(&format!("{path}?comments=all#comments"), &label, None, None)
        })
    };
    let settings = state.settings();
    let help = if settings.comments_auto_approve {
        "comments-form-help-auto"
    } else {
        "comments-form-help"
    };
    let section = CommentsSection {
        heading: t.format("comments-heading", &[("count", count(shown.len()))]),
        items: shown
            .iter()
            .map(|c| CommentView {
                name: c.author_name.clone(),
                date: t.date_time(c.created_at).to_html(),
                lines: c.body.lines().map(str::to_owned).collect(),
                language: thread
                    .all
                    .then(|| (c.language.to_string(), t.language_name(&c.language))),
            })
            .collect(),
        empty: t.get("comments-empty"),
        switch,
        notice: thread.notice.map(|notice| match notice {
            Notice::Pending => t.get("comments-pending"),
            Notice::Posted => t.get("comments-posted"),
        }),
        form: FormView {
            action: path.to_owned(),
            token: token(settings.secret.as_bytes(), id, lang, state.clock().now()),
            name: refusal.map(|r| r.name.clone()).unwrap_or_default(),
            body: refusal.map(|r| r.body.clone()).unwrap_or_default(),
            name_max: NAME_MAX,
            body_max: BODY_MAX,
            help: t.format(help, &[("max", count(LINKS_MAX))]),
            error: refusal.map(|r| r.reason.message(t)),
            invalid: refusal.and_then(|r| r.reason.field()),
            honeypot: HONEYPOT,
        },
    };
    Ok((section, in_language))
}

/// `POST /{lang}/{slug}-{id}`: a reader's comment on the article, in the page's language.
pub(crate) async fn post(
    State(state): State<AppState>,
    Segments((lang, name)): Segments<(String, String)>,
    request: Request,
) -> Result<Response, WebError> {
    let lang = site_language(&state, &lang)?;
    let Some((_, id)) = paths::parse_article_segment(&name) else {
        return Err(WebError::MethodNotAllowed);
    };
    // The article must be one this page shows (404 or 410 otherwise); the reader goes back
    // to its current address.
    let path = article::current_path(&state, &lang, id).await?;
    let (parts, body) = request.into_parts();
    let now = state.clock().now();
    let secret = state.settings().secret.as_bytes();
    let address = address_hash(secret, client_address(&state, &parts));
    let body = axum::body::to_bytes(body, FORM_MAX_BYTES)
        .await
        .map_err(|_| WebError::BadRequest("the comment form is too large or cut short"))?;
    let form = Form::parse(&body);
    let refuse = |reason| Refusal {
        name: form.name.clone(),
        body: form.body.clone(),
        reason,
    };

    if !state.comment_attempts().admit(&address, now) {
        return refused(&state, &lang, &name, refuse(Reason::TooFast)).await;
    }
    if !from_this_site(&parts.headers, &state.settings().public_url)
        || !token_is_valid(secret, &form.token, id, &lang, now)
    {
        return refused(&state, &lang, &name, refuse(Reason::Forged)).await;
    }
    if !form.honeypot.is_empty() {
        tracing::debug!(article = %id, "comment honeypot filled in; dropped");
        return Ok(see_other(&path, Notice::Pending));
    }
    let store = state.store();
    if store.is_address_banned(&address).await? {
        return refused(&state, &lang, &name, refuse(Reason::Banned)).await;
    }
    let author_name = herald_domain::text::normalize_line(&form.name);
    let text = herald_domain::text::normalize(&form.body).trim().to_owned();
    let reason = if author_name.is_empty() || author_name.chars().count() > NAME_MAX {
        Some(Reason::Name)
    } else if text.is_empty() || text.chars().count() > BODY_MAX {
        Some(Reason::Body)
    } else if links(&text) > LINKS_MAX {
        Some(Reason::Links)
    } else {
        None
    };
    if let Some(reason) = reason {
        return refused(&state, &lang, &name, refuse(reason)).await;
    }
    let minute_ago = seconds_before(now, 60)?;
    let day_ago = seconds_before(now, 24 * 3600)?;
    if store.comments_from_address(&address, minute_ago).await? >= PER_MINUTE
        || store.comments_from_address(&address, day_ago).await? >= PER_DAY
    {
        return refused(&state, &lang, &name, refuse(Reason::TooFast)).await;
    }
    let auto = state.settings().comments_auto_approve;
    store
        .add_comment(NewComment {
            article: id,
            language: lang,
            author_name,
            body: text,
            status: if auto {
                CommentStatus::Approved
            } else {
                CommentStatus::Pending
            },
            parent: None,
            address: Some(address),
        })
        .await?;
    Ok(see_other(
        &path,
        if auto {
            Notice::Posted
        } else {
            Notice::Pending
        },
    ))
}

/// The article page again, with the refusal's reason and the form as it was sent.
async fn refused(
    state: &AppState,
    lang: &Language,
    name: &str,
    refusal: Refusal,
) -> Result<Response, WebError> {
    let status = refusal.reason.status();
    let mut response =
        article::render(state, lang, name, Thread::default(), Some(&refusal)).await?;
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// 303 back to the article's comments, saying what became of the comment.
fn see_other(path: &str, notice: Notice) -> Response {
    let notice = match notice {
        Notice::Pending => "pending",
        Notice::Posted => "posted",
    };
    let location = format!("{path}?comment={notice}#comments");
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::SEE_OTHER;
    response
        .headers_mut()
        .insert(header::LOCATION, paths::header_value(&location));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response.into_response()
}

fn seconds_before(now: Timestamp, seconds: i64) -> Result<Timestamp, WebError> {
    Timestamp::from_second(now.as_second() - seconds)
        .map_err(|_| WebError::BadRequest("the clock is out of range"))
}

/// The fields of a posted form; missing ones are empty, and the first of a repeated one
/// counts.
#[derive(Debug, Default)]
struct Form {
    name: String,
    body: String,
    token: String,
    honeypot: String,
}

impl Form {
    fn parse(bytes: &[u8]) -> Self {
        let mut form = Self::default();
        let mut seen: Vec<String> = Vec::new();
        for (key, value) in url::form_urlencoded::parse(bytes) {
            if seen.iter().any(|k| *k == key) {
                continue;
            }
            let field = match key.as_ref() {
                "name" => &mut form.name,
                "body" => &mut form.body,
                "token" => &mut form.token,
                HONEYPOT => &mut form.honeypot,
                _ => continue,
            };
            *field = value.into_owned();
            seen.push(key.into_owned());
        }
        form
    }
}

/// How many links a text holds: each `http://`, `https://` and `www.` (a bare `www.` inside
/// a URL already counted is not counted again).
fn links(text: &str) -> usize {
    let lower = text.to_lowercase();
    let schemes = lower.matches("http://").count() + lower.matches("https://").count();
    let bare = lower.matches("www.").count()
        - lower.matches("http://www.").count()
        - lower.matches("https://www.").count();
    schemes + bare
}

/// Whether the browser says the form was sent from this site: `Sec-Fetch-Site` not
/// `cross-site`, and `Origin` the public URL's or the `Host` asked for. Either may be absent
/// (older browsers, other clients); the token is checked anyway.
fn from_this_site(headers: &HeaderMap, public_url: &url::Url) -> bool {
    if let Some(site) = headers.get("sec-fetch-site")
        && site.as_bytes().eq_ignore_ascii_case(b"cross-site")
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Some(origin) = origin.to_str().ok().and_then(|o| url::Url::parse(o).ok()) else {
        return false;
    };
    if origin.origin() == public_url.origin() {
        return true;
    }
    let authority = match (origin.host_str(), origin.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => return false,
    };
    headers
        .get(header::HOST)
        .is_some_and(|host| host.as_bytes().eq_ignore_ascii_case(authority.as_bytes()))
}

/// The reader's address: the last `X-Forwarded-For` entry when the site trusts its proxy,
/// else the connection's.
fn client_address(state: &AppState, parts: &Parts) -> Option<IpAddr> {
    if state.settings().trust_proxy
        && let Some(ip) = forwarded_for(&parts.headers)
    {
        return Some(ip);
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
}

/// The address the nearest proxy saw: the last entry of the last `X-Forwarded-For` header
/// (the ones before it are whatever the reader sent).
fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()?
        .to_str()
        .ok()?
        .rsplit(',')
        .next()?
        .trim();
    last.parse::<IpAddr>()
        .ok()
        .or_else(|| last.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// The keyed hash readers are known by: of the address (an IPv6 one by its /64), or of
/// "unknown" for requests whose address no one told us, which then share one limit.
pub(crate) fn address_hash(secret: &[u8], ip: Option<IpAddr>) -> String {
    let named = match ip.map(|ip| ip.to_canonical()) {
        Some(IpAddr::V4(v4)) => v4.to_string(),
        Some(IpAddr::V6(v6)) => {
            let mut segments = v6.segments();
            segments[4..].fill(0);
            format!("{}/64", std::net::Ipv6Addr::from(segments))
        }
        None => "unknown".to_owned(),
    };
    let tag = sign(secret, &format!("herald comment address\0{named}"));
    hex(&tag.as_ref()[..16])
}

/// The form token of article `id` in `lang` rendered at `issued`:
/// `{seconds since the epoch}.{HMAC in hex}`.
pub(crate) fn token(secret: &[u8], id: ArticleId, lang: &Language, issued: Timestamp) -> String {
    let issued = issued.as_second();
    let tag = sign(secret, &token_message(id, lang, issued));
    format!("{issued}.{}", hex(tag.as_ref()))
}

fn token_message(id: ArticleId, lang: &Language, issued: i64) -> String {
    format!("herald comment form\0{id}\0{lang}\0{issued}")
}

/// Whether `token` was made by [`token`] for this article and language, between
/// [`TOKEN_MAX_AGE`] and [`TOKEN_MIN_AGE`] ago.
fn token_is_valid(
    secret: &[u8],
    token: &str,
    id: ArticleId,
    lang: &Language,
    now: Timestamp,
) -> bool {
    let Some((issued, tag)) = token.split_once('.') else {
        return false;
    };
    let (Ok(issued), Some(tag)) = (issued.parse::<i64>(), unhex(tag)) else {
        return false;
    };
    let age = now.as_second().saturating_sub(issued);
    if !(TOKEN_MIN_AGE..=TOKEN_MAX_AGE).contains(&age) {
        return false;
    }
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret);
    hmac::verify(&key, token_message(id, lang, issued).as_bytes(), &tag).is_ok()
}

fn sign(secret: &[u8], message: &str) -> hmac::Tag {
    hmac::sign(
        &hmac::Key::new(hmac::HMAC_SHA256, secret),
        message.as_bytes(),
    )
}

/// Comment posts per address in the current minute, refused ones included, so that a
/// flood of posts costs little before any is read. Forgets everything when it follows too
/// many addresses at once: the store's limits still hold.
#[derive(Default)]
pub(crate) struct Attempts {
    recent: Mutex<HashMap<String, (i64, u32)>>,
}

impl Attempts {
    /// Counts a post from `address` at `now`; false when it is one too many this minute.
    pub(crate) fn admit(&self, address: &str, now: Timestamp) -> bool {
        let minute = now.as_second().div_euclid(60);
        let mut recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
        if recent.len() >= ATTEMPTS_TRACKED && !recent.contains_key(address) {
            recent.retain(|_, (at, _)| *at == minute);
            if recent.len() >= ATTEMPTS_TRACKED {
                recent.clear();
            }
        }
        let entry = recent.entry(address.to_owned()).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        entry.1 = entry.1.saturating_add(1);
        entry.1 <= ATTEMPTS_PER_MINUTE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language::parse(tag).unwrap()
    }

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(second).unwrap()
    }

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn a_token_is_good_for_its_article_and_language_from_two_seconds_to_thirty_days() {
        let (id, vi) = (ArticleId::new(7), lang("vi"));
        let issued = at(1_800_000_000);
        let made = token(SECRET, id, &vi, issued);
        let valid = |token: &str, id, lang: &Language, seconds| {
            token_is_valid(SECRET, token, id, lang, at(1_800_000_000 + seconds))
        };
        assert!(valid(&made, id, &vi, 2));
        assert!(valid(&made, id, &vi, TOKEN_MAX_AGE));
        assert!(!valid(&made, id, &vi, 1));
        assert!(!valid(&made, id, &vi, -60));
        assert!(!valid(&made, id, &vi, TOKEN_MAX_AGE + 1));
        assert!(!valid(&made, ArticleId::new(8), &vi, 10));
        assert!(!valid(&made, id, &lang("en"), 10));
        assert!(!token_is_valid(
            b"another secret, just as long....",
            &made,
            id,
            &vi,
            at(1_800_000_010)
        ));
        let (time, tag) = made.split_once('.').unwrap();
        let moved = format!("{}.{tag}", time.parse::<i64>().unwrap() - 100);
        assert!(!valid(&moved, id, &vi, 10));
        for forged in [
            "",
            ".",
            "x.y",
            "1800000000.",
            "1800000000.zz",
            &made[..made.len() - 1],
        ] {
            assert!(!valid(forged, id, &vi, 10), "{forged}");
        }
    }

    #[test]
    fn addresses_are_hashed_with_the_secret_and_ipv6_by_its_64() {
        let v4: IpAddr = "203.0.113.9".parse().unwrap();
        let hash = address_hash(SECRET, Some(v4));
        assert_eq!(hash.len(), 32);
        assert!(!hash.contains("203"));
        assert_eq!(hash, address_hash(SECRET, Some(v4)));
        assert_ne!(hash, address_hash(b"another secret", Some(v4)));
        let mapped: IpAddr = "::ffff:203.0.113.9".parse().unwrap();
        assert_eq!(address_hash(SECRET, Some(mapped)), hash);
        let one: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let same_home: IpAddr = "2001:db8:1:2:aaaa::9".parse().unwrap();
        let next_door: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(
            address_hash(SECRET, Some(one)),
            address_hash(SECRET, Some(same_home))
        );
        assert_ne!(
            address_hash(SECRET, Some(one)),
            address_hash(SECRET, Some(next_door))
        );
        assert_ne!(address_hash(SECRET, None), hash);
    }

    #[test]
    fn links_are_counted_by_scheme_or_www_once_each() {
        assert_eq!(links("no links here"), 0);
        assert_eq!(links("see https://www.example.org and http://a.example"), 2);
        assert_eq!(links("WWW.example.org, www.example.net"), 2);
        assert_eq!(
            links("HTTPS://a.example https://b.example www.c.example"),
            3
        );
    }

    #[test]
    fn the_last_forwarded_address_is_the_proxys_word() {
        let mut headers = HeaderMap::new();
        headers.append(
            "x-forwarded-for",
            HeaderValue::from_static("1.1.1.1, 10.0.0.7"),
        );
        assert_eq!(forwarded_for(&headers), "10.0.0.7".parse().ok());
        headers.append(
            "x-forwarded-for",
            HeaderValue::from_static("[2001:db8::1]:443"),
        );
        assert_eq!(forwarded_for(&headers), "2001:db8::1".parse().ok());
        headers.insert("x-forwarded-for", HeaderValue::from_static("nonsense"));
        assert_eq!(forwarded_for(&headers), None);
    }

    #[test]
    fn forms_sent_from_elsewhere_are_told_apart() {
        let public = url::Url::parse("https://news.example/").unwrap();
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.insert(*name, HeaderValue::from_static(value));
            }
            map
        };
        assert!(from_this_site(&headers(&[]), &public));
        assert!(from_this_site(
            &headers(&[("origin", "https://news.example")]),
            &public
        ));
        assert!(from_this_site(
            &headers(&[
                ("origin", "http://127.0.0.1:8080"),
                ("host", "127.0.0.1:8080")
            ]),
            &public
        ));
        assert!(from_this_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            &public
        ));
        assert!(!from_this_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            &public
        ));
        assert!(!from_this_site(
            &headers(&[("origin", "https://evil.example")]),
            &public
        ));
        assert!(!from_this_site(&headers(&[("origin", "null")]), &public));
    }

    #[test]
    fn a_flood_of_posts_from_one_address_is_cut_each_minute() {
        let attempts = Attempts::default();
        let now = at(1_799_999_940);
        for _ in 0..ATTEMPTS_PER_MINUTE {
            assert!(attempts.admit("a", now));
        }
        assert!(!attempts.admit("a", now));
        assert!(attempts.admit("b", now));
        assert!(attempts.admit("a", at(now.as_second() + 60)));
    }

    #[test]
    fn only_the_first_of_a_repeated_field_counts() {
        let form = Form::parse(b"name=Lan&name=Mai&body=a%0D%0Ab&token=t&website=&other=x");
        assert_eq!(
            (form.name.as_str(), form.body.as_str(), form.token.as_str()),
            ("Lan", "a\r\nb", "t")
        );
        assert!(form.honeypot.is_empty());
    }
}
