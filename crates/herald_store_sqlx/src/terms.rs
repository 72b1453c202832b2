//! Taxonomy terms — categories, topics, authors, places, tags (and the names of sources) —
//! in one `terms` table, with their names and slugs per language in `term_names`.

use std::collections::{BTreeMap, HashMap};

use herald_domain::{
    Author, AuthorId, Category, CategoryId, Language, Localized, Place, PlaceId, PlaceKind, Slug,
    SourceId, Tag, TagId, TermName, Topic, TopicId,
};
use herald_store::{
    NewAuthor, NewCategory, NewPlace, NewTerm, Result, SlugMatch, StoreError, TermKind,
};
use sqlx::AnyConnection;
use sqlx::AssertSqlSafe;
use sqlx::any::AnyRow;

use crate::codec::{col, micros, normalize, placeholders, term_name};
use crate::error::db;
use crate::slugs::{self, Owner};
use crate::{Engine, SqlStore};

/// A `terms` row with its names.
struct TermRow {
    id: i64,
    key: String,
    parent: Option<i64>,
    position: i64,
    source: Option<i64>,
    place_kind: Option<String>,
    names: Localized<TermName>,
}

/// The columns a term is made of, before it has an id.
pub(crate) struct NewTermRow<'a> {
    pub(crate) kind: TermKind,
    pub(crate) key: &'a str,
    pub(crate) parent: Option<i64>,
    pub(crate) position: i64,
    pub(crate) source: Option<i64>,
    pub(crate) place_kind: Option<PlaceKind>,
}

/// Inserts a term row; returns its id.
pub(crate) async fn insert(
    conn: &mut AnyConnection,
    term: &NewTermRow<'_>,
    now: i64,
) -> Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO terms (kind, key, parent_id, position, source_id, place_kind, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id",
    )
    .bind(term.kind.as_str())
    .bind(term.key)
    .bind(term.parent)
    .bind(term.position)
    .bind(term.source)
    .bind(term.place_kind.map(PlaceKind::as_str))
    .bind(now)
    .fetch_one(&mut *conn)
    .await
    .map_err(db)
}

/// Stores a term's names (normalised) with unique slugs, and descriptions for the languages
/// that have a name.
pub(crate) async fn insert_names(
    conn: &mut AnyConnection,
    engine: Engine,
    kind: TermKind,
    id: i64,
    names: &Localized<String>,
    descriptions: &Localized<String>,
) -> Result<Localized<TermName>> {
    let mut out = Localized::new();
    for (lang, raw) in names.iter() {
        let name = normalize(raw, true);
        let description = descriptions
            .get(lang)
            .map(|d| normalize(d, false))
            .filter(|d| !d.is_empty());
        let owner = Owner::Term {
            kind: kind.as_str(),
            id,
        };
        let base = Slug::from_title(&name, lang);
        let slug = slugs::choose(conn, engine, owner, lang, None, &base).await?;
        sqlx::query(
            "INSERT INTO term_names (term_id, kind, lang, name, slug, description)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(kind.as_str())
        .bind(lang.as_str())
        .bind(&name)
        .bind(slug.as_str())
        .bind(description.as_deref())
        .execute(&mut *conn)
        .await
        .map_err(db)?;
        out.insert(
            lang.clone(),
            TermName {
                name,
                slug,
                description,
            },
        );
    }
    Ok(out)
}

/// Makes sure `id` is a term of `kind` (a parent category, a containing place).
async fn require_kind(
    conn: &mut AnyConnection,
    id: i64,
    kind: TermKind,
    what: &'static str,
) -> Result<()> {
    let found: Option<String> = sqlx::query_scalar("SELECT kind FROM terms WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    match found {
        Some(k) if k == kind.as_str() => Ok(()),
        _ => Err(StoreError::NotFound(what)),
    }
}

/// Inserts a whole term in one transaction.
async fn create(
    store: &SqlStore,
    row: NewTermRow<'_>,
    term: &NewTerm,
) -> Result<(i64, Localized<TermName>)> {
    let mut tx = store.begin_write().await?;
    if let Some(parent) = row.parent {
        let (kind, what) = match row.kind {
            TermKind::Place => (TermKind::Place, "parent place"),
            _ => (TermKind::Category, "parent category"),
        };
        require_kind(&mut tx, parent, kind, what).await?;
    }
    let id = insert(&mut tx, &row, micros(store.now())).await?;
    let names = insert_names(
        &mut tx,
        store.engine,
        row.kind,
        id,
        &term.names,
        &term.descriptions,
    )
    .await?;
    tx.commit().await.map_err(db)?;
    Ok((id, names))
}

fn new_row(kind: TermKind, term: &NewTerm) -> NewTermRow<'_> {
    NewTermRow {
        kind,
        key: &term.key,
        parent: None,
        position: 0,
        source: None,
        place_kind: None,
    }
}

