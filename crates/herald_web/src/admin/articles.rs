//! Articles in every state: the list with filters, and one article's page — its filing
//! (category, topics, place, featured), each version with buttons to publish, withdraw or
//! hold it, and "re-translate", which queues a job (the admin never translates itself).
//! Every change that readers would see also queues the search index's update.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use herald_domain::{
    Action, ArticleId, CategoryId, EditorialState, Job, Language, PlaceId, SourceId, TopicId,
};
use herald_i18n::Arg;
use herald_store::{AdminArticleFilter, ArticleEdit, PageRequest};
use serde::Deserialize;

use super::audit;
use super::frame::{AdminFrame, notice_key};
use super::session::{AdminError, Staff, page};
use super::taxonomy::term_name;
use crate::html::{DateView, Text};
use crate::{AppState, WebError};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/articles", get(list))
        .route("/admin/articles/{id}", get(show).post(save))
        .route(
            "/admin/articles/{id}/versions/{lang}/state",
            post(set_state),
        )
        .route("/admin/articles/{id}/retranslate", post(retranslate))
}

/// Articles per page.
const PAGE_SIZE: u32 = 30;

#[derive(Deserialize, Default)]
struct ListQuery {
    q: Option<String>,
    source: Option<String>,
    category: Option<String>,
    state: Option<String>,
    language: Option<String>,
    page: Option<u32>,
}

/// A `<select>`'s option: value, label, selected.
type Choice = (String, String, bool);

#[derive(Template)]
#[template(path = "admin/articles.html")]
struct ArticlesPage {
    frame: AdminFrame,
    q: String,
    sources: Vec<Choice>,
    categories: Vec<Choice>,
    states: Vec<Choice>,
    languages: Vec<Choice>,
    rows: Vec<ArticleRow>,
    total: String,
    previous: Option<String>,
    next: Option<String>,
}

struct ArticleRow {
    href: String,
    title: String,
    source: String,
    category: String,
    published: DateView,
    state: String,
    /// Each version: language tag, origin, state.
    versions: Vec<(String, String, String)>,
}

fn chosen(value: Option<&String>) -> Option<&str> {
    value.map(|v| v.trim()).filter(|v| !v.is_empty())
}

fn origin_label(t: &Text, origin: herald_domain::Origin) -> String {
    t.get(&format!("admin-origin-{}", origin.as_str()))
}

fn state_label(t: &Text, state: EditorialState) -> String {
    t.get(&format!("admin-state-{}", state.as_str()))
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<ListQuery>,
    uri: Uri,
) -> Result<Response, AdminError> {
    staff.require(Action::EditArticles)?;
    let t = &staff.t;
    let store = state.store();
    let settings = state.settings();
    let text = chosen(query.q.as_ref())
        .filter(|q| q.chars().count() <= 200)
        .map(str::to_owned);
    let source = chosen(query.source.as_ref())
        .and_then(|s| s.parse().ok())
        .map(SourceId::new);
    let category = chosen(query.category.as_ref())
        .and_then(|s| s.parse().ok())
        .map(CategoryId::new);
    let editorial = chosen(query.state.as_ref()).and_then(EditorialState::parse);
    let language = chosen(query.language.as_ref())
        .and_then(|l| Language::parse(l).ok())
        .filter(|l| settings.languages.contains(l));
    let number = query.page.unwrap_or(1).max(1);
    let filter = AdminArticleFilter {
        query: text.clone(),
        source,
        category,
        state: editorial,
        language: language.clone(),
    };
    let paged = store
        .admin_articles(
            &filter,
            PageRequest {
                number,
                size: PAGE_SIZE,
            },
        )
        .await?;
    let all_sources = store.list_sources().await?;
    let all_categories = store.list_categories().await?;
    let source_name = |id: SourceId| {
        all_sources.iter().find(|s| s.id == id).map_or_else(
            || id.to_string(),
            |s| {
                t.best(&s.names, t.lang())
                    .map_or_else(|| s.key.clone(), |(_, n)| n.clone())
            },
        )
    };
    let category_name = |id: CategoryId| {
        all_categories
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| term_name(t, &c.names, &c.key))
    };
    let rows = paged
        .items
        .iter()
        .map(|row| ArticleRow {
            href: format!("/admin/articles/{}", row.article.id),
            title: row.title.clone(),
            source: source_name(row.article.source),
            category: category_name(row.article.category),
            published: t.date_time(row.article.published_at),
            state: state_label(t, row.state),
            versions: row
                .versions
                .iter()
                .map(|(l, origin, s)| (l.to_string(), origin_label(t, *origin), state_label(t, *s)))
                .collect(),
        })
        .collect();
    let sources = all_sources
        .iter()
        .map(|s| (s.id.to_string(), source_name(s.id), source == Some(s.id)))
        .collect();
    let categories = all_categories
        .iter()
        .map(|c| {
            (
                c.id.to_string(),
                category_name(c.id),
                category == Some(c.id),
            )
        })
        .collect();
    let states = [
        EditorialState::Draft,
        EditorialState::Review,
        EditorialState::Published,
        EditorialState::Withdrawn,
    ]
    .into_iter()
    .map(|s| {
        (
            s.as_str().to_owned(),
            state_label(t, s),
            editorial == Some(s),
        )
    })
    .collect();
    let languages = settings
        .languages
        .iter()
        .map(|l| {
            (
                l.to_string(),
                t.language_name(l),
                language.as_ref() == Some(l),
            )
        })
        .collect();
    let link = |page: u32| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        if let Some(text) = &text {
            query.append_pair("q", text);
        }
        if let Some(source) = source {
            query.append_pair("source", &source.to_string());
        }
        if let Some(category) = category {
            query.append_pair("category", &category.to_string());
        }
        if let Some(editorial) = editorial {
            query.append_pair("state", editorial.as_str());
        }
        if let Some(language) = &language {
            query.append_pair("language", language.as_str());
        }
        query.append_pair("page", &page.to_string());
        format!("/admin/articles?{}", query.finish())
    };
    let previous = (number > 1).then(|| link(number - 1));
    let next = (number < paged.pages()).then(|| link(number + 1));
    let total = t.format(
        "admin-articles-count",
        &[(
            "count",
            Arg::Number(i64::try_from(paged.total).unwrap_or(i64::MAX)),
        )],
    );
    let heading = t.get("admin-articles-title");
    let frame = AdminFrame::new(&state, &staff, &heading, "articles")
        .with_notice(notice_key(uri.query()).as_deref());
    Ok(page(
        ArticlesPage {
            frame,
            q: text.unwrap_or_default(),
            sources,
            categories,
            states,
            languages,
            rows,
            total,
            previous,
            next,
        }
        .render()?,
    ))
}

