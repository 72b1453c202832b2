//! Readers' comments: plain text, per language, moderated.

use serde::{Deserialize, Serialize};

use crate::{ArticleId, CommentId, Language, Timestamp};

/// A reader's comment on an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Its id.
    pub id: CommentId,
    /// The article.
    pub article: ArticleId,
    /// Language of the thread it was posted in.
    pub language: Language,
    /// Name the reader gave.
    pub author_name: String,
    /// Plain text, never HTML; escaped on output.
    pub body: String,
    /// Moderation state.
    pub status: CommentStatus,
    /// The comment it replies to.
    pub parent: Option<CommentId>,
    /// When it was posted.
    pub created_at: Timestamp,
    /// A keyed hash of the address it came from (never the address itself), for rate
    /// limits and bans.
    pub address: Option<String>,
}

/// A comment about to be stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewComment {
    /// The article.
    pub article: ArticleId,
    /// Thread language.
    pub language: Language,
    /// Name given.
    pub author_name: String,
    /// Plain text.
    pub body: String,
    /// Initial state (pending unless the site auto-approves).
    pub status: CommentStatus,
    /// Parent comment.
    pub parent: Option<CommentId>,
    /// A keyed hash of the address it came from.
    pub address: Option<String>,
}

/// Moderation state of a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentStatus {
    /// Waiting for a moderator.
    Pending,
    /// Visible.
    Approved,
    /// Marked as spam.
    Spam,
    /// Removed.
    Deleted,
}

impl CommentStatus {
    /// Storage form.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Spam => "spam",
            Self::Deleted => "deleted",
        }
    }

    /// Reads the storage form.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending" => Self::Pending,
            "approved" => Self::Approved,
            "spam" => Self::Spam,
            "deleted" => Self::Deleted,
            _ => return None,
        })
    }
}
