//! Signing in to the admin, sessions, CSRF, lock-out, roles and the admin's language: the
//! security of the newsroom's tools, over HTTP.

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use herald_domain::{Language, NewUser, Role};
use herald_store::Store;

use crate::admin_support::csrf_field;
use crate::fixture::{Newsroom, lang, newsroom, newsroom_with};
use crate::{Page, get_with, send};

const PASSWORD: &str = "a long enough password";

/// Adds an account with [`PASSWORD`].
pub(crate) async fn add_user(nr: &Newsroom, email: &str, role: Role, languages: &[&str]) {
    nr.store
        .create_user(NewUser {
            email: email.to_owned(),
            display_name: email.split('@').next().unwrap().to_owned(),
            role,
            languages: languages.iter().map(|l| lang(l)).collect(),
            locale: None,
            password_hash: herald_web::hash_password(PASSWORD).unwrap(),
        })
        .await
        .unwrap();
}

/// A signed-in browser: its session cookie and the token its forms carry.
pub(crate) struct Browser {
    pub(crate) cookie: String,
    pub(crate) csrf: String,
}

/// The value of cookie `name` set by `page`.
fn set_cookie(page: &Page, name: &str) -> Option<String> {
    page.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            let pair = v.split(';').next()?;
            let (key, value) = pair.split_once('=')?;
            (key == name).then(|| value.to_owned())
        })
}

/// Sends a form from `address`.
async fn post_from(
    app: &Router,
    uri: &str,
    cookie: &str,
    body: &str,
    address: Option<[u8; 4]>,
) -> Page {
    let mut request = Request::builder()
        .method("POST")
        .uri(uri)
        .header("content-type", "application/x-www-form-urlencoded");
    if !cookie.is_empty() {
        request = request.header("cookie", cookie);
    }
    let mut request = request.body(Body::from(body.to_owned())).unwrap();
    if let Some(ip) = address {
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from((ip, 40_000))));
    }
    send(app, request).await
}

/// Sends a form with the browser's cookie.
pub(crate) async fn post(app: &Router, uri: &str, cookie: &str, body: &str) -> Page {
    post_from(app, uri, cookie, body, None).await
}

fn form(fields: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

/// The sign-in form's cookie and token.
async fn login_form(app: &Router) -> (String, String) {
    let page = get_with(app, "/admin/login", &[]).await;
    assert_eq!(page.status, 200);
    let token = set_cookie(&page, "herald_login_csrf").expect("a form token cookie");
    (format!("herald_login_csrf={token}"), csrf_field(&page))
}

/// Tries to sign in from `address`; the answer.
async fn try_sign_in(app: &Router, email: &str, password: &str, address: Option<[u8; 4]>) -> Page {
    let (cookie, csrf) = login_form(app).await;
    let body = form(&[
        ("csrf", &csrf),
        ("email", email),
        ("password", password),
        ("next", "/admin"),
    ]);
    post_from(app, "/admin/login", &cookie, &body, address).await
}

/// Signs in and opens the dashboard.
pub(crate) async fn sign_in(app: &Router, email: &str) -> Browser {
    let page = try_sign_in(app, email, PASSWORD, None).await;
    assert_eq!(page.status, 303, "{}", page.body);
    let token = set_cookie(&page, "herald_session").expect("a session cookie");
    let cookie = format!("herald_session={token}");
    let dashboard = get_with(app, "/admin", &[("cookie", &cookie)]).await;
    assert_eq!(dashboard.status, 200, "{}", dashboard.body);
    Browser {
        csrf: csrf_field(&dashboard),
        cookie,
    }
}

#[tokio::test]
async fn signing_in_sets_an_http_only_same_site_session_cookie_and_opens_the_dashboard() {
    let nr = newsroom().await;
    add_user(&nr, "Editor@News.Example", Role::Editor, &[]).await;
    let app = nr.router();
    let page = try_sign_in(&app, " editor@news.example ", PASSWORD, None).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), "/admin");
    let cookie = page
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with("herald_session="))
        .unwrap()
        .to_owned();
    for part in ["HttpOnly", "SameSite=Lax", "Path=/admin", "Max-Age=43200"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert!(
        cookie.contains("; Secure"),
        "the fixture's site is https: {cookie}"
    );
    let browser = sign_in(&app, "editor@news.example").await;
    let dashboard = get_with(&app, "/admin", &[("cookie", &browser.cookie)]).await;
    dashboard.assert_contains("<h1>Tổng quan</h1>");
    assert_eq!(dashboard.header("cache-control"), "no-store");
}

