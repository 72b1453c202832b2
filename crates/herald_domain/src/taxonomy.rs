//! Categories (a tree), topics, authors, places and tags: each named and slugged per language.

use serde::{Deserialize, Serialize};

use crate::{AuthorId, CategoryId, Localized, PlaceId, Slug, SourceId, TagId, TopicId};

/// A term's name and slug in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermName {
    /// Display name (people's and places' names transliterated per script).
    pub name: String,
    /// URL slug, unique among terms of the same kind in this language.
    pub slug: Slug,
    /// Optional short description.
    pub description: Option<String>,
}

/// A section of the site: Heritage, Business › Tourism, Local…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Its id.
    pub id: CategoryId,
    /// Stable key (`heritage`).
    pub key: String,
    /// Parent section, for a sub-category.
    pub parent: Option<CategoryId>,
    /// Order among siblings in navigation.
    pub position: i32,
    /// Name and slug per language.
    pub names: Localized<TermName>,
}

/// A story line or event followed over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    /// Its id.
    pub id: TopicId,
    /// Stable key.
    pub key: String,
    /// Name and slug per language.
    pub names: Localized<TermName>,
}

/// A reporter, photographer or translator credited on articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// Its id.
    pub id: AuthorId,
    /// Stable key.
    pub key: String,
    /// The outlet the author writes for, if any.
    pub source: Option<SourceId>,
    /// Name (transliterated per script) and slug per language.
    pub names: Localized<TermName>,
}

/// What kind of place a [`Place`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// A country.
    Country,
    /// A province or a centrally governed city (the "Local" pages).
    Province,
    /// A city or a district.
    City,
}

/// A place stories happen in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Its id.
    pub id: PlaceId,
    /// Stable key.
    pub key: String,
    /// Kind of place.
    pub kind: PlaceKind,
    /// The place it lies in.
    pub parent: Option<PlaceId>,
    /// Name (in each script) and slug per language.
    pub names: Localized<TermName>,
}

/// A free label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// Its id.
    pub id: TagId,
    /// Stable key.
    pub key: String,
    /// Name and slug per language.
    pub names: Localized<TermName>,
}

impl PlaceKind {
    /// Storage form.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Province => "province",
            Self::City => "city",
        }
    }

    /// Reads the storage form.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "country" => Self::Country,
            "province" => Self::Province,
            "city" => Self::City,
            _ => return None,
        })
    }
}
