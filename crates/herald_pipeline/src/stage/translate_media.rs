//! An article's media translated with it: the alt text and caption of each picture and video
//! go into the article's run as extra texts (so the memory and the glossary apply to them),
//! and a video's WebVTT subtitles go through the same engine as a second document, one cue
//! per paragraph, into a new file beside the source one.
//!
//! What a person wrote is never replaced: a text is translated only when the target language
//! has none, or has one the machine made (the store records which). Credits are names and
//! stay as they are. A subtitle file that is missing, too big or not WebVTT, or a folder that
//! cannot be written, leaves a note in the run's summary (and the log): the article's
//! translation does not fail for it.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use herald_domain::{Article, Language, Media, MediaId, MediaKind};
use herald_store::{MachineMediaTexts, MediaText, Store};
use herald_translate::subtitles::WebVtt;

use super::StageError;

/// Largest subtitle file read, in bytes: a feature film's subtitles are well under 1 MiB.
const MAX_SUBTITLE_BYTES: u64 = 4 * 1024 * 1024;

/// What to translate of an article's media, and where each output goes.
#[derive(Debug, Default)]
pub(super) struct MediaPlan {
    /// The texts to add to the article's document as extras, in order.
    pub(super) extras: Vec<String>,
    /// For each extra, the media text its output becomes.
    targets: Vec<(MediaId, MediaText)>,
    /// Videos whose subtitles to translate.
    pub(super) videos: Vec<Subtitles>,
    /// What could not be done, for the run's summary.
    pub(super) notes: Vec<String>,
}

/// A video's subtitle file in the source language, read and parsed.
#[derive(Debug)]
pub(super) struct Subtitles {
    pub(super) media: MediaId,
    /// The target file's path under the media folder (what the media records).
    pub(super) target: String,
    /// The target file on disk.
    target_file: PathBuf,
    pub(super) vtt: WebVtt,
}

/// Every media item the article shows: its lead image, its media list and the figures of its
/// body, each once, in that order.
fn media_ids(article: &Article, body: &str) -> Vec<MediaId> {
    let mut seen = HashSet::new();
    article
        .lead_image
        .into_iter()
        .chain(article.media.iter().copied())
        .chain(figure_ids(body))
        .filter(|id| seen.insert(*id))
        .collect()
}

/// The ids of `<figure data-media-id="N">` placeholders in a body.
fn figure_ids(body: &str) -> Vec<MediaId> {
    const ATTRIBUTE: &str = "data-media-id=\"";
    body.match_indices(ATTRIBUTE)
        .filter_map(|(at, _)| {
            let rest = &body[at + ATTRIBUTE.len()..];
            rest[..rest.find('"')?].parse::<i64>().ok()
        })
        .map(MediaId::new)
        .collect()
}

/// Whether a media text in `to` may be written by the machine: there is none, or the
/// machine made it.
fn writable(
    texts: &herald_domain::Localized<String>,
    to: &Language,
    machine: &[(Language, MediaText)],
    which: MediaText,
) -> bool {
    texts.get(to).is_none() || machine.iter().any(|(l, k)| l == to && *k == which)
}

/// What to translate of the media of `article` (whose original body is `body`) from `from`
/// into `to`. Subtitle files are read from `media_dir`; without one, subtitles are skipped.
pub(super) async fn plan(
    store: &dyn Store,
    article: &Article,
    body: &str,
    from: &Language,
    to: &Language,
    media_dir: Option<&Path>,
) -> Result<MediaPlan, StageError> {
    let mut plan = MediaPlan::default();
    let ids = media_ids(article, body);
    if ids.is_empty() {
        return Ok(plan);
    }
    let media = store.media(&ids).await?;
    let machine = store.machine_media_texts(&ids).await?;
    for item in &media {
        let marks = machine.get(&item.id).map_or(&[][..], Vec::as_slice);
        for (which, texts) in [
            (MediaText::Alt, &item.alt),
            (MediaText::Caption, &item.caption),
        ] {
            let Some(source) = texts.get(from).filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            if writable(texts, to, marks, which) {
                plan.extras.push(source.clone());
                plan.targets.push((item.id, which));
            }
        }
        if let MediaKind::Video { subtitles, .. } = &item.kind
            && let Some(source) = subtitles.get(from)
            && writable(subtitles, to, marks, MediaText::Subtitles)
        {
            match media_dir {
                Some(dir) => match read_subtitles(dir, item, source, from, to).await {
                    Ok(found) => plan.videos.push(found),
                    Err(note) => plan.notes.push(note),
                },
                None => plan.notes.push(format!(
                    "media {}: subtitles not translated, the pipeline has no media folder",
                    item.id.get()
                )),
            }
        }
    }
    Ok(plan)
}

