//! Taxonomy terms — categories, topics, authors, places, tags (and the names of sources) —
//! in one `terms` table, with their names and slugs per language in `term_names`.

use std::collections::HashMap;

use herald_domain::{
    Author, AuthorId, Category, CategoryId, Language, Localized, Place, PlaceId, PlaceKind, Slug,
    Source, SourceId, Tag, TagId, TermName, Topic, TopicId,
};
use herald_store::{
    NewAuthor, NewCategory, NewPlace, NewTerm, Result, SlugMatch, StoreError, TermIds, TermKind,
    Terms,
};
use sqlx::AnyConnection;
use sqlx::AssertSqlSafe;
use sqlx::any::AnyRow;

use crate::codec::{col, from_json, language, micros, normalize, placeholders};
use crate::error::db;
use crate::slugs::{self, Owner};
use crate::sources;
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
pub(crate) async fn require_kind(
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
    let slug = set_name(
        &mut tx,
        store.engine,
        kind,
        id,
        lang,
        raw_name,
        micros(store.now()),
    )
    .await?;
    tx.commit().await.map_err(db)?;
    Ok(slug)
}

/// Gives a term its name in `lang` on `conn` (a write transaction), retiring its old slug
/// there if the new name makes another; returns its slug.
pub(crate) async fn set_name(
    conn: &mut AnyConnection,
    engine: Engine,
    kind: TermKind,
    id: i64,
    lang: &Language,
    raw_name: &str,
    now: i64,
) -> Result<Slug> {
    let current: Option<String> =
        sqlx::query_scalar("SELECT slug FROM term_names WHERE term_id = $1 AND lang = $2")
            .bind(id)
            .bind(lang.as_str())
            .fetch_optional(&mut *conn)
            .await
            .map_err(db)?;
    let current = current.map(|s| crate::codec::slug(&s)).transpose()?;
    let name = normalize(raw_name, true);
    let owner = Owner::Term {
        kind: kind.as_str(),
        id,
    };
    let base = Slug::from_title(&name, lang);
    let slug = slugs::choose(conn, engine, owner, lang, current.as_ref(), &base).await?;
    match &current {
        Some(old) => {
            if *old != slug {
                slugs::retire(conn, owner, lang, old, now).await?;
            }
            sqlx::query(
                "UPDATE term_names SET name = $3, slug = $4 WHERE term_id = $1 AND lang = $2",
            )
            .bind(id)
            .bind(lang.as_str())
            .bind(&name)
            .bind(slug.as_str())
            .execute(&mut *conn)
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
            .execute(&mut *conn)
            .await
            .map_err(db)?;
        }
    }
    slugs::reclaim(conn, owner, lang, &slug).await?;
    Ok(slug)
}

/// Takes away a term's names in the languages not in `keep`, retiring their slugs so that
/// no other term takes over their URLs.
pub(crate) async fn drop_names_except(
    conn: &mut AnyConnection,
    kind: TermKind,
    id: i64,
    keep: &[&Language],
    now: i64,
) -> Result<()> {
    let rows = sqlx::query("SELECT lang, slug FROM term_names WHERE term_id = $1")
        .bind(id)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    let owner = Owner::Term {
        kind: kind.as_str(),
        id,
    };
    for row in &rows {
        let lang = language(&col::<String>(row, "lang")?)?;
        if keep.contains(&&lang) {
            continue;
        }
        let old = crate::codec::slug(&col::<String>(row, "slug")?)?;
        slugs::retire(conn, owner, &lang, &old, now).await?;
        sqlx::query("DELETE FROM term_names WHERE term_id = $1 AND lang = $2")
            .bind(id)
            .bind(lang.as_str())
            .execute(&mut *conn)
            .await
            .map_err(db)?;
    }
    Ok(())
}

pub(crate) async fn id_by_key(store: &SqlStore, kind: TermKind, key: &str) -> Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM terms WHERE kind = $1 AND key = $2")
        .bind(kind.as_str())
        .bind(key)
        .fetch_optional(&store.read)
        .await
        .map_err(db)
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