pub(crate) async fn create_category(store: &SqlStore, category: &NewCategory) -> Result<Category> {
    let row = NewTermRow {
        parent: category.parent.map(CategoryId::get),
        position: i64::from(category.position),
        ..new_row(TermKind::Category, &category.term)
    };
    let (id, names) = create(store, row, &category.term).await?;
    Ok(Category {
        id: CategoryId::new(id),
        key: category.term.key.clone(),
        parent: category.parent,
        position: category.position,
        names,
    })
}

pub(crate) async fn create_topic(store: &SqlStore, topic: &NewTerm) -> Result<Topic> {
    let (id, names) = create(store, new_row(TermKind::Topic, topic), topic).await?;
    Ok(Topic {
        id: TopicId::new(id),
        key: topic.key.clone(),
        names,
    })
}

pub(crate) async fn create_author(store: &SqlStore, author: &NewAuthor) -> Result<Author> {
    let row = NewTermRow {
        source: author.source.map(SourceId::get),
        ..new_row(TermKind::Author, &author.term)
    };
    let (id, names) = create(store, row, &author.term).await?;
    Ok(Author {
        id: AuthorId::new(id),
        key: author.term.key.clone(),
        source: author.source,
        names,
    })
}

pub(crate) async fn create_place(store: &SqlStore, place: &NewPlace) -> Result<Place> {
    let row = NewTermRow {
        parent: place.parent.map(PlaceId::get),
        place_kind: Some(place.kind),
        ..new_row(TermKind::Place, &place.term)
    };
    let (id, names) = create(store, row, &place.term).await?;
    Ok(Place {
        id: PlaceId::new(id),
        key: place.term.key.clone(),
        kind: place.kind,
        parent: place.parent,
        names,
    })
}

pub(crate) async fn create_tag(store: &SqlStore, tag: &NewTerm) -> Result<Tag> {
    let (id, names) = create(store, new_row(TermKind::Tag, tag), tag).await?;
    Ok(Tag {
        id: TagId::new(id),
        key: tag.key.clone(),
        names,
    })
}