#[derive(Template)]
#[template(path = "admin/article.html")]
struct ArticlePage {
    frame: AdminFrame,
    id: i64,
    title: String,
    categories: Vec<Choice>,
    topics: Vec<Choice>,
    places: Vec<Choice>,
    no_place: bool,
    featured: bool,
    versions: Vec<VersionRow>,
    /// Languages of the site the article may be (re-)translated into.
    targets: Vec<(String, String)>,
}

struct VersionRow {
    lang: String,
    language: String,
    title: String,
    origin: String,
    state: String,
    public: String,
    /// The review page, for translations.
    review: Option<String>,
    published: bool,
    withdrawn: bool,
    review_state: bool,
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    uri: Uri,
) -> Result<Response, AdminError> {
    staff.require(Action::EditArticles)?;
    let t = &staff.t;
    let store = state.store();
    let (article, versions) = store
        .article_with_versions(ArticleId::new(id))
        .await?
        .ok_or(AdminError::Web(WebError::NotFound))?;
    let name = |names: &herald_domain::Localized<herald_domain::TermName>, key: &str| {
        term_name(t, names, key)
    };
    let categories = store
        .list_categories()
        .await?
        .iter()
        .map(|c| {
            (
                c.id.to_string(),
                name(&c.names, &c.key),
                c.id == article.category,
            )
        })
        .collect();
    let topics = store
        .list_topics()
        .await?
        .iter()
        .map(|c| {
            (
                c.id.to_string(),
                name(&c.names, &c.key),
                article.topics.contains(&c.id),
            )
        })
        .collect();
    let places = store
        .list_places()
        .await?
        .iter()
        .map(|c| {
            (
                c.id.to_string(),
                name(&c.names, &c.key),
                article.place == Some(c.id),
            )
        })
        .collect();
    let title = versions
        .iter()
        .find(|v| v.language == article.source_language)
        .or_else(|| versions.first())
        .map(|v| v.title.clone())
        .unwrap_or_default();
    let rows = versions
        .iter()
        .map(|v| VersionRow {
            lang: v.language.to_string(),
            language: t.language_name(&v.language),
            title: v.title.clone(),
            origin: origin_label(t, v.origin),
            state: state_label(t, v.state),
            public: format!("/{}/{}-{}", v.language, v.slug, article.id),
            review: v
                .origin
                .is_translation()
                .then(|| format!("/admin/translations/{}/{}", article.id, v.language)),
            published: v.state == EditorialState::Published,
            withdrawn: v.state == EditorialState::Withdrawn,
            review_state: v.state == EditorialState::Review,
        })
        .collect();
    let targets = state
        .settings()
        .languages
        .iter()
        .filter(|l| **l != article.source_language)
        .map(|l| (l.to_string(), t.language_name(l)))
        .collect();
    let heading = t.get("admin-article-title");
    let frame = AdminFrame::new(&state, &staff, &heading, "articles")
        .with_notice(notice_key(uri.query()).as_deref());
    Ok(page(
        ArticlePage {
            frame,
            id,
            title,
            categories,
            topics,
            places,
            no_place: article.place.is_none(),
            featured: article.featured,
            versions: rows,
            targets,
        }
        .render()?,
    ))
}

