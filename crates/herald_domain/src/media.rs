//! Images and videos, with alt text, caption and credit per language.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::{Localized, MediaId, Timestamp};

/// A picture or a video used by articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Media {
    /// Its id.
    pub id: MediaId,
    /// Stable key (file name stem for bundled media).
    pub key: String,
    /// Image or video specifics.
    pub kind: MediaKind,
    /// Text alternative per language, for screen readers.
    pub alt: Localized<String>,
    /// Caption per language.
    pub caption: Localized<String>,
    /// Credit line per language ("Photo: …", "Ảnh: …", "عکس: …").
    pub credit: Localized<String>,
    /// Licence or agreement under which it is used.
    pub rights: Option<String>,
    /// When it was added.
    pub created_at: Timestamp,
}

/// What a [`Media`] is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MediaKind {
    /// A still image.
    Image {
        /// Path of the original file under the media folder.
        path: String,
        /// MIME type of the original.
        mime: String,
        /// Intrinsic width in pixels.
        width: u32,
        /// Intrinsic height in pixels.
        height: u32,
        /// Resized copies for `srcset`, smallest first.
        variants: Vec<ImageVariant>,
    },
    /// A video.
    Video {
        /// Where it plays from.
        source: VideoSource,
        /// Poster image.
        poster: Option<MediaId>,
        /// WebVTT subtitle file per language, under the media folder.
        subtitles: Localized<String>,
        /// Length in seconds, if known.
        duration_secs: Option<u32>,
    },
}

/// One resized copy of an image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageVariant {
    /// Path under the media folder.
    pub path: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Where a video plays from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum VideoSource {
    /// A file under the media folder.
    File {
        /// Path.
        path: String,
        /// MIME type.
        mime: String,
    },
    /// A player on another site.
    Embed {
        /// The embed URL.
        url: Url,
    },
}
