//! What can go wrong while turning bytes from an outlet into Herald's vocabulary.
//!
//! Every variant here is "bad input": the outlet sent something Herald cannot use. Nothing in
//! this crate does I/O, so there is no "we are broken" side yet; the fetcher adds
//! `Fetch { url, source }` when it lands.

/// Why a feed (or, later, a page) could not be ingested.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    /// The bytes are not a feed Herald can read: not XML or JSON, an unknown root element,
    /// XML broken before any item could be recovered, an unsupported JSON Feed version…
    /// `reason` is a sentence for the source's health page.
    #[error("cannot parse the feed: {reason}")]
    Parse {
        /// Readable explanation, in English, for editors and logs.
        reason: String,
    },
    /// The document is larger than [`crate::feed::MAX_FEED_BYTES`].
    #[error("the feed is too large ({size} bytes, the limit is {limit})")]
    TooLarge {
        /// Size of what was given.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The HTTP `Content-Type` says this is no feed at all (an image, a video, a PDF…).
    #[error("'{content_type}' is not a feed")]
    UnsupportedContentType {
        /// The `Content-Type` as received.
        content_type: String,
    },
}

impl IngestError {
    /// Shorthand for [`IngestError::Parse`].
    pub(crate) fn parse(reason: impl Into<String>) -> Self {
        Self::Parse {
            reason: reason.into(),
        }
    }
}

/// Results of this crate.
pub type Result<T, E = IngestError> = std::result::Result<T, E>;
