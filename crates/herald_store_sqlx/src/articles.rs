//! Articles: the language-independent story, its links to taxonomy and media (join tables
//! keeping the given order), and its original version, stored together.

use herald_domain::{
    Article, ArticleId, AuthorId, CategoryId, MediaId, NewArticle, Origin, PlaceId, SourceId,
    TagId, TopicId,
};
use herald_store::Result;
use sqlx::AnyConnection;
use url::Url;

use crate::SqlStore;
use crate::codec::{article_kind, article_kind_str, col, language, micros, timestamp, to_u32};
use crate::error::{db, invalid};
use crate::versions::{self, VersionRow};

pub(crate) async fn create(store: &SqlStore, article: &NewArticle) -> Result<ArticleId> {
    let now = micros(store.now());
    let published_at = micros(article.published_at);
    let mut tx = store.begin_write().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO articles (source_id, source_url, source_lang, kind, category_id, place_id,
                               lead_image_id, featured, published_at, updated_at, revision,
                               created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11)
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
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;

    link(
        &mut tx,
        "article_topics",
        "topic_id",
        id,
        &ids(&article.topics, TopicId::get),
    )
    .await?;
    link(
        &mut tx,
        "article_tags",
        "tag_id",
        id,
        &ids(&article.tags, TagId::get),
    )
    .await?;
    link(
        &mut tx,
        "article_authors",
        "author_id",
        id,
        &ids(&article.authors, AuthorId::get),
    )
    .await?;
    link(
        &mut tx,
        "article_media",
        "media_id",
        id,
        &ids(&article.media, MediaId::get),
    )
    .await?;

    let text = &article.original;
    versions::write(
        &mut tx,
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
    tx.commit().await.map_err(db)?;
    Ok(ArticleId::new(id))
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

pub(crate) async fn by_id(store: &SqlStore, id: ArticleId) -> Result<Option<Article>> {
    let mut conn = store.read.acquire().await.map_err(db)?;
    let Some(row) = sqlx::query(
        "SELECT id, source_id, source_url, source_lang, kind, category_id, place_id,
                lead_image_id, featured, published_at, updated_at, revision
           FROM articles WHERE id = $1",
    )
    .bind(id.get())
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?
    else {
        return Ok(None);
    };
    let links = sqlx::query(
        "SELECT 'topic' AS rel, topic_id AS target, position FROM article_topics
          WHERE article_id = $1
         UNION ALL
         SELECT 'tag', tag_id, position FROM article_tags WHERE article_id = $1
         UNION ALL
         SELECT 'author', author_id, position FROM article_authors WHERE article_id = $1
         UNION ALL
         SELECT 'media', media_id, position FROM article_media WHERE article_id = $1
         ORDER BY rel, position",
    )
    .bind(id.get())
    .fetch_all(&mut *conn)
    .await
    .map_err(db)?;
    let mut article = Article {
        id,
        source: SourceId::new(col(&row, "source_id")?),
        source_url: None,
        source_language: language(&col::<String>(&row, "source_lang")?)?,
        kind: article_kind(&col::<String>(&row, "kind")?)?,
        category: CategoryId::new(col(&row, "category_id")?),
        topics: Vec::new(),
        tags: Vec::new(),
        authors: Vec::new(),
        place: col::<Option<i64>>(&row, "place_id")?.map(PlaceId::new),
        lead_image: col::<Option<i64>>(&row, "lead_image_id")?.map(MediaId::new),
        media: Vec::new(),
        featured: col::<i64>(&row, "featured")? != 0,
        published_at: timestamp(col(&row, "published_at")?)?,
        updated_at: timestamp(col(&row, "updated_at")?)?,
        revision: to_u32(col(&row, "revision")?, "revision")?,
    };
    if let Some(url) = col::<Option<String>>(&row, "source_url")? {
        article.source_url = Some(Url::parse(&url).map_err(|_| invalid("source URL", &url))?);
    }
    for link in &links {
        let target: i64 = col(link, "target")?;
        match col::<String>(link, "rel")?.as_str() {
            "topic" => article.topics.push(TopicId::new(target)),
            "tag" => article.tags.push(TagId::new(target)),
            "author" => article.authors.push(AuthorId::new(target)),
            _ => article.media.push(MediaId::new(target)),
        }
    }
    Ok(Some(article))
}