#[tokio::test]
async fn on_plain_http_cookies_are_not_marked_secure() {
    let nr = newsroom_with(&["vi", "en", "fa"], |s| {
        s.public_url = url::Url::parse("http://news.example/").unwrap();
    })
    .await;
    add_user(&nr, "editor@news.example", Role::Editor, &[]).await;
    let page = try_sign_in(&nr.router(), "editor@news.example", PASSWORD, None).await;
    let cookies: Vec<&str> = page
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert!(!cookies.is_empty());
    assert!(cookies.iter().all(|c| !c.contains("Secure")), "{cookies:?}");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let nr = newsroom().await;
    add_user(&nr, "editor@news.example", Role::Editor, &[]).await;
    let app = nr.router();
    let wrong = try_sign_in(&app, "editor@news.example", "not the password", None).await;
    let unknown = try_sign_in(&app, "nobody@news.example", PASSWORD, None).await;
    for page in [&wrong, &unknown] {
        assert_eq!(page.status, 401);
        page.assert_contains("Thư điện tử hoặc mật khẩu không đúng.");
        assert!(set_cookie(page, "herald_session").is_none());
    }
}

#[tokio::test]
async fn a_burst_of_wrong_passwords_locks_the_account_even_against_the_right_one() {
    let nr = newsroom().await;
    add_user(&nr, "editor@news.example", Role::Editor, &[]).await;
    let app = nr.router();
    for _ in 0..5 {
        let page = try_sign_in(&app, "editor@news.example", "guess guess guess", None).await;
        assert_eq!(page.status, 401);
    }
    let locked = try_sign_in(&app, "editor@news.example", PASSWORD, None).await;
    assert_eq!(locked.status, 401);
    locked.assert_contains("tạm bị khóa");
    assert!(set_cookie(&locked, "herald_session").is_none());
    let audit = nr
        .store
        .list_audit(
            &herald_store::AuditFilter::default(),
            herald_store::PageRequest::first(10),
        )
        .await
        .unwrap();
    assert!(audit.items.iter().any(|e| e.action == "user.locked"));
}

#[tokio::test]
async fn a_burst_from_one_address_is_refused_whichever_accounts_it_tries() {
    let nr = newsroom_with(&["vi", "en", "fa"], |s| s.admin.address_attempts = 3).await;
    add_user(&nr, "editor@news.example", Role::Editor, &[]).await;
    let app = nr.router();
    for email in ["a@news.example", "b@news.example", "c@news.example"] {
        let page = try_sign_in(&app, email, "guess guess guess", Some([192, 0, 2, 7])).await;
        assert_eq!(page.status, 401);
    }
    let slowed = try_sign_in(&app, "editor@news.example", PASSWORD, Some([192, 0, 2, 7])).await;
    assert_eq!(slowed.status, 429);
    slowed.assert_contains("Có quá nhiều lần đăng nhập");
    let other = try_sign_in(&app, "editor@news.example", PASSWORD, Some([192, 0, 2, 8])).await;
    assert_eq!(other.status, 303, "another address is not slowed");
}

