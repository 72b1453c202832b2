//! Translation review and the glossary in the admin: the side-by-side page with glossary
//! terms marked, saving (post-edited) and approving (reviewed), what a translator's hostile
//! markup becomes, who may review which language, the stale list, and the glossary's add,
//! delete, export and import.

use axum::Router;
use axum::http::StatusCode;
use herald_domain::glossary::{GlossaryEntry, GlossaryKind};
use herald_domain::{Language, Origin, Role, Timestamp};
use herald_store::{Store, VersionDraft};

use crate::admin_support;
use crate::fixture::{Newsroom, lang, newsroom};
use crate::{Page, get, get_with};

/// Sends a form with the browser's cookie, its fields as given (no token added).
async fn post(app: &Router, uri: &str, cookie: &str, fields: &[(&str, &str)]) -> Page {
    let browser = admin_support::Session {
        cookie: cookie.to_owned(),
        csrf: String::new(),
    };
    browser.post_raw(app, uri, fields).await
}

/// An account with `role` (and `languages`), signed in: its session cookie.
async fn signed_in(newsroom: &Newsroom, email: &str, role: Role, languages: &[&str]) -> String {
    admin_support::add_user(newsroom, email, role, languages).await;
    admin_support::sign_in(&newsroom.router(), email, admin_support::PASSWORD)
        .await
        .cookie
}

async fn admin_get(app: &Router, uri: &str, cookie: &str) -> Page {
    get_with(app, uri, &[("cookie", cookie)]).await
}

fn entry(from: &str, to: &str, term: &str, translation: &str, kind: GlossaryKind) -> GlossaryEntry {
    GlossaryEntry {
        id: 0,
        from: lang(from),
        to: lang(to),
        term: term.to_owned(),
        translation: translation.to_owned(),
        kind,
        case_sensitive: false,
        note: String::new(),
        updated_at: Timestamp::UNIX_EPOCH,
    }
}

#[tokio::test]
async fn the_review_page_shows_original_and_translation_side_by_side_with_glossary_terms_marked() {
    let newsroom = newsroom().await;
    let id = newsroom.ids.lantern_makers;
    for e in [
        entry("vi", "en", "xưởng", "workshop", GlossaryKind::Forced),
        entry("vi", "en", "đèn", "lamp", GlossaryKind::Forced),
    ] {
        newsroom.store.save_glossary_entry(e).await.unwrap();
    }
    let cookie = signed_in(&newsroom, "editor@news.example", Role::Editor, &[]).await;
    let app = newsroom.router();
    let page = admin_get(&app, &format!("/admin/translations/{id}/en"), &cookie).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_contains("lang=\"vi\" dir=\"ltr\"");
    page.assert_contains("<mark title=\"→ workshop\">xưởng</mark>");
    page.assert_contains("<mark title=\"→ lamp\">đèn</mark>");
    page.assert_contains("Each workshop makes hundreds of lanterns a day.");
    page.assert_contains("name=\"segment-0\"");
    page.assert_contains("name=\"title\" value=\"Lantern-making village enters its season\"");
    // "lamp" is not in the translation: flagged; "workshop" is.
    page.assert_contains("class=\"admin-term-missing\"");
    assert_eq!(page.body.matches("admin-term-missing").count(), 1);
    page.assert_contains("button type=\"submit\" name=\"action\" value=\"approve\"");
}

