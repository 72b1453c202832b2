//! Versions: an article in one language, its slug (unique per language, old ones kept for
//! redirects), the rule that machine output never replaces a person's work, and the listing
//! of published versions that every section page, feed and home page reads.

use herald_domain::{
    ArticleId, AuthorId, CategoryId, EditorialState, Language, MediaId, Origin, PlaceId,
    Provenance, Slug, SourceId, TagId, TopicId, Version,
};
use herald_store::{
    ArticleCard, ArticleFilter, PageRequest, Paged, Result, SaveOutcome, StoreError, VersionDraft,
};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, AssertSqlSafe};

use crate::codec::{col, from_json, language, micros, normalize, slug, timestamp, to_json};
use crate::error::{db, invalid};
use crate::slugs::{self, Owner};
use crate::{Engine, SqlStore};

/// A version to write, before normalisation and slug.
pub(crate) struct VersionRow<'a> {
    pub(crate) article: i64,
    pub(crate) language: &'a Language,
    pub(crate) title: &'a str,
    pub(crate) lead: &'a str,
    pub(crate) body: &'a str,
    pub(crate) origin: Origin,
    pub(crate) provenance: Option<&'a Provenance>,
    pub(crate) state: EditorialState,
    /// The article's first publication, copied for the listing index.
    pub(crate) published_at: i64,
    pub(crate) updated_at: i64,
}

/// Inserts a version, or replaces the one whose current slug is `existing`; returns its slug.
pub(crate) async fn write(
    conn: &mut AnyConnection,
    engine: Engine,
    row: &VersionRow<'_>,
    existing: Option<&Slug>,
) -> Result<Slug> {
    let title = normalize(row.title, true);
    let lead = normalize(row.lead, false);
    let body = normalize(row.body, false);
    let owner = Owner::Version {
        article: row.article,
    };
    let base = Slug::from_title(&title, row.language);
    let slug = slugs::choose(conn, engine, owner, row.language, existing, &base).await?;
    let provenance = row.provenance.map(to_json).transpose()?;
    // Copied out of the provenance so that the queries of what to translate compare columns
    // rather than parse JSON, which the two engines do differently.
    let from_revision = row.provenance.map(|p| i64::from(p.from_revision));
    let qa_flag_count = row
        .provenance
        .map_or(0, |p| i64::try_from(p.qa_flags.len()).unwrap_or(i64::MAX));
    let sql = if existing.is_some() {
        "UPDATE versions
            SET title = $3, lead = $4, body = $5, slug = $6, origin = $7, provenance = $8,
                state = $9, published_at = $10, updated_at = $11, from_revision = $12,
                qa_flag_count = $13
          WHERE article_id = $1 AND lang = $2"
    } else {
        "INSERT INTO versions (article_id, lang, title, lead, body, slug, origin, provenance,
                               state, published_at, updated_at, from_revision, qa_flag_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    };
    if let Some(old) = existing.filter(|old| **old != slug) {
        slugs::retire(conn, owner, row.language, old, row.updated_at).await?;
    }
    slugs::reclaim(conn, owner, row.language, &slug).await?;
    sqlx::query(sql)
        .bind(row.article)
        .bind(row.language.as_str())
        .bind(&title)
        .bind(&lead)
        .bind(&body)
        .bind(slug.as_str())
        .bind(row.origin.as_str())
        .bind(provenance)
        .bind(row.state.as_str())
        .bind(row.published_at)
        .bind(row.updated_at)
        .bind(from_revision)
        .bind(qa_flag_count)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(slug)
}

