//! The main text: which part of the page is the story, and its blocks in order.
//!
//! In the spirit of Readability and trafilatura, but in a few linear passes over the flat
//! page ([`super::dom::Dom`]), never recursing:
//!
//! 1. mark what is not the story ([`super::boiler`]): by tag, hidden, by role, by class and
//!    id words — unless the element holds most of the page's text — and by the source's drop
//!    selectors;
//! 2. count, bottom-up, the visible characters, the characters inside links and the commas
//!    of every element;
//! 3. score every run of text that is long enough to be a paragraph (one point, one per
//!    comma, one per 100 characters up to three) and give the score to the paragraph's
//!    container, half to the next one up, a third to the next two; an element's score is
//!    discounted by its link density and moved by its class (`article-body` up, `comment`
//!    down);
//! 4. the best-scoring element is the story, with its siblings that score well or read like
//!    prose; a source's body selector replaces steps 3 and 4;
//! 5. collect the blocks under it in document order — paragraphs, headings, list items,
//!    quotes, table rows, figures with their captions, preformatted text — leaving out
//!    blocks that are mostly links;
//! 6. if that is very short, fall back to every prose-like paragraph of the page.

use std::collections::HashSet;

use ego_tree::NodeId;
use url::Url;

use super::boiler::{self, Signal, State};
use super::dom::{Dom, Tag};
use super::{BlockKind, media};

/// A block as collected, before sanitising.
#[derive(Debug, Clone)]
pub(crate) struct RawBlock {
    pub(crate) kind: BlockKind,
    /// Its text on one line.
    pub(crate) text: String,
    /// Its HTML as rebuilt from the page (text escaped, a few inline elements), unsanitised.
    pub(crate) html: String,
    /// For a figure, its images.
    pub(crate) images: Vec<media::RawImage>,
    /// For a table cell, its row (cells of one row are merged).
    row: Option<u32>,
}

/// What the body pass found.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub(crate) blocks: Vec<RawBlock>,
    pub(crate) videos: Vec<Url>,
}

/// The per-source choices, resolved against the parsed page.
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    /// Elements the body selector matched.
    pub(crate) body: HashSet<NodeId>,
    /// Elements the drop selectors matched.
    pub(crate) drop: HashSet<NodeId>,
}

/// A paragraph must have this many characters to count in the scores.
const MIN_PARAGRAPH_CHARS: u32 = 25;

/// At most this many blocks are collected: ten times a very long article, and a bound on
/// the work of sanitising them one by one.
const MAX_BLOCKS: usize = 2_000;

/// A block of at least this many characters, not mostly links, is prose.
const PROSE_CHARS: u32 = 50;

/// How far up from the best-scoring element the story may extend.
const CLIMB_LEVELS: usize = 12;

/// What other text costs when extending the story: an ancestor is taken when the prose it
/// adds outweighs this many times the other text it adds.
const CLIMB_PENALTY: f32 = 1.0;

/// The story's place in the page.
#[derive(Debug, Default)]
struct Choice {
    /// The best-scoring element and the siblings that go with it: all their blocks are taken.
    core: Vec<usize>,
    /// An ancestor of the core whose other prose belongs to the story too (a lead above the
    /// body, the second half of a story split by an advertisement): only its prose is taken.
    extent: Option<usize>,
}

/// A result shorter than this (in visible characters) makes the fallback run.
const SHORT_RESULT_CHARS: u32 = 200;

/// The analysis of one page.
struct Page<'d, 'a> {
    dom: &'d Dom<'a>,
    state: Vec<State>,
    /// Visible characters of each subtree (kept nodes only).
    chars: Vec<u32>,
    /// Of those, characters inside links.
    links: Vec<u32>,
    /// Commas and other clause punctuation of each subtree.
    commas: Vec<u32>,
}

/// Visible characters (not whitespace) and commas of a text.
fn count(text: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    if text.is_ascii() {
        for b in text.bytes() {
            if !b.is_ascii_whitespace() {
                chars += 1;
                if b == b',' {
                    commas += 1;
                }
            }
        }
    } else {
        for c in text.chars() {
            if !c.is_whitespace() {
                chars += 1;
                if matches!(c, ',' | '،' | '，' | '、') {
                    commas += 1;
                }
            }
        }
    }
    (chars, commas)
}

