//! The glossary: per language pair, the terms machine translation must respect (forced
//! translations, names, do-not-translate entries). `/admin/glossary?from=&to=` lists a pair's
//! entries with a form to add or change one; the pair's list goes out and comes in as the CSV
//! file `herald glossary export|import` reads and writes (herald_domain::glossary's format).
//! A translator may change the pairs into their languages only.

use askama::Template;
use axum::extract::{FromRequest, Multipart, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use herald_domain::glossary::{self, GlossaryEntry, GlossaryKind};
use herald_domain::{Action, Language, Timestamp};
use herald_i18n::Arg;
use herald_store::StoreError;
use serde::Deserialize;

use super::audit;
use super::frame::{AdminFrame, notice_key};
use super::session::{AdminError, Staff, page_with_status};
use crate::{AppState, WebError};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/glossary", get(show).post(save))
        .route("/admin/glossary/{id}/delete", post(delete))
        .route("/admin/glossary/export.csv", get(export))
        .route("/admin/glossary/import", post(import))
}

/// Largest CSV text imported from the form.
const MAX_CSV_BYTES: usize = 2 * 1024 * 1024;

#[derive(Deserialize)]
struct PairQuery {
    from: Option<String>,
    to: Option<String>,
}

/// The pair a request names, among the site's languages, that `staff` may edit; else the
/// first such pair.
fn pair(
    state: &AppState,
    staff: &Staff,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(Language, Language), AdminError> {
    let languages = &state.settings().languages;
    let parse = |tag: Option<&str>| {
        tag.filter(|t| !t.is_empty())
            .map(|t| {
                Language::parse(t)
                    .ok()
                    .filter(|l| languages.contains(l))
                    .ok_or(WebError::UnknownLanguage)
            })
            .transpose()
    };
    let (from, to) = (parse(from)?, parse(to)?);
    if let (Some(from), Some(to)) = (&from, &to) {
        if from == to {
            return Err(WebError::BadRequest("one language twice").into());
        }
        staff.require(Action::EditGlossary(from, to))?;
        return Ok((from.clone(), to.clone()));
    }
    languages
        .iter()
        .filter(|f| from.as_ref().is_none_or(|x| x == *f))
        .flat_map(|f| languages.iter().map(move |t| (f, t)))
        .filter(|(f, t)| f != t && to.as_ref().is_none_or(|x| x == *t))
        .find(|(f, t)| staff.user.may(Action::EditGlossary(f, t)))
        .map(|(f, t)| (f.clone(), t.clone()))
        .ok_or(AdminError::Forbidden)
}

#[derive(Template)]
#[template(path = "admin/glossary.html")]
struct GlossaryPage {
    frame: AdminFrame,
    from: String,
    to: String,
    pairs: Vec<(String, String, String, bool)>,
    entries: Vec<EntryView>,
    kinds: Vec<(&'static str, String)>,
    export_href: String,
    error: Option<String>,
    problems: Vec<String>,
    csv: String,
    imported: Option<String>,
}

struct EntryView {
    id: i64,
    term: String,
    translation: String,
    kind: &'static str,
    kind_label: String,
    case_sensitive: bool,
    note: String,
}

fn kind_label(staff: &Staff, kind: GlossaryKind) -> String {
    staff
        .t
        .get(&format!("admin-glossary-kind-{}", kind.as_str()))
}

/// What a change left to show: an error, an import's bad lines and its text, or its count.
#[derive(Default)]
struct Outcome {
    error: Option<String>,
    problems: Vec<String>,
    csv: String,
    imported: Option<String>,
}

/// The page again with `error` (422): a change that was not made.
async fn refuse(
    state: &AppState,
    staff: &Staff,
    pair: (&Language, &Language),
    error: String,
) -> Result<Response, AdminError> {
    let outcome = Outcome {
        error: Some(error),
        ..Outcome::default()
    };
    render(
        state,
        staff,
        pair,
        StatusCode::UNPROCESSABLE_ENTITY,
        None,
        outcome,
    )
    .await
}

async fn render(
    state: &AppState,
    staff: &Staff,
    (from, to): (&Language, &Language),
    status: StatusCode,
    notice: Option<&str>,
    outcome: Outcome,
) -> Result<Response, AdminError> {
    let entries = state.store().glossary(from, to).await?;
    let stored_pairs = state.store().glossary_pairs().await?;
    let languages = &state.settings().languages;
    let pairs = languages
        .iter()
        .flat_map(|f| languages.iter().map(move |t| (f, t)))
        .filter(|(f, t)| f != t && staff.user.may(Action::EditGlossary(f, t)))
        .map(|(f, t)| {
            let count = stored_pairs
                .iter()
                .find(|(a, b, _)| a == f && b == t)
                .map_or(0, |(_, _, n)| *n);
            (
                format!("/admin/glossary?from={f}&to={t}"),
                format!(
                    "{} → {}",
                    staff.t.language_name(f),
                    staff.t.language_name(t)
                ),
                staff.t.number(i64::try_from(count).unwrap_or(i64::MAX)),
                f == from && t == to,
            )
        })
        .collect();
    let entries = entries
        .into_iter()
        .map(|e| EntryView {
            id: e.id,
            kind: e.kind.as_str(),
            kind_label: kind_label(staff, e.kind),
            term: e.term,
            translation: e.translation,
            case_sensitive: e.case_sensitive,
            note: e.note,
        })
        .collect();
    let heading = staff.t.get("admin-glossary-title");
    let frame = AdminFrame::new(state, staff, &heading, "glossary").with_notice(notice);
    let html = GlossaryPage {
        frame,
        from: from.to_string(),
        to: to.to_string(),
        pairs,
        entries,
        kinds: GlossaryKind::ALL
            .into_iter()
            .map(|k| (k.as_str(), kind_label(staff, k)))
            .collect(),
        export_href: format!("/admin/glossary/export.csv?from={from}&to={to}"),
        error: outcome.error,
        problems: outcome.problems,
        csv: outcome.csv,
        imported: outcome.imported,
    }
    .render()?;
    Ok(page_with_status(status, html))
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    uri: Uri,
    Query(query): Query<PairQuery>,
) -> Result<Response, AdminError> {
    let (from, to) = pair(&state, &staff, query.from.as_deref(), query.to.as_deref())?;
    render(
        &state,
        &staff,
        (&from, &to),
        StatusCode::OK,
        notice_key(uri.query()).as_deref(),
        Outcome::default(),
    )
    .await
}

fn back(from: &Language, to: &Language, notice: &str) -> Response {
    Redirect::to(&format!(
        "/admin/glossary?from={from}&to={to}&notice={notice}"
    ))
    .into_response()
}

#[derive(Deserialize)]
struct EntryForm {
    from: String,
    to: String,
    #[serde(default)]
    id: Option<String>,
    term: String,
    #[serde(default)]
    translation: String,
    kind: String,
    #[serde(default)]
    case_sensitive: Option<String>,
    #[serde(default)]
    note: String,
}

async fn save(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<EntryForm>,
) -> Result<Response, AdminError> {
    let (from, to) = pair(&state, &staff, Some(&form.from), Some(&form.to))?;
    let id = form
        .id
        .as_deref()
        .filter(|i| !i.is_empty())
        .map(str::parse::<i64>)
        .transpose()
        .map_err(|_| WebError::BadRequest("bad entry id"))?
        .unwrap_or(0);
    let kind =
        GlossaryKind::parse(&form.kind).ok_or(WebError::BadRequest("unknown glossary kind"))?;
    if id != 0 {
        // The entry changed must be of the pair this person may edit.
        let entries = state.store().glossary(&from, &to).await?;
        if !entries.iter().any(|e| e.id == id) {
            return Err(WebError::NotFound.into());
        }
    }
    let entry = GlossaryEntry {
        id,
        from: from.clone(),
        to: to.clone(),
        term: form.term.trim().to_owned(),
        translation: form.translation.trim().to_owned(),
        kind,
        case_sensitive: form.case_sensitive.is_some(),
        note: form.note.trim().to_owned(),
        updated_at: Timestamp::UNIX_EPOCH,
    };
    if let Err(problem) = entry.check() {
        let error = staff.t.format(
            "admin-glossary-invalid",
            &[("problem", Arg::from(problem.to_string()))],
        );
        return refuse(&state, &staff, (&from, &to), error).await;
    }
    let saved = match state.store().save_glossary_entry(entry).await {
        Ok(saved) => saved,
        Err(StoreError::Conflict { .. }) => {
            let error = staff.t.get("admin-glossary-duplicate");
            return refuse(&state, &staff, (&from, &to), error).await;
        }
        Err(error) => return Err(error.into()),
    };
    audit::record(
        &state,
        &staff,
        if id == 0 {
            "glossary.add"
        } else {
            "glossary.edit"
        },
        "glossary",
        saved.id,
        format!("{from}-{to}: {} → {}", saved.term, saved.translation),
    )
    .await?;
    Ok(back(&from, &to, "saved"))
}

#[derive(Deserialize)]
struct DeleteForm {
    from: String,
    to: String,
}

async fn delete(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, AdminError> {
    let (from, to) = pair(&state, &staff, Some(&form.from), Some(&form.to))?;
    let entries = state.store().glossary(&from, &to).await?;
    let Some(entry) = entries.into_iter().find(|e| e.id == id) else {
        return Err(WebError::NotFound.into());
    };
    state.store().delete_glossary_entry(id).await?;
    audit::record(
        &state,
        &staff,
        "glossary.delete",
        "glossary",
        id,
        format!("{from}-{to}: {}", entry.term),
    )
    .await?;
    Ok(back(&from, &to, "deleted"))
}

async fn export(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<PairQuery>,
) -> Result<Response, AdminError> {
    let (from, to) = pair(&state, &staff, query.from.as_deref(), query.to.as_deref())?;
    let entries = state.store().glossary(&from, &to).await?;
    let mut response = glossary::write_csv(&entries).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"glossary-{from}-{to}.csv\""
    )) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

#[derive(Deserialize)]
struct ImportForm {
    from: String,
    to: String,
    csv: String,
}

/// The import form as sent: pasted text (urlencoded), or a file and the same fields
/// (multipart, its CSRF token in the query). A file, when one is chosen, wins over the text.
/// With it, the message naming what is wrong with the file (not UTF-8 text), if anything.
async fn import_form(
    state: &AppState,
    request: axum::extract::Request,
) -> Result<(ImportForm, Option<&'static str>), AdminError> {
    let bad = |_| AdminError::Web(WebError::BadRequest("not a glossary import form"));
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let Form(form) = Form::<ImportForm>::from_request(request, state)
            .await
            .map_err(|_| AdminError::Web(WebError::BadRequest("not a glossary import form")))?;
        return Ok((form, None));
    }
    let mut fields = Multipart::from_request(request, state)
        .await
        .map_err(|_| AdminError::Web(WebError::BadRequest("not a glossary import form")))?;
    let mut form = ImportForm {
        from: String::new(),
        to: String::new(),
        csv: String::new(),
    };
    let mut file = None;
    while let Some(field) = fields.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(bad)?;
        if bytes.len() > MAX_CSV_BYTES {
            return Err(WebError::BadRequest("glossary file too large").into());
        }
        let text = || String::from_utf8(bytes.to_vec());
        match name.as_str() {
            "from" => form.from = text().unwrap_or_default(),
            "to" => form.to = text().unwrap_or_default(),
            "csv" => form.csv = text().unwrap_or_default(),
            "file" if !bytes.is_empty() => file = Some(bytes),
            _ => {}
        }
    }
    if let Some(bytes) = file {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => form.csv = text.to_owned(),
            Err(_) => return Ok((form, Some("admin-glossary-import-not-text"))),
        }
    }
    Ok((form, None))
}

