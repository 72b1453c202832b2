//! What machine translation keeps and asks: the translation memory (one translated segment
//! per key), the newsroom's glossary per language pair, the articles still to translate into
//! a language, and how far each language is covered.
//!
//! The memory and the glossary have no revision triggers (migration 0004): readers never see
//! them. The queries about versions compare `versions.from_revision` and
//! `versions.qa_flag_count`, copied out of the provenance when a version is written
//! (`versions.rs`), rather than parse JSON, which the two engines do differently.

use std::collections::{HashMap, HashSet};

use herald_domain::{ArticleId, GlossaryEntry, GlossaryKind, Language};
use herald_store::{
    LanguageCoverage, MemoryEntry, MemoryStats, Result, StoreError, TranslationWant,
};
use sqlx::AssertSqlSafe;
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::codec::{col, language, micros, normalize, placeholders, timestamp};
use crate::error::{db, invalid};

/// Keys per statement of a lookup: far below the bind limits of both engines (SQLite's is
/// 32766 in the bundled build, 999 in old ones; PostgreSQL's 65535).
const KEYS_PER_STATEMENT: usize = 500;

/// Entries per `INSERT` of a save: seven values each, plus the time, stays under 999 binds.
const ENTRIES_PER_STATEMENT: usize = 100;

pub(crate) async fn memory_lookup(
    store: &SqlStore,
    keys: &[String],
) -> Result<HashMap<String, String>> {
    let mut seen = HashSet::new();
    let keys: Vec<&str> = keys
        .iter()
        .map(String::as_str)
        .filter(|key| seen.insert(*key))
        .collect();
    let mut found = HashMap::new();
    for chunk in keys.chunks(KEYS_PER_STATEMENT) {
        let sql = format!(
            "SELECT key, target FROM translation_memory WHERE key IN ({})",
            placeholders(1, chunk.len())
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for key in chunk {
            query = query.bind(*key);
        }
        for row in query.fetch_all(&store.read).await.map_err(db)? {
            found.insert(col::<String>(&row, "key")?, col::<String>(&row, "target")?);
        }
    }
    // Hits are counted after the read, outside its statement: a lookup never waits for the
    // writer to answer, and one UPDATE per call keeps the count cheap. A hit lost to a crash
    // in between is only a statistic.
    let hit: Vec<&str> = found.keys().map(String::as_str).collect();
    let now = micros(store.now());
    for chunk in hit.chunks(KEYS_PER_STATEMENT) {
        let sql = format!(
            "UPDATE translation_memory SET hits = hits + 1, last_used_at = $1
              WHERE key IN ({})",
            placeholders(2, chunk.len())
        );
        let mut query = sqlx::query(AssertSqlSafe(sql)).bind(now);
        for key in chunk {
            query = query.bind(*key);
        }
        query.execute(&store.write).await.map_err(db)?;
    }
    Ok(found)
}

pub(crate) async fn memory_save(store: &SqlStore, entries: &[MemoryEntry]) -> Result<()> {
    // The last entry of a key wins; PostgreSQL refuses one `INSERT … ON CONFLICT DO UPDATE`
    // that would write a row twice, so repeats are dropped here.
    let mut seen = HashSet::new();
    let mut unique: Vec<&MemoryEntry> = entries
        .iter()
        .rev()
        .filter(|e| seen.insert(e.key.as_str()))
        .collect();
    unique.reverse();
    if unique.is_empty() {
        return Ok(());
    }
    let now = micros(store.now());
    let mut tx = store.begin_write().await?;
    for chunk in unique.chunks(ENTRIES_PER_STATEMENT) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|n| {
                let first = 2 + n * 7;
                format!("({}, $1, $1)", placeholders(first, 7))
            })
            .collect();
        let sql = format!(
            "INSERT INTO translation_memory (key, from_lang, to_lang, engine, model, source,
                                             target, created_at, last_used_at)
             VALUES {}
             ON CONFLICT (key) DO UPDATE
                SET from_lang = excluded.from_lang, to_lang = excluded.to_lang,
                    engine = excluded.engine, model = excluded.model,
                    source = excluded.source, target = excluded.target,
                    created_at = excluded.created_at, last_used_at = excluded.last_used_at",
            rows.join(", ")
        );
        let mut query = sqlx::query(AssertSqlSafe(sql)).bind(now);
        for entry in chunk {
            query = query
                .bind(entry.key.as_str())
                .bind(entry.from.as_str())
                .bind(entry.to.as_str())
                .bind(entry.engine.as_str())
                .bind(entry.model.as_deref())
                .bind(entry.source.as_str())
                .bind(entry.target.as_str());
        }
        query.execute(&mut *tx).await.map_err(db)?;
    }
    tx.commit().await.map_err(db)?;
    Ok(())
}