pub(crate) async fn save(store: &SqlStore, draft: &VersionDraft) -> Result<SaveOutcome> {
    let mut tx = store.begin_write().await?;
    let article = sqlx::query("SELECT published_at, source_lang FROM articles WHERE id = $1")
        .bind(draft.article.get())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound("article"))?;
    let published_at: i64 = col(&article, "published_at")?;
    let is_original = col::<String>(&article, "source_lang")? == draft.language.as_str();
    let existing = sqlx::query(
        "SELECT origin, slug, title, lead, body FROM versions WHERE article_id = $1 AND lang = $2",
    )
    .bind(draft.article.get())
    .bind(draft.language.as_str())
    .fetch_optional(&mut *tx)
    .await
    .map_err(db)?;
    let current = match &existing {
        Some(row) => {
            let stored: String = col(row, "origin")?;
            let origin = Origin::parse(&stored).ok_or_else(|| invalid("origin", &stored))?;
            if !origin.may_be_replaced_by(draft.origin) {
                // Nothing written: the transaction rolls back when dropped.
                return Ok(SaveOutcome::KeptHumanWork { existing: origin });
            }
            Some(slug(&col::<String>(row, "slug")?)?)
        }
        None => None,
    };
    let row = VersionRow {
        article: draft.article.get(),
        language: &draft.language,
        title: &draft.title,
        lead: &draft.lead,
        body: &draft.body,
        origin: draft.origin,
        provenance: draft.provenance.as_ref(),
        state: draft.state,
        published_at,
        updated_at: micros(store.now()),
    };
    if is_original && let Some(stored) = &existing {
        // A corrected original: translations made from the text it replaces are now stale.
        let changed = col::<String>(stored, "title")? != normalize(row.title, true)
            || col::<String>(stored, "lead")? != normalize(row.lead, false)
            || col::<String>(stored, "body")? != normalize(row.body, false);
        if changed {
            sqlx::query("UPDATE articles SET revision = revision + 1 WHERE id = $1")
                .bind(row.article)
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        }
    }
    let slug = write(&mut tx, store.engine, &row, current.as_ref()).await?;
    tx.commit().await.map_err(db)?;
    Ok(SaveOutcome::Saved { slug })
}

const SELECT: &str = "SELECT article_id, lang, title, lead, body, slug, origin, provenance,
        state, updated_at
   FROM versions";

pub(crate) async fn one(
    store: &SqlStore,
    article: ArticleId,
    lang: &Language,
) -> Result<Option<Version>> {
    let row = sqlx::query(AssertSqlSafe(format!(
        "{SELECT} WHERE article_id = $1 AND lang = $2"
    )))
    .bind(article.get())
    .bind(lang.as_str())
    .fetch_optional(&store.read)
    .await
    .map_err(db)?;
    row.as_ref().map(decode).transpose()
}

pub(crate) async fn of_article(store: &SqlStore, article: ArticleId) -> Result<Vec<Version>> {
    let rows = sqlx::query(AssertSqlSafe(format!("{SELECT} WHERE article_id = $1")))
        .bind(article.get())
        .fetch_all(&store.read)
        .await
        .map_err(db)?;
    let mut versions = rows.iter().map(decode).collect::<Result<Vec<_>>>()?;
    versions.sort_by(|a, b| a.language.cmp(&b.language));
    Ok(versions)
}

/// A version from a row of its columns (`article_id`, `lang`, … `updated_at`).
pub(crate) fn decode(row: &AnyRow) -> Result<Version> {
    let origin: String = col(row, "origin")?;
    let state: String = col(row, "state")?;
    let provenance: Option<String> = col(row, "provenance")?;
    Ok(Version {
        article: ArticleId::new(col(row, "article_id")?),
        language: language(&col::<String>(row, "lang")?)?,
        title: col(row, "title")?,
        lead: col(row, "lead")?,
        body: col(row, "body")?,
        slug: slug(&col::<String>(row, "slug")?)?,
        origin: Origin::parse(&origin).ok_or_else(|| invalid("origin", &origin))?,
        provenance: provenance
            .map(|p| from_json(&p, "provenance"))
            .transpose()?,
        state: EditorialState::parse(&state).ok_or_else(|| invalid("editorial state", &state))?,
        updated_at: timestamp(col(row, "updated_at")?)?,
    })
}

/// A value for a placeholder.
#[derive(Clone, Copy)]
enum Value<'a> {
    Text(&'a str),
    Int(i64),
}