async fn import(
    State(state): State<AppState>,
    staff: Staff,
    request: axum::extract::Request,
) -> Result<Response, AdminError> {
    let (form, problem) = import_form(&state, request).await?;
    let (from, to) = pair(&state, &staff, Some(&form.from), Some(&form.to))?;
    match problem {
        None => {}
        Some(message) => {
            let error = staff.t.get(message);
            return refuse(&state, &staff, (&from, &to), error).await;
        }
    }
    if form.csv.len() > MAX_CSV_BYTES {
        return Err(WebError::BadRequest("glossary file too large").into());
    }
    let entries = match glossary::read_csv(&form.csv, Some((&from, &to))) {
        Ok(entries) => entries,
        Err(problems) => {
            let problems = problems
                .iter()
                .map(|p| {
                    staff.t.format(
                        "admin-glossary-import-line",
                        &[
                            ("line", Arg::Number(i64::try_from(p.line).unwrap_or(0))),
                            ("problem", Arg::from(p.problem.to_string())),
                        ],
                    )
                })
                .collect();
            let error = staff.t.get("admin-glossary-import-failed");
            return render(
                &state,
                &staff,
                (&from, &to),
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Outcome {
                    error: Some(error),
                    problems,
                    csv: form.csv,
                    imported: None,
                },
            )
            .await;
        }
    };
    let count = entries.len();
    for entry in entries {
        state.store().save_glossary_entry(entry).await?;
    }
    audit::record(
        &state,
        &staff,
        "glossary.import",
        "glossary",
        format!("{from}-{to}"),
        count.to_string(),
    )
    .await?;
    let imported = staff.t.format(
        "admin-glossary-imported",
        &[("count", Arg::Number(i64::try_from(count).unwrap_or(0)))],
    );
    render(
        &state,
        &staff,
        (&from, &to),
        StatusCode::OK,
        None,
        Outcome {
            imported: Some(imported),
            ..Outcome::default()
        },
    )
    .await
}