impl<'d, 'a> Page<'d, 'a> {
    fn new(dom: &'d Dom<'a>, resolved: &Resolved) -> Self {
        let n = dom.len();
        let mut page = Self {
            dom,
            state: vec![State::Kept; n],
            chars: vec![0; n],
            links: vec![0; n],
            commas: vec![0; n],
        };
        page.mark_junk();
        page.count();
        page.mark_boilerplate(resolved);
        page.count();
        page
    }

    /// Pass 1: what tags and attributes alone rule out.
    fn mark_junk(&mut self) {
        let dom = self.dom;
        for i in 1..dom.len() {
            let item = dom.items[i];
            let parent = self.state[item.parent as usize];
            if !matches!(parent, State::Kept | State::Weak) {
                self.state[i] = parent;
                continue;
            }
            let mut state = boiler::by_tag(item.tag);
            if state == State::Kept
                && item.tag != Tag::Text
                && (dom.attr(i, "hidden").is_some()
                    || dom.attr(i, "style").is_some_and(boiler::hides))
            {
                state = State::Junk;
            }
            self.state[i] = state;
        }
    }

    /// Pass 2 (and 4): the counts of kept nodes, bottom-up.
    fn count(&mut self) {
        let dom = self.dom;
        self.chars.fill(0);
        self.links.fill(0);
        self.commas.fill(0);
        for i in (1..dom.len()).rev() {
            if !matches!(self.state[i], State::Kept | State::Weak) {
                continue;
            }
            let item = dom.items[i];
            if item.tag == Tag::Text {
                let (chars, commas) = count(dom.text(i));
                self.chars[i] = chars;
                self.commas[i] = commas;
            } else if item.tag == Tag::A {
                self.links[i] = self.chars[i];
            }
            let p = item.parent as usize;
            self.chars[p] += self.chars[i];
            self.links[p] += self.links[i];
            self.commas[p] += self.commas[i];
        }
    }

    /// Pass 3: boilerplate by tag, role, class and id, and the source's drop selectors.
    fn mark_boilerplate(&mut self, resolved: &Resolved) {
        let dom = self.dom;
        let total = (self.chars[0] - self.links[0]).max(1);
        let mut names = String::new();
        for i in 1..dom.len() {
            let item = dom.items[i];
            let parent = self.state[item.parent as usize];
            if parent != State::Kept {
                self.state[i] = parent;
                continue;
            }
            if self.state[i] != State::Kept {
                // Junk and media stay; tags that are boilerplate yield to the text they hold.
                if self.state[i] == State::Boilerplate && self.holds_most(i, total) {
                    self.state[i] = State::Kept;
                }
                if self.state[i] == State::Weak {
                    self.state[i] = if self.little_prose(i) {
                        State::Boilerplate
                    } else {
                        State::Kept
                    };
                }
                if self.state[i] != State::Kept {
                    continue;
                }
            }
            if matches!(item.tag, Tag::Text | Tag::Html | Tag::Body) {
                continue;
            }
            if resolved.drop.contains(&item.node.id()) {
                self.state[i] = State::Dropped;
                continue;
            }
            if dom.attr(i, "role").is_some_and(boiler::boilerplate_role)
                && !self.holds_most(i, total)
            {
                self.state[i] = State::Boilerplate;
                continue;
            }
            if dom
                .attr(i, "aria-hidden")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
                && self.chars[i] < 200
            {
                self.state[i] = State::Junk;
                continue;
            }
            names.clear();
            for attr in ["class", "id"] {
                if let Some(value) = dom.attr(i, attr) {
                    names.push_str(value);
                    names.push(' ');
                }
            }
            if names.is_empty() {
                continue;
            }
            let (signal, positive) = boiler::by_names(&names);
            let remove = !positive
                && match signal {
                    Signal::Strong => !self.holds_most(i, total),
                    Signal::Weak => self.little_prose(i),
                    Signal::None => false,
                };
            if remove {
                self.state[i] = State::Boilerplate;
            }
        }
    }

    /// Whether an element holds little prose: short, or mostly links.
    fn little_prose(&self, i: usize) -> bool {
        self.chars[i] < 200 || self.links[i] * 2 > self.chars[i]
    }

    /// Whether an element holds more than half of the page's visible text outside links.
    fn holds_most(&self, i: usize, total: u32) -> bool {
        (self.chars[i] - self.links[i]) * 2 > total
    }

