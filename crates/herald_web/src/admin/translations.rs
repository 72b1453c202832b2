//! Translation review: `/admin/translations` lists, for the languages the signed-in person
//! may review, the translations whose original changed since (stale) and those machine-made
//! or waiting in review; `/admin/translations/{id}/{lang}` shows the original and the
//! translation side by side, segment by segment, with the version's QA flags and the pair's
//! glossary terms marked, and takes the translator's edits: "save" makes the version
//! post-edited, "approve" reviewed (and published where the site publishes the language).
//!
//! The machine provenance is kept on save, so a translation stays stale after a person's
//! edit of it; approving says the reviewer checked it against the current original, so the
//! approved version counts as made from the original's current revision and leaves the
//! stale list.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use herald_domain::glossary::TermFinder;
use herald_domain::{
    Action, ArticleId, EditorialState, Job, Language, Origin, QaFlag, Role, Version,
};
use herald_i18n::Arg;
use herald_store::{AdminArticleFilter, PageRequest, VersionDraft};
use serde::Deserialize;

use super::audit;
use super::frame::{AdminFrame, notice_key};
use super::segments::{Body, FoundTerm, mark_terms};
use super::session::{AdminError, Staff, page, page_with_status};
use crate::html::LangMark;
use crate::{AppState, WebError};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/translations", get(list))
        .route("/admin/translations/{id}/{lang}", get(review).post(save))
}

/// Stale translations per page.
const PAGE_SIZE: u32 = 30;
/// Articles read per language for the review queue.
const QUEUE_SIZE: u32 = 50;
/// Longest title or lead accepted, in characters.
const MAX_LINE_CHARS: usize = 1_000;
/// Longest segment accepted, in bytes.
const MAX_SEGMENT_BYTES: usize = 100_000;

/// The site's languages `staff` may review.
fn reviewable(state: &AppState, staff: &Staff) -> Vec<Language> {
    state
        .settings()
        .languages
        .iter()
        .filter(|l| staff.user.may(Action::ReviewTranslation(l)))
        .cloned()
        .collect()
}

#[derive(Deserialize)]
struct ListQuery {
    language: Option<String>,
    page: Option<u32>,
}

#[derive(Template)]
#[template(path = "admin/translations.html")]
struct ListPage {
    frame: AdminFrame,
    languages: Vec<(String, String, bool)>,
    everything: bool,
    stale: Vec<StaleView>,
    queue: Vec<QueueView>,
    previous: Option<String>,
    next: Option<String>,
}

struct StaleView {
    href: String,
    title: String,
    mark: LangMark,
    language: String,
    origin: String,
    revisions: String,
}

struct QueueView {
    href: String,
    title: String,
    language: String,
    origin: String,
    state: String,
}

fn origin_label(staff: &Staff, origin: Origin) -> String {
    staff.t.get(&format!("admin-origin-{}", origin.as_str()))
}