#[tokio::test]
async fn a_form_without_its_csrf_token_is_refused() {
    let nr = newsroom().await;
    add_user(&nr, "admin@news.example", Role::Admin, &[]).await;
    let app = nr.router();
    let browser = sign_in(&app, "admin@news.example").await;
    for body in [
        form(&[("locale", "fa")]),
        form(&[("locale", "fa"), ("csrf", "")]),
        form(&[("locale", "fa"), ("csrf", &"0".repeat(64))]),
    ] {
        let page = post(&app, "/admin/account", &browser.cookie, &body).await;
        assert_eq!(page.status, 403, "{body}");
    }
    let page = post(&app, "/admin/logout", &browser.cookie, "").await;
    assert_eq!(page.status, 403);
    // The sign-in form is checked too: its token must match its cookie.
    let (cookie, _) = login_form(&app).await;
    let body = form(&[
        ("csrf", &"1".repeat(64)),
        ("email", "admin@news.example"),
        ("password", PASSWORD),
    ]);
    assert_eq!(post(&app, "/admin/login", &cookie, &body).await.status, 403);
    // With the token, the same form works.
    let body = form(&[("locale", "fa"), ("csrf", &browser.csrf)]);
    let page = post(&app, "/admin/account", &browser.cookie, &body).await;
    assert_eq!(page.status, 303);
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in_and_back_only_to_the_admin() {
    let nr = newsroom().await;
    add_user(&nr, "admin@news.example", Role::Admin, &[]).await;
    let app = nr.router();
    let page = get_with(&app, "/admin/users", &[]).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), "/admin/login?next=%2Fadmin%2Fusers");
    let (cookie, csrf) = login_form(&app).await;
    for (next, expected) in [
        ("/admin/users", "/admin/users"),
        ("https://evil.example/", "/admin"),
        ("//evil.example", "/admin"),
    ] {
        let body = form(&[
            ("csrf", &csrf),
            ("email", "admin@news.example"),
            ("password", PASSWORD),
            ("next", next),
        ]);
        let page = post(&app, "/admin/login", &cookie, &body).await;
        assert_eq!(page.location(), expected);
    }
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let nr = newsroom().await;
    add_user(&nr, "admin@news.example", Role::Admin, &[]).await;
    let app = nr.router();
    let browser = sign_in(&app, "admin@news.example").await;
    let page = post(
        &app,
        "/admin/logout",
        &browser.cookie,
        &form(&[("csrf", &browser.csrf)]),
    )
    .await;
    assert_eq!(page.status, 303);
    let again = get_with(&app, "/admin", &[("cookie", &browser.cookie)]).await;
    assert_eq!(again.status, 303, "the old cookie signs nobody in");
}

#[tokio::test]
async fn each_role_is_refused_what_it_may_not_do() {
    let nr = newsroom().await;
    add_user(&nr, "admin@news.example", Role::Admin, &[]).await;
    add_user(&nr, "editor@news.example", Role::Editor, &[]).await;
    add_user(&nr, "fa@news.example", Role::Translator, &["fa"]).await;
    add_user(&nr, "mod@news.example", Role::Moderator, &[]).await;
    let app = nr.router();
    for (email, users, audit) in [
        ("admin@news.example", 200, 200),
        ("editor@news.example", 403, 200),
        ("fa@news.example", 403, 403),
        ("mod@news.example", 403, 403),
    ] {
        let browser = sign_in(&app, email).await;
        let cookie = [("cookie", browser.cookie.as_str())];
        assert_eq!(
            get_with(&app, "/admin/users", &cookie).await.status,
            users,
            "{email}"
        );
        assert_eq!(
            get_with(&app, "/admin/audit", &cookie).await.status,
            audit,
            "{email}"
        );
        let body = form(&[
            ("csrf", &browser.csrf),
            ("email", "x@news.example"),
            ("role", "admin"),
            ("password", PASSWORD),
        ]);
        let created = post(&app, "/admin/users", &browser.cookie, &body).await;
        assert_eq!(
            created.status,
            if users == 200 { 303 } else { 403 },
            "{email}"
        );
        let dashboard = get_with(&app, "/admin", &cookie).await;
        assert_eq!(dashboard.status, 200);
        // The menu offers only what the role may open.
        assert_eq!(
            dashboard.body.contains("href=\"/admin/users\""),
            users == 200,
            "{email}"
        );
    }
}