    fn link_density(&self, i: usize) -> f32 {
        if self.chars[i] == 0 {
            0.0
        } else {
            self.links[i] as f32 / self.chars[i] as f32
        }
    }

    /// The nearest block-level ancestor-or-self of every node.
    fn owners(&self) -> Vec<u32> {
        let dom = self.dom;
        let mut owner = vec![0u32; dom.len()];
        for i in 1..dom.len() {
            let item = dom.items[i];
            owner[i] = if item.tag.is_block() {
                i as u32
            } else {
                owner[item.parent as usize]
            };
        }
        owner
    }

    /// Steps 3 and 4: the elements whose blocks make the story, in document order.
    fn choose(&self) -> Choice {
        let dom = self.dom;
        let n = dom.len();
        let owner = self.owners();
        // Text of each owner that is its own (not inside a nested block).
        let mut own_chars = vec![0u32; n];
        let mut own_commas = vec![0u32; n];
        let mut own_links = vec![0u32; n];
        let mut in_link = vec![false; n];
        for i in 1..n {
            let item = dom.items[i];
            in_link[i] = item.tag == Tag::A || in_link[item.parent as usize];
            if self.state[i] == State::Kept && item.tag == Tag::Text {
                let o = owner[i] as usize;
                own_chars[o] += self.chars[i];
                own_commas[o] += self.commas[i];
                if in_link[i] {
                    own_links[o] += self.chars[i];
                }
            }
        }
        // Prose: text of blocks long enough and not mostly links, per subtree.
        let mut prose = vec![0u32; n];
        for i in (1..n).rev() {
            if self.state[i] != State::Kept {
                continue;
            }
            if own_chars[i] >= PROSE_CHARS && own_links[i] * 3 < own_chars[i] {
                prose[i] += own_chars[i];
            }
            let p = dom.items[i].parent as usize;
            prose[p] += prose[i];
        }
        let mut score = vec![0f32; n];
        for i in 1..n {
            if own_chars[i] < MIN_PARAGRAPH_CHARS || self.state[i] != State::Kept {
                continue;
            }
            let points = 1.0 + own_commas[i] as f32 + (own_chars[i] as f32 / 100.0).min(3.0);
            // A paragraph element gives its score to its container; a container's own loose
            // text counts for itself.
            let mut at = if matches!(
                dom.items[i].tag,
                Tag::P | Tag::Pre | Tag::Td | Tag::Li | Tag::Dd | Tag::Heading(_)
            ) {
                dom.items[i].parent as usize
            } else {
                i
            };
            for level in 0..5 {
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    _ => level as f32 * 3.0,
                };
                score[at] += points / divider;
                if at == 0 {
                    break;
                }
                at = dom.items[at].parent as usize;
            }
        }
        let mut best = None;
        let mut best_score = 0f32;
        for (i, score) in score.iter_mut().enumerate().skip(1) {
            if *score <= 0.0 || self.state[i] != State::Kept {
                continue;
            }
            let s = *score * (1.0 - self.link_density(i)) + self.class_weight(i);
            *score = s;
            if s > best_score {
                best_score = s;
                best = Some(i);
            }
        }
        let Some(best) = best else {
            return Choice::default();
        };

