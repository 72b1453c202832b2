//! Comment moderation, for moderators, editors and admins: the queue of one state (waiting,
//! approved, spam, rejected), newest first, with each comment's article, language, name,
//! text and the short form of its address's hash; approving, rejecting, marking as spam and
//! banning an address (which also marks its waiting comments as spam); and the banned
//! addresses, each with a way to lift the ban. Every change is in the audit log.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use herald_domain::{Action, ArticleId, CommentId, CommentStatus, EditorialState, Version};
use herald_store::{AddressBan, PageRequest};
use serde::Deserialize;

use super::audit;
use super::frame::AdminFrame;
use super::session::{AdminError, Staff, page};
use crate::extract::Segments;
use crate::html::DateView;
use crate::{AppState, WebError, paths};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/comments", get(queue))
        .route("/admin/comments/unban", post(unban))
        .route("/admin/comments/{id}", post(moderate))
}

/// Comments per page of the queue.
const PAGE_SIZE: u32 = 30;
/// Characters of an address hash shown: enough to tell addresses apart on a page.
const SHORT_ADDRESS: usize = 10;
/// Longest ban reason kept, in characters.
const REASON_MAX: usize = 200;

/// The queue's states, in the order of its tabs, with the word the URL uses.
const STATES: [(CommentStatus, &str); 4] = [
    (CommentStatus::Pending, "pending"),
    (CommentStatus::Approved, "approved"),
    (CommentStatus::Spam, "spam"),
    (CommentStatus::Deleted, "deleted"),
];

/// What a moderator may have just done, for the notice after the redirect.
const DONE: [&str; 5] = ["approved", "rejected", "spam", "banned", "unbanned"];

fn state_named(word: &str) -> Option<CommentStatus> {
    STATES.iter().find(|(_, w)| *w == word).map(|(s, _)| *s)
}

fn word_of(status: CommentStatus) -> &'static str {
    STATES
        .iter()
        .find(|(s, _)| *s == status)
        .map_or("pending", |(_, w)| w)
}

