//! The newsroom's people: accounts with one [`Role`] each, what each role may do
//! ([`User::may`]), and the audit trail of their changes. Passwords are never here in clear:
//! the store keeps an argon2id hash the web layer made.

use serde::{Deserialize, Serialize};

use crate::{Language, Timestamp, UserId};

/// What an account is for. One role per account; a translator works in chosen languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, including accounts and settings.
    Admin,
    /// Sources, articles, taxonomy, publication; reviews translations in every language.
    Editor,
    /// Reviews and post-edits translations, and curates the glossary, into their languages.
    Translator,
    /// Moderates readers' comments.
    Moderator,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Self; 4] = [Self::Admin, Self::Editor, Self::Translator, Self::Moderator];

    /// Storage and form value.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Editor => "editor",
            Self::Translator => "translator",
            Self::Moderator => "moderator",
        }
    }

    /// Reads the storage form.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Something a person may or may not do in the admin. Checked on the server for every
/// request, whatever the page showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
    /// See the dashboard (every role).
    ViewDashboard,
    /// Add, edit, pause and test sources.
    ManageSources,
    /// Edit articles' filing and state, publish, unpublish, re-translate.
    EditArticles,
    /// Read, post-edit and approve translations into this language.
    ReviewTranslation(&'a Language),
    /// Change the glossary of this pair (from, to).
    EditGlossary(&'a Language, &'a Language),
    /// Categories, topics, places.
    ManageTaxonomy,
    /// Approve, reject, mark as spam, ban addresses.
    ModerateComments,
    /// Accounts and roles.
    ManageUsers,
    /// Read the audit log.
    ViewAudit,
}

/// A newsroom account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Sign-in name, stored in lower case; unique.
    pub email: String,
    /// How others see them in the admin and the audit log.
    pub display_name: String,
    /// What they may do.
    pub role: Role,
    /// For a translator, the languages they translate into; empty for other roles.
    pub languages: Vec<Language>,
    /// The admin's language they chose, if any (else cookie, else `Accept-Language`).
    pub locale: Option<Language>,
    /// A disabled account cannot sign in, and its sessions end.
    pub disabled: bool,
    /// Sign-in failures in a row since the last success.
    pub failed_logins: u32,
    /// Until when sign-in is refused after too many failures.
    pub locked_until: Option<Timestamp>,
    /// When it was created.
    pub created_at: Timestamp,
}

impl User {
    /// Whether this account may do `action`. A disabled account may do nothing.
    #[must_use]
    pub fn may(&self, action: Action<'_>) -> bool {
        if self.disabled {
            return false;
        }
        match (self.role, action) {
            (Role::Admin, _) | (_, Action::ViewDashboard) => true,
            (
                Role::Editor,
                Action::ManageSources
                | Action::EditArticles
                | Action::ReviewTranslation(_)
                | Action::EditGlossary(..)
                | Action::ManageTaxonomy
                | Action::ModerateComments
                | Action::ViewAudit,
            ) => true,
            (Role::Translator, Action::ReviewTranslation(language))
            | (Role::Translator, Action::EditGlossary(_, language)) => {
                self.languages.contains(language)
            }
            (Role::Moderator, Action::ModerateComments) => true,
            _ => false,
        }
    }

    /// Whether the account reviews translations (and edits the glossary) into at least one
    /// language: what [`User::may`] allows per language, asked of all of them at once.
    #[must_use]
    pub fn translates(&self) -> bool {
        !self.disabled
            && match self.role {
                Role::Admin | Role::Editor => true,
                Role::Translator => !self.languages.is_empty(),
                Role::Moderator => false,
            }
    }

    /// Whether sign-in is refused at `now` because of recent failures.
    #[must_use]
    pub fn is_locked(&self, now: Timestamp) -> bool {
        self.locked_until.is_some_and(|until| until > now)
    }
}