        // The extent: the ancestor that adds the most prose for the least other text.
        let mut extent = best;
        let mut best_gain = 0f32;
        let mut at = best;
        for _ in 0..CLIMB_LEVELS {
            at = dom.items[at].parent as usize;
            if at == 0 || matches!(dom.items[at].tag, Tag::Html | Tag::Body) {
                break;
            }
            // Signed: prose counts text by its block's owner, chars by the kept path up the
            // tree, so on malformed pages a node can hold more prose than chars.
            let other = |i: usize| self.chars[i] as f32 - prose[i] as f32;
            let added_prose = prose[at] as f32 - prose[best] as f32;
            let added_other = other(at) - other(best);
            let gain = added_prose - CLIMB_PENALTY * added_other;
            if gain > best_gain {
                best_gain = gain;
                extent = at;
            }
        }
        // Siblings that belong with it.
        let parent = dom.items[best].parent as usize;
        if parent == 0 || matches!(dom.items[parent].tag, Tag::Html) {
            return Choice {
                core: vec![best],
                extent: (extent != best).then_some(extent),
            };
        }
        let threshold = (best_score * 0.2).max(10.0);
        let mut chosen = Vec::new();
        let mut child = parent + 1;
        let end = dom.items[parent].end as usize;
        while child < end {
            let next = dom.items[child].end as usize;
            if child == best
                || self.state[child] == State::Kept
                    && (score[child] >= threshold || self.reads_like_prose(child))
            {
                chosen.push(child);
            }
            child = next;
        }
        Choice {
            core: chosen,
            extent: (extent != best).then_some(extent),
        }
    }

    /// A sibling of the story that is a paragraph of prose (Readability's rule).
    fn reads_like_prose(&self, i: usize) -> bool {
        let item = self.dom.items[i];
        if item.tag != Tag::P {
            return false;
        }
        let chars = self.chars[i];
        let density = self.link_density(i);
        chars > 80 && density < 0.25 || chars > 0 && density == 0.0 && self.commas[i] > 0
    }

    /// What an element's names say about it.
    fn class_weight(&self, i: usize) -> f32 {
        let dom = self.dom;
        if dom
            .attr(i, "itemprop")
            .is_some_and(|v| v.contains("articleBody") || v.contains("articlebody"))
        {
            return 25.0;
        }
        let mut weight = 0.0;
        for attr in ["class", "id"] {
            if let Some(value) = dom.attr(i, attr) {
                let (signal, positive) = boiler::by_names(value);
                if positive {
                    weight += 25.0;
                } else if signal == Signal::Strong {
                    weight -= 25.0;
                }
            }
        }
        if matches!(dom.items[i].tag, Tag::Article | Tag::Main) {
            weight += 10.0;
        }
        weight
    }

    /// Step 6: every paragraph of the page that reads like prose.
    fn prose_everywhere(&self) -> Vec<usize> {
        let dom = self.dom;
        let mut out = Vec::new();
        let mut i = 1;
        while i < dom.len() {
            let item = dom.items[i];
            if self.state[i] != State::Kept {
                i = item.end as usize;
                continue;
            }
            if matches!(item.tag, Tag::P | Tag::Pre | Tag::Blockquote)
                && self.chars[i] >= 50
                && self.link_density(i) < 0.3
            {
                out.push(i);
                i = item.end as usize;
                continue;
            }
            i += 1;
        }
        out
    }
}

/// Finds the story in a parsed page and collects its blocks.
pub(crate) fn main_content(dom: &Dom<'_>, base: Option<&Url>, resolved: &Resolved) -> Body {
    let page = Page::new(dom, resolved);
    let mut collector = Collector::new(&page, base);
    let roots: Vec<usize> = if resolved.body.is_empty() {
        let choice = page.choose();
        match choice.extent {
            Some(extent) => {
                collector.core = choice
                    .core
                    .iter()
                    .map(|&c| (c as u32, dom.items[c].end))
                    .collect();
                vec![extent]
            }
            None => choice.core,
        }
    } else {
        let mut roots = Vec::new();
        let mut i = 1;
        while i < dom.len() {
            if resolved.body.contains(&dom.items[i].node.id()) {
                roots.push(i);
                i = dom.items[i].end as usize;
            } else {
                i += 1;
            }
        }
        roots
    };
    for &root in &roots {
        collector.collect(root);
    }
    let mut body = collector.finish();
    if resolved.body.is_empty() && visible(&body.blocks) < SHORT_RESULT_CHARS {
        let mut fallback = Collector::new(&page, base);
        for root in page.prose_everywhere() {
            fallback.collect(root);
        }
        let fallback = fallback.finish();
        if visible(&fallback.blocks) > visible(&body.blocks) {
            body.blocks = fallback.blocks;
        }
    }
    body
}

/// The visible characters of blocks.
fn visible(blocks: &[RawBlock]) -> u32 {
    blocks.iter().map(|b| count(&b.text).0).sum()
}

/// An open block-level element while collecting.
struct Context {
    index: u32,
    end: u32,
    kind: BlockKind,
    /// Its `lang` and `dir`, to carry into the block's HTML.
    attrs: String,
}

/// An open figure.
struct Figure {
    end: u32,
    images: Vec<media::RawImage>,
    caption: String,
}

/// An open inline element whose tag was written to the HTML.
struct Inline {
    end: u32,
    name: &'static str,
    written: bool,
}

