//! What polling a source needs: its filing rules, whether it is paused, the bookkeeping of its
//! polls (`source_state`, a row per source once anything of it is written), and each feed's
//! HTTP validators (`feed_states`). None of it is content: no revision trigger watches these
//! tables.
//!
//! Writes are one upsert each, `INSERT … SELECT … FROM sources WHERE id = $1 ON CONFLICT …`,
//! so that an unknown source writes no row and is told apart by the count of rows written.

use std::collections::HashMap;

use herald_domain::{IngestRules, Source, SourceHealth, SourceId, Timestamp};
use herald_store::{FeedValidators, PollOutcome, PollReport, Result, StoreError, poll_error_text};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe};
use url::Url;

use crate::codec::{col, from_json, micros, opt_timestamp, to_json, to_u32};
use crate::error::db;
use crate::{SqlStore, sources};

pub(crate) async fn set_rules(store: &SqlStore, id: SourceId, rules: &IngestRules) -> Result<()> {
    let written = sqlx::query(
        "INSERT INTO source_state (source_id, rules)
         SELECT id, $2 FROM sources WHERE id = $1
         ON CONFLICT (source_id) DO UPDATE SET rules = excluded.rules",
    )
    .bind(id.get())
    .bind(to_json(rules)?)
    .execute(&store.write)
    .await
    .map_err(db)?;
    found(written.rows_affected())
}

pub(crate) async fn rules(store: &SqlStore, id: SourceId) -> Result<IngestRules> {
    let row = sqlx::query(
        "SELECT st.rules FROM sources s LEFT JOIN source_state st ON st.source_id = s.id
          WHERE s.id = $1",
    )
    .bind(id.get())
    .fetch_optional(&store.read)
    .await
    .map_err(db)?
    .ok_or(StoreError::NotFound("source"))?;
    match col::<Option<String>>(&row, "rules")? {
        Some(json) => from_json(&json, "source rules"),
        None => Ok(IngestRules::default()),
    }
}

pub(crate) async fn set_paused(store: &SqlStore, id: SourceId, paused: bool) -> Result<()> {
    let written = sqlx::query(
        "INSERT INTO source_state (source_id, paused)
         SELECT id, $2 FROM sources WHERE id = $1
         ON CONFLICT (source_id) DO UPDATE SET paused = excluded.paused",
    )
    .bind(id.get())
    .bind(i64::from(paused))
    .execute(&store.write)
    .await
    .map_err(db)?;
    found(written.rows_affected())
}

/// A source's health with the count of its articles (through `articles_source`), from
/// `sources s`; a source without a `source_state` row reads as the default.
fn health_sql(filter: &str) -> String {
    format!(
        "SELECT s.id, st.paused, st.last_success_at, st.last_error_at, st.last_error,
                st.consecutive_failures, st.next_poll_at,
                (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id) AS articles
           FROM sources s LEFT JOIN source_state st ON st.source_id = s.id
          {filter}"
    )
}

fn decode_health(row: &AnyRow) -> Result<SourceHealth> {
    Ok(SourceHealth {
        last_success_at: opt_timestamp(col(row, "last_success_at")?)?,
        last_error_at: opt_timestamp(col(row, "last_error_at")?)?,
        last_error: col(row, "last_error")?,
        consecutive_failures: to_u32(
            col::<Option<i64>>(row, "consecutive_failures")?.unwrap_or(0),
            "consecutive failures",
        )?,
        next_poll_at: opt_timestamp(col(row, "next_poll_at")?)?,
        articles: u64::try_from(col::<i64>(row, "articles")?).unwrap_or(0),
        paused: col::<Option<i64>>(row, "paused")?.unwrap_or(0) != 0,
    })
}

async fn health_on(conn: &mut AnyConnection, id: SourceId) -> Result<Option<SourceHealth>> {
    let row = sqlx::query(AssertSqlSafe(health_sql("WHERE s.id = $1")))
        .bind(id.get())
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    row.as_ref().map(decode_health).transpose()
}

pub(crate) async fn health(store: &SqlStore, id: SourceId) -> Result<Option<SourceHealth>> {
    let mut conn = store.read.acquire().await.map_err(db)?;
    health_on(&mut conn, id).await
}

