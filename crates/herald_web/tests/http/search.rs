//! The search page, `/{lang}/search`, and the "more like this" list, over an index in RAM
//! filled from the fixture newsroom's published versions.

use std::sync::Arc;

use axum::Router;
use herald_domain::EditorialState;
use herald_search::{IndexDoc, SearchIndex};
use herald_store::{Store, TermKind};

use crate::fixture::{Newsroom, lang, newsroom};
use crate::get;

/// The newsroom's site with every published version of every article in its search index.
pub(crate) async fn searchable(newsroom: &Newsroom) -> Router {
    let languages = [lang("vi"), lang("en"), lang("fa")];
    let index = Arc::new(SearchIndex::in_memory(&languages).unwrap());
    let ids = newsroom.ids;
    for id in [
        ids.lanterns_article,
        ids.lantern_makers,
        ids.coffee_article,
        ids.english_article,
        ids.withdrawn,
        ids.vi_only,
        ids.video_article,
        ids.embed_article,
        ids.en_only,
    ] {
        let (article, versions) = newsroom
            .store
            .article_with_versions(id)
            .await
            .unwrap()
            .unwrap();
        for version in versions {
            if version.state != EditorialState::Published || !languages.contains(&version.language)
            {
                continue;
            }
            index
                .upsert(&IndexDoc {
                    article: article.id,
                    language: version.language.clone(),
                    title: version.title.clone(),
                    lead: version.lead.clone(),
                    body: without_tags(&version.body),
                    slug: version.slug.as_str().to_owned(),
                    category: article.category,
                    topics: article.topics.clone(),
                    authors: article.authors.clone(),
                    source: article.source,
                    place: article.place,
                    published_at: article.published_at,
                })
                .unwrap();
        }
    }
    index.commit().unwrap();
    herald_web::router(newsroom.state.clone().with_search(index))
}

/// The text of a fixture body (its markup is simple: no `>` inside attributes).
fn without_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// The same newsroom, searching nothing (a page cache of its own).
async fn newsroom_without_search() -> Newsroom {
    newsroom().await
}