#[tokio::test]
async fn saving_makes_the_translation_post_edited_and_the_public_page_shows_the_edit() {
    let newsroom = newsroom().await;
    let id = newsroom.ids.lantern_makers;
    let cookie = signed_in(&newsroom, "editor@news.example", Role::Editor, &[]).await;
    let app = newsroom.router();
    let page = admin_get(&app, &format!("/admin/translations/{id}/en"), &cookie).await;
    let token = admin_support::csrf_field(&page);
    let saved = post(
        &app,
        &format!("/admin/translations/{id}/en"),
        &cookie,
        &[
            ("csrf", &token),
            ("title", "Lantern village enters its busy season"),
            ("lead", "Artisans work all night."),
            (
                "segment-0",
                "Every workshop makes <em>hundreds</em> of lanterns daily.",
            ),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.location(),
        format!("/admin/translations/{id}/en?notice=saved")
    );
    let version = newsroom
        .store
        .version(id, &lang("en"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(version.origin, Origin::PostEdited);
    assert_eq!(
        version.body,
        "<p>Every workshop makes <em>hundreds</em> of lanterns daily.</p>"
    );
    let provenance = version.provenance.unwrap();
    assert_eq!(
        provenance.engine, "pseudo",
        "the machine's provenance stays"
    );
    assert_eq!(
        provenance.translator.as_deref(),
        Some("editor@news.example")
    );
    let public = get(&app, &newsroom.article_path(id, "en").await).await;
    assert_eq!(public.status, StatusCode::OK);
    public.assert_contains("Lantern village enters its busy season");
    public.assert_contains("Every workshop makes <em>hundreds</em> of lanterns daily.");
    let again = admin_get(&app, saved.location(), &cookie).await;
    again.assert_contains("Saved.");
}

#[tokio::test]
async fn approving_makes_the_translation_reviewed_and_published() {
    let newsroom = newsroom().await;
    let id = newsroom.ids.lantern_makers;
    let cookie = signed_in(&newsroom, "editor@news.example", Role::Editor, &[]).await;
    let app = newsroom.router();
    let page = admin_get(&app, &format!("/admin/translations/{id}/en"), &cookie).await;
    let token = admin_support::csrf_field(&page);
    let approved = post(
        &app,
        &format!("/admin/translations/{id}/en"),
        &cookie,
        &[
            ("csrf", &token),
            ("title", "Lantern-making village enters its season"),
            ("lead", "Artisans work through the night."),
            (
                "segment-0",
                "Each workshop makes hundreds of lanterns a day.",
            ),
            ("action", "approve"),
        ],
    )
    .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    let version = newsroom
        .store
        .version(id, &lang("en"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(version.origin, Origin::Reviewed);
    assert_eq!(version.state, herald_domain::EditorialState::Published);
}

#[tokio::test]
async fn markup_typed_into_a_segment_cannot_run_on_the_public_page() {
    let newsroom = newsroom().await;
    let id = newsroom.ids.lantern_makers;
    let cookie = signed_in(&newsroom, "editor@news.example", Role::Editor, &[]).await;
    let app = newsroom.router();
    let token = admin_support::csrf_field(
        &admin_get(&app, &format!("/admin/translations/{id}/en"), &cookie).await,
    );
    let saved = post(
        &app,
        &format!("/admin/translations/{id}/en"),
        &cookie,
        &[
            ("csrf", &token),
            ("title", "Lanterns <script>alert(3)</script>"),
            ("lead", "Lead"),
            (
                "segment-0",
                "Safe words<img src=x onerror=alert(1)><script>alert(2)</script>\
                 </p><p onclick=\"alert(4)\">more <a href=\"javascript:alert(5)\">link</a>",
            ),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let version = newsroom
        .store
        .version(id, &lang("en"))
        .await
        .unwrap()
        .unwrap();
    for hostile in ["onerror", "<script", "onclick", "javascript:", "<img"] {
        assert!(
            !version.body.contains(hostile),
            "{hostile} in {}",
            version.body
        );
    }
    let public = get(&app, &newsroom.article_path(id, "en").await).await;
    assert_eq!(public.status, StatusCode::OK);
    public.assert_contains("Safe words");
    // The title is text: shown escaped, never as markup.
    for hostile in [
        "onerror",
        "<script>alert",
        "onclick",
        "javascript:",
        "alert(1)",
        "alert(2)",
    ] {
        public.assert_lacks(hostile);
    }
    // The review page shows the title as text, escaped.
    let page = admin_get(&app, &format!("/admin/translations/{id}/en"), &cookie).await;
    page.assert_lacks("<script>alert(3)");
}

#[tokio::test]
async fn a_translator_reviews_only_their_own_languages() {
    let newsroom = newsroom().await;
    let id = newsroom.ids.lantern_makers;
    let cookie = signed_in(&newsroom, "fa@news.example", Role::Translator, &["fa"]).await;
    let app = newsroom.router();
    let own = admin_get(&app, &format!("/admin/translations/{id}/fa"), &cookie).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    own.assert_contains("lang=\"fa\" dir=\"rtl\"");
    let token = admin_support::csrf_field(&own);
    for other in ["es", "en"] {
        let page = admin_get(&app, &format!("/admin/translations/{id}/{other}"), &cookie).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{other}");
        let posted = post(
            &app,
            &format!("/admin/translations/{id}/{other}"),
            &cookie,
            &[
                ("csrf", &token),
                ("title", "x"),
                ("lead", ""),
                ("action", "save"),
            ],
        )
        .await;
        assert_eq!(posted.status, StatusCode::FORBIDDEN, "{other}");
    }
    let saved = post(
        &app,
        &format!("/admin/translations/{id}/fa"),
        &cookie,
        &[
            ("csrf", &token),
            ("title", "روستای فانوس‌سازی"),
            ("lead", "صنعتگران شب‌ها کار می‌کنند."),
            ("segment-0", "هر کارگاه روزانه صدها فانوس می‌سازد."),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let glossary = admin_get(&app, "/admin/glossary?from=vi&to=en", &cookie).await;
    assert_eq!(glossary.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_unknown_article_or_language_is_not_found_and_an_empty_title_is_sent_back() {
    let newsroom = newsroom().await;
    let id = newsroom.ids.lantern_makers;
    let cookie = signed_in(&newsroom, "editor@news.example", Role::Editor, &[]).await;
    let app = newsroom.router();
    for uri in [
        "/admin/translations/999999/en".to_owned(),
        format!("/admin/translations/{id}/de"),
        format!("/admin/translations/{id}/vi"),
    ] {
        let page = admin_get(&app, &uri, &cookie).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
    }
    let token = admin_support::csrf_field(
        &admin_get(&app, &format!("/admin/translations/{id}/en"), &cookie).await,
    );
    let refused = post(
        &app,
        &format!("/admin/translations/{id}/en"),
        &cookie,
        &[
            ("csrf", &token),
            ("title", "  "),
            ("lead", "kept lead"),
            ("segment-0", "kept segment"),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("role=\"alert\"");
    refused.assert_contains("kept segment");
    refused.assert_contains("kept lead");
}

#[tokio::test]
async fn a_translation_is_listed_as_stale_after_its_original_changes_until_approved() {
    let newsroom = newsroom().await;
    let id = newsroom.ids.lantern_makers;
    let cookie = signed_in(&newsroom, "editor@news.example", Role::Editor, &[]).await;
    let app = newsroom.router();
    let review_link = format!("href=\"/admin/translations/{id}/en\"");
    let stale_table = |page: &Page| {
        page.body
            .split_once("id=\"stale\"")
            .map(|(_, rest)| rest.split("</table>").next().unwrap().to_owned())
            .unwrap_or_default()
    };
    let before = admin_get(&app, "/admin/translations?language=en", &cookie).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.body);
    assert!(!stale_table(&before).contains(&review_link));
    // The machine translation waits for review either way.
    before.assert_contains(&review_link);

    let original = newsroom
        .store
        .version(id, &lang("vi"))
        .await
        .unwrap()
        .unwrap();
    newsroom
        .store
        .save_version(VersionDraft {
            article: id,
            language: original.language.clone(),
            title: original.title.clone(),
            lead: original.lead.clone(),
            body: "<p>Mỗi ngày một xưởng làm ra hai trăm chiếc đèn.</p>".to_owned(),
            origin: original.origin,
            provenance: original.provenance.clone(),
            state: original.state,
        })
        .await
        .unwrap();
    let after = admin_get(&app, "/admin/translations?language=en", &cookie).await;
    assert!(stale_table(&after).contains(&review_link), "{}", after.body);
    let page = admin_get(&app, &format!("/admin/translations/{id}/en"), &cookie).await;
    page.assert_contains("The original changed after this translation was made.");

    // Approving it says it was checked against the current original: it is stale no more.
    let token = admin_support::csrf_field(&page);
    let approved = post(
        &app,
        &format!("/admin/translations/{id}/en"),
        &cookie,
        &[
            ("csrf", &token),
            ("title", "Lantern makers"),
            (
                "segment-0",
                "Each workshop makes two hundred lanterns a day.",
            ),
            ("action", "approve"),
        ],
    )
    .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    let later = admin_get(&app, "/admin/translations?language=en", &cookie).await;
    assert!(
        !stale_table(&later).contains(&review_link),
        "{}",
        later.body
    );
}

#[tokio::test]
async fn a_review_post_without_its_csrf_token_is_refused() {
    let newsroom = newsroom().await;
    let id = newsroom.ids.lantern_makers;
    let cookie = signed_in(&newsroom, "editor@news.example", Role::Editor, &[]).await;
    let app = newsroom.router();
    let refused = post(
        &app,
        &format!("/admin/translations/{id}/en"),
        &cookie,
        &[("title", "No token"), ("action", "approve")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let glossary = post(
        &app,
        "/admin/glossary",
        &cookie,
        &[
            ("from", "vi"),
            ("to", "en"),
            ("term", "Huế"),
            ("kind", "name"),
            ("translation", "Hue"),
        ],
    )
    .await;
    assert_eq!(glossary.status, StatusCode::FORBIDDEN);
    let version = newsroom
        .store
        .version(id, &lang("en"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(version.origin, Origin::Machine);
}

#[tokio::test]
async fn glossary_entries_are_added_deleted_exported_and_imported() {
    let newsroom = newsroom().await;
    let cookie = signed_in(&newsroom, "editor@news.example", Role::Editor, &[]).await;
    let app = newsroom.router();
    let page = admin_get(&app, "/admin/glossary?from=vi&to=en", &cookie).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let token = admin_support::csrf_field(&page);
    let added = post(
        &app,
        "/admin/glossary",
        &cookie,
        &[
            ("csrf", &token),
            ("from", "vi"),
            ("to", "en"),
            ("term", "Huế"),
            ("translation", "Hue"),
            ("kind", "name"),
        ],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let (vi, en): (Language, Language) = (lang("vi"), lang("en"));
    let stored = newsroom.store.glossary(&vi, &en).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].kind, GlossaryKind::Name);
    let listed = admin_get(&app, added.location(), &cookie).await;
    listed.assert_contains("Huế");
    listed.assert_contains("Saved.");

    let bad = post(
        &app,
        "/admin/glossary",
        &cookie,
        &[
            ("csrf", &token),
            ("from", "vi"),
            ("to", "en"),
            ("term", "Tết"),
            ("translation", ""),
            ("kind", "forced"),
        ],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    let export = admin_get(&app, "/admin/glossary/export.csv?from=vi&to=en", &cookie).await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export.header("content-type").starts_with("text/csv"));
    assert!(export.body.starts_with("from,to,term,translation,kind"));
    assert!(export.body.contains("vi,en,Huế,Hue,name,false,"));

    let deleted = post(
        &app,
        &format!("/admin/glossary/{}/delete", stored[0].id),
        &cookie,
        &[("csrf", &token), ("from", "vi"), ("to", "en")],
    )
    .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER, "{}", deleted.body);
    assert!(newsroom.store.glossary(&vi, &en).await.unwrap().is_empty());

    let csv = format!("{}vi,en,Tết,,forced,false,\n", export.body);
    let imported = post(
        &app,
        "/admin/glossary/import",
        &cookie,
        &[
            ("csrf", &token),
            ("from", "vi"),
            ("to", "en"),
            ("csv", &csv),
        ],
    )
    .await;
    // A second header row is a bad line: nothing is stored, and the line is named.
    assert_eq!(imported.status, StatusCode::UNPROCESSABLE_ENTITY);
    imported.assert_contains("Line 3:");
    assert!(newsroom.store.glossary(&vi, &en).await.unwrap().is_empty());

    let csv = format!(
        "{},,Tết,Tet,forced,false,\n",
        export.body.replace("vi,en,", ",,")
    );
    let imported = post(
        &app,
        "/admin/glossary/import",
        &cookie,
        &[
            ("csrf", &token),
            ("from", "vi"),
            ("to", "en"),
            ("csv", &csv),
        ],
    )
    .await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);
    imported.assert_contains("Imported 2 entries.");
    let terms: Vec<String> = newsroom
        .store
        .glossary(&vi, &en)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.term)
        .collect();
    assert!(terms.contains(&"Huế".to_owned()) && terms.contains(&"Tết".to_owned()));
}

/// A `multipart/form-data` body with text fields and one file.
fn multipart(boundary: &str, fields: &[(&str, &str)], file: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"terms.csv\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    body
}

#[tokio::test]
async fn a_glossary_file_is_imported_as_uploaded_and_a_file_that_is_not_text_is_refused() {
    let newsroom = newsroom().await;
    let cookie = signed_in(&newsroom, "editor@news.example", Role::Editor, &[]).await;
    let app = newsroom.router();
    let page = admin_get(&app, "/admin/glossary?from=vi&to=en", &cookie).await;
    page.assert_contains("enctype=\"multipart/form-data\"");
    let token = admin_support::csrf_field(&page);
    let upload = |file: Vec<u8>, token: String| {
        let app = app.clone();
        let cookie = cookie.clone();
        async move {
            let boundary = "herald-test-boundary";
            let body = multipart(boundary, &[("from", "vi"), ("to", "en")], &file);
            crate::send(
                &app,
                axum::http::Request::post(format!("/admin/glossary/import?csrf={token}"))
                    .header("cookie", cookie)
                    .header(
                        "content-type",
                        format!("multipart/form-data; boundary={boundary}"),
                    )
                    .body(axum::body::Body::from(body))
                    .unwrap(),
            )
            .await
        }
    };
    let export = admin_get(&app, "/admin/glossary/export.csv?from=vi&to=en", &cookie).await;
    let header = export.body.lines().next().unwrap().to_owned();
    // A spreadsheet's UTF-8 file starts with a byte-order mark; it is not part of the header.
    let mut file = b"\xEF\xBB\xBF".to_vec();
    file.extend_from_slice(format!("{header}\nvi,en,Huế,Hue,name,false,\n").as_bytes());
    let imported = upload(file, token.clone()).await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);
    imported.assert_contains("Imported one entry.");
    let vi = lang("vi");
    let en = lang("en");
    let stored = newsroom.store.glossary(&vi, &en).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].translation, "Hue");

    let latin1 = b"term\nHu\xe9\n".to_vec();
    let refused = upload(latin1, token.clone()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("not UTF-8 text");
    // Without the token in its address, an upload is refused like any form.
    let forged = upload(b"x".to_vec(), "0".repeat(64)).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}
