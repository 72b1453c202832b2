//! Versions: an article in one language, its slug (unique per language, old ones kept for
//! redirects), the rule that machine output never replaces a person's work, and the listing
//! of published versions that every section page, feed and home page reads.

use herald_domain::{
    ArticleId, AuthorId, CategoryId, EditorialState, Language, MediaId, Origin, PlaceId,
    Provenance, Slug, SourceId, TagId, TopicId, Version,
};
use herald_store::{
    ArticleCard, ArticleFilter, PageRequest, Paged, Result, SaveOutcome, StoreError, VersionDraft,
};
use sqlx::AnyConnection;
use sqlx::AssertSqlSafe;
use sqlx::any::AnyRow;

use crate::codec::{col, from_json, language, micros, normalize, slug, timestamp, to_json};
use crate::error::{db, invalid};
use crate::slugs::{self, Owner};
use crate::{Engine, SqlStore};

/// A version to write, before normalisation and slug.
pub(crate) struct VersionRow<'a> {
    pub(crate) article: i64,
    pub(crate) language: &'a Language,
    pub(crate) title: &'a str,
    pub(crate) lead: &'a str,
    pub(crate) body: &'a str,
    pub(crate) origin: Origin,
    pub(crate) provenance: Option<&'a Provenance>,
    pub(crate) state: EditorialState,
    /// The article's first publication, copied for the listing index.
    pub(crate) published_at: i64,
    pub(crate) updated_at: i64,
}

/// Inserts a version, or replaces the one whose current slug is `existing`; returns its slug.
pub(crate) async fn write(
    conn: &mut AnyConnection,
    engine: Engine,
    row: &VersionRow<'_>,
    existing: Option<&Slug>,
) -> Result<Slug> {
    let title = normalize(row.title, true);
    let lead = normalize(row.lead, false);
    let body = normalize(row.body, false);
    let owner = Owner::Version {
        article: row.article,
    };
    let base = Slug::from_title(&title, row.language);
    let slug = slugs::choose(conn, engine, owner, row.language, existing, &base).await?;
    let provenance = row.provenance.map(to_json).transpose()?;
    let sql = if existing.is_some() {
        "UPDATE versions
            SET title = $3, lead = $4, body = $5, slug = $6, origin = $7, provenance = $8,
                state = $9, published_at = $10, updated_at = $11
          WHERE article_id = $1 AND lang = $2"
    } else {
        "INSERT INTO versions (article_id, lang, title, lead, body, slug, origin, provenance,
                               state, published_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    };
    if let Some(old) = existing.filter(|old| **old != slug) {
        slugs::retire(conn, owner, row.language, old, row.updated_at).await?;
    }
    slugs::reclaim(conn, owner, row.language, &slug).await?;
    sqlx::query(sql)
        .bind(row.article)
        .bind(row.language.as_str())
        .bind(&title)
        .bind(&lead)
        .bind(&body)
        .bind(slug.as_str())
        .bind(row.origin.as_str())
        .bind(provenance)
        .bind(row.state.as_str())
        .bind(row.published_at)
        .bind(row.updated_at)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(slug)
}