/// Percent-encodes a query value.
fn q(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn vietnamese_typed_without_diacritics_finds_the_lantern_articles_with_marked_words() {
    let newsroom = newsroom().await;
    let app = searchable(&newsroom).await;
    let page = get(&app, "/vi/search?q=den+long").await;
    assert_eq!(page.status, 200);
    page.assert_contains(
        &newsroom
            .article_path(newsroom.ids.lanterns_article, "vi")
            .await,
    );
    page.assert_contains(
        &newsroom
            .article_path(newsroom.ids.lantern_makers, "vi")
            .await,
    );
    page.assert_lacks(
        &newsroom
            .article_path(newsroom.ids.coffee_article, "vi")
            .await,
    );
    page.assert_contains("3 kết quả cho “den long”");
    page.assert_contains("Huế thắp sáng phố <mark>đèn lồng</mark> đón Tết");
    page.assert_contains(r#"<meta name="robots" content="noindex, follow">"#);
    let cache = page.header("cache-control");
    assert!(
        cache.contains("no-cache") || cache.contains("private"),
        "{cache}"
    );
    assert_eq!(page.header("x-herald-cache"), "bypass");
}

#[tokio::test]
async fn persian_search_typed_with_arabic_yeh_and_kaf_finds_the_persian_spelling() {
    let newsroom = newsroom().await;
    let app = searchable(&newsroom).await;
    let page = get(&app, &format!("/fa/search?q={}", q("روشن ميكند"))).await;
    assert_eq!(page.status, 200);
    page.assert_contains(
        &newsroom
            .article_path(newsroom.ids.lanterns_article, "fa")
            .await,
    );
    page.assert_contains(r#"<html lang="fa" dir="rtl">"#);
}

#[tokio::test]
async fn a_date_range_and_a_section_narrow_the_results() {
    let newsroom = newsroom().await;
    let app = searchable(&newsroom).await;
    let heritage = newsroom
        .store
        .find_term_by_slug(TermKind::Category, &lang("vi"), "di-san")
        .await
        .unwrap();
    assert!(
        heritage.is_some(),
        "the fixture's heritage section is di-san in vi"
    );
    let lanterns = newsroom
        .article_path(newsroom.ids.lanterns_article, "vi")
        .await;
    let makers = newsroom
        .article_path(newsroom.ids.lantern_makers, "vi")
        .await;

    let recent = get(&app, "/vi/search?q=den+long&from=2026-11-24").await;
    recent.assert_contains(&lanterns);
    recent.assert_lacks(&makers);
    recent.assert_contains(r#"value="2026-11-24""#);

    let older = get(&app, "/vi/search?q=den+long&to=2026-11-21&category=di-san").await;
    older.assert_contains(&makers);
    older.assert_lacks(&lanterns);

    // A place comes from links (no select lists every place): it is kept in the form.
    let local = get(&app, "/vi/search?q=den+long&place=hue").await;
    local.assert_contains(&makers);
    local.assert_contains("3 kết quả");
    local.assert_contains(r#"<input type="hidden" name="place" value="hue">"#);

    let elsewhere = get(&app, "/vi/search?q=den+long&category=kinh-te").await;
    elsewhere.assert_lacks(&makers);
    elsewhere.assert_contains("Tìm lại không dùng bộ lọc");
    elsewhere.assert_contains("/vi/search?q=den+long\"");
}

#[tokio::test]
async fn filters_alone_list_articles_newest_first_in_pages() {
    let newsroom = newsroom().await;
    let app = searchable(&newsroom).await;
    let first = get(&app, "/vi/search?topic=tet-2027").await;
    let tet = newsroom
        .store
        .find_term_by_slug(TermKind::Topic, &lang("vi"), "tet-2027")
        .await
        .unwrap();
    assert!(tet.is_some(), "the fixture topic is tet-2027 in vi");
    assert_eq!(first.status, 200);
    first.assert_contains(r#"rel="next" href="/vi/search?q=&#38;topic=tet-2027&#38;page=2""#);
    let second = get(&app, "/vi/search?q=&topic=tet-2027&page=2").await;
    second.assert_contains(r#"rel="prev""#);
    for path in [
        newsroom
            .article_path(newsroom.ids.lanterns_article, "vi")
            .await,
        newsroom
            .article_path(newsroom.ids.lantern_makers, "vi")
            .await,
    ] {
        assert!(
            first.body.contains(&path) != second.body.contains(&path),
            "{path} is on exactly one page"
        );
    }
}

#[tokio::test]
async fn a_search_whose_words_no_article_holds_together_says_so() {
    let newsroom = newsroom().await;
    let app = searchable(&newsroom).await;
    let page = get(&app, "/vi/search?q=c%C3%A0+ph%C3%AA+zzzqqq").await;
    page.assert_contains(
        &newsroom
            .article_path(newsroom.ids.coffee_article, "vi")
            .await,
    );
    page.assert_contains("Không có bài viết nào chứa đủ tất cả các từ này");
    let all = get(&app, "/vi/search?q=c%C3%A0+ph%C3%AA").await;
    all.assert_lacks("Không có bài viết nào chứa đủ tất cả các từ này");
}

#[tokio::test]
async fn a_search_that_finds_nothing_helps_in_the_readers_language() {
    let newsroom = newsroom().await;
    let app = searchable(&newsroom).await;
    let page = get(&app, "/fa/search?q=zzzqqq").await;
    assert_eq!(page.status, 200);
    page.assert_contains("چیزی برای «zzzqqq» پیدا نشد.");
    page.assert_contains(r#"href="/vi/search?q=zzzqqq""#);
    page.assert_contains(r#"href="/en/search?q=zzzqqq""#);
    page.assert_lacks("No data");
}

#[tokio::test]
async fn hostile_queries_are_escaped_and_never_an_error() {
    let newsroom = newsroom().await;
    let app = searchable(&newsroom).await;
    for query in [
        "<script>alert(1)</script>",
        "title:\"unclosed",
        "((((AND OR NOT",
        "*",
        "%FF%FE",
        "\u{202e}abc",
    ] {
        let page = get(
            &app,
            &format!("/en/search?q={}&from=not-a-date&page=x", q(query)),
        )
        .await;
        assert_eq!(page.status, 200, "{query}");
        page.assert_lacks("<script>alert");
    }
    let long = "a ".repeat(10_000);
    let page = get(&app, &format!("/en/search?q={}", q(&long))).await;
    assert!(page.status == 200 || page.status == 414 || page.status == 400);
}

#[tokio::test]
async fn without_an_index_the_search_page_says_search_is_unavailable() {
    let newsroom = newsroom().await;
    let page = get(&newsroom.router(), "/en/search?q=lanterns").await;
    assert_eq!(page.status, 200);
    page.assert_contains("Search is not available at the moment.");
}

#[tokio::test]
async fn every_page_has_a_search_box_for_its_language() {
    let newsroom = newsroom().await;
    let page = get(&newsroom.router(), "/fa/").await;
    page.assert_contains(
        r#"<form class="site-search" role="search" method="get" action="/fa/search">"#,
    );
}

#[tokio::test]
async fn an_article_lists_articles_like_it_in_the_readers_language() {
    let newsroom = newsroom().await;
    let app = searchable(&newsroom).await;
    let page = get(
        &app,
        &newsroom
            .article_path(newsroom.ids.lanterns_article, "vi")
            .await,
    )
    .await;
    page.assert_contains("Bài viết tương tự");
    page.assert_contains(
        &newsroom
            .article_path(newsroom.ids.lantern_makers, "vi")
            .await,
    );
    // Without an index the list is left out, not shown empty.
    let plain = newsroom_without_search().await;
    let plain = get(
        &plain.router(),
        &plain.article_path(plain.ids.lanterns_article, "vi").await,
    )
    .await;
    plain.assert_lacks("Bài viết tương tự");
}

#[tokio::test]
async fn an_article_lists_the_same_story_told_by_another_outlet_in_another_language() {
    use herald_domain::{ArticleKind, NewArticle, Timestamp, VersionText};
    use herald_store::{IngestOutcome, IngestedArticle, NearDuplicates};

    let newsroom = newsroom().await;
    let ids = newsroom.ids;
    let english_source = newsroom
        .store
        .article(ids.english_article)
        .await
        .unwrap()
        .unwrap()
        .source;
    let near = NearDuplicates {
        max_distance: 3,
        window: std::time::Duration::from_secs(3 * 86_400),
    };
    let story = |source, url: &str, hash: &str, language: &str, title: &str, simhash: u64| {
        IngestedArticle {
            article: NewArticle {
                source,
                source_url: Some(url::Url::parse(url).unwrap()),
                kind: ArticleKind::News,
                category: ids.culture,
                topics: Vec::new(),
                tags: Vec::new(),
                authors: Vec::new(),
                place: None,
                lead_image: None,
                media: Vec::new(),
                featured: false,
                published_at: "2026-11-24T08:00:00Z".parse::<Timestamp>().unwrap(),
                updated_at: "2026-11-24T08:00:00Z".parse::<Timestamp>().unwrap(),
                original: VersionText {
                    language: lang(language),
                    title: title.to_owned(),
                    lead: String::new(),
                    body: "<p>.</p>".to_owned(),
                },
                state: EditorialState::Published,
            },
            content_hash: hash.to_owned(),
            simhash,
            partial: false,
        }
    };
    let IngestOutcome::Created { id: first, .. } = newsroom
        .store
        .ingest_article(
            story(
                ids.nhan_dan,
                "https://nhandan.example/cau-moi",
                "a1",
                "vi",
                "Khánh thành cầu mới qua sông Hương",
                0b1011_0000,
            ),
            near,
        )
        .await
        .unwrap()
    else {
        panic!("stored")
    };
    let IngestOutcome::Created { id: second, .. } = newsroom
        .store
        .ingest_article(
            story(
                english_source,
                "https://saigonherald.example/new-bridge",
                "b2",
                "en",
                "A new bridge opens over the Perfume River",
                0b1011_0001,
            ),
            near,
        )
        .await
        .unwrap()
    else {
        panic!("stored")
    };
    assert_eq!(
        newsroom.store.same_story(first).await.unwrap(),
        vec![second]
    );

    let page = get(
        &newsroom.router(),
        &newsroom.article_path(first, "vi").await,
    )
    .await;
    page.assert_contains("Cùng sự kiện ở nơi khác");
    page.assert_contains("A new bridge opens over the Perfume River");
    page.assert_contains(&format!("-{second}\""));
    // An article alone in its story has no such list.
    let alone = get(
        &newsroom.router(),
        &newsroom.article_path(ids.coffee_article, "vi").await,
    )
    .await;
    alone.assert_lacks("Cùng sự kiện ở nơi khác");
}
