//! Conversions between domain values and their stored form: times as microseconds since the
//! epoch, booleans as 0/1, enums as their `as_str` names, structured values as JSON text.
//! One form for both engines, so every query is written once.

use herald_domain::{ArticleKind, CanonicalPolicy, Language, Localized, Slug, Timestamp, Trust};
use herald_store::{Result, StoreError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::error::{db, invalid};

/// A column of a row, decoded.
pub(crate) fn col<'r, T>(row: &'r AnyRow, name: &str) -> Result<T>
where
    T: sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
{
    row.try_get(name).map_err(db)
}

/// Stored form of an instant.
pub(crate) fn micros(at: Timestamp) -> i64 {
    at.as_microsecond()
}

/// An instant read back.
pub(crate) fn timestamp(micros: i64) -> Result<Timestamp> {
    Timestamp::from_microsecond(micros).map_err(|_| invalid("timestamp", micros))
}

/// An optional instant read back.
pub(crate) fn opt_timestamp(micros: Option<i64>) -> Result<Option<Timestamp>> {
    micros.map(timestamp).transpose()
}

/// A stored count or small number that must fit a `u32`.
pub(crate) fn to_u32(value: i64, what: &str) -> Result<u32> {
    u32::try_from(value).map_err(|_| invalid(what, value))
}

/// A language tag read back.
pub(crate) fn language(tag: &str) -> Result<Language> {
    Language::parse(tag).map_err(|_| invalid("language tag", tag))
}

/// Stored form of a list of languages: the tags separated by spaces (a tag never holds one),
/// each once, in the order given; empty for none.
pub(crate) fn language_list(languages: &[Language]) -> String {
    let mut tags: Vec<&str> = Vec::with_capacity(languages.len());
    for tag in languages.iter().map(Language::as_str) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags.join(" ")
}

/// A list of languages read back from [`language_list`]'s form.
pub(crate) fn languages(stored: &str) -> Result<Vec<Language>> {
    stored.split_whitespace().map(language).collect()
}

/// A slug read back.
pub(crate) fn slug(s: &str) -> Result<Slug> {
    Slug::parse(s).ok_or_else(|| invalid("slug", s))
}

/// JSON text of a value.
pub(crate) fn to_json(value: &impl Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Backend(Box::new(e)))
}

/// A value read back from JSON text.
pub(crate) fn from_json<T: DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Invalid(format!("{what}: {e}")))
}

/// Text per language, normalised as Herald stores every text.
pub(crate) fn normalized_texts(texts: &Localized<String>, one_line: bool) -> Localized<String> {
    texts
        .iter()
        .map(|(lang, text)| (lang.clone(), normalize(text, one_line)))
        .collect()
}

/// One text normalised: a title or name to one line, a lead or body keeping its lines.
pub(crate) fn normalize(text: &str, one_line: bool) -> String {
    if one_line {
        herald_domain::text::normalize_line(text)
    } else {
        herald_domain::text::normalize(text).trim().to_owned()
    }
}

pub(crate) const fn trust_str(trust: Trust) -> &'static str {
    match trust {
        Trust::Auto => "auto",
        Trust::Review => "review",
    }
}

pub(crate) fn trust(s: &str) -> Result<Trust> {
    match s {
        "auto" => Ok(Trust::Auto),
        "review" => Ok(Trust::Review),
        _ => Err(invalid("trust", s)),
    }
}

pub(crate) const fn canonical_str(policy: CanonicalPolicy) -> &'static str {
    match policy {
        CanonicalPolicy::Original => "original",
        CanonicalPolicy::Herald => "herald",
    }
}

pub(crate) fn canonical(s: &str) -> Result<CanonicalPolicy> {
    match s {
        "original" => Ok(CanonicalPolicy::Original),
        "herald" => Ok(CanonicalPolicy::Herald),
        _ => Err(invalid("canonical policy", s)),
    }
}

pub(crate) const fn article_kind_str(kind: ArticleKind) -> &'static str {
    match kind {
        ArticleKind::News => "news",
        ArticleKind::Feature => "feature",
        ArticleKind::Opinion => "opinion",
        ArticleKind::Sponsored => "sponsored",
        ArticleKind::Live => "live",
    }
}

pub(crate) fn article_kind(s: &str) -> Result<ArticleKind> {
    Ok(match s {
        "news" => ArticleKind::News,
        "feature" => ArticleKind::Feature,
        "opinion" => ArticleKind::Opinion,
        "sponsored" => ArticleKind::Sponsored,
        "live" => ArticleKind::Live,
        _ => return Err(invalid("article kind", s)),
    })
}

/// `$first, $first + 1, …` for an `IN` list of `count` values (never empty: an empty list is
/// `NULL`, which matches nothing).
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    if count == 0 {
        return "NULL".to_owned();
    }
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_from_the_first_position() {
        assert_eq!(placeholders(3, 3), "$3, $4, $5");
        assert_eq!(placeholders(1, 0), "NULL");
    }

    #[test]
    fn language_lists_round_trip_each_tag_once() {
        let list = [
            Language::parse("fa").unwrap(),
            Language::parse("zh-Hans").unwrap(),
            Language::parse("fa").unwrap(),
        ];
        let stored = language_list(&list);
        assert_eq!(stored, "fa zh-Hans");
        assert_eq!(languages(&stored).unwrap(), list[..2].to_vec());
        assert!(languages("").unwrap().is_empty());
    }

    #[test]
    fn times_round_trip_at_microsecond_precision() {
        let at: Timestamp = "2026-11-25T20:30:00.123456Z".parse().unwrap();
        assert_eq!(timestamp(micros(at)).unwrap(), at);
    }
}