/// Collects blocks from chosen subtrees.
struct Collector<'p, 'd, 'a> {
    page: &'p Page<'d, 'a>,
    base: Option<&'p Url>,
    blocks: Vec<RawBlock>,
    videos: Vec<Url>,
    text: String,
    html: String,
    chars: u32,
    link_chars: u32,
    contexts: Vec<Context>,
    inlines: Vec<Inline>,
    figures: Vec<Figure>,
    /// Whether the text so far ends in a space (collapsing whitespace as it comes).
    space: bool,
    /// Depth of `<pre>` and `<a>` elements open.
    in_pre: u32,
    in_link: u32,
    /// When the story extends beyond its core: the core's ranges. Blocks outside them are
    /// taken only when they are prose.
    core: Vec<(u32, u32)>,
}

impl<'p, 'd, 'a> Collector<'p, 'd, 'a> {
    fn new(page: &'p Page<'d, 'a>, base: Option<&'p Url>) -> Self {
        Self {
            page,
            base,
            blocks: Vec::new(),
            videos: Vec::new(),
            text: String::new(),
            html: String::new(),
            chars: 0,
            link_chars: 0,
            contexts: Vec::new(),
            inlines: Vec::new(),
            figures: Vec::new(),
            space: true,
            in_pre: 0,
            in_link: 0,
            core: Vec::new(),
        }
    }

    fn kind_of(&self, i: usize) -> BlockKind {
        let dom = self.page.dom;
        match dom.items[i].tag {
            Tag::Heading(level) => BlockKind::Heading { level },
            Tag::Li | Tag::Dd | Tag::Dt => BlockKind::ListItem {
                ordered: dom.items[dom.items[i].parent as usize].tag == Tag::Ol,
            },
            Tag::Blockquote => BlockKind::Quote,
            Tag::Pre => BlockKind::Preformatted,
            Tag::Td | Tag::Th | Tag::Tr => BlockKind::TableRow,
            Tag::Figcaption | Tag::Caption => BlockKind::Caption,
            _ => match self.contexts.last() {
                // Paragraphs inside quotes and list items take their kind.
                Some(Context {
                    kind: kind @ (BlockKind::Quote | BlockKind::ListItem { .. }),
                    ..
                }) => *kind,
                _ => BlockKind::Paragraph,
            },
        }
    }

    /// Collects the blocks of the subtree at `root`.
    fn collect(&mut self, root: usize) {
        let dom = self.page.dom;
        let state = &self.page.state;
        let end = dom.items[root].end as usize;
        let mut i = root;
        while i < end {
            self.close_until(i as u32);
            let item = dom.items[i];
            if state[i] != State::Kept {
                if state[i] == State::Media {
                    self.videos.extend(media::video(dom, i, self.base));
                }
                i = item.end as usize;
                continue;
            }
            match item.tag {
                Tag::Text => self.push_text(dom.text(i)),
                Tag::Br => {
                    self.push_text(" ");
                    self.html.push_str("<br>");
                }
                Tag::Img => {
                    if let Some(image) = media::image(dom, i, self.base) {
                        match self.figures.last_mut() {
                            Some(figure) => figure.images.push(image),
                            None => self.standalone_image(image),
                        }
                    }
                }
                Tag::Figure => {
                    self.flush();
                    self.figures.push(Figure {
                        end: item.end,
                        images: Vec::new(),
                        caption: String::new(),
                    });
                }
                Tag::A => {
                    self.in_link += 1;
                    let href = dom.attr(i, "href").unwrap_or_default();
                    self.html.push_str("<a href=\"");
                    escape_into(href, &mut self.html);
                    self.html.push_str("\">");
                    self.inlines.push(Inline {
                        end: item.end,
                        name: "a",
                        written: true,
                    });
                }
                Tag::Inline(name) => {
                    self.html.push('<');
                    self.html.push_str(name);
                    self.html.push('>');
                    self.inlines.push(Inline {
                        end: item.end,
                        name,
                        written: true,
                    });
                }
                Tag::Code => {
                    self.html.push_str("<code>");
                    self.inlines.push(Inline {
                        end: item.end,
                        name: "code",
                        written: true,
                    });
                }
                tag if tag.is_block() => {
                    self.flush();
                    if tag == Tag::Pre {
                        self.in_pre += 1;
                    }
                    let mut attrs = String::new();
                    for name in ["lang", "dir"] {
                        if let Some(value) = dom.attr(i, name) {
                            attrs.push(' ');
                            attrs.push_str(name);
                            attrs.push_str("=\"");
                            escape_into(value, &mut attrs);
                            attrs.push('"');
                        }
                    }
                    let kind = self.kind_of(i);
                    self.contexts.push(Context {
                        index: i as u32,
                        end: item.end,
                        kind,
                        attrs,
                    });
                }
                _ => {}
            }
            i += 1;
        }
        self.close_until(u32::MAX);
        self.flush();
    }

