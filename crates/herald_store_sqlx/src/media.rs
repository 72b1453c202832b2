//! Images and videos: their description (the files live outside the database). The kind and
//! the per-language alt text, caption and credit are JSON. Attaching one to an article writes
//! `article_media` and `articles.lead_image_id`, whose triggers (0002) raise the content
//! revision only when a row actually changes.
//!
//! `machine_texts` (0005) records which texts the translation stage wrote, per language, so
//! that its next run may replace them and never a person's.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use herald_domain::{ArticleId, Language, Localized, Media, MediaId, MediaKind};
use herald_store::{MachineMediaTexts, MediaText, NewMedia, Result, StoreError};
use sqlx::AssertSqlSafe;
use sqlx::any::AnyRow;

use crate::codec::{
    col, from_json, micros, normalize, normalized_texts, placeholders, timestamp, to_json,
};
use crate::error::db;
use crate::{Engine, SqlStore};

pub(crate) async fn create(store: &SqlStore, media: &NewMedia) -> Result<Media> {
    let now = store.now();
    let alt = normalized_texts(&media.alt, false);
    let caption = normalized_texts(&media.caption, false);
    let credit = normalized_texts(&media.credit, true);
    let rights = media
        .rights
        .as_deref()
        .map(herald_domain::text::normalize_line);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO media (key, media_type, kind, alt, caption, credit, rights, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING id",
    )
    .bind(&media.key)
    .bind(match media.kind {
        MediaKind::Image { .. } => "image",
        MediaKind::Video { .. } => "video",
    })
    .bind(to_json(&media.kind)?)
    .bind(to_json(&alt)?)
    .bind(to_json(&caption)?)
    .bind(to_json(&credit)?)
    .bind(rights.as_deref())
    .bind(micros(now))
    .fetch_one(&store.write)
    .await
    .map_err(db)?;
    by_ids(store, &[MediaId::new(id)])
        .await?
        .pop()
        .ok_or(StoreError::NotFound("media"))
}

/// Appends `media` to `article`'s media list unless it is there, and makes it the lead image
/// if `lead` and the article has none; one write transaction, in which the article's row is
/// locked first (PostgreSQL) so concurrent attaches to one article get distinct positions.
pub(crate) async fn attach(
    store: &SqlStore,
    article: ArticleId,
    media: MediaId,
    lead: bool,
) -> Result<()> {
    let mut tx = store.begin_write().await?;
    let lock = match store.engine {
        Engine::Postgres => " FOR UPDATE",
        Engine::Sqlite => "",
    };
    let found: Option<i64> = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT id FROM articles WHERE id = $1{lock}"
    )))
    .bind(article.get())
    .fetch_optional(&mut *tx)
    .await
    .map_err(db)?;
    if found.is_none() {
        return Err(StoreError::NotFound("article"));
    }
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM media WHERE id = $1")
        .bind(media.get())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
    if found.is_none() {
        return Err(StoreError::NotFound("media"));
    }
    sqlx::query(
        "INSERT INTO article_media (article_id, media_id, position)
         SELECT $1, $2, COALESCE(MAX(position) + 1, 0) FROM article_media WHERE article_id = $1
         ON CONFLICT (article_id, media_id) DO NOTHING",
    )
    .bind(article.get())
    .bind(media.get())
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    if lead {
        sqlx::query(
            "UPDATE articles SET lead_image_id = $2 WHERE id = $1 AND lead_image_id IS NULL",
        )
        .bind(article.get())
        .bind(media.get())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    }
    tx.commit().await.map_err(db)?;
    Ok(())
}

/// `media.machine_texts`: per language, the names of the texts machine translation wrote.
type MachineMarks = BTreeMap<Language, BTreeSet<String>>;

pub(crate) async fn machine_texts(
    store: &SqlStore,
    ids: &[MediaId],
) -> Result<HashMap<MediaId, Vec<(Language, MediaText)>>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT id, machine_texts FROM media WHERE id IN ({})",
        placeholders(1, ids.len())
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(id.get());
    }
    let rows = query.fetch_all(&store.read).await.map_err(db)?;
    let mut out = HashMap::new();
    for row in &rows {
        let marks: String = col(row, "machine_texts")?;
        let marks: MachineMarks = from_json(&marks, "media machine texts")?;
        // A name this version does not know (written by a newer one) is skipped, not an error.
        let texts: Vec<(Language, MediaText)> = marks
            .into_iter()
            .flat_map(|(language, names)| {
                names
                    .into_iter()
                    .filter_map(|name| MediaText::parse(&name))
                    .map(move |kind| (language.clone(), kind))
            })
            .collect();
        if !texts.is_empty() {
            out.insert(MediaId::new(col(row, "id")?), texts);
        }
    }
    Ok(out)
}