#[tokio::test]
async fn the_admin_speaks_the_users_choice_then_the_cookie_then_the_browsers_language() {
    let nr = newsroom().await;
    add_user(&nr, "admin@news.example", Role::Admin, &[]).await;
    let app = nr.router();
    let browser = sign_in(&app, "admin@news.example").await;
    let with = |extra: &'static str| format!("{}{extra}", browser.cookie);
    let by_browser = get_with(
        &app,
        "/admin",
        &[("cookie", &browser.cookie), ("accept-language", "fa")],
    )
    .await;
    by_browser.assert_contains("<html lang=\"fa\" dir=\"rtl\">");
    by_browser.assert_contains("پیشخوان");
    let by_cookie = get_with(
        &app,
        "/admin",
        &[
            ("cookie", &with("; herald_locale=en")),
            ("accept-language", "fa"),
        ],
    )
    .await;
    by_cookie.assert_contains("<html lang=\"en\" dir=\"ltr\">");
    let body = form(&[("locale", "fa"), ("csrf", &browser.csrf)]);
    assert_eq!(
        post(&app, "/admin/account", &browser.cookie, &body)
            .await
            .status,
        303
    );
    let chosen = get_with(
        &app,
        "/admin/account",
        &[
            ("cookie", &with("; herald_locale=en")),
            ("accept-language", "en"),
        ],
    )
    .await;
    chosen.assert_contains("<html lang=\"fa\" dir=\"rtl\">");
    chosen.assert_contains("حساب من");
}

#[tokio::test]
async fn an_admin_adds_a_translator_and_the_audit_log_says_who_did_it() {
    let nr = newsroom().await;
    add_user(&nr, "admin@news.example", Role::Admin, &[]).await;
    let app = nr.router();
    let browser = sign_in(&app, "admin@news.example").await;
    let without_language = form(&[
        ("csrf", &browser.csrf),
        ("email", "t@news.example"),
        ("role", "translator"),
        ("password", PASSWORD),
    ]);
    let refused = post(&app, "/admin/users", &browser.cookie, &without_language).await;
    assert_eq!(refused.status, 422);
    refused.assert_contains("Biên dịch viên cần ít nhất một ngôn ngữ.");
    let body = form(&[
        ("csrf", &browser.csrf),
        ("email", "t@news.example"),
        ("role", "translator"),
        ("language", "fa"),
        ("password", PASSWORD),
    ]);
    assert_eq!(
        post(&app, "/admin/users", &browser.cookie, &body)
            .await
            .status,
        303
    );
    let (user, _) = nr
        .store
        .user_by_email("t@news.example")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.role, Role::Translator);
    assert_eq!(user.languages, [Language::parse("fa").unwrap()]);
    let log = get_with(&app, "/admin/audit", &[("cookie", &browser.cookie)]).await;
    log.assert_contains("user.create");
    log.assert_contains("admin@news.example");
    // An admin cannot demote themselves.
    let (me, _) = nr
        .store
        .user_by_email("admin@news.example")
        .await
        .unwrap()
        .unwrap();
    let body = form(&[("csrf", &browser.csrf), ("role", "editor")]);
    let page = post(
        &app,
        &format!("/admin/users/{}", me.id),
        &browser.cookie,
        &body,
    )
    .await;
    assert_eq!(page.status, 422);
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in_and_its_sessions_end() {
    let nr = newsroom().await;
    add_user(&nr, "admin@news.example", Role::Admin, &[]).await;
    add_user(&nr, "editor@news.example", Role::Editor, &[]).await;
    let app = nr.router();
    let admin = sign_in(&app, "admin@news.example").await;
    let editor = sign_in(&app, "editor@news.example").await;
    let (user, _) = nr
        .store
        .user_by_email("editor@news.example")
        .await
        .unwrap()
        .unwrap();
    let body = form(&[("csrf", &admin.csrf), ("role", "editor"), ("disabled", "1")]);
    assert_eq!(
        post(
            &app,
            &format!("/admin/users/{}", user.id),
            &admin.cookie,
            &body
        )
        .await
        .status,
        303
    );
    assert_eq!(
        get_with(&app, "/admin", &[("cookie", &editor.cookie)])
            .await
            .status,
        303
    );
    assert_eq!(
        try_sign_in(&app, "editor@news.example", PASSWORD, None)
            .await
            .status,
        401
    );
}
