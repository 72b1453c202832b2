//! What lists and articles show of other things: article cards, and pictures and figures made
//! from stored media. Videos are in `video.rs`.

use std::collections::HashMap;

use askama::Template;
use herald_domain::{ArticleId, Language, Media, MediaId, MediaKind};
use herald_store::ArticleCard;

use crate::html::{DateView, Html, LangMark, Piece, Text};
use crate::paths;
use crate::{AppState, WebError};

/// `sizes` of a card's picture in a grid of cards.
pub(crate) const CARD_SIZES: &str = "(min-width: 64rem) 20rem, (min-width: 40rem) 45vw, 100vw";
/// `sizes` of the home page's lead picture and of figures in an article.
pub(crate) const WIDE_SIZES: &str = "(min-width: 48rem) 46rem, 100vw";

/// The message of the small label on cards of articles that carry a video.
const VIDEO_LABEL: &str = "card-video";

/// An article in a list.
pub(crate) struct Card {
    /// The article under the page's language, whatever language the card shows.
    pub(crate) href: String,
    pub(crate) title: String,
    pub(crate) lead: String,
    pub(crate) date: DateView,
    pub(crate) picture: Option<Picture>,
    /// `lang` and `dir` of the title and lead, when they are in another language than the
    /// page (a version from the content fallbacks).
    pub(crate) mark: Option<LangMark>,
    /// That other language, named in the page's language.
    pub(crate) language: Option<String>,
    /// A small "Video" label, on lists of articles that carry one.
    pub(crate) video: Option<String>,
    /// "3 comments", linking to them, when the article has approved comments in the page's
    /// language.
    pub(crate) comments: Option<String>,
}

/// How soon a picture loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Loading {
    /// The page's lead picture: loaded at once, ahead of other resources
    /// (`fetchpriority="high"`).
    Lead,
    /// Loaded when it comes near the screen (`loading="lazy"`).
    Lazy,
}

/// An `<img>` with its sources.
pub(crate) struct Picture {
    pub(crate) src: String,
    /// `srcset` (empty when there is only the original).
    pub(crate) srcset: String,
    pub(crate) sizes: &'static str,
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// Alt text in the language of the text around it, else in a content fallback (empty if
    /// the newsroom wrote none at all).
    pub(crate) alt: String,
    /// `lang` and `dir` of the alt text, when it is in another language than the text around.
    pub(crate) alt_mark: Option<LangMark>,
    /// `loading="lazy"`.
    pub(crate) lazy: bool,
    /// `fetchpriority="high"`.
    pub(crate) lead: bool,
}

