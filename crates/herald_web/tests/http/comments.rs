//! Readers' comments: the thread on article pages, and posting through the form without
//! JavaScript, with its token, honeypot, limits and bans.

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use herald_domain::{ArticleId, CommentStatus, NewComment};
use herald_store::{AddressBan, Store};
use herald_web::WebSettings;

use crate::fixture::{Newsroom, lang, newsroom, newsroom_with};
use crate::{Page, encode_non_ascii, get, send};

/// The reader's address in these tests.
const READER: &str = "198.51.100.7:50000";

/// The comment form's action and token, as a page shows them.
fn form_of(page: &Page) -> (String, String) {
    let form = page
        .body
        .split("<form id=\"comment-form\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no comment form in:\n{}", page.body));
    let action = form.split("action=\"").nth(1).unwrap().split('"').next();
    let token = form
        .split("name=\"token\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next();
    let action = action.unwrap().replace("&amp;", "&");
    (action, token.unwrap().to_owned())
}

/// The comments section of a page.
pub(crate) fn section_of(page: &Page) -> &str {
    let start = page.body.find("<section id=\"comments\"").unwrap();
    let end = start + page.body[start..].find("</section>").unwrap() + "</section>".len();
    &page.body[start..end]
}

/// `POST action` with `fields`, urlencoded, from `from` (a connection's address), with
/// `headers`.
pub(crate) async fn post_from(
    app: &Router,
    action: &str,
    fields: &[(&str, &str)],
    from: &str,
    headers: &[(&str, &str)],
) -> Page {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let mut request = Request::post(encode_non_ascii(action))
        .header("content-type", "application/x-www-form-urlencoded");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut request = request.body(Body::from(body)).unwrap();
    let addr: SocketAddr = from.parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(addr));
    send(app, request).await
}

/// Opens the article's page in `language`, waits as a reader would, and posts a comment.
pub(crate) async fn comment(
    nr: &Newsroom,
    app: &Router,
    language: &str,
    name: &str,
    body: &str,
) -> Page {
    let (action, token) = open_form(nr, app, nr.ids.lanterns_article, language).await;
    post_from(
        app,
        &action,
        &[
            ("name", name),
            ("body", body),
            ("token", &token),
            ("website", ""),
        ],
        READER,
        &[],
    )
    .await
}

/// The form of an article's page in `language`, then ten seconds pass.
async fn open_form(
    nr: &Newsroom,
    app: &Router,
    article: ArticleId,
    language: &str,
) -> (String, String) {
    let page = get(app, &nr.article_path(article, language).await).await;
    assert_eq!(page.status, 200);
    nr.clock.advance(10);
    form_of(&page)
}

pub(crate) async fn stored(nr: &Newsroom, status: CommentStatus) -> Vec<herald_domain::Comment> {
    nr.store
        .list_comments(nr.ids.lanterns_article, None, &[status])
        .await
        .unwrap()
}

/// An approved comment, stored directly.
async fn approved(nr: &Newsroom, language: &str, name: &str, body: &str) {
    nr.store
        .add_comment(NewComment {
            article: nr.ids.lanterns_article,
            language: lang(language),
            author_name: name.to_owned(),
            body: body.to_owned(),
            status: CommentStatus::Approved,
            parent: None,
            address: None,
        })
        .await
        .unwrap();
}

fn auto_approve(settings: &mut WebSettings) {
    settings.comments_auto_approve = true;
}

