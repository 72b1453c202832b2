//! Readers' comments: plain text per article and language, moderated; each carries the keyed
//! hash of the address it came from, which rate limits count and bans name.

use std::collections::HashMap;

use herald_domain::{
    ArticleId, Comment, CommentId, CommentStatus, Language, NewComment, Timestamp, UserId,
};
use herald_store::{AddressBan, PageRequest, Paged, Result, StoreError};
use sqlx::AssertSqlSafe;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::codec::{col, language, micros, normalize, placeholders, timestamp};
use crate::error::{db, invalid};

/// The columns [`decode`] reads.
const COLUMNS: &str =
    "id, article_id, lang, author_name, body, status, parent_id, created_at, address";

pub(crate) async fn add(store: &SqlStore, comment: &NewComment) -> Result<Comment> {
    let now = store.now();
    let author_name = normalize(&comment.author_name, true);
    let body = normalize(&comment.body, false);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO comments (article_id, lang, author_name, body, status, parent_id,
                               created_at, address)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING id",
    )
    .bind(comment.article.get())
    .bind(comment.language.as_str())
    .bind(&author_name)
    .bind(&body)
    .bind(comment.status.as_str())
    .bind(comment.parent.map(CommentId::get))
    .bind(micros(now))
    .bind(comment.address.as_deref())
    .fetch_one(&store.write)
    .await
    .map_err(db)?;
    Ok(Comment {
        id: CommentId::new(id),
        article: comment.article,
        language: comment.language.clone(),
        author_name,
        body,
        status: comment.status,
        parent: comment.parent,
        created_at: timestamp(micros(now))?,
        address: comment.address.clone(),
    })
}

pub(crate) async fn list(
    store: &SqlStore,
    article: ArticleId,
    lang: Option<&Language>,
    statuses: &[CommentStatus],
) -> Result<Vec<Comment>> {
    if statuses.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS}
           FROM comments
          WHERE article_id = $1 AND ($2 = '' OR lang = $2) AND status IN ({})
          ORDER BY created_at, id",
        placeholders(3, statuses.len())
    );
    let mut query = sqlx::query(AssertSqlSafe(sql))
        .bind(article.get())
        .bind(lang.map_or("", Language::as_str));
    for status in statuses {
        query = query.bind(status.as_str());
    }
    let rows = query.fetch_all(&store.read).await.map_err(db)?;
    rows.iter().map(decode).collect()
}

fn decode(row: &AnyRow) -> Result<Comment> {
    let status: String = col(row, "status")?;
    Ok(Comment {
        id: CommentId::new(col(row, "id")?),
        article: ArticleId::new(col(row, "article_id")?),
        language: language(&col::<String>(row, "lang")?)?,
        author_name: col(row, "author_name")?,
        body: col(row, "body")?,
        status: CommentStatus::parse(&status).ok_or_else(|| invalid("comment status", &status))?,
        parent: col::<Option<i64>>(row, "parent_id")?.map(CommentId::new),
        created_at: timestamp(col(row, "created_at")?)?,
        address: col(row, "address")?,
    })
}

pub(crate) async fn set_status(
    store: &SqlStore,
    id: CommentId,
    status: CommentStatus,
) -> Result<()> {
    let done = sqlx::query("UPDATE comments SET status = $2 WHERE id = $1")
        .bind(id.get())
        .bind(status.as_str())
        .execute(&store.write)
        .await
        .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("comment"));
    }
    Ok(())
}

pub(crate) async fn get(store: &SqlStore, id: CommentId) -> Result<Option<Comment>> {
    let row = sqlx::query(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM comments WHERE id = $1"
    )))
    .bind(id.get())
    .fetch_optional(&store.read)
    .await
    .map_err(db)?;
    row.as_ref().map(decode).transpose()
}

/// The moderation queue: comments in `statuses` on every article, newest first.
pub(crate) async fn for_moderation(
    store: &SqlStore,
    statuses: &[CommentStatus],
    page: PageRequest,
) -> Result<Paged<Comment>> {
    if statuses.is_empty() {
        return Ok(Paged {
            items: Vec::new(),
            total: 0,
            page,
        });
    }
    let states = placeholders(1, statuses.len());
    // `LIMIT` and `OFFSET` are written in, never bound (see the crate's doc).
    let sql = format!(
        "SELECT {COLUMNS}
           FROM comments
          WHERE status IN ({states})
          ORDER BY created_at DESC, id DESC
          LIMIT {} OFFSET {}",
        page.size,
        page.offset()
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for status in statuses {
        query = query.bind(status.as_str());
    }
    let rows = query.fetch_all(&store.read).await.map_err(db)?;
    let items = rows.iter().map(decode).collect::<Result<Vec<_>>>()?;
    let mut count = sqlx::query_scalar::<_, i64>(AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM comments WHERE status IN ({states})"
    )));
    for status in statuses {
        count = count.bind(status.as_str());
    }
    let total = count.fetch_one(&store.read).await.map_err(db)?;
    Ok(Paged {
        items,
        total: u64::try_from(total).map_err(|_| invalid("comment count", total))?,
        page,
    })
}

