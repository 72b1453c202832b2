//! Sources: the list with each one's health, adding and editing a source, pausing its
//! polling, and "test this source" — which queues a fetch job (the admin never polls
//! itself) and sends the editor to the job's page, where the outcome appears.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use herald_domain::{
    Action, CanonicalPolicy, Job, JobId, JobState, Language, Localized, PlaceKind, Region, Source,
    SourceHealth, SourceId, Trust,
};
use herald_i18n::Arg;
use herald_store::{NewSource, StoreError};
use serde::Deserialize;
use url::Url;

use super::audit;
use super::frame::{AdminFrame, notice_key};
use super::session::{AdminError, Staff, page, page_with_status};
use super::taxonomy::term_name;
use crate::html::{DateView, Text};
use crate::{AppState, WebError};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/sources", get(list).post(create))
        .route("/admin/sources/new", get(new))
        .route("/admin/sources/{id}", get(edit).post(save))
        .route("/admin/sources/{id}/pause", post(pause))
        .route("/admin/sources/{id}/test", post(test))
        .route("/admin/jobs/{id}", get(job))
}

/// Seconds between polls an editor may choose.
const POLL_RANGE: std::ops::RangeInclusive<u32> = 60..=86_400;

#[derive(Template)]
#[template(path = "admin/sources.html")]
struct SourcesPage {
    frame: AdminFrame,
    sources: Vec<SourceRow>,
}

struct SourceRow {
    href: String,
    name: String,
    key: String,
    health: HealthView,
}

/// A source's health as the admin shows it.
struct HealthView {
    status: String,
    healthy: bool,
    paused: bool,
    last_success: Option<DateView>,
    failures: String,
    last_error: Option<String>,
    last_error_at: Option<DateView>,
    articles: String,
}

impl HealthView {
    fn new(t: &Text, health: &SourceHealth) -> Self {
        let status = if health.paused {
            t.get("admin-source-paused")
        } else if health.consecutive_failures > 0 {
            t.format(
                "admin-source-failing",
                &[("count", Arg::Number(i64::from(health.consecutive_failures)))],
            )
        } else if health.last_success_at.is_some() {
            t.get("admin-source-ok")
        } else {
            t.get("admin-source-never")
        };
        Self {
            status,
            healthy: !health.paused && health.consecutive_failures == 0,
            paused: health.paused,
            last_success: health.last_success_at.map(|at| t.date_time(at)),
            failures: t.number(i64::from(health.consecutive_failures)),
            last_error: health.last_error.clone(),
            last_error_at: health.last_error_at.map(|at| t.date_time(at)),
            articles: t.number(i64::try_from(health.articles).unwrap_or(i64::MAX)),
        }
    }
}

fn source_name(t: &Text, source: &Source) -> String {
    t.best(&source.names, t.lang())
        .map_or_else(|| source.key.clone(), |(_, name)| name.clone())
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    uri: Uri,
) -> Result<Response, AdminError> {
    staff.require(Action::ManageSources)?;
    let t = &staff.t;
    let sources = state
        .store()
        .list_sources_with_health()
        .await?
        .into_iter()
        .map(|(source, health)| SourceRow {
            href: format!("/admin/sources/{}", source.id),
            name: source_name(t, &source),
            key: source.key.clone(),
            health: HealthView::new(t, &health),
        })
        .collect();
    let heading = t.get("admin-sources-title");
    let frame = AdminFrame::new(&state, &staff, &heading, "sources")
        .with_notice(notice_key(uri.query()).as_deref());
    Ok(page(SourcesPage { frame, sources }.render()?))
}

/// The source form as sent (or as the stored source fills it).
#[derive(Deserialize, Default, Clone)]
struct SourceForm {
    #[serde(default)]
    key: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    home_url: String,
    #[serde(default)]
    feeds: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    trust: String,
    #[serde(default)]
    licence: String,
    #[serde(default)]
    credit: String,
    #[serde(default)]
    canonical: String,
    #[serde(default)]
    poll_interval: String,
}

