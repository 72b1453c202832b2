//! Comment moderation in the admin: the queue, each action, bans, and who may moderate.

use herald_domain::{CommentStatus, Role};
use herald_store::{AuditFilter, PageRequest, Store};

use crate::admin_auth::{Browser, add_user, post, sign_in};
use crate::comments::{comment, section_of, stored};
use crate::fixture::{Newsroom, newsroom};
use crate::{Page, get, get_with};

/// The queue as `browser` sees it.
async fn queue(app: &axum::Router, browser: &Browser, query: &str) -> Page {
    get_with(
        app,
        &format!("/admin/comments{query}"),
        &[("cookie", &browser.cookie)],
    )
    .await
}

/// Sends `action` on comment `id` from the queue of `status`.
async fn act(app: &axum::Router, browser: &Browser, id: i64, action: &str, extra: &str) -> Page {
    post(
        app,
        &format!("/admin/comments/{id}"),
        &browser.cookie,
        &format!(
            "csrf={}&status=pending&page=1&action={action}{extra}",
            browser.csrf
        ),
    )
    .await
}

/// The audit log's actions, oldest first.
async fn audited(nr: &Newsroom) -> Vec<String> {
    let mut events = nr
        .store
        .list_audit(&AuditFilter::default(), PageRequest::first(100))
        .await
        .unwrap()
        .items;
    events.sort_by_key(|e| e.id);
    events.into_iter().map(|e| e.action).collect()
}

/// A newsroom with one waiting comment from [`READER`] on the lanterns article, in vi, and a
/// moderator signed in.
async fn with_a_waiting_comment() -> (Newsroom, axum::Router, Browser, i64) {
    let nr = newsroom().await;
    let app = nr.router();
    assert_eq!(
        comment(&nr, &app, "vi", "Lan", "Đẹp quá!\nCảm ơn.")
            .await
            .status,
        303
    );
    add_user(&nr, "mod@news.example", Role::Moderator, &[]).await;
    let browser = sign_in(&app, "mod@news.example").await;
    let id = stored(&nr, CommentStatus::Pending).await[0].id.get();
    (nr, app, browser, id)
}

#[tokio::test]
async fn a_moderator_approves_a_waiting_comment_and_it_appears_on_the_article() {
    let (nr, app, browser, id) = with_a_waiting_comment().await;
    let page = queue(&app, &browser, "").await;
    assert_eq!(page.status, 200);
    page.assert_contains("<a href=\"/admin/comments?status=pending\" aria-current=\"page\">");
    page.assert_contains("<bdi>Lan</bdi>");
    page.assert_contains("Đẹp quá!<br>Cảm ơn.");
    page.assert_contains("tiếng Việt");
    page.assert_contains("#comments\"><bdi>Huế thắp sáng phố đèn lồng đón Tết</bdi></a>");
    let address = stored(&nr, CommentStatus::Pending).await[0]
        .address
        .clone()
        .unwrap();
    page.assert_contains(&format!("<code>{}</code>", &address[..10]));
    page.assert_lacks(&address);
    page.assert_contains("<button type=\"submit\" name=\"action\" value=\"approve\">");

    let done = act(&app, &browser, id, "approve", "").await;
    assert_eq!(done.status, 303);
    assert_eq!(
        done.location(),
        "/admin/comments?status=pending&page=1&done=approved"
    );
    let after = get_with(&app, done.location(), &[("cookie", &browser.cookie)]).await;
    after.assert_contains("<p class=\"admin-notice\" role=\"status\">");
    after.assert_lacks("<bdi>Lan</bdi>");
    assert_eq!(stored(&nr, CommentStatus::Approved).await.len(), 1);
    assert_eq!(audited(&nr).await, ["comment.approve"]);

    nr.state.refresh_content_revision().await.unwrap();
    let article = get(&app, &nr.article_path(nr.ids.lanterns_article, "vi").await).await;
    assert!(section_of(&article).contains("Đẹp quá!<br>Cảm ơn."));
    let approved = queue(&app, &browser, "?status=approved").await;
    approved.assert_contains("<bdi>Lan</bdi>");
    approved.assert_lacks("value=\"approve\"");
}

#[tokio::test]
async fn rejecting_and_marking_as_spam_take_a_comment_to_those_queues() {
    let (nr, app, browser, id) = with_a_waiting_comment().await;
    assert_eq!(act(&app, &browser, id, "reject", "").await.status, 303);
    assert_eq!(stored(&nr, CommentStatus::Deleted).await.len(), 1);
    queue(&app, &browser, "?status=deleted")
        .await
        .assert_contains("<bdi>Lan</bdi>");
    assert_eq!(act(&app, &browser, id, "spam", "").await.status, 303);
    assert_eq!(stored(&nr, CommentStatus::Spam).await.len(), 1);
    queue(&app, &browser, "?status=spam")
        .await
        .assert_contains("<bdi>Lan</bdi>");
    assert_eq!(audited(&nr).await, ["comment.reject", "comment.spam"]);

    for (what, page) in [
        (
            "unknown action",
            act(&app, &browser, id, "delete", "").await,
        ),
        (
            "unknown comment",
            act(&app, &browser, id + 100, "approve", "").await,
        ),
        (
            "unknown state",
            queue(&app, &browser, "?status=hidden").await,
        ),
    ] {
        assert!(page.status.is_client_error(), "{what}: {}", page.status);
    }
}

