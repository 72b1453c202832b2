//! The audit log: who changed what in the newsroom, newest first. Lines are only added;
//! `actor` keeps the e-mail of the time, so a line still says who once the account is gone.
//! Not content: no revision trigger (migration 0006).

use herald_domain::{AuditEvent, NewAuditEvent, UserId};
use herald_store::{AuditFilter, PageRequest, Paged, Result};
use sqlx::AssertSqlSafe;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::codec::{col, micros, timestamp};
use crate::error::db;

pub(crate) async fn record(store: &SqlStore, event: &NewAuditEvent) -> Result<AuditEvent> {
    let at = micros(store.now());
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO audit_events (at, user_id, actor, action, target_kind, target, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id",
    )
    .bind(at)
    .bind(event.user.map(UserId::get))
    .bind(&event.actor)
    .bind(&event.action)
    .bind(&event.target_kind)
    .bind(&event.target)
    .bind(&event.detail)
    .fetch_one(&store.write)
    .await
    .map_err(db)?;
    Ok(AuditEvent {
        id,
        at: timestamp(at)?,
        user: event.user,
        actor: event.actor.clone(),
        action: event.action.clone(),
        target_kind: event.target_kind.clone(),
        target: event.target.clone(),
        detail: event.detail.clone(),
    })
}

pub(crate) async fn list(
    store: &SqlStore,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<Paged<AuditEvent>> {
    // Each narrowing is a condition on its own placeholder, bound only when asked, so that
    // each combination is one statement that the indexes of 0006 serve.
    let mut conditions: Vec<String> = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    if filter.user.is_some() {
        conditions.push("user_id = $1".to_owned());
    }
    let first_text = 1 + usize::from(filter.user.is_some());
    for (column, value) in [
        ("target_kind", filter.target_kind.as_deref()),
        ("target", filter.target.as_deref()),
    ] {
        if let Some(value) = value {
            conditions.push(format!("{column} = ${}", first_text + texts.len()));
            texts.push(value);
        }
    }
    let filtered = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let bind = |sql: String| {
        let mut query = sqlx::query(AssertSqlSafe(sql));
        if let Some(user) = filter.user {
            query = query.bind(user.get());
        }
        for text in &texts {
            query = query.bind(*text);
        }
        query
    };
    let mut conn = store.read.acquire().await.map_err(db)?;
    let count = bind(format!("SELECT COUNT(*) AS n FROM audit_events {filtered}"))
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    let total: i64 = col(&count, "n")?;
    let mut items = Vec::new();
    if page.size > 0 && total > 0 {
        let offset = i64::try_from(page.offset()).unwrap_or(i64::MAX);
        let rows = bind(format!(
            "SELECT id, at, user_id, actor, action, target_kind, target, detail
               FROM audit_events {filtered}
              ORDER BY at DESC, id DESC
              LIMIT {} OFFSET {offset}",
            page.size
        ))
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
        items = rows.iter().map(decode).collect::<Result<_>>()?;
    }
    Ok(Paged {
        items,
        total: u64::try_from(total).unwrap_or(0),
        page,
    })
}

fn decode(row: &AnyRow) -> Result<AuditEvent> {
    Ok(AuditEvent {
        id: col(row, "id")?,
        at: timestamp(col(row, "at")?)?,
        user: col::<Option<i64>>(row, "user_id")?.map(UserId::new),
        actor: col(row, "actor")?,
        action: col(row, "action")?,
        target_kind: col(row, "target_kind")?,
        target: col(row, "target")?,
        detail: col(row, "detail")?,
    })
}
