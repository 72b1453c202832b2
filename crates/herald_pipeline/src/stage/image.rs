//! Fetching an article's pictures, so readers see the photo an outlet published with its
//! caption and credit, served from Herald's own media folder rather than hot-linked (an outlet
//! may move, resize or watermark its files, and hot-linking tells it who reads what).
//!
//! What an outlet sends is not trusted: a picture is accepted by its bytes (JPEG, PNG, WebP or
//! GIF signatures), never by its `Content-Type`, and its size is read from the header and
//! refused past [`MAX_SIDE`] pixels a side, [`MAX_PIXELS`] pixels or [`MAX_DECODED_BYTES`]
//! decoded, *before* anything is decoded, so a small file claiming a huge image (a
//! decompression bomb) costs nothing; the decoder also runs under `image::Limits`. Decoding
//! and resizing run on the blocking pool.
//!
//! Files go to `<media_dir>/ingest/<key>/`, where the key is `remote-` and the first 32 hex
//! digits of the SHA-256 of the picture's URL: the original as fetched, and JPEG copies 480
//! and 960 pixels wide (those narrower than the original) for `srcset`. Each file is written
//! under a temporary name and renamed, so a crash never leaves half a file under a final
//! name. A picture already stored under its key (another article brought it) is attached
//! without fetching it again; running a job twice writes the same files and attaches once.
//!
//! A file that is not a picture, too large or broken fails the job for good with the reason;
//! a network failure or a 5xx is retried like any fetch.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use herald_domain::{ArticleId, ImageVariant, Language, Localized, MediaKind, RemoteImage};
use herald_ingest::Validators;
use herald_store::{NewMedia, StoreError};
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, Rgb, RgbImage};
use sha2::{Digest, Sha256};
use url::Url;

use super::{Outcome, StageError};
use crate::Pipeline;

/// Longest side accepted, in pixels.
pub(crate) const MAX_SIDE: u32 = 8000;
/// Most pixels accepted (a 40-megapixel photo; 8000 × 5000).
pub(crate) const MAX_PIXELS: u64 = 40_000_000;
/// Largest decoded picture held in memory, in bytes, as its header announces it.
pub(crate) const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;
/// What the decoder may allocate in all (the picture and its own buffers).
const MAX_DECODER_ALLOC: u64 = MAX_DECODED_BYTES + 64 * 1024 * 1024;
/// Widths of the resized copies, smallest first.
const VARIANT_WIDTHS: [u32; 2] = [480, 960];
/// Quality of the resized copies.
const JPEG_QUALITY: u8 = 82;
/// Where fetched pictures go, under the media folder.
const FOLDER: &str = "ingest";

pub(super) async fn run(
    p: &Pipeline,
    article: ArticleId,
    image: &RemoteImage,
    lead: bool,
) -> Result<Outcome, StageError> {
    let Some(media_dir) = p.settings().media_dir.clone() else {
        return Ok(Outcome::Nothing("pictures are not kept: no media folder"));
    };
    let store = p.store();
    if store.article(article).await?.is_none() {
        return Ok(Outcome::Nothing("the article is gone"));
    }
    let key = media_key(&image.url);
    let (media, fetched) = match store.media_by_key(&key).await? {
        Some(media) => (media, false),
        None => {
            let response = p.fetcher().get(&image.url, &Validators::default()).await?;
            if response.not_modified {
                return Err(StageError::transient(
                    "the outlet answered 304 to a plain request",
                ));
            }
            let content_type = response.content_type;
            let body = response.body;
            let folder_key = key.clone();
            let kept = tokio::task::spawn_blocking(move || {
                keep(&media_dir, &folder_key, &body, content_type.as_deref())
            })
            .await
            .map_err(|error| StageError::transient(format!("the picture's task died: {error}")))?
            .map_err(|error| error.into_stage_error(&image.url))?;
            let new = NewMedia {
                key: key.clone(),
                kind: MediaKind::Image {
                    path: kept.path,
                    mime: kept.mime.to_owned(),
                    width: kept.width,
                    height: kept.height,
                    variants: kept.variants,
                },
                alt: localized(&image.language, image.alt.as_deref()),
                caption: localized(&image.language, image.caption.as_deref()),
                credit: localized(&image.language, image.credit.as_deref()),
                rights: None,
            };
            match store.create_media(new).await {
                Ok(media) => (media, true),
                // Another worker stored the same picture meanwhile (same files, same key).
                Err(StoreError::Conflict { .. }) => match store.media_by_key(&key).await? {
                    Some(media) => (media, false),
                    None => return Err(StageError::transient("the picture's key is taken")),
                },
                Err(error) => return Err(error.into()),
            }
        }
    };
    match store.attach_media(article, media.id, lead).await {
        Ok(()) => Ok(Outcome::ImageSaved {
            media: media.id,
            fetched,
        }),
        Err(StoreError::NotFound(_)) => Ok(Outcome::Nothing("the article is gone")),
        Err(error) => Err(error.into()),
    }
}