pub(crate) async fn save(store: &SqlStore, draft: &VersionDraft) -> Result<SaveOutcome> {
    let mut tx = store.begin_write().await?;
    let published_at: Option<i64> =
        sqlx::query_scalar("SELECT published_at FROM articles WHERE id = $1")
            .bind(draft.article.get())
            .fetch_optional(&mut *tx)
            .await
            .map_err(db)?;
    let published_at = published_at.ok_or(StoreError::NotFound("article"))?;
    let existing =
        sqlx::query("SELECT origin, slug FROM versions WHERE article_id = $1 AND lang = $2")
            .bind(draft.article.get())
            .bind(draft.language.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(db)?;
    let current = match &existing {
        Some(row) => {
            let stored: String = col(row, "origin")?;
            let origin = Origin::parse(&stored).ok_or_else(|| invalid("origin", &stored))?;
            if !origin.may_be_replaced_by(draft.origin) {
                // Nothing written: the transaction rolls back when dropped.
                return Ok(SaveOutcome::KeptHumanWork { existing: origin });
            }
            Some(slug(&col::<String>(row, "slug")?)?)
        }
        None => None,
    };
    let row = VersionRow {
        article: draft.article.get(),
        language: &draft.language,
        title: &draft.title,
        lead: &draft.lead,
        body: &draft.body,
        origin: draft.origin,
        provenance: draft.provenance.as_ref(),
        state: draft.state,
        published_at,
        updated_at: micros(store.now()),
    };
    let slug = write(&mut tx, store.engine, &row, current.as_ref()).await?;
    tx.commit().await.map_err(db)?;
    Ok(SaveOutcome::Saved { slug })
}

const SELECT: &str = "SELECT article_id, lang, title, lead, body, slug, origin, provenance,
        state, updated_at
   FROM versions";

pub(crate) async fn one(
    store: &SqlStore,
    article: ArticleId,
    lang: &Language,
) -> Result<Option<Version>> {
    let row = sqlx::query(AssertSqlSafe(format!(
        "{SELECT} WHERE article_id = $1 AND lang = $2"
    )))
    .bind(article.get())
    .bind(lang.as_str())
    .fetch_optional(&store.read)
    .await
    .map_err(db)?;
    row.as_ref().map(decode).transpose()
}

pub(crate) async fn of_article(store: &SqlStore, article: ArticleId) -> Result<Vec<Version>> {
    let rows = sqlx::query(AssertSqlSafe(format!("{SELECT} WHERE article_id = $1")))
        .bind(article.get())
        .fetch_all(&store.read)
        .await
        .map_err(db)?;
    let mut versions = rows.iter().map(decode).collect::<Result<Vec<_>>>()?;
    versions.sort_by(|a, b| a.language.cmp(&b.language));
    Ok(versions)
}

fn decode(row: &AnyRow) -> Result<Version> {
    let origin: String = col(row, "origin")?;
    let state: String = col(row, "state")?;
    let provenance: Option<String> = col(row, "provenance")?;
    Ok(Version {
        article: ArticleId::new(col(row, "article_id")?),
        language: language(&col::<String>(row, "lang")?)?,
        title: col(row, "title")?,
        lead: col(row, "lead")?,
        body: col(row, "body")?,
        slug: slug(&col::<String>(row, "slug")?)?,
        origin: Origin::parse(&origin).ok_or_else(|| invalid("origin", &origin))?,
        provenance: provenance
            .map(|p| from_json(&p, "provenance"))
            .transpose()?,
        state: EditorialState::parse(&state).ok_or_else(|| invalid("editorial state", &state))?,
        updated_at: timestamp(col(row, "updated_at")?)?,
    })
}

/// The parts of a listing query shared by its page and its count.
struct Listing<'a> {
    /// `WITH RECURSIVE …` for the category filter, or nothing.
    with: String,
    /// Whether the filters read `articles` (as `a`).
    reads_articles: bool,
    /// The conditions besides language and state, each starting ` AND `.
    filters: String,
    /// Values for `$1`…: the language, then the fallback languages, in order, each once.
    languages: Vec<&'a str>,
    /// Values for the parameters after the languages.
    binds: Vec<i64>,
}

const JOIN_ARTICLES: &str = "JOIN articles a ON a.id = v.article_id";

/// The columns of a card.
const CARD_COLUMNS: &str =
    "v.article_id, v.lang, v.title, v.lead, v.slug, v.origin, v.published_at,
        a.category_id, a.place_id, a.lead_image_id, a.source_id, a.featured";

