//! What is not the story: the rules that mark navigation, ads, share bars, related links,
//! comments, cookie banners and hidden elements, by tag, by ARIA role, and by the words of
//! their `class` and `id`.
//!
//! Class and id names are read as words (`c-article__share-bar` → `c`, `article`, `share`,
//! `bar`): most rules match a whole word or a word's start, because substrings misfire
//! (`ad` is in `head`, `nav` in `canvas`). A name that also says "this is the article body"
//! (`article-body`, `entry-content`, `itemprop=articleBody`) is never boilerplate, and neither
//! is an element holding most of the page's text (WordPress puts `comments-open` on the
//! article itself), which the caller checks.

use super::dom::Tag;

/// Why an element is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    /// Kept (so far).
    Kept,
    /// Never text a reader sees as text: scripts, styles, forms' controls, hidden elements.
    Junk,
    /// An embedded player or frame (looked at for videos, never for text).
    Media,
    /// Navigation, ads, related links, comments… by tag, role, class or id.
    Boilerplate,
    /// Dropped by a per-source override selector.
    Dropped,
    /// Possibly boilerplate (a `<header>`): decided once its text is counted.
    Weak,
}

/// What an element's tag alone says.
pub(crate) fn by_tag(tag: Tag) -> State {
    match tag {
        Tag::Head
        | Tag::Script
        | Tag::Style
        | Tag::Template
        | Tag::Noscript
        | Tag::Title
        | Tag::Meta
        | Tag::Link
        | Tag::Svg
        | Tag::Math
        | Tag::Canvas
        | Tag::Select
        | Tag::Option
        | Tag::Textarea
        | Tag::Input
        | Tag::Button
        | Tag::Dialog
        | Tag::Label
        | Tag::Other => State::Junk,
        Tag::Iframe | Tag::Video | Tag::Audio | Tag::Object | Tag::Embed => State::Media,
        Tag::Nav | Tag::Footer | Tag::Aside | Tag::Menu => State::Boilerplate,
        Tag::Header => State::Weak,

        _ => State::Kept,
    }
}

/// Whether an inline `style` hides the element.
pub(crate) fn hides(style: &str) -> bool {
    let compact: String = style
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// Roles that name boilerplate.
pub(crate) fn boilerplate_role(role: &str) -> bool {
    role.split_ascii_whitespace().any(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "dialog"
                | "alertdialog"
                | "menu"
                | "menubar"
                | "toolbar"
                | "tablist"
        )
    })
}

/// How strongly a name says "boilerplate".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Signal {
    /// Nothing.
    None,
    /// Often boilerplate, but also a modifier of containers (`share`, `meta`, `header`,
    /// `ads`): the caller removes such an element only when it holds little prose.
    Weak,
    /// Boilerplate whatever it holds (`comments`, `sidebar`, `related`, `breadcrumb`).
    Strong,
}

/// Words that, as a whole word of a class or id, are a strong signal.
const STRONG_WORDS: &[&str] = &[
    "affiliate",
    "author",
    "authors",
    "bio",
    "breadcrumb",
    "breadcrumbs",
    "comment",
    "comments",
    "consent",
    "cookie",
    "cookies",
    "disqus",
    "footer",
    "gdpr",
    "kommentare",
    "login",
    "masthead",
    "menu",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "pager",
    "pagination",
    "popular",
    "popup",
    "recommended",
    "related",
    "sidebar",
    "signup",
    "subnav",
    "subscribe",
    "subscription",
    "taboola",
    "trending",
];

/// Word starts that are a strong signal (`comments-list`, `relatedposts`).
const STRONG_PREFIXES: &[&str] = &[
    "breadcrumb",
    "comment",
    "cookie",
    "footer",
    "mostread",
    "mostpopular",
    "navbar",
    "navigation",
    "newsletter",
    "pagination",
    "related",
    "sidebar",
];

/// Words that, as a whole word of a class or id, are a weak signal.
const WEAK_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "advertising",
    "anzeige",
    "banner",
    "bildunterschrift",
    "bilduntertitel",
    "byline",
    "caption",
    "copyright",
    "credit",
    "credits",
    "cta",
    "date",
    "dateline",
    "disclaimer",
    "header",
    "meta",
    "metadata",
    "promo",
    "rating",
    "ratings",
    "share",
    "shariff",
    "sharing",
    "skip",
    "social",
    "sponsor",
    "sponsored",
    "tag",
    "tagcloud",
    "tags",
    "timestamp",
    "toolbar",
    "tools",
    "widget",
    "widgets",
];

