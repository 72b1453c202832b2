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
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use herald_domain::{Article, Language, Media, MediaId, MediaKind};
use herald_store::{MachineMediaTexts, MediaText, Store};

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
    /// keeps (see [`cue_to_html`]).
    pub(super) fn body(&self) -> String {
        self.vtt
            .cues()
            .map(|cue| format!("<p>{}</p>", cue_to_html(&cue.lines.join(" "))))
            .collect()
    }

    /// Writes the translated file (`body`: the assembled body of [`Subtitles::body`]'s
    /// document) beside the source one, through a temporary file so that a reader never sees
    /// half a file. Returns the path to record on the media; the error is the note to leave.
    pub(super) async fn write(&self, body: &str) -> Result<String, String> {
        let id = self.media.get();
        let texts = html_paragraphs(body);
        if texts.len() != self.vtt.cues().count() {
            return Err(format!(
                "media {id}: {} cues sent, {} came back; subtitles not written",
                self.vtt.cues().count(),
                texts.len()
            ));
        }
        let mut translated = self.vtt.clone();
        for (cue, html) in translated.cues_mut().zip(texts) {
            cue.lines = rewrap(&html_to_cue(&html), cue.lines.len());
        }
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

// --- WebVTT ---

/// A WebVTT file, kept as written except for the cues' text: header, comment, style and
/// region blocks and blocks that are not cues come back verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WebVtt {
    /// `WEBVTT` and the header lines after it.
    header: Vec<String>,
    blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    /// Written back as it came (`NOTE`, `STYLE`, `REGION`, or a block that is not a cue).
    Verbatim(Vec<String>),
    Cue(Cue),
}

/// One cue: identifier, timing line (with its settings) and text lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cue {
    id: Option<String>,
    timing: String,
    pub(super) lines: Vec<String>,
}

impl WebVtt {
    /// Parses a file: UTF-8 with or without a byte-order mark, any line endings. Fails (with
    /// the reason) on a file that is not WebVTT or has no cue with text; never panics.
    pub(super) fn parse(bytes: &[u8]) -> Result<Self, String> {
        let text = std::str::from_utf8(bytes).map_err(|_| "the file is not UTF-8".to_owned())?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut lines = text.split('\n');
        let first = lines.next().unwrap_or_default();
        let signature = first
            .strip_prefix("WEBVTT")
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
        if !signature {
            return Err("the file does not start with WEBVTT".to_owned());
        }
        let mut header = vec![first.to_owned()];
        let mut blocks = Vec::new();
        let mut current: Vec<String> = Vec::new();
        let mut in_header = true;
        for line in lines {
            if line.trim().is_empty() {
                in_header = false;
                if !current.is_empty() {
                    blocks.push(Block::from_lines(std::mem::take(&mut current)));
                }
            } else if in_header {
                header.push(line.to_owned());
            } else {
                current.push(line.to_owned());
            }
        }
        if !current.is_empty() {
            blocks.push(Block::from_lines(current));
        }
        let vtt = Self { header, blocks };
        if vtt.cues().next().is_none() {
            return Err("the file has no cue with text".to_owned());
        }
        Ok(vtt)
    }

    /// The cues that have text, in order.
    pub(super) fn cues(&self) -> impl Iterator<Item = &Cue> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Cue(cue) if !cue.lines.is_empty() => Some(cue),
            _ => None,
        })
    }

    fn cues_mut(&mut self) -> impl Iterator<Item = &mut Cue> {
        self.blocks.iter_mut().filter_map(|b| match b {
            Block::Cue(cue) if !cue.lines.is_empty() => Some(cue),
            _ => None,
        })
    }
}

impl Block {
    fn from_lines(lines: Vec<String>) -> Self {
        let starts = |word: &str| {
            lines[0]
                .strip_prefix(word)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        };
        if starts("NOTE") || starts("STYLE") || starts("REGION") {
            return Self::Verbatim(lines);
        }
        let (id, timing_at) = if is_timing(&lines[0]) {
            (None, 0)
        } else if lines.get(1).is_some_and(|l| is_timing(l)) {
            (Some(lines[0].clone()), 1)
        } else {
            return Self::Verbatim(lines);
        };
        Self::Cue(Cue {
            id,
            timing: lines[timing_at].clone(),
            lines: lines[timing_at + 1..].to_vec(),
        })
    }
}