/// `remote-` and the first 32 hex digits of the SHA-256 of the picture's URL (without its
/// fragment, which never reaches the server).
pub(crate) fn media_key(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    let digest = Sha256::digest(url.as_str().as_bytes());
    let mut key = String::with_capacity(39);
    key.push_str("remote-");
    for byte in digest.iter().take(16) {
        key.push(hex_digit(byte >> 4));
        key.push(hex_digit(byte & 0xf));
    }
    key
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}

/// One text in one language; empty when the outlet gave none.
fn localized(language: &Language, text: Option<&str>) -> Localized<String> {
    let mut out = Localized::new();
    if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
        out.insert(language.clone(), text.to_owned());
    }
    out
}

/// The picture formats accepted, told apart by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// `FF D8 FF`.
    Jpeg,
    /// `89 'PNG' 0D 0A 1A 0A`.
    Png,
    /// `'RIFF' size 'WEBP'`.
    WebP,
    /// `'GIF87a'` or `'GIF89a'`.
    Gif,
}

impl Format {
    /// The format whose signature `bytes` start with.
    pub(crate) fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
            Some(Self::WebP)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(Self::Gif)
        } else {
            None
        }
    }

    const fn name(self) -> &'static str {
        match self {
            Self::Jpeg => "JPEG",
            Self::Png => "PNG",
            Self::WebP => "WebP",
            Self::Gif => "GIF",
        }
    }

    const fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::WebP => "image/webp",
            Self::Gif => "image/gif",
        }
    }

    const fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::WebP => "webp",
            Self::Gif => "gif",
        }
    }

    const fn decoder(self) -> ImageFormat {
        match self {
            Self::Jpeg => ImageFormat::Jpeg,
            Self::Png => ImageFormat::Png,
            Self::WebP => ImageFormat::WebP,
            Self::Gif => ImageFormat::Gif,
        }
    }
}

/// Why a fetched file is not kept.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Refused {
    /// Its bytes are none of the accepted formats, whatever it was served as.
    #[error(
        "not a picture: its bytes are not JPEG, PNG, WebP or GIF (served as {})",
        content_type.as_deref().unwrap_or("no type")
    )]
    NotAPicture {
        /// The `Content-Type` it came with.
        content_type: Option<String>,
    },
    /// Its header announces more pixels than accepted.
    #[error(
        "the picture is {width}×{height} pixels: more than the {MAX_SIDE} pixels a side or \
         {MAX_PIXELS} pixels accepted"
    )]
    TooLarge {
        /// Width announced.
        width: u32,
        /// Height announced.
        height: u32,
    },
    /// It has an accepted signature but does not decode.
    #[error("the {format} does not decode: {reason}")]
    Broken {
        /// Its format's name.
        format: &'static str,
        /// The decoder's words.
        reason: String,
    },
}

/// Why [`keep`] failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum KeepError {
    /// The file is refused: retrying cannot help.
    #[error(transparent)]
    Refused(#[from] Refused),
    /// The media folder could not be written (full, read-only…): it may pass.
    #[error("cannot write to the media folder: {0}")]
    Io(#[from] std::io::Error),
}

impl KeepError {
    fn into_stage_error(self, url: &Url) -> StageError {
        match self {
            Self::Refused(refused) => StageError::permanent(format!("{url}: {refused}")),
            Self::Io(_) => StageError::transient(self.to_string()),
        }
    }
}

/// A picture as kept: paths relative to the media folder, as the web serves them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Kept {
    /// The original.
    pub(crate) path: String,
    /// The original's type, from its bytes.
    pub(crate) mime: &'static str,
    /// Width as shown (after the EXIF orientation).
    pub(crate) width: u32,
    /// Height as shown.
    pub(crate) height: u32,
    /// Resized JPEG copies, smallest first.
    pub(crate) variants: Vec<ImageVariant>,
}

