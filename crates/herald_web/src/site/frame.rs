//! The frame around every page (`templates/base.html`): `<head>` with canonical and
//! `hreflang` links, the header with the site's name, the main menu and the language
//! switcher, and the footer.

use herald_domain::{CategoryId, Language};
use herald_store::{ListLanguages, TermIds, Terms};

use crate::html::Text;
use crate::paths;
use crate::{AppState, assets};

/// What `base.html` shows around a page.
pub(crate) struct Frame {
    /// The page's locale.
    pub(crate) t: Text,
    /// `lang` of `<html>`.
    pub(crate) lang: String,
    /// `dir` of `<html>`: `ltr` or `rtl`.
    pub(crate) dir: &'static str,
    pub(crate) site_name: String,
    /// `<title>`.
    pub(crate) title: String,
    /// `<meta name="description">`.
    pub(crate) description: Option<String>,
    /// Absolute canonical URL.
    pub(crate) canonical: Option<String>,
    /// `<link rel="alternate" hreflang>`: the page in each language, then `x-default`.
    pub(crate) alternates: Vec<Alternate>,
    /// The home page in this language.
    pub(crate) home: String,
    pub(crate) stylesheet: String,
    /// The main menu: top-level sections with articles in this language.
    pub(crate) nav: Vec<NavItem>,
    /// The language switcher: this page in each language it exists in.
    pub(crate) languages: Vec<LanguageLink>,
    /// The footer's list of the site's languages (their home pages).
    pub(crate) site_languages: Vec<LanguageLink>,
    /// JSON-LD describing the page, already safe inside `<script>` (see [`json_ld`]).
    pub(crate) structured_data: Option<String>,
    /// `<meta name="robots">`, for pages search engines should not index.
    pub(crate) robots: Option<&'static str>,
    /// The search page in this language, where the header's search form goes.
    pub(crate) search: String,
}

/// `value` as JSON-LD text that cannot close its `<script>` element or open a comment: `<`,
/// `>` and `&` are written as JSON escapes, which mean the same to a JSON reader.
pub(crate) fn json_ld(value: &serde_json::Value) -> String {
    let mut out = String::new();
    for c in value.to_string().chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// One `<link rel="alternate" hreflang>`.
pub(crate) struct Alternate {
    pub(crate) hreflang: String,
    pub(crate) href: String,
}

/// One entry of the main menu.
pub(crate) struct NavItem {
    pub(crate) name: String,
    pub(crate) href: String,
    pub(crate) current: bool,
}

/// A link to a page in some language, named by the language's autonym.
pub(crate) struct LanguageLink {
    pub(crate) tag: String,
    pub(crate) dir: &'static str,
    pub(crate) autonym: String,
    pub(crate) href: String,
    pub(crate) current: bool,
}

impl LanguageLink {
    pub(crate) fn new(t: &Text, lang: &Language, href: String, current: bool) -> Self {
        Self {
            tag: lang.to_string(),
            dir: lang.direction().as_str(),
            autonym: t.autonym(lang),
            href,
            current,
        }
    }
}

/// What the main menu reads, for a page to add its own terms to (one read for both): every
/// category, and which have an article listed in `lang`.
pub(crate) fn menu_terms(state: &AppState, lang: &Language) -> TermIds {
    TermIds {
        all_categories: true,
        categories_with_articles: Some(ListLanguages {
            language: lang.clone(),
            fallbacks: super::listed_in(state, lang).fallbacks,
        }),
        ..TermIds::default()
    }
}

impl Frame {
    /// A frame with a title and no menu or alternates yet.
    pub(crate) fn new(state: &AppState, t: &Text, title: String) -> Self {
        let lang = t.lang();
        let settings = state.settings();
        Self {
            t: t.clone(),
            lang: lang.to_string(),
            dir: lang.direction().as_str(),
            site_name: settings.site_name.clone(),
            title,
            description: None,
            canonical: None,
            alternates: Vec::new(),
            home: paths::home(lang),
            stylesheet: assets::stylesheet_href(),
            nav: Vec::new(),
            languages: Vec::new(),
            site_languages: settings
                .languages
                .iter()
                .map(|l| LanguageLink::new(t, l, paths::home(l), l == lang))
                .collect(),
            structured_data: None,
            robots: None,
            search: paths::search(lang),
        }
    }

    /// Fills the main menu from `terms` (read with [`menu_terms`]): the top-level sections
    /// whose page lists an article in this language (its own, or a content fallback's, in the
    /// section or a sub-section), named and linked in it; `current` is marked.
    pub(crate) fn set_nav(&mut self, terms: &Terms, current: Option<CategoryId>) {
        let lang = self.t.lang().clone();
        for category in terms.categories.iter().filter(|c| c.parent.is_none()) {
            let Some(name) = category.names.get(&lang) else {
                continue;
            };
            if terms.categories_with_articles.contains(&category.id) {
                self.nav.push(NavItem {
                    name: name.name.clone(),
                    href: paths::category(&lang, &name.slug),
                    current: current == Some(category.id),
                });
            }
        }
    }

    /// Sets the page's canonical URL and its versions in other languages: the `hreflang`
    /// links (with `x-default` pointing at `x_default`) and the language switcher, both in
    /// the site's language order. `editions` holds (language, path) for each language the
    /// page exists in, this one included.
    pub(crate) fn set_editions(
        &mut self,
        state: &AppState,
        canonical: &str,
        editions: &[(Language, String)],
        x_default: Option<&str>,
    ) {
        let settings = state.settings();
        let lang = self.t.lang().clone();
        self.canonical = Some(paths::absolute(&settings.public_url, canonical));
        let ordered: Vec<&(Language, String)> = settings
            .languages
            .iter()
            .filter_map(|l| editions.iter().find(|(e, _)| e == l))
            .collect();
        self.alternates = ordered
            .iter()
            .map(|(l, path)| Alternate {
                hreflang: l.to_string(),
                href: paths::absolute(&settings.public_url, path),
            })
            .collect();
        if let Some(path) = x_default {
            self.alternates.push(Alternate {
                hreflang: "x-default".to_owned(),
                href: paths::absolute(&settings.public_url, path),
            });
        }
        self.languages = ordered
            .iter()
            .map(|(l, path)| LanguageLink::new(&self.t, l, path.clone(), *l == lang))
            .collect();
    }
}