/// Whether a line is a cue timing line: `start --> end` and optional settings.
fn is_timing(line: &str) -> bool {
    let Some((start, rest)) = line.split_once("-->") else {
        return false;
    };
    let end = rest.split_whitespace().next().unwrap_or_default();
    is_timestamp(start.trim()) && is_timestamp(end)
}

/// `mm:ss.ttt` or `hh:mm:ss.ttt` (hours may have more digits).
fn is_timestamp(text: &str) -> bool {
    let Some((clock, millis)) = text.split_once('.') else {
        return false;
    };
    let digits = |s: &str, n: Option<usize>| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && n.is_none_or(|n| s.len() == n)
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let clock_ok = match parts.as_slice() {
        [m, s] => digits(m, Some(2)) && digits(s, Some(2)),
        [h, m, s] => digits(h, None) && h.len() >= 2 && digits(m, Some(2)) && digits(s, Some(2)),
        _ => false,
    };
    clock_ok && digits(millis, Some(3))
}

impl std::fmt::Display for WebVtt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.header.join("\n"))?;
        f.write_str("\n")?;
        for block in &self.blocks {
            f.write_str("\n")?;
            match block {
                Block::Verbatim(lines) => {
                    for line in lines {
                        writeln!(f, "{line}")?;
                    }
                }
                Block::Cue(cue) => {
                    if let Some(id) = &cue.id {
                        writeln!(f, "{id}")?;
                    }
                    writeln!(f, "{}", cue.timing)?;
                    for line in &cue.lines {
                        writeln!(f, "{line}")?;
                    }
                }
            }
        }
        Ok(())
    }
}

// --- cue text ↔ HTML ---
//
// The segmenter keeps inline HTML elements as stand-ins and gives them back with their
// attributes, and the sanitiser it ends with keeps `i`, `b`, `u` and `span` with a `title`.
// So `<i>`, `<b>`, `<u>` stay themselves, and every other WebVTT tag (`<v Speaker>`, `<c.red>`,
// `<lang en>`, `<ruby>`, `<i.loud>`) becomes a `span` whose title is the tag: the speaker's
// name is not translated and the tag comes back as written. Timestamp tags (karaoke timing
// inside a cue) cannot follow words across languages and are dropped.

/// A cue's text as inline HTML.
fn cue_to_html(text: &str) -> String {
    let mut out = String::new();
    // Open tags: (WebVTT name, HTML name).
    let mut open: Vec<(String, &'static str)> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let Some(end) = rest[at..].find('>') else {
            // A `<` never closed is text.
            out.push_str("&lt;");
            rest = &rest[at + 1..];
            continue;
        };
        let tag = &rest[at + 1..at + end];
        rest = &rest[at + end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            if let Some(depth) = open.iter().rposition(|(n, _)| n == name) {
                for (_, html) in open.drain(depth..).rev() {
                    let _ = write!(out, "</{html}>");
                }
            }
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| !matches!(c, '.' | ' ' | '\t'))
            .collect();
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if matches!(name.as_str(), "i" | "b" | "u") && tag == name {
            let html = match name.as_str() {
                "i" => "i",
                "b" => "b",
                _ => "u",
            };
            let _ = write!(out, "<{html}>");
            open.push((name, html));
        } else {
            out.push_str("<span title=\"");
            escape_attribute(tag, &mut out);
            out.push_str("\">");
            open.push((name, "span"));
        }
    }
    out.push_str(rest);
    for (_, html) in open.into_iter().rev() {
        let _ = write!(out, "</{html}>");
    }
    out
}

fn escape_attribute(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

fn unescape_attribute(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The inner HTML of each top-level `<p>` of a sanitised body, in order.
fn html_paragraphs(body: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for token in html_tokens(body) {
        match token {
            HtmlToken::Open(tag) if tag_name(tag) == "p" => {
                if depth > 0 {
                    current.push('<');
                    current.push_str(tag);
                    current.push('>');
                }
                depth += 1;
            }
            HtmlToken::Close("p") => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    paragraphs.push(std::mem::take(&mut current));
                } else {
                    current.push_str("</p>");
                }
            }
            _ if depth == 0 => {}
            HtmlToken::Open(tag) => {
                current.push('<');
                current.push_str(tag);
                current.push('>');
            }
            HtmlToken::Close(name) => {
                let _ = write!(current, "</{name}>");
            }
            HtmlToken::Text(text) => current.push_str(text),
        }
    }
    paragraphs
}

