//! The admin's reads and edits of articles: the list of every article in any state, a
//! filing's changes, a version's editorial state, and the translations gone stale.
//!
//! The article list is two statements a page whatever its size: the count, and the page's
//! articles each with its links and its versions folded into text columns (`string_agg`, as
//! the public reads do; see "What a read costs" in the crate's doc). Edits are content: they
//! write `articles`, `article_topics` and `versions`, whose triggers (migration 0002) raise
//! `content_revision`.

use herald_domain::{ArticleId, CategoryId, EditorialState, Language, Origin, PlaceId, TopicId};
use herald_store::{
    AdminArticleFilter, AdminArticleRow, ArticleEdit, PageRequest, Paged, Result, StaleVersion,
    StoreError,
};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, AssertSqlSafe};

use crate::SqlStore;
use crate::articles::{article_columns, decode as decode_article};
use crate::codec::{col, language, placeholders, timestamp, to_u32};
use crate::error::{db, invalid};
use crate::translation::stale;

/// A value bound to a list's filter.
enum Bound {
    Id(i64),
    Text(String),
}

/// `LIKE` pattern for a substring, its wildcards escaped (with `\`, named by `ESCAPE`).
fn contains_pattern(words: &str) -> String {
    let mut pattern = String::with_capacity(words.len() + 2);
    pattern.push('%');
    for c in words.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// The conditions of `filter` on `articles a` and its original `o`, and their values, bound
/// from `$1`.
fn conditions(filter: &AdminArticleFilter) -> (String, Vec<Bound>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut bound: Vec<Bound> = Vec::new();
    let mut add = |clause: &str, value: Bound| {
        bound.push(value);
        clauses.push(clause.replace('?', &format!("${}", bound.len())));
    };
    if let Some(words) = filter
        .query
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        // `LOWER` folds every letter on PostgreSQL but only ASCII ones on SQLite, so there a
        // capital `Đ` or `Ö` is found only as typed.
        add(
            "LOWER(o.title) LIKE ? ESCAPE '\\'",
            Bound::Text(contains_pattern(words)),
        );
    }
    if let Some(source) = filter.source {
        add("a.source_id = ?", Bound::Id(source.get()));
    }
    if let Some(category) = filter.category {
        add("a.category_id = ?", Bound::Id(category.get()));
    }
    if let Some(state) = filter.state {
        add("o.state = ?", Bound::Text(state.as_str().to_owned()));
    }
    if let Some(language) = &filter.language {
        add(
            "EXISTS (SELECT 1 FROM versions l WHERE l.article_id = a.id AND l.lang = ?)",
            Bound::Text(language.as_str().to_owned()),
        );
    }
    let clauses = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (clauses, bound)
}

fn bind_all<'q>(
    mut query: Query<'q, Any, AnyArguments>,
    bound: &[Bound],
) -> Query<'q, Any, AnyArguments> {
    for value in bound {
        query = match value {
            Bound::Id(id) => query.bind(*id),
            Bound::Text(text) => query.bind(text.clone()),
        };
    }
    query
}

/// Articles with their original version (the one in their source language).
const WITH_ORIGINAL: &str =
    "articles a JOIN versions o ON o.article_id = a.id AND o.lang = a.source_lang";

pub(crate) async fn articles(
    store: &SqlStore,
    filter: &AdminArticleFilter,
    page: PageRequest,
) -> Result<Paged<AdminArticleRow>> {
    let (clauses, bound) = conditions(filter);
    let mut conn = store.read.acquire().await.map_err(db)?;
    let count = bind_all(
        sqlx::query(AssertSqlSafe(format!(
            "SELECT COUNT(*) AS n FROM {WITH_ORIGINAL} {clauses}"
        ))),
        &bound,
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(db)?;
    let total: i64 = col(&count, "n")?;
    let mut items = Vec::new();
    if page.size > 0 && total > 0 {
        let offset = i64::try_from(page.offset()).unwrap_or(i64::MAX);
        // Each version as `lang origin state` (none of them holds a space or a comma).
        let sql = format!(
            "SELECT {}, o.title AS original_title, o.state AS original_state,
                    (SELECT string_agg(v.lang || ' ' || v.origin || ' ' || v.state, ','
                                       ORDER BY v.lang)
                       FROM versions v WHERE v.article_id = a.id) AS version_list
               FROM {WITH_ORIGINAL} {clauses}
              ORDER BY a.published_at DESC, a.id DESC
              LIMIT {} OFFSET {offset}",
            article_columns(),
            page.size,
        );
        let rows = bind_all(sqlx::query(AssertSqlSafe(sql)), &bound)
            .fetch_all(&mut *conn)
            .await
            .map_err(db)?;
        items = rows.iter().map(row).collect::<Result<_>>()?;
    }
    Ok(Paged {
        items,
        total: u64::try_from(total).unwrap_or(0),
        page,
    })
}

fn row(row: &AnyRow) -> Result<AdminArticleRow> {
    let article = decode_article(row, ArticleId::new(col(row, "id")?))?;
    let mut versions = Vec::new();
    let list: Option<String> = col(row, "version_list")?;
    for item in list.iter().flat_map(|l| l.split(',')) {
        let mut parts = item.split(' ');
        let (Some(tag), Some(origin), Some(state), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid("version list", item));
        };
        versions.push((
            language(tag)?,
            Origin::parse(origin).ok_or_else(|| invalid("origin", origin))?,
            editorial_state(state)?,
        ));
    }
    versions.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(AdminArticleRow {
        article,
        title: col(row, "original_title")?,
        state: editorial_state(&col::<String>(row, "original_state")?)?,
        versions,
    })
}

fn editorial_state(stored: &str) -> Result<EditorialState> {
    EditorialState::parse(stored).ok_or_else(|| invalid("editorial state", stored))
}