pub(crate) async fn list_with_health(store: &SqlStore) -> Result<Vec<(Source, SourceHealth)>> {
    let sources = sources::list(store).await?;
    let rows = sqlx::query(AssertSqlSafe(health_sql("")))
        .fetch_all(&store.read)
        .await
        .map_err(db)?;
    let mut health = HashMap::with_capacity(rows.len());
    for row in &rows {
        health.insert(col::<i64>(row, "id")?, decode_health(row)?);
    }
    Ok(sources
        .into_iter()
        .map(|source| {
            // A source created between the two reads has not been polled yet.
            let h = health.remove(&source.id.get()).unwrap_or_default();
            (source, h)
        })
        .collect())
}

pub(crate) async fn record(
    store: &SqlStore,
    id: SourceId,
    report: &PollReport,
) -> Result<SourceHealth> {
    let mut tx = store.begin_write().await?;
    let written = match &report.outcome {
        PollOutcome::Succeeded => sqlx::query(
            "INSERT INTO source_state (source_id, last_success_at, consecutive_failures,
                                       next_poll_at)
             SELECT id, $2, 0, $3 FROM sources WHERE id = $1
             ON CONFLICT (source_id) DO UPDATE
                SET last_success_at = excluded.last_success_at, consecutive_failures = 0,
                    next_poll_at = excluded.next_poll_at",
        )
        .bind(id.get())
        .bind(micros(report.at))
        .bind(micros(report.next_poll_at)),
        PollOutcome::Failed { error } => sqlx::query(
            "INSERT INTO source_state (source_id, last_error_at, last_error,
                                       consecutive_failures, next_poll_at)
             SELECT id, $2, $3, 1, $4 FROM sources WHERE id = $1
             ON CONFLICT (source_id) DO UPDATE
                SET last_error_at = excluded.last_error_at, last_error = excluded.last_error,
                    consecutive_failures = source_state.consecutive_failures + 1,
                    next_poll_at = excluded.next_poll_at",
        )
        .bind(id.get())
        .bind(micros(report.at))
        .bind(poll_error_text(error))
        .bind(micros(report.next_poll_at)),
    }
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    found(written.rows_affected())?;
    let health = health_on(&mut tx, id)
        .await?
        .ok_or(StoreError::NotFound("source"))?;
    tx.commit().await.map_err(db)?;
    Ok(health)
}

pub(crate) async fn due(store: &SqlStore, now: Timestamp) -> Result<Vec<SourceId>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT s.id FROM sources s LEFT JOIN source_state st ON st.source_id = s.id
          WHERE COALESCE(st.paused, 0) = 0
            AND (st.next_poll_at IS NULL OR st.next_poll_at <= $1)
          ORDER BY st.next_poll_at ASC NULLS FIRST, s.id",
    )
    .bind(micros(now))
    .fetch_all(&store.read)
    .await
    .map_err(db)?;
    Ok(ids.into_iter().map(SourceId::new).collect())
}

pub(crate) async fn validators(
    store: &SqlStore,
    source: SourceId,
    feed: &Url,
) -> Result<FeedValidators> {
    let row = sqlx::query(
        "SELECT etag, last_modified FROM feed_states WHERE source_id = $1 AND feed_url = $2",
    )
    .bind(source.get())
    .bind(feed.as_str())
    .fetch_optional(&store.read)
    .await
    .map_err(db)?;
    match row {
        Some(row) => Ok(FeedValidators {
            etag: col(&row, "etag")?,
            last_modified: col(&row, "last_modified")?,
        }),
        None => Ok(FeedValidators::default()),
    }
}

pub(crate) async fn set_validators(
    store: &SqlStore,
    source: SourceId,
    feed: &Url,
    validators: &FeedValidators,
) -> Result<()> {
    let written = sqlx::query(
        "INSERT INTO feed_states (source_id, feed_url, etag, last_modified)
         SELECT id, $2, $3, $4 FROM sources WHERE id = $1
         ON CONFLICT (source_id, feed_url) DO UPDATE
            SET etag = excluded.etag, last_modified = excluded.last_modified",
    )
    .bind(source.get())
    .bind(feed.as_str())
    .bind(validators.etag.as_deref())
    .bind(validators.last_modified.as_deref())
    .execute(&store.write)
    .await
    .map_err(db)?;
    found(written.rows_affected())
}

/// `NotFound` when an upsert from `sources` wrote nothing: the source does not exist.
fn found(rows: u64) -> Result<()> {
    if rows == 0 {
        Err(StoreError::NotFound("source"))
    } else {
        Ok(())
    }
}
