//! The HTTP engines (LibreTranslate, OpenAI-compatible chat) against local servers on
//! 127.0.0.1 that speak each protocol: they upper-case text outside tags, so a round trip
//! shows that tags and placeholders survive, and they can be told to misbehave (429, 500,
//! 401, a wrong count, a slow answer) to show how each outcome maps to `EngineError`.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers: a failure should stop the test at once"
)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use herald_domain::Language;
use herald_translate::http::{ApiKey, HttpSettings};
use herald_translate::{EngineError, LibreTranslate, OpenAi, OpenAiSettings, Pair, Translator};
use serde_json::{Value, json};
use url::Url;

const KEY: &str = "sk-test-5ecret-key";

/// How the fake server answers translation requests (`/languages` always works).
#[derive(Debug, Clone, Copy)]
enum Behaviour {
    Translate,
    /// The first request gets 429 with `Retry-After: 1`.
    TooManyOnce,
    ServerError,
    /// 401, with the key the client sent echoed in the body.
    Unauthorized,
    /// One segment too many.
    WrongCount,
    /// A single string instead of an array.
    OneString,
    Slow,
}

struct Fake {
    behaviour: Behaviour,
    hits: AtomicUsize,
    /// `Authorization` headers seen.
    authorizations: Mutex<Vec<String>>,
    /// Request bodies seen.
    bodies: Mutex<Vec<Value>>,
}

type Shared = Arc<Fake>;

fn pair(from: &str, to: &str) -> Pair {
    Pair::new(Language::parse(from).unwrap(), Language::parse(to).unwrap())
}

fn batch() -> Vec<String> {
    vec![
        "Prices rose <var>1</var> percent.".to_owned(),
        "Read <a id=\"1\">the <em>full</em> report</a> here.".to_owned(),
    ]
}

fn expected() -> Vec<String> {
    vec![
        "PRICES ROSE <var>1</var> PERCENT.".to_owned(),
        "READ <a id=\"1\">THE <em>FULL</em> REPORT</a> HERE.".to_owned(),
    ]
}

/// Upper-cases text outside tags.
fn shout(text: &str) -> String {
    let mut in_tag = false;
    text.chars()
        .map(|c| {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ => {}
            }
            if in_tag { c } else { c.to_ascii_uppercase() }
        })
        .collect()
}

/// Applies the behaviour; `Ok` means "answer normally".
async fn misbehave(fake: &Fake, headers: &HeaderMap, body: &Value) -> Result<(), Response> {
    let hit = fake.hits.fetch_add(1, Ordering::SeqCst);
    if let Some(auth) = headers.get("authorization") {
        fake.authorizations
            .lock()
            .unwrap()
            .push(auth.to_str().unwrap().to_owned());
    }
    fake.bodies.lock().unwrap().push(body.clone());
    match fake.behaviour {
        Behaviour::TooManyOnce if hit == 0 => Err((
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", "1")],
            "slow down",
        )
            .into_response()),
        Behaviour::ServerError => {
            Err((StatusCode::INTERNAL_SERVER_ERROR, "model crashed").into_response())
        }
        Behaviour::Unauthorized => {
            let sent = headers
                .get("authorization")
                .map(|h| h.to_str().unwrap().to_owned())
                .unwrap_or_default();
            Err((StatusCode::UNAUTHORIZED, format!("invalid key: {sent}")).into_response())
        }
        Behaviour::Slow => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            Ok(())
        }
        _ => Ok(()),
    }
}

async fn languages() -> Json<Value> {
    Json(json!([
        {"code": "en", "name": "English", "targets": ["es", "zh", "pb", "zt"]},
        {"code": "es", "name": "Spanish", "targets": ["en"]},
        {"code": "zh", "name": "Chinese", "targets": ["en"]},
        {"code": "zt", "name": "Chinese (traditional)", "targets": ["en"]},
        {"code": "pb", "name": "Portuguese (Brazil)", "targets": ["en"]},
    ]))
}