/// Queues the search index's update of `article` in each of `languages`.
async fn reindex(
    state: &AppState,
    article: ArticleId,
    languages: impl IntoIterator<Item = Language>,
) -> Result<(), AdminError> {
    let now = state.clock().now();
    for language in languages {
        state
            .store()
            .enqueue(Job::Index { article, language }, now)
            .await?;
    }
    Ok(())
}

async fn save(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AdminError> {
    staff.require(Action::EditArticles)?;
    let bad = |what| AdminError::Web(WebError::BadRequest(what));
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
    };
    let category = field("category")
        .and_then(|v| v.parse().ok())
        .map(CategoryId::new)
        .ok_or_else(|| bad("category"))?;
    let topics = fields
        .iter()
        .filter(|(n, _)| n == "topics")
        .map(|(_, v)| v.parse().map(TopicId::new))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| bad("topics"))?;
    let place = match field("place") {
        None | Some("") => None,
        Some(v) => Some(PlaceId::new(v.parse().map_err(|_| bad("place"))?)),
    };
    let featured = field("featured").is_some_and(|v| v == "true" || v == "on");
    let article = ArticleId::new(id);
    let versions = state.store().versions(article).await?;
    if versions.is_empty() {
        return Err(AdminError::Web(WebError::NotFound));
    }
    let edit = ArticleEdit {
        category: Some(category),
        topics: Some(topics),
        place: Some(place),
        featured: Some(featured),
    };
    match state.store().edit_article(article, edit).await {
        Ok(()) => {}
        Err(herald_store::StoreError::Invalid(_)) => return Err(bad("unknown term")),
        Err(error) => return Err(error.into()),
    }
    audit::record(
        &state,
        &staff,
        "article.filing",
        "article",
        article,
        format!(
            "category {category}, place {}, featured {featured}",
            place.map_or_else(|| "-".to_owned(), |p| p.to_string())
        ),
    )
    .await?;
    reindex(&state, article, versions.into_iter().map(|v| v.language)).await?;
    Ok(Redirect::to(&format!("/admin/articles/{id}?notice=saved")).into_response())
}

#[derive(Deserialize)]
struct StateForm {
    state: String,
}

async fn set_state(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, lang)): Path<(i64, String)>,
    Form(form): Form<StateForm>,
) -> Result<Response, AdminError> {
    staff.require(Action::EditArticles)?;
    let language = Language::parse(&lang).map_err(|_| WebError::NotFound)?;
    let target = match form.state.as_str() {
        "published" => EditorialState::Published,
        "withdrawn" => EditorialState::Withdrawn,
        "review" => EditorialState::Review,
        _ => return Err(WebError::BadRequest("state").into()),
    };
    let article = ArticleId::new(id);
    let before = state
        .store()
        .version(article, &language)
        .await?
        .ok_or(AdminError::Web(WebError::NotFound))?;
    state
        .store()
        .set_version_state(article, &language, target)
        .await?;
    audit::record(
        &state,
        &staff,
        &format!("article.{}", target.as_str()),
        "article",
        article,
        format!(
            "{language}: {} → {}",
            before.state.as_str(),
            target.as_str()
        ),
    )
    .await?;
    reindex(&state, article, [language]).await?;
    let notice = match target {
        EditorialState::Published => "published",
        EditorialState::Withdrawn | EditorialState::Review | EditorialState::Draft => "unpublished",
    };
    Ok(Redirect::to(&format!("/admin/articles/{id}?notice={notice}")).into_response())
}

#[derive(Deserialize)]
struct RetranslateForm {
    language: String,
}

async fn retranslate(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<RetranslateForm>,
) -> Result<Response, AdminError> {
    staff.require(Action::EditArticles)?;
    let to = Language::parse(&form.language)
        .ok()
        .filter(|l| state.settings().languages.contains(l))
        .ok_or(AdminError::Web(WebError::UnknownLanguage))?;
    let article = state
        .store()
        .article(ArticleId::new(id))
        .await?
        .ok_or(AdminError::Web(WebError::NotFound))?;
    if article.source_language == to {
        return Err(WebError::BadRequest("the article is written in that language").into());
    }
    let job = state
        .store()
        .enqueue(
            Job::Retranslate {
                article: article.id,
                to: to.clone(),
            },
            state.clock().now(),
        )
        .await?;
    audit::record(
        &state,
        &staff,
        "article.retranslate",
        "article",
        article.id,
        format!("{to} (job {job})"),
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/articles/{id}?notice=queued")).into_response())
}
