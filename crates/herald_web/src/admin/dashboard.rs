//! The dashboard: what needs attention first. Jobs waiting, running and failed (with the
//! latest failures and why), each source's health, how far each language is translated (a
//! bar chart drawn in CSS, with the numbers in a table for screen readers), and the newest
//! articles in any state.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use axum::routing::get;
use herald_domain::{Action, JobState, Language};
use herald_store::{AdminArticleFilter, PageRequest};

use super::frame::{AdminFrame, notice_key};
use super::session::{AdminError, Staff, page};
use crate::AppState;
use crate::html::DateView;

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/admin", get(show))
}

#[derive(Template)]
#[template(path = "admin/dashboard.html")]
struct DashboardPage {
    frame: AdminFrame,
    jobs: [(String, String); 4],
    failures: Vec<FailureView>,
    sources: Vec<SourceView>,
    coverage: Vec<CoverageView>,
    recent: Vec<RecentView>,
    can_edit: bool,
}

struct FailureView {
    kind: String,
    id: i64,
    at: DateView,
    error: String,
}

struct SourceView {
    name: String,
    href: Option<String>,
    healthy: bool,
    status: String,
    last_success: Option<DateView>,
    articles: String,
}

struct CoverageView {
    language: String,
    lang: String,
    /// The bar's segments: class, start and width in percent of live articles.
    bars: Vec<(&'static str, u64, u64)>,
    cells: Vec<String>,
}

struct RecentView {
    title: String,
    href: String,
    state: String,
    at: DateView,
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    uri: Uri,
) -> Result<Response, AdminError> {
    staff.require(Action::ViewDashboard)?;
    let store = state.store();
    let t = &staff.t;
    let counts = store.job_counts().await?;
    let number = |n: u64| t.number(i64::try_from(n).unwrap_or(i64::MAX));
    let jobs = [
        (t.get("admin-jobs-queued"), number(counts.queued)),
        (t.get("admin-jobs-running"), number(counts.running)),
        (t.get("admin-jobs-failed"), number(counts.failed)),
        (t.get("admin-jobs-done"), number(counts.done)),
    ];
    let failures = store
        .recent_jobs(&[JobState::Failed], 8)
        .await?
        .into_iter()
        .map(|job| FailureView {
            kind: job.job.kind().to_owned(),
            id: job.id.get(),
            at: t.date_time(job.run_at),
            error: job.last_error.unwrap_or_default(),
        })
        .collect();
    let can_sources = staff.user.may(Action::ManageSources);
    let sources = store
        .list_sources_with_health()
        .await?
        .into_iter()
        .map(|(source, health)| {
            let healthy = !health.paused && health.consecutive_failures == 0;
            let status = if health.paused {
                t.get("admin-source-paused")
            } else if health.consecutive_failures > 0 {
                t.format(
                    "admin-source-failing",
                    &[(
                        "count",
                        herald_i18n::Arg::Number(i64::from(health.consecutive_failures)),
                    )],
                )
            } else if health.last_success_at.is_some() {
                t.get("admin-source-ok")
            } else {
                t.get("admin-source-never")
            };
            SourceView {
                name: t
                    .best(&source.names, t.lang())
                    .map_or_else(|| source.key.clone(), |(_, name)| name.clone()),
                href: can_sources.then(|| format!("/admin/sources/{}", source.id)),
                healthy,
                status,
                last_success: health.last_success_at.map(|at| t.date_time(at)),
                articles: number(health.articles),
            }
        })
        .collect();
    let languages: Vec<Language> = state.settings().languages.clone();
    let coverage = store
        .translation_coverage(&languages)
        .await?
        .into_iter()
        .map(|c| {
            let total = c.articles.max(1);
            let people = c.post_edited + c.reviewed + c.human;
            let mut x = 0;
            let bars = [
                ("cov-original", c.original),
                ("cov-reviewed", people),
                ("cov-machine", c.machine),
                ("cov-missing", c.missing),
            ]
            .into_iter()
            .map(|(class, n)| {
                let width = (n.saturating_mul(100) / total).min(100 - x);
                let bar = (class, x, width);
                x += width;
                bar
            })
            .collect();
            CoverageView {
                language: t.language_name(&c.language),
                lang: c.language.to_string(),
                bars,
                cells: vec![
                    number(c.original),
                    number(people),
                    number(c.machine),
                    number(c.missing),
                    number(c.stale),
                    number(c.flagged),
                ],
            }
        })
        .collect();
    let can_edit = staff.user.may(Action::EditArticles);
    let recent = store
        .admin_articles(&AdminArticleFilter::default(), PageRequest::first(10))
        .await?
        .items
        .into_iter()
        .map(|row| RecentView {
            title: row.title,
            href: format!("/admin/articles/{}", row.article.id),
            state: t.get(&format!("admin-state-{}", row.state.as_str())),
            at: t.date_time(row.article.published_at),
        })
        .collect();
    let heading = t.get("admin-dashboard-title");
    let frame = AdminFrame::new(&state, &staff, &heading, "dashboard")
        .with_notice(notice_key(uri.query()).as_deref());
    Ok(page(
        DashboardPage {
            frame,
            jobs,
            failures,
            sources,
            coverage,
            recent,
            can_edit,
        }
        .render()?,
    ))
}