#[derive(Deserialize)]
struct QueueQuery {
    status: Option<String>,
    page: Option<u32>,
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/comments.html")]
struct QueuePage {
    frame: AdminFrame,
    /// The tabs: URL, label, whether shown now.
    tabs: Vec<(String, String, bool)>,
    status: &'static str,
    page: u32,
    comments: Vec<Row>,
    bans: Vec<BanRow>,
    previous: Option<String>,
    next: Option<String>,
}

/// One comment in the queue.
struct Row {
    id: CommentId,
    article: String,
    /// The article's public page in the comment's language, at its comments.
    href: Option<String>,
    language: String,
    name: String,
    lines: Vec<String>,
    at: DateView,
    address: Option<String>,
    banned: bool,
    /// The actions that change something: `approve`, `reject`, `spam`, `ban`.
    actions: Vec<(&'static str, String)>,
}

struct BanRow {
    address: String,
    short: String,
    reason: String,
    at: DateView,
}

/// `GET /admin/comments?status=pending|approved|spam|deleted&page=N`.
async fn queue(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<QueueQuery>,
) -> Result<Response, AdminError> {
    staff.require(Action::ModerateComments)?;
    let status = match query.status.as_deref() {
        None | Some("") => CommentStatus::Pending,
        Some(word) => state_named(word).ok_or(WebError::InvalidParameter {
            name: "status",
            expected: "pending, approved, spam or deleted",
        })?,
    };
    let word = word_of(status);
    let number = query.page.unwrap_or(1).max(1);
    let store = state.store();
    let paged = store
        .comments_for_moderation(
            &[status],
            PageRequest {
                number,
                size: PAGE_SIZE,
            },
        )
        .await?;
    let bans = store.list_address_bans().await?;
    let banned: HashSet<&str> = bans.iter().map(|b| b.address.as_str()).collect();
    let t = &staff.t;

    // The articles on this page, one read each.
    let mut articles: HashMap<ArticleId, Vec<Version>> = HashMap::new();
    for comment in &paged.items {
        if !articles.contains_key(&comment.article)
            && let Some((_, versions)) = store.article_with_versions(comment.article).await?
        {
            articles.insert(comment.article, versions);
        }
    }
    let comments = paged
        .items
        .iter()
        .map(|c| {
            let versions = articles.get(&c.article).map(Vec::as_slice).unwrap_or(&[]);
            let version = versions
                .iter()
                .find(|v| v.language == c.language)
                .or_else(|| {
                    versions
                        .iter()
                        .find(|v| v.state == EditorialState::Published)
                })
                .or_else(|| versions.first());
            let banned = c.address.as_deref().is_some_and(|a| banned.contains(a));
            let mut actions = Vec::new();
            for (action, message, unless) in [
                ("approve", "admin-comments-approve", CommentStatus::Approved),
                ("reject", "admin-comments-reject", CommentStatus::Deleted),
                ("spam", "admin-comments-spam", CommentStatus::Spam),
            ] {
                if c.status != unless {
                    actions.push((action, t.get(message)));
                }
            }
            if c.address.is_some() && !banned {
                actions.push(("ban", t.get("admin-comments-ban")));
            }
            Row {
                id: c.id,
                article: version.map_or_else(|| c.article.to_string(), |v| v.title.clone()),
                href: version.map(|v| {
                    format!(
                        "{}#comments",
                        paths::article(&c.language, &v.slug, c.article)
                    )
                }),
                language: t.language_name(&c.language),
                name: c.author_name.clone(),
                lines: c.body.lines().map(str::to_owned).collect(),
                at: t.date_time(c.created_at),
                address: c.address.as_deref().map(short),
                banned,
                actions,
            }
        })
        .collect();
    let link = |page: u32| format!("/admin/comments?status={word}&page={page}");
    let heading = t.get("admin-comments-title");
    let mut frame = AdminFrame::new(&state, &staff, &heading, "comments");
    frame.notice = query
        .done
        .as_deref()
        .filter(|d| DONE.contains(d))
        .map(|d| t.get(&format!("admin-comments-done-{d}")));
    Ok(page(
        QueuePage {
            tabs: STATES
                .iter()
                .map(|(s, w)| {
                    (
                        format!("/admin/comments?status={w}"),
                        t.get(&format!("admin-comments-status-{w}")),
                        *s == status,
                    )
                })
                .collect(),
            status: word,
            page: number,
            comments,
            bans: bans
                .iter()
                .map(|b| BanRow {
                    address: b.address.clone(),
                    short: short(&b.address),
                    reason: b.reason.clone(),
                    at: t.date_time(b.at),
                })
                .collect(),
            previous: (number > 1).then(|| link(number - 1)),
            next: (number < paged.pages()).then(|| link(number + 1)),
            frame,
        }
        .render()?,
    ))
}

/// The start of an address hash, as the queue shows it.
fn short(address: &str) -> String {
    address.chars().take(SHORT_ADDRESS).collect()
}

/// Form fields as sent.
type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Back to the queue the form was sent from, saying what was done.
fn back(fields: &Fields, done: &str) -> Response {
    let status = field(fields, "status")
        .and_then(state_named)
        .map_or("pending", word_of);
    let page = field(fields, "page")
        .and_then(|p| p.parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    Redirect::to(&format!(
        "/admin/comments?status={status}&page={page}&done={done}"
    ))
    .into_response()
}

/// `POST /admin/comments/{id}` with `action=approve|reject|spam|ban` (and, for a ban, an
/// optional `reason`).
async fn moderate(
    State(state): State<AppState>,
    staff: Staff,
    Segments(id): Segments<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, AdminError> {
    staff.require(Action::ModerateComments)?;
    let store = state.store();
    let comment = store
        .comment(CommentId::new(id))
        .await?
        .ok_or(WebError::NotFound)?;
    let action = field(&fields, "action").unwrap_or_default();
    let (status, done) = match action {
        "approve" => (CommentStatus::Approved, "approved"),
        "reject" => (CommentStatus::Deleted, "rejected"),
        "spam" => (CommentStatus::Spam, "spam"),
        "ban" => {
            let Some(address) = comment.address.clone() else {
                return Err(WebError::BadRequest("this comment has no address to ban").into());
            };
            let reason: String = field(&fields, "reason")
                .unwrap_or_default()
                .chars()
                .take(REASON_MAX)
                .collect();
            store
                .ban_address(AddressBan {
                    address: address.clone(),
                    reason: reason.clone(),
                    by: Some(staff.user.id),
                    at: state.clock().now(),
                })
                .await?;
            // The ban marks the address's waiting comments; this one goes too, whatever
            // its state.
            store
                .set_comment_status(comment.id, CommentStatus::Spam)
                .await?;
            audit::record(
                &state,
                &staff,
                "comment.ban",
                "address",
                short(&address),
                format!("comment {}: {reason}", comment.id),
            )
            .await?;
            return Ok(back(&fields, "banned"));
        }
        _ => {
            return Err(WebError::InvalidParameter {
                name: "action",
                expected: "approve, reject, spam or ban",
            }
            .into());
        }
    };
    store.set_comment_status(comment.id, status).await?;
    audit::record(
        &state,
        &staff,
        &format!("comment.{action}"),
        "comment",
        comment.id,
        format!("{} → {}", comment.status.as_str(), status.as_str()),
    )
    .await?;
    Ok(back(&fields, done))
}

/// `POST /admin/comments/unban` with `address`: lifts a ban.
async fn unban(
    State(state): State<AppState>,
    staff: Staff,
    Form(fields): Form<Fields>,
) -> Result<Response, AdminError> {
    staff.require(Action::ModerateComments)?;
    let address = field(&fields, "address").unwrap_or_default();
    if !state.store().unban_address(address).await? {
        return Err(WebError::NotFound.into());
    }
    audit::record(
        &state,
        &staff,
        "comment.unban",
        "address",
        short(address),
        "",
    )
    .await?;
    Ok(back(&fields, "unbanned"))
}