pub(crate) async fn memory_stats(store: &SqlStore) -> Result<MemoryStats> {
    // PostgreSQL sums BIGINTs as NUMERIC, which `Any` does not decode: cast back.
    let row = sqlx::query(
        "SELECT COUNT(*) AS entries, CAST(COALESCE(SUM(hits), 0) AS BIGINT) AS hits
           FROM translation_memory",
    )
    .fetch_one(&store.read)
    .await
    .map_err(db)?;
    Ok(MemoryStats {
        entries: count(&row, "entries")?,
        hits: count(&row, "hits")?,
    })
}

const GLOSSARY_COLUMNS: &str =
    "id, from_lang, to_lang, term, translation, kind, case_sensitive, note, updated_at";

pub(crate) async fn glossary(
    store: &SqlStore,
    from: &Language,
    to: &Language,
) -> Result<Vec<GlossaryEntry>> {
    let rows = sqlx::query(AssertSqlSafe(format!(
        "SELECT {GLOSSARY_COLUMNS} FROM glossary_entries WHERE from_lang = $1 AND to_lang = $2"
    )))
    .bind(from.as_str())
    .bind(to.as_str())
    .fetch_all(&store.read)
    .await
    .map_err(db)?;
    let mut entries = rows
        .iter()
        .map(glossary_entry)
        .collect::<Result<Vec<_>>>()?;
    // Sorted here, not in SQL: the engines measure and collate text differently (PostgreSQL
    // by the database's locale), and the matcher needs one order.
    entries.sort_by(|a, b| {
        b.term
            .chars()
            .count()
            .cmp(&a.term.chars().count())
            .then_with(|| a.term.cmp(&b.term))
    });
    Ok(entries)
}

pub(crate) async fn save_glossary_entry(
    store: &SqlStore,
    entry: &GlossaryEntry,
) -> Result<GlossaryEntry> {
    if entry.from == entry.to {
        return Err(invalid(
            "glossary pair",
            format!("{}-{}", entry.from, entry.to),
        ));
    }
    let term = normalize(&entry.term, true);
    if term.is_empty() {
        return Err(StoreError::Invalid("glossary term is empty".to_owned()));
    }
    let mut translation = normalize(&entry.translation, true);
    if translation.is_empty() {
        if entry.kind != GlossaryKind::DoNotTranslate {
            return Err(invalid("glossary translation of", &term));
        }
        translation.clone_from(&term);
    }
    let note = normalize(&entry.note, false);
    // At the precision stored, so that what is returned equals what is read back.
    let now = timestamp(micros(store.now()))?;
    let sql = if entry.id == 0 {
        "INSERT INTO glossary_entries (from_lang, to_lang, term, translation, kind,
                                       case_sensitive, note, updated_at)
         VALUES ($2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (from_lang, to_lang, term) DO UPDATE
            SET translation = excluded.translation, kind = excluded.kind,
                case_sensitive = excluded.case_sensitive, note = excluded.note,
                updated_at = excluded.updated_at
         RETURNING id"
    } else {
        "UPDATE glossary_entries
            SET from_lang = $2, to_lang = $3, term = $4, translation = $5, kind = $6,
                case_sensitive = $7, note = $8, updated_at = $9
          WHERE id = $1
         RETURNING id"
    };
    // `$1` is unused by the insert; binding it anyway keeps one list of values for both.
    let id: Option<i64> = sqlx::query_scalar(sql)
        .bind(entry.id)
        .bind(entry.from.as_str())
        .bind(entry.to.as_str())
        .bind(term.as_str())
        .bind(translation.as_str())
        .bind(entry.kind.as_str())
        .bind(i64::from(entry.case_sensitive))
        .bind(note.as_str())
        .bind(micros(now))
        .fetch_optional(&store.write)
        .await
        .map_err(db)?;
    let id = id.ok_or(StoreError::NotFound("glossary entry"))?;
    Ok(GlossaryEntry {
        id,
        from: entry.from.clone(),
        to: entry.to.clone(),
        term,
        translation,
        kind: entry.kind,
        case_sensitive: entry.case_sensitive,
        note,
        updated_at: now,
    })
}

