//! Sources. A source is also a term of kind `source` (same id): its key, names and slugs
//! live in `terms`/`term_names`, so they share the slug rules of every other named thing.

use herald_domain::{Localized, Region, Rights, Slug, Source, SourceId, TermName};
use herald_store::{NewSource, Result, TermKind};
use sqlx::any::AnyRow;
use url::Url;

use crate::SqlStore;
use crate::codec::{
    canonical, canonical_str, col, from_json, language, micros, normalized_texts, timestamp,
    to_json, to_u32, trust, trust_str,
};
use crate::error::{db, invalid};
use crate::terms::{self, NewTermRow};

pub(crate) async fn create(store: &SqlStore, source: &NewSource) -> Result<Source> {
    let now = store.now();
    let descriptions = normalized_texts(&source.descriptions, false);
    let mut tx = store.begin_write().await?;
    let row = NewTermRow {
        kind: TermKind::Source,
        key: &source.key,
        parent: None,
        position: 0,
        source: None,
        place_kind: None,
    };
    let id = terms::insert(&mut tx, &row, micros(now)).await?;
    terms::insert_names(
        &mut tx,
        store.engine,
        TermKind::Source,
        id,
        &source.names,
        &Localized::new(),
    )
    .await?;
    sqlx::query(
        "INSERT INTO sources (id, descriptions, home_url, feeds, lang, region, trust, licence,
                              credit, canonical, poll_interval_secs, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(id)
    .bind(to_json(&descriptions)?)
    .bind(source.home_url.as_str())
    .bind(to_json(&source.feeds)?)
    .bind(source.language.as_str())
    .bind(source.region.to_code())
    .bind(trust_str(source.trust))
    .bind(normalize_line(&source.licence))
    .bind(normalize_line(&source.credit))
    .bind(canonical_str(source.canonical))
    .bind(i64::from(source.poll_interval_secs))
    .bind(micros(now))
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    tx.commit().await.map_err(db)?;
    by_id(store, SourceId::new(id))
        .await?
        .ok_or(herald_store::StoreError::NotFound("source"))
}

fn normalize_line(text: &str) -> String {
    herald_domain::text::normalize_line(text)
}

const SELECT: &str = "SELECT s.id, t.key, s.descriptions, s.home_url, s.feeds, s.lang, s.region,
        s.trust, s.licence, s.credit, s.canonical, s.poll_interval_secs, s.created_at
   FROM sources s JOIN terms t ON t.id = s.id";

pub(crate) async fn by_id(store: &SqlStore, id: SourceId) -> Result<Option<Source>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE s.id = $1")))
        .bind(id.get())
        .fetch_optional(&store.read)
        .await
        .map_err(db)?;
    match row {
        Some(row) => Ok(Some(with_names(store, vec![row]).await?.remove(0))),
        None => Ok(None),
    }
}

pub(crate) async fn by_key(store: &SqlStore, key: &str) -> Result<Option<Source>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE t.kind = 'source' AND t.key = $1"
    )))
    .bind(key)
    .fetch_optional(&store.read)
    .await
    .map_err(db)?;
    match row {
        Some(row) => Ok(Some(with_names(store, vec![row]).await?.remove(0))),
        None => Ok(None),
    }
}

pub(crate) async fn list(store: &SqlStore) -> Result<Vec<Source>> {
    let rows = sqlx::query(SELECT)
        .fetch_all(&store.read)
        .await
        .map_err(db)?;
    let mut sources = with_names(store, rows).await?;
    sources.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(sources)
}

/// Decodes source rows and attaches their names and slugs.
async fn with_names(store: &SqlStore, rows: Vec<AnyRow>) -> Result<Vec<Source>> {
    let ids = rows
        .iter()
        .map(|row| col::<i64>(row, "id"))
        .collect::<Result<Vec<_>>>()?;
    let mut conn = store.read.acquire().await.map_err(db)?;
    let mut names = terms::names(&mut conn, TermKind::Source, Some(&ids)).await?;
    rows.iter()
        .map(|row| {
            let id: i64 = col(row, "id")?;
            let term_names: Localized<TermName> = names.remove(&id).unwrap_or_default();
            decode(row, &term_names)
        })
        .collect()
}

fn decode(row: &AnyRow, names: &Localized<TermName>) -> Result<Source> {
    let home: String = col(row, "home_url")?;
    let region: String = col(row, "region")?;
    let lang: String = col(row, "lang")?;
    let trust_text: String = col(row, "trust")?;
    let canonical_text: String = col(row, "canonical")?;
    let descriptions: String = col(row, "descriptions")?;
    let feeds: String = col(row, "feeds")?;
    Ok(Source {
        id: SourceId::new(col(row, "id")?),
        key: col(row, "key")?,
        names: names
            .iter()
            .map(|(l, n)| (l.clone(), n.name.clone()))
            .collect(),
        slugs: names
            .iter()
            .map(|(l, n)| (l.clone(), n.slug.clone()))
            .collect::<Localized<Slug>>(),
        descriptions: from_json(&descriptions, "source descriptions")?,
        home_url: Url::parse(&home).map_err(|_| invalid("home page URL", &home))?,
        feeds: from_json(&feeds, "source feeds")?,
        language: language(&lang)?,
        region: Region::from_code(&region).ok_or_else(|| invalid("region", &region))?,
        trust: trust(&trust_text)?,
        rights: Rights {
            licence: col(row, "licence")?,
            credit: col(row, "credit")?,
            canonical: canonical(&canonical_text)?,
        },
        poll_interval_secs: to_u32(col(row, "poll_interval_secs")?, "poll interval")?,
        created_at: timestamp(col(row, "created_at")?)?,
    })
}
