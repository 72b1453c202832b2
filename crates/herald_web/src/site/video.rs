//! Videos in articles. A file plays in a `<video>` with the browser's own controls, so it needs
//! no JavaScript: its poster, one `<track>` of WebVTT subtitles per language, and a plain link
//! to the file inside for browsers that cannot play it. A player on another site is a titled,
//! lazy, sandboxed `<iframe>`; the page's Content-Security-Policy then names that site in
//! `frame-src` (see [`Player::frame_origin`]). An embed the site will not frame (not HTTPS, or
//! its own origin, where the sandbox could be lifted) is shown as a link.

use std::collections::HashMap;

use askama::Template;
use herald_domain::{Language, Media, MediaId, MediaKind, VideoSource};
use url::Url;

use crate::WebError;
use crate::html::{Html, LangMark, Text};
use crate::paths;

/// The message of the link to the file inside `<video>`; until a locale has it, the link
/// shows the file's name.
const DOWNLOAD: &str = "article-video-download";
/// Width of a poster copy good enough for an article's column (`WIDE_SIZES`).
const POSTER_WIDTH: u32 = 960;
/// Size given to a player without a poster to take its shape from (16:9).
const DEFAULT_SIZE: (u32, u32) = (1280, 720);

/// A video, ready to render.
pub(crate) struct Player {
    /// A file on this site.
    pub(crate) file: Option<FilePlayer>,
    /// A player on another site.
    pub(crate) embed: Option<EmbedPlayer>,
    /// An embed shown as a plain link.
    pub(crate) link: Option<VideoLink>,
    /// Caption in the language of the article, else a content fallback.
    pub(crate) caption: Option<String>,
    /// `lang` and `dir` of the caption, when it is in another language than the article.
    pub(crate) caption_mark: Option<LangMark>,
    /// Who made it, isolated.
    pub(crate) credit: Option<Html>,
}

/// `<video>` and what it holds.
pub(crate) struct FilePlayer {
    pub(crate) src: String,
    pub(crate) mime: String,
    pub(crate) poster: Option<String>,
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) tracks: Vec<Track>,
    /// The text of the fallback link to the file.
    pub(crate) download: String,
    /// `lang` and `dir` of that link, worded in the page's language, when the player sits in
    /// an article in another.
    pub(crate) download_mark: Option<LangMark>,
}

/// A link to a player the site does not frame.
pub(crate) struct VideoLink {
    pub(crate) href: String,
    pub(crate) text: String,
}

/// One `<track kind="subtitles">`.
pub(crate) struct Track {
    pub(crate) src: String,
    pub(crate) srclang: String,
    /// The language's own name.
    pub(crate) label: String,
    /// The page's language: shown unless the reader picks another.
    pub(crate) default: bool,
}

/// A sandboxed `<iframe>`.
pub(crate) struct EmbedPlayer {
    pub(crate) src: String,
    /// Its accessible name.
    pub(crate) title: String,
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// The origin to allow in `frame-src`.
    origin: String,
}

/// A player as HTML.
#[derive(Template)]
#[template(path = "partials/video.html")]
struct PlayerHtml<'a> {
    player: &'a Player,
}

impl Player {
    pub(crate) fn to_html(&self) -> Result<Html, WebError> {
        Ok(Html::trusted(PlayerHtml { player: self }.render()?))
    }

    /// The origin the page must allow in `frame-src` for this player, if it frames one.
    pub(crate) fn frame_origin(&self) -> Option<&str> {
        self.embed.as_ref().map(|e| e.origin.as_str())
    }
}

/// The player of a video, its texts in `text_lang` (the language of the article it sits in),
/// its default subtitles in the page's language, its tracks in the site's language order;
/// `None` for an image. `posters` holds the poster images.
pub(crate) fn player(
    t: &Text,
    media: &Media,
    text_lang: &Language,
    posters: &HashMap<MediaId, Media>,
    site_languages: &[Language],
    public_url: &Url,
) -> Option<Player> {
    let MediaKind::Video {
        source,
        poster,
        subtitles,
        ..
    } = &media.kind
    else {
        return None;
    };
    let poster = poster.and_then(|id| posters.get(&id)).and_then(poster_of);
    let (width, height) = poster.as_ref().map_or(DEFAULT_SIZE, |p| (p.1, p.2));
    let caption = t.best(&media.caption, text_lang);
    let credit = media
        .credit
        .best(t.lang(), std::slice::from_ref(text_lang))
        .map(|(_, credit)| Html::isolated(credit));
    let mut player = Player {
        file: None,
        embed: None,
        link: None,
        caption: caption.map(|(_, c)| c.clone()),
        caption_mark: caption.and_then(|(l, _)| LangMark::between(l, text_lang)),
        credit,
    };
    match source {
        VideoSource::File { path, mime } => {
            let src = paths::media(path);
            let mut languages: Vec<&Language> = site_languages
                .iter()
                .filter(|l| subtitles.get(l).is_some())
                .collect();
            languages.extend(
                subtitles
                    .languages()
                    .filter(|l| !site_languages.contains(l)),
            );
            let tracks = languages
                .into_iter()
                .filter_map(|l| {
                    Some(Track {
                        src: paths::media(subtitles.get(l)?),
                        srclang: l.to_string(),
                        label: t.autonym(l),
                        default: l == t.lang(),
                    })
                })
                .collect();
            player.file = Some(FilePlayer {
                src,
                mime: mime.clone(),
                poster: poster.map(|p| p.0),
                width,
                height,
                tracks,
                download: t.get(DOWNLOAD),
                download_mark: LangMark::between(t.lang(), text_lang),
            });
        }
        VideoSource::Embed { url } => {
            // The accessible name, in the article's language when the newsroom wrote one.
            let title = media
                .caption
                .get(text_lang)
                .or_else(|| media.alt.get(text_lang))
                .cloned()
                .unwrap_or_else(|| url.host_str().unwrap_or_default().to_owned());
            if frameable(url, public_url) {
                player.embed = Some(EmbedPlayer {
                    src: url.to_string(),
                    title,
                    width,
                    height,
                    origin: url.origin().ascii_serialization(),
                });
            } else if matches!(url.scheme(), "http" | "https") {
                player.link = Some(VideoLink {
                    href: url.to_string(),
                    text: title,
                });
            } else {
                return None;
            }
        }
    }
    Some(player)
}

/// Whether the site frames a player at `url`: HTTPS on another origin than the site's (an
/// `<iframe>` of the site's own pages with `allow-scripts allow-same-origin` could lift its
/// own sandbox).
fn frameable(url: &Url, public_url: &Url) -> bool {
    url.scheme() == "https" && url.host().is_some() && url.origin() != public_url.origin()
}

/// A poster's URL (the smallest copy at least [`POSTER_WIDTH`] wide, else the original) and
/// the original's size.
fn poster_of(media: &Media) -> Option<(String, u32, u32)> {
    let MediaKind::Image {
        path,
        width,
        height,
        variants,
        ..
    } = &media.kind
    else {
        return None;
    };
    let src = variants
        .iter()
        .filter(|v| v.width >= POSTER_WIDTH && v.width <= *width)
        .min_by_key(|v| v.width)
        .map_or(path, |v| &v.path);
    Some((paths::media(src), *width, *height))
}

/// The posters some media need, by id.
pub(crate) fn poster_ids<'a>(media: impl IntoIterator<Item = &'a Media>) -> Vec<MediaId> {
    let mut ids: Vec<MediaId> = media
        .into_iter()
        .filter_map(|m| match &m.kind {
            MediaKind::Video { poster, .. } => *poster,
            MediaKind::Image { .. } => None,
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
