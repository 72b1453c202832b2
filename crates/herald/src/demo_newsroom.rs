//! The sample newsroom bundled for `herald demo`: outlets, sections, topics, authors, places,
//! tags, pictures and articles written for Herald (see `sample/README.md`). Loading is
//! idempotent: a store that already has the sample's first source is left as it is.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Context, anyhow, bail};
use herald_domain::{
    ArticleKind, CanonicalPolicy, EditorialState, ImageVariant, Language, Localized, MediaId,
    MediaKind, NewArticle, Origin, PlaceKind, Provenance, Region, Timestamp, Trust, VersionText,
    VideoSource,
};
use herald_store::{
    NewAuthor, NewCategory, NewMedia, NewPlace, NewSource, NewTerm, Store, VersionDraft,
};
use serde::Deserialize;

mod files {
    include!(concat!(env!("OUT_DIR"), "/sample_files.rs"));
}

/// What a load added.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Loaded {
    /// Sources added.
    pub sources: usize,
    /// Articles added.
    pub articles: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Newsroom {
    sources: Vec<SampleSource>,
    categories: Vec<SampleCategory>,
    topics: Vec<SampleTerm>,
    authors: Vec<SampleAuthor>,
    places: Vec<SamplePlace>,
    tags: Vec<SampleTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SampleSource {
    key: String,
    home_url: url::Url,
    #[serde(default)]
    feeds: Vec<url::Url>,
    language: Language,
    region: String,
    trust: Trust,
    licence: String,
    credit: String,
    canonical: CanonicalPolicy,
    names: BTreeMap<Language, String>,
    #[serde(default)]
    descriptions: BTreeMap<Language, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SampleTerm {
    key: String,
    names: BTreeMap<Language, String>,
    #[serde(default)]
    descriptions: BTreeMap<Language, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SampleCategory {
    key: String,
    parent: Option<String>,
    #[serde(default)]
    position: i32,
    names: BTreeMap<Language, String>,
    #[serde(default)]
    descriptions: BTreeMap<Language, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SampleAuthor {
    key: String,
    source: Option<String>,
    names: BTreeMap<Language, String>,
    #[serde(default)]
    descriptions: BTreeMap<Language, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SamplePlace {
    key: String,
    kind: Option<String>,
    parent: Option<String>,
    names: BTreeMap<Language, String>,
    #[serde(default)]
    descriptions: BTreeMap<Language, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MediaFile {
    images: Vec<SampleImage>,
    #[serde(default)]
    videos: Vec<SampleVideo>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SampleImage {
    key: String,
    file: String,
    width: u32,
    height: u32,
    alt: BTreeMap<Language, String>,
    caption: BTreeMap<Language, String>,
    credit: BTreeMap<Language, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SampleVideo {
    key: String,
    file: String,
    mime: String,
    width: u32,
    height: u32,
    duration_secs: Option<u32>,
    poster: Option<String>,
    subtitles: BTreeMap<Language, String>,
    #[serde(default)]
    alt: BTreeMap<Language, String>,
    caption: BTreeMap<Language, String>,
    credit: BTreeMap<Language, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SampleArticle {
    source: String,
    category: String,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    authors: Vec<String>,
    place: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    kind: ArticleKind,
    published: Timestamp,
    updated: Option<Timestamp>,
    #[serde(default)]
    featured: bool,
    source_url: Option<url::Url>,
    original_language: Language,
    image: Option<String>,
    versions: BTreeMap<Language, SampleVersion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SampleVersion {
    origin: Origin,
    title: String,
    lead: String,
    body: String,
}

fn file(path: &str) -> anyhow::Result<&'static [u8]> {
    files::FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, bytes)| *bytes)
        .ok_or_else(|| anyhow!("the sample newsroom has no {path}"))
}

fn parse<T: serde::de::DeserializeOwned>(path: &str) -> anyhow::Result<T> {
    let text = std::str::from_utf8(file(path)?).with_context(|| format!("sample {path}"))?;
    toml::from_str(text).with_context(|| format!("sample {path}"))
}

fn localized(map: BTreeMap<Language, String>) -> Localized<String> {
    map.into_iter().collect()
}

fn term(
    key: String,
    names: BTreeMap<Language, String>,
    descriptions: BTreeMap<Language, String>,
) -> NewTerm {
    NewTerm {
        key,
        names: localized(names),
        descriptions: localized(descriptions),
    }
}

fn lookup<T: Copy>(map: &HashMap<String, T>, kind: &str, key: &str) -> anyhow::Result<T> {
    map.get(key)
        .copied()
        .ok_or_else(|| anyhow!("the sample refers to an unknown {kind} '{key}'"))
}

/// Loads the sample newsroom into `store`, copying its pictures under `media_dir/sample/`.
pub(crate) async fn load(store: &dyn Store, media_dir: &Path) -> anyhow::Result<Loaded> {
    let newsroom: Newsroom = parse("newsroom.toml")?;
    let first = newsroom
        .sources
        .first()
        .ok_or_else(|| anyhow!("the sample has no source"))?;
    if store.source_by_key(&first.key).await?.is_some() {
        copy_media_files(media_dir)?;
        return Ok(Loaded::default());
    }

    let mut places = HashMap::new();
    // Parents first: a place or category may only refer to one defined earlier in the file.
    for p in newsroom.places {
        let kind = match p.kind.as_deref() {
            None => PlaceKind::Province,
            Some(k) => PlaceKind::parse(k).ok_or_else(|| anyhow!("unknown place kind '{k}'"))?,
        };
        let parent = p
            .parent
            .as_deref()
            .map(|k| lookup(&places, "place", k))
            .transpose()?;
        let place = store
            .create_place(NewPlace {
                term: term(p.key.clone(), p.names, p.descriptions),
                kind,
                parent,
            })
            .await?;
        places.insert(p.key, place.id);
    }

    let mut sources = HashMap::new();
    for s in newsroom.sources {
        let region = match s.region.split_once(':') {
            Some(("province", key)) => Region::Province {
                place: lookup(&places, "place", key)?,
            },
            _ => Region::from_code(&s.region)
                .ok_or_else(|| anyhow!("unknown region '{}'", s.region))?,
        };
        let source = store
            .create_source(NewSource {
                key: s.key.clone(),
                names: localized(s.names),
                descriptions: localized(s.descriptions),
                home_url: s.home_url,
                feeds: s.feeds,
                language: s.language,
                region,
                trust: s.trust,
                licence: s.licence,
                credit: s.credit,
                canonical: s.canonical,
                poll_interval_secs: 900,
            })
            .await?;
        sources.insert(s.key, source.id);
    }

    let mut categories = HashMap::new();
    for c in newsroom.categories {
        let parent = c
            .parent
            .as_deref()
            .map(|k| lookup(&categories, "category", k))
            .transpose()?;
        let category = store
            .create_category(NewCategory {
                term: term(c.key.clone(), c.names, c.descriptions),
                parent,
                position: c.position,
            })
            .await?;
        categories.insert(c.key, category.id);
    }

    let mut topics = HashMap::new();
    for t in newsroom.topics {
        let topic = store
            .create_topic(term(t.key.clone(), t.names, t.descriptions))
            .await?;
        topics.insert(t.key, topic.id);
    }
    let mut tags = HashMap::new();
    for t in newsroom.tags {
        let tag = store
            .create_tag(term(t.key.clone(), t.names, t.descriptions))
            .await?;
        tags.insert(t.key, tag.id);
    }
    let mut authors = HashMap::new();
    for a in newsroom.authors {
        let source = a
            .source
            .as_deref()
            .map(|k| lookup(&sources, "source", k))
            .transpose()?;
        let author = store
            .create_author(NewAuthor {
                term: term(a.key.clone(), a.names, a.descriptions),
                source,
            })
            .await?;
        authors.insert(a.key, author.id);
    }

    copy_media_files(media_dir)?;
    let media_file: MediaFile = parse("media.toml")?;
    let mut media: HashMap<String, MediaId> = HashMap::new();
    for image in media_file.images {
        let created = store
            .create_media(NewMedia {
                key: image.key.clone(),
                kind: MediaKind::Image {
                    path: format!("sample/{}", image.file),
                    mime: "image/jpeg".to_owned(),
                    width: image.width,
                    height: image.height,
                    variants: variants_of(&image),
                },
                alt: localized(image.alt),
                caption: localized(image.caption),
                credit: localized(image.credit),
                rights: Some("Made for Herald; same licence as the project".to_owned()),
            })
            .await?;
        media.insert(image.key, created.id);
    }
    for video in media_file.videos {
        let poster = video
            .poster
            .as_deref()
            .map(|k| lookup(&media, "image", k))
            .transpose()?;
        let created = store
            .create_media(NewMedia {
                key: video.key.clone(),
                kind: MediaKind::Video {
                    source: VideoSource::File {
                        path: format!("sample/videos/{}", video.file),
                        mime: video.mime,
                    },
                    poster,
                    subtitles: video
                        .subtitles
                        .into_iter()
                        .map(|(lang, file)| (lang, format!("sample/videos/{file}")))
                        .collect(),
                    duration_secs: video.duration_secs,
                },
                alt: localized(video.alt),
                caption: localized(video.caption),
                credit: localized(video.credit),
                rights: Some("Made for Herald; same licence as the project".to_owned()),
            })
            .await?;
        let _ = (video.width, video.height);
        media.insert(video.key, created.id);
    }

    let mut article_files: Vec<&str> = files::FILES
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| p.starts_with("articles/") && p.ends_with(".toml"))
        .collect();
    article_files.sort_unstable();
    let mut count = 0;
    for path in article_files {
        let a: SampleArticle = parse(path)?;
        load_article(
            store,
            a,
            &Refs {
                sources: &sources,
                categories: &categories,
                topics: &topics,
                authors: &authors,
                places: &places,
                tags: &tags,
                media: &media,
            },
        )
        .await
        .with_context(|| format!("sample {path}"))?;
        count += 1;
    }
    Ok(Loaded {
        sources: sources.len(),
        articles: count,
    })
}

struct Refs<'a> {
    sources: &'a HashMap<String, herald_domain::SourceId>,
    categories: &'a HashMap<String, herald_domain::CategoryId>,
    topics: &'a HashMap<String, herald_domain::TopicId>,
    authors: &'a HashMap<String, herald_domain::AuthorId>,
    places: &'a HashMap<String, herald_domain::PlaceId>,
    tags: &'a HashMap<String, herald_domain::TagId>,
    media: &'a HashMap<String, MediaId>,
}

async fn load_article(store: &dyn Store, a: SampleArticle, refs: &Refs<'_>) -> anyhow::Result<()> {
    let mut versions = a.versions;
    let original = versions.remove(&a.original_language).ok_or_else(|| {
        anyhow!(
            "no version in its original language {}",
            a.original_language
        )
    })?;
    if original.origin != Origin::Original {
        bail!(
            "the {} version must have origin 'original'",
            a.original_language
        );
    }
    let mut inline_media = Vec::new();
    let original_body = resolve_figures(&original.body, refs.media, &mut inline_media)?;
    let id = store
        .create_article(NewArticle {
            source: lookup(refs.sources, "source", &a.source)?,
            source_url: a.source_url,
            kind: a.kind,
            category: lookup(refs.categories, "category", &a.category)?,
            topics: a
                .topics
                .iter()
                .map(|k| lookup(refs.topics, "topic", k))
                .collect::<anyhow::Result<_>>()?,
            tags: a
                .tags
                .iter()
                .map(|k| lookup(refs.tags, "tag", k))
                .collect::<anyhow::Result<_>>()?,
            authors: a
                .authors
                .iter()
                .map(|k| lookup(refs.authors, "author", k))
                .collect::<anyhow::Result<_>>()?,
            place: a
                .place
                .as_deref()
                .map(|k| lookup(refs.places, "place", k))
                .transpose()?,
            lead_image: a
                .image
                .as_deref()
                .map(|k| lookup(refs.media, "image", k))
                .transpose()?,
            media: inline_media.clone(),
            featured: a.featured,
            published_at: a.published,
            updated_at: a.updated.unwrap_or(a.published),
            original: VersionText {
                language: a.original_language.clone(),
                title: original.title,
                lead: original.lead,
                body: original_body,
            },
            state: EditorialState::Published,
        })
        .await?;
    for (language, version) in versions {
        let body = resolve_figures(&version.body, refs.media, &mut inline_media)?;
        store
            .save_version(VersionDraft {
                article: id,
                language,
                title: version.title,
                lead: version.lead,
                body,
                origin: version.origin,
                provenance: Some(Provenance {
                    engine: "person".to_owned(),
                    model: None,
                    made_at: a.updated.unwrap_or(a.published),
                    from_language: a.original_language.clone(),
                    from_revision: 1,
                    qa_flags: Vec::new(),
                    translator: None,
                }),
                state: EditorialState::Published,
            })
            .await?;
    }
    Ok(())
}

/// Turns `<figure data-media="key">` placeholders into `<figure data-media-id="N">`, which
/// the site fills in with the picture, its caption and credit in the reader's language.
fn resolve_figures(
    body: &str,
    media: &HashMap<String, MediaId>,
    used: &mut Vec<MediaId>,
) -> anyhow::Result<String> {
    const MARK: &str = "data-media=\"";
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find(MARK) {
        out.push_str(&rest[..start]);
        let after = &rest[start + MARK.len()..];
        let end = after
            .find('"')
            .ok_or_else(|| anyhow!("unclosed data-media attribute"))?;
        let id = lookup(media, "image", &after[..end])?;
        if !used.contains(&id) {
            used.push(id);
        }
        out.push_str(&format!("data-media-id=\"{id}\""));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The resized copies made by `sample/images/make_variants.py` for one image, smallest first.
fn variants_of(image: &SampleImage) -> Vec<ImageVariant> {
    let stem = image.file.trim_end_matches(".jpg");
    let prefix = format!("images/variants/{stem}-");
    let mut variants: Vec<ImageVariant> = files::FILES
        .iter()
        .filter_map(|(path, _)| {
            let width: u32 = path
                .strip_prefix(&prefix)?
                .strip_suffix(".jpg")?
                .parse()
                .ok()?;
            let height = u32::try_from(
                u64::from(image.height) * u64::from(width) / u64::from(image.width.max(1)),
            )
            .ok()?;
            Some(ImageVariant {
                path: format!("sample/{}", &path["images/".len()..]),
                width,
                height,
            })
        })
        .collect();
    variants.sort_by_key(|v| v.width);
    variants
}

/// Writes the sample's pictures, videos and subtitles under `media_dir/sample/`, skipping
/// files already there with the same size.
fn copy_media_files(media_dir: &Path) -> anyhow::Result<()> {
    for (path, bytes) in files::FILES {
        let rel = if let Some(rest) = path.strip_prefix("images/") {
            rest
        } else if path.starts_with("videos/") {
            path
        } else {
            continue;
        };
        if !matches!(rel.rsplit('.').next(), Some("jpg" | "webm" | "mp4" | "vtt")) {
            continue;
        }
        let dest = media_dir.join("sample").join(rel);
        if dest.metadata().is_ok_and(|m| m.len() == bytes.len() as u64) {
            continue;
        }
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&dest, bytes).with_context(|| format!("cannot write {}", dest.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_figure_placeholders_to_media_ids() {
        let media = HashMap::from([("lotus".to_owned(), MediaId::new(7))]);
        let mut used = Vec::new();
        let body = resolve_figures(
            "<p>a</p><figure data-media=\"lotus\"></figure>",
            &media,
            &mut used,
        )
        .unwrap();
        assert_eq!(body, "<p>a</p><figure data-media-id=\"7\"></figure>");
        assert_eq!(used, [MediaId::new(7)]);
        assert!(
            resolve_figures("<figure data-media=\"nope\"></figure>", &media, &mut used).is_err()
        );
    }

    #[test]
    fn every_sample_file_parses() {
        let newsroom: Newsroom = parse("newsroom.toml").unwrap();
        assert!(newsroom.sources.len() >= 3);
        let _: MediaFile = parse("media.toml").unwrap();
        let articles: Vec<SampleArticle> = files::FILES
            .iter()
            .filter(|(p, _)| p.starts_with("articles/"))
            .map(|(p, _)| parse(p).unwrap())
            .collect();
        assert!(articles.len() >= 12, "{} articles", articles.len());
        for a in &articles {
            for lang in ["vi", "en", "fa"] {
                assert!(a.versions.contains_key(&Language::parse(lang).unwrap()));
            }
        }
    }
}