fn state_label(staff: &Staff, state: EditorialState) -> String {
    staff.t.get(&format!("admin-state-{}", state.as_str()))
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    uri: Uri,
    Query(query): Query<ListQuery>,
) -> Result<Response, AdminError> {
    let languages = reviewable(&state, &staff);
    if languages.is_empty() {
        return Err(AdminError::Forbidden);
    }
    let everyone = matches!(staff.user.role, Role::Admin | Role::Editor);
    let chosen = query
        .language
        .as_deref()
        .filter(|l| !l.is_empty())
        .and_then(|l| Language::parse(l).ok())
        .filter(|l| languages.contains(l));
    // A translator always looks at one of their languages; editors may look at all.
    let selected = match chosen {
        Some(l) => Some(l),
        None if everyone => None,
        None => languages.first().cloned(),
    };
    let number = query.page.unwrap_or(1).max(1);
    let stale = state
        .store()
        .stale_versions(
            selected.as_ref(),
            PageRequest {
                number,
                size: PAGE_SIZE,
            },
        )
        .await?;
    let link = |page: u32| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        if let Some(l) = &selected {
            query.append_pair("language", l.as_str());
        }
        query.append_pair("page", &page.to_string());
        format!("/admin/translations?{}", query.finish())
    };
    let previous = (number > 1).then(|| link(number - 1));
    let next = (number < stale.pages()).then(|| link(number + 1));
    let stale = stale
        .items
        .into_iter()
        .filter(|s| languages.contains(&s.language))
        .map(|s| StaleView {
            href: format!("/admin/translations/{}/{}", s.article, s.language),
            mark: LangMark::of(&s.language),
            language: staff.t.language_name(&s.language),
            origin: origin_label(&staff, s.origin),
            revisions: staff.t.format(
                "admin-review-revisions",
                &[
                    ("from", Arg::Number(i64::from(s.from_revision))),
                    ("now", Arg::Number(i64::from(s.revision))),
                ],
            ),
            title: s.title,
        })
        .collect();
    let mut queue = Vec::new();
    let queued_languages = selected
        .clone()
        .map_or_else(|| languages.clone(), |l| vec![l]);
    for language in &queued_languages {
        let filter = AdminArticleFilter {
            language: Some(language.clone()),
            ..AdminArticleFilter::default()
        };
        let rows = state
            .store()
            .admin_articles(&filter, PageRequest::first(QUEUE_SIZE))
            .await?;
        for row in rows.items {
            let Some((_, origin, version_state)) =
                row.versions.iter().find(|(l, _, _)| l == language)
            else {
                continue;
            };
            let waiting = row.article.source_language != *language
                && (matches!(origin, Origin::Machine | Origin::PostEdited)
                    || *version_state == EditorialState::Review);
            if waiting {
                queue.push(QueueView {
                    href: format!("/admin/translations/{}/{language}", row.article.id),
                    title: row.title,
                    language: staff.t.language_name(language),
                    origin: origin_label(&staff, *origin),
                    state: state_label(&staff, *version_state),
                });
            }
        }
    }
    let language_choices = languages
        .iter()
        .map(|l| {
            (
                l.to_string(),
                staff.t.language_name(l),
                selected.as_ref() == Some(l),
            )
        })
        .collect();
    let heading = staff.t.get("admin-review-title");
    let frame = AdminFrame::new(&state, &staff, &heading, "translations")
        .with_notice(notice_key(uri.query()).as_deref());
    Ok(page(
        ListPage {
            frame,
            languages: language_choices,
            everything: everyone,
            stale,
            queue,
            previous,
            next,
        }
        .render()?,
    ))
}

#[derive(Template)]
#[template(path = "admin/review.html")]
struct ReviewPage {
    frame: AdminFrame,
    heading: String,
    action: String,
    source_mark: LangMark,
    target_mark: LangMark,
    source_language: String,
    target_language: String,
    source_title: String,
    source_lead: String,
    title: String,
    lead: String,
    origin: String,
    state: String,
    stale: bool,
    flags: Vec<String>,
    rows: Vec<RowView>,
    error: Option<String>,
    glossary_href: String,
}

struct RowView {
    /// The translated segment's number, when the translation has this block.
    index: Option<usize>,
    /// The original's block, sanitised on ingest, with glossary terms marked.
    source: Option<String>,
    target: String,
    terms: Vec<FoundTerm>,
    /// QA flags that name something in this segment.
    flags: Vec<String>,
    label: String,
}

/// What a review page is about, read and checked.
struct Subject {
    id: ArticleId,
    language: Language,
    source: Version,
    translation: Version,
    revision: u32,
}

async fn subject(
    state: &AppState,
    staff: &Staff,
    id: i64,
    lang: &str,
) -> Result<Subject, AdminError> {
    let language = Language::parse(lang).map_err(|_| WebError::NotFound)?;
    staff.require(Action::ReviewTranslation(&language))?;
    let id = ArticleId::new(id);
    let article = state.store().article(id).await?.ok_or(WebError::NotFound)?;
    if article.source_language == language {
        return Err(WebError::NotFound.into());
    }
    let source = state
        .store()
        .version(id, &article.source_language)
        .await?
        .ok_or(WebError::NotFound)?;
    let translation = state
        .store()
        .version(id, &language)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(Subject {
        id,
        language,
        source,
        translation,
        revision: article.revision,
    })
}