impl MediaPlan {
    /// Stores the translated alt texts and captions (`outputs`: the assembled extras, in the
    /// order of [`MediaPlan::extras`]) and the subtitle files written (`subtitles`: media and
    /// path), one write per media item. Returns how many texts were stored.
    pub(super) async fn save(
        &self,
        store: &dyn Store,
        to: &Language,
        outputs: &[String],
        subtitles: &[(MediaId, String)],
    ) -> Result<usize, StageError> {
        let mut per_media: Vec<(MediaId, MachineMediaTexts)> = Vec::new();
        for ((id, which), output) in self.targets.iter().zip(outputs) {
            let texts = texts_of(&mut per_media, *id);
            match which {
                MediaText::Alt => texts.alt = Some(output.clone()),
                MediaText::Caption => texts.caption = Some(output.clone()),
                MediaText::Subtitles => texts.subtitles = Some(output.clone()),
            }
        }
        for (id, path) in subtitles {
            texts_of(&mut per_media, *id).subtitles = Some(path.clone());
        }
        let mut stored = 0;
        for (id, texts) in per_media {
            if texts.is_empty() {
                continue;
            }
            match store.save_machine_media_texts(id, to, &texts).await {
                Ok(written) => stored += written.len(),
                // Removed since the run began: nothing to show the text on.
                Err(herald_store::StoreError::NotFound(_)) => {}
                Err(error) => return Err(error.into()),
            }
        }
        Ok(stored)
    }
}

/// The texts gathered for `id`, added empty at the end if there are none yet.
fn texts_of(
    per_media: &mut Vec<(MediaId, MachineMediaTexts)>,
    id: MediaId,
) -> &mut MachineMediaTexts {
    let at = match per_media.iter().position(|(m, _)| *m == id) {
        Some(at) => at,
        None => {
            per_media.push((id, MachineMediaTexts::default()));
            per_media.len() - 1
        }
    };
    &mut per_media[at].1
}

/// Reads and parses a video's subtitle file in the source language, and picks the target
/// file beside it. The error is the note to leave.
async fn read_subtitles(
    media_dir: &Path,
    media: &Media,
    source: &str,
    from: &Language,
    to: &Language,
) -> Result<Subtitles, String> {
    let id = media.id.get();
    let Some(relative) = inside(source) else {
        return Err(format!(
            "media {id}: subtitles path {source:?} is not inside the media folder"
        ));
    };
    let file = media_dir.join(&relative);
    let size = tokio::fs::metadata(&file)
        .await
        .map_err(|error| format!("media {id}: cannot read subtitles {source}: {error}"))?
        .len();
    if size > MAX_SUBTITLE_BYTES {
        return Err(format!(
            "media {id}: subtitles {source} are {size} bytes, more than {MAX_SUBTITLE_BYTES}"
        ));
    }
    let bytes = tokio::fs::read(&file)
        .await
        .map_err(|error| format!("media {id}: cannot read subtitles {source}: {error}"))?;
    let vtt = WebVtt::parse(&bytes)
        .map_err(|why| format!("media {id}: subtitles {source} not translated: {why}"))?;
    let target = target_path(source, from, to);
    let Some(target_relative) = inside(&target) else {
        return Err(format!(
            "media {id}: no place for subtitles beside {source}"
        ));
    };
    Ok(Subtitles {
        media: media.id,
        target_file: media_dir.join(target_relative),
        target,
        vtt,
    })
}