impl SourceForm {
    fn from_source(source: &Source, default_language: &Language) -> Self {
        let (region, country) = match &source.region {
            Region::Central => ("central".to_owned(), String::new()),
            Region::Province { place } => (format!("province:{place}"), String::new()),
            Region::Mission { country } => ("mission".to_owned(), country.clone()),
        };
        Self {
            key: source.key.clone(),
            name: source
                .names
                .get(default_language)
                .or_else(|| source.names.iter().next().map(|(_, n)| n))
                .cloned()
                .unwrap_or_default(),
            home_url: source.home_url.to_string(),
            feeds: source
                .feeds
                .iter()
                .map(Url::as_str)
                .collect::<Vec<_>>()
                .join("\n"),
            language: source.language.to_string(),
            region,
            country,
            trust: trust_code(source.trust).to_owned(),
            licence: source.rights.licence.clone(),
            credit: source.rights.credit.clone(),
            canonical: canonical_code(source.rights.canonical).to_owned(),
            poll_interval: source.poll_interval_secs.to_string(),
        }
    }

    /// The source the form describes, or the messages of what is wrong with it.
    fn check(
        &self,
        t: &Text,
        languages: &[Language],
        default_language: &Language,
        keep_key: Option<&str>,
    ) -> Result<NewSource, Vec<String>> {
        let mut errors = Vec::new();
        let key = keep_key.map_or_else(|| self.key.trim().to_owned(), str::to_owned);
        if key.is_empty()
            || key.len() > 60
            || !key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            errors.push(t.get("admin-source-error-key"));
        }
        let name = self.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 200 {
            errors.push(t.get("admin-source-error-name"));
        }
        let web_url = |text: &str| {
            Url::parse(text.trim())
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        };
        let home_url = web_url(&self.home_url);
        if home_url.is_none() {
            errors.push(t.get("admin-source-error-home"));
        }
        let lines: Vec<&str> = self
            .feeds
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let feeds: Vec<Url> = lines.iter().filter_map(|l| web_url(l)).collect();
        if feeds.is_empty() || feeds.len() != lines.len() || feeds.len() > 20 {
            errors.push(t.get("admin-source-error-feeds"));
        }
        let language = Language::parse(&self.language)
            .ok()
            .filter(|l| languages.contains(l));
        if language.is_none() {
            errors.push(t.get("admin-source-error-language"));
        }
        let region = match self.region.as_str() {
            "mission" => Region::from_code(&format!(
                "mission:{}",
                self.country.trim().to_ascii_uppercase()
            )),
            code => Region::from_code(code).filter(|r| !matches!(r, Region::Mission { .. })),
        };
        if region.is_none() {
            errors.push(t.get("admin-source-error-region"));
        }
        let trust = match self.trust.as_str() {
            "auto" => Some(Trust::Auto),
            "review" => Some(Trust::Review),
            _ => None,
        };
        let canonical = match self.canonical.as_str() {
            "original" => Some(CanonicalPolicy::Original),
            "herald" => Some(CanonicalPolicy::Herald),
            _ => None,
        };
        if trust.is_none() || canonical.is_none() {
            errors.push(t.get("admin-source-error-policy"));
        }
        let licence = self.licence.trim().to_owned();
        let credit = self.credit.trim().to_owned();
        if licence.is_empty()
            || credit.is_empty()
            || licence.chars().count() > 200
            || credit.chars().count() > 200
        {
            errors.push(t.get("admin-source-error-rights"));
        }
        let poll = self
            .poll_interval
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|s| POLL_RANGE.contains(s));
        if poll.is_none() {
            errors.push(t.format(
                "admin-source-error-poll",
                &[
                    ("min", Arg::Number(i64::from(*POLL_RANGE.start()))),
                    ("max", Arg::Number(i64::from(*POLL_RANGE.end()))),
                ],
            ));
        }
        match (
            home_url,
            language,
            region,
            trust,
            canonical,
            poll,
            errors.is_empty(),
        ) {
            (
                Some(home_url),
                Some(language),
                Some(region),
                Some(trust),
                Some(canonical),
                Some(poll_interval_secs),
                true,
            ) => {
                let mut names = Localized::new();
                names.insert(default_language.clone(), name);
                Ok(NewSource {
                    key,
                    names,
                    descriptions: Localized::new(),
                    home_url,
                    feeds,
                    language,
                    region,
                    trust,
                    licence,
                    credit,
                    canonical,
                    poll_interval_secs,
                })
            }
            _ => Err(errors),
        }
    }
}

const fn trust_code(trust: Trust) -> &'static str {
    match trust {
        Trust::Auto => "auto",
        Trust::Review => "review",
    }
}

const fn canonical_code(canonical: CanonicalPolicy) -> &'static str {
    match canonical {
        CanonicalPolicy::Original => "original",
        CanonicalPolicy::Herald => "herald",
    }
}

