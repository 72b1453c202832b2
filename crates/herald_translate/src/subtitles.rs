//! WebVTT subtitles for translation: a file is read keeping everything but the cues' text as
//! written (header, NOTE, STYLE and REGION blocks, identifiers, timings and their settings),
//! its cues become one paragraph each of a document the segmenter takes (cue tags such as
//! `<v Speaker>`, `<i>`, `<c.yellow>` carried as HTML it keeps), and the translated paragraphs
//! are put back, each rewrapped onto as many lines as its cue had. Pure: reading and writing
//! the files is the caller's.

use std::fmt::Write as _;

use crate::protect::escape_attribute;

/// A WebVTT file, kept as written except for the cues' text: header, comment, style and
/// region blocks and blocks that are not cues come back verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebVtt {
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
pub struct Cue {
    id: Option<String>,
    timing: String,
    lines: Vec<String>,
}

impl WebVtt {
    /// The cues with text as the body of a document for the segmenter: one paragraph per cue,
    /// its lines joined (a sentence may run over two lines), its WebVTT tags as HTML the
    /// segmenter keeps.
    #[must_use]
    pub fn document_body(&self) -> String {
        self.cues()
            .map(|cue| format!("<p>{}</p>", cue_to_html(&cue.lines.join(" "))))
            .collect()
    }

    /// This file with each cue's text replaced by the matching paragraph of `body` (the
    /// translation of [`WebVtt::document_body`]'s document), rewrapped onto as many lines as
    /// the cue had. Fails with the counts of cues and paragraphs when they differ.
    pub fn with_translations(&self, body: &str) -> Result<Self, (usize, usize)> {
        let texts = html_paragraphs(body);
        let cues = self.cues().count();
        if texts.len() != cues {
            return Err((cues, texts.len()));
        }
        let mut translated = self.clone();
        for (cue, html) in translated.cues_mut().zip(texts) {
            cue.lines = rewrap(&html_to_cue(&html), cue.lines.len());
        }
        Ok(translated)
    }
    /// Parses a file: UTF-8 with or without a byte-order mark, any line endings. Fails (with
    /// the reason) on a file that is not WebVTT or has no cue with text; never panics.
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
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
    pub fn cues(&self) -> impl Iterator<Item = &Cue> {
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
}
