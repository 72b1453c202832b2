//! Articles: the language-independent story, its links to taxonomy and media (join tables
//! keeping the given order), and its original version, stored together.

use herald_domain::{
    Article, ArticleId, AuthorId, CategoryId, MediaId, NewArticle, Origin, PlaceId, SourceId,
    TagId, TopicId, Version,
};
use herald_store::Result;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use url::Url;

use crate::SqlStore;
use crate::codec::{article_kind, article_kind_str, col, language, micros, timestamp, to_u32};
use crate::error::{db, invalid};
use crate::versions::{self, VersionRow};

pub(crate) async fn create(store: &SqlStore, article: &NewArticle) -> Result<ArticleId> {
    let mut tx = store.begin_write().await?;
    let id = insert(&mut tx, store, article, None).await?;
    tx.commit().await.map_err(db)?;
    Ok(ArticleId::new(id))
}

/// What ingestion stores with an article besides what [`create`] stores.
pub(crate) struct IngestKeys<'a> {
    /// Hex SHA-256 of the normalised text.
    pub(crate) content_hash: &'a str,
    /// SimHash, bit-cast.
    pub(crate) simhash: i64,
    /// The story joined; `None`: a story of its own.
    pub(crate) story: Option<i64>,
    /// Only the feed's summary is stored.
    pub(crate) partial: bool,
}

/// Inserts an article, its links and its original version on `conn` (a write transaction);
/// returns its id. Without `keys` (not ingested) the article has no hash, no SimHash, a story
/// of its own, and is not partial.
pub(crate) async fn insert(
    conn: &mut AnyConnection,
    store: &SqlStore,
    article: &NewArticle,
    keys: Option<&IngestKeys<'_>>,
) -> Result<i64> {
    let now = micros(store.now());
    let published_at = micros(article.published_at);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO articles (source_id, source_url, source_lang, kind, category_id, place_id,
                               lead_image_id, featured, published_at, updated_at, revision,
                               created_at, content_hash, simhash, story_id, partial)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12, $13, $14, $15)
         RETURNING id",
    )
    .bind(article.source.get())
    .bind(article.source_url.as_ref().map(Url::as_str))
    .bind(article.original.language.as_str())
    .bind(article_kind_str(article.kind))
    .bind(article.category.get())
    .bind(article.place.map(PlaceId::get))
    .bind(article.lead_image.map(MediaId::get))
    .bind(i64::from(article.featured))
    .bind(published_at)
    .bind(micros(article.updated_at))
    .bind(now)
    .bind(keys.map(|k| k.content_hash))
    .bind(keys.map(|k| k.simhash))
    .bind(keys.and_then(|k| k.story))
    .bind(i64::from(keys.is_some_and(|k| k.partial)))
    .fetch_one(&mut *conn)
    .await
    .map_err(db)?;

    link(
        &mut *conn,
        "article_topics",
        "topic_id",
        id,
        &ids(&article.topics, TopicId::get),
    )
    .await?;
    link(
        &mut *conn,
        "article_tags",
        "tag_id",
        id,
        &ids(&article.tags, TagId::get),
    )
    .await?;
    link(
        &mut *conn,
        "article_authors",
        "author_id",
        id,
        &ids(&article.authors, AuthorId::get),
    )
    .await?;
    link(
        &mut *conn,
        "article_media",
        "media_id",
        id,
        &ids(&article.media, MediaId::get),
    )
    .await?;

    let text = &article.original;
    versions::write(
        &mut *conn,
        store.engine,
        &VersionRow {
            article: id,
            language: &text.language,
            title: &text.title,
            lead: &text.lead,
            body: &text.body,
            origin: Origin::Original,
            provenance: None,
            state: article.state,
            published_at,
            updated_at: now,
        },
        None,
    )
    .await?;
    Ok(id)
}