/// Which terms a read takes.
#[derive(Clone, Copy)]
pub(crate) enum Which<'a> {
    /// Every term of a kind.
    Kind(TermKind),
    /// The term of a kind with this key.
    Key(TermKind, &'a str),
    /// Every category if asked, and the terms (of any kind) with these ids; `sources` when
    /// some of them may be sources (their `sources` rows are read too); `with_articles`: also
    /// whether each category has an article listed in these languages (every category is
    /// then read).
    Ids {
        all_categories: bool,
        ids: &'a [i64],
        sources: bool,
        with_articles: Option<&'a [&'a str]>,
    },
}

/// A term with all its names in one row, as a JSON array of `[lang, name, slug,
/// description]` (the two engines name their JSON aggregates differently), and — when
/// `sources` — a source's `sources` row.
///
/// One row per term, not per name: each row costs the `Any` driver a hand-off from SQLite's
/// worker thread and an allocation per column, which made names the bulk of a page's reads.
/// `has_articles`: an expression for the `has_articles` column (1 or 0), which may read the
/// `tree` of categories.
fn select_terms(engine: Engine, sources: bool, has_articles: Option<&str>) -> String {
    let names = match engine {
        Engine::Sqlite => "json_group_array(json_array(n.lang, n.name, n.slug, n.description))",
        Engine::Postgres => {
            "CAST(json_agg(json_build_array(n.lang, n.name, n.slug, n.description)) AS TEXT)"
        }
    };
    let (source_columns, join) = if sources {
        (
            ", s.id AS source_row, s.descriptions, s.home_url, s.feeds, s.lang AS source_lang,
             s.region, s.trust, s.licence, s.credit, s.canonical, s.poll_interval_secs,
             s.created_at",
            "LEFT JOIN sources s ON s.id = t.id",
        )
    } else {
        ("", "")
    };
    let (with, has_articles) = match has_articles {
        Some(condition) => (
            format!("WITH RECURSIVE {CATEGORY_TREE} "),
            format!(
                ", CAST(CASE WHEN t.kind = 'category' AND {condition} THEN 1 ELSE 0 END
                        AS BIGINT) AS has_articles"
            ),
        ),
        None => (String::new(), String::new()),
    };
    format!(
        "{with}SELECT t.id, t.kind, t.key, t.parent_id, t.position, t.source_id, t.place_kind,
                (SELECT {names} FROM term_names n WHERE n.term_id = t.id) AS names
                {source_columns}{has_articles}
           FROM terms t {join}"
    )
}

/// Terms read, by id, before they are sorted into kinds.
pub(crate) struct Loaded {
    rows: Vec<AnyRow>,
    terms: HashMap<i64, Gathered>,
}

/// One term read.
struct Gathered {
    kind: String,
    /// Its row (the term's and source's columns).
    row: usize,
    names: Localized<TermName>,
    /// For a category, when asked: whether it has an article listed in the languages asked.
    has_articles: bool,
}

/// A name as the `names` column holds it.
#[derive(serde::Deserialize)]
struct StoredName(String, String, String, Option<String>);

