//! Readers' comments: plain text per article and language, moderated.

use herald_domain::{ArticleId, Comment, CommentId, CommentStatus, Language, NewComment};
use herald_store::{Result, StoreError};
use sqlx::AssertSqlSafe;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::codec::{col, language, micros, normalize, placeholders, timestamp};
use crate::error::{db, invalid};

pub(crate) async fn add(store: &SqlStore, comment: &NewComment) -> Result<Comment> {
    let now = store.now();
    let author_name = normalize(&comment.author_name, true);
    let body = normalize(&comment.body, false);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO comments (article_id, lang, author_name, body, status, parent_id,
                               created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id",
    )
    .bind(comment.article.get())
    .bind(comment.language.as_str())
    .bind(&author_name)
    .bind(&body)
    .bind(comment.status.as_str())
    .bind(comment.parent.map(CommentId::get))
    .bind(micros(now))
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
        "SELECT id, article_id, lang, author_name, body, status, parent_id, created_at
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
        address: None,
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