/// One write transaction: the row is read (and locked, on PostgreSQL) so that a person's text
/// saved meanwhile is seen and kept; it is written back only if something changed, so that a
/// repeat does not raise the content revision.
pub(crate) async fn save_machine_texts(
    store: &SqlStore,
    media: MediaId,
    language: &Language,
    texts: &MachineMediaTexts,
) -> Result<Vec<MediaText>> {
    let mut tx = store.begin_write().await?;
    let lock = match store.engine {
        Engine::Postgres => " FOR UPDATE",
        Engine::Sqlite => "",
    };
    let row = sqlx::query(AssertSqlSafe(format!(
        "SELECT kind, alt, caption, machine_texts FROM media WHERE id = $1{lock}"
    )))
    .bind(media.get())
    .fetch_optional(&mut *tx)
    .await
    .map_err(db)?
    .ok_or(StoreError::NotFound("media"))?;
    let mut kind: MediaKind = from_json(&col::<String>(&row, "kind")?, "media kind")?;
    let mut alt: Localized<String> = from_json(&col::<String>(&row, "alt")?, "media alt text")?;
    let mut caption: Localized<String> =
        from_json(&col::<String>(&row, "caption")?, "media caption")?;
    let mut marks: MachineMarks = from_json(
        &col::<String>(&row, "machine_texts")?,
        "media machine texts",
    )?;

    let mut written = Vec::new();
    let mut changed = false;
    for which in MediaText::ALL {
        let Some(text) = texts.get(which) else {
            continue;
        };
        let slot = match which {
            MediaText::Alt => &mut alt,
            MediaText::Caption => &mut caption,
            MediaText::Subtitles => match &mut kind {
                MediaKind::Video { subtitles, .. } => subtitles,
                MediaKind::Image { .. } => continue,
            },
        };
        let marked = marks
            .get(language)
            .is_some_and(|names| names.contains(which.as_str()));
        if slot.get(language).is_some() && !marked {
            continue;
        }
        let text = match which {
            MediaText::Subtitles => text.trim().to_owned(),
            MediaText::Alt | MediaText::Caption => normalize(text, false),
        };
        if slot.get(language) != Some(&text) {
            slot.insert(language.clone(), text);
            changed = true;
        }
        if !marked {
            marks
                .entry(language.clone())
                .or_default()
                .insert(which.as_str().to_owned());
            changed = true;
        }
        written.push(which);
    }
    if changed {
        sqlx::query(
            "UPDATE media SET kind = $2, alt = $3, caption = $4, machine_texts = $5 WHERE id = $1",
        )
        .bind(media.get())
        .bind(to_json(&kind)?)
        .bind(to_json(&alt)?)
        .bind(to_json(&caption)?)
        .bind(to_json(&marks)?)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    }
    tx.commit().await.map_err(db)?;
    Ok(written)
}

const SELECT: &str = "SELECT id, key, kind, alt, caption, credit, rights, created_at FROM media";

pub(crate) async fn by_ids(store: &SqlStore, ids: &[MediaId]) -> Result<Vec<Media>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("{SELECT} WHERE id IN ({})", placeholders(1, ids.len()));
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(id.get());
    }
    let rows = query.fetch_all(&store.read).await.map_err(db)?;
    let found = rows.iter().map(decode).collect::<Result<Vec<_>>>()?;
    Ok(ids
        .iter()
        .filter_map(|id| found.iter().find(|m| m.id == *id).cloned())
        .collect())
}

pub(crate) async fn by_key(store: &SqlStore, key: &str) -> Result<Option<Media>> {
    let row = sqlx::query(AssertSqlSafe(format!("{SELECT} WHERE key = $1")))
        .bind(key)
        .fetch_optional(&store.read)
        .await
        .map_err(db)?;
    row.as_ref().map(decode).transpose()
}

fn decode(row: &AnyRow) -> Result<Media> {
    let kind: String = col(row, "kind")?;
    let alt: String = col(row, "alt")?;
    let caption: String = col(row, "caption")?;
    let credit: String = col(row, "credit")?;
    Ok(Media {
        id: MediaId::new(col(row, "id")?),
        key: col(row, "key")?,
        kind: from_json(&kind, "media kind")?,
        alt: from_json(&alt, "media alt text")?,
        caption: from_json(&caption, "media caption")?,
        credit: from_json(&credit, "media credit")?,
        rights: col(row, "rights")?,
        created_at: timestamp(col(row, "created_at")?)?,
    })
}