/// Reads the terms `which` names, with their names (and sources' rows), in one query.
pub(crate) async fn load(store: &SqlStore, which: Which<'_>) -> Result<Loaded> {
    let rows = match which {
        Which::Kind(kind) => {
            let select = select_terms(store.engine, kind == TermKind::Source, None);
            sqlx::query(AssertSqlSafe(format!("{select} WHERE t.kind = $1")))
                .bind(kind.as_str())
                .fetch_all(&store.read)
                .await
        }
        Which::Key(kind, key) => {
            let select = select_terms(store.engine, kind == TermKind::Source, None);
            sqlx::query(AssertSqlSafe(format!(
                "{select} WHERE t.kind = $1 AND t.key = $2"
            )))
            .bind(kind.as_str())
            .bind(key)
            .fetch_all(&store.read)
            .await
        }
        Which::Ids {
            all_categories,
            ids,
            sources,
            with_articles,
        } => {
            if ids.is_empty() && !all_categories && with_articles.is_none() {
                return Ok(Loaded {
                    rows: Vec::new(),
                    terms: HashMap::new(),
                });
            }
            // The languages first (`$1`…), then the ids.
            let languages = with_articles.unwrap_or_default();
            let params: Vec<String> = (1..=languages.len()).map(|n| format!("${n}")).collect();
            let has_articles = with_articles.map(|_| has_articles("t.id", &params));
            let mut conditions = Vec::new();
            if all_categories || with_articles.is_some() {
                conditions.push("t.kind = 'category'".to_owned());
            }
            if !ids.is_empty() {
                let list = placeholders(languages.len() + 1, ids.len());
                conditions.push(format!("t.id IN ({list})"));
            }
            let sql = format!(
                "{} WHERE {}",
                select_terms(store.engine, sources, has_articles.as_deref()),
                conditions.join(" OR ")
            );
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for language in languages {
                query = query.bind(*language);
            }
            for id in ids {
                query = query.bind(*id);
            }
            query.fetch_all(&store.read).await
        }
    }
    .map_err(db)?;
    let reads_has_articles = matches!(
        which,
        Which::Ids {
            with_articles: Some(_),
            ..
        }
    );
    let mut terms: HashMap<i64, Gathered> = HashMap::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let id: i64 = col(row, "id")?;
        let mut names = Localized::new();
        // No names: `NULL` from PostgreSQL, `[]` from SQLite.
        if let Some(stored) = col::<Option<String>>(row, "names")? {
            for StoredName(lang, name, slug, description) in
                from_json::<Vec<StoredName>>(&stored, "term names")?
            {
                names.insert(
                    language(&lang)?,
                    TermName {
                        name,
                        slug: crate::codec::slug(&slug)?,
                        description,
                    },
                );
            }
        }
        let has_articles = reads_has_articles && col::<i64>(row, "has_articles")? != 0;
        terms.insert(
            id,
            Gathered {
                kind: col(row, "kind")?,
                row: i,
                names,
                has_articles,
            },
        );
    }
    Ok(Loaded { rows, terms })
}

impl Loaded {
    /// The categories read that have an article in the languages asked, by id.
    fn categories_with_articles(&self) -> Vec<CategoryId> {
        let mut ids: Vec<CategoryId> = self
            .terms
            .iter()
            .filter(|(_, term)| term.has_articles && term.kind == TermKind::Category.as_str())
            .map(|(id, _)| CategoryId::new(*id))
            .collect();
        ids.sort_unstable();
        ids
    }

    /// The term with this id if it is of `kind`, taken out (so asked twice, it comes once).
    fn take(&mut self, id: i64, kind: TermKind) -> Result<Option<TermRow>> {
        if self
            .terms
            .get(&id)
            .is_none_or(|term| term.kind != kind.as_str())
        {
            return Ok(None);
        }
        let Some(term) = self.terms.remove(&id) else {
            return Ok(None);
        };
        let row = &self.rows[term.row];
        Ok(Some(TermRow {
            id,
            key: col(row, "key")?,
            parent: col(row, "parent_id")?,
            position: col(row, "position")?,
            source: col(row, "source_id")?,
            place_kind: col(row, "place_kind")?,
            names: term.names,
        }))
    }

