//! Typed identifiers: a `PlaceId` can never be passed where an `ArticleId` is expected.

use std::fmt;
use std::num::ParseIntError;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// Wraps a raw id as stored.
            #[must_use]
            pub const fn new(raw: i64) -> Self {
                Self(raw)
            }

            /// The raw id, for storage and URLs.
            #[must_use]
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }
    )*};
}

typed_id!(
    /// Identifies a story across all its language versions; the id URLs carry.
    ArticleId,
    /// Identifies an outlet Herald ingests from.
    SourceId,
    /// Identifies a category (a node of the category tree).
    CategoryId,
    /// Identifies a topic (a story line or event).
    TopicId,
    /// Identifies an author.
    AuthorId,
    /// Identifies a place (a province, a city, a country).
    PlaceId,
    /// Identifies a tag.
    TagId,
    /// Identifies an image or a video.
    MediaId,
    /// Identifies a reader's comment.
    CommentId,
    /// Identifies a persisted background job.
    JobId,
    /// Identifies a newsroom account (an editor, a translator, a moderator, an admin).
    UserId,
);