/// The values of a statement's placeholders, numbered `$1`, `$2`… as they are added.
#[derive(Default)]
struct Binds<'a> {
    values: Vec<Value<'a>>,
}

impl<'a> Binds<'a> {
    fn push(&mut self, value: Value<'a>) -> String {
        self.values.push(value);
        format!("${}", self.values.len())
    }

    fn text(&mut self, value: &'a str) -> String {
        self.push(Value::Text(value))
    }

    fn int(&mut self, value: i64) -> String {
        self.push(Value::Int(value))
    }

    /// The statement with every value bound.
    fn query<'q>(&self, sql: String) -> Query<'q, Any, AnyArguments> {
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for value in &self.values {
            query = match *value {
                Value::Text(text) => query.bind(text),
                Value::Int(number) => query.bind(number),
            };
        }
        query
    }
}

/// One list's conditions, its placeholders taken from a statement's [`Binds`].
struct Listing {
    /// Common table expressions the conditions read (`subtreeN` for the category filter),
    /// each `name (…) AS (…)`.
    ctes: Vec<String>,
    /// Whether the filters read `articles` (as `a`).
    reads_articles: bool,
    /// The conditions besides language and state, each starting ` AND `.
    filters: String,
    /// Placeholders of the language, then of each fallback language once, in order.
    languages: Vec<String>,
}

const JOIN_ARTICLES: &str = "JOIN articles a ON a.id = v.article_id";

/// The columns of a card.
const CARD_COLUMNS: &str =
    "v.article_id, v.lang, v.title, v.lead, v.slug, v.origin, v.published_at,
        a.category_id, a.place_id, a.lead_image_id, a.source_id, a.featured";

/// The conditions of `filter`; `n` names its common table expressions apart from other
/// lists' in the same statement.
fn listing<'a>(filter: &'a ArticleFilter, n: usize, binds: &mut Binds<'a>) -> Listing {
    let mut languages = vec![filter.language.as_str()];
    for fallback in &filter.fallbacks {
        if !languages.contains(&fallback.as_str()) {
            languages.push(fallback.as_str());
        }
    }
    let languages = languages.into_iter().map(|l| binds.text(l)).collect();
    let mut ctes = Vec::new();
    let mut reads_articles = false;
    let mut filters = String::new();
    if let Some(category) = filter.category {
        reads_articles = true;
        let p = binds.int(category.get());
        ctes.push(format!(
            "subtree{n} (id) AS (
                 SELECT CAST({p} AS BIGINT)
                 UNION
                 SELECT t.id FROM terms t JOIN subtree{n} s ON t.parent_id = s.id
             )"
        ));
        filters.push_str(&format!(
            " AND a.category_id IN (SELECT id FROM subtree{n})"
        ));
    }
    let links = [
        ("article_topics", "topic_id", filter.topic.map(TopicId::get)),
        ("article_tags", "tag_id", filter.tag.map(TagId::get)),
        (
            "article_authors",
            "author_id",
            filter.author.map(AuthorId::get),
        ),
    ];
    for (table, column, value) in links {
        if let Some(value) = value {
            let p = binds.int(value);
            filters.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM {table} l
                               WHERE l.article_id = v.article_id AND l.{column} = {p})"
            ));
        }
    }
    let columns = [
        ("a.place_id", filter.place.map(PlaceId::get)),
        ("a.source_id", filter.source.map(SourceId::get)),
        ("a.featured", filter.featured.map(i64::from)),
    ];
    for (column, value) in columns {
        if let Some(value) = value {
            reads_articles = true;
            let p = binds.int(value);
            filters.push_str(&format!(" AND {column} = {p}"));
        }
    }
    if filter.has_video {
        filters.push_str(
            " AND EXISTS (SELECT 1 FROM article_media l JOIN media m ON m.id = l.media_id
                          WHERE l.article_id = v.article_id AND m.media_type = 'video')",
        );
    }
    // On the versions' copy of the publication time, which the listing index orders by.
    if let Some(since) = filter.published_since {
        let p = binds.int(micros(since));
        filters.push_str(&format!(" AND v.published_at >= {p}"));
    }
    if let Some(until) = filter.published_until {
        let p = binds.int(micros(until));
        filters.push_str(&format!(" AND v.published_at <= {p}"));
    }
    if let Some(after) = filter.after {
        // A row value, which both engines compare in order and use as a range of the
        // listing index.
        let at = binds.int(micros(after.published_at));
        let id = binds.int(after.id.get());
        filters.push_str(&format!(
            " AND (v.published_at, v.article_id) < ({at}, {id})"
        ));
    }
    if !filter.exclude.is_empty() {
        let list: Vec<String> = filter
            .exclude
            .iter()
            .map(|id| binds.int(id.get()))
            .collect();
        filters.push_str(&format!(" AND v.article_id NOT IN ({})", list.join(", ")));
    }
    Listing {
        ctes,
        reads_articles,
        filters,
        languages,
    }
}

