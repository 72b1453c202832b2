//! The JSON API `/api/v1`, on a real server on loopback over the fixture newsroom: every path
//! of the OpenAPI document called (successes, errors, `304`s) and each answer validated against
//! the schema the document gives for that path and status; cursor pages walked while articles
//! are published; validators, CORS, error codes, hostile query strings, right-to-left text;
//! one snapshot per endpoint.

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;

use herald_domain::{ArticleId, ArticleKind, EditorialState, NewArticle, Origin, VersionText};
use herald_store::{Store, VersionDraft};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::fixture::{Newsroom, lang, newsroom};

/// Statuses every test run must have seen for each path that declares them (`500` and `503`
/// need a broken server).
const EXERCISED: &[u16] = &[200, 304, 400, 404, 406, 410];

/// A server on a loopback port, serving the newsroom's router until the test ends.
struct Server {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(nr: &Newsroom) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = crate::search::searchable(nr).await;
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    Server { addr, task }
}

/// An answer, read whole.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }

    /// The error code of a JSON error.
    fn code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap().to_owned()
    }
}

impl Server {
    async fn get(&self, target: &str) -> Reply {
        self.send("GET", target.as_bytes(), &[]).await
    }

    async fn get_with(&self, target: &str, headers: &[(&str, &str)]) -> Reply {
        self.send("GET", target.as_bytes(), headers).await
    }

    /// One HTTP/1.1 request on its own connection; `target` is sent as given, bytes and all.
    async fn send(&self, method: &str, target: &[u8], headers: &[(&str, &str)]) -> Reply {
        let mut stream = TcpStream::connect(self.addr).await.unwrap();
        let mut request = Vec::new();
        request.extend_from_slice(method.as_bytes());
        request.push(b' ');
        request.extend_from_slice(target);
        request.extend_from_slice(b" HTTP/1.1\r\nHost: news.example\r\nConnection: close\r\n");
        for (name, value) in headers {
            request.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        request.extend_from_slice(b"\r\n");
        stream.write_all(&request).await.unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.unwrap();
        parse_reply(&raw, method == "HEAD")
    }
}

fn parse_reply(raw: &[u8], head: bool) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head");
    let head_text = std::str::from_utf8(&raw[..split]).unwrap();
    let mut lines = head_text.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let rest = &raw[split + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    let body = if head {
        Vec::new()
    } else if chunked {
        let mut body = Vec::new();
        let mut at = 0;
        loop {
            let line_end = at + rest[at..].windows(2).position(|w| w == b"\r\n").unwrap();
            let size =
                usize::from_str_radix(std::str::from_utf8(&rest[at..line_end]).unwrap().trim(), 16)
                    .unwrap();
            if size == 0 {
                break;
            }
            body.extend_from_slice(&rest[line_end + 2..line_end + 2 + size]);
            at = line_end + 2 + size + 2;
        }
        body
    } else {
        rest.to_vec()
    };
    Reply {
        status,
        headers,
        body,
    }
}

// --- the OpenAPI document ---

fn document() -> Value {
    let text = include_str!("../../src/api/openapi.json");
    serde_json::from_str(text).unwrap()
}

/// The schema the document gives for a path's `GET` answering `status`, as a root that
/// resolves `#/components/...`; `None` for an answer without a body (`304`).
fn response_schema(doc: &Value, path: &str, status: u16) -> Option<Value> {
    let responses = &doc["paths"][path]["get"]["responses"];
    let mut response = responses
        .get(status.to_string())
        .unwrap_or_else(|| panic!("{path} does not document {status}"))
        .clone();
    if let Some(reference) = response.get("$ref").and_then(Value::as_str) {
        let name = reference.rsplit('/').next().unwrap();
        response = doc["components"]["responses"][name].clone();
    }
    let schema = response
        .get("content")?
        .get("application/json")
        .unwrap_or_else(|| panic!("{path} {status}: no application/json"))["schema"]
        .clone();
    let mut root = schema.as_object().unwrap().clone();
    root.insert("components".to_owned(), doc["components"].clone());
    Some(Value::Object(root))
}

/// Checks a reply against the document: a status it documents for `path`, and a body valid
/// against that status's schema (none for a `304`).
#[track_caller]
fn conforms(doc: &Value, path: &str, reply: &Reply) {
    let documented = &doc["paths"][path]["get"]["responses"];
    assert!(
        documented.get(reply.status.to_string()).is_some(),
        "{path} answered {} which the document does not list: {}",
        reply.status,
        String::from_utf8_lossy(&reply.body)
    );
    match response_schema(doc, path, reply.status) {
        None => assert!(reply.body.is_empty(), "{path} {}: a body", reply.status),
        Some(schema) => {
            assert_eq!(
                reply.header("content-type"),
                Some("application/json"),
                "{path} {}",
                reply.status
            );
            let validator = jsonschema::draft202012::options()
                .should_validate_formats(true)
                .build(&schema)
                .unwrap_or_else(|e| panic!("{path} {}: bad schema: {e}", reply.status));
            let instance = reply.json();
            let errors: Vec<String> = validator
                .iter_errors(&instance)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "{path} {} does not match its schema:\n{}\n{}",
                reply.status,
                errors.join("\n"),
                serde_json::to_string_pretty(&instance).unwrap()
            );
        }
    }
}

