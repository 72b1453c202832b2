//! What an article page tells search engines and social sites besides its text: the parts of
//! its JSON-LD `NewsArticle` that come from its media and taxonomy (pictures as
//! `ImageObject`s, the publisher's logo, section, keywords, free access), and its Open Graph
//! and Twitter card `<meta>` tags, with the locale of each language version.

use herald_domain::{Language, Media, MediaKind, Timestamp};
use serde_json::{Value, json};

use super::frame::MetaTag;
use crate::paths;
use crate::settings::WebSettings;

/// What the article page knows, for its structured data and `<meta>` tags.
pub(crate) struct ArticleFacts<'a> {
    pub(crate) settings: &'a WebSettings,
    /// The version's language.
    pub(crate) lang: &'a Language,
    pub(crate) title: &'a str,
    pub(crate) description: &'a str,
    /// The version's own page, absolute.
    pub(crate) url: String,
    /// The languages of the other published versions.
    pub(crate) other_languages: Vec<Language>,
    pub(crate) published: Timestamp,
    pub(crate) modified: Timestamp,
    /// The section's name.
    pub(crate) section: Option<String>,
    /// Topic (and tag) names.
    pub(crate) keywords: Vec<String>,
    /// The lead picture first, then the article's other pictures.
    pub(crate) pictures: Vec<&'a Media>,
}

/// A picture's absolute URL, size, and texts in the version's language (or the default's).
struct Picture {
    url: String,
    width: u32,
    height: u32,
    alt: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
}

fn picture(facts: &ArticleFacts<'_>, media: &Media) -> Option<Picture> {
    let MediaKind::Image {
        path,
        width,
        height,
        ..
    } = &media.kind
    else {
        return None;
    };
    let also = std::slice::from_ref(&facts.settings.default_language);
    let text = |texts: &herald_domain::Localized<String>| {
        texts
            .best(facts.lang, also)
            .map(|(_, t)| t.clone())
            .filter(|t| !t.trim().is_empty())
    };
    Some(Picture {
        url: paths::absolute(&facts.settings.public_url, &paths::media(path)),
        width: *width,
        height: *height,
        alt: text(&media.alt),
        caption: text(&media.caption),
        credit: text(&media.credit),
    })
}

/// Adds to a `NewsArticle` its pictures, publisher logo, section, keywords and free access.
pub(crate) fn complete_news_article(data: &mut Value, facts: &ArticleFacts<'_>) {
    let images: Vec<Value> = facts
        .pictures
        .iter()
        .filter_map(|m| picture(facts, m))
        .map(|p| {
            let mut image = json!({
                "@type": "ImageObject",
                "url": p.url,
                "contentUrl": p.url,
                "width": p.width,
                "height": p.height,
            });
            if let Some(caption) = p.caption.or(p.alt) {
                image["caption"] = json!(caption);
            }
            if let Some(credit) = p.credit {
                image["creditText"] = json!(credit);
            }
            image
        })
        .collect();
    if !images.is_empty() {
        data["image"] = Value::Array(images);
    }
    if let Some(logo) = &facts.settings.publisher_logo {
        data["publisher"]["logo"] = json!({
            "@type": "ImageObject",
            "url": paths::absolute(&facts.settings.public_url, logo),
        });
    }
    data["publisher"]["url"] = json!(facts.settings.public_url.as_str());
    data["isAccessibleForFree"] = json!(true);
    if let Some(section) = &facts.section {
        data["articleSection"] = json!(section);
    }
    if !facts.keywords.is_empty() {
        data["keywords"] = json!(facts.keywords);
    }
}

/// A language as Open Graph writes locales: `vi_VN`, `fa_IR`, `zh_CN`; a tag with a region
/// keeps it (`pt-BR` → `pt_BR`).
pub(crate) fn og_locale(lang: &Language) -> String {
    let tag = lang.as_str();
    let known = match tag {
        "vi" => "vi_VN",
        "en" => "en_US",
        "fa" => "fa_IR",
        "ar" => "ar_AR",
        "fr" => "fr_FR",
        "zh-Hans" => "zh_CN",
        "zh-Hant" => "zh_TW",
        "ru" => "ru_RU",
        "es" => "es_ES",
        "de" => "de_DE",
        "ja" => "ja_JP",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_owned();
    }
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or(tag).to_ascii_lowercase();
    match parts.find(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic())) {
        Some(region) => format!("{language}_{}", region.to_ascii_uppercase()),
        None => language,
    }
}

/// The Open Graph, `article:` and Twitter card tags of an article page.
pub(crate) fn article_meta(facts: &ArticleFacts<'_>) -> Vec<MetaTag> {
    let mut tags = Vec::new();
    let mut add = |attribute: &'static str, key: &str, content: String| {
        tags.push(MetaTag {
            attribute,
            key: key.to_owned(),
            content,
        });
    };
    add("property", "og:type", "article".to_owned());
    add("property", "og:title", facts.title.to_owned());
    add("property", "og:description", facts.description.to_owned());
    add("property", "og:url", facts.url.clone());
    add("property", "og:site_name", facts.settings.site_name.clone());
    add("property", "og:locale", og_locale(facts.lang));
    for other in &facts.other_languages {
        add("property", "og:locale:alternate", og_locale(other));
    }
    let lead = facts.pictures.first().and_then(|m| picture(facts, m));
    if let Some(p) = &lead {
        add("property", "og:image", p.url.clone());
        add("property", "og:image:width", p.width.to_string());
        add("property", "og:image:height", p.height.to_string());
        if let Some(alt) = &p.alt {
            add("property", "og:image:alt", alt.clone());
        }
    }
    add(
        "property",
        "article:published_time",
        facts.published.to_string(),
    );
    add(
        "property",
        "article:modified_time",
        facts.modified.to_string(),
    );
    if let Some(section) = &facts.section {
        add("property", "article:section", section.clone());
    }
    for keyword in &facts.keywords {
        add("property", "article:tag", keyword.clone());
    }
    let card = if lead.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    add("name", "twitter:card", card.to_owned());
    add("name", "twitter:title", facts.title.to_owned());
    add("name", "twitter:description", facts.description.to_owned());
    if let Some(p) = lead {
        add("name", "twitter:image", p.url);
        if let Some(alt) = p.alt {
            add("name", "twitter:image:alt", alt);
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_open_graph_locales() {
        let locale = |tag: &str| og_locale(&Language::parse(tag).unwrap());
        assert_eq!(locale("vi"), "vi_VN");
        assert_eq!(locale("zh-Hans"), "zh_CN");
        assert_eq!(locale("pt-BR"), "pt_BR");
        assert_eq!(locale("sw"), "sw");
    }
}
