//! What lists and articles show of other things: article cards, and pictures and figures made
//! from stored media in the page's language.

use std::collections::HashMap;

use askama::Template;
use herald_domain::{Language, Media, MediaId, MediaKind};
use herald_store::ArticleCard;

use crate::html::{DateView, Html, Piece, Text};
use crate::paths;
use crate::{AppState, WebError};

/// `sizes` of a card's picture in a grid of cards.
pub(crate) const CARD_SIZES: &str = "(min-width: 64rem) 20rem, (min-width: 40rem) 45vw, 100vw";
/// `sizes` of the home page's lead picture and of figures in an article.
pub(crate) const WIDE_SIZES: &str = "(min-width: 48rem) 46rem, 100vw";

/// An article in a list.
pub(crate) struct Card {
    pub(crate) href: String,
    pub(crate) title: String,
    pub(crate) lead: String,
    pub(crate) date: DateView,
    pub(crate) picture: Option<Picture>,
}

/// An `<img>` with its sources.
pub(crate) struct Picture {
    pub(crate) src: String,
    /// `srcset` (empty when there is only the original).
    pub(crate) srcset: String,
    pub(crate) sizes: &'static str,
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// Alt text in the page's language (empty if the newsroom wrote none in it).
    pub(crate) alt: String,
    /// `loading="lazy"`, for pictures below the first screen.
    pub(crate) lazy: bool,
}

/// A picture with its caption and credit.
pub(crate) struct Figure {
    pub(crate) picture: Picture,
    pub(crate) caption: Option<String>,
    /// "Photo: …", with the credit isolated.
    pub(crate) credit: Option<Html>,
}

/// A figure as HTML, for placing into an article's body.
#[derive(Template)]
#[template(path = "partials/figure.html")]
struct FigureHtml<'a> {
    figure: &'a Figure,
}

impl Figure {
    pub(crate) fn to_html(&self) -> Result<Html, WebError> {
        Ok(Html::trusted(FigureHtml { figure: self }.render()?))
    }
}

/// The media items with these ids, by id (unknown ids are left out).
pub(crate) async fn load_media(
    state: &AppState,
    ids: &[MediaId],
) -> Result<HashMap<MediaId, Media>, WebError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let media = state.store().media(ids).await?;
    Ok(media.into_iter().map(|m| (m.id, m)).collect())
}

/// The picture of an image in `lang`; `None` for a video.
pub(crate) fn picture(
    media: &Media,
    lang: &Language,
    sizes: &'static str,
    lazy: bool,
) -> Option<Picture> {
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
    let mut sources: Vec<(String, u32)> = variants
        .iter()
        .map(|v| (paths::media(&v.path), v.width))
        .collect();
    if !variants.iter().any(|v| v.width == *width) {
        sources.push((paths::media(path), *width));
    }
    let srcset = if sources.len() > 1 {
        sources
            .iter()
            .map(|(src, w)| format!("{src} {w}w"))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        String::new()
    };
    Some(Picture {
        src: paths::media(path),
        srcset,
        sizes,
        width: *width,
        height: *height,
        alt: media.alt.get(lang).cloned().unwrap_or_default(),
        lazy,
    })
}

/// The figure of an image in the page's language; `None` for a video.
pub(crate) fn figure(t: &Text, media: &Media, lazy: bool) -> Option<Figure> {
    let lang = t.lang();
    let picture = picture(media, lang, WIDE_SIZES, lazy)?;
    let caption = media.caption.get(lang).cloned();
    // A credit is a name: one in another language still credits the right person.
    let credit = media
        .credit
        .best(lang, &[])
        .map(|(_, credit)| t.html("article-photo-credit", &[("credit", Piece::Name(credit))]));
    Some(Figure {
        picture,
        caption,
        credit,
    })
}

/// Cards for a list of articles in the page's language; pictures from `media`. The first
/// `eager` cards load their picture at once, the rest lazily.
pub(crate) fn cards(
    t: &Text,
    items: &[ArticleCard],
    media: &HashMap<MediaId, Media>,
    sizes: &'static str,
    eager: usize,
) -> Vec<Card> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| Card {
            href: paths::article(&item.language, &item.slug, item.id),
            title: item.title.clone(),
            lead: item.lead.clone(),
            date: t.date(item.published_at),
            picture: item
                .lead_image
                .and_then(|id| media.get(&id))
                .and_then(|m| picture(m, t.lang(), sizes, i >= eager)),
        })
        .collect()
}

/// The lead pictures' ids of some cards.
pub(crate) fn lead_images<'a>(items: impl IntoIterator<Item = &'a ArticleCard>) -> Vec<MediaId> {
    let mut ids: Vec<MediaId> = items.into_iter().filter_map(|c| c.lead_image).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
