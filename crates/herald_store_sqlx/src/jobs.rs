//! The persisted job queue: enqueue with dedupe, claim with a lease, complete, fail and retry.
//!
//! A job is `queued` until its `run_at`, then `running` under one worker's lease, then `done`
//! or `failed`. A worker that dies leaves a `running` job whose lease runs out; the next claim
//! takes it again (counting another attempt), or fails it if that was its last attempt.

use std::time::Duration;

use herald_domain::{Job, JobId, JobRecord, JobState, Timestamp};
use herald_store::{JobCounts, Result, StoreError};
use sqlx::AssertSqlSafe;
use sqlx::any::AnyRow;

use crate::codec::{
    col, from_json, micros, opt_timestamp, placeholders, timestamp, to_json, to_u32,
};
use crate::error::{db, invalid};
use crate::{Engine, SqlStore};

const COLUMNS: &str = "id, payload, state, attempts, max_attempts, run_at, lease_until, worker,
        last_error, created_at";

pub(crate) async fn enqueue(
    store: &SqlStore,
    job: &Job,
    run_at: Timestamp,
    priority: i64,
) -> Result<JobId> {
    let payload = to_json(job)?;
    let key = job.dedupe_key();
    let now = micros(store.now());
    // The insert (or the raise of the queued twin's priority) and the lookup are two
    // statements: if the queued twin is claimed in between, the insert succeeds on the next
    // round. A twin of equal or higher priority is not written at all, so re-queuing work
    // already waiting stays a read.
    for _ in 0..3 {
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO jobs (kind, payload, dedupe_key, state, run_at, priority, created_at,
                               updated_at)
             VALUES ($1, $2, $3, 'queued', $4, $6, $5, $5)
             ON CONFLICT (dedupe_key) WHERE state = 'queued'
             DO UPDATE SET priority = excluded.priority, updated_at = excluded.updated_at
                     WHERE jobs.priority < excluded.priority
             RETURNING id",
        )
        .bind(job.kind())
        .bind(&payload)
        .bind(&key)
        .bind(micros(run_at))
        .bind(now)
        .bind(priority)
        .fetch_optional(&store.write)
        .await
        .map_err(db)?;
        if let Some(id) = inserted {
            return Ok(JobId::new(id));
        }
        let queued: Option<i64> =
            sqlx::query_scalar("SELECT id FROM jobs WHERE dedupe_key = $1 AND state = 'queued'")
                .bind(&key)
                .fetch_optional(&store.write)
                .await
                .map_err(db)?;
        if let Some(id) = queued {
            return Ok(JobId::new(id));
        }
    }
    Err(StoreError::Conflict {
        constraint: "jobs_dedupe_queued".to_owned(),
    })
}

pub(crate) async fn claim_next(
    store: &SqlStore,
    worker: &str,
    now: Timestamp,
    lease: Duration,
    kinds: &[&str],
) -> Result<Option<JobRecord>> {
    let now = micros(now);
    let lease = i64::try_from(lease.as_micros()).unwrap_or(i64::MAX);
    let mut tx = store.begin_write().await?;
    // A job whose worker died on its last attempt is not tried again.
    sqlx::query(
        "UPDATE jobs
            SET state = 'failed', lease_until = NULL, worker = NULL, updated_at = $1,
                last_error = 'the worker''s lease ran out on the last attempt'
          WHERE state = 'running' AND lease_until < $1 AND attempts >= max_attempts",
    )
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    // PostgreSQL: concurrent claimers skip the rows others are taking. SQLite: the immediate
    // transaction already excludes every other writer.
    let lock = match store.engine {
        Engine::Postgres => "FOR UPDATE SKIP LOCKED",
        Engine::Sqlite => "",
    };
    // Kinds are bound, one placeholder each after the three fixed ones.
    let of_kinds = if kinds.is_empty() {
        String::new()
    } else {
        let marks: Vec<String> = (0..kinds.len()).map(|n| format!("${}", n + 4)).collect();
        format!("AND kind IN ({})", marks.join(", "))
    };
    let sql = claim_sql(&of_kinds, lock);
    let mut query = sqlx::query(AssertSqlSafe(sql))
        .bind(worker)
        .bind(now.saturating_add(lease))
        .bind(now);
    for kind in kinds {
        query = query.bind(*kind);
    }
    let row = query.fetch_optional(&mut *tx).await.map_err(db)?;
    let record = row.as_ref().map(decode).transpose()?;
    tx.commit().await.map_err(db)?;
    Ok(record)
}