/// Checks `bytes`, then writes the original and its resized copies under
/// `<media_dir>/ingest/<key>/`. Blocking: decodes and resizes.
pub(crate) fn keep(
    media_dir: &Path,
    key: &str,
    bytes: &[u8],
    content_type: Option<&str>,
) -> Result<Kept, KeepError> {
    let format = Format::sniff(bytes).ok_or_else(|| Refused::NotAPicture {
        content_type: content_type.map(str::to_owned),
    })?;
    let picture = decode(bytes, format)?;
    let (width, height) = (picture.width(), picture.height());
    let relative = format!("{FOLDER}/{key}");
    let folder: PathBuf = media_dir.join(FOLDER).join(key);
    std::fs::create_dir_all(&folder)?;
    let mut variants = Vec::new();
    for target in VARIANT_WIDTHS.into_iter().filter(|w| *w < width) {
        let (copy, copy_height) = resized(&picture, target)?;
        let name = format!("w{target}.jpg");
        write_atomically(&folder.join(&name), &copy)?;
        variants.push(ImageVariant {
            path: format!("{relative}/{name}"),
            width: target,
            height: copy_height,
        });
    }
    let name = format!("original.{}", format.extension());
    write_atomically(&folder.join(&name), bytes)?;
    Ok(Kept {
        path: format!("{relative}/{name}"),
        mime: format.mime(),
        width,
        height,
        variants,
    })
}

/// Decodes a picture of a known format after checking the size its header announces; the
/// result is turned as its EXIF orientation says (as browsers show it).
pub(crate) fn decode(bytes: &[u8], format: Format) -> Result<DynamicImage, Refused> {
    let broken = |error: image::ImageError| Refused::Broken {
        format: format.name(),
        reason: error.to_string(),
    };
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODER_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.decoder());
    reader.limits(limits.clone());
    // Reads the header only.
    let mut decoder = reader.into_decoder().map_err(broken)?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if width > MAX_SIDE
        || height > MAX_SIDE
        || pixels > MAX_PIXELS
        || decoder.total_bytes() > MAX_DECODED_BYTES
    {
        return Err(Refused::TooLarge { width, height });
    }
    if width == 0 || height == 0 {
        return Err(Refused::Broken {
            format: format.name(),
            reason: "it has no pixels".to_owned(),
        });
    }
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    decoder.set_limits(limits).map_err(broken)?;
    let orientation = decoder.orientation().ok();
    let mut picture = DynamicImage::from_decoder(decoder).map_err(broken)?;
    if let Some(orientation) = orientation {
        picture.apply_orientation(orientation);
    }
    Ok(picture)
}

/// A JPEG copy `width` pixels wide, transparency laid on white; with its height.
fn resized(picture: &DynamicImage, width: u32) -> Result<(Vec<u8>, u32), Refused> {
    let height = scaled_height(picture.width(), picture.height(), width);
    let small = picture
        .resize_exact(width, height, FilterType::CatmullRom)
        .to_rgba8();
    let flat = RgbImage::from_fn(width, height, |x, y| {
        let [r, g, b, a] = small.get_pixel(x, y).0;
        let over_white = |c: u8| {
            let blended = (u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a)) + 127) / 255;
            u8::try_from(blended).unwrap_or(u8::MAX)
        };
        Rgb([over_white(r), over_white(g), over_white(b)])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(&flat)
        .map_err(|error| Refused::Broken {
            format: "resized copy",
            reason: error.to_string(),
        })?;
    Ok((out, height))
}