#[tokio::test]
async fn a_comment_posted_without_javascript_waits_for_a_moderator() {
    let nr = newsroom().await;
    let app = nr.router();
    let path = nr.article_path(nr.ids.lanterns_article, "vi").await;
    let page = get(&app, &path).await;
    page.assert_contains("<form id=\"comment-form\" class=\"comment-form\" method=\"post\"");
    page.assert_contains("<textarea id=\"comment-body\" name=\"body\" required maxlength=\"4000\"");
    page.assert_contains("tabindex=\"-1\"");
    assert_eq!(form_of(&page).0, format!("{path}#comment-form"));

    let posted = comment(&nr, &app, "vi", "Lan", "Đẹp quá!\nCảm ơn tòa soạn.").await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    assert_eq!(
        posted.location(),
        encode_non_ascii(&format!("{path}?comment=pending#comments"))
    );
    let pending = stored(&nr, CommentStatus::Pending).await;
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].language, lang("vi"));
    assert_eq!(pending[0].author_name, "Lan");
    assert_eq!(pending[0].body, "Đẹp quá!\nCảm ơn tòa soạn.");
    let address = pending[0].address.as_deref().unwrap();
    assert_eq!(address.len(), 32);
    assert!(!address.contains("198.51"));

    nr.state.refresh_content_revision().await.unwrap();
    let back = get(&app, &format!("{path}?comment=pending")).await;
    back.assert_contains("Cảm ơn bạn: bình luận sẽ hiện ra sau khi biên tập viên đọc.");
    back.assert_lacks("Cảm ơn tòa soạn");
    back.assert_contains("Bình luận (0)");
}

#[tokio::test]
async fn with_auto_approve_a_comment_appears_at_once_and_is_counted() {
    let nr = newsroom_with(&["vi", "en", "fa"], auto_approve).await;
    let app = nr.router();
    let path = nr.article_path(nr.ids.lanterns_article, "en").await;
    let before = get(&app, &path).await;
    before.assert_contains("<a href=\"#comments\">0 comments</a>");
    before.assert_contains("No comments yet.");
    before.assert_contains("Your comment appears at once");

    let posted = comment(&nr, &app, "en", "Sam", "Lovely pictures.\nThank you.").await;
    assert_eq!(posted.status, 303);
    assert!(posted.location().ends_with("?comment=posted#comments"));
    assert_eq!(stored(&nr, CommentStatus::Approved).await.len(), 1);

    nr.state.refresh_content_revision().await.unwrap();
    let page = get(&app, &format!("{path}?comment=posted")).await;
    page.assert_contains("Thank you: your comment is published.");
    let after = get(&app, &path).await;
    after.assert_contains("<a href=\"#comments\">1 comment</a>");
    after
        .assert_contains("<h2 id=\"comments-heading\" class=\"section-heading\">Comments (1)</h2>");
    after.assert_contains("<bdi>Sam</bdi>");
    after.assert_contains("Lovely pictures.<br>Thank you.");

    // Lists show the count on the article's card, in the page's language only.
    let home = get(&app, "/en/").await;
    home.assert_contains(&format!(
        "<a class=\"card-comments\" href=\"{path}#comments\">1 comment</a>"
    ));
    let vi_home = get(&app, "/vi/").await;
    vi_home.assert_lacks("card-comments");
}

#[tokio::test]
async fn each_language_has_its_thread_and_all_shows_every_language() {
    let nr = newsroom().await;
    approved(&nr, "vi", "Minh", "Tuyệt vời").await;
    approved(&nr, "en", "Sam", "Wonderful").await;
    approved(&nr, "fa", "سارا", "عالی بود").await;
    let app = nr.router();
    let path = nr.article_path(nr.ids.lanterns_article, "en").await;

    let english = get(&app, &path).await;
    let thread = section_of(&english);
    assert!(thread.contains("Wonderful"), "{thread}");
    assert!(
        !thread.contains("Tuyệt vời") && !thread.contains("عالی"),
        "{thread}"
    );
    assert!(thread.contains("Comments (1)"), "{thread}");
    assert!(
        thread.contains(&format!(
            "<a href=\"{path}?comments=all#comments\">Show the comments in every language (3)</a>"
        )),
        "{thread}"
    );

    let all = get(&app, &format!("{path}?comments=all")).await;
    let thread = section_of(&all);
    assert!(thread.contains("Comments (3)"), "{thread}");
    assert!(
        thread.contains("<p class=\"comment-text\" dir=\"auto\" lang=\"vi\">Tuyệt vời</p>"),
        "{thread}"
    );
    assert!(
        thread.contains("<p class=\"comment-text\" dir=\"auto\" lang=\"fa\">عالی بود</p>"),
        "{thread}"
    );
    assert!(thread.contains("<span class=\"comment-language\">Vietnamese</span>"));
    assert!(thread.contains("<bdi>سارا</bdi>"));
    assert!(thread.contains(&format!(
        "<a href=\"{path}#comments\">Show only the comments in <bdi>English</bdi></a>"
    )));
    // Oldest first.
    let (vi, en) = (
        thread.find("Tuyệt vời").unwrap(),
        thread.find("Wonderful").unwrap(),
    );
    assert!(vi < en);
}