/// The claim: the best due queued job and the best job whose lease ran out, each read in
/// claim order from its own index and stopped at the first row (`jobs_claim` for one state and
/// kind; `jobs_lease` for the few running jobs), then the better of the two. One `OR` over
/// both states would be read whole and sorted: with thousands of translations waiting, every
/// claim would sort them all. On PostgreSQL each branch locks its row; the one not taken is
/// released at commit, a moment later.
fn claim_sql(of_kinds: &str, lock: &str) -> String {
    const ORDER: &str = "ORDER BY priority DESC, run_at, id";
    format!(
        "UPDATE jobs
            SET state = 'running', attempts = attempts + 1, worker = $1, lease_until = $2,
                updated_at = $3
          WHERE id = (SELECT id FROM (
                          SELECT * FROM (SELECT id, priority, run_at FROM jobs
                                          WHERE state = 'queued' AND run_at <= $3 {of_kinds}
                                          {ORDER} LIMIT 1 {lock}) AS due
                          UNION ALL
                          SELECT * FROM (SELECT id, priority, run_at FROM jobs
                                          WHERE state = 'running' AND lease_until < $3
                                            AND attempts < max_attempts {of_kinds}
                                          {ORDER} LIMIT 1 {lock}) AS lapsed
                      ) AS candidates
                      {ORDER}
                      LIMIT 1)
          RETURNING {COLUMNS}"
    )
}

pub(crate) async fn complete(store: &SqlStore, id: JobId, worker: &str) -> Result<()> {
    let done = sqlx::query(
        "UPDATE jobs SET state = 'done', lease_until = NULL, worker = NULL, updated_at = $3
          WHERE id = $1 AND state = 'running' AND worker = $2",
    )
    .bind(id.get())
    .bind(worker)
    .bind(micros(store.now()))
    .execute(&store.write)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("job lease"));
    }
    Ok(())
}

pub(crate) async fn fail(
    store: &SqlStore,
    id: JobId,
    worker: &str,
    error: &str,
    retry_at: Option<Timestamp>,
) -> Result<()> {
    // Queued again only if a retry is asked, attempts remain, and the same work has not been
    // queued meanwhile (then that job does it, and this one is failed).
    let done = sqlx::query(
        "UPDATE jobs
            SET state = CASE WHEN $4 = 1 AND attempts < max_attempts
                               AND NOT EXISTS (SELECT 1 FROM jobs twin
                                                WHERE twin.dedupe_key = jobs.dedupe_key
                                                  AND twin.state = 'queued')
                             THEN 'queued' ELSE 'failed' END,
                run_at = CASE WHEN $4 = 1 THEN $5 ELSE run_at END,
                last_error = $3, lease_until = NULL, worker = NULL, updated_at = $6
          WHERE id = $1 AND state = 'running' AND worker = $2",
    )
    .bind(id.get())
    .bind(worker)
    .bind(error)
    .bind(i64::from(retry_at.is_some()))
    .bind(retry_at.map_or(0, micros))
    .bind(micros(store.now()))
    .execute(&store.write)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("job lease"));
    }
    Ok(())
}

pub(crate) async fn by_id(store: &SqlStore, id: JobId) -> Result<Option<JobRecord>> {
    let row = sqlx::query(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM jobs WHERE id = $1"
    )))
    .bind(id.get())
    .fetch_optional(&store.read)
    .await
    .map_err(db)?;
    row.as_ref().map(decode).transpose()
}