/// The height that keeps the proportions at `width`, at least one pixel.
fn scaled_height(original_width: u32, original_height: u32, width: u32) -> u32 {
    let scaled = (u64::from(original_height) * u64::from(width) + u64::from(original_width) / 2)
        / u64::from(original_width.max(1));
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

/// Writes `bytes` to a temporary file beside `path`, flushed to disk, then renames it to
/// `path`: readers see the old file or the whole new one, never a part.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbaImage::from_fn(width, height, |x, _| {
            image::Rgba([u8::try_from(x % 256).unwrap(), 90, 160, 128])
        });
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(picture)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn formats_are_told_by_their_bytes() {
        assert_eq!(Format::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(Format::Jpeg));
        assert_eq!(Format::sniff(&png(2, 2)), Some(Format::Png));
        assert_eq!(Format::sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some(Format::WebP));
        assert_eq!(Format::sniff(b"GIF89a\x01\0"), Some(Format::Gif));
        assert_eq!(Format::sniff(b"RIFF\x10\0\0\0WAVEfmt "), None);
        assert_eq!(Format::sniff(b"<!doctype html><html>"), None);
        assert_eq!(Format::sniff(b""), None);
    }

    #[test]
    fn keys_are_the_hash_of_the_url_without_its_fragment() {
        let url = Url::parse("https://news.example/img/cau-moi.jpg").unwrap();
        let key = media_key(&url);
        assert_eq!(key.len(), "remote-".len() + 32);
        assert!(key.starts_with("remote-"));
        assert!(
            key[7..]
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        let with_fragment = Url::parse("https://news.example/img/cau-moi.jpg#top").unwrap();
        assert_eq!(media_key(&with_fragment), key);
        let other = Url::parse("https://news.example/img/cau-moi.jpg?w=2").unwrap();
        assert_ne!(media_key(&other), key);
    }

    #[test]
    fn a_picture_is_kept_with_copies_narrower_than_it_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let kept = keep(dir.path(), "remote-x", &png(1000, 500), Some("image/png")).unwrap();
        assert_eq!(kept.path, "ingest/remote-x/original.png");
        assert_eq!(
            (kept.mime, kept.width, kept.height),
            ("image/png", 1000, 500)
        );
        let sizes: Vec<(u32, u32)> = kept.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, [(480, 240), (960, 480)]);
        for variant in &kept.variants {
            let bytes = std::fs::read(dir.path().join(&variant.path)).unwrap();
            assert_eq!(Format::sniff(&bytes), Some(Format::Jpeg));
            let copy = image::load_from_memory(&bytes).unwrap();
            assert_eq!(
                (copy.width(), copy.height()),
                (variant.width, variant.height)
            );
        }
        let again = keep(dir.path(), "remote-x", &png(1000, 500), Some("image/png")).unwrap();
        assert_eq!(again, kept, "running twice writes the same");
        let names: Vec<String> = std::fs::read_dir(dir.path().join("ingest/remote-x"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");

        let small = keep(dir.path(), "remote-y", &png(300, 200), None).unwrap();
        assert!(small.variants.is_empty(), "no copy wider than the original");
    }

    /// A PNG announcing `width` × `height` (8-bit RGBA) in its IHDR chunk, followed by one
    /// IDAT chunk holding a few bytes of a zlib stream, far too few for those pixels.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut header = width.to_be_bytes().to_vec();
        header.extend_from_slice(&height.to_be_bytes());
        header.extend_from_slice(&[8, 6, 0, 0, 0]);
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in [
            (&b"IHDR"[..], &header[..]),
            (b"IDAT", &[0x78, 0x9C, 0x63, 0x60, 0x00, 0x00]),
            (b"IEND", &[]),
        ] {
            let mut chunk = kind.to_vec();
            chunk.extend_from_slice(data);
            bytes.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
            bytes.extend_from_slice(&chunk);
            bytes.extend_from_slice(&crc32(&chunk).to_be_bytes());
        }
        bytes
    }

    #[test]
    fn a_header_claiming_a_huge_picture_is_refused_before_decoding() {
        // Too little pixel data follows the header: refused as too large (not as broken), so
        // the header was all that was read.
        let refused = decode(&png_header(100_000, 100_000), Format::Png).unwrap_err();
        assert!(
            matches!(
                refused,
                Refused::TooLarge {
                    width: 100_000,
                    height: 100_000
                }
            ),
            "{refused}"
        );
        // Within the sides but past the pixel count.
        assert!(matches!(
            decode(&png_header(8000, 5001), Format::Png),
            Err(Refused::TooLarge { .. })
        ));
        // Within both: only then is the (missing) data read.
        assert!(matches!(
            decode(&png_header(2000, 1000), Format::Png),
            Err(Refused::Broken { .. })
        ));
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFF_u32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn html_served_as_jpeg_is_not_a_picture() {
        let dir = tempfile::tempdir().unwrap();
        let refused = keep(
            dir.path(),
            "remote-z",
            b"<!doctype html><title>Not found</title>",
            Some("image/jpeg"),
        )
        .unwrap_err();
        assert_eq!(
            refused.to_string(),
            "not a picture: its bytes are not JPEG, PNG, WebP or GIF (served as image/jpeg)"
        );
        assert!(
            !dir.path().join("ingest/remote-z").exists(),
            "nothing written"
        );
    }

    #[test]
    fn a_truncated_picture_is_broken() {
        let bytes = png(40, 40);
        let refused = decode(&bytes[..bytes.len() / 2], Format::Png).unwrap_err();
        assert!(
            matches!(refused, Refused::Broken { format: "PNG", .. }),
            "{refused}"
        );
    }
}
