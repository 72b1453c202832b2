//! Articles found by ingestion: stored once (by original URL, then by content hash), filed in
//! the story of their nearest near-duplicate, marked partial while only the feed's summary is
//! stored, and the page fetched for the extractor.
//!
//! # Storing an article once
//!
//! `ingest` checks for the article and chooses its story in the write transaction that stores
//! it. On SQLite that transaction excludes every other writer. On PostgreSQL ingesting writers
//! first take one advisory transaction lock, so they too run one at a time (an article is a
//! few milliseconds to store) and each sees what the previous one stored: the same article
//! from two workers is stored once, and two near duplicates from two sources land in one
//! story rather than two. An article stored meanwhile by another path (`create_article`)
//! breaks a unique index instead; that conflict is answered by reading what was stored.
//!
//! # Stories
//!
//! An article's story is the id of the story's first article (`story_id`, `NULL` for that
//! first article itself, and for every article not ingested). The candidates are the ingested
//! articles published within the window, read from one index (`articles_near`); their SimHash
//! distance is computed here, since neither engine has a portable bit count.

use herald_domain::ArticleId;
use herald_store::{
    DuplicateOf, IngestOutcome, IngestedArticle, NearDuplicates, Result, StoreError, StoredPage,
};
use sqlx::AnyConnection;
use url::Url;

use crate::articles::{self, IngestKeys};
use crate::codec::{col, micros, timestamp};
use crate::error::{db, invalid};
use crate::{Engine, SqlStore};

/// The unique indexes that tell an article is already stored.
const DUPLICATE_CONSTRAINTS: [&str; 2] =
    ["articles_source_url_unique", "articles_content_hash_unique"];

pub(crate) async fn ingest(
    store: &SqlStore,
    item: &IngestedArticle,
    near: NearDuplicates,
) -> Result<IngestOutcome> {
    match store_new(store, item, near).await {
        Err(StoreError::Conflict { constraint })
            if DUPLICATE_CONSTRAINTS.contains(&constraint.as_str()) =>
        {
            // Another writer stored it first (the conflict is raised once it committed).
            let mut conn = store.read.acquire().await.map_err(db)?;
            match stored(&mut conn, item).await? {
                Some((id, of)) => Ok(IngestOutcome::Duplicate { id, of }),
                None => Err(StoreError::Conflict { constraint }),
            }
        }
        other => other,
    }
}

async fn store_new(
    store: &SqlStore,
    item: &IngestedArticle,
    near: NearDuplicates,
) -> Result<IngestOutcome> {
    let mut tx = store.begin_write().await?;
    if store.engine == Engine::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended('herald:ingest', 0))")
            .execute(&mut *tx)
            .await
            .map_err(db)?;
    }
    if let Some((id, of)) = stored(&mut tx, item).await? {
        // Nothing written: the transaction rolls back when dropped.
        return Ok(IngestOutcome::Duplicate { id, of });
    }
    let simhash = item.simhash.cast_signed();
    let story = story(&mut tx, item, near).await?;
    let keys = IngestKeys {
        content_hash: &item.content_hash,
        simhash,
        story,
        partial: item.partial,
    };
    let id = articles::insert(&mut tx, store, &item.article, Some(&keys)).await?;
    tx.commit().await.map_err(db)?;
    Ok(IngestOutcome::Created {
        id: ArticleId::new(id),
        story: ArticleId::new(story.unwrap_or(id)),
    })
}

/// The article already stored with the item's original URL, else with its content hash.
async fn stored(
    conn: &mut AnyConnection,
    item: &IngestedArticle,
) -> Result<Option<(ArticleId, DuplicateOf)>> {
    let url = item.article.source_url.as_ref().map(Url::as_str);
    let row = sqlx::query(
        "SELECT id, CASE WHEN source_url = $1 THEN 1 ELSE 0 END AS by_url
           FROM articles
          WHERE source_url = $1 OR content_hash = $2
          ORDER BY by_url DESC
          LIMIT 1",
    )
    .bind(url)
    .bind(item.content_hash.as_str())
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let of = if col::<i64>(&row, "by_url")? == 1 {
        DuplicateOf::SourceUrl
    } else {
        DuplicateOf::ContentHash
    };
    Ok(Some((ArticleId::new(col(&row, "id")?), of)))
}

