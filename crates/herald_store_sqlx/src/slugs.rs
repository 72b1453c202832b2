//! Choosing unique slugs and keeping retired ones, for terms and versions alike.
//!
//! A slug is unique among the current slugs of its scope (terms of one kind in one language,
//! or versions in one language) and is never one another owner retired: an old URL keeps
//! redirecting to what it named, so a new term or article never takes it over. An owner may
//! take back its own retired slug (rename there and back).
//!
//! On SQLite the write transaction excludes every other writer, so checking which candidates
//! are free and then inserting cannot race. On PostgreSQL, writers choosing from the same base
//! slug take a transaction-scoped advisory lock on it first, so they queue instead of all
//! picking the same candidate; the rare race left (`foo-2` as a base and as a suffix) ends in
//! a unique violation that the store retries.

use herald_domain::{Language, Slug};
use herald_store::{Result, StoreError};
use sqlx::AnyConnection;
use sqlx::AssertSqlSafe;

use crate::Engine;
use crate::codec::{col, placeholders};
use crate::error::db;

/// Candidates checked per query.
const BATCH: u32 = 16;
/// Gives up after this many candidates (`base-4096`): something is wrong by then.
const MAX_SUFFIX: u32 = 4096;

/// Whose slug it is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Owner {
    /// A term of this kind (`category`, `source`, …) and id.
    Term { kind: &'static str, id: i64 },
    /// An article's version (the language is passed alongside).
    Version { article: i64 },
}

impl Owner {
    /// The `kind` column of `slug_history`.
    const fn history_kind(self) -> &'static str {
        match self {
            Self::Term { kind, .. } => kind,
            Self::Version { .. } => "article",
        }
    }

    const fn id(self) -> i64 {
        match self {
            Self::Term { id, .. } => id,
            Self::Version { article } => article,
        }
    }
}

/// The slug `owner` should have for a name whose plain slug is `base`: the first of `base`,
/// `base-2`, `base-3`… that no other owner holds or retired. An owner's `current` slug counts
/// as free for it, so a re-saved title keeps its `-2`.
pub(crate) async fn choose(
    conn: &mut AnyConnection,
    engine: Engine,
    owner: Owner,
    lang: &Language,
    current: Option<&Slug>,
    base: &Slug,
) -> Result<Slug> {
    if current == Some(base) {
        return Ok(base.clone());
    }
    if engine == Engine::Postgres {
        let key = format!("slug:{}:{lang}:{base}", owner.history_kind());
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind(key)
            .execute(&mut *conn)
            .await
            .map_err(db)?;
    }
    let mut first = 1;
    while first <= MAX_SUFFIX {
        let candidates: Vec<Slug> = (first..first + BATCH)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    base.with_suffix(n)
                }
            })
            .collect();
        let taken = taken(conn, owner, lang, &candidates).await?;
        if let Some(free) = candidates
            .into_iter()
            .find(|c| !taken.iter().any(|t| t == c.as_str()))
        {
            return Ok(free);
        }
        first += BATCH;
    }
    Err(StoreError::Conflict {
        constraint: format!("no free slug for '{base}'"),
    })
}

/// Which of `candidates` another owner holds or retired.
async fn taken(
    conn: &mut AnyConnection,
    owner: Owner,
    lang: &Language,
    candidates: &[Slug],
) -> Result<Vec<String>> {
    let list = placeholders(4, candidates.len());
    let sql = match owner {
        Owner::Term { .. } => format!(
            "SELECT slug FROM term_names
              WHERE kind = $1 AND lang = $2 AND term_id <> $3 AND slug IN ({list})
             UNION
             SELECT slug FROM slug_history
              WHERE kind = $1 AND lang = $2 AND (term_id IS NULL OR term_id <> $3)
                AND slug IN ({list})"
        ),
        Owner::Version { .. } => format!(
            "SELECT slug FROM versions
              WHERE lang = $2 AND article_id <> $3 AND slug IN ({list})
             UNION
             SELECT slug FROM slug_history
              WHERE kind = $1 AND lang = $2 AND (article_id IS NULL OR article_id <> $3)
                AND slug IN ({list})"
        ),
    };
    let mut query = sqlx::query(AssertSqlSafe(sql))
        .bind(owner.history_kind())
        .bind(lang.as_str())
        .bind(owner.id());
    for candidate in candidates {
        query = query.bind(candidate.as_str());
    }
    let rows = query.fetch_all(&mut *conn).await.map_err(db)?;
    rows.iter().map(|row| col::<String>(row, "slug")).collect()
}

/// Records that `owner` no longer uses `old` in `lang`, so the old URL redirects.
pub(crate) async fn retire(
    conn: &mut AnyConnection,
    owner: Owner,
    lang: &Language,
    old: &Slug,
    now: i64,
) -> Result<()> {
    let (term, article) = match owner {
        Owner::Term { id, .. } => (Some(id), None),
        Owner::Version { article } => (None, Some(article)),
    };
    sqlx::query(
        "INSERT INTO slug_history (kind, lang, slug, term_id, article_id, retired_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (kind, lang, slug) DO UPDATE
            SET term_id = excluded.term_id,
                article_id = excluded.article_id,
                retired_at = excluded.retired_at",
    )
    .bind(owner.history_kind())
    .bind(lang.as_str())
    .bind(old.as_str())
    .bind(term)
    .bind(article)
    .bind(now)
    .execute(&mut *conn)
    .await
    .map_err(db)?;
    Ok(())
}

/// Forgets `slug` as retired by `owner` once it is the owner's current slug again.
pub(crate) async fn reclaim(
    conn: &mut AnyConnection,
    owner: Owner,
    lang: &Language,
    slug: &Slug,
) -> Result<()> {
    sqlx::query("DELETE FROM slug_history WHERE kind = $1 AND lang = $2 AND slug = $3")
        .bind(owner.history_kind())
        .bind(lang.as_str())
        .bind(slug.as_str())
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(())
}