fn listing(filter: &ArticleFilter) -> Listing<'_> {
    let mut languages = vec![filter.language.as_str()];
    for fallback in &filter.fallbacks {
        if !languages.contains(&fallback.as_str()) {
            languages.push(fallback.as_str());
        }
    }
    let first_bind = languages.len();
    let mut binds: Vec<i64> = Vec::new();
    let next = |value: i64, binds: &mut Vec<i64>| {
        binds.push(value);
        format!("${}", first_bind + binds.len())
    };
    let mut with = String::new();
    let mut reads_articles = false;
    let mut filters = String::new();
    if let Some(category) = filter.category {
        reads_articles = true;
        let p = next(category.get(), &mut binds);
        with = format!(
            "WITH RECURSIVE subtree (id) AS (
                 SELECT CAST({p} AS BIGINT)
                 UNION
                 SELECT t.id FROM terms t JOIN subtree s ON t.parent_id = s.id
             ) "
        );
        filters.push_str(" AND a.category_id IN (SELECT id FROM subtree)");
    }
    let links = [
        ("article_topics", "topic_id", filter.topic.map(TopicId::get)),
        ("article_tags", "tag_id", filter.tag.map(TagId::get)),
        (
            "article_authors",
            "author_id",
            filter.author.map(AuthorId::get),
        ),
    ];
    for (table, column, value) in links {
        if let Some(value) = value {
            let p = next(value, &mut binds);
            filters.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM {table} l
                               WHERE l.article_id = v.article_id AND l.{column} = {p})"
            ));
        }
    }
    let columns = [
        ("a.place_id", filter.place.map(PlaceId::get)),
        ("a.source_id", filter.source.map(SourceId::get)),
        ("a.featured", filter.featured.map(i64::from)),
    ];
    for (column, value) in columns {
        if let Some(value) = value {
            reads_articles = true;
            let p = next(value, &mut binds);
            filters.push_str(&format!(" AND {column} = {p}"));
        }
    }
    if filter.has_video {
        filters.push_str(
            " AND EXISTS (SELECT 1 FROM article_media l JOIN media m ON m.id = l.media_id
                          WHERE l.article_id = v.article_id AND m.media_type = 'video')",
        );
    }
    if !filter.exclude.is_empty() {
        let list: Vec<String> = filter
            .exclude
            .iter()
            .map(|id| next(id.get(), &mut binds))
            .collect();
        filters.push_str(&format!(" AND v.article_id NOT IN ({})", list.join(", ")));
    }
    Listing {
        with,
        reads_articles,
        filters,
        languages,
        binds,
    }
}

/// When a published version in the `n`-th language (`$n`, from 2) is listed: the article has
/// no published version in a language before it, and its version in the first language was
/// not withdrawn (its page there is gone, not shown in another language). So each article
/// appears once, in the best language it has.
fn fallback_condition(n: usize) -> String {
    let better: Vec<String> = (2..n).map(|i| format!("${i}")).collect();
    let better_fallback = if better.is_empty() {
        String::new()
    } else {
        format!(
            " OR (w.lang IN ({}) AND w.state = 'published')",
            better.join(", ")
        )
    };
    format!(
        "v.lang = ${n} AND v.state = 'published' AND NOT EXISTS (SELECT 1 FROM versions w
             WHERE w.article_id = v.article_id
               AND ((w.lang = $1 AND w.state IN ('published', 'withdrawn')){better_fallback}))"
    )
}