    /// The terms of `kind` with these ids, in the order asked, each once.
    fn take_ids(&mut self, ids: &[i64], kind: TermKind) -> Result<Vec<TermRow>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(term) = self.take(*id, kind)? {
                out.push(term);
            }
        }
        Ok(out)
    }

    /// Every term of `kind` read, by key.
    fn take_all(&mut self, kind: TermKind) -> Result<Vec<TermRow>> {
        let mut ids: Vec<i64> = self
            .terms
            .iter()
            .filter(|(_, term)| term.kind == kind.as_str())
            .map(|(id, _)| *id)
            .collect();
        ids.sort_unstable();
        let mut all = self.take_ids(&ids, kind)?;
        all.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(all)
    }

    /// The source with this id, taken out; `None` for a term of another kind.
    pub(crate) fn take_source(&mut self, id: i64) -> Result<Option<Source>> {
        let is_source = self.terms.get(&id).is_some_and(|term| {
            term.kind == TermKind::Source.as_str()
                && col::<Option<i64>>(&self.rows[term.row], "source_row")
                    .is_ok_and(|row| row.is_some())
        });
        if !is_source {
            return Ok(None);
        }
        let Some(term) = self.terms.remove(&id) else {
            return Ok(None);
        };
        sources::decode(&self.rows[term.row], &term.names).map(Some)
    }

    /// Every source read, by key.
    pub(crate) fn take_sources(&mut self) -> Result<Vec<Source>> {
        let mut ids: Vec<i64> = self.terms.keys().copied().collect();
        ids.sort_unstable();
        let mut all = Vec::new();
        for id in ids {
            if let Some(source) = self.take_source(id)? {
                all.push(source);
            }
        }
        all.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(all)
    }
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

fn author(row: TermRow) -> Author {
    Author {
        id: AuthorId::new(row.id),
        key: row.key,
        source: row.source.map(SourceId::new),
        names: row.names,
    }
}

fn place(row: TermRow) -> Result<Place> {
    let stored = row.place_kind.unwrap_or_default();
    Ok(Place {
        id: PlaceId::new(row.id),
        kind: PlaceKind::parse(&stored)
            .ok_or_else(|| crate::error::invalid("place kind", &stored))?,
        parent: row.parent.map(PlaceId::new),
        key: row.key,
        names: row.names,
    })
}

fn tag(row: TermRow) -> Tag {
    Tag {
        id: TagId::new(row.id),
        key: row.key,
        names: row.names,
    }
}