#[tokio::test]
async fn banning_an_address_marks_its_comments_spam_and_refuses_it_until_the_ban_is_lifted() {
    let (nr, app, browser, id) = with_a_waiting_comment().await;
    nr.clock.advance(120);
    assert_eq!(comment(&nr, &app, "en", "Lan", "Again").await.status, 303);
    let done = act(&app, &browser, id, "ban", "&reason=Qu%E1%BA%A3ng+c%C3%A1o").await;
    assert_eq!(done.status, 303);
    assert!(done.location().ends_with("done=banned"));
    assert!(stored(&nr, CommentStatus::Pending).await.is_empty());
    assert_eq!(stored(&nr, CommentStatus::Spam).await.len(), 2);
    let bans = nr.store.list_address_bans().await.unwrap();
    assert_eq!(bans.len(), 1);
    assert_eq!(bans[0].reason, "Quảng cáo");
    assert!(bans[0].by.is_some());

    let page = queue(&app, &browser, "?status=spam").await;
    page.assert_contains("<bdi>Quảng cáo</bdi>");
    page.assert_lacks("value=\"ban\"");

    nr.clock.advance(120);
    let refused = comment(&nr, &app, "vi", "Lan", "Once more").await;
    assert_eq!(refused.status, 403);

    let lifted = post(
        &app,
        "/admin/comments/unban",
        &browser.cookie,
        &format!(
            "csrf={}&status=spam&address={}",
            browser.csrf, bans[0].address
        ),
    )
    .await;
    assert_eq!(lifted.status, 303);
    assert!(lifted.location().ends_with("done=unbanned"));
    assert!(nr.store.list_address_bans().await.unwrap().is_empty());
    nr.clock.advance(120);
    assert_eq!(comment(&nr, &app, "vi", "Lan", "Thanks").await.status, 303);
    assert_eq!(audited(&nr).await, ["comment.ban", "comment.unban"]);
}

#[tokio::test]
async fn an_editor_may_moderate_and_a_translator_may_not() {
    let (nr, app, _, id) = with_a_waiting_comment().await;
    add_user(&nr, "editor@news.example", Role::Editor, &[]).await;
    add_user(&nr, "fa@news.example", Role::Translator, &["fa"]).await;

    let translator = sign_in(&app, "fa@news.example").await;
    assert_eq!(queue(&app, &translator, "").await.status, 403);
    assert_eq!(act(&app, &translator, id, "approve", "").await.status, 403);
    let unban = post(
        &app,
        "/admin/comments/unban",
        &translator.cookie,
        &format!("csrf={}&address=x", translator.csrf),
    )
    .await;
    assert_eq!(unban.status, 403);
    assert_eq!(stored(&nr, CommentStatus::Pending).await.len(), 1);

    let editor = sign_in(&app, "editor@news.example").await;
    assert_eq!(queue(&app, &editor, "").await.status, 200);
    assert_eq!(act(&app, &editor, id, "approve", "").await.status, 303);
    assert_eq!(stored(&nr, CommentStatus::Approved).await.len(), 1);

    let anonymous = get(&app, "/admin/comments").await;
    assert_eq!(anonymous.status, 303);
    assert!(anonymous.location().starts_with("/admin/login"));
}

#[tokio::test]
async fn a_moderation_without_its_csrf_token_is_refused() {
    let (nr, app, browser, id) = with_a_waiting_comment().await;
    let page = post(
        &app,
        &format!("/admin/comments/{id}"),
        &browser.cookie,
        "status=pending&action=approve",
    )
    .await;
    assert_eq!(page.status, 403);
    assert_eq!(stored(&nr, CommentStatus::Pending).await.len(), 1);
}

#[tokio::test]
async fn markup_in_a_comment_is_text_in_the_queue() {
    let nr = newsroom().await;
    let app = nr.router();
    let posted = comment(
        &nr,
        &app,
        "vi",
        "<script>alert('n')</script>",
        "<img src=x onerror=alert(1)>",
    )
    .await;
    assert_eq!(posted.status, 303);
    add_user(&nr, "mod@news.example", Role::Moderator, &[]).await;
    let browser = sign_in(&app, "mod@news.example").await;
    let page = queue(&app, &browser, "").await;
    page.assert_lacks("<script>alert");
    page.assert_lacks("<img src=x");
    page.assert_contains("&#60;img src=x onerror=alert(1)&#62;");
}