/// An account about to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// Sign-in name (trimmed and lower-cased by the store).
    pub email: String,
    /// Shown name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// A translator's languages.
    pub languages: Vec<Language>,
    /// Chosen admin language.
    pub locale: Option<Language>,
    /// The argon2id hash in PHC form (`$argon2id$v=19$…`).
    pub password_hash: String,
}

/// A change to an account; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserUpdate {
    /// New shown name.
    pub display_name: Option<String>,
    /// New role.
    pub role: Option<Role>,
    /// New languages (a translator's).
    pub languages: Option<Vec<Language>>,
    /// New admin language (`Some(None)` clears the choice).
    pub locale: Option<Option<Language>>,
    /// Disable or enable.
    pub disabled: Option<bool>,
}

/// One change someone made, as the audit log keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    /// Its id, in order of recording.
    pub id: i64,
    /// When.
    pub at: Timestamp,
    /// Who (`None` for the command line or the system).
    pub user: Option<UserId>,
    /// Their e-mail at the time (kept when the account goes).
    pub actor: String,
    /// What, as a stable key (`article.publish`, `user.create`, `comment.spam`).
    pub action: String,
    /// The kind of thing changed (`article`, `source`, `user`, `comment`, `glossary`).
    pub target_kind: String,
    /// Its id or key.
    pub target: String,
    /// More, as short text (`fa`, `state: draft → published`).
    pub detail: String,
}

/// A change about to be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEvent {
    /// Who.
    pub user: Option<UserId>,
    /// Their e-mail, or `cli`/`system`.
    pub actor: String,
    /// What (see [`AuditEvent::action`]).
    pub action: String,
    /// Kind of target.
    pub target_kind: String,
    /// The target's id or key.
    pub target: String,
    /// More.
    pub detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, languages: &[&str]) -> User {
        User {
            id: UserId::new(1),
            email: "a@example.org".into(),
            display_name: "A".into(),
            role,
            languages: languages
                .iter()
                .filter_map(|l| Language::parse(l).ok())
                .collect(),
            locale: None,
            disabled: false,
            failed_logins: 0,
            locked_until: None,
            created_at: Timestamp::UNIX_EPOCH,
        }
    }

    #[test]
    fn roles_round_trip_through_their_storage_form() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn a_translator_reviews_only_their_languages() {
        let fa = Language::parse("fa").unwrap_or_else(|e| panic!("{e}"));
        let ar = Language::parse("ar").unwrap_or_else(|e| panic!("{e}"));
        let vi = Language::parse("vi").unwrap_or_else(|e| panic!("{e}"));
        let translator = user(Role::Translator, &["fa"]);
        assert!(translator.may(Action::ReviewTranslation(&fa)));
        assert!(!translator.may(Action::ReviewTranslation(&ar)));
        assert!(translator.may(Action::EditGlossary(&vi, &fa)));
        assert!(!translator.may(Action::EditGlossary(&fa, &vi)));
        assert!(!translator.may(Action::EditArticles));
        assert!(!translator.may(Action::ModerateComments));
        assert!(translator.may(Action::ViewDashboard));
        assert!(translator.translates());
        assert!(!user(Role::Translator, &[]).translates());
        assert!(!user(Role::Moderator, &[]).translates());
    }

    #[test]
    fn each_role_may_do_only_its_work() {
        let moderator = user(Role::Moderator, &[]);
        assert!(moderator.may(Action::ModerateComments));
        assert!(!moderator.may(Action::ManageSources));
        assert!(!moderator.may(Action::ViewAudit));
        let editor = user(Role::Editor, &[]);
        assert!(editor.may(Action::ManageSources));
        assert!(editor.may(Action::ModerateComments));
        assert!(!editor.may(Action::ManageUsers));
        let admin = user(Role::Admin, &[]);
        assert!(admin.may(Action::ManageUsers));
    }

    #[test]
    fn a_disabled_account_may_do_nothing() {
        let mut admin = user(Role::Admin, &[]);
        admin.disabled = true;
        assert!(!admin.may(Action::ViewDashboard));
        assert!(!admin.may(Action::ManageUsers));
    }
}