/// The story the item joins: that of the closest candidate within `near.max_distance` bits,
/// the oldest story among the closest; `None` for a story of its own.
async fn story(
    conn: &mut AnyConnection,
    item: &IngestedArticle,
    near: NearDuplicates,
) -> Result<Option<i64>> {
    let at = micros(item.article.published_at);
    let window = i64::try_from(near.window.as_micros()).unwrap_or(i64::MAX);
    let rows = sqlx::query(
        "SELECT id, simhash, story_id FROM articles
          WHERE simhash IS NOT NULL AND published_at >= $1 AND published_at <= $2",
    )
    .bind(at.saturating_sub(window))
    .bind(at.saturating_add(window))
    .fetch_all(&mut *conn)
    .await
    .map_err(db)?;
    let mut best: Option<(u32, i64)> = None;
    for row in &rows {
        let simhash: i64 = col(row, "simhash")?;
        let distance = (simhash.cast_unsigned() ^ item.simhash).count_ones();
        if distance > near.max_distance {
            continue;
        }
        let story = col::<Option<i64>>(row, "story_id")?.unwrap_or(col(row, "id")?);
        if best.is_none_or(|b| (distance, story) < b) {
            best = Some((distance, story));
        }
    }
    Ok(best.map(|(_, story)| story))
}

pub(crate) async fn same_story(store: &SqlStore, id: ArticleId) -> Result<Vec<ArticleId>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "WITH s AS (SELECT COALESCE(story_id, id) AS story FROM articles WHERE id = $1)
         SELECT id FROM (
             SELECT o.id, o.published_at FROM articles o JOIN s ON o.story_id = s.story
              WHERE o.id <> $1
             UNION
             SELECT o.id, o.published_at FROM articles o JOIN s ON o.id = s.story
              WHERE o.id <> $1
         ) AS members
         ORDER BY published_at DESC, id DESC",
    )
    .bind(id.get())
    .fetch_all(&store.read)
    .await
    .map_err(db)?;
    Ok(ids.into_iter().map(ArticleId::new).collect())
}

pub(crate) async fn is_partial(store: &SqlStore, id: ArticleId) -> Result<Option<bool>> {
    let partial: Option<i64> = sqlx::query_scalar("SELECT partial FROM articles WHERE id = $1")
        .bind(id.get())
        .fetch_optional(&store.read)
        .await
        .map_err(db)?;
    Ok(partial.map(|p| p != 0))
}

pub(crate) async fn set_partial(store: &SqlStore, id: ArticleId, partial: bool) -> Result<()> {
    let written = sqlx::query("UPDATE articles SET partial = $2 WHERE id = $1")
        .bind(id.get())
        .bind(i64::from(partial))
        .execute(&store.write)
        .await
        .map_err(db)?;
    if written.rows_affected() == 0 {
        return Err(StoreError::NotFound("article"));
    }
    Ok(())
}

pub(crate) async fn save_page(store: &SqlStore, id: ArticleId, page: &StoredPage) -> Result<()> {
    let written = sqlx::query(
        "INSERT INTO article_pages (article_id, url, final_url, content_type, body, fetched_at)
         SELECT id, $2, $3, $4, $5, $6 FROM articles WHERE id = $1
         ON CONFLICT (article_id) DO UPDATE
            SET url = excluded.url, final_url = excluded.final_url,
                content_type = excluded.content_type, body = excluded.body,
                fetched_at = excluded.fetched_at",
    )
    .bind(id.get())
    .bind(page.url.as_str())
    .bind(page.final_url.as_str())
    .bind(page.content_type.as_deref())
    .bind(page.body.as_slice())
    .bind(micros(page.fetched_at))
    .execute(&store.write)
    .await
    .map_err(db)?;
    if written.rows_affected() == 0 {
        return Err(StoreError::NotFound("article"));
    }
    Ok(())
}

pub(crate) async fn page(store: &SqlStore, id: ArticleId) -> Result<Option<StoredPage>> {
    let row = sqlx::query(
        "SELECT url, final_url, content_type, body, fetched_at FROM article_pages
          WHERE article_id = $1",
    )
    .bind(id.get())
    .fetch_optional(&store.read)
    .await
    .map_err(db)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let url = |column: &str| -> Result<Url> {
        let text: String = col(&row, column)?;
        Url::parse(&text).map_err(|_| invalid("page URL", &text))
    };
    Ok(Some(StoredPage {
        url: url("url")?,
        final_url: url("final_url")?,
        content_type: col(&row, "content_type")?,
        body: col(&row, "body")?,
        fetched_at: timestamp(col(&row, "fetched_at")?)?,
    }))
}

#[cfg(test)]
mod tests {
    use crate::sqlite_plan;

    #[tokio::test]
    async fn near_duplicate_candidates_are_read_from_one_index() {
        let plan = sqlite_plan(
            "SELECT id, simhash, story_id FROM articles
              WHERE simhash IS NOT NULL AND published_at >= 1 AND published_at <= 2",
        )
        .await;
        assert_eq!(plan.len(), 1, "{plan:?}");
        assert!(
            plan[0].contains("USING COVERING INDEX articles_near"),
            "{plan:?}"
        );
    }

    #[tokio::test]
    async fn duplicates_are_found_through_indexes() {
        let plan = sqlite_plan(
            "SELECT id FROM articles WHERE source_url = 'x' OR content_hash = 'y' LIMIT 1",
        )
        .await;
        assert!(
            plan.iter().all(|step| !step.starts_with("SCAN")),
            "{plan:?}"
        );
    }
}
