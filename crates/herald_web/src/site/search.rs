//! `/{lang}/search?q=…`: search in one language's index, with filters (section, topic,
//! source, place, author, a date range) and pages.
//!
//! Every parameter is optional and forgiving: a filter naming nothing known, or a date that
//! is not one, is left out rather than refused, so a shared or old link still finds
//! something. Results come from the search index, not the store; the page is never cached
//! (see `cache.rs`), since the index changes after the store does. Search pages ask search
//! engines not to index them: they are views of the articles, which have their own pages.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use herald_domain::Language;
use herald_search::{Highlighted, SearchQuery, SearchResults};
use herald_store::TermKind;
use url::form_urlencoded;

use super::category::Pagination;
use super::frame::{Frame, LanguageLink, menu_terms};
use super::{page_response, page_text, site_language};
use crate::extract::Segments;
use crate::html::{DateView, Html, Text, marked};
use crate::paths;
use crate::{AppState, WebError};

/// The longest query searched; the rest of a longer one is ignored.
const MAX_QUERY_CHARS: usize = 200;
/// The last page of results shown: deeper pages cost the index more than any reader reads.
const MAX_PAGE: u32 = 50;
/// The most choices a filter's `<select>` offers; a longer list is left out of the form (its
/// parameter still works, from the links of topic and source pages).
const MAX_CHOICES: usize = 200;

/// The search page.
#[derive(Template)]
#[template(path = "site/search.html")]
pub(crate) struct SearchPage {
    frame: Frame,
    t: Text,
    /// The words as the reader typed them (cut to [`MAX_QUERY_CHARS`]).
    query: String,
    action: String,
    categories: Vec<Choice>,
    topics: Vec<Choice>,
    sources: Vec<Choice>,
    /// Filters the form has no field for (place, author), kept as hidden fields.
    hidden: Vec<(&'static str, String)>,
    from: String,
    to: String,
    /// Whether a filter is set (the filters are shown open).
    filters_open: bool,
    /// "12 results for …", when something was searched.
    summary: Option<String>,
    /// No article holds every word: the results hold some of them.
    some_words: bool,
    hits: Vec<Hit>,
    /// Shown when a search found nothing.
    nothing: Option<Nothing>,
    pagination: Option<Pagination>,
    /// The index could not be read.
    unavailable: bool,
}

/// An option of a filter's `<select>`.
pub(crate) struct Choice {
    value: String,
    name: String,
    selected: bool,
}

/// One result.
pub(crate) struct Hit {
    href: String,
    title: Html,
    snippet: Html,
    date: DateView,
}

/// Help when nothing matched.
pub(crate) struct Nothing {
    message: String,
    /// The same words without filters, when there were filters.
    without_filters: Option<String>,
    /// The same words in the other languages' searches.
    elsewhere: Vec<LanguageLink>,
}

/// What the query string asks for.
#[derive(Debug, Default, PartialEq, Eq)]
struct Asked {
    q: String,
    category: Option<String>,
    topic: Option<String>,
    source: Option<String>,
    place: Option<String>,
    author: Option<String>,
    from: String,
    to: String,
    page: u32,
}

impl Asked {
    fn parse(query: Option<&str>) -> Self {
        let mut asked = Self {
            page: 1,
            ..Self::default()
        };
        let Some(query) = query else { return asked };
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            let filter = || (!value.is_empty()).then(|| value.to_owned());
            match name.as_ref() {
                "q" => asked.q = value.chars().take(MAX_QUERY_CHARS).collect(),
                "category" => asked.category = filter(),
                "topic" => asked.topic = filter(),
                "source" => asked.source = filter(),
                "place" => asked.place = filter(),
                "author" => asked.author = filter(),
                "from" => asked.from = value.chars().take(10).collect(),
                "to" => asked.to = value.chars().take(10).collect(),
                "page" => asked.page = value.parse().unwrap_or(1),
                _ => {}
            }
        }
        asked.page = asked.page.clamp(1, MAX_PAGE);
        asked
    }

    fn has_filters(&self) -> bool {
        self.category.is_some()
            || self.topic.is_some()
            || self.source.is_some()
            || self.place.is_some()
            || self.author.is_some()
            || !self.from.is_empty()
            || !self.to.is_empty()
    }

    /// The query string of this search on `page`, filters included unless `filters` is
    /// false.
    fn query_string(&self, page: u32, filters: bool) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        out.append_pair("q", &self.q);
        if filters {
            for (name, value) in [
                ("category", &self.category),
                ("topic", &self.topic),
                ("source", &self.source),
                ("place", &self.place),
                ("author", &self.author),
            ] {
                if let Some(value) = value {
                    out.append_pair(name, value);
                }
            }
            for (name, value) in [("from", &self.from), ("to", &self.to)] {
                if !value.is_empty() {
                    out.append_pair(name, value);
                }
            }
        }
        if page > 1 {
            out.append_pair("page", &page.to_string());
        }
        out.finish()
    }
}