#[tokio::test]
async fn a_filled_in_honeypot_is_thanked_and_dropped() {
    let nr = newsroom().await;
    let app = nr.router();
    let (action, token) = open_form(&nr, &app, nr.ids.lanterns_article, "vi").await;
    let page = post_from(
        &app,
        &action,
        &[
            ("name", "Bot"),
            ("body", "Buy now"),
            ("token", &token),
            ("website", "https://spam.example"),
        ],
        READER,
        &[],
    )
    .await;
    assert_eq!(page.status, 303);
    assert!(page.location().ends_with("?comment=pending#comments"));
    assert!(stored(&nr, CommentStatus::Pending).await.is_empty());
}

#[tokio::test]
async fn a_post_without_a_valid_token_is_refused() {
    let nr = newsroom().await;
    let app = nr.router();
    let id = nr.ids.lanterns_article;
    let (action, token) = open_form(&nr, &app, id, "vi").await;
    let (_, other_article) = open_form(&nr, &app, nr.ids.coffee_article, "vi").await;
    let (_, other_language) = open_form(&nr, &app, id, "en").await;
    let try_with = |token: String, headers: Vec<(&'static str, &'static str)>| {
        let (app, action) = (app.clone(), action.clone());
        async move {
            post_from(
                &app,
                &action,
                &[("name", "Lan"), ("body", "Xin chào"), ("token", &token)],
                // Each from its own address, so that no limit answers first.
                &format!("203.0.113.{}:1", token.len() % 200),
                &headers,
            )
            .await
        }
    };
    let forged = format!("{}0", &token[..token.len() - 1]);
    for (what, token) in [
        ("no token", String::new()),
        ("a forged token", forged),
        ("another article's token", other_article),
        ("another language's token", other_language),
        ("not a token", "1796083200.abc".to_owned()),
    ] {
        let page = try_with(token, Vec::new()).await;
        assert_eq!(page.status, 403, "{what}");
        page.assert_contains("Không thể nhận biểu mẫu này");
        // The text is kept for the reader to send again.
        page.assert_contains(">Xin chào</textarea>");
        assert_eq!(page.header("cache-control"), "no-store");
    }
    let from_elsewhere = try_with(
        token.clone(),
        vec![
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://evil.example"),
        ],
    )
    .await;
    assert_eq!(from_elsewhere.status, 403);

    // Too soon after the page was rendered: no person types that fast.
    let page = get(&app, &nr.article_path(id, "vi").await).await;
    let (_, fresh) = form_of(&page);
    assert_eq!(try_with(fresh, Vec::new()).await.status, 403);

    // Expired after thirty days.
    nr.clock.advance(31 * 24 * 3600);
    assert_eq!(try_with(token, Vec::new()).await.status, 403);
    assert!(stored(&nr, CommentStatus::Pending).await.is_empty());
}