/// When a published version in the `n`-th language (`languages[n]`, from 1) is listed: the
/// article has no published version in a language before it, and its version in the first
/// language was not withdrawn (its page there is gone, not shown in another language). So
/// each article appears once, in the best language it has. This is the `NOT EXISTS` for the
/// version `v`, whose language and state the caller checks.
///
/// `probe`: the check is made row by row, by primary key, as the caller's scan goes — what a
/// page, which stops after a few rows, wants. `LIMIT 1 OFFSET 0` says so to PostgreSQL, which
/// otherwise turns `NOT EXISTS` into an anti-join and may hash every version of the first
/// language before returning the first row (it cannot know that the scan it feeds stops
/// early); an `OFFSET` keeps a subquery from being pulled up. SQLite probes row by row
/// anyway. Counts, which read every candidate, leave the choice to the planner.
fn no_better_version(languages: &[String], n: usize, probe: bool) -> String {
    let first = &languages[0];
    let better = &languages[1..n];
    let better_fallback = if better.is_empty() {
        String::new()
    } else {
        format!(
            " OR (w.lang IN ({}) AND w.state = 'published')",
            better.join(", ")
        )
    };
    let fence = if probe { " LIMIT 1 OFFSET 0" } else { "" };
    format!(
        "NOT EXISTS (SELECT 1 FROM versions w
             WHERE w.article_id = v.article_id
               AND ((w.lang = {first} AND w.state IN ('published', 'withdrawn')){better_fallback}){fence})"
    )
}