async fn libre_translate(
    State(fake): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if let Err(response) = misbehave(&fake, &headers, &body).await {
        return response;
    }
    let mut texts: Vec<String> = match &body["q"] {
        Value::Array(q) => q.iter().map(|s| shout(s.as_str().unwrap())).collect(),
        Value::String(q) => vec![shout(q)],
        _ => return (StatusCode::BAD_REQUEST, "no q").into_response(),
    };
    match fake.behaviour {
        Behaviour::WrongCount => texts.push("EXTRA".to_owned()),
        Behaviour::OneString => return Json(json!({"translatedText": texts[0]})).into_response(),
        _ => {}
    }
    Json(json!({"translatedText": texts})).into_response()
}

async fn chat(State(fake): State<Shared>, headers: HeaderMap, Json(body): Json<Value>) -> Response {
    if let Err(response) = misbehave(&fake, &headers, &body).await {
        return response;
    }
    let segments: Vec<String> =
        serde_json::from_str(body["messages"][1]["content"].as_str().unwrap()).unwrap();
    let mut texts: Vec<String> = segments.iter().map(|s| shout(s)).collect();
    if matches!(fake.behaviour, Behaviour::WrongCount) {
        texts.pop();
    }
    let content = format!(
        "Here you are:\n```json\n{}\n```",
        serde_json::to_string(&texts).unwrap()
    );
    Json(json!({
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
    }))
    .into_response()
}

/// Starts the fake server for both protocols; returns its base URL and state.
async fn serve(behaviour: Behaviour) -> (Url, Shared) {
    let fake = Arc::new(Fake {
        behaviour,
        hits: AtomicUsize::new(0),
        authorizations: Mutex::new(Vec::new()),
        bodies: Mutex::new(Vec::new()),
    });
    let app = Router::new()
        .route("/languages", get(languages))
        .route("/translate", post(libre_translate))
        .route("/v1/chat/completions", post(chat))
        .with_state(Arc::clone(&fake));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (Url::parse(&format!("http://{addr}")).unwrap(), fake)
}

fn settings() -> HttpSettings {
    HttpSettings {
        timeout: Duration::from_secs(5),
        backoff: Duration::from_millis(10),
        api_key: Some(ApiKey::new(KEY)),
        ..HttpSettings::default()
    }
}

async fn libre(behaviour: Behaviour) -> (LibreTranslate, Shared) {
    libre_with(behaviour, settings()).await
}

async fn libre_with(behaviour: Behaviour, settings: HttpSettings) -> (LibreTranslate, Shared) {
    let (url, fake) = serve(behaviour).await;
    let engine = LibreTranslate::connect_with(url, settings).await.unwrap();
    (engine, fake)
}

async fn openai(behaviour: Behaviour) -> (OpenAi, Shared) {
    openai_with(behaviour, settings()).await
}

async fn openai_with(behaviour: Behaviour, http: HttpSettings) -> (OpenAi, Shared) {
    let (url, fake) = serve(behaviour).await;
    let mut settings = OpenAiSettings::new(
        url,
        "test-model",
        vec![
            Language::parse("en").unwrap(),
            Language::parse("es").unwrap(),
        ],
    );
    settings.http = http;
    (OpenAi::new(settings).unwrap(), fake)
}

fn assert_no_key(error: &EngineError) {
    let text = format!("{error} {error:?}");
    assert!(!text.contains(KEY), "the key leaked: {text}");
}

#[tokio::test]
async fn libretranslate_lists_pairs_in_bcp47_tags() {
    let (engine, _) = libre(Behaviour::Translate).await;
    let pairs = engine.pairs();
    for (from, to) in [
        ("en", "es"),
        ("es", "en"),
        ("en", "zh-Hans"),
        ("en", "zh"),
        ("zh-Hant", "en"),
        ("en", "pt-BR"),
    ] {
        assert!(pairs.contains(&pair(from, to)), "{from}→{to} in {pairs:?}");
    }
    assert!(!pairs.contains(&pair("es", "zh")));
    assert_eq!(
        engine.code_for(&Language::parse("pt-BR").unwrap()),
        Some("pb")
    );
    assert_eq!(
        engine.code_for(&Language::parse("es-MX").unwrap()),
        Some("es")
    );
    assert!(
        engine
            .model(&pair("en", "es"))
            .unwrap()
            .starts_with("libretranslate 127.0.0.1:")
    );
    assert_eq!(engine.model(&pair("es", "zh")), None);
}