/// `GET /{lang}/search`.
pub(crate) async fn search(
    State(state): State<AppState>,
    Segments((lang,)): Segments<(String,)>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let lang = site_language(&state, &lang)?;
    let asked = Asked::parse(query.as_deref());
    let t = page_text(&state, &lang);
    let settings = state.settings();
    let store = state.store();
    let terms = store.terms(&menu_terms(&state, &lang)).await?;
    let (topics, sources) = (store.list_topics().await?, store.list_sources().await?);

    let term = |kind, slug: &Option<String>| {
        let lang = lang.clone();
        let slug = slug.clone();
        async move {
            match slug {
                Some(slug) => store
                    .find_term_by_slug(kind, &lang, &slug)
                    .await
                    .map(|found| found.map(|f| f.value)),
                None => Ok(None),
            }
        }
    };
    let category = term(TermKind::Category, &asked.category).await?;
    let topic = term(TermKind::Topic, &asked.topic).await?;
    let source = term(TermKind::Source, &asked.source).await?;
    let place = term(TermKind::Place, &asked.place).await?;
    let author = term(TermKind::Author, &asked.author).await?;
    let zone = settings.time_zone.zone();
    let day = |text: &str| {
        text.parse::<jiff::civil::Date>()
            .ok()
            .and_then(|d| d.to_zoned_datetime(zone.clone()).ok())
    };
    let from = day(&asked.from).map(|z| z.timestamp());
    let to = day(&asked.to)
        .and_then(|z| z.tomorrow().ok())
        .map(|z| z.timestamp());

    let searched = !asked.q.is_empty() || asked.has_filters();
    let size = settings.page_size.max(1);
    let mut unavailable = false;
    let results = match (searched, state.search()) {
        (false, _) => None,
        (true, None) => {
            unavailable = true;
            None
        }
        (true, Some(index)) => {
            let query = SearchQuery {
                language: lang.clone(),
                text: asked.q.clone(),
                category: category.map(herald_domain::CategoryId::new),
                topic: topic.map(herald_domain::TopicId::new),
                source: source.map(herald_domain::SourceId::new),
                place: place.map(herald_domain::PlaceId::new),
                author: author.map(herald_domain::AuthorId::new),
                from,
                to,
                offset: ((asked.page - 1) * size) as usize,
                limit: size as usize,
            };
            let index = index.clone();
            match tokio::task::spawn_blocking(move || index.search(&query)).await {
                Ok(Ok(results)) => Some(results),
                Ok(Err(error)) => {
                    tracing::warn!(%error, "search failed");
                    unavailable = true;
                    None
                }
                Err(error) => {
                    tracing::warn!(%error, "search task failed");
                    unavailable = true;
                    None
                }
            }
        }
    };

    let base = paths::search(&lang);
    let title = if asked.q.is_empty() {
        t.get("search-title")
    } else {
        t.format("search-title-query", &[("query", asked.q.as_str().into())])
    };
    let mut frame = Frame::new(&state, &t, format!("{title} — {}", settings.site_name));
    frame.set_nav(&terms, None);
    frame.robots = Some("noindex, follow");
    let own_query = asked.query_string(asked.page, true);
    let editions: Vec<(Language, String)> = settings
        .languages
        .iter()
        .map(|l| (l.clone(), with_query(&paths::search(l), &own_query)))
        .collect();
    frame.set_editions(&state, &with_query(&base, &own_query), &editions, None);

    let some_words = results
        .as_ref()
        .is_some_and(|r| r.some_words && r.total > 0);
    let (summary, hits, nothing, pagination) = match results {
        Some(results) => describe(&state, &t, &asked, &base, results, size),
        None => (None, Vec::new(), None, None),
    };
    let choices = |names: Vec<(String, String)>, chosen: &Option<String>| -> Vec<Choice> {
        if names.len() > MAX_CHOICES {
            return Vec::new();
        }
        names
            .into_iter()
            .map(|(value, name)| Choice {
                selected: chosen.as_deref() == Some(value.as_str()),
                value,
                name,
            })
            .collect()
    };
    let named = |names: &herald_domain::Localized<herald_domain::TermName>| {
        names
            .get(&lang)
            .map(|n| (n.slug.as_str().to_owned(), n.name.clone()))
    };
    let categories = choices(
        terms
            .categories
            .iter()
            .filter(|c| terms.categories_with_articles.contains(&c.id))
            .filter_map(|c| named(&c.names))
            .collect(),
        &asked.category,
    );
    let topics = choices(
        topics.iter().filter_map(|c| named(&c.names)).collect(),
        &asked.topic,
    );
    let sources = choices(
        sources
            .iter()
            .filter_map(|s| {
                let fallbacks = &settings.content_fallbacks;
                let (_, slug) = s.slugs.best(&lang, fallbacks)?;
                let (_, name) = s.names.best(&lang, fallbacks)?;
                Some((slug.as_str().to_owned(), name.clone()))
            })
            .collect(),
        &asked.source,
    );
    // Filters set but without a select of their own ride along as hidden fields.
    let hidden = [
        ("category", &asked.category, categories.is_empty()),
        ("topic", &asked.topic, topics.is_empty()),
        ("source", &asked.source, sources.is_empty()),
        ("place", &asked.place, true),
        ("author", &asked.author, true),
    ]
    .into_iter()
    .filter(|(_, _, no_select)| *no_select)
    .filter_map(|(name, value, _)| Some((name, value.clone()?)))
    .collect();
    let page = SearchPage {
        categories,
        topics,
        sources,
        hidden,
        from: asked.from.clone(),
        to: asked.to.clone(),
        filters_open: asked.has_filters(),
        query: asked.q.clone(),
        action: base,
        frame,
        t: t.clone(),
        summary,
        some_words,
        hits,
        nothing,
        pagination,
        unavailable,
    };
    let mut response = page_response(&lang, &page, 0)?;
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-cache"),
    );
    Ok(response)
}

