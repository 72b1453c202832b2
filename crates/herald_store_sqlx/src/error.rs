//! Driver errors mapped onto [`StoreError`]: sqlx types never leave this crate.
//!
//! Unique and foreign-key violations become [`StoreError::Conflict`] named after the
//! constraint. PostgreSQL reports the constraint's name; SQLite only reports the columns
//! (`UNIQUE constraint failed: versions.lang, versions.slug`), so [`SQLITE_UNIQUE`] maps those
//! column lists onto the names the migrations give the same constraints, and callers see one
//! name whatever the engine.

use herald_store::StoreError;
use sqlx::error::{DatabaseError, ErrorKind};

/// SQLite's column lists for each unique constraint, and the constraint's name.
const SQLITE_UNIQUE: &[(&str, &str)] = &[
    ("terms.kind, terms.key", "terms_kind_key_unique"),
    (
        "term_names.kind, term_names.lang, term_names.slug",
        "term_names_slug_unique",
    ),
    ("term_names.term_id, term_names.lang", "term_names_pkey"),
    ("media.key", "media_key_unique"),
    ("articles.source_url", "articles_source_url_unique"),
    ("articles.content_hash", "articles_content_hash_unique"),
    (
        "article_topics.article_id, article_topics.topic_id",
        "article_topics_pkey",
    ),
    (
        "article_tags.article_id, article_tags.tag_id",
        "article_tags_pkey",
    ),
    (
        "article_authors.article_id, article_authors.author_id",
        "article_authors_pkey",
    ),
    (
        "article_media.article_id, article_media.media_id",
        "article_media_pkey",
    ),
    ("versions.article_id, versions.lang", "versions_pkey"),
    ("versions.lang, versions.slug", "versions_slug_unique"),
    (
        "slug_history.kind, slug_history.lang, slug_history.slug",
        "slug_history_pkey",
    ),
    ("jobs.dedupe_key", "jobs_dedupe_queued"),
    ("translation_memory.key", "translation_memory_pkey"),
    (
        "glossary_entries.from_lang, glossary_entries.to_lang, glossary_entries.term",
        "glossary_entries_term_unique",
    ),
    ("users.email", "users_email_unique"),
    ("sessions.token_hash", "sessions_pkey"),
];

/// Constraints that two writers choosing the same new slug at once can break; the losing
/// write is retried (only possible on PostgreSQL, where writers run concurrently).
pub(crate) fn is_slug_race(error: &StoreError) -> bool {
    matches!(error, StoreError::Conflict { constraint }
        if matches!(constraint.as_str(),
            "term_names_slug_unique" | "versions_slug_unique" | "slug_history_pkey"))
}

/// Maps an error met while using an open store.
pub(crate) fn db(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(e) = &error {
        match e.kind() {
            ErrorKind::UniqueViolation => {
                return StoreError::Conflict {
                    constraint: unique_constraint(e.as_ref()),
                };
            }
            ErrorKind::ForeignKeyViolation => {
                return StoreError::Conflict {
                    constraint: e.constraint().unwrap_or("foreign key").to_owned(),
                };
            }
            _ => {}
        }
    }
    StoreError::Backend(Box::new(error))
}

fn unique_constraint(e: &dyn DatabaseError) -> String {
    if let Some(name) = e.constraint() {
        return name.to_owned();
    }
    let message = e.message();
    let columns = message
        .strip_prefix("UNIQUE constraint failed: ")
        .unwrap_or(message);
    SQLITE_UNIQUE
        .iter()
        .find(|(cols, _)| *cols == columns)
        .map_or_else(|| columns.to_owned(), |(_, name)| (*name).to_owned())
}

/// Maps an error met while opening or migrating a store: one readable line naming `what`
/// (the file, or the server without credentials), without the driver's framing.
pub(crate) fn open(what: &str, error: &sqlx::Error) -> StoreError {
    let text = match error {
        sqlx::Error::Database(e) => e.message().to_owned(),
        sqlx::Error::Io(e) => e.to_string(),
        sqlx::Error::PoolTimedOut => "timed out waiting for a connection".to_owned(),
        other => other.to_string(),
    };
    open_message(what, &text)
}

/// An [`open`] error from a message.
pub(crate) fn open_message(what: &str, text: &str) -> StoreError {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    StoreError::Open(format!("{what}: {text}"))
}

/// A value read back that the domain does not accept.
pub(crate) fn invalid(what: &str, value: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("{what} '{value}'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every named unique constraint of the SQLite migrations has its column list here, so that
    /// both engines report the same names.
    #[test]
    fn every_sqlite_unique_constraint_is_named() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let schema = files
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect::<Vec<_>>()
            .join("\n");
        let named: Vec<&str> = schema
            .split_whitespace()
            .map(|word| word.trim_end_matches(','))
            .collect::<Vec<_>>()
            .windows(3)
            .filter_map(|w| match w {
                ["CONSTRAINT", name, "UNIQUE"] => Some(*name),
                ["UNIQUE", "INDEX", name] => Some(*name),
                _ => None,
            })
            .collect();
        assert_eq!(named.len(), 9, "{named:?}");
        for name in named {
            assert!(
                SQLITE_UNIQUE.iter().any(|(_, known)| *known == name),
                "{name} is missing from SQLITE_UNIQUE"
            );
        }
    }
}
