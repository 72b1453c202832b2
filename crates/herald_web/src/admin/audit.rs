//! The audit log: every change made in the admin, who made it and when. [`record`] is what
//! handlers call after a change succeeds; `/admin/audit` lists the log.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use herald_domain::{Action, NewAuditEvent};
use herald_store::{AuditFilter, PageRequest};
use serde::Deserialize;

use super::frame::AdminFrame;
use super::session::{AdminError, Staff, page};
use crate::AppState;
use crate::html::DateView;

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/admin/audit", get(list))
}

/// Records that `staff` did `action` (`article.publish`) to a `target_kind` (`article`)
/// `target` (its id or key), with a short `detail` (`fa`, `draft → published`).
///
/// Every change in the admin ends here, so this is also where the page cache learns of it:
/// the editor who publishes, approves or renames sees the public page change at once, not
/// after the cache's next poll of the store.
pub(crate) async fn record(
    state: &AppState,
    staff: &Staff,
    action: &str,
    target_kind: &str,
    target: impl std::fmt::Display,
    detail: impl Into<String>,
) -> Result<(), AdminError> {
    state
        .store()
        .record_audit(NewAuditEvent {
            user: Some(staff.user.id),
            actor: staff.user.email.clone(),
            action: action.to_owned(),
            target_kind: target_kind.to_owned(),
            target: target.to_string(),
            detail: detail.into(),
        })
        .await?;
    state.refresh_content_revision().await?;
    Ok(())
}

/// Events per page.
const PAGE_SIZE: u32 = 50;

#[derive(Deserialize)]
struct AuditQuery {
    kind: Option<String>,
    target: Option<String>,
    page: Option<u32>,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    frame: AdminFrame,
    events: Vec<EventView>,
    kind: String,
    target: String,
    previous: Option<String>,
    next: Option<String>,
}

struct EventView {
    at: DateView,
    actor: String,
    action: String,
    target: String,
    detail: String,
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<AuditQuery>,
) -> Result<Response, AdminError> {
    staff.require(Action::ViewAudit)?;
    let kind = query.kind.filter(|k| !k.is_empty() && k.len() <= 40);
    let target = query
        .target
        .filter(|t| !t.is_empty() && t.len() <= 200 && kind.is_some());
    let number = query.page.unwrap_or(1).max(1);
    let filter = AuditFilter {
        user: None,
        target_kind: kind.clone(),
        target: target.clone(),
    };
    let paged = state
        .store()
        .list_audit(
            &filter,
            PageRequest {
                number,
                size: PAGE_SIZE,
            },
        )
        .await?;
    let link = |page: u32| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        if let Some(kind) = &kind {
            query.append_pair("kind", kind);
        }
        if let Some(target) = &target {
            query.append_pair("target", target);
        }
        query.append_pair("page", &page.to_string());
        format!("/admin/audit?{}", query.finish())
    };
    let previous = (number > 1).then(|| link(number - 1));
    let next = (number < paged.pages()).then(|| link(number + 1));
    let events = paged
        .items
        .into_iter()
        .map(|e| EventView {
            at: staff.t.date_time(e.at),
            actor: e.actor,
            action: e.action,
            target: format!("{} {}", e.target_kind, e.target),
            detail: e.detail,
        })
        .collect();
    let heading = staff.t.get("admin-audit-title");
    let frame = AdminFrame::new(&state, &staff, &heading, "audit");
    Ok(page(
        AuditPage {
            frame,
            events,
            kind: kind.unwrap_or_default(),
            target: target.unwrap_or_default(),
            previous,
            next,
        }
        .render()?,
    ))
}