/// `path` as a relative path that stays inside the folder it is joined to, if it is one.
fn inside(path: &str) -> Option<PathBuf> {
    let path = Path::new(path);
    let normal = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    (normal && path.file_name().is_some()).then(|| path.to_path_buf())
}

/// The target file beside `source` (in `from`): `clip.en.vtt` → `clip.es.vtt`,
/// `clip.vtt` → `clip.es.vtt`.
fn target_path(source: &str, from: &Language, to: &Language) -> String {
    let (folder, name) = source
        .rsplit_once('/')
        .map_or(("", source), |(f, n)| (f, n));
    let stem = name
        .strip_suffix(".vtt")
        .or_else(|| name.strip_suffix(".VTT"))
        .unwrap_or(name);
    // The source's language suffix gives way to the target's; another dotted word
    // (`clip.final`) is part of the name.
    let stem = match stem.rsplit_once('.') {
        Some((base, tag)) if !base.is_empty() && tag.eq_ignore_ascii_case(from.as_str()) => base,
        _ => stem,
    };
    let name = format!("{stem}.{}.vtt", to.as_str());
    if folder.is_empty() {
        name
    } else {
        format!("{folder}/{name}")
    }
}

impl Subtitles {
    /// The cues with text, as the body of a document: one paragraph per cue, its lines
    /// joined (a sentence may run over two lines), its WebVTT tags as HTML the segmenter
    /// keeps.
    pub(super) fn body(&self) -> String {
        self.vtt.document_body()
    }

    /// Writes the translated file (`body`: the assembled body of [`Subtitles::body`]'s
    /// document) beside the source one, through a temporary file so that a reader never sees
    /// half a file. Returns the path to record on the media; the error is the note to leave.
    pub(super) async fn write(&self, body: &str) -> Result<String, String> {
        let id = self.media.get();
        let translated = self.vtt.with_translations(body).map_err(|(sent, back)| {
            format!("media {id}: {sent} cues sent, {back} came back; subtitles not written")
        })?;
        let text = translated.to_string();
        let file = self.target_file.clone();
        let temporary = file.with_extension("vtt.partial");
        let written = async {
            if let Some(folder) = file.parent() {
                tokio::fs::create_dir_all(folder).await?;
            }
            tokio::fs::write(&temporary, text.as_bytes()).await?;
            tokio::fs::rename(&temporary, &file).await
        }
        .await;
        match written {
            Ok(()) => Ok(self.target.clone()),
            Err(error) => {
                // Best effort: a leftover partial file is only clutter.
                let _ = tokio::fs::remove_file(&temporary).await;
                Err(format!(
                    "media {id}: cannot write subtitles {}: {error}",
                    self.target
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_file_sits_beside_the_source_with_the_language_swapped() {
        let (en, es) = (
            Language::parse("en").unwrap(),
            Language::parse("es").unwrap(),
        );
        assert_eq!(
            target_path("videos/clip.en.vtt", &en, &es),
            "videos/clip.es.vtt"
        );
        assert_eq!(target_path("clip.vtt", &en, &es), "clip.es.vtt");
        assert_eq!(
            target_path("a/b/clip.final.vtt", &en, &es),
            "a/b/clip.final.es.vtt"
        );
        assert!(inside("../etc/passwd").is_none());
        assert!(inside("/etc/passwd").is_none());
        assert!(inside("videos/clip.en.vtt").is_some());
    }

    #[test]
    fn finds_figure_placeholders_in_a_body() {
        let body = "<p>a</p><figure data-media-id=\"7\"></figure><figure data-media-id=\"x\"></figure><figure data-media-id=\"9";
        assert_eq!(figure_ids(body), [MediaId::new(7)]);
    }
}