pub(crate) async fn rename(
    store: &SqlStore,
    kind: TermKind,
    id: i64,
    lang: &Language,
    raw_name: &str,
) -> Result<Slug> {
    let mut tx = store.begin_write().await?;
    require_kind(&mut tx, id, kind, "term").await?;
    let current: Option<String> =
        sqlx::query_scalar("SELECT slug FROM term_names WHERE term_id = $1 AND lang = $2")
            .bind(id)
            .bind(lang.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(db)?;
    let current = current.map(|s| crate::codec::slug(&s)).transpose()?;
    let name = normalize(raw_name, true);
    let owner = Owner::Term {
        kind: kind.as_str(),
        id,
    };
    let base = Slug::from_title(&name, lang);
    let slug = slugs::choose(&mut tx, store.engine, owner, lang, current.as_ref(), &base).await?;
    let now = micros(store.now());
    match &current {
        Some(old) => {
            if *old != slug {
                slugs::retire(&mut tx, owner, lang, old, now).await?;
            }
            sqlx::query(
                "UPDATE term_names SET name = $3, slug = $4 WHERE term_id = $1 AND lang = $2",
            )
            .bind(id)
            .bind(lang.as_str())
            .bind(&name)
            .bind(slug.as_str())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        }
        None => {
            sqlx::query(
                "INSERT INTO term_names (term_id, kind, lang, name, slug)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(kind.as_str())
            .bind(lang.as_str())
            .bind(&name)
            .bind(slug.as_str())
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        }
    }
    slugs::reclaim(&mut tx, owner, lang, &slug).await?;
    tx.commit().await.map_err(db)?;
    Ok(slug)
}

pub(crate) async fn find_by_slug(
    store: &SqlStore,
    kind: TermKind,
    lang: &Language,
    slug: &str,
) -> Result<Option<SlugMatch<i64>>> {
    let current: Option<i64> = sqlx::query_scalar(
        "SELECT term_id FROM term_names WHERE kind = $1 AND lang = $2 AND slug = $3",
    )
    .bind(kind.as_str())
    .bind(lang.as_str())
    .bind(slug)
    .fetch_optional(&store.read)
    .await
    .map_err(db)?;
    if let Some(value) = current {
        return Ok(Some(SlugMatch {
            value,
            current: true,
        }));
    }
    let old: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT term_id FROM slug_history WHERE kind = $1 AND lang = $2 AND slug = $3",
    )
    .bind(kind.as_str())
    .bind(lang.as_str())
    .bind(slug)
    .fetch_optional(&store.read)
    .await
    .map_err(db)?;
    Ok(old.flatten().map(|value| SlugMatch {
        value,
        current: false,
    }))
}

/// Names of the terms whose ids are listed, or of every term of `kind`.
pub(crate) async fn names(
    conn: &mut AnyConnection,
    kind: TermKind,
    ids: Option<&[i64]>,
) -> Result<HashMap<i64, Localized<TermName>>> {
    let rows = match ids {
        Some(ids) => {
            let sql = format!(
                "SELECT term_id, lang, name, slug, description FROM term_names
                  WHERE term_id IN ({})",
                placeholders(1, ids.len())
            );
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for id in ids {
                query = query.bind(*id);
            }
            query.fetch_all(&mut *conn).await
        }
        None => {
            sqlx::query(
                "SELECT term_id, lang, name, slug, description FROM term_names WHERE kind = $1",
            )
            .bind(kind.as_str())
            .fetch_all(&mut *conn)
            .await
        }
    }
    .map_err(db)?;
    let mut out: HashMap<i64, Localized<TermName>> = HashMap::new();
    for row in &rows {
        let (term, lang, name) = term_name(row)?;
        out.entry(term).or_default().insert(lang, name);
    }
    Ok(out)
}

/// Terms of `kind`: those with the listed ids in the order asked (unknown ids skipped), or
/// all of them.
async fn load(store: &SqlStore, kind: TermKind, ids: Option<&[i64]>) -> Result<Vec<TermRow>> {
    if ids.is_some_and(<[i64]>::is_empty) {
        return Ok(Vec::new());
    }
    let mut conn = store.read.acquire().await.map_err(db)?;
    let rows: Vec<AnyRow> = match ids {
        Some(ids) => {
            let sql = format!(
                "SELECT id, key, parent_id, position, source_id, place_kind FROM terms
                  WHERE kind = $1 AND id IN ({})",
                placeholders(2, ids.len())
            );
            let mut query = sqlx::query(AssertSqlSafe(sql)).bind(kind.as_str());
            for id in ids {
                query = query.bind(*id);
            }
            query.fetch_all(&mut *conn).await
        }
        None => {
            sqlx::query(
                "SELECT id, key, parent_id, position, source_id, place_kind FROM terms
                  WHERE kind = $1",
            )
            .bind(kind.as_str())
            .fetch_all(&mut *conn)
            .await
        }
    }
    .map_err(db)?;
    let mut names = names(&mut conn, kind, ids).await?;
    let mut terms = BTreeMap::new();
    for row in &rows {
        let id: i64 = col(row, "id")?;
        terms.insert(
            id,
            TermRow {
                id,
                key: col(row, "key")?,
                parent: col(row, "parent_id")?,
                position: col(row, "position")?,
                source: col(row, "source_id")?,
                place_kind: col(row, "place_kind")?,
                names: names.remove(&id).unwrap_or_default(),
            },
        );
    }
    Ok(match ids {
        Some(ids) => ids.iter().filter_map(|id| terms.remove(id)).collect(),
        None => {
            let mut all: Vec<TermRow> = terms.into_values().collect();
            all.sort_by(|a, b| a.key.cmp(&b.key));
            all
        }
    })
}

fn position(value: i64) -> Result<i32> {
    i32::try_from(value).map_err(|_| crate::error::invalid("position", value))
}

fn category(row: TermRow) -> Result<Category> {
    Ok(Category {
        id: CategoryId::new(row.id),
        position: position(row.position)?,
        parent: row.parent.map(CategoryId::new),
        key: row.key,
        names: row.names,
    })
}

fn topic(row: TermRow) -> Topic {
    Topic {
        id: TopicId::new(row.id),
        key: row.key,
        names: row.names,
    }
}

pub(crate) async fn list_categories(store: &SqlStore) -> Result<Vec<Category>> {
    let all = load(store, TermKind::Category, None).await?;
    // Depth first: each parent, then its children by position, then the next parent.
    let mut children: HashMap<Option<i64>, Vec<TermRow>> = HashMap::new();
    for row in all {
        children.entry(row.parent).or_default().push(row);
    }
    for siblings in children.values_mut() {
        siblings.sort_by_key(|r| std::cmp::Reverse((r.position, r.id)));
    }
    let mut out = Vec::new();
    let mut stack = children.remove(&None).unwrap_or_default();
    while let Some(row) = stack.pop() {
        if let Some(kids) = children.remove(&Some(row.id)) {
            stack.extend(kids);
        }
        out.push(category(row)?);
    }
    Ok(out)
}

fn ids<T: Copy>(ids: &[T], get: impl Fn(T) -> i64) -> Vec<i64> {
    ids.iter().map(|id| get(*id)).collect()
}

pub(crate) async fn topics(store: &SqlStore, wanted: &[TopicId]) -> Result<Vec<Topic>> {
    let rows = load(store, TermKind::Topic, Some(&ids(wanted, TopicId::get))).await?;
    Ok(rows.into_iter().map(topic).collect())
}

pub(crate) async fn list_topics(store: &SqlStore) -> Result<Vec<Topic>> {
    let rows = load(store, TermKind::Topic, None).await?;
    Ok(rows.into_iter().map(topic).collect())
}

pub(crate) async fn authors(store: &SqlStore, wanted: &[AuthorId]) -> Result<Vec<Author>> {
    let rows = load(store, TermKind::Author, Some(&ids(wanted, AuthorId::get))).await?;
    Ok(rows
        .into_iter()
        .map(|row| Author {
            id: AuthorId::new(row.id),
            key: row.key,
            source: row.source.map(SourceId::new),
            names: row.names,
        })
        .collect())
}

pub(crate) async fn places(store: &SqlStore, wanted: &[PlaceId]) -> Result<Vec<Place>> {
    let rows = load(store, TermKind::Place, Some(&ids(wanted, PlaceId::get))).await?;
    rows.into_iter()
        .map(|row| {
            let stored = row.place_kind.unwrap_or_default();
            Ok(Place {
                id: PlaceId::new(row.id),
                kind: PlaceKind::parse(&stored)
                    .ok_or_else(|| crate::error::invalid("place kind", &stored))?,
                parent: row.parent.map(PlaceId::new),
                key: row.key,
                names: row.names,
            })
        })
        .collect()
}

pub(crate) async fn tags(store: &SqlStore, wanted: &[TagId]) -> Result<Vec<Tag>> {
    let rows = load(store, TermKind::Tag, Some(&ids(wanted, TagId::get))).await?;
    Ok(rows
        .into_iter()
        .map(|row| Tag {
            id: TagId::new(row.id),
            key: row.key,
            names: row.names,
        })
        .collect())
}