/// A picture with its caption and credit.
pub(crate) struct Figure {
    pub(crate) picture: Picture,
    pub(crate) caption: Option<String>,
    /// `lang` and `dir` of the caption, when it is in another language than the text around.
    pub(crate) caption_mark: Option<LangMark>,
    /// "Photo: …", with the credit isolated.
    pub(crate) credit: Option<Html>,
    /// `lang` and `dir` of the credit, which is worded in the page's language, when the
    /// figure sits in an article shown in another.
    pub(crate) credit_mark: Option<LangMark>,
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

/// The picture of an image, its alt text in `text_lang` (the language of the text around it)
/// or a content fallback; `None` for a video. `srcset` lists the resized copies no wider than
/// the original, then the original, each width once.
pub(crate) fn picture(
    t: &Text,
    media: &Media,
    text_lang: &Language,
    sizes: &'static str,
    loading: Loading,
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
    let mut sources: Vec<(u32, String)> = variants
        .iter()
        .filter(|v| v.width > 0 && v.width < *width)
        .map(|v| (v.width, paths::media(&v.path)))
        .collect();
    sources.sort_by_key(|(w, _)| *w);
    sources.dedup_by_key(|(w, _)| *w);
    let original = paths::media(path);
    let srcset = if sources.is_empty() {
        String::new()
    } else {
        sources
            .iter()
            .map(|(w, src)| format!("{src} {w}w"))
            .chain([format!("{original} {width}w")])
            .collect::<Vec<_>>()
            .join(", ")
    };
    let alt = t.best(&media.alt, text_lang);
    Some(Picture {
        src: original,
        srcset,
        sizes,
        width: *width,
        height: *height,
        alt: alt.map(|(_, alt)| alt.clone()).unwrap_or_default(),
        alt_mark: alt.and_then(|(l, _)| LangMark::between(l, text_lang)),
        lazy: loading == Loading::Lazy,
        lead: loading == Loading::Lead,
    })
}

/// The figure of an image, its alt text and caption in `text_lang` (the language of the
/// article it sits in) or a content fallback, and its credit line in the page's; `None` for a
/// video.
pub(crate) fn figure(
    t: &Text,
    media: &Media,
    text_lang: &Language,
    loading: Loading,
) -> Option<Figure> {
    let picture = picture(t, media, text_lang, WIDE_SIZES, loading)?;
    let caption = t.best(&media.caption, text_lang);
    // A credit is a name: one in another language still credits the right person.
    let credit = media
        .credit
        .best(t.lang(), std::slice::from_ref(text_lang))
        .map(|(_, credit)| t.html("article-photo-credit", &[("credit", Piece::Name(credit))]));
    Some(Figure {
        picture,
        caption: caption.map(|(_, c)| c.clone()),
        caption_mark: caption.and_then(|(l, _)| LangMark::between(l, text_lang)),
        credit,
        credit_mark: LangMark::between(t.lang(), text_lang),
    })
}

/// Which cards of a list are special.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CardStyle {
    /// The first card's picture is the page's lead picture; the others load lazily.
    pub(crate) first_is_lead: bool,
    /// Every card is labelled as a video.
    pub(crate) videos: bool,
}

/// Cards for a list of articles, linked under the page's language; pictures from `media`.
/// A card whose version is in another language than the page (a content fallback) has its
/// title and lead marked with that language, and a label naming it.
pub(crate) fn cards(
    t: &Text,
    items: &[ArticleCard],
    media: &HashMap<MediaId, Media>,
    comments: &HashMap<ArticleId, u64>,
    sizes: &'static str,
    style: CardStyle,
) -> Vec<Card> {
    let lang = t.lang();
    let video = style.videos.then(|| t.get(VIDEO_LABEL));
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let loading = if i == 0 && style.first_is_lead {
                Loading::Lead
            } else {
                Loading::Lazy
            };
            Card {
                href: paths::article(lang, &item.slug, item.id),
                title: item.title.clone(),
                lead: item.lead.clone(),
                date: t.date(item.published_at),
                picture: item
                    .lead_image
                    .and_then(|id| media.get(&id))
                    .and_then(|m| picture(t, m, lang, sizes, loading)),
                mark: LangMark::between(&item.language, lang),
                language: (item.language != *lang).then(|| t.language_name(&item.language)),
                video: video.clone(),
                comments: comments.get(&item.id).map(|&n| {
                    let count = i64::try_from(n).unwrap_or(i64::MAX);
                    t.format("comments-count", &[("count", count.into())])
                }),
            }
        })
        .collect()
}

/// How many approved comments in `t`'s language each of these articles has (those without
/// any are left out): one read for a whole page of cards.
pub(crate) async fn comment_counts<'a>(
    state: &AppState,
    t: &Text,
    items: impl IntoIterator<Item = &'a ArticleCard>,
) -> Result<HashMap<ArticleId, u64>, WebError> {
    let mut ids: Vec<ArticleId> = items.into_iter().map(|c| c.id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(state.store().comment_counts(&ids, Some(t.lang())).await?)
}

/// The lead pictures' ids of some cards.
pub(crate) fn lead_images<'a>(items: impl IntoIterator<Item = &'a ArticleCard>) -> Vec<MediaId> {
    let mut ids: Vec<MediaId> = items.into_iter().filter_map(|c| c.lead_image).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