/// Categories in navigation order: depth first, each parent, then its children by position,
/// then the next parent.
fn navigation_order(all: Vec<TermRow>) -> Result<Vec<Category>> {
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

pub(crate) async fn list_categories(store: &SqlStore) -> Result<Vec<Category>> {
    let mut loaded = load(store, Which::Kind(TermKind::Category)).await?;
    navigation_order(loaded.take_all(TermKind::Category)?)
}

fn ids<T: Copy>(ids: &[T], get: impl Fn(T) -> i64) -> Vec<i64> {
    ids.iter().map(|id| get(*id)).collect()
}

/// Every kind asked at once: one query.
pub(crate) async fn terms(store: &SqlStore, wanted: &TermIds) -> Result<Terms> {
    let sources = ids(&wanted.sources, SourceId::get);
    let topics = ids(&wanted.topics, TopicId::get);
    let authors = ids(&wanted.authors, AuthorId::get);
    let places = ids(&wanted.places, PlaceId::get);
    let tags = ids(&wanted.tags, TagId::get);
    let mut all: Vec<i64> = [&sources, &topics, &authors, &places, &tags]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    all.sort_unstable();
    all.dedup();
    let languages = wanted
        .categories_with_articles
        .as_ref()
        .map(|list| list_languages(&list.language, &list.fallbacks));
    let mut loaded = load(
        store,
        Which::Ids {
            all_categories: wanted.all_categories,
            ids: &all,
            sources: !sources.is_empty(),
            with_articles: languages.as_deref(),
        },
    )
    .await?;
    let mut found = Terms {
        categories_with_articles: loaded.categories_with_articles(),
        ..Terms::default()
    };
    for id in &sources {
        if let Some(source) = loaded.take_source(*id)? {
            found.sources.push(source);
        }
    }
    found.topics = loaded
        .take_ids(&topics, TermKind::Topic)?
        .into_iter()
        .map(topic)
        .collect();
    found.authors = loaded
        .take_ids(&authors, TermKind::Author)?
        .into_iter()
        .map(author)
        .collect();
    found.places = loaded
        .take_ids(&places, TermKind::Place)?
        .into_iter()
        .map(place)
        .collect::<Result<_>>()?;
    found.tags = loaded
        .take_ids(&tags, TermKind::Tag)?
        .into_iter()
        .map(tag)
        .collect();
    if wanted.all_categories {
        found.categories = navigation_order(loaded.take_all(TermKind::Category)?)?;
    }
    Ok(found)
}

/// Terms of one kind by id, in the order asked.
async fn by_ids(store: &SqlStore, kind: TermKind, wanted: &[i64]) -> Result<Vec<TermRow>> {
    let mut loaded = load(
        store,
        Which::Ids {
            all_categories: false,
            ids: wanted,
            sources: false,
            with_articles: None,
        },
    )
    .await?;
    loaded.take_ids(wanted, kind)
}

pub(crate) async fn topics(store: &SqlStore, wanted: &[TopicId]) -> Result<Vec<Topic>> {
    let rows = by_ids(store, TermKind::Topic, &ids(wanted, TopicId::get)).await?;
    Ok(rows.into_iter().map(topic).collect())
}

pub(crate) async fn list_topics(store: &SqlStore) -> Result<Vec<Topic>> {
    let mut loaded = load(store, Which::Kind(TermKind::Topic)).await?;
    Ok(loaded
        .take_all(TermKind::Topic)?
        .into_iter()
        .map(topic)
        .collect())
}

pub(crate) async fn list_authors(store: &SqlStore) -> Result<Vec<Author>> {
    let mut loaded = load(store, Which::Kind(TermKind::Author)).await?;
    Ok(loaded
        .take_all(TermKind::Author)?
        .into_iter()
        .map(author)
        .collect())
}

pub(crate) async fn authors(store: &SqlStore, wanted: &[AuthorId]) -> Result<Vec<Author>> {
    let rows = by_ids(store, TermKind::Author, &ids(wanted, AuthorId::get)).await?;
    Ok(rows.into_iter().map(author).collect())
}

pub(crate) async fn places(store: &SqlStore, wanted: &[PlaceId]) -> Result<Vec<Place>> {
    let rows = by_ids(store, TermKind::Place, &ids(wanted, PlaceId::get)).await?;
    rows.into_iter().map(place).collect()
}

pub(crate) async fn list_places(store: &SqlStore) -> Result<Vec<Place>> {
    let mut loaded = load(store, Which::Kind(TermKind::Place)).await?;
    loaded
        .take_all(TermKind::Place)?
        .into_iter()
        .map(place)
        .collect()
}

pub(crate) async fn tags(store: &SqlStore, wanted: &[TagId]) -> Result<Vec<Tag>> {
    let rows = by_ids(store, TermKind::Tag, &ids(wanted, TagId::get)).await?;
    Ok(rows.into_iter().map(tag).collect())
}

/// A list's languages, each once, its own first.
fn list_languages<'a>(language: &'a Language, fallbacks: &'a [Language]) -> Vec<&'a str> {
    let mut languages = vec![language.as_str()];
    for fallback in fallbacks {
        if !languages.contains(&fallback.as_str()) {
            languages.push(fallback.as_str());
        }
    }
    languages
}

/// `tree (top, id)`: each category with itself and every category below it, at any depth.
/// `UNION`, not `UNION ALL`: a cycle in stored parents ends instead of looping.
const CATEGORY_TREE: &str = "tree (top, id) AS (
        SELECT id, id FROM terms WHERE kind = 'category'
        UNION
        SELECT tree.top, t.id FROM terms t JOIN tree ON t.parent_id = tree.id
    )";