    /// Closes the inline and block elements that end before node `i`.
    fn close_until(&mut self, i: u32) {
        loop {
            let inline_end = self.inlines.last().map_or(u32::MAX, |x| x.end);
            let context_end = self.contexts.last().map_or(u32::MAX, |x| x.end);
            let figure_end = self.figures.last().map_or(u32::MAX, |x| x.end);
            let first = inline_end.min(context_end).min(figure_end);
            if first > i || first == u32::MAX {
                break;
            }
            if inline_end == first {
                if let Some(inline) = self.inlines.pop() {
                    if inline.name == "a" {
                        self.in_link = self.in_link.saturating_sub(1);
                    }
                    if inline.written {
                        self.html.push_str("</");
                        self.html.push_str(inline.name);
                        self.html.push('>');
                    }
                }
            } else if context_end == first {
                self.flush();
                if let Some(context) = self.contexts.pop()
                    && context.kind == BlockKind::Preformatted
                {
                    self.in_pre = self.in_pre.saturating_sub(1);
                }
            } else {
                self.flush();
                if let Some(figure) = self.figures.pop() {
                    self.finish_figure(figure);
                }
            }
        }
    }

    fn push_text(&mut self, text: &str) {
        let (chars, _) = count(text);
        self.chars += chars;
        if self.in_link > 0 {
            self.link_chars += chars;
        }
        if self.in_pre > 0 {
            self.text.push_str(text);
            escape_into(text, &mut self.html);
            self.space = text.ends_with(char::is_whitespace);
            return;
        }
        let words = text.split(char::is_whitespace);
        let starts_with_space = text.starts_with(char::is_whitespace);
        let ends_with_space = text.ends_with(char::is_whitespace);
        if starts_with_space && !self.space {
            self.text.push(' ');
            self.html.push(' ');
            self.space = true;
        }
        let mut first = true;
        for word in words {
            if word.is_empty() {
                continue;
            }
            if !first && !self.space {
                self.text.push(' ');
                self.html.push(' ');
            }
            first = false;
            self.text.push_str(word);
            escape_into(word, &mut self.html);
            self.space = false;
        }
        if ends_with_space && !self.space && !first {
            self.text.push(' ');
            self.html.push(' ');
            self.space = true;
        }
    }