/// Published versions in a language (or, for articles with none there, in the first fallback
/// language they have), newest first.
///
/// Without fallbacks, the page reads the listing index
/// `versions_listing (lang, state, published_at, article_id)` backwards and stops after one
/// page; the count reads the same index, joining `articles` only when a filter needs it. With
/// fallbacks, the page reads that index backwards once per language, each read stopping after
/// the rows the page could need, and merges them; the count checks each candidate version
/// against the primary key for a better one.
pub(crate) async fn list_published(
    store: &SqlStore,
    filter: &ArticleFilter,
    page: PageRequest,
) -> Result<Paged<ArticleCard>> {
    let Listing {
        with,
        reads_articles,
        filters,
        languages,
        binds,
    } = listing(filter);
    let limit = languages.len() + binds.len() + 1;
    let offset = limit + 1;
    let join = if reads_articles { JOIN_ARTICLES } else { "" };
    let (page_sql, count_sql) = if languages.len() == 1 {
        let conditions = format!("WHERE v.lang = $1 AND v.state = 'published'{filters}");
        (
            format!(
                "{with}SELECT {CARD_COLUMNS}
                   FROM versions v {JOIN_ARTICLES}
                 {conditions}
                 ORDER BY v.published_at DESC, v.article_id DESC
                 LIMIT ${limit} OFFSET ${offset}"
            ),
            format!("{with}SELECT COUNT(*) AS n FROM versions v {join} {conditions}"),
        )
    } else {
        let reach = offset + 1;
        let conditions: Vec<String> =
            std::iter::once(String::from("v.lang = $1 AND v.state = 'published'"))
                .chain((2..=languages.len()).map(fallback_condition))
                .collect();
        let branches: Vec<String> = conditions
            .iter()
            .enumerate()
            .map(|(i, condition)| {
                format!(
                    "SELECT * FROM (SELECT v.article_id, v.lang, v.published_at
                                      FROM versions v {join}
                                     WHERE {condition}{filters}
                                     ORDER BY v.published_at DESC, v.article_id DESC
                                     LIMIT ${reach}) AS b{i}"
                )
            })
            .collect();
        let any: Vec<String> = conditions.iter().map(|c| format!("({c})")).collect();
        (
            format!(
                "{with}SELECT {CARD_COLUMNS}
                   FROM ({}) AS p
                   JOIN versions v ON v.article_id = p.article_id AND v.lang = p.lang
                   {JOIN_ARTICLES}
                 ORDER BY p.published_at DESC, p.article_id DESC
                 LIMIT ${limit} OFFSET ${offset}",
                branches.join(" UNION ALL ")
            ),
            format!(
                "{with}SELECT COUNT(*) AS n FROM versions v {join}
                 WHERE ({}){filters}",
                any.join(" OR ")
            ),
        )
    };

    let mut conn = store.read.acquire().await.map_err(db)?;
    let mut query = sqlx::query(AssertSqlSafe(page_sql));
    for language in &languages {
        query = query.bind(*language);
    }
    for value in &binds {
        query = query.bind(*value);
    }
    let offset = i64::try_from(page.offset()).unwrap_or(i64::MAX);
    let size = i64::from(page.size);
    query = query.bind(size).bind(offset);
    if languages.len() > 1 {
        // How far each language's read may have to go: past the pages before, and this one.
        query = query.bind(offset.saturating_add(size));
    }
    let rows = query.fetch_all(&mut *conn).await.map_err(db)?;

    let mut count = sqlx::query_scalar::<_, i64>(AssertSqlSafe(count_sql));
    for language in &languages {
        count = count.bind(*language);
    }
    for value in &binds {
        count = count.bind(*value);
    }
    let total = count.fetch_one(&mut *conn).await.map_err(db)?;

    Ok(Paged {
        items: rows.iter().map(card).collect::<Result<_>>()?,
        total: u64::try_from(total).unwrap_or(0),
        page,
    })
}

fn card(row: &AnyRow) -> Result<ArticleCard> {
    let origin: String = col(row, "origin")?;
    Ok(ArticleCard {
        id: ArticleId::new(col(row, "article_id")?),
        language: language(&col::<String>(row, "lang")?)?,
        title: col(row, "title")?,
        lead: col(row, "lead")?,
        slug: slug(&col::<String>(row, "slug")?)?,
        origin: Origin::parse(&origin).ok_or_else(|| invalid("origin", &origin))?,
        category: CategoryId::new(col(row, "category_id")?),
        place: col::<Option<i64>>(row, "place_id")?.map(PlaceId::new),
        lead_image: col::<Option<i64>>(row, "lead_image_id")?.map(MediaId::new),
        source: SourceId::new(col(row, "source_id")?),
        featured: col::<i64>(row, "featured")? != 0,
        published_at: timestamp(col(row, "published_at")?)?,
    })
}