/// Whether the category `top` (an SQL expression; the statement defines [`CATEGORY_TREE`])
/// has an article listed in the languages whose placeholders are `params`, the list's own
/// first.
///
/// An article is listed when it has a published version in one of the languages, and its
/// version in the first was not withdrawn. For the category and each one below it, an
/// `EXISTS` walks that category's articles by `articles_category` and stops at the first
/// listed one, probing `versions` by primary key: a category whose articles are in the
/// language costs a probe or two, an empty one nothing. The worst case is a category with
/// many articles and none listed in the language (no fallbacks, no translations): all its
/// articles are probed. A language with no published version at all is found out first, by
/// one probe of the listing index per language (`MAX` on it), and reads nothing else.
///
/// `LIMIT 1 OFFSET 0` keeps PostgreSQL from turning the `EXISTS` into joins, which it would
/// plan from the versions' side (hashing them all, or walking the listing index until it
/// meets the category: every version of the language for an empty category); an `OFFSET`
/// keeps a subquery from being pulled up. SQLite runs them as written.
fn has_articles(top: &str, params: &[String]) -> String {
    let any_published: Vec<String> = params
        .iter()
        .map(|p| {
            format!(
                "(SELECT MAX(p.published_at) FROM versions p
                   WHERE p.lang = {p} AND p.state = 'published') IS NOT NULL"
            )
        })
        .collect();
    let published = if params.len() == 1 {
        format!("v.lang = {}", params[0])
    } else {
        format!("v.lang IN ({})", params.join(", "))
    };
    // Published in the first language itself: its version there is not withdrawn.
    let withdrawn = if params.len() == 1 {
        String::new()
    } else {
        format!(
            "AND NOT EXISTS (SELECT 1 FROM versions w
                              WHERE w.article_id = a.id AND w.lang = {}
                                AND w.state = 'withdrawn'
                              LIMIT 1 OFFSET 0)",
            params[0]
        )
    };
    format!(
        "({}) AND EXISTS (
            SELECT 1 FROM tree
             WHERE tree.top = {top}
               AND EXISTS (
                   SELECT 1 FROM articles a
                    WHERE a.category_id = tree.id
                      AND EXISTS (SELECT 1 FROM versions v
                                   WHERE v.article_id = a.id AND {published}
                                     AND v.state = 'published'
                                   LIMIT 1 OFFSET 0)
                      {withdrawn}
                    LIMIT 1 OFFSET 0)
             LIMIT 1 OFFSET 0)",
        any_published.join(" OR ")
    )
}

/// The statement of [`with_articles`] for `languages` languages (`$1`…, the list's own
/// first).
fn with_articles_sql(languages: usize) -> String {
    let params: Vec<String> = (1..=languages).map(|n| format!("${n}")).collect();
    format!(
        "WITH RECURSIVE {CATEGORY_TREE}
         SELECT t.id FROM terms t
          WHERE t.kind = 'category' AND {}
          ORDER BY t.id",
        has_articles("t.id", &params)
    )
}

/// The categories whose list in `language` (with `fallbacks`) has an article, and their
/// ancestors, by id: see [`has_articles`].
pub(crate) async fn with_articles(
    store: &SqlStore,
    lang: &Language,
    fallbacks: &[Language],
) -> Result<Vec<CategoryId>> {
    let languages = list_languages(lang, fallbacks);
    let sql = with_articles_sql(languages.len());
    let mut query = sqlx::query_scalar::<_, i64>(AssertSqlSafe(sql));
    for language in &languages {
        query = query.bind(*language);
    }
    let ids = query.fetch_all(&store.read).await.map_err(db)?;
    Ok(ids.into_iter().map(CategoryId::new).collect())
}

#[cfg(test)]
mod tests {
    use super::with_articles_sql;

    #[tokio::test]
    async fn the_sections_with_articles_are_found_from_each_sections_articles() {
        for languages in [1, 3] {
            let plan = crate::sqlite_plan(&with_articles_sql(languages)).await;
            // Each section's articles, by index, each probed by primary key…
            assert!(
                plan.iter().any(|s| s
                    == "SEARCH a USING COVERING INDEX articles_category (category_id=?)"),
                "{plan:#?}"
            );
            assert!(
                plan.iter()
                    .any(|s| s.starts_with("SEARCH v USING INDEX sqlite_autoindex_versions_1")),
                "{plan:#?}"
            );
            // …after one probe of the listing index per language; never a whole table.
            assert_eq!(
                plan.iter()
                    .filter(|s| s.starts_with("SEARCH p USING COVERING INDEX versions_listing"))
                    .count(),
                languages,
                "{plan:#?}"
            );
            assert!(
                !plan
                    .iter()
                    .any(|s| ["SCAN a", "SCAN v", "SCAN w", "SCAN p"].contains(&s.as_str())),
                "{plan:#?}"
            );
        }
    }
}