type Described = (
    Option<String>,
    Vec<Hit>,
    Option<Nothing>,
    Option<Pagination>,
);

/// The summary, the hits, the help when there are none, and the links between pages.
fn describe(
    state: &AppState,
    t: &Text,
    asked: &Asked,
    base: &str,
    results: SearchResults,
    size: u32,
) -> Described {
    let lang = t.lang();
    let total = i64::try_from(results.total).unwrap_or(i64::MAX);
    if results.total == 0 {
        let message = if asked.q.is_empty() {
            t.get("search-nothing-filtered")
        } else {
            t.format("search-nothing", &[("query", asked.q.as_str().into())])
        };
        let elsewhere = if asked.q.is_empty() {
            Vec::new()
        } else {
            let query = asked.query_string(1, false);
            state
                .settings()
                .languages
                .iter()
                .filter(|l| *l != lang)
                .map(|l| LanguageLink::new(t, l, with_query(&paths::search(l), &query), false))
                .collect()
        };
        let nothing = Nothing {
            message,
            without_filters: asked
                .has_filters()
                .then(|| with_query(base, &asked.query_string(1, false))),
            elsewhere,
        };
        return (None, Vec::new(), Some(nothing), None);
    }
    let summary = if asked.q.is_empty() {
        t.format("search-count-filtered", &[("count", total.into())])
    } else {
        t.format(
            "search-count",
            &[("count", total.into()), ("query", asked.q.as_str().into())],
        )
    };
    let hits = results
        .hits
        .iter()
        .map(|hit| Hit {
            href: format!("/{lang}/{}-{}", hit.slug, hit.article.get()),
            title: marked_html(&hit.title),
            snippet: marked_html(&hit.snippet),
            date: t.date(hit.published_at),
        })
        .collect();
    let pages = u32::try_from(results.total.div_ceil(size as usize))
        .unwrap_or(u32::MAX)
        .min(MAX_PAGE);
    let page = asked.page;
    let pagination = (pages > 1).then(|| Pagination {
        previous: (page > 1).then(|| with_query(base, &asked.query_string(page - 1, true))),
        next: (page < pages).then(|| with_query(base, &asked.query_string(page + 1, true))),
        status: t.format(
            "pagination-page",
            &[("page", page.into()), ("pages", pages.into())],
        ),
    });
    (Some(summary), hits, None, pagination)
}

/// A highlighted text as HTML.
fn marked_html(text: &Highlighted) -> Html {
    Html::trusted(marked(&text.text, &text.marks))
}

fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_query_string_forgivingly() {
        let asked = Asked::parse(Some(
            "q=h%E1%BB%99i+ngh%E1%BB%8B&category=kinh-te&from=2026-01-01&to=&page=x&utm=1",
        ));
        assert_eq!(asked.q, "hội nghị");
        assert_eq!(asked.category.as_deref(), Some("kinh-te"));
        assert_eq!(asked.from, "2026-01-01");
        assert!(asked.to.is_empty());
        assert_eq!(asked.page, 1);
        assert_eq!(Asked::parse(Some("page=9999")).page, MAX_PAGE);
        assert_eq!(Asked::parse(Some("q=%FF%FE")).q, "\u{fffd}\u{fffd}");
        let long = format!("q={}", "a".repeat(5000));
        assert_eq!(Asked::parse(Some(&long)).q.len(), MAX_QUERY_CHARS);
    }

    #[test]
    fn writes_back_the_same_search_on_another_page() {
        let asked = Asked::parse(Some("q=a+b&topic=t&page=2"));
        assert_eq!(asked.query_string(3, true), "q=a+b&topic=t&page=3");
        assert_eq!(asked.query_string(1, false), "q=a+b");
    }

    #[test]
    fn marks_matches_and_escapes_the_rest() {
        let text = Highlighted {
            text: "<b>hội nghị</b> & hội".to_owned(),
            marks: vec![3..8, 100..120, 22..27],
        };
        assert_eq!(
            marked_html(&text).as_str(),
            "&lt;b&gt;<mark>hội</mark> nghị&lt;/b&gt; &amp; <mark>hội</mark>"
        );
    }
}