/// A paragraph's inner HTML back as cue text: `i`, `b`, `u` as they are, a titled `span` as
/// the WebVTT tag of its title, any other element dropped (its text kept). Text stays
/// escaped: HTML's `&amp;`, `&lt;`, `&gt;` and `&nbsp;` are WebVTT's too.
fn html_to_cue(html: &str) -> String {
    let mut out = String::new();
    // For each open element, its closing WebVTT tag (empty when dropped).
    let mut closing: Vec<String> = Vec::new();
    for token in html_tokens(html) {
        match token {
            HtmlToken::Text(text) => out.push_str(text),
            HtmlToken::Open(tag) => {
                let name = tag_name(tag);
                let close = match name {
                    "i" | "b" | "u" => {
                        let _ = write!(out, "<{name}>");
                        format!("</{name}>")
                    }
                    "span" => match title(tag) {
                        Some(vtt) if !vtt.is_empty() && !vtt.contains(['<', '>']) => {
                            let _ = write!(out, "<{vtt}>");
                            let vtt_name: String = vtt
                                .chars()
                                .take_while(|c| !matches!(c, '.' | ' ' | '\t'))
                                .collect();
                            format!("</{vtt_name}>")
                        }
                        _ => String::new(),
                    },
                    "br" => {
                        out.push(' ');
                        continue;
                    }
                    _ => String::new(),
                };
                if !is_void(name) {
                    closing.push(close);
                }
            }
            HtmlToken::Close(_) => {
                if let Some(close) = closing.pop() {
                    out.push_str(&close);
                }
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_void(name: &str) -> bool {
    matches!(name, "br" | "img" | "wbr" | "hr")
}

/// The `title` attribute of a start tag's inside (`span title="v Lan"`), unescaped.
fn title(tag: &str) -> Option<String> {
    let at = tag.find(" title=\"")?;
    let rest = &tag[at + " title=\"".len()..];
    let end = rest.find('"')?;
    Some(unescape_attribute(&rest[..end]))
}

fn tag_name(tag: &str) -> &str {
    tag.split([' ', '\t', '\n', '/']).next().unwrap_or_default()
}

#[derive(Debug, PartialEq, Eq)]
enum HtmlToken<'a> {
    /// A start tag's inside, without `<` and `>`.
    Open(&'a str),
    /// An end tag's name.
    Close(&'a str),
    Text(&'a str),
}

/// Tokens of serialised HTML, as the sanitiser writes it: text escapes `<`, so every `<`
/// starts a tag, and attribute values escape `"`.
fn html_tokens(html: &str) -> Vec<HtmlToken<'_>> {
    let mut tokens = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(at) = rest.find('<') else {
            tokens.push(HtmlToken::Text(rest));
            break;
        };
        if at > 0 {
            tokens.push(HtmlToken::Text(&rest[..at]));
        }
        let after = &rest[at + 1..];
        let Some(end) = tag_end(after) else {
            tokens.push(HtmlToken::Text(&rest[at..]));
            break;
        };
        let inside = &after[..end];
        if let Some(name) = inside.strip_prefix('/') {
            tokens.push(HtmlToken::Close(name.trim()));
        } else if !inside.starts_with('!') {
            tokens.push(HtmlToken::Open(inside.trim_end_matches('/').trim_end()));
        }
        rest = &after[end + 1..];
    }
    tokens
}

/// Where a tag's `>` is, outside quoted attribute values.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// `text` on `lines` lines (at least one), broken at spaces outside tags so that the lines
/// are of about even length: a two-line cue stays two lines in the other language.
fn rewrap(text: &str, lines: usize) -> Vec<String> {
    let words = words_outside_tags(text);
    if lines <= 1 || words.len() <= 1 {
        return vec![text.to_owned()];
    }
    let lines = lines.min(words.len());
    let total: usize = words.iter().map(|w| w.chars().count() + 1).sum();
    let mut out = Vec::with_capacity(lines);
    let mut line = String::new();
    let mut length = 0usize;
    let mut left = words.len();
    for word in words {
        let room = lines - out.len();
        // Break once this line holds its share, keeping a word for each line still to come.
        let share = total * (out.len() + 1) / lines;
        if !line.is_empty() && room > 1 && (length >= share || left < room) {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        length += word.chars().count() + 1;
        left -= 1;
    }
    out.push(line);
    out
}

/// The words of cue text, a tag with spaces in it (`<v Lan Pham>`) staying in its word.
fn words_outside_tags(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut in_tag = false;
    for (i, c) in text.char_indices() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if c.is_whitespace() && !in_tag => {
                if let Some(s) = start.take() {
                    words.push(&text[s..i]);
                }
                continue;
            }
            _ => {}
        }
        if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        words.push(&text[s..]);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\u{feff}WEBVTT - Harbour night\r\nKind: captions\r\n\r\nNOTE made for Herald\r\nby hand\r\n\r\nSTYLE\r\n::cue { color: yellow }\r\n\r\nintro\r\n00:00.500 --> 00:03.500 align:start line:90%\r\n<v Lan Pham>Dusk settles\r\nover the harbour.\r\n\r\n00:00:03.500 --> 00:00:06.000\r\nThe <i>last</i> ferry &amp; the <c.yellow>lights</c>.\r\n";

    #[test]
    fn parses_header_notes_identifiers_settings_and_multi_line_cues() {
        let vtt = WebVtt::parse(FILE.as_bytes()).unwrap();
        assert_eq!(vtt.header, ["WEBVTT - Harbour night", "Kind: captions"]);
        let cues: Vec<&Cue> = vtt.cues().collect();
        assert_eq!(cues.len(), 2);
        assert_eq!(cues[0].id.as_deref(), Some("intro"));
        assert_eq!(
            cues[0].timing,
            "00:00.500 --> 00:03.500 align:start line:90%"
        );
        assert_eq!(
            cues[0].lines,
            ["<v Lan Pham>Dusk settles", "over the harbour."]
        );
        assert_eq!(cues[1].id, None);
        assert!(matches!(&vtt.blocks[0], Block::Verbatim(l) if l[0] == "NOTE made for Herald"));
    }

    #[test]
    fn writes_back_what_it_read_with_unix_line_endings() {
        let vtt = WebVtt::parse(FILE.as_bytes()).unwrap();
        let expected = FILE.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        assert_eq!(vtt.to_string(), expected);
    }

    #[test]
    fn refuses_what_is_not_webvtt_without_panicking() {
        for bad in [
            &b""[..],
            b"WEBVTTX\n\n00:01.000 --> 00:02.000\nhi\n",
            b"1\n00:00:01,000 --> 00:00:02,000\nan SRT file\n",
            b"WEBVTT\n\nNOTE only a note\n",
            b"WEBVTT\n\n00:01.000 --> 00:02.000\n",
            b"\xff\xfeW\0E\0",
            b"WEBVTT\n\n00:01.000 -->\n<<<\n",
        ] {
            assert!(WebVtt::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn cue_tags_survive_the_round_trip_through_html() {
        let text = "<v Lan Pham>The <i>last</i> ferry &amp; the <c.yellow>lights</c>.";
        let html = cue_to_html(text);
        assert_eq!(
            html,
            "<span title=\"v Lan Pham\">The <i>last</i> ferry &amp; the <span title=\"c.yellow\">lights</span>.</span>"
        );
        assert_eq!(
            html_to_cue(&html),
            "<v Lan Pham>The <i>last</i> ferry &amp; the <c.yellow>lights</c>.</v>"
        );
    }

    #[test]
    fn timestamps_and_stray_brackets_in_cues_do_not_break_the_html() {
        assert_eq!(cue_to_html("a <00:01.000>b < c"), "a b &lt; c");
        assert_eq!(cue_to_html("</i>x<b>y"), "x<b>y</b>");
    }

    #[test]
    fn paragraphs_of_a_sanitised_body_come_back_in_order() {
        let body = "<p>Uno <i>dos</i></p>\n<p><span title=\"v A\">tres</span></p><p>a &lt; b</p>";
        assert_eq!(
            html_paragraphs(body),
            [
                "Uno <i>dos</i>",
                "<span title=\"v A\">tres</span>",
                "a &lt; b"
            ]
        );
    }

    #[test]
    fn rewraps_a_translation_onto_as_many_lines() {
        assert_eq!(
            rewrap("<v Lan Pham>Cae la tarde sobre el puerto.", 2),
            ["<v Lan Pham>Cae la tarde", "sobre el puerto."]
        );
        assert_eq!(rewrap("una", 3), ["una"]);
        assert_eq!(rewrap("a b", 3), ["a", "b"]);
        assert_eq!(rewrap("uno dos", 1), ["uno dos"]);
    }

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
