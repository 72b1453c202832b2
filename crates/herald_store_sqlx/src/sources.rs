//! Sources. A source is also a term of kind `source` (same id): its key, names and slugs
//! live in `terms`/`term_names`, so they share the slug rules of every other named thing.

use herald_domain::{Language, Localized, Region, Rights, Slug, Source, SourceId, TermName};
use herald_store::{NewSource, Result, TermKind};
use sqlx::any::AnyRow;
use url::Url;

use crate::SqlStore;
use crate::codec::{
    canonical, canonical_str, col, from_json, language, micros, normalized_texts, timestamp,
    to_json, to_u32, trust, trust_str,
};
use crate::error::{db, invalid};
use crate::terms::{self, NewTermRow, Which};

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

/// Replaces everything about a source but its key, in one transaction: its names (renamed
/// as terms are, old slugs kept for redirects; names in languages no longer given are taken
/// away) and its `sources` row.
pub(crate) async fn update(store: &SqlStore, id: SourceId, source: &NewSource) -> Result<Source> {
    let region = source.region.to_code();
    if Region::from_code(&region).is_none() {
        // Refused before writing: stored, it would make the source unreadable.
        return Err(invalid("region", &region));
    }
    let now = micros(store.now());
    let descriptions = normalized_texts(&source.descriptions, false);
    let mut tx = store.begin_write().await?;
    terms::require_kind(&mut tx, id.get(), TermKind::Source, "source").await?;
    let done = sqlx::query(
        "UPDATE sources
            SET descriptions = $2, home_url = $3, feeds = $4, lang = $5, region = $6,
                trust = $7, licence = $8, credit = $9, canonical = $10,
                poll_interval_secs = $11
          WHERE id = $1",
    )
    .bind(id.get())
    .bind(to_json(&descriptions)?)
    .bind(source.home_url.as_str())
    .bind(to_json(&source.feeds)?)
    .bind(source.language.as_str())
    .bind(&region)
    .bind(trust_str(source.trust))
    .bind(normalize_line(&source.licence))
    .bind(normalize_line(&source.credit))
    .bind(canonical_str(source.canonical))
    .bind(i64::from(source.poll_interval_secs))
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(herald_store::StoreError::NotFound("source"));
    }
    let keep: Vec<&Language> = source.names.iter().map(|(lang, _)| lang).collect();
    terms::drop_names_except(&mut tx, TermKind::Source, id.get(), &keep, now).await?;
    for (lang, name) in source.names.iter() {
        terms::set_name(
            &mut tx,
            store.engine,
            TermKind::Source,
            id.get(),
            lang,
            name,
            now,
        )
        .await?;
    }
    tx.commit().await.map_err(db)?;
    by_id(store, id)
        .await?
        .ok_or(herald_store::StoreError::NotFound("source"))
}

fn normalize_line(text: &str) -> String {
    herald_domain::text::normalize_line(text)
}

pub(crate) async fn by_id(store: &SqlStore, id: SourceId) -> Result<Option<Source>> {
    let ids = [id.get()];
    let which = Which::Ids {
        all_categories: false,
        ids: &ids,
        sources: true,
        with_articles: None,
    };
    terms::load(store, which).await?.take_source(id.get())
}

pub(crate) async fn by_key(store: &SqlStore, key: &str) -> Result<Option<Source>> {
    let mut loaded = terms::load(store, Which::Key(TermKind::Source, key)).await?;
    Ok(loaded.take_sources()?.pop())
}

pub(crate) async fn list(store: &SqlStore) -> Result<Vec<Source>> {
    terms::load(store, Which::Kind(TermKind::Source))
        .await?
        .take_sources()
}

/// A source from a row of `terms::load` (its term's `id` and `key`, the `sources` columns,
/// `lang` as `source_lang`), with its names and slugs.
pub(crate) fn decode(row: &AnyRow, names: &Localized<TermName>) -> Result<Source> {
    let home: String = col(row, "home_url")?;
    let region: String = col(row, "region")?;
    let lang: String = col(row, "source_lang")?;
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
