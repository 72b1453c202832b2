//! Sources: the outlets Herald republishes, with their region and rights.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::{Language, Localized, PlaceId, Slug, SourceId, Timestamp};

/// An outlet: a central agency, a provincial paper, a mission abroad.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Its id.
    pub id: SourceId,
    /// Stable key used by configuration and imports (`vna`).
    pub key: String,
    /// Name per language.
    pub names: Localized<String>,
    /// Slug per language, for the source's page.
    pub slugs: Localized<Slug>,
    /// One-paragraph description per language.
    pub descriptions: Localized<String>,
    /// Home page.
    pub home_url: Url,
    /// Feed URLs polled for new articles.
    pub feeds: Vec<Url>,
    /// Language the outlet writes in.
    pub language: Language,
    /// Where the outlet stands in the newsroom's network.
    pub region: Region,
    /// Whether its articles publish at once.
    pub trust: Trust,
    /// Licence and credit.
    pub rights: Rights,
    /// Seconds between polls.
    pub poll_interval_secs: u32,
    /// When it was added.
    pub created_at: Timestamp,
}

/// Where a source sits: the central newsroom, a province, or a mission abroad.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Region {
    /// A national, central outlet.
    Central,
    /// A provincial or city outlet.
    Province {
        /// The province.
        place: PlaceId,
    },
    /// A mission abroad (an embassy, a consulate, a cultural centre).
    Mission {
        /// ISO 3166-1 alpha-2 code of the host country.
        country: String,
    },
}

/// Whether a source's articles publish at once or wait for an editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trust {
    /// Publish on ingestion.
    Auto,
    /// Hold for review.
    Review,
}

/// Which URL a republished article declares canonical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CanonicalPolicy {
    /// The outlet's original URL.
    Original,
    /// Herald's own page.
    Herald,
}

/// The terms on which Herald republishes a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rights {
    /// Licence name (`CC BY 4.0`, `by agreement`).
    pub licence: String,
    /// Credit line shown with every article, in the outlet's own words.
    pub credit: String,
    /// Canonical-URL policy.
    pub canonical: CanonicalPolicy,
}

impl Region {
    /// The storage form: `central`, `province:12`, `mission:FR`.
    #[must_use]
    pub fn to_code(&self) -> String {
        match self {
            Self::Central => "central".to_owned(),
            Self::Province { place } => format!("province:{place}"),
            Self::Mission { country } => format!("mission:{country}"),
        }
    }

    /// Reads the storage form back.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        match code.split_once(':') {
            None if code == "central" => Some(Self::Central),
            Some(("province", id)) => id.parse().ok().map(|place| Self::Province { place }),
            Some(("mission", c)) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) => {
                Some(Self::Mission {
                    country: c.to_owned(),
                })
            }
            _ => None,
        }
    }
}

/// How a source's articles are filed: rules tried in order, the first that matches wins for
/// the category; topics and places add up over every matching rule. Keys name Herald's own
/// terms (`Category::key`, `Topic::key`, `Place::key`), so rules survive renames.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestRules {
    /// Category for articles no rule files (the site's default category when `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_category: Option<String>,
    /// The rules, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<IngestRule>,
    /// A CSS selector for the story's body on this outlet's pages, for sites the general
    /// extractor reads wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_selector: Option<String>,
    /// CSS selectors of elements to leave out of this outlet's stories (a "read more" box).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drop_selectors: Vec<String>,
}

/// One filing rule: every condition given must hold; then its assignments apply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestRule {
    /// The article URL's path starts with this (`/kinh-te/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_path_prefix: Option<String>,
    /// One of the feed item's categories equals this, ignoring case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_category: Option<String>,
    /// At least one of these words or phrases occurs in the title or lead (ignoring case,
    /// and diacritics for Latin scripts; whole words only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Category key to file under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Topic keys to add.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Place key to set (the first matching rule with a place wins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// What polling a source has shown: the basis of `herald source list` and the admin's
/// source health.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceHealth {
    /// Last poll that fetched and parsed every feed (a 304 counts).
    pub last_success_at: Option<Timestamp>,
    /// Last poll that failed.
    pub last_error_at: Option<Timestamp>,
    /// Why it failed, readable by an editor.
    pub last_error: Option<String>,
    /// Failed polls since the last success; drives the backoff.
    pub consecutive_failures: u32,
    /// When the scheduler polls it next.
    pub next_poll_at: Option<Timestamp>,
    /// Articles stored from it.
    pub articles: u64,
    /// Whether polling is paused by an editor.
    pub paused: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_codes_round_trip() {
        for r in [
            Region::Central,
            Region::Province {
                place: PlaceId::new(7),
            },
            Region::Mission {
                country: "FR".into(),
            },
        ] {
            assert_eq!(Region::from_code(&r.to_code()), Some(r));
        }
        assert_eq!(Region::from_code("mission:fr"), None);
        assert_eq!(Region::from_code("province:x"), None);
    }
}
