//! Articles (stories) and their per-language versions.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::{
    ArticleId, AuthorId, CategoryId, Language, MediaId, PlaceId, Slug, SourceId, TagId, Timestamp,
    TopicId,
};

/// What kind of piece an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleKind {
    /// A news report.
    News,
    /// A feature or long read.
    Feature,
    /// An opinion piece.
    Opinion,
    /// Paid content, labelled as such.
    Sponsored,
    /// A live page updated as events unfold.
    Live,
}

/// One story, independent of language: the id URLs carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Its id.
    pub id: ArticleId,
    /// The outlet it came from.
    pub source: SourceId,
    /// The original's URL at the outlet, credited and linked on the page.
    pub source_url: Option<Url>,
    /// Language of the original version.
    pub source_language: Language,
    /// Kind of piece.
    pub kind: ArticleKind,
    /// Section.
    pub category: CategoryId,
    /// Story lines it belongs to.
    pub topics: Vec<TopicId>,
    /// Free labels.
    pub tags: Vec<TagId>,
    /// Byline, in order.
    pub authors: Vec<AuthorId>,
    /// Where it happened.
    pub place: Option<PlaceId>,
    /// The picture shown with the headline.
    pub lead_image: Option<MediaId>,
    /// Other media used in the body (figures, videos).
    pub media: Vec<MediaId>,
    /// Shown as a lead story on the home page.
    pub featured: bool,
    /// First publication, at the outlet.
    pub published_at: Timestamp,
    /// Last change to the original.
    pub updated_at: Timestamp,
    /// Revision of the original; each correction at the source raises it, which makes
    /// translations made from an older revision stale.
    pub revision: u32,
}

/// An article about to be stored, with its original version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewArticle {
    /// The outlet.
    pub source: SourceId,
    /// The original's URL, which also identifies re-ingested copies.
    pub source_url: Option<Url>,
    /// Kind of piece.
    pub kind: ArticleKind,
    /// Section.
    pub category: CategoryId,
    /// Story lines.
    pub topics: Vec<TopicId>,
    /// Labels.
    pub tags: Vec<TagId>,
    /// Byline.
    pub authors: Vec<AuthorId>,
    /// Place.
    pub place: Option<PlaceId>,
    /// Headline picture.
    pub lead_image: Option<MediaId>,
    /// Other media.
    pub media: Vec<MediaId>,
    /// Lead story on the home page.
    pub featured: bool,
    /// First publication.
    pub published_at: Timestamp,
    /// Last change.
    pub updated_at: Timestamp,
    /// The original text, in the source language, with `Origin::Original`.
    pub original: VersionText,
    /// State of the original version (published at once for trusted sources).
    pub state: EditorialState,
}

/// The text of a version, before it has a slug or a state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionText {
    /// Language of this text.
    pub language: Language,
    /// Headline.
    pub title: String,
    /// Lead (sapo): one or two sentences under the headline.
    pub lead: String,
    /// Body as sanitised HTML blocks.
    pub body: String,
}

/// Where a version's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The text as ingested, in the source language.
    Original,
    /// The outlet's own edition in another language, linked by ingestion.
    Publisher,
    /// Machine translation, unchecked.
    Machine,
    /// Machine translation corrected by a translator.
    PostEdited,
    /// Checked and approved by a translator.
    Reviewed,
    /// Translated by a person from the start.
    Human,
}

impl Origin {
    /// Every origin, in order of increasing human involvement after the source texts.
    pub const ALL: [Self; 6] = [
        Self::Original,
        Self::Publisher,
        Self::Machine,
        Self::PostEdited,
        Self::Reviewed,
        Self::Human,
    ];

    /// Storage and API form (`post-edited`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Original => "original",
            Self::Publisher => "publisher",
            Self::Machine => "machine",
            Self::PostEdited => "post-edited",
            Self::Reviewed => "reviewed",
            Self::Human => "human",
        }
    }

    /// Reads the storage form.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// Whether a person wrote or checked this text.
    #[must_use]
    pub const fn is_human_work(self) -> bool {
        !matches!(self, Self::Machine)
    }

    /// Whether a version of origin `self` may be replaced by one of origin `incoming`.
    /// A machine run never overwrites a person's work; a person may overwrite anything.
    #[must_use]
    pub const fn may_be_replaced_by(self, incoming: Self) -> bool {
        match incoming {
            Self::Machine => matches!(self, Self::Machine),
            _ => true,
        }
    }

    /// Whether this text was translated (by anyone) rather than written in its language.
    #[must_use]
    pub const fn is_translation(self) -> bool {
        !matches!(self, Self::Original | Self::Publisher)
    }
}