fn flag_label(staff: &Staff, flag: &QaFlag) -> String {
    let key = match flag {
        QaFlag::MarkupLost => "admin-qa-markup-lost",
        QaFlag::NumbersChanged => "admin-qa-numbers-changed",
        QaFlag::Untranslated => "admin-qa-untranslated",
        QaFlag::WrongScript => "admin-qa-wrong-script",
        QaFlag::GlossaryMissed { term } => {
            return staff
                .t
                .format("admin-qa-glossary-missed", &[("term", Arg::from(term))]);
        }
        QaFlag::PlaceholdersLost => "admin-qa-placeholders-lost",
        QaFlag::PlaceholdersDuplicated => "admin-qa-placeholders-duplicated",
        QaFlag::LengthOutOfProportion => "admin-qa-length",
        QaFlag::SegmentLimitReached => "admin-qa-segment-limit",
    };
    staff.t.get(key)
}

/// The review page; `edit` is what was sent when it is shown again with an error.
async fn render(
    state: &AppState,
    staff: &Staff,
    subject: &Subject,
    status: StatusCode,
    notice: Option<&str>,
    edit: Option<(&str, &str, &[Option<String>])>,
    error: Option<String>,
) -> Result<Response, AdminError> {
    let from = &subject.source.language;
    let to = &subject.language;
    let entries = state.store().glossary(from, to).await?;
    let finder = TermFinder::new(&entries);
    let flags = subject
        .translation
        .provenance
        .as_ref()
        .map(|p| p.qa_flags.clone())
        .unwrap_or_default();
    let source_body = Body::split(&subject.source.body);
    let target_body = Body::split(&subject.translation.body);
    let sources = source_body.segments();
    let mut targets: Vec<String> = target_body
        .segments()
        .into_iter()
        .map(str::to_owned)
        .collect();
    if let Some((_, _, segments)) = edit {
        for (slot, sent) in targets.iter_mut().zip(segments) {
            if let Some(sent) = sent {
                slot.clone_from(sent);
            }
        }
    }
    let rows = (0..sources.len().max(targets.len()))
        .map(|i| {
            let target = targets.get(i).cloned();
            let (source, terms) = match sources.get(i) {
                Some(html) => {
                    let (marked, terms) = mark_terms(html, target.as_deref(), &finder, &entries);
                    (Some(marked), terms)
                }
                None => (None, Vec::new()),
            };
            let segment_flags = flags
                .iter()
                .filter(|f| match f {
                    QaFlag::GlossaryMissed { term } => terms.iter().any(|t| &t.term == term),
                    _ => false,
                })
                .map(|f| flag_label(staff, f))
                .collect();
            RowView {
                index: target.is_some().then_some(i),
                source,
                target: target.unwrap_or_default(),
                terms,
                flags: segment_flags,
                label: staff.t.format(
                    "admin-review-segment",
                    &[(
                        "number",
                        Arg::Number(i64::try_from(i + 1).unwrap_or(i64::MAX)),
                    )],
                ),
            }
        })
        .collect();
    let (title, lead) = edit.map_or_else(
        || {
            (
                subject.translation.title.clone(),
                subject.translation.lead.clone(),
            )
        },
        |(title, lead, _)| (title.to_owned(), lead.to_owned()),
    );
    let stale = subject
        .translation
        .provenance
        .as_ref()
        .is_some_and(|p| p.from_revision < subject.revision);
    let heading = staff.t.format(
        "admin-review-heading",
        &[("language", Arg::from(staff.t.language_name(to)))],
    );
    let frame = AdminFrame::new(state, staff, &heading, "translations").with_notice(notice);
    let html = ReviewPage {
        frame,
        heading,
        action: format!("/admin/translations/{}/{to}", subject.id),
        source_mark: LangMark::of(from),
        target_mark: LangMark::of(to),
        source_language: staff.t.language_name(from),
        target_language: staff.t.language_name(to),
        source_title: subject.source.title.clone(),
        source_lead: subject.source.lead.clone(),
        title,
        lead,
        origin: origin_label(staff, subject.translation.origin),
        state: state_label(staff, subject.translation.state),
        stale,
        flags: flags.iter().map(|f| flag_label(staff, f)).collect(),
        rows,
        error,
        glossary_href: format!("/admin/glossary?from={from}&to={to}"),
    }
    .render()?;
    Ok(page_with_status(status, html))
}