#[tokio::test]
async fn a_fourth_comment_in_a_minute_from_one_address_is_refused() {
    let nr = newsroom().await;
    let app = nr.router();
    let (action, token) = open_form(&nr, &app, nr.ids.lanterns_article, "vi").await;
    let post = |from: &'static str, body: &'static str, headers: &'static [(&str, &str)]| {
        let (app, action, token) = (app.clone(), action.clone(), token.clone());
        async move {
            post_from(
                &app,
                &action,
                &[("name", "Lan"), ("body", body), ("token", &token)],
                from,
                headers,
            )
            .await
            .status
        }
    };
    for body in ["Một", "Hai", "Ba"] {
        assert_eq!(post(READER, body, &[]).await, 303);
    }
    let refused = post(READER, "Bốn", &[]).await;
    assert_eq!(refused, 429);
    // Another port of the same address is the same reader; another address is not.
    assert_eq!(post("198.51.100.7:60000", "Bốn", &[]).await, 429);
    assert_eq!(post("198.51.100.8:50000", "Bốn", &[]).await, 303);
    // Without trust in a proxy, what X-Forwarded-For says changes nothing.
    assert_eq!(
        post(READER, "Năm", &[("x-forwarded-for", "192.0.2.1")]).await,
        429
    );
    nr.clock.advance(61);
    assert_eq!(post(READER, "Sáu", &[]).await, 303);
    assert_eq!(stored(&nr, CommentStatus::Pending).await.len(), 5);
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_address_is_the_readers() {
    let nr = newsroom_with(&["vi", "en", "fa"], |s| s.trust_proxy = true).await;
    let app = nr.router();
    let (action, token) = open_form(&nr, &app, nr.ids.lanterns_article, "vi").await;
    let proxy = "127.0.0.1:40000";
    for reader in ["192.0.2.1", "192.0.2.2"] {
        for _ in 0..3 {
            let page = post_from(
                &app,
                &action,
                &[("name", "Lan"), ("body", "Chào"), ("token", &token)],
                proxy,
                &[("x-forwarded-for", reader)],
            )
            .await;
            assert_eq!(page.status, 303, "{reader}");
        }
    }
    let addresses: std::collections::BTreeSet<_> = stored(&nr, CommentStatus::Pending)
        .await
        .into_iter()
        .map(|c| c.address)
        .collect();
    assert_eq!(addresses.len(), 2);
}

#[tokio::test]
async fn a_comment_with_too_many_links_is_refused_and_kept_in_the_form() {
    let nr = newsroom().await;
    let app = nr.router();
    let body = "Xem https://a.example, http://b.example và www.c.example";
    let page = comment(&nr, &app, "vi", "Lan", body).await;
    assert_eq!(page.status, 422);
    page.assert_contains(
        "<p id=\"comment-error\" class=\"notice comment-error\" role=\"alert\">Mỗi bình luận chỉ được chứa tối đa 2 liên kết.",
    );
    page.assert_contains(&format!(">{body}</textarea>"));
    page.assert_contains("value=\"Lan\"");
    page.assert_contains("aria-invalid=\"true\" aria-describedby=\"comment-error comment-help\"");
    assert_eq!(page.header("cache-control"), "no-store");
    assert!(stored(&nr, CommentStatus::Pending).await.is_empty());
    // Two links are fine.
    let page = comment(&nr, &app, "vi", "Lan", "https://a.example www.b.example").await;
    assert_eq!(page.status, 303);
}

#[tokio::test]
async fn an_empty_or_too_long_name_or_comment_is_refused_with_its_reason() {
    let nr = newsroom().await;
    let app = nr.router();
    let long_name = "N".repeat(81);
    let long_body = "ý".repeat(4001);
    for (name, body, reason) in [
        ("", "Chào", "Vui lòng nhập tên, tối đa 80 ký tự."),
        ("   ", "Chào", "Vui lòng nhập tên, tối đa 80 ký tự."),
        (
            long_name.as_str(),
            "Chào",
            "Vui lòng nhập tên, tối đa 80 ký tự.",
        ),
        ("Lan", "", "Vui lòng viết bình luận, tối đa 4.000 ký tự."),
        (
            "Lan",
            " \n ",
            "Vui lòng viết bình luận, tối đa 4.000 ký tự.",
        ),
        (
            "Lan",
            long_body.as_str(),
            "Vui lòng viết bình luận, tối đa 4.000 ký tự.",
        ),
    ] {
        let page = comment(&nr, &app, "vi", name, body).await;
        assert_eq!(page.status, 422, "{name:?} {body:?}");
        page.assert_contains(reason);
    }
    // Exactly at the limits is fine.
    let page = comment(&nr, &app, "vi", &"N".repeat(80), &"ý".repeat(4000)).await;
    assert_eq!(page.status, 303);
}