#[derive(Template)]
#[template(path = "admin/source_form.html")]
struct SourceFormPage {
    frame: AdminFrame,
    heading: String,
    action: String,
    /// The source being edited: its id, and whether it is paused.
    existing: Option<(i64, bool)>,
    health: Option<HealthView>,
    form: SourceForm,
    errors: Vec<String>,
    languages: Vec<(String, String)>,
    regions: Vec<(String, String)>,
    trusts: Vec<(&'static str, String)>,
    canonicals: Vec<(&'static str, String)>,
}

async fn render_form(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    notice: Option<&str>,
    existing: Option<(&Source, SourceHealth)>,
    form: SourceForm,
    errors: Vec<String>,
) -> Result<Response, AdminError> {
    let t = &staff.t;
    let heading = match &existing {
        Some((source, _)) => t.format(
            "admin-source-edit-title",
            &[("name", Arg::from(source_name(t, source).as_str()))],
        ),
        None => t.get("admin-source-new-title"),
    };
    let languages = state
        .settings()
        .languages
        .iter()
        .map(|l| (l.to_string(), t.language_name(l)))
        .collect();
    let mut regions = vec![
        ("central".to_owned(), t.get("admin-source-region-central")),
        ("mission".to_owned(), t.get("admin-source-region-mission")),
    ];
    for place in state.store().list_places().await? {
        if place.kind == PlaceKind::Province {
            let name = term_name(t, &place.names, &place.key);
            regions.push((
                format!("province:{}", place.id),
                t.format(
                    "admin-source-region-province",
                    &[("place", Arg::from(name.as_str()))],
                ),
            ));
        }
    }
    let trusts = vec![
        ("auto", t.get("admin-source-trust-auto")),
        ("review", t.get("admin-source-trust-review")),
    ];
    let canonicals = vec![
        ("original", t.get("admin-source-canonical-original")),
        ("herald", t.get("admin-source-canonical-herald")),
    ];
    let (action, existing_view, health) = match &existing {
        Some((source, health)) => (
            format!("/admin/sources/{}", source.id),
            Some((source.id.get(), health.paused)),
            Some(HealthView::new(t, health)),
        ),
        None => ("/admin/sources".to_owned(), None, None),
    };
    let frame = AdminFrame::new(state, staff, &heading, "sources").with_notice(notice);
    let html = SourceFormPage {
        frame,
        heading,
        action,
        existing: existing_view,
        health,
        form,
        errors,
        languages,
        regions,
        trusts,
        canonicals,
    }
    .render()?;
    Ok(page_with_status(status, html))
}

async fn new(State(state): State<AppState>, staff: Staff) -> Result<Response, AdminError> {
    staff.require(Action::ManageSources)?;
    let form = SourceForm {
        language: state.settings().default_language.to_string(),
        region: "central".to_owned(),
        trust: "review".to_owned(),
        canonical: "original".to_owned(),
        poll_interval: "900".to_owned(),
        ..SourceForm::default()
    };
    render_form(&state, &staff, StatusCode::OK, None, None, form, Vec::new()).await
}

async fn create(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<SourceForm>,
) -> Result<Response, AdminError> {
    staff.require(Action::ManageSources)?;
    let settings = state.settings();
    let checked = form.check(
        &staff.t,
        &settings.languages,
        &settings.default_language,
        None,
    );
    let mut source = match checked {
        Ok(source) => source,
        Err(errors) => {
            return render_form(
                &state,
                &staff,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                None,
                form,
                errors,
            )
            .await;
        }
    };
    source.key = source.key.trim().to_owned();
    // The store refuses a key in use (in one write, so two editors cannot both take it).
    let created = match state.store().create_source(source).await {
        Ok(created) => created,
        Err(StoreError::Conflict { .. }) => {
            let errors = vec![staff.t.get("admin-source-error-key-taken")];
            return render_form(
                &state,
                &staff,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                None,
                form,
                errors,
            )
            .await;
        }
        Err(error) => return Err(error.into()),
    };
    audit::record(
        &state,
        &staff,
        "source.create",
        "source",
        created.id,
        created.key.clone(),
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/sources/{}?notice=created", created.id)).into_response())
}

async fn found(state: &AppState, id: i64) -> Result<(Source, SourceHealth), AdminError> {
    let id = SourceId::new(id);
    let source = state
        .store()
        .source(id)
        .await?
        .ok_or(AdminError::Web(WebError::NotFound))?;
    let health = state.store().source_health(id).await?.unwrap_or_default();
    Ok((source, health))
}

async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    uri: Uri,
) -> Result<Response, AdminError> {
    staff.require(Action::ManageSources)?;
    let (source, health) = found(&state, id).await?;
    let form = SourceForm::from_source(&source, &state.settings().default_language);
    render_form(
        &state,
        &staff,
        StatusCode::OK,
        notice_key(uri.query()).as_deref(),
        Some((&source, health)),
        form,
        Vec::new(),
    )
    .await
}

async fn save(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<SourceForm>,
) -> Result<Response, AdminError> {
    staff.require(Action::ManageSources)?;
    let (source, health) = found(&state, id).await?;
    let settings = state.settings();
    let checked = form.check(
        &staff.t,
        &settings.languages,
        &settings.default_language,
        Some(&source.key),
    );
    let mut update = match checked {
        Ok(update) => update,
        Err(errors) => {
            let form = SourceForm {
                key: source.key.clone(),
                ..form
            };
            return render_form(
                &state,
                &staff,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Some((&source, health)),
                form,
                errors,
            )
            .await;
        }
    };
    // Only the default language's name is edited here; the others stay as they were.
    let mut names = source.names.clone();
    for (language, name) in update.names.iter() {
        names.insert(language.clone(), name.clone());
    }
    update.names = names;
    update.descriptions = source.descriptions.clone();
    state.store().update_source(source.id, update).await?;
    audit::record(
        &state,
        &staff,
        "source.update",
        "source",
        source.id,
        source.key,
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/sources/{id}?notice=saved")).into_response())
}

#[derive(Deserialize)]
struct PauseForm {
    paused: String,
}

async fn pause(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<PauseForm>,
) -> Result<Response, AdminError> {
    staff.require(Action::ManageSources)?;
    let paused = match form.paused.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(WebError::BadRequest("paused must be true or false").into()),
    };
    let (source, _) = found(&state, id).await?;
    state.store().set_source_paused(source.id, paused).await?;
    let action = if paused {
        "source.pause"
    } else {
        "source.resume"
    };
    audit::record(&state, &staff, action, "source", source.id, source.key).await?;
    Ok(Redirect::to(&format!("/admin/sources/{id}?notice=saved")).into_response())
}

async fn test(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AdminError> {
    staff.require(Action::ManageSources)?;
    let (source, _) = found(&state, id).await?;
    let job = state
        .store()
        .enqueue(Job::Fetch { source: source.id }, state.clock().now())
        .await?;
    audit::record(
        &state,
        &staff,
        "source.test",
        "source",
        source.id,
        format!("job {job}"),
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/jobs/{job}?notice=queued")).into_response())
}

#[derive(Template)]
#[template(path = "admin/job.html")]
struct JobPage {
    frame: AdminFrame,
    heading: String,
    kind: String,
    state: String,
    waiting: bool,
    attempts: String,
    last_error: Option<String>,
    created: DateView,
    /// For a fetch: the source's name, its edit page and its health now.
    source: Option<(String, String, HealthView)>,
}

async fn job(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    uri: Uri,
) -> Result<Response, AdminError> {
    staff.require(Action::ManageSources)?;
    let t = &staff.t;
    let record = state
        .store()
        .job(JobId::new(id))
        .await?
        .ok_or(AdminError::Web(WebError::NotFound))?;
    let source = match &record.job {
        Job::Fetch { source } => match state.store().source(*source).await? {
            Some(found) => {
                let health = state
                    .store()
                    .source_health(found.id)
                    .await?
                    .unwrap_or_default();
                Some((
                    source_name(t, &found),
                    format!("/admin/sources/{}", found.id),
                    HealthView::new(t, &health),
                ))
            }
            None => None,
        },
        _ => None,
    };
    let heading = t.format("admin-job-title", &[("id", Arg::Number(id))]);
    let frame = AdminFrame::new(&state, &staff, &heading, "sources")
        .with_notice(notice_key(uri.query()).as_deref());
    let html = JobPage {
        frame,
        heading,
        kind: record.job.kind().to_owned(),
        state: t.get(&format!("admin-job-state-{}", record.state.as_str())),
        waiting: matches!(record.state, JobState::Queued | JobState::Running),
        attempts: format!("{} / {}", record.attempts, record.max_attempts),
        last_error: record.last_error,
        created: t.date_time(record.created_at),
        source,
    }
    .render()?;
    Ok(page(html))
}