/// Word starts that are a weak signal (`sharebar`, `socialicons`).
const WEAK_PREFIXES: &[&str] = &[
    "adsense", "adslot", "adunit", "advert", "caption", "share", "social", "sponsor", "widget",
];

/// Whole class names of text meant only for screen readers or hidden by the site's CSS.
const HIDDEN_NAMES: &[&str] = &[
    "element-invisible",
    "hidden",
    "screen-reader-text",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
];

/// Compact names (the class or id without `-` and `_`) that mark the article body.
const POSITIVE_COMPACT: &[&str] = &[
    "articlebody",
    "articlecontent",
    "articletext",
    "artikeltext",
    "bodytext",
    "entrycontent",
    "maincontent",
    "postbody",
    "postcontent",
    "posttext",
    "storybody",
    "storycontent",
    "storytext",
    "textcontent",
];

/// First words of class names that describe a state of the element, not what it is
/// (`has-sidebar`, `comments-open` is handled by its last word, `enable-pin-share`).
fn state_word(word: &str) -> bool {
    matches!(
        word,
        "has"
            | "no"
            | "with"
            | "without"
            | "is"
            | "enable"
            | "enabled"
            | "disable"
            | "allow"
            | "show"
            | "can"
    )
}

/// What the names of a `class` or `id` value say: the strongest signal, and whether one of
/// them names the article body.
pub(crate) fn by_names(names: &str) -> (Signal, bool) {
    let mut signal = Signal::None;
    let mut positive = false;
    for name in names.split_ascii_whitespace() {
        let lower = name.to_ascii_lowercase();
        if HIDDEN_NAMES.contains(&lower.as_str()) {
            signal = Signal::Strong;
            continue;
        }
        // BEM modifiers (`section--ads`) say how the block looks, not what it is.
        let head = lower.split("--").next().unwrap_or_default();
        let compact: String = head.chars().filter(|c| *c != '-' && *c != '_').collect();
        if POSITIVE_COMPACT.iter().any(|p| compact.contains(p)) {
            positive = true;
            continue;
        }
        let words: Vec<&str> = head
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if words.first().is_some_and(|w| state_word(w))
            || words
                .last()
                .is_some_and(|w| matches!(*w, "open" | "closed" | "enabled"))
        {
            continue;
        }
        for word in &words {
            let found = if STRONG_WORDS.binary_search(word).is_ok()
                || STRONG_PREFIXES.iter().any(|p| word.starts_with(p))
            {
                Signal::Strong
            } else if WEAK_WORDS.binary_search(word).is_ok()
                || WEAK_PREFIXES.iter().any(|p| word.starts_with(p))
            {
                Signal::Weak
            } else {
                Signal::None
            };
            signal = signal.max(found);
        }
    }
    (signal, positive)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_lists_are_sorted_for_binary_search() {
        assert!(STRONG_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(WEAK_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn class_words_are_matched_whole_or_by_their_start() {
        assert_eq!(by_names("c-article__share-bar"), (Signal::Weak, false));
        assert_eq!(by_names("relatedPosts"), (Signal::Strong, false));
        assert_eq!(by_names("masthead-logo"), (Signal::Strong, false));
        assert_eq!(by_names("thread canvas"), (Signal::None, false));
        assert_eq!(by_names("header-image"), (Signal::Weak, false));
    }

    #[test]
    fn article_body_names_are_positive_and_states_and_modifiers_are_ignored() {
        assert_eq!(by_names("article-body js-share"), (Signal::Weak, true));
        assert_eq!(by_names("post hentry comments-open"), (Signal::None, false));
        assert_eq!(
            by_names("full-content enable-pin-share"),
            (Signal::None, false)
        );
        assert_eq!(by_names("field field--label-hidden"), (Signal::None, false));
        assert_eq!(by_names("TestReport__Section--Ads"), (Signal::None, false));
        assert_eq!(by_names("entry_content"), (Signal::None, true));
        assert_eq!(by_names("sr-only"), (Signal::Strong, false));
    }

    #[test]
    fn hidden_styles_and_boilerplate_roles_are_recognised() {
        assert!(hides("color: red; DISPLAY : none"));
        assert!(!hides("display:block"));
        assert!(boilerplate_role("navigation"));
        assert!(!boilerplate_role("main"));
    }
}
