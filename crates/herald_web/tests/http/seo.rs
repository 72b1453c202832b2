//! What search engines read: the sitemap index, per-language and news sitemaps (parsed with
//! quick-xml, their `hreflang` sets checked for reciprocity and `x-default`), `robots.txt`,
//! and article pages' JSON-LD, Open Graph and Twitter card tags.

use std::collections::BTreeMap;

use axum::Router;
use herald_domain::{ArticleKind, EditorialState, NewArticle, VersionText};
use herald_store::Store;
use quick_xml::Reader;
use quick_xml::events::Event;

use crate::fixture::{lang, newsroom, newsroom_with};
use crate::{Page, get};

/// One element of a parsed document: its name, attributes and text, and its children.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attributes: BTreeMap<String, String>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    fn text_of(&self, name: &str) -> &str {
        self.child(name).map_or("", |c| c.text.as_str())
    }
}

/// The document's root, every element kept; panics on anything but well-formed XML.
#[track_caller]
fn parse_xml(text: &str) -> Node {
    let mut reader = Reader::from_str(text);
    let mut stack = vec![Node::default()];
    let open = |e: &quick_xml::events::BytesStart<'_>| Node {
        name: e.name().as_ref().to_owned(),
        attributes: e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                (
                    a.key.as_ref().to_owned(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned(),
                )
            })
            .collect(),
        ..Node::default()
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let node = open(&e);
                stack.last_mut().unwrap().children.push(node);
            }
            Event::End(_) => {
                let node = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(node);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let name: &str = &r;
                let c = match name {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                stack.last_mut().unwrap().text.push_str(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut root = stack.pop().unwrap();
    assert_eq!(root.children.len(), 1, "one root element");
    root.children.pop().unwrap()
}

/// `GET` an XML document, checking its type.
async fn xml(app: &Router, path: &str) -> Node {
    let page = get(app, path).await;
    assert_eq!(page.status, 200, "{path}: {}", page.body);
    assert_eq!(
        page.header("content-type"),
        "application/xml; charset=utf-8"
    );
    parse_xml(&page.body)
}

/// The sitemap paths the index lists.
async fn sitemaps(app: &Router) -> Vec<String> {
    let index = xml(app, "/sitemap.xml").await;
    assert_eq!(index.name, "sitemapindex");
    index
        .children("sitemap")
        .map(|s| {
            s.text_of("loc")
                .strip_prefix("https://news.example")
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn the_index_lists_each_languages_sitemaps_and_the_news_sitemap() {
    let nr = newsroom().await;
    let app = nr.router();
    assert_eq!(
        sitemaps(&app).await,
        [
            "/sitemaps/vi-pages.xml",
            "/sitemaps/vi-1.xml",
            "/sitemaps/en-pages.xml",
            "/sitemaps/en-1.xml",
            "/sitemaps/fa-pages.xml",
            "/sitemaps/fa-1.xml",
            "/sitemaps/news.xml",
        ]
    );
    for path in [
        "/sitemaps/vi-2.xml",
        "/sitemaps/xx-1.xml",
        "/sitemaps/vi-0.xml",
        "/sitemaps/vi.xml",
        "/sitemaps/vi-1.txt",
    ] {
        assert_eq!(get(&app, path).await.status, 404, "{path}");
    }
}

#[tokio::test]
async fn hreflang_alternates_are_reciprocal_with_x_default_on_every_url() {
    let nr = newsroom_with(&["vi", "en", "fa", "ar"], |_| {}).await;
    let app = nr.router();
    // Every URL of every sitemap, with its alternates.
    let mut alternates: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut articles_per_language: BTreeMap<String, usize> = BTreeMap::new();
    for path in sitemaps(&app).await {
        let set = xml(&app, &path).await;
        assert_eq!(set.name, "urlset");
        for url in set.children("url") {
            let loc = url.text_of("loc").to_owned();
            let links: BTreeMap<String, String> = url
                .children("xhtml:link")
                .map(|l| {
                    assert_eq!(l.attributes["rel"], "alternate");
                    (
                        l.attributes["hreflang"].clone(),
                        l.attributes["href"].clone(),
                    )
                })
                .collect();
            assert!(links.contains_key("x-default"), "{loc} has no x-default");
            let own = loc
                .strip_prefix("https://news.example/")
                .unwrap()
                .split('/')
                .next()
                .unwrap()
                .to_owned();
            assert_eq!(links.get(&own), Some(&loc), "{loc} does not list itself");
            if path.ends_with("-1.xml") {
                *articles_per_language.entry(own).or_default() += 1;
            }
            if let Some(seen) = alternates.insert(loc.clone(), links.clone()) {
                assert_eq!(seen, links, "{loc} differs between sitemaps");
            }
        }
    }
    for (loc, links) in &alternates {
        for (hreflang, href) in links.iter().filter(|(l, _)| *l != "x-default") {
            let theirs = alternates.get(href).unwrap_or_else(|| {
                panic!("{loc} lists {href} ({hreflang}), which no sitemap lists")
            });
            assert_eq!(theirs, links, "{href} does not list what {loc} lists");
        }
    }
    // The lanterns article: four versions; x-default at the Vietnamese original.
    let lanterns = format!(
        "https://news.example{}",
        crate::encode_non_ascii(&nr.article_path(nr.ids.lanterns_article, "en").await)
    );
    let links = &alternates[&lanterns];
    assert_eq!(
        links.keys().collect::<Vec<_>>(),
        ["ar", "en", "fa", "vi", "x-default"]
    );
    assert_eq!(
        links["x-default"],
        format!(
            "https://news.example{}",
            crate::encode_non_ascii(&nr.article_path(nr.ids.lanterns_article, "vi").await)
        )
    );
    // English originals point x-default at English.
    let english = format!(
        "https://news.example{}",
        nr.article_path(nr.ids.english_article, "vi").await
    );
    assert_eq!(
        alternates[&crate::encode_non_ascii(&english)]["x-default"],
        format!(
            "https://news.example{}",
            nr.article_path(nr.ids.english_article, "en").await
        )
    );
    // Each article sitemap lists exactly what is published in its language, no fallback.
    assert_eq!(articles_per_language["vi"], 8, "{articles_per_language:?}");
    assert_eq!(articles_per_language["en"], 7, "{articles_per_language:?}");
    assert_eq!(articles_per_language["ar"], 2, "{articles_per_language:?}");
}

#[tokio::test]
async fn article_sitemaps_carry_pictures_videos_and_dates() {
    let nr = newsroom().await;
    let app = nr.router();
    let set = xml(&app, "/sitemaps/en-1.xml").await;
    let url_of = |path: String| {
        let loc = format!("https://news.example{}", crate::encode_non_ascii(&path));
        set.children("url")
            .find(|u| u.text_of("loc") == loc)
            .unwrap_or_else(|| panic!("{loc} is not listed"))
    };
    let lanterns = url_of(nr.article_path(nr.ids.lanterns_article, "en").await);
    let images: Vec<&str> = lanterns
        .children("image:image")
        .map(|i| i.text_of("image:loc"))
        .collect();
    assert_eq!(
        images,
        ["https://news.example/media/images/hue-lanterns.jpg"]
    );
    // The later of the article's change and its version's (saved at the fixture's "now").
    assert_eq!(lanterns.text_of("lastmod"), "2026-12-01T00:00:00Z");
    let video = url_of(nr.article_path(nr.ids.video_article, "en").await);
    let entry = video.child("video:video").expect("a video entry");
    assert_eq!(
        entry.text_of("video:thumbnail_loc"),
        "https://news.example/media/images/hue-lanterns.jpg"
    );
    assert_eq!(
        entry.text_of("video:content_loc"),
        "https://news.example/media/videos/lantern-night.webm"
    );
    assert_eq!(
        entry.text_of("video:title"),
        "Lantern night on the Perfume River"
    );
    assert_eq!(
        entry.text_of("video:description"),
        "Lantern night on the Perfume River."
    );
    assert_eq!(entry.text_of("video:duration"), "16");
    // A video without a poster is no video entry.
    let embed = url_of(nr.article_path(nr.ids.embed_article, "en").await);
    assert!(embed.child("video:video").is_none());
}

#[tokio::test]
async fn the_news_sitemap_lists_the_last_two_days_only() {
    let nr = newsroom().await;
    // The fixture's clock says 2026-12-01T00:00Z; every fixture article is older than two
    // days, and this one is not.
    let recent = nr
        .store
        .create_article(NewArticle {
            source: nr.ids.nhan_dan,
            source_url: None,
            kind: ArticleKind::News,
            category: nr.ids.culture,
            topics: Vec::new(),
            tags: Vec::new(),
            authors: Vec::new(),
            place: None,
            lead_image: None,
            media: Vec::new(),
            featured: false,
            published_at: "2026-11-30T06:00:00Z".parse().unwrap(),
            updated_at: "2026-11-30T06:00:00Z".parse().unwrap(),
            original: VersionText {
                language: lang("vi"),
                title: "Tin nóng & mới".to_owned(),
                lead: "Vừa xảy ra.".to_owned(),
                body: "<p>Chi tiết.</p>".to_owned(),
            },
            state: EditorialState::Published,
        })
        .await
        .unwrap();
    let app = nr.router();
    let news = xml(&app, "/sitemaps/news.xml").await;
    let urls: Vec<&Node> = news.children("url").collect();
    assert_eq!(urls.len(), 1, "{news:?}");
    let url = urls[0];
    assert_eq!(
        url.text_of("loc"),
        format!(
            "https://news.example{}",
            nr.article_path(recent, "vi").await
        )
    );
    let item = url.child("news:news").unwrap();
    let publication = item.child("news:publication").unwrap();
    assert_eq!(publication.text_of("news:name"), "Herald News");
    assert_eq!(publication.text_of("news:language"), "vi");
    assert_eq!(
        item.text_of("news:publication_date"),
        "2026-11-30T06:00:00Z"
    );
    assert_eq!(item.text_of("news:title"), "Tin nóng & mới");
    assert!(
        url.children("xhtml:link")
            .any(|l| l.attributes["hreflang"] == "x-default")
    );
}

#[tokio::test]
async fn robots_txt_allows_the_site_and_points_at_the_sitemap_index() {
    let nr = newsroom_with(&["vi", "en", "fa"], |s| {
        s.robots_extra = vec![
            "User-agent: NoisyBot".to_owned(),
            "Disallow: /\nAllow: /".to_owned(),
        ];
    })
    .await;
    let page = get(&nr.router(), "/robots.txt").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), "text/plain; charset=utf-8");
    assert_eq!(
        page.body,
        "User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /api/\nDisallow: /healthz\n\
         User-agent: NoisyBot\nDisallow: /Allow: /\n\nSitemap: https://news.example/sitemap.xml\n"
    );
}

/// The JSON-LD of a page.
#[track_caller]
fn json_ld(page: &Page) -> serde_json::Value {
    let start = page
        .body
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD script")
        + "<script type=\"application/ld+json\">".len();
    let end = start + page.body[start..].find("</script>").unwrap();
    serde_json::from_str(&page.body[start..end]).unwrap()
}

/// The `<meta>` tags of a page, as (property or name, content).
fn meta(page: &Page) -> Vec<(String, String)> {
    page.body
        .lines()
        .filter_map(|line| {
            let rest = line
                .strip_prefix("<meta property=\"")
                .or_else(|| line.strip_prefix("<meta name=\""))?;
            let (key, rest) = rest.split_once('"')?;
            let content = rest.strip_prefix(" content=\"")?.strip_suffix("\">")?;
            Some((key.to_owned(), content.to_owned()))
        })
        .filter(|(key, _)| key != "viewport" && key != "description")
        .collect()
}

#[tokio::test]
async fn article_pages_describe_the_original_and_its_translations_in_json_ld() {
    let nr = newsroom().await;
    let app = nr.router();
    let original_path = nr.article_path(nr.ids.lanterns_article, "vi").await;
    let original = json_ld(&get(&app, &original_path).await);
    assert_eq!(original["@type"], "NewsArticle");
    assert_eq!(original["inLanguage"], "vi");
    assert_eq!(original["headline"], "Huế thắp sáng phố đèn lồng đón Tết");
    assert!(original.get("translationOfWork").is_none());
    assert_eq!(original["author"][0]["name"], "Nguyễn Thị Lan");
    assert_eq!(original["publisher"]["name"], "Herald News");
    assert_eq!(original["isAccessibleForFree"], true);
    assert_eq!(original["datePublished"], "2026-11-25T01:30:00Z");
    assert!(original["dateModified"].as_str().unwrap() >= "2026-11-26T03:00:00Z");
    let image = &original["image"][0];
    assert_eq!(image["@type"], "ImageObject");
    assert_eq!(
        image["url"],
        "https://news.example/media/images/hue-lanterns.jpg"
    );
    assert_eq!(
        (image["width"].as_u64(), image["height"].as_u64()),
        (Some(1600), Some(1000))
    );
    assert_eq!(image["caption"], "Phố đèn lồng bên sông Hương.");
    assert_eq!(image["creditText"], "Lê Hoa");
    assert!(original["articleSection"].is_string());
    assert!(
        original["keywords"]
            .as_array()
            .is_some_and(|k| !k.is_empty())
    );

    let translation =
        json_ld(&get(&app, &nr.article_path(nr.ids.lanterns_article, "fa").await).await);
    assert_eq!(translation["inLanguage"], "fa");
    let original_url = format!(
        "https://news.example{}",
        crate::encode_non_ascii(&original_path)
    );
    assert_eq!(
        translation["translationOfWork"]["@id"],
        original_url.as_str()
    );
    assert_eq!(translation["translationOfWork"]["inLanguage"], "vi");
    assert_eq!(translation["isBasedOn"], original_url.as_str());
    assert_eq!(translation["author"][0]["name"], "نگوین تی لان");
    assert_eq!(
        translation["image"][0]["caption"],
        "خیابان فانوس‌ها کنار رود عطر."
    );
}

#[tokio::test]
async fn publisher_logo_is_named_when_configured() {
    let nr = newsroom_with(&["vi", "en", "fa"], |s| {
        s.publisher_logo = Some("/media/logo.png".to_owned());
    })
    .await;
    let page = get(
        &nr.router(),
        &nr.article_path(nr.ids.coffee_article, "vi").await,
    )
    .await;
    let data = json_ld(&page);
    assert_eq!(
        data["publisher"]["logo"]["url"],
        "https://news.example/media/logo.png"
    );
}

#[tokio::test]
async fn article_pages_carry_open_graph_and_twitter_cards() {
    let nr = newsroom().await;
    let app = nr.router();
    let path = nr.article_path(nr.ids.lanterns_article, "en").await;
    let tags = meta(&get(&app, &path).await);
    let get_one = |key: &str| -> Vec<&str> {
        tags.iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    assert_eq!(get_one("og:type"), ["article"]);
    assert_eq!(
        get_one("og:title"),
        ["Hue lights up its lantern street for Tet"]
    );
    assert_eq!(
        get_one("og:url"),
        [format!("https://news.example{path}").as_str()]
    );
    assert_eq!(get_one("og:locale"), ["en_US"]);
    let mut alternates = get_one("og:locale:alternate");
    alternates.sort_unstable();
    assert_eq!(alternates, ["fa_IR", "vi_VN"]);
    assert_eq!(get_one("og:site_name"), ["Herald News"]);
    assert_eq!(
        get_one("og:image"),
        ["https://news.example/media/images/hue-lanterns.jpg"]
    );
    assert_eq!(get_one("og:image:width"), ["1600"]);
    assert_eq!(get_one("og:image:height"), ["1000"]);
    assert_eq!(
        get_one("og:image:alt"),
        ["Red lanterns hung along the Perfume River at dusk"]
    );
    assert_eq!(get_one("article:published_time"), ["2026-11-25T01:30:00Z"]);
    assert_eq!(get_one("article:modified_time").len(), 1);
    assert_eq!(get_one("article:section").len(), 1);
    assert!(!get_one("article:tag").is_empty());
    assert_eq!(get_one("twitter:card"), ["summary_large_image"]);
    // No picture: a plain summary card.
    let plain = meta(&get(&app, &nr.article_path(nr.ids.coffee_article, "vi").await).await);
    assert!(plain.contains(&("twitter:card".to_owned(), "summary".to_owned())));
    assert!(!plain.iter().any(|(k, _)| k == "og:image"));
}

#[tokio::test]
async fn sitemaps_and_robots_are_served_from_the_page_cache() {
    let nr = newsroom_with(&["vi", "en", "fa"], |s| {
        s.revision_poll = std::time::Duration::from_secs(3600);
    })
    .await;
    nr.state.refresh_content_revision().await.unwrap();
    let app = nr.router();
    for path in [
        "/sitemap.xml",
        "/sitemaps/vi-1.xml",
        "/robots.txt",
        "/vi/feed.rss",
    ] {
        let first = get(&app, path).await;
        let second = get(&app, path).await;
        assert_eq!(first.body, second.body, "{path}");
        assert_eq!(second.header("x-herald-cache"), "hit", "{path}");
    }
}

#[tokio::test]
async fn article_sitemaps_are_split_into_files_of_the_configured_size() {
    let nr = newsroom_with(&["vi", "en", "fa"], |s| s.sitemap_urls = 3).await;
    let app = nr.router();
    let listed = sitemaps(&app).await;
    let vi: Vec<&String> = listed
        .iter()
        .filter(|p| p.starts_with("/sitemaps/vi-") && !p.ends_with("pages.xml"))
        .collect();
    assert_eq!(
        vi,
        [
            "/sitemaps/vi-1.xml",
            "/sitemaps/vi-2.xml",
            "/sitemaps/vi-3.xml"
        ]
    );
    let mut urls = Vec::new();
    for path in vi {
        let set = xml(&app, path).await;
        let locs: Vec<String> = set
            .children("url")
            .map(|u| u.text_of("loc").to_owned())
            .collect();
        assert!(!locs.is_empty() && locs.len() <= 3, "{path}: {locs:?}");
        urls.extend(locs);
    }
    let count = urls.len();
    urls.sort();
    urls.dedup();
    assert_eq!((count, urls.len()), (8, 8), "each article once");
    assert_eq!(get(&app, "/sitemaps/vi-4.xml").await.status, 404);
}