async fn review(
    State(state): State<AppState>,
    staff: Staff,
    uri: Uri,
    Path((id, lang)): Path<(i64, String)>,
) -> Result<Response, AdminError> {
    let subject = subject(&state, &staff, id, &lang).await?;
    render(
        &state,
        &staff,
        &subject,
        StatusCode::OK,
        notice_key(uri.query()).as_deref(),
        None,
        None,
    )
    .await
}

async fn save(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, lang)): Path<(i64, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AdminError> {
    let subject = subject(&state, &staff, id, &lang).await?;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let approve = match field("action") {
        Some("approve") => true,
        Some("save") | None => false,
        Some(_) => return Err(WebError::BadRequest("unknown action").into()),
    };
    let title = herald_domain::text::normalize_line(field("title").unwrap_or_default());
    let lead = field("lead").unwrap_or_default().trim().to_owned();
    let body = Body::split(&subject.translation.body);
    let count = body.segments().len();
    let mut segments: Vec<Option<String>> = vec![None; count];
    for (name, value) in &fields {
        let Some(index) = name
            .strip_prefix("segment-")
            .and_then(|n| n.parse::<usize>().ok())
        else {
            continue;
        };
        if value.len() > MAX_SEGMENT_BYTES {
            return Err(WebError::BadRequest("segment too long").into());
        }
        if let Some(slot) = segments.get_mut(index) {
            *slot = Some(value.replace("\r\n", "\n"));
        }
    }
    let problem = if title.is_empty() {
        Some("admin-review-title-required")
    } else if title.chars().count() > MAX_LINE_CHARS || lead.chars().count() > MAX_LINE_CHARS * 4 {
        Some("admin-review-too-long")
    } else {
        None
    };
    if let Some(problem) = problem {
        let error = staff.t.get(problem);
        return render(
            &state,
            &staff,
            &subject,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some((&title, &lead, &segments)),
            Some(error),
        )
        .await;
    }
    let new_body = body.rebuild(&segments);
    let origin = if approve {
        Origin::Reviewed
    } else {
        Origin::PostEdited
    };
    let published_here = state.settings().languages.contains(&subject.language);
    let new_state = if approve && published_here {
        EditorialState::Published
    } else {
        subject.translation.state
    };
    let provenance = subject.translation.provenance.clone().map(|mut p| {
        p.translator = Some(staff.user.email.clone());
        if approve {
            p.from_revision = subject.revision;
        }
        p
    });
    state
        .store()
        .save_version(VersionDraft {
            article: subject.id,
            language: subject.language.clone(),
            title,
            lead,
            body: new_body,
            origin,
            provenance,
            state: new_state,
        })
        .await?;
    let now = state.clock().now();
    state
        .store()
        .enqueue(
            Job::Index {
                article: subject.id,
                language: subject.language.clone(),
            },
            now,
        )
        .await?;
    let action = if approve {
        "translation.approve"
    } else {
        "translation.save"
    };
    audit::record(
        &state,
        &staff,
        action,
        "article",
        subject.id,
        format!("{} → {}", subject.language, origin.as_str()),
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/admin/translations/{}/{}?notice=saved",
        subject.id, subject.language
    ))
    .into_response())
}