#[tokio::test]
async fn libretranslate_round_trip_keeps_placeholders_and_tags() {
    let (engine, fake) = libre(Behaviour::Translate).await;
    let out = engine
        .translate(&pair("en", "pt-BR"), &batch())
        .await
        .unwrap();
    assert_eq!(out, expected());
    let body = fake.bodies.lock().unwrap()[0].clone();
    assert_eq!(body["source"], "en");
    assert_eq!(body["target"], "pb");
    assert_eq!(body["format"], "html");
    assert_eq!(body["api_key"], KEY);
}

#[tokio::test]
async fn libretranslate_accepts_a_single_string_for_one_segment() {
    let (engine, _) = libre(Behaviour::OneString).await;
    let out = engine
        .translate(&pair("en", "es"), &["hello".to_owned()])
        .await
        .unwrap();
    assert_eq!(out, vec!["HELLO"]);
}

#[tokio::test]
async fn libretranslate_refuses_a_pair_the_server_lacks() {
    let (engine, fake) = libre(Behaviour::Translate).await;
    let error = engine.translate(&pair("es", "zh"), &batch()).await;
    assert!(
        matches!(error, Err(EngineError::Unavailable(_))),
        "{error:?}"
    );
    assert_eq!(fake.hits.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn openai_round_trip_keeps_placeholders_and_tags_and_sends_the_glossary() {
    let (engine, fake) = openai(Behaviour::Translate).await;
    let engine = engine.with_glossary(vec![("Herald".to_owned(), "Heraldo".to_owned())]);
    assert_eq!(engine.pairs(), vec![pair("en", "es"), pair("es", "en")]);
    assert_eq!(
        engine.model(&pair("en", "es")).as_deref(),
        Some("openai test-model")
    );
    let out = engine.translate(&pair("en", "es"), &batch()).await.unwrap();
    assert_eq!(out, expected());
    let body = fake.bodies.lock().unwrap()[0].clone();
    assert_eq!(body["model"], "test-model");
    let system = body["messages"][0]["content"].as_str().unwrap();
    assert!(system.contains("from en to es"), "{system}");
    assert!(system.contains("<var>1</var>"), "{system}");
    assert!(
        system.contains("Always translate \"Herald\" as \"Heraldo\""),
        "{system}"
    );
}

#[tokio::test]
async fn the_glossary_terms_of_a_batch_reach_the_prompt_through_the_seam() {
    let (engine, fake) = openai(Behaviour::Translate).await;
    let engine: &dyn Translator = &engine;
    let terms = vec![("river district".to_owned(), "distrito del río".to_owned())];
    let out = engine
        .translate_with_glossary(&pair("en", "es"), &batch(), &terms)
        .await
        .unwrap();
    assert_eq!(out, expected());
    let body = fake.bodies.lock().unwrap()[0].clone();
    let system = body["messages"][0]["content"].as_str().unwrap();
    assert!(
        system.contains("Always translate \"river district\" as \"distrito del río\""),
        "{system}"
    );
}

#[tokio::test]
async fn the_api_key_reaches_the_server_as_a_header() {
    let (lt, lt_fake) = libre(Behaviour::Translate).await;
    lt.translate(&pair("en", "es"), &batch()).await.unwrap();
    let (oa, oa_fake) = openai(Behaviour::Translate).await;
    oa.translate(&pair("en", "es"), &batch()).await.unwrap();
    for fake in [lt_fake, oa_fake] {
        let seen = fake.authorizations.lock().unwrap().clone();
        assert_eq!(seen, vec![format!("Bearer {KEY}")]);
    }
    assert!(!format!("{lt:?} {oa:?}").contains(KEY));
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_after_the_wait() {
    for openai_engine in [false, true] {
        let started = Instant::now();
        let (out, fake) = if openai_engine {
            let (engine, fake) = openai(Behaviour::TooManyOnce).await;
            (engine.translate(&pair("en", "es"), &batch()).await, fake)
        } else {
            let (engine, fake) = libre(Behaviour::TooManyOnce).await;
            (engine.translate(&pair("en", "es"), &batch()).await, fake)
        };
        assert_eq!(out.unwrap(), expected());
        assert_eq!(fake.hits.load(Ordering::SeqCst), 2);
        assert!(started.elapsed() >= Duration::from_millis(950));
    }
}

#[tokio::test]
async fn three_server_errors_fail_the_batch() {
    let (engine, fake) = libre(Behaviour::ServerError).await;
    let error = engine
        .translate(&pair("en", "es"), &batch())
        .await
        .unwrap_err();
    assert!(matches!(error, EngineError::Failed(_)), "{error:?}");
    assert!(error.to_string().contains("500"), "{error}");
    assert_eq!(fake.hits.load(Ordering::SeqCst), 3);
    assert_no_key(&error);

    let (engine, fake) = openai(Behaviour::ServerError).await;
    let error = engine
        .translate(&pair("en", "es"), &batch())
        .await
        .unwrap_err();
    assert!(matches!(error, EngineError::Failed(_)), "{error:?}");
    assert_eq!(fake.hits.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_401_makes_the_engine_unavailable_without_showing_the_key() {
    let (engine, fake) = libre(Behaviour::Unauthorized).await;
    let error = engine
        .translate(&pair("en", "es"), &batch())
        .await
        .unwrap_err();
    assert!(matches!(error, EngineError::Unavailable(_)), "{error:?}");
    assert!(error.to_string().contains("[redacted]"), "{error}");
    assert_no_key(&error);
    assert_eq!(fake.hits.load(Ordering::SeqCst), 1, "not retried");

    let (engine, _) = openai(Behaviour::Unauthorized).await;
    let error = engine
        .translate(&pair("en", "es"), &batch())
        .await
        .unwrap_err();
    assert!(matches!(error, EngineError::Unavailable(_)), "{error:?}");
    assert_no_key(&error);
}

#[tokio::test]
async fn a_wrong_number_of_segments_is_bad_output() {
    let (engine, _) = libre(Behaviour::WrongCount).await;
    let error = engine
        .translate(&pair("en", "es"), &batch())
        .await
        .unwrap_err();
    assert!(matches!(error, EngineError::BadOutput(_)), "{error:?}");

    let (engine, _) = openai(Behaviour::WrongCount).await;
    let error = engine
        .translate(&pair("en", "es"), &batch())
        .await
        .unwrap_err();
    assert!(matches!(error, EngineError::BadOutput(_)), "{error:?}");
    assert_no_key(&error);
}

#[tokio::test]
async fn a_slow_server_fails_after_the_timeout() {
    let quick = HttpSettings {
        timeout: Duration::from_millis(300),
        ..settings()
    };
    let (engine, fake) = libre_with(Behaviour::Slow, quick.clone()).await;
    let started = Instant::now();
    let error = engine
        .translate(&pair("en", "es"), &batch())
        .await
        .unwrap_err();
    assert!(matches!(error, EngineError::Failed(_)), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(fake.hits.load(Ordering::SeqCst), 1);
    assert_no_key(&error);

    let (engine, _) = openai_with(Behaviour::Slow, quick).await;
    let error = engine
        .translate(&pair("en", "es"), &batch())
        .await
        .unwrap_err();
    assert!(matches!(error, EngineError::Failed(_)), "{error:?}");
}

#[tokio::test]
async fn a_server_that_refuses_connections_fails_after_retries() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let mut settings = OpenAiSettings::new(
        Url::parse(&format!("http://{addr}")).unwrap(),
        "m",
        vec![
            Language::parse("en").unwrap(),
            Language::parse("es").unwrap(),
        ],
    );
    settings.http = self::settings();
    let engine = OpenAi::new(settings).unwrap();
    let error = engine
        .translate(&pair("en", "es"), &batch())
        .await
        .unwrap_err();
    assert!(matches!(error, EngineError::Failed(_)), "{error:?}");
    assert!(error.to_string().contains("3 attempts"), "{error}");
    assert_no_key(&error);
}