pub(crate) async fn edit(store: &SqlStore, id: ArticleId, edit: &ArticleEdit) -> Result<()> {
    let mut tx = store.begin_write().await?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM articles WHERE id = $1")
        .bind(id.get())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
    if exists.is_none() {
        return Err(StoreError::NotFound("article"));
    }
    let mut wanted: Vec<(i64, &str)> = Vec::new();
    if let Some(category) = edit.category {
        wanted.push((category.get(), "category"));
    }
    if let Some(Some(place)) = edit.place {
        wanted.push((place.get(), "place"));
    }
    let mut topics: Vec<i64> = Vec::new();
    for topic in edit.topics.iter().flatten().copied().map(TopicId::get) {
        if !topics.contains(&topic) {
            topics.push(topic);
            wanted.push((topic, "topic"));
        }
    }
    require_terms(&mut tx, &wanted).await?;

    if edit.category.is_some() || edit.place.is_some() || edit.featured.is_some() {
        sqlx::query(
            "UPDATE articles
                SET category_id = COALESCE($2, category_id),
                    place_id = CASE WHEN $3 = 1 THEN $4 ELSE place_id END,
                    featured = COALESCE($5, featured)
              WHERE id = $1",
        )
        .bind(id.get())
        .bind(edit.category.map(CategoryId::get))
        .bind(i64::from(edit.place.is_some()))
        .bind(edit.place.flatten().map(PlaceId::get))
        .bind(edit.featured.map(i64::from))
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    }
    if edit.topics.is_some() {
        sqlx::query("DELETE FROM article_topics WHERE article_id = $1")
            .bind(id.get())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        for (position, topic) in (0_i64..).zip(&topics) {
            sqlx::query(
                "INSERT INTO article_topics (article_id, topic_id, position) VALUES ($1, $2, $3)",
            )
            .bind(id.get())
            .bind(*topic)
            .bind(position)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        }
    }
    tx.commit().await.map_err(db)?;
    Ok(())
}

/// `Invalid` unless every `(id, kind)` is a term of that kind: a foreign key would accept a
/// topic as a category.
async fn require_terms(conn: &mut AnyConnection, wanted: &[(i64, &str)]) -> Result<()> {
    if wanted.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "SELECT id, kind FROM terms WHERE id IN ({})",
        placeholders(1, wanted.len())
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for (id, _) in wanted {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(&mut *conn).await.map_err(db)?;
    let mut found: Vec<(i64, String)> = Vec::with_capacity(rows.len());
    for row in &rows {
        found.push((col(row, "id")?, col(row, "kind")?));
    }
    for (id, kind) in wanted {
        if !found.iter().any(|(f, k)| f == id && k == kind) {
            return Err(StoreError::Invalid(format!("no {kind} with id {id}")));
        }
    }
    Ok(())
}

pub(crate) async fn set_state(
    store: &SqlStore,
    article: ArticleId,
    lang: &Language,
    state: EditorialState,
) -> Result<()> {
    let done = sqlx::query("UPDATE versions SET state = $3 WHERE article_id = $1 AND lang = $2")
        .bind(article.get())
        .bind(lang.as_str())
        .bind(state.as_str())
        .execute(&store.write)
        .await
        .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("version"));
    }
    Ok(())
}

pub(crate) async fn stale_versions(
    store: &SqlStore,
    lang: Option<&Language>,
    page: PageRequest,
) -> Result<Paged<StaleVersion>> {
    let from = format!(
        "versions v JOIN articles a ON a.id = v.article_id
                    JOIN versions o ON o.article_id = a.id AND o.lang = a.source_lang
          WHERE {} AND ($1 = '' OR v.lang = $1)",
        stale("v")
    );
    let tag = lang.map_or("", Language::as_str);
    let mut conn = store.read.acquire().await.map_err(db)?;
    let total: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) FROM {from}")))
        .bind(tag)
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    let mut items = Vec::new();
    if page.size > 0 && total > 0 {
        let offset = i64::try_from(page.offset()).unwrap_or(i64::MAX);
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT v.article_id, v.lang, v.title, v.origin, v.from_revision, a.revision,
                    o.updated_at AS original_updated_at
               FROM {from}
              ORDER BY o.updated_at DESC, v.article_id DESC, v.lang
              LIMIT {} OFFSET {offset}",
            page.size
        )))
        .bind(tag)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
        for row in &rows {
            let origin: String = col(row, "origin")?;
            items.push(StaleVersion {
                article: ArticleId::new(col(row, "article_id")?),
                language: language(&col::<String>(row, "lang")?)?,
                title: col(row, "title")?,
                origin: Origin::parse(&origin).ok_or_else(|| invalid("origin", &origin))?,
                from_revision: to_u32(col(row, "from_revision")?, "revision")?,
                revision: to_u32(col(row, "revision")?, "revision")?,
                updated_at: timestamp(col(row, "original_updated_at")?)?,
            });
        }
    }
    Ok(Paged {
        items,
        total: u64::try_from(total).unwrap_or(0),
        page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_searched_substring_matches_its_wildcards_literally() {
        assert_eq!(contains_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
        assert_eq!(contains_pattern("Hà Nội"), "%hà nội%");
    }

    #[test]
    fn filters_number_their_placeholders_in_order() {
        let (clauses, bound) = conditions(&AdminArticleFilter {
            query: Some("  ".to_owned()),
            source: Some(herald_domain::SourceId::new(1)),
            state: Some(EditorialState::Draft),
            ..AdminArticleFilter::default()
        });
        assert_eq!(clauses, "WHERE a.source_id = $1 AND o.state = $2");
        assert_eq!(bound.len(), 2);
    }
}