pub(crate) async fn delete_glossary_entry(store: &SqlStore, id: i64) -> Result<bool> {
    let deleted = sqlx::query("DELETE FROM glossary_entries WHERE id = $1")
        .bind(id)
        .execute(&store.write)
        .await
        .map_err(db)?;
    Ok(deleted.rows_affected() > 0)
}

pub(crate) async fn glossary_pairs(store: &SqlStore) -> Result<Vec<(Language, Language, u64)>> {
    let rows = sqlx::query(
        "SELECT from_lang, to_lang, COUNT(*) AS n FROM glossary_entries
          GROUP BY from_lang, to_lang",
    )
    .fetch_all(&store.read)
    .await
    .map_err(db)?;
    let mut pairs = rows
        .iter()
        .map(|row| {
            Ok((
                language(&col::<String>(row, "from_lang")?)?,
                language(&col::<String>(row, "to_lang")?)?,
                count(row, "n")?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    pairs.sort_by(|a, b| (a.0.as_str(), a.1.as_str()).cmp(&(b.0.as_str(), b.1.as_str())));
    Ok(pairs)
}

fn glossary_entry(row: &AnyRow) -> Result<GlossaryEntry> {
    let kind: String = col(row, "kind")?;
    Ok(GlossaryEntry {
        id: col(row, "id")?,
        from: language(&col::<String>(row, "from_lang")?)?,
        to: language(&col::<String>(row, "to_lang")?)?,
        term: col(row, "term")?,
        translation: col(row, "translation")?,
        kind: GlossaryKind::parse(&kind).ok_or_else(|| invalid("glossary kind", &kind))?,
        case_sensitive: col::<i64>(row, "case_sensitive")? != 0,
        note: col(row, "note")?,
        updated_at: timestamp(col(row, "updated_at")?)?,
    })
}

/// When the version `t` of the article `a` is a stale translation: made (by machine or
/// person) from an older revision of the original, and not withdrawn (an editor took it
/// down; translating it again would undo that).
pub(crate) fn stale(t: &str) -> String {
    format!(
        "({t}.origin IN ('machine', 'post-edited', 'reviewed', 'human')
          AND {t}.state <> 'withdrawn' AND {t}.from_revision < a.revision)"
    )
}

/// Articles with their original version (the one in their source language, `o`); live
/// articles are those where it is not withdrawn.
const LIVE_ARTICLES: &str = "articles a
    JOIN versions o ON o.article_id = a.id AND o.lang = a.source_lang";

/// The statement of [`to_translate`]: `$1` is the language.
fn to_translate_sql(want: TranslationWant, limit: u32) -> Option<String> {
    let mut wanted = Vec::new();
    if want.missing {
        wanted.push("t.article_id IS NULL".to_owned());
    }
    if want.stale {
        wanted.push(stale("t"));
    }
    if wanted.is_empty() || limit == 0 {
        return None;
    }
    // Read newest first from `articles_newest`, probing each article's two versions by
    // primary key, and stop after `limit` (written in, as every `LIMIT` here; see lib.rs).
    Some(format!(
        "SELECT a.id FROM {LIVE_ARTICLES}
           LEFT JOIN versions t ON t.article_id = a.id AND t.lang = $1
          WHERE o.state <> 'withdrawn' AND a.source_lang <> $1 AND ({})
          ORDER BY a.published_at DESC, a.id DESC
          LIMIT {limit}",
        wanted.join(" OR ")
    ))
}

pub(crate) async fn to_translate(
    store: &SqlStore,
    to: &Language,
    want: TranslationWant,
    limit: u32,
) -> Result<Vec<ArticleId>> {
    let Some(sql) = to_translate_sql(want, limit) else {
        return Ok(Vec::new());
    };
    let ids: Vec<i64> = sqlx::query_scalar(AssertSqlSafe(sql))
        .bind(to.as_str())
        .fetch_all(&store.read)
        .await
        .map_err(db)?;
    Ok(ids.into_iter().map(ArticleId::new).collect())
}

pub(crate) async fn coverage(
    store: &SqlStore,
    languages: &[Language],
) -> Result<Vec<LanguageCoverage>> {
    if languages.is_empty() {
        return Ok(Vec::new());
    }
    let mut conn = store.read.acquire().await.map_err(db)?;
    let total: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM {LIVE_ARTICLES} WHERE o.state <> 'withdrawn'"
    )))
    .fetch_one(&mut *conn)
    .await
    .map_err(db)?;
    let articles = u64::try_from(total).unwrap_or(0);
    // COUNT of a CASE rather than SUM: PostgreSQL sums as NUMERIC or BIGINT by input type,
    // COUNT is BIGINT on both engines.
    let sql = format!(
        "SELECT v.lang,
                COUNT(CASE WHEN v.origin IN ('original', 'publisher') THEN 1 END) AS original,
                COUNT(CASE WHEN v.origin = 'machine' THEN 1 END) AS machine,
                COUNT(CASE WHEN v.origin = 'post-edited' THEN 1 END) AS post_edited,
                COUNT(CASE WHEN v.origin = 'reviewed' THEN 1 END) AS reviewed,
                COUNT(CASE WHEN v.origin = 'human' THEN 1 END) AS human,
                COUNT(CASE WHEN {} THEN 1 END) AS stale,
                COUNT(CASE WHEN v.qa_flag_count > 0 THEN 1 END) AS flagged
           FROM versions v
           JOIN articles a ON a.id = v.article_id
           JOIN versions o ON o.article_id = a.id AND o.lang = a.source_lang
          WHERE v.lang IN ({}) AND o.state <> 'withdrawn'
          GROUP BY v.lang",
        stale("v"),
        placeholders(1, languages.len())
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for lang in languages {
        query = query.bind(lang.as_str());
    }
    let rows = query.fetch_all(&mut *conn).await.map_err(db)?;
    let mut by_language = HashMap::new();
    for row in &rows {
        let tag: String = col(row, "lang")?;
        by_language.insert(tag, row);
    }
    languages
        .iter()
        .map(|lang| {
            let mut found = LanguageCoverage {
                language: lang.clone(),
                articles,
                original: 0,
                machine: 0,
                post_edited: 0,
                reviewed: 0,
                human: 0,
                missing: 0,
                stale: 0,
                flagged: 0,
            };
            if let Some(row) = by_language.get(lang.as_str()) {
                found.original = count(row, "original")?;
                found.machine = count(row, "machine")?;
                found.post_edited = count(row, "post_edited")?;
                found.reviewed = count(row, "reviewed")?;
                found.human = count(row, "human")?;
                found.stale = count(row, "stale")?;
                found.flagged = count(row, "flagged")?;
            }
            let versions =
                found.original + found.machine + found.post_edited + found.reviewed + found.human;
            found.missing = articles.saturating_sub(versions);
            Ok(found)
        })
        .collect()
}

/// A count read back.
fn count(row: &AnyRow, name: &str) -> Result<u64> {
    let n: i64 = col(row, name)?;
    u64::try_from(n).map_err(|_| invalid(name, n))
}

#[cfg(test)]
mod tests {
    use herald_store::TranslationWant;

    use super::to_translate_sql;
    use crate::sqlite_plan;

    #[tokio::test]
    async fn articles_to_translate_are_read_newest_first_from_an_index() {
        let sql = to_translate_sql(TranslationWant::ALL, 50).unwrap();
        let plan = sqlite_plan(&sql.replace("$1", "'en'")).await;
        assert!(
            plan.iter()
                .any(|s| s.contains("SCAN a USING INDEX articles_newest")),
            "{plan:#?}"
        );
        assert!(
            !plan.iter().any(|s| s.starts_with("USE TEMP B-TREE")),
            "{plan:#?}"
        );
        assert!(
            !plan.iter().any(|s| s == "SCAN o" || s == "SCAN t"),
            "{plan:#?}"
        );
    }

    #[test]
    fn wanting_nothing_asks_nothing() {
        assert_eq!(to_translate_sql(TranslationWant::default(), 50), None);
        assert_eq!(to_translate_sql(TranslationWant::ALL, 0), None);
    }
}
