//! Signing in to the admin from a test: an account made straight in the store, the sign-in
//! form's two tokens (cookie and field), and the session cookie kept for later requests.

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use herald_domain::{Language, NewUser, Role};
use herald_store::Store;

use super::fixture::Newsroom;
use super::{Page, get_with, send};

/// A password long enough for the admin's rule.
pub(crate) const PASSWORD: &str = "correct horse battery";

/// A signed-in browser: its session cookie and the CSRF token its forms carry.
pub(crate) struct Session {
    pub(crate) cookie: String,
    pub(crate) csrf: String,
}

impl Session {
    /// `GET uri` as this browser.
    pub(crate) async fn get(&self, app: &Router, uri: &str) -> Page {
        get_with(app, uri, &[("cookie", &self.cookie)]).await
    }

    /// `POST uri` with these fields and the session's CSRF token.
    pub(crate) async fn post(&self, app: &Router, uri: &str, fields: &[(&str, &str)]) -> Page {
        let mut all = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(app, uri, &all).await
    }

    /// `POST uri` with exactly these fields (no CSRF token added).
    pub(crate) async fn post_raw(&self, app: &Router, uri: &str, fields: &[(&str, &str)]) -> Page {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let request = Request::post(uri)
            .header("cookie", &self.cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        send(app, request).await
    }
}

/// Makes an account with `role` (a translator's `languages`) and [`PASSWORD`].
pub(crate) async fn add_user(nr: &Newsroom, email: &str, role: Role, languages: &[&str]) {
    let password_hash = herald_web::hash_password(PASSWORD).unwrap();
    nr.store
        .create_user(NewUser {
            email: email.to_owned(),
            display_name: email.split('@').next().unwrap().to_owned(),
            role,
            languages: languages
                .iter()
                .map(|l| Language::parse(l).unwrap())
                .collect(),
            locale: Some(Language::parse("en").unwrap()),
            password_hash,
        })
        .await
        .unwrap();
}

/// The value of the first `name="csrf" value="…"` in a page.
pub(crate) fn csrf_field(page: &Page) -> String {
    let (_, rest) = page
        .body
        .split_once("name=\"csrf\" value=\"")
        .unwrap_or_else(|| panic!("no csrf field in:\n{}", page.body));
    rest.split('"').next().unwrap().to_owned()
}

/// The `name=value` of the cookie `name` a response sets.
fn set_cookie(page: &Page, name: &str) -> String {
    page.headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie set"))
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// Signs in through the form, as a browser does.
pub(crate) async fn sign_in(app: &Router, email: &str, password: &str) -> Session {
    let form = get_with(app, "/admin/login", &[]).await;
    let login_cookie = set_cookie(&form, "herald_login_csrf");
    let login = Session {
        cookie: login_cookie,
        csrf: csrf_field(&form),
    };
    let done = login
        .post(
            app,
            "/admin/login",
            &[("email", email), ("password", password), ("next", "/admin")],
        )
        .await;
    assert_eq!(done.status, 303, "sign-in failed:\n{}", done.body);
    let cookie = set_cookie(&done, "herald_session");
    let dashboard = get_with(app, "/admin", &[("cookie", &cookie)]).await;
    assert_eq!(dashboard.status, 200);
    Session {
        csrf: csrf_field(&dashboard),
        cookie,
    }
}