/// One list's page as a `SELECT` of `extra` and the card columns, newest first; its common
/// table expressions are added to `ctes`. `n` names them apart from other lists'.
///
/// Without fallbacks, it reads the listing index `versions_listing (lang, state,
/// published_at, article_id)` backwards and stops after the page.
///
/// With fallbacks, `first{n}` reads the language's versions the same way, stopping after the
/// `offset + size` rows the page could need; then each fallback language's versions are read
/// backwards too, but only down to the oldest of those rows (when there are that many): a
/// version older than it has `offset + size` rows before it and cannot be on the page. So a
/// language with every article translated reads about one page of each fallback, not all of
/// it; one with few translations reads its fallbacks until they fill the page. The rows are
/// merged, and the page's cards read by primary key.
fn page_select<'a>(
    filter: &'a ArticleFilter,
    n: usize,
    extra: &str,
    page: PageRequest,
    binds: &mut Binds<'a>,
    ctes: &mut Vec<String>,
) -> String {
    let Listing {
        ctes: own,
        reads_articles,
        filters,
        languages,
    } = listing(filter, n, binds);
    ctes.extend(own);
    let offset = i64::try_from(page.offset()).unwrap_or(i64::MAX);
    let size = i64::from(page.size);
    let order = "ORDER BY v.published_at DESC, v.article_id DESC";
    if languages.len() == 1 {
        return format!(
            "SELECT {extra}{CARD_COLUMNS}
               FROM versions v {JOIN_ARTICLES}
              WHERE v.lang = {} AND v.state = 'published'{filters}
              {order}
              LIMIT {size} OFFSET {offset}",
            languages[0]
        );
    }
    let join = if reads_articles { JOIN_ARTICLES } else { "" };
    // How far each language's read may have to go: past the pages before, and this one.
    let reach = offset.saturating_add(size).max(1);
    ctes.push(format!(
        "first{n} AS (SELECT v.article_id, v.lang, v.published_at
                        FROM versions v {join}
                       WHERE v.lang = {} AND v.state = 'published'{filters}
                       {order}
                       LIMIT {reach})",
        languages[0]
    ));
    // Without `reach` rows in the language, no bound: the smallest time there is (less one,
    // so that PostgreSQL reads the literal as a BIGINT).
    let oldest = reach - 1;
    let no_bound = i64::MIN + 1;
    let bound = format!(
        "COALESCE((SELECT f.published_at FROM first{n} f
                    ORDER BY f.published_at DESC, f.article_id DESC
                    LIMIT 1 OFFSET {oldest}), {no_bound})"
    );
    let mut branches = vec![format!("SELECT * FROM first{n}")];
    // The list's own filters before the search for a better version: most rows of a
    // fallback language in the window fail the filters (another topic, another section), and
    // are then dropped without that second probe.
    for i in 1..languages.len() {
        branches.push(format!(
            "SELECT * FROM (SELECT v.article_id, v.lang, v.published_at
                              FROM versions v {join}
                             WHERE v.lang = {} AND v.state = 'published'
                               AND v.published_at >= {bound}{filters}
                               AND {}
                             {order}
                             LIMIT {reach}) AS b{n}_{i}",
            languages[i],
            no_better_version(&languages, i, true)
        ));
    }
    format!(
        "SELECT {extra}{CARD_COLUMNS}
           FROM ({}) AS p
           JOIN versions v ON v.article_id = p.article_id AND v.lang = p.lang
           {JOIN_ARTICLES}
          ORDER BY p.published_at DESC, p.article_id DESC
          LIMIT {size} OFFSET {offset}",
        branches.join(" UNION ALL ")
    )
}

/// `WITH RECURSIVE …` for these common table expressions, or nothing.
fn with(ctes: &[String]) -> String {
    if ctes.is_empty() {
        String::new()
    } else {
        format!("WITH RECURSIVE {} ", ctes.join(", "))
    }
}

/// The number of articles in a list: with fallbacks, each candidate version is checked
/// against the primary key for a better one.
fn count_sql<'a>(filter: &'a ArticleFilter, binds: &mut Binds<'a>) -> String {
    let Listing {
        ctes,
        reads_articles,
        filters,
        languages,
    } = listing(filter, 0, binds);
    let join = if reads_articles { JOIN_ARTICLES } else { "" };
    let with = with(&ctes);
    if languages.len() == 1 {
        return format!(
            "{with}SELECT COUNT(*) AS n FROM versions v {join}
              WHERE v.lang = {} AND v.state = 'published'{filters}",
            languages[0]
        );
    }
    let any: Vec<String> = std::iter::once(format!(
        "(v.lang = {} AND v.state = 'published')",
        languages[0]
    ))
    .chain((1..languages.len()).map(|i| {
        format!(
            "(v.lang = {} AND v.state = 'published' AND {})",
            languages[i],
            no_better_version(&languages, i, false)
        )
    }))
    .collect();
    format!(
        "{with}SELECT COUNT(*) AS n FROM versions v {join}
          WHERE ({}){filters}",
        any.join(" OR ")
    )
}