/// Jobs per state, of every kind or of one.
pub(crate) async fn counts(store: &SqlStore, kind: Option<&str>) -> Result<JobCounts> {
    let rows = match kind {
        None => sqlx::query("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state"),
        Some(kind) => {
            sqlx::query("SELECT state, COUNT(*) AS n FROM jobs WHERE kind = $1 GROUP BY state")
                .bind(kind.to_owned())
        }
    }
    .fetch_all(&store.read)
    .await
    .map_err(db)?;
    let mut counts = JobCounts::default();
    for row in &rows {
        let state: String = col(row, "state")?;
        let n = u64::try_from(col::<i64>(row, "n")?).unwrap_or(0);
        match JobState::parse(&state).ok_or_else(|| invalid("job state", &state))? {
            JobState::Queued => counts.queued = n,
            JobState::Running => counts.running = n,
            JobState::Done => counts.done = n,
            JobState::Failed => counts.failed = n,
        }
    }
    Ok(counts)
}

/// Failed jobs of a kind, the latest failure first.
pub(crate) async fn failed(store: &SqlStore, kind: &str, limit: u32) -> Result<Vec<JobRecord>> {
    let rows = sqlx::query(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM jobs WHERE kind = $1 AND state = 'failed' \
         ORDER BY updated_at DESC, id DESC LIMIT $2"
    )))
    .bind(kind.to_owned())
    .bind(i64::from(limit))
    .fetch_all(&store.read)
    .await
    .map_err(db)?;
    rows.iter().map(decode).collect()
}

/// The last jobs made in `states` (every state when empty), newest first: ids grow with
/// each job enqueued, so the primary key orders them.
pub(crate) async fn recent(
    store: &SqlStore,
    states: &[JobState],
    limit: u32,
) -> Result<Vec<JobRecord>> {
    let filter = if states.is_empty() {
        String::new()
    } else {
        format!("WHERE state IN ({})", placeholders(1, states.len()))
    };
    let mut query = sqlx::query(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM jobs {filter} ORDER BY id DESC LIMIT {limit}"
    )));
    for state in states {
        query = query.bind(state.as_str());
    }
    let rows = query.fetch_all(&store.read).await.map_err(db)?;
    rows.iter().map(decode).collect()
}

fn decode(row: &AnyRow) -> Result<JobRecord> {
    let payload: String = col(row, "payload")?;
    let state: String = col(row, "state")?;
    Ok(JobRecord {
        id: JobId::new(col(row, "id")?),
        job: from_json(&payload, "job payload")?,
        state: JobState::parse(&state).ok_or_else(|| invalid("job state", &state))?,
        attempts: to_u32(col(row, "attempts")?, "attempts")?,
        max_attempts: to_u32(col(row, "max_attempts")?, "max attempts")?,
        run_at: timestamp(col(row, "run_at")?)?,
        lease_until: opt_timestamp(col(row, "lease_until")?)?,
        worker: col(row, "worker")?,
        last_error: col(row, "last_error")?,
        created_at: timestamp(col(row, "created_at")?)?,
    })
}

#[cfg(test)]
mod tests {
    use super::claim_sql;
    use crate::sqlite_plan;

    /// SQLite's plan for a claim of `kinds`, bound as literals.
    async fn plan(of_kinds: &str) -> Vec<String> {
        let sql = claim_sql(of_kinds, "")
            .replace("$1", "'w'")
            .replace("$2", "2")
            .replace("$3", "1");
        sqlite_plan(&sql).await
    }

    #[tokio::test]
    async fn a_claim_of_one_kind_reads_its_jobs_in_claim_order_from_an_index() {
        let plan = plan("AND kind IN ('translate')").await;
        assert!(
            plan.iter()
                .any(|s| s.contains("INDEX jobs_claim (state=? AND kind=?)")),
            "{plan:#?}"
        );
        assert!(
            plan.iter().any(|s| s.contains("USING INDEX jobs_lease")),
            "{plan:#?}"
        );
        assert!(
            !plan.iter().any(|s| s.starts_with("SCAN jobs")),
            "{plan:#?}"
        );
        // The queue is read in order and never sorted (the lapsed jobs, a few running ones,
        // and the two candidates are).
        let due: Vec<&String> = plan
            .iter()
            .skip_while(|s| *s != "CO-ROUTINE due")
            .take_while(|s| *s != "UNION ALL")
            .collect();
        assert!(
            due.iter().any(|s| s.contains("INDEX jobs_claim")),
            "{plan:#?}"
        );
        assert!(!due.iter().any(|s| s.contains("TEMP B-TREE")), "{plan:#?}");
    }
}
