//! What feeds and sitemaps read: a list's newest articles with their bodies and links, and
//! every article published in a language with each of its published versions' slugs. Each is
//! a few statements whatever the number of articles, since a sitemap page lists up to 50,000.

use herald_domain::{ArticleId, MediaId, Origin};
use herald_store::{
    ArticleFilter, FeedEntry, Paged, Result, SitemapEntry, SitemapRequest, SitemapVersion,
};
use sqlx::Row;

use crate::SqlStore;
use crate::articles::{article_columns, decode, ids_from, linked};
use crate::codec::{col, language, micros, slug, timestamp};
use crate::error::{db, invalid};
use crate::versions::list_cards;

/// Most (article, language) pairs read by one statement of [`feed`]: two placeholders each,
/// well under both engines' limits.
const PAIRS_PER_READ: usize = 200;

/// The first `limit` cards of `filter`, then their articles and versions' bodies in one
/// statement per [`PAIRS_PER_READ`] cards.
pub(crate) async fn feed(
    store: &SqlStore,
    filter: &ArticleFilter,
    limit: u32,
) -> Result<Vec<FeedEntry>> {
    let cards = list_cards(store, std::slice::from_ref(filter), limit)
        .await?
        .pop()
        .unwrap_or_default();
    let mut entries = Vec::with_capacity(cards.len());
    for chunk in cards.chunks(PAIRS_PER_READ) {
        let pairs: Vec<String> = (0..chunk.len())
            .map(|i| format!("(a.id = ${} AND v.lang = ${})", 2 * i + 1, 2 * i + 2))
            .collect();
        let sql = format!(
            "SELECT {}, v.lang, v.body, v.updated_at
               FROM articles a JOIN versions v ON v.article_id = a.id
              WHERE {}",
            article_columns(),
            pairs.join(" OR ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for card in chunk {
            query = query.bind(card.id.get()).bind(card.language.as_str());
        }
        let rows = query.fetch_all(&store.read).await.map_err(db)?;
        for card in chunk {
            let found = rows.iter().find(|row| {
                row.try_get::<i64, _>("id").ok() == Some(card.id.get())
                    && row.try_get::<String, _>("lang").ok().as_deref()
                        == Some(card.language.as_str())
            });
            // A version removed between the two reads is left out.
            let Some(row) = found else { continue };
            entries.push(FeedEntry {
                article: decode(row, card.id)?,
                body: col(row, "body")?,
                updated_at: timestamp(col(row, "updated_at")?)?,
                card: card.clone(),
            });
        }
    }
    Ok(entries)
}

/// The condition of the articles a sitemap request lists, on versions `p`: placeholders `$1`
/// (language) and, when `since` is given, `$2`.
fn listed(since: Option<i64>) -> &'static str {
    if since.is_some() {
        "p.lang = $1 AND p.state = 'published' AND p.published_at >= $2"
    } else {
        "p.lang = $1 AND p.state = 'published'"
    }
}

/// One page of the articles published in a language, by id: the count, then the page's
/// articles with every published version, a row per version.
pub(crate) async fn sitemap(
    store: &SqlStore,
    request: &SitemapRequest,
) -> Result<Paged<SitemapEntry>> {
    let since = request.published_within.map(|window| {
        let window = i64::try_from(window.as_micros()).unwrap_or(i64::MAX);
        micros(store.now()).saturating_sub(window)
    });
    let bind = |sql: String| {
        let query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(request.language.as_str());
        match since {
            Some(since) => query.bind(since),
            None => query,
        }
    };
    let mut conn = store.read.acquire().await.map_err(db)?;
    let count = bind(format!(
        "SELECT COUNT(*) AS n FROM versions p WHERE {}",
        listed(since)
    ))
    .fetch_one(&mut *conn)
    .await
    .map_err(db)?;
    let total: i64 = col(&count, "n")?;
    let page = request.page;
    let mut items: Vec<SitemapEntry> = Vec::new();
    if page.size > 0 {
        let offset = i64::try_from(page.offset()).unwrap_or(i64::MAX);
        let sql = format!(
            "SELECT a.id, a.source_lang, a.published_at, a.updated_at AS article_updated_at,
                    a.lead_image_id, {} AS media,
                    v.lang, v.slug, v.title, v.origin, v.updated_at
               FROM articles a JOIN versions v ON v.article_id = a.id AND v.state = 'published'
              WHERE a.id IN (SELECT p.article_id FROM versions p WHERE {}
                              ORDER BY p.article_id LIMIT {} OFFSET {offset})
              ORDER BY a.id, v.lang",
            linked("article_media", "media_id"),
            listed(since),
            page.size,
        );
        let rows = bind(sql).fetch_all(&mut *conn).await.map_err(db)?;
        for row in &rows {
            let id = ArticleId::new(col(row, "id")?);
            let origin: String = col(row, "origin")?;
            let version = SitemapVersion {
                language: language(&col::<String>(row, "lang")?)?,
                slug: slug(&col::<String>(row, "slug")?)?,
                title: col(row, "title")?,
                origin: Origin::parse(&origin).ok_or_else(|| invalid("origin", &origin))?,
                updated_at: timestamp(col(row, "updated_at")?)?,
            };
            match items.last_mut() {
                Some(entry) if entry.id == id => entry.versions.push(version),
                _ => items.push(SitemapEntry {
                    id,
                    source_language: language(&col::<String>(row, "source_lang")?)?,
                    published_at: timestamp(col(row, "published_at")?)?,
                    updated_at: timestamp(col(row, "article_updated_at")?)?,
                    lead_image: col::<Option<i64>>(row, "lead_image_id")?.map(MediaId::new),
                    media: ids_from(col(row, "media")?, "linked media id")?
                        .into_iter()
                        .map(MediaId::new)
                        .collect(),
                    versions: vec![version],
                }),
            }
        }
    }
    for entry in &mut items {
        entry.versions.sort_by(|a, b| a.language.cmp(&b.language));
    }
    Ok(Paged {
        items,
        total: u64::try_from(total).unwrap_or(0),
        page,
    })
}