/// Raw ids, first occurrence only, in the order given.
fn ids<T: Copy>(typed: &[T], get: impl Fn(T) -> i64) -> Vec<i64> {
    let mut out: Vec<i64> = Vec::with_capacity(typed.len());
    for id in typed.iter().map(|t| get(*t)) {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Links an article to terms or media, keeping their order in `position`.
async fn link(
    conn: &mut AnyConnection,
    table: &'static str,
    column: &'static str,
    article: i64,
    targets: &[i64],
) -> Result<()> {
    let sql = format!("INSERT INTO {table} (article_id, {column}, position) VALUES ($1, $2, $3)");
    for (position, target) in (0_i64..).zip(targets) {
        sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(article)
            .bind(*target)
            .bind(position)
            .execute(&mut *conn)
            .await
            .map_err(db)?;
    }
    Ok(())
}

pub(crate) async fn by_source_url(store: &SqlStore, url: &str) -> Result<Option<ArticleId>> {
    // Compare in the form `Url` gives, as stored (`HTTP://Example.com` is `http://example.com/`).
    let canonical = Url::parse(url).map_or_else(|_| url.to_owned(), String::from);
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM articles WHERE source_url = $1")
        .bind(canonical)
        .fetch_optional(&store.read)
        .await
        .map_err(db)?;
    Ok(id.map(ArticleId::new))
}

/// An article's links of one kind, in order, as one text (`1,5,2`; `NULL` for none):
/// `string_agg … ORDER BY`, which both engines have, so the article and all its links are
/// one row of one query.
pub(crate) fn linked(table: &str, column: &str) -> String {
    format!(
        "(SELECT string_agg(CAST(l.{column} AS TEXT), ',' ORDER BY l.position)
            FROM {table} l WHERE l.article_id = a.id)"
    )
}

/// Ids from [`linked`]'s text.
pub(crate) fn ids_from(text: Option<String>, what: &str) -> Result<Vec<i64>> {
    text.iter()
        .flat_map(|text| text.split(','))
        .map(|id| id.parse::<i64>().map_err(|_| invalid(what, id)))
        .collect()
}

/// The columns of an article with its links, from `articles a`; its `updated_at` as
/// `article_updated_at`.
pub(crate) fn article_columns() -> String {
    format!(
        "a.id, a.source_id, a.source_url, a.source_lang, a.kind, a.category_id, a.place_id,
         a.lead_image_id, a.featured, a.published_at, a.updated_at AS article_updated_at,
         a.revision, {} AS topics, {} AS tags, {} AS authors, {} AS media",
        linked("article_topics", "topic_id"),
        linked("article_tags", "tag_id"),
        linked("article_authors", "author_id"),
        linked("article_media", "media_id"),
    )
}

pub(crate) async fn by_id(store: &SqlStore, id: ArticleId) -> Result<Option<Article>> {
    let sql = format!(
        "SELECT {} FROM articles a WHERE a.id = $1",
        article_columns()
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.get())
        .fetch_optional(&store.read)
        .await
        .map_err(db)?;
    row.map(|row| decode(&row, id)).transpose()
}

/// The article and its versions in one statement: a row per version (the article's columns
/// repeated), or one row of `NULL` version columns for an article without any.
pub(crate) async fn with_versions(
    store: &SqlStore,
    id: ArticleId,
) -> Result<Option<(Article, Vec<Version>)>> {
    let sql = format!(
        "SELECT {}, v.article_id, v.lang, v.title, v.lead, v.body, v.slug, v.origin,
                v.provenance, v.state, v.updated_at
           FROM articles a LEFT JOIN versions v ON v.article_id = a.id
          WHERE a.id = $1",
        article_columns()
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.get())
        .fetch_all(&store.read)
        .await
        .map_err(db)?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let article = decode(first, id)?;
    let mut versions = Vec::with_capacity(rows.len());
    for row in &rows {
        if col::<Option<String>>(row, "lang")?.is_some() {
            versions.push(versions::decode(row)?);
        }
    }
    versions.sort_by(|a, b| a.language.cmp(&b.language));
    Ok(Some((article, versions)))
}

/// An article from a row of [`article_columns`].
pub(crate) fn decode(row: &AnyRow, id: ArticleId) -> Result<Article> {
    let links = |column: &str| ids_from(col(row, column)?, "linked id");
    let mut article = Article {
        id,
        source: SourceId::new(col(row, "source_id")?),
        source_url: None,
        source_language: language(&col::<String>(row, "source_lang")?)?,
        kind: article_kind(&col::<String>(row, "kind")?)?,
        category: CategoryId::new(col(row, "category_id")?),
        topics: links("topics")?.into_iter().map(TopicId::new).collect(),
        tags: links("tags")?.into_iter().map(TagId::new).collect(),
        authors: links("authors")?.into_iter().map(AuthorId::new).collect(),
        place: col::<Option<i64>>(row, "place_id")?.map(PlaceId::new),
        lead_image: col::<Option<i64>>(row, "lead_image_id")?.map(MediaId::new),
        media: links("media")?.into_iter().map(MediaId::new).collect(),
        featured: col::<i64>(row, "featured")? != 0,
        published_at: timestamp(col(row, "published_at")?)?,
        updated_at: timestamp(col(row, "article_updated_at")?)?,
        revision: to_u32(col(row, "revision")?, "revision")?,
    };
    if let Some(url) = col::<Option<String>>(row, "source_url")? {
        article.source_url = Some(Url::parse(&url).map_err(|_| invalid("source URL", &url))?);
    }
    Ok(article)
}