/// Editorial state of one version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditorialState {
    /// Not yet submitted.
    Draft,
    /// Waiting for an editor or translator.
    Review,
    /// Visible to readers.
    Published,
    /// Taken down; its URL answers 410 Gone.
    Withdrawn,
}

impl EditorialState {
    /// Storage form.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Review => "review",
            Self::Published => "published",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Reads the storage form.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "draft" => Self::Draft,
            "review" => Self::Review,
            "published" => Self::Published,
            "withdrawn" => Self::Withdrawn,
            _ => return None,
        })
    }
}

/// Something quality assurance noticed in a machine translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "flag", rename_all = "snake_case")]
pub enum QaFlag {
    /// Markup present in the source is missing from the output.
    MarkupLost,
    /// Numbers differ between source and output.
    NumbersChanged,
    /// Output looks like the source language.
    Untranslated,
    /// Output is not in the target language's script.
    WrongScript,
    /// A glossary term was not rendered as the glossary says.
    GlossaryMissed {
        /// The source term.
        term: String,
    },
    /// A protected span (number, address, code, glossary term) did not come back from the
    /// engine, so its text is missing from the output.
    PlaceholdersLost,
    /// A protected span came back more than once, so its text is repeated in the output.
    PlaceholdersDuplicated,
    /// The output is much shorter or longer than the source for the scripts involved:
    /// something was dropped or invented.
    LengthOutOfProportion,
    /// The text had more segments than one run translates: the rest kept the source text.
    SegmentLimitReached,
}

/// How a translated version was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Engine (`apertium`, `ctranslate2`, `person`).
    pub engine: String,
    /// Model or pair and its version.
    pub model: Option<String>,
    /// When the text was produced.
    pub made_at: Timestamp,
    /// Language it was translated from.
    pub from_language: Language,
    /// Revision of the original it was made from.
    pub from_revision: u32,
    /// Quality flags raised on the output.
    pub qa_flags: Vec<QaFlag>,
    /// Who translated, post-edited or reviewed it, for human work.
    pub translator: Option<String>,
}

/// The article in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Version {
    /// The story.
    pub article: ArticleId,
    /// Language of this version.
    pub language: Language,
    /// Headline.
    pub title: String,
    /// Lead.
    pub lead: String,
    /// Body as sanitised HTML blocks.
    pub body: String,
    /// Current slug in this language (older ones redirect).
    pub slug: Slug,
    /// Where the text came from.
    pub origin: Origin,
    /// How it was made, for translations.
    pub provenance: Option<Provenance>,
    /// Editorial state.
    pub state: EditorialState,
    /// Last change to this version.
    pub updated_at: Timestamp,
}

impl Version {
    /// Whether this translation was made from an older revision of the original.
    #[must_use]
    pub fn is_stale(&self, article: &Article) -> bool {
        self.provenance
            .as_ref()
            .is_some_and(|p| self.origin.is_translation() && p.from_revision < article.revision)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_never_overwrites_human_work() {
        for existing in Origin::ALL {
            let allowed = existing.may_be_replaced_by(Origin::Machine);
            assert_eq!(allowed, existing == Origin::Machine, "{existing:?}");
            assert!(existing.may_be_replaced_by(Origin::PostEdited));
        }
    }

    #[test]
    fn qa_flags_serialise_with_a_snake_case_tag() {
        let flags = [
            QaFlag::PlaceholdersLost,
            QaFlag::GlossaryMissed {
                term: "port".to_owned(),
            },
        ];
        let json = serde_json::to_string(&flags).unwrap();
        assert_eq!(
            json,
            r#"[{"flag":"placeholders_lost"},{"flag":"glossary_missed","term":"port"}]"#
        );
        let back: Vec<QaFlag> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, flags);
    }

    #[test]
    fn origins_round_trip_through_storage_form() {
        for o in Origin::ALL {
            assert_eq!(Origin::parse(o.as_str()), Some(o));
            assert_eq!(
                serde_json::to_string(&o).unwrap(),
                format!("\"{}\"", o.as_str())
            );
        }
        assert_eq!(Origin::parse("robot"), None);
    }
}