/// Approved comments per article, in one language or all; articles without any left out.
pub(crate) async fn counts(
    store: &SqlStore,
    articles: &[ArticleId],
    lang: Option<&Language>,
) -> Result<HashMap<ArticleId, u64>> {
    if articles.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT article_id, COUNT(*) AS n
           FROM comments
          WHERE article_id IN ({}) AND ($1 = '' OR lang = $1) AND status = 'approved'
          GROUP BY article_id",
        placeholders(2, articles.len())
    );
    let mut query = sqlx::query(AssertSqlSafe(sql)).bind(lang.map_or("", Language::as_str));
    for article in articles {
        query = query.bind(article.get());
    }
    let rows = query.fetch_all(&store.read).await.map_err(db)?;
    rows.iter()
        .map(|row| {
            let n: i64 = col(row, "n")?;
            Ok((
                ArticleId::new(col(row, "article_id")?),
                u64::try_from(n).map_err(|_| invalid("comment count", n))?,
            ))
        })
        .collect()
}

/// Comments from one address since an instant, in any state: spam counts too.
pub(crate) async fn from_address(store: &SqlStore, address: &str, since: Timestamp) -> Result<u64> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE address = $1 AND created_at >= $2")
            .bind(address)
            .bind(micros(since))
            .fetch_one(&store.read)
            .await
            .map_err(db)?;
    u64::try_from(n).map_err(|_| invalid("comment count", n))
}

/// Bans an address and marks its pending comments spam, in one transaction.
pub(crate) async fn ban(store: &SqlStore, ban: &AddressBan) -> Result<()> {
    let mut tx = store.begin_write().await?;
    sqlx::query(
        "INSERT INTO address_bans (address, reason, banned_by, banned_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (address) DO UPDATE
            SET reason = excluded.reason, banned_by = excluded.banned_by,
                banned_at = excluded.banned_at",
    )
    .bind(&ban.address)
    .bind(normalize(&ban.reason, true))
    .bind(ban.by.map(UserId::get))
    .bind(micros(ban.at))
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    sqlx::query("UPDATE comments SET status = 'spam' WHERE address = $1 AND status = 'pending'")
        .bind(&ban.address)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    tx.commit().await.map_err(db)
}

pub(crate) async fn is_banned(store: &SqlStore, address: &str) -> Result<bool> {
    let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM address_bans WHERE address = $1")
        .bind(address)
        .fetch_one(&store.read)
        .await
        .map_err(db)?;
    Ok(found > 0)
}

pub(crate) async fn unban(store: &SqlStore, address: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM address_bans WHERE address = $1")
        .bind(address)
        .execute(&store.write)
        .await
        .map_err(db)?;
    Ok(done.rows_affected() > 0)
}

pub(crate) async fn bans(store: &SqlStore) -> Result<Vec<AddressBan>> {
    let rows = sqlx::query(
        "SELECT address, reason, banned_by, banned_at
           FROM address_bans
          ORDER BY banned_at DESC, address",
    )
    .fetch_all(&store.read)
    .await
    .map_err(db)?;
    rows.iter()
        .map(|row| {
            Ok(AddressBan {
                address: col(row, "address")?,
                reason: col(row, "reason")?,
                by: col::<Option<i64>>(row, "banned_by")?.map(UserId::new),
                at: timestamp(col(row, "banned_at")?)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::sqlite_plan;

    #[tokio::test]
    async fn the_rate_limit_reads_one_addresss_comments_from_its_index() {
        let plan =
            sqlite_plan("SELECT COUNT(*) FROM comments WHERE address = 'a' AND created_at >= 1")
                .await;
        assert!(
            plan.iter().any(|step| step.contains("comments_address")),
            "{plan:?}"
        );
    }

    #[tokio::test]
    async fn the_moderation_queue_reads_its_state_from_an_index() {
        let plan = sqlite_plan(
            "SELECT id FROM comments WHERE status IN ('pending')
              ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0",
        )
        .await;
        assert!(
            plan.iter().any(|step| step.contains("comments_moderation")),
            "{plan:?}"
        );
    }
}
