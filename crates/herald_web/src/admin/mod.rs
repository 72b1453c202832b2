//! The newsroom's admin at `/admin`: server-rendered pages for editors, translators,
//! moderators and admins, in the admin's own language (right-to-left ones too).
//!
//! Every page takes a [`session::Staff`] (signed in, or sent to `/admin/login`) and checks
//! the account's permission for what it does (`Staff::require`) on the server, whatever the
//! menu showed. Every form carries a CSRF token, checked for all of them in one middleware
//! (`csrf.rs`). Every change is written to the audit log (`audit::record`). The admin never
//! calls ingestion or translation: "test this source" and "re-translate" queue jobs.
//! Its pages are never cached.

mod account;
mod articles;
mod audit;
mod comments;
mod csrf;
mod dashboard;
mod frame;
mod glossary;
mod login;
pub(crate) mod password;
mod segments;
mod session;
mod sources;
mod taxonomy;
mod throttle;
mod translations;
mod users;

use axum::Router;

pub(crate) use throttle::Throttle;

use crate::AppState;

/// Every admin page, behind the CSRF check.
pub(crate) fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .merge(login::routes())
        .merge(dashboard::routes())
        .merge(account::routes())
        .merge(audit::routes())
        .merge(comments::routes())
        .merge(users::routes())
        .merge(translations::routes())
        .merge(glossary::routes())
        .merge(sources::routes())
        .merge(articles::routes())
        .merge(taxonomy::routes())
        .layer(axum::middleware::from_fn_with_state(state, csrf::check))
}
