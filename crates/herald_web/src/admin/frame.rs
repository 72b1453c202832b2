//! The frame around every admin page (`templates/admin/base.html`): the page's language and
//! direction, the menu of the sections the signed-in role may open, who is signed in with a
//! sign-out button, a notice after a change, and the CSRF token every form carries.

use herald_domain::Action;

use super::session::Staff;
use crate::html::Text;
use crate::{AppState, assets};

/// What `admin/base.html` shows around a page.
pub(crate) struct AdminFrame {
    pub(crate) t: Text,
    pub(crate) lang: String,
    pub(crate) dir: &'static str,
    /// `<title>`.
    pub(crate) title: String,
    pub(crate) site_name: String,
    pub(crate) stylesheet: String,
    /// The signed-in person's name and role; `None` on the sign-in page.
    pub(crate) user: Option<(String, String)>,
    pub(crate) nav: Vec<NavLink>,
    /// The token every form of the page carries.
    pub(crate) csrf: String,
    /// A line saying what just happened ("Saved.").
    pub(crate) notice: Option<String>,
    /// The public site in the admin's language.
    pub(crate) site_home: String,
}

/// One entry of the admin's menu.
pub(crate) struct NavLink {
    pub(crate) href: &'static str,
    pub(crate) label: String,
    pub(crate) current: bool,
}

/// The admin's sections: key, path, message, and who may open them.
const SECTIONS: [(&str, &str, &str, Access); 12] = [
    ("dashboard", "/admin", "admin-nav-dashboard", Access::Any),
    (
        "sources",
        "/admin/sources",
        "admin-nav-sources",
        Access::Sources,
    ),
    (
        "articles",
        "/admin/articles",
        "admin-nav-articles",
        Access::Articles,
    ),
    (
        "translations",
        "/admin/translations",
        "admin-nav-translations",
        Access::Translates,
    ),
    (
        "glossary",
        "/admin/glossary",
        "admin-nav-glossary",
        Access::Translates,
    ),
    (
        "categories",
        "/admin/categories",
        "admin-nav-categories",
        Access::Taxonomy,
    ),
    (
        "topics",
        "/admin/topics",
        "admin-nav-topics",
        Access::Taxonomy,
    ),
    (
        "places",
        "/admin/places",
        "admin-nav-places",
        Access::Taxonomy,
    ),
    (
        "comments",
        "/admin/comments",
        "admin-nav-comments",
        Access::Comments,
    ),
    ("users", "/admin/users", "admin-nav-users", Access::Users),
    ("audit", "/admin/audit", "admin-nav-audit", Access::Audit),
    (
        "account",
        "/admin/account",
        "admin-nav-account",
        Access::Any,
    ),
];

#[derive(Clone, Copy)]
enum Access {
    Any,
    Sources,
    Articles,
    Translates,
    Taxonomy,
    Comments,
    Users,
    Audit,
}

impl Access {
    fn allows(self, staff: &Staff) -> bool {
        let user = &staff.user;
        match self {
            Self::Any => user.may(Action::ViewDashboard),
            Self::Sources => user.may(Action::ManageSources),
            Self::Articles => user.may(Action::EditArticles),
            Self::Translates => user.translates(),
            Self::Taxonomy => user.may(Action::ManageTaxonomy),
            Self::Comments => user.may(Action::ModerateComments),
            Self::Users => user.may(Action::ManageUsers),
            Self::Audit => user.may(Action::ViewAudit),
        }
    }
}

impl AdminFrame {
    /// The frame of a page of section `current` (a key of the menu) titled `heading`.
    pub(crate) fn new(state: &AppState, staff: &Staff, heading: &str, current: &str) -> Self {
        let t = staff.t.clone();
        let nav = SECTIONS
            .iter()
            .filter(|(_, _, _, access)| access.allows(staff))
            .map(|(key, href, message, _)| NavLink {
                href,
                label: t.get(message),
                current: *key == current,
            })
            .collect();
        let role = t.get(&format!("admin-role-{}", staff.user.role.as_str()));
        let mut frame = Self::bare(state, t, heading);
        frame.user = Some((staff.user.display_name.clone(), role));
        frame.nav = nav;
        frame.csrf.clone_from(&staff.session.csrf_token);
        frame
    }

    /// The frame of a page nobody is signed in to (the sign-in page), with `csrf` as its
    /// form's token.
    pub(crate) fn anonymous(state: &AppState, t: Text, heading: &str, csrf: String) -> Self {
        let mut frame = Self::bare(state, t, heading);
        frame.csrf = csrf;
        frame
    }

    fn bare(state: &AppState, t: Text, heading: &str) -> Self {
        let lang = t.lang().clone();
        let admin = t.get("admin-title");
        Self {
            lang: lang.to_string(),
            dir: lang.direction().as_str(),
            title: format!("{heading} — {admin} — {}", state.settings().site_name),
            site_name: state.settings().site_name.clone(),
            stylesheet: assets::stylesheet_href(),
            user: None,
            nav: Vec::new(),
            csrf: String::new(),
            notice: None,
            site_home: format!("/{lang}/"),
            t,
        }
    }

    /// Shows the notice named by `key` (`saved` → the message `admin-notice-saved`), taken
    /// from a redirect's query. Unknown keys show nothing.
    #[must_use]
    pub(crate) fn with_notice(mut self, key: Option<&str>) -> Self {
        self.notice = key
            .filter(|k| NOTICES.contains(k))
            .map(|k| self.t.get(&format!("admin-notice-{k}")));
        self
    }
}

/// The notices a redirect may ask for, each an `admin-notice-*` message.
const NOTICES: [&str; 8] = [
    "saved",
    "created",
    "deleted",
    "published",
    "unpublished",
    "queued",
    "signed-out",
    "password-changed",
];

/// The `notice` parameter of a query string.
pub(crate) fn notice_key(query: Option<&str>) -> Option<String> {
    url::form_urlencoded::parse(query?.as_bytes())
        .find(|(name, _)| name == "notice")
        .map(|(_, value)| value.into_owned())
}