/// Published versions in a language (or, for articles with none there, in the first fallback
/// language they have), newest first: one page and the count of the whole list.
pub(crate) async fn list_published(
    store: &SqlStore,
    filter: &ArticleFilter,
    page: PageRequest,
) -> Result<Paged<ArticleCard>> {
    let mut conn = store.read.acquire().await.map_err(db)?;
    let items = if page.size == 0 {
        Vec::new()
    } else {
        let mut binds = Binds::default();
        let mut ctes = Vec::new();
        let select = page_select(filter, 0, "", page, &mut binds, &mut ctes);
        let rows = binds
            .query(format!("{}{select}", with(&ctes)))
            .fetch_all(&mut *conn)
            .await
            .map_err(db)?;
        rows.iter().map(card).collect::<Result<_>>()?
    };
    let mut binds = Binds::default();
    let sql = count_sql(filter, &mut binds);
    let row = binds.query(sql).fetch_one(&mut *conn).await.map_err(db)?;
    let total: i64 = col(&row, "n")?;
    Ok(Paged {
        items,
        total: u64::try_from(total).unwrap_or(0),
        page,
    })
}

/// The statement of [`list_cards`]: each list's page (as [`page_select`] makes it, tagged with
/// its number as `list_no`) joined by `UNION ALL`.
fn cards_sql<'a>(lists: &'a [ArticleFilter], limit: u32, binds: &mut Binds<'a>) -> String {
    let mut ctes = Vec::new();
    let selects: Vec<String> = lists
        .iter()
        .enumerate()
        .map(|(n, filter)| {
            let select = page_select(
                filter,
                n,
                &format!("CAST({n} AS BIGINT) AS list_no, "),
                PageRequest::first(limit),
                binds,
                &mut ctes,
            );
            format!("SELECT * FROM ({select}) AS l{n}")
        })
        .collect();
    format!(
        "{}{}
         ORDER BY list_no, published_at DESC, article_id DESC",
        with(&ctes),
        selects.join(" UNION ALL ")
    )
}

/// The first `limit` cards of each list, in one statement.
pub(crate) async fn list_cards(
    store: &SqlStore,
    lists: &[ArticleFilter],
    limit: u32,
) -> Result<Vec<Vec<ArticleCard>>> {
    let mut found: Vec<Vec<ArticleCard>> = vec![Vec::new(); lists.len()];
    if lists.is_empty() || limit == 0 {
        return Ok(found);
    }
    let mut binds = Binds::default();
    let sql = cards_sql(lists, limit, &mut binds);
    let rows = binds.query(sql).fetch_all(&store.read).await.map_err(db)?;
    for row in &rows {
        let n: i64 = col(row, "list_no")?;
        let list = usize::try_from(n)
            .ok()
            .and_then(|n| found.get_mut(n))
            .ok_or_else(|| invalid("list number", n))?;
        list.push(card(row)?);
    }
    Ok(found)
}

fn card(row: &AnyRow) -> Result<ArticleCard> {
    let origin: String = col(row, "origin")?;
    Ok(ArticleCard {
        id: ArticleId::new(col(row, "article_id")?),
        language: language(&col::<String>(row, "lang")?)?,
        title: col(row, "title")?,
        lead: col(row, "lead")?,
        slug: slug(&col::<String>(row, "slug")?)?,
        origin: Origin::parse(&origin).ok_or_else(|| invalid("origin", &origin))?,
        category: CategoryId::new(col(row, "category_id")?),
        place: col::<Option<i64>>(row, "place_id")?.map(PlaceId::new),
        lead_image: col::<Option<i64>>(row, "lead_image_id")?.map(MediaId::new),
        source: SourceId::new(col(row, "source_id")?),
        featured: col::<i64>(row, "featured")? != 0,
        published_at: timestamp(col(row, "published_at")?)?,
    })
}

#[cfg(test)]
mod tests {
    use herald_domain::{ArticleId, CategoryId, Language};
    use herald_store::ArticleFilter;

    use super::{Binds, cards_sql};

    fn lang(tag: &str) -> Language {
        Language::parse(tag).unwrap()
    }

    /// SQLite's plan for the first cards of `lists`, as `list_cards` asks for them.
    async fn plan(lists: &[ArticleFilter]) -> Vec<String> {
        crate::sqlite_plan(&cards_sql(lists, 4, &mut Binds::default())).await
    }