    /// Ends the current block: the buffered text becomes a block of the innermost open
    /// element's kind (or the caption of the open figure).
    fn flush(&mut self) {
        // Inline elements open across the boundary are closed in this block's HTML.
        for inline in self.inlines.iter_mut().rev() {
            if inline.written {
                self.html.push_str("</");
                self.html.push_str(inline.name);
                self.html.push('>');
                inline.written = false;
            }
        }
        let text = finish_text(&self.text);
        let html = std::mem::take(&mut self.html);
        let (chars, links) = (self.chars, self.link_chars);
        self.text.clear();
        self.chars = 0;
        self.link_chars = 0;
        self.space = true;
        if text.is_empty()
            || !text.chars().any(char::is_alphanumeric)
            || self.blocks.len() >= MAX_BLOCKS
        {
            return;
        }
        if let Some(figure) = self.figures.last_mut() {
            if !figure.caption.is_empty() {
                figure.caption.push(' ');
            }
            figure.caption.push_str(&text);
            return;
        }
        let kind = self
            .contexts
            .last()
            .map_or(BlockKind::Paragraph, |c| c.kind);

        // Mostly links: navigation that survived, "read also" lines.
        if links * 3 > chars * 2 {
            return;
        }
        // A lone short word (a date, "Print", "Back") is not a paragraph of the story.
        if chars < 12 && kind == BlockKind::Paragraph && !text.contains(' ') {
            return;
        }

        if !self.core.is_empty() {
            let at = self.contexts.last().map_or(0, |c| c.index);
            let in_core = self
                .core
                .iter()
                .any(|&(start, end)| start <= at && at < end);
            if !in_core && (chars < PROSE_CHARS || links * 3 >= chars) {
                return;
            }
        }

        let attrs = self.contexts.last().map_or("", |c| c.attrs.as_str());
        let row = if kind == BlockKind::TableRow {
            let dom = self.page.dom;
            self.contexts
                .iter()
                .rev()
                .find(|c| dom.items[c.index as usize].tag == Tag::Tr)
                .map(|c| c.index)
        } else {
            None
        };
        let tag = match kind {
            BlockKind::Paragraph => "p",
            BlockKind::Heading { level } => match level {
                1 => "h1",
                2 => "h2",
                3 => "h3",
                4 => "h4",
                5 => "h5",
                _ => "h6",
            },
            BlockKind::ListItem { .. } => "li",
            BlockKind::Quote => "blockquote",
            BlockKind::Preformatted => "pre",
            BlockKind::TableRow => {
                let dom = self.page.dom;
                match self.contexts.last() {
                    Some(c) if dom.items[c.index as usize].tag == Tag::Th => "th",
                    _ => "td",
                }
            }
            BlockKind::Caption | BlockKind::Figure => "figcaption",
        };
        let html = format!("<{tag}{attrs}>{}</{tag}>", html.trim());
        self.blocks.push(RawBlock {
            kind,
            text,
            html,
            images: Vec::new(),
            row,
        });
    }

    fn finish_figure(&mut self, figure: Figure) {
        if figure.images.is_empty() && figure.caption.is_empty() {
            return;
        }
        let mut html = String::from("<figure>");
        for image in &figure.images {
            html.push_str("<img src=\"");
            escape_into(image.url.as_str(), &mut html);
            html.push('"');
            if let Some(alt) = &image.alt {
                html.push_str(" alt=\"");
                escape_into(alt, &mut html);
                html.push('"');
            }
            html.push('>');
        }
        if !figure.caption.is_empty() {
            html.push_str("<figcaption>");
            escape_into(&figure.caption, &mut html);
            html.push_str("</figcaption>");
        }
        html.push_str("</figure>");
        self.blocks.push(RawBlock {
            kind: BlockKind::Figure,
            text: figure.caption,
            html,
            images: figure.images,
            row: None,
        });
    }

    fn standalone_image(&mut self, image: media::RawImage) {
        if !image.large_enough() {
            return;
        }
        self.flush();
        let mut html = String::from("<figure><img src=\"");
        escape_into(image.url.as_str(), &mut html);
        html.push('"');
        if let Some(alt) = &image.alt {
            html.push_str(" alt=\"");
            escape_into(alt, &mut html);
            html.push('"');
        }
        html.push_str("></figure>");
        self.blocks.push(RawBlock {
            kind: BlockKind::Figure,
            text: String::new(),
            html,
            images: vec![image],
            row: None,
        });
    }

    fn finish(mut self) -> Body {
        self.close_until(u32::MAX);
        self.flush();
        Body {
            blocks: merge_rows(self.blocks),
            videos: self.videos,
        }
    }
}

/// Table cells of one row become one block, cells separated by a tab; its HTML is the row.
fn merge_rows(blocks: Vec<RawBlock>) -> Vec<RawBlock> {
    let mut out: Vec<RawBlock> = Vec::with_capacity(blocks.len());
    for mut block in blocks {
        if block.kind == BlockKind::TableRow {
            if let Some(last) = out.last_mut()
                && last.kind == BlockKind::TableRow
                && last.row.is_some()
                && last.row == block.row
            {
                last.text.push('\t');
                last.text.push_str(&block.text);
                last.html.truncate(last.html.len() - "</tr>".len());
                last.html.push_str(&block.html);
                last.html.push_str("</tr>");
                continue;
            }
            block.html = format!("<tr>{}</tr>", block.html);
        }
        out.push(block);
    }
    out
}

/// A block's text: whitespace collapsed, trimmed, normalised (NFC, no control characters).
fn finish_text(text: &str) -> String {
    let trimmed = text.trim();
    if trimmed.is_ascii() {
        trimmed
            .split_ascii_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        herald_domain::text::normalize_line(trimmed)
    }
}

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}
