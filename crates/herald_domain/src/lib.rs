//! Herald's vocabulary as plain, synchronous Rust with no I/O: the language-independent
//! [`Article`] (the story whose id URLs carry) and its per-language [`Version`]s with their
//! [`Origin`], the [`Source`] it came from, the taxonomy (categories as a tree, topics, authors,
//! places, tags, each named and slugged per language), [`Media`], [`Comment`] and [`Job`].
//! Every other crate speaks these types at its boundary; rules that must hold whatever the
//! storage or the page — slug shapes, text normalisation, "a machine never overwrites a human" —
//! live here so they are tested once.
#![warn(missing_docs)]

pub mod account;
pub mod article;
pub mod comment;
pub mod glossary;
pub mod ids;
pub mod job;
pub mod language;
pub mod localized;
pub mod media;
pub mod slug;
pub mod source;
pub mod taxonomy;
pub mod text;
pub mod time;

pub use account::{Action, AuditEvent, NewAuditEvent, NewUser, Role, User, UserUpdate};
pub use article::{
    Article, ArticleKind, EditorialState, NewArticle, Origin, Provenance, QaFlag, Version,
    VersionText,
};
pub use comment::{Comment, CommentStatus, NewComment};
pub use glossary::{GlossaryEntry, GlossaryKind};
pub use ids::{
    ArticleId, AuthorId, CategoryId, CommentId, JobId, MediaId, PlaceId, SourceId, TagId, TopicId,
    UserId,
};
pub use job::{Job, JobRecord, JobState, RemoteImage};
pub use language::{Direction, Language, LanguageError};
pub use localized::Localized;
pub use media::{ImageVariant, Media, MediaKind, VideoSource};
pub use slug::Slug;
pub use source::{
    CanonicalPolicy, IngestRule, IngestRules, Region, Rights, Source, SourceHealth, Trust,
};
pub use taxonomy::{Author, Category, Place, PlaceKind, Tag, TermName, Topic};
pub use time::{Clock, SiteTimeZone, SystemClock, Timestamp};