/// A request of the conformance test: the path in the document, the request target, headers.
type Call = (&'static str, String, Vec<(&'static str, &'static str)>);

#[tokio::test]
async fn every_path_of_the_openapi_document_answers_as_it_says() {
    let nr = newsroom().await;
    let server = serve(&nr).await;
    let doc = document();
    let ids = nr.ids;
    let lanterns = ids.lanterns_article;

    // The document as served is the document checked in, and itself conforms.
    let served = server.get("/api/v1/openapi.json").await;
    conforms(&doc, "/openapi.json", &served);
    assert_eq!(served.json(), doc);

    let calls: Vec<Call> = vec![
        ("/articles", "/api/v1/articles".into(), vec![]),
        (
            "/articles",
            "/api/v1/articles?lang=fa&limit=2".into(),
            vec![],
        ),
        (
            "/articles",
            "/api/v1/articles?lang=en&category=business".into(),
            vec![],
        ),
        (
            "/articles",
            "/api/v1/articles?lang=vi&topic=tet-2027&featured=true".into(),
            vec![],
        ),
        ("/articles", "/api/v1/articles?lang=xx".into(), vec![]),
        ("/articles", "/api/v1/articles?limit=0".into(), vec![]),
        ("/articles", "/api/v1/articles?cursor=nope".into(), vec![]),
        (
            "/articles",
            "/api/v1/articles?topic=no-such-topic".into(),
            vec![],
        ),
        (
            "/articles",
            "/api/v1/articles".into(),
            vec![("accept", "text/html")],
        ),
        (
            "/articles/{id}",
            format!("/api/v1/articles/{lanterns}?lang=fa"),
            vec![],
        ),
        (
            "/articles/{id}",
            format!("/api/v1/articles/{}?lang=vi", ids.video_article),
            vec![],
        ),
        (
            "/articles/{id}",
            format!("/api/v1/articles/{}?lang=en", ids.embed_article),
            vec![],
        ),
        (
            "/articles/{id}",
            format!("/api/v1/articles/{}?lang=en", ids.lantern_makers),
            vec![],
        ),
        (
            "/articles/{id}",
            format!("/api/v1/articles/{}?lang=fa", ids.en_only),
            vec![],
        ),
        (
            "/articles/{id}",
            format!("/api/v1/articles/{}?lang=en", ids.withdrawn),
            vec![],
        ),
        ("/articles/{id}", "/api/v1/articles/999999".into(), vec![]),
        ("/articles/{id}", "/api/v1/articles/abc".into(), vec![]),
        (
            "/articles/{id}",
            format!("/api/v1/articles/{lanterns}?lang=%FF"),
            vec![],
        ),
        (
            "/articles/{id}",
            format!("/api/v1/articles/{lanterns}"),
            vec![("accept", "image/png")],
        ),
        ("/categories", "/api/v1/categories?lang=fa".into(), vec![]),
        ("/categories", "/api/v1/categories?lang=".into(), vec![]),
        (
            "/categories",
            "/api/v1/categories".into(),
            vec![("accept", "text/csv")],
        ),
        ("/topics", "/api/v1/topics?lang=en".into(), vec![]),
        ("/topics", "/api/v1/topics?lang=de".into(), vec![]),
        (
            "/topics",
            "/api/v1/topics".into(),
            vec![("accept", "text/csv")],
        ),
        ("/authors", "/api/v1/authors?lang=vi".into(), vec![]),
        ("/authors", "/api/v1/authors?lang=zz-ZZ-x".into(), vec![]),
        (
            "/authors",
            "/api/v1/authors".into(),
            vec![("accept", "text/csv")],
        ),
        ("/sources", "/api/v1/sources?lang=en".into(), vec![]),
        ("/sources", "/api/v1/sources?lang=12".into(), vec![]),
        (
            "/sources",
            "/api/v1/sources".into(),
            vec![("accept", "text/csv")],
        ),
        (
            "/search",
            "/api/v1/search?lang=vi&q=den+long".into(),
            vec![],
        ),
        (
            "/search",
            "/api/v1/search?lang=vi&q=den+long&category=di-san&since=2026-11-24&limit=1".into(),
            vec![],
        ),
        (
            "/search",
            "/api/v1/search?lang=vi&topic=tet-2027&page=2&limit=2".into(),
            vec![],
        ),
        (
            "/search",
            format!(
                "/api/v1/search?lang=fa&q={}",
                "%D9%81%D8%A7%D9%86%D9%88%D8%B3"
            ),
            vec![],
        ),
        ("/search", "/api/v1/search?lang=vi&q=zzzqqq".into(), vec![]),
        ("/search", "/api/v1/search?lang=xx&q=a".into(), vec![]),
        ("/search", "/api/v1/search?q=a&cursor=nope".into(), vec![]),
        ("/search", "/api/v1/search?q=a&page=0".into(), vec![]),
        (
            "/search",
            "/api/v1/search?q=a".into(),
            vec![("accept", "text/csv")],
        ),
        ("/openapi.json", "/api/v1/openapi.json".into(), vec![]),
        (
            "/openapi.json",
            "/api/v1/openapi.json".into(),
            vec![("accept", "text/csv")],
        ),
    ];
    let mut seen: BTreeMap<&str, BTreeSet<u16>> = BTreeMap::new();
    for (path, target, headers) in &calls {
        let reply = server.get_with(target, headers).await;
        conforms(&doc, path, &reply);
        seen.entry(path).or_default().insert(reply.status);
        // And again with the validator it gave: `304`, no body.
        if reply.status == 200 {
            let etag = reply.header("etag").unwrap().to_owned();
            let mut again = headers.clone();
            again.push(("if-none-match", &etag));
            let not_modified = server.get_with(target, &again).await;
            assert_eq!(not_modified.status, 304, "{target}");
            conforms(&doc, path, &not_modified);
            seen.entry(path).or_default().insert(304);
        }
    }
    // Every path described is called, and every status it describes that a working server
    // can give was seen.
    let paths = doc["paths"].as_object().unwrap();
    for (path, item) in paths {
        let statuses = seen
            .get(path.as_str())
            .unwrap_or_else(|| panic!("{path} was not called"));
        for status in item["get"]["responses"].as_object().unwrap().keys() {
            let status: u16 = status.parse().unwrap();
            if EXERCISED.contains(&status) {
                assert!(statuses.contains(&status), "{path}: {status} not seen");
            }
        }
    }
}

/// Every schema of the document compiles as JSON Schema 2020-12; the search schema (its
/// answers are also checked above) takes a plausible answer and refuses one without its total.
#[test]
fn every_schema_compiles_and_the_search_schema_takes_highlighted_results() {
    let doc = document();
    for name in doc["components"]["schemas"].as_object().unwrap().keys() {
        let mut root = json!({"$ref": format!("#/components/schemas/{name}")});
        root["components"] = doc["components"].clone();
        jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&root)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let root = response_schema(&doc, "/search", 200).unwrap();
    let validator = jsonschema::draft202012::new(&root).unwrap();
    let page = json!({
        "language": "vi",
        "query": "hoi nghi",
        "total": 1,
        "some_words": false,
        "items": [{
            "id": 7,
            "language": "vi",
            "title": "Hội nghị",
            "snippet": "… <mark>Hội nghị</mark> thượng đỉnh &amp; …",
            "url": "https://news.example/vi/hoi-nghi-7",
            "published_at": "2026-11-25T01:30:00Z",
            "origin": "original"
        }],
        "next_cursor": null
    });
    assert!(validator.is_valid(&page));
    let missing = json!({"language": "vi", "query": "x", "items": [], "next_cursor": null});
    assert!(!validator.is_valid(&missing));
}

// --- articles ---

/// The ids of a list's pages walked with `limit`, following `next_cursor`.
async fn walk(server: &Server, first: &str, limit: u32) -> Vec<Vec<i64>> {
    let mut pages = Vec::new();
    let mut target = format!("{first}&limit={limit}");
    for _ in 0..100 {
        let page = server.get(&target).await.json();
        let ids: Vec<i64> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect();
        pages.push(ids);
        match page["next_cursor"].as_str() {
            Some(cursor) => target = format!("{first}&limit={limit}&cursor={cursor}"),
            None => break,
        }
    }
    pages
}

fn new_english_article(
    source: herald_domain::SourceId,
    category: herald_domain::CategoryId,
    n: usize,
) -> NewArticle {
    NewArticle {
        source,
        source_url: None,
        kind: ArticleKind::News,
        category,
        topics: Vec::new(),
        tags: Vec::new(),
        authors: Vec::new(),
        place: None,
        lead_image: None,
        media: Vec::new(),
        featured: false,
        published_at: "2026-11-30T00:00:00Z".parse().unwrap(),
        updated_at: "2026-11-30T00:00:00Z".parse().unwrap(),
        original: VersionText {
            language: lang("en"),
            title: format!("Breaking story {n}"),
            lead: "Just in.".to_owned(),
            body: "<p>More soon.</p>".to_owned(),
        },
        state: EditorialState::Published,
    }
}

#[tokio::test]
async fn cursor_pages_give_every_article_once_while_new_ones_are_published() {
    let nr = newsroom().await;
    let server = serve(&nr).await;
    let whole: Vec<i64> = walk(&server, "/api/v1/articles?lang=en", 100)
        .await
        .concat();
    assert!(whole.len() >= 6, "{whole:?}");
    let existing = nr
        .store
        .article(ArticleId::new(whole[0]))
        .await
        .unwrap()
        .unwrap();

    // Page by page, with an article published (and translated) after each page.
    let mut seen = Vec::new();
    let mut target = "/api/v1/articles?lang=en&limit=2".to_owned();
    let mut added = Vec::new();
    for n in 0..50 {
        let page = server.get(&target).await.json();
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_i64().unwrap()),
        );
        let id = nr
            .store
            .create_article(new_english_article(existing.source, existing.category, n))
            .await
            .unwrap();
        nr.store
            .save_version(VersionDraft {
                article: id,
                language: lang("fa"),
                title: format!("خبر فوری {n}"),
                lead: "همین حالا.".to_owned(),
                body: "<p>به زودی.</p>".to_owned(),
                origin: Origin::Machine,
                provenance: None,
                state: EditorialState::Published,
            })
            .await
            .unwrap();
        nr.state.refresh_content_revision().await.unwrap();
        added.push(id.get());
        match page["next_cursor"].as_str() {
            Some(cursor) => target = format!("/api/v1/articles?lang=en&limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(
        seen, whole,
        "each article once, in order, none of the new ones"
    );
    // Starting again finds the new articles first, then the same list.
    let again = walk(&server, "/api/v1/articles?lang=en", 3).await.concat();
    let mut expected: Vec<i64> = added.iter().rev().copied().collect();
    expected.extend(&whole);
    assert_eq!(again, expected);
}

#[tokio::test]
async fn filters_take_slugs_in_the_language_or_ids_and_agree() {
    let nr = newsroom().await;
    let server = serve(&nr).await;
    let ids = nr.ids;
    let listed = |reply: Reply| -> Vec<i64> {
        reply.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect()
    };
    for (by_slug, by_id) in [
        (
            "/api/v1/articles?lang=vi&category=di-san".to_owned(),
            format!("/api/v1/articles?lang=vi&category={}", ids.heritage),
        ),
        (
            "/api/v1/articles?lang=fa&topic=تت-۲۰۲۷".to_owned(),
            format!("/api/v1/articles?lang=fa&topic={}", ids.tet),
        ),
        (
            "/api/v1/articles?lang=en&author=nguyen-thi-lan".to_owned(),
            format!("/api/v1/articles?lang=en&author={}", ids.lan),
        ),
        (
            "/api/v1/articles?lang=vi&source=bao-nhan-dan".to_owned(),
            format!("/api/v1/articles?lang=vi&source={}", ids.nhan_dan),
        ),
        (
            "/api/v1/articles?lang=vi&place=hue".to_owned(),
            format!("/api/v1/articles?lang=vi&place={}", ids.hue),
        ),
        (
            "/api/v1/articles?lang=en&tag=lanterns".to_owned(),
            format!("/api/v1/articles?lang=en&tag={}", ids.lanterns),
        ),
    ] {
        let slug = server.get(&crate::encode_non_ascii(&by_slug)).await;
        assert_eq!(slug.status, 200, "{by_slug}: {}", slug.text());
        let a = listed(slug);
        assert!(!a.is_empty(), "{by_slug}");
        assert_eq!(a, listed(server.get(&by_id).await), "{by_slug}");
    }
    // The culture section includes its sub-section, heritage.
    let culture = listed(
        server
            .get(&format!(
                "/api/v1/articles?lang=vi&category={}",
                ids.culture
            ))
            .await,
    );
    assert!(culture.contains(&ids.lanterns_article.get()));
    let featured = listed(server.get("/api/v1/articles?lang=vi&featured=true").await);
    assert_eq!(featured, [ids.lanterns_article.get()]);
    let not_featured = listed(server.get("/api/v1/articles?lang=vi&featured=false").await);
    assert!(!not_featured.contains(&ids.lanterns_article.get()));
    // Dates: a day, both ends included; times.
    let day = listed(
        server
            .get("/api/v1/articles?lang=vi&since=2026-11-25&until=2026-11-25")
            .await,
    );
    assert_eq!(day, [ids.lanterns_article.get()]);
    let range = listed(
        server
            .get("/api/v1/articles?lang=vi&since=2026-11-20T02:00:00Z&until=2026-11-23T12:00:00%2B00:00")
            .await,
    );
    assert_eq!(
        range,
        [
            ids.video_article.get(),
            ids.english_article.get(),
            ids.embed_article.get(),
            ids.lantern_makers.get()
        ]
    );
}

#[tokio::test]
async fn one_article_lists_its_translations_and_media() {
    let nr = newsroom().await;
    let server = serve(&nr).await;
    let ids = nr.ids;
    let article = server
        .get(&format!("/api/v1/articles/{}?lang=en", ids.video_article))
        .await
        .json();
    assert_eq!(article["origin"], "human");
    assert_eq!(article["provenance"]["engine"], "person");
    let languages: Vec<&str> = article["translations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["language"].as_str().unwrap())
        .collect();
    // The site's languages only (vi, en, fa), the one asked left out; ar is not published here.
    assert_eq!(languages, ["vi", "fa"]);
    let video = &article["media"][0];
    assert_eq!(video["type"], "video");
    assert_eq!(video["source"], "file");
    let tracks: Vec<&str> = video["subtitles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["language"].as_str().unwrap())
        .collect();
    assert_eq!(tracks, ["ar", "en", "fa", "vi"]);
    let machine = server
        .get(&format!("/api/v1/articles/{}?lang=en", ids.lantern_makers))
        .await
        .json();
    assert_eq!(machine["origin"], "machine");
    assert_eq!(machine["provenance"]["engine"], "pseudo");
    // The language is read in any case.
    let upper = server
        .get(&format!(
            "/api/v1/articles/{}?lang=FA",
            ids.lanterns_article
        ))
        .await;
    assert_eq!(upper.status, 200);
    assert_eq!(upper.json()["language"], "fa");
}

// --- caching, CORS, errors ---

#[tokio::test]
async fn answers_carry_validators_cache_and_cors_headers() {
    let nr = newsroom().await;
    let server = serve(&nr).await;
    let reply = server.get("/api/v1/topics?lang=vi").await;
    assert_eq!(reply.status, 200);
    let etag = reply.header("etag").unwrap().to_owned();
    assert!(
        etag.starts_with('"') && etag.ends_with('"'),
        "strong: {etag}"
    );
    assert_eq!(
        reply.header("cache-control"),
        Some("public, max-age=60, stale-while-revalidate=300")
    );
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
    assert_eq!(reply.header("access-control-expose-headers"), Some("etag"));
    assert_eq!(reply.header("vary"), Some("accept"));
    assert_eq!(reply.header("set-cookie"), None);
    // The same answer, the same validator; another language, another.
    let same = server.get("/api/v1/topics?lang=vi").await;
    assert_eq!(same.header("etag"), Some(etag.as_str()));
    let other = server.get("/api/v1/topics?lang=fa").await;
    assert_ne!(other.header("etag"), Some(etag.as_str()));
    for if_none_match in [
        etag.clone(),
        format!("\"other\", {etag}"),
        format!("W/{etag}"),
        "*".to_owned(),
    ] {
        let reply = server
            .get_with(
                "/api/v1/topics?lang=vi",
                &[("if-none-match", &if_none_match)],
            )
            .await;
        assert_eq!(reply.status, 304, "{if_none_match}");
        assert!(reply.body.is_empty());
        assert_eq!(reply.header("etag"), Some(etag.as_str()));
        assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
    }
    let stale = server
        .get_with("/api/v1/topics?lang=vi", &[("if-none-match", "\"stale\"")])
        .await;
    assert_eq!(stale.status, 200);
    // A change of content changes the validator.
    nr.store
        .rename_term(
            herald_store::TermKind::Topic,
            nr.ids.tet.get(),
            &lang("vi"),
            "Tết Đinh Mùi",
        )
        .await
        .unwrap();
    nr.state.refresh_content_revision().await.unwrap();
    let changed = server
        .get_with("/api/v1/topics?lang=vi", &[("if-none-match", &etag)])
        .await;
    assert_eq!(changed.status, 200);
    assert!(changed.text().contains("Tết Đinh Mùi"));
    // A preflight is answered for any origin.
    let preflight = server
        .send(
            "OPTIONS",
            b"/api/v1/articles",
            &[
                ("origin", "https://app.example"),
                ("access-control-request-method", "GET"),
            ],
        )
        .await;
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    assert!(
        preflight
            .header("access-control-allow-headers")
            .unwrap()
            .contains("if-none-match")
    );
    // HEAD: the headers of a GET, no body.
    let head = server.send("HEAD", b"/api/v1/topics?lang=vi", &[]).await;
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn errors_are_json_with_stable_codes_and_never_a_server_error() {
    let nr = newsroom().await;
    let server = serve(&nr).await;
    let ids = nr.ids;
    let some_cursor = server.get("/api/v1/articles?lang=vi&limit=1").await.json()["next_cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut tampered = some_cursor.clone().into_bytes();
    tampered[3] = if tampered[3] == b'a' { b'b' } else { b'a' };
    let tampered = String::from_utf8(tampered).unwrap();
    let long = format!("/api/v1/articles?lang=vi&x={}", "a".repeat(1500));
    let longer = format!("/api/v1/articles/{}", "1".repeat(3000));
    let cases: Vec<(String, u16, &str)> = vec![
        ("/api/v1/articles?lang=xx".into(), 400, "unknown_language"),
        ("/api/v1/articles?lang=".into(), 400, "unknown_language"),
        ("/api/v1/articles?lang=ar".into(), 400, "unknown_language"),
        ("/api/v1/articles?limit=0".into(), 400, "invalid_parameter"),
        (
            "/api/v1/articles?limit=101".into(),
            400,
            "invalid_parameter",
        ),
        ("/api/v1/articles?limit=-1".into(), 400, "invalid_parameter"),
        (
            "/api/v1/articles?limit=1e3".into(),
            400,
            "invalid_parameter",
        ),
        (
            "/api/v1/articles?limit=99999999999999999999999".into(),
            400,
            "invalid_parameter",
        ),
        (
            "/api/v1/articles?featured=yes".into(),
            400,
            "invalid_parameter",
        ),
        (
            "/api/v1/articles?since=yesterday".into(),
            400,
            "invalid_parameter",
        ),
        (
            "/api/v1/articles?until=2026-13-01".into(),
            400,
            "invalid_parameter",
        ),
        (
            "/api/v1/articles?since=-009999-01-01".into(),
            400,
            "invalid_parameter",
        ),
        (
            "/api/v1/articles?category=nowhere".into(),
            400,
            "unknown_term",
        ),
        ("/api/v1/articles?author=999999".into(), 400, "unknown_term"),
        ("/api/v1/articles?source=%00".into(), 400, "unknown_term"),
        ("/api/v1/articles?place=%FF%FE".into(), 400, "unknown_term"),
        ("/api/v1/articles?cursor=".into(), 400, "invalid_cursor"),
        ("/api/v1/articles?cursor=%FF".into(), 400, "invalid_cursor"),
        (
            format!("/api/v1/articles?lang=vi&cursor={tampered}"),
            400,
            "invalid_cursor",
        ),
        // A cursor of another list.
        (
            format!("/api/v1/articles?lang=en&cursor={some_cursor}"),
            400,
            "invalid_cursor",
        ),
        (
            format!("/api/v1/articles?lang=vi&featured=true&cursor={some_cursor}"),
            400,
            "invalid_cursor",
        ),
        ("/api/v1/articles/0".into(), 404, "not_found"),
        ("/api/v1/articles/-3".into(), 404, "not_found"),
        ("/api/v1/articles/%FF".into(), 400, "bad_request"),
        (
            "/api/v1/articles/99999999999999999999".into(),
            404,
            "not_found",
        ),
        (
            format!("/api/v1/articles/{}?lang=fa", ids.en_only),
            404,
            "not_in_language",
        ),
        (
            format!("/api/v1/articles/{}?lang=en", ids.withdrawn),
            410,
            "gone",
        ),
        ("/api/v1/nothing-here".into(), 404, "not_found"),
        ("/api/v1/".into(), 404, "not_found"),
        ("/api/v1".into(), 404, "not_found"),
        ("/api/v2/articles".into(), 404, "not_found"),
        ("/api/v1/articles/1/2".into(), 404, "not_found"),
        (long, 400, "query_too_long"),
        (longer, 414, "uri_too_long"),
    ];
    let doc = document();
    let mut root = json!({"$ref": "#/components/schemas/Error"});
    root["components"] = doc["components"].clone();
    let error_schema = jsonschema::draft202012::new(&root).unwrap();
    for (target, status, code) in &cases {
        let reply = server.get(target).await;
        assert!(
            error_schema.is_valid(&reply.json()),
            "{target}: {}",
            reply.text()
        );
        assert_eq!(reply.status, *status, "{target}: {}", reply.text());
        assert_eq!(
            reply.header("content-type"),
            Some("application/json"),
            "{target}"
        );
        assert_eq!(reply.code(), *code, "{target}");
        assert!(
            !reply.json()["error"]["message"]
                .as_str()
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            reply.header("access-control-allow-origin"),
            Some("*"),
            "{target}"
        );
        assert_eq!(reply.header("cache-control"), Some("no-cache"), "{target}");
    }
    // Methods other than GET, HEAD and OPTIONS: 405 with `Allow`, as JSON.
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let reply = server.send(method, b"/api/v1/articles", &[]).await;
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.code(), "method_not_allowed");
        assert!(reply.header("allow").unwrap().contains("GET"), "{method}");
    }
    let refused = server
        .get_with(
            "/api/v1/articles",
            &[("accept", "text/html;q=1, application/json;q=0")],
        )
        .await;
    assert_eq!(refused.status, 406);
    assert_eq!(refused.code(), "not_acceptable");
    // Whatever the query string: an answer, never a server error; unknown parameters ignored.
    let hostile = [
        "lang=vi&lang=fa&utm_source=x&whatever=1",
        "lang=vi&limit=100&limit=abc",
        "%26%3D%3D&&&==&lang=vi",
        "lang=%E2%80%AEvi",
        "lang=vi%00",
        "lang=vi-x-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "category=%27%3B%20DROP%20TABLE%20articles%3B--",
        "topic=%25&author=_&source=*",
        "since=9999-12-31&until=0001-01-01",
        "since=2026-02-30",
        "cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "cursor=________________________________",
        "q=%F0%9F%98%80",
    ];
    for query in hostile {
        let reply = server.get(&format!("/api/v1/articles?{query}")).await;
        assert!(reply.status < 500, "{query}: {}", reply.status);
        assert_eq!(
            reply.header("content-type"),
            Some("application/json"),
            "{query}"
        );
        reply.json();
    }
    // Bytes that are not even a valid request target never reach the API, nor break it.
    let raw = server
        .send("GET", b"/api/v1/articles?lang=\xff\xfe", &[])
        .await;
    assert!(raw.status < 500, "{}", raw.status);
    assert_eq!(server.get("/api/v1/topics").await.status, 200);
}

#[tokio::test]
async fn right_to_left_text_comes_out_as_utf8_json_unescaped() {
    let nr = newsroom().await;
    let server = serve(&nr).await;
    let reply = server
        .get(&format!(
            "/api/v1/articles/{}?lang=fa",
            nr.ids.lanterns_article
        ))
        .await;
    assert_eq!(reply.status, 200);
    let text = reply.text();
    assert!(
        text.contains("هوئه خیابان فانوس‌ها را برای تت روشن می‌کند"),
        "{text}"
    );
    // The zero-width non-joiner of "نتیجه‌گیری" is kept as the character, not escaped.
    assert!(text.contains("نتیجه\u{200c}گیری"));
    assert!(!text.contains("\\u"), "{text}");
    let article = reply.json();
    assert_eq!(article["direction"], "rtl");
    assert_eq!(article["language"], "fa");
    // URLs are absolute and ASCII; the slug is the Persian one.
    let url = article["url"].as_str().unwrap();
    assert!(url.starts_with("https://news.example/fa/%D9%87"), "{url}");
    assert!(article["slug"].as_str().unwrap().starts_with("هوئه"));
    let list = server.get("/api/v1/categories?lang=fa").await;
    assert!(
        list.text().contains("\"name\":\"فرهنگ\""),
        "{}",
        list.text()
    );
}

// --- snapshots ---

#[tokio::test]
async fn one_answer_of_each_endpoint_is_snapshotted() {
    let nr = newsroom().await;
    let server = serve(&nr).await;
    let ids = nr.ids;
    for (name, target) in [
        (
            "api_articles_en",
            "/api/v1/articles?lang=en&limit=3".to_owned(),
        ),
        (
            "api_article_fa",
            format!("/api/v1/articles/{}?lang=fa", ids.lanterns_article),
        ),
        (
            "api_article_vi_video",
            format!("/api/v1/articles/{}?lang=vi", ids.video_article),
        ),
        ("api_categories_vi", "/api/v1/categories?lang=vi".to_owned()),
        ("api_topics_fa", "/api/v1/topics?lang=fa".to_owned()),
        ("api_authors_en", "/api/v1/authors?lang=en".to_owned()),
        ("api_sources_vi", "/api/v1/sources?lang=vi".to_owned()),
        (
            "api_error_not_in_language",
            format!("/api/v1/articles/{}?lang=fa", ids.en_only),
        ),
    ] {
        let reply = server.get(&target).await;
        let pretty = serde_json::to_string_pretty(&reply.json()).unwrap();
        insta::assert_snapshot!(name, format!("{} {target}\n{pretty}", reply.status));
    }
}

#[tokio::test]
async fn search_finds_words_typed_without_diacritics_and_walks_its_pages_by_cursor() {
    let nr = newsroom().await;
    let server = serve(&nr).await;
    let reply = server
        .get("/api/v1/search?lang=vi&q=den+long&limit=2")
        .await;
    assert_eq!(reply.status, 200);
    let first = reply.json();
    assert_eq!(first["total"], 3);
    assert_eq!(first["query"], "den long");
    let hit = &first["items"][0];
    assert_eq!(hit["id"], nr.ids.lanterns_article.get());
    assert_eq!(
        hit["title_html"],
        "Huế thắp sáng phố <mark>đèn lồng</mark> đón Tết"
    );
    assert!(
        hit["url"]
            .as_str()
            .unwrap()
            .starts_with("https://news.example/vi/")
    );
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let second = server
        .get(&format!(
            "/api/v1/search?lang=vi&q=den+long&limit=2&cursor={cursor}"
        ))
        .await
        .json();
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert_eq!(second["next_cursor"], Value::Null);
    let mut ids: Vec<i64> = [&first, &second]
        .iter()
        .flat_map(|page| page["items"].as_array().unwrap().clone())
        .map(|item| item["id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 3, "each result once");
    // The cursor belongs to that search only.
    let other = server
        .get(&format!(
            "/api/v1/search?lang=vi&q=den&limit=2&cursor={cursor}"
        ))
        .await;
    assert_eq!(other.status, 400);
    assert_eq!(other.code(), "invalid_cursor");

    // A process without an index says so, with its own code.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = nr.router();
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    let plain = Server { addr, task };
    let reply = plain.get("/api/v1/search?q=den").await;
    assert_eq!(reply.status, 503);
    assert_eq!(reply.code(), "search_unavailable");
}