#[tokio::test]
async fn a_banned_address_is_refused_in_the_readers_language() {
    let nr = newsroom().await;
    let app = nr.router();
    assert_eq!(comment(&nr, &app, "fa", "Sara", "Salam").await.status, 303);
    let address = stored(&nr, CommentStatus::Pending).await[0]
        .address
        .clone()
        .unwrap();
    nr.store
        .ban_address(AddressBan {
            address,
            reason: "spam".to_owned(),
            by: None,
            at: "2026-12-01T00:00:00Z".parse().unwrap(),
        })
        .await
        .unwrap();
    assert_eq!(stored(&nr, CommentStatus::Spam).await.len(), 1);
    nr.clock.advance(120);
    let page = comment(&nr, &app, "fa", "Sara", "Dobare").await;
    assert_eq!(page.status, 403);
    page.assert_contains("<html lang=\"fa\" dir=\"rtl\">");
    page.assert_contains(
        "دیدگاه‌هایی که از اتصال شما فرستاده شوند دیگر در این سایت پذیرفته نمی‌شوند.",
    );
    assert_eq!(stored(&nr, CommentStatus::Pending).await.len(), 0);
}

#[tokio::test]
async fn markup_in_a_comment_comes_back_as_text() {
    let nr = newsroom_with(&["vi", "en", "fa"], auto_approve).await;
    let app = nr.router();
    let name = "<script>alert('name')</script>";
    let body = "<img src=x onerror=alert(1)>\n\"><script>alert('body')</script>";
    assert_eq!(comment(&nr, &app, "en", name, body).await.status, 303);
    nr.state.refresh_content_revision().await.unwrap();
    let page = get(&app, &nr.article_path(nr.ids.lanterns_article, "en").await).await;
    page.assert_lacks("<script>alert");
    page.assert_lacks("<img src=x");
    page.assert_contains("<bdi>&#60;script&#62;alert(&#39;name&#39;)&#60;/script&#62;</bdi>");
    page.assert_contains(
        "&#60;img src=x onerror=alert(1)&#62;<br>&#34;&#62;&#60;script&#62;alert(&#39;body&#39;)&#60;/script&#62;",
    );

    // A refused comment is shown back in the form, escaped too.
    let refused = comment(
        &nr,
        &app,
        "en",
        name,
        "</textarea><script>alert(2)</script> http://a http://b http://c",
    )
    .await;
    assert_eq!(refused.status, 422);
    refused.assert_lacks("<script>alert");
    refused.assert_contains("&#60;/textarea&#62;&#60;script&#62;alert(2)&#60;/script&#62;");
    refused.assert_contains("value=\"&#60;script&#62;alert(&#39;name&#39;)&#60;/script&#62;\"");
}

#[tokio::test]
async fn posting_to_an_unknown_or_withdrawn_article_finds_no_page() {
    let nr = newsroom().await;
    let app = nr.router();
    let fields = [("name", "Lan"), ("body", "Chào"), ("token", "x")];
    let missing = post_from(&app, "/vi/khong-co-999999", &fields, READER, &[]).await;
    assert_eq!(missing.status, 404);
    let withdrawn = nr.ids.withdrawn;
    let version = nr
        .store
        .version(withdrawn, &lang("en"))
        .await
        .unwrap()
        .unwrap();
    let path = format!("/en/{}-{withdrawn}", version.slug);
    assert_eq!(
        post_from(&app, &path, &fields, READER, &[]).await.status,
        410
    );
    let section = post_from(&app, "/vi/van-hoa", &fields, READER, &[]).await;
    assert_eq!(section.status, 405);
}

#[tokio::test]
async fn comments_section_renders_as_reviewed() {
    let nr = newsroom().await;
    approved(
        &nr,
        "vi",
        "Nguyễn Thị Lan",
        "Phố đèn lồng năm nay đẹp hơn.\nHẹn gặp ở Huế!",
    )
    .await;
    approved(&nr, "vi", "Ahmad", "Rất đáng xem.").await;
    approved(&nr, "fa", "سارا", "چه زیبا!").await;
    let app = nr.router();
    let path = nr.article_path(nr.ids.lanterns_article, "vi").await;
    let page = get(&app, &path).await;
    insta::assert_snapshot!("comments_section_vi", section_of(&page));
    let all = get(&app, &format!("{path}?comments=all")).await;
    insta::assert_snapshot!("comments_section_vi_all", section_of(&all));
}