    /// The steps that read a whole table: `SCAN v` (not `SEARCH v USING INDEX …`), for the
    /// aliases of `versions` and `articles`.
    fn full_scans(plan: &[String]) -> Vec<&String> {
        plan.iter()
            .filter(|step| ["SCAN v", "SCAN w", "SCAN a"].contains(&step.as_str()))
            .collect()
    }

    fn in_section() -> ArticleFilter {
        ArticleFilter {
            category: Some(CategoryId::new(1)),
            exclude: vec![ArticleId::new(9)],
            ..ArticleFilter::in_language(lang("en"))
        }
    }

    #[tokio::test]
    async fn a_list_reads_the_listing_index_in_order_and_stops_after_the_page() {
        let plan = plan(&[in_section()]).await;
        assert!(
            plan.iter()
                .any(|s| s.contains("USING INDEX versions_listing (lang=? AND state=?)")),
            "{plan:#?}"
        );
        assert!(full_scans(&plan).is_empty(), "{plan:#?}");
        // The index gives the order, so the read stops after the page: the only sort is of
        // the cards read, lists merged.
        assert_eq!(
            plan.iter()
                .filter(|s| s.starts_with("USE TEMP B-TREE FOR ORDER BY"))
                .count(),
            1,
            "{plan:#?}"
        );
    }

    #[tokio::test]
    async fn a_list_with_fallbacks_reads_each_fallback_only_as_far_back_as_its_page() {
        let filter = ArticleFilter {
            fallbacks: vec![lang("vi"), lang("fa")],
            ..in_section()
        };
        let plan = plan(&[filter]).await;
        // The language's own versions, from the listing index…
        assert!(
            plan.iter().any(|s| s
                == "SEARCH v USING COVERING INDEX versions_listing (lang=? AND state=?)"),
            "{plan:#?}"
        );
        // …and each fallback's, bounded by the oldest of the rows the page could need.
        let bounded = plan
            .iter()
            .filter(|s| {
                s.as_str()
                    == "SEARCH v USING COVERING INDEX versions_listing \
                        (lang=? AND state=? AND published_at>?)"
            })
            .count();
        assert_eq!(bounded, 2, "{plan:#?}");
        // A better version is looked for by primary key, row by row.
        assert!(
            plan.iter()
                .any(|s| s.starts_with("SEARCH w USING INDEX sqlite_autoindex_versions_1")),
            "{plan:#?}"
        );
        assert!(full_scans(&plan).is_empty(), "{plan:#?}");
    }

    #[tokio::test]
    async fn a_page_after_a_position_starts_its_read_of_the_listing_index_there() {
        let at = "2026-11-25T00:00:00Z".parse().unwrap();
        let keyset = ArticleFilter {
            after: Some(herald_store::ListPosition {
                published_at: at,
                id: ArticleId::new(40),
            }),
            published_since: Some("2026-11-01T00:00:00Z".parse().unwrap()),
            ..ArticleFilter::in_language(lang("en"))
        };
        let plan = plan(&[keyset]).await;
        // The position and the range bound the read of the index (no scan from the newest).
        assert!(
            plan.iter().any(|s| s.starts_with(
                "SEARCH v USING INDEX versions_listing \
                 (lang=? AND state=? AND published_at>? AND (published_at,article_id)<(?,?))"
            )),
            "{plan:#?}"
        );
        assert!(full_scans(&plan).is_empty(), "{plan:#?}");
    }

    #[tokio::test]
    async fn several_lists_are_read_each_as_alone() {
        let topic = ArticleFilter {
            topic: Some(herald_domain::TopicId::new(3)),
            ..ArticleFilter::in_language(lang("en"))
        };
        let with_fallback = ArticleFilter {
            fallbacks: vec![lang("vi")],
            ..in_section()
        };
        let plan = plan(&[topic, in_section(), with_fallback]).await;
        assert!(full_scans(&plan).is_empty(), "{plan:#?}");
        assert_eq!(
            plan.iter().filter(|s| s.contains("published_at>?")).count(),
            1,
            "{plan:#?}"
        );
    }
}
