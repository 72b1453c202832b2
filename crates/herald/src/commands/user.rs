//! `herald user add|list`: newsroom accounts from the command line — above all the first
//! admin, who then manages the others in the admin. Passwords come from standard input or a
//! prompt without echo, are checked for length and stored as argon2id hashes.

use std::io::{BufRead as _, IsTerminal as _};

use anyhow::{Context, bail};
use herald_domain::{Language, NewAuditEvent, NewUser, Role};
use herald_store::{Store as _, StoreError};
use herald_web::{MAX_PASSWORD_BYTES, PasswordError, hash_password};

use crate::cli::UserAddArgs;
use crate::settings::Settings;

pub(super) async fn add(settings: Settings, args: UserAddArgs) -> anyhow::Result<()> {
    let email = args.email.trim().to_lowercase();
    if !looks_like_email(&email) {
        bail!("'{}' is not an e-mail address", args.email);
    }
    let Some(role) = Role::parse(&args.role) else {
        bail!(
            "'{}' is not a role: use admin, editor, translator or moderator",
            args.role
        );
    };
    let mut languages = Vec::new();
    for tag in &args.languages {
        let language = Language::parse(tag).with_context(|| format!("--language {tag}"))?;
        if !settings.languages.contains(&language) {
            bail!("--language {tag}: not one of the site's languages");
        }
        languages.push(language);
    }
    if role == Role::Translator && languages.is_empty() {
        bail!("a translator needs at least one --language to translate into");
    }
    if role != Role::Translator && !languages.is_empty() {
        bail!("--language is for translators only");
    }
    let password = if args.password_stdin {
        read_stdin_password()?
    } else {
        prompt_password()?
    };
    let password_hash = match hash_password(&password) {
        Ok(hash) => hash,
        Err(error @ (PasswordError::TooShort | PasswordError::TooLong)) => bail!("{error}"),
        Err(error) => return Err(error).context("cannot hash the password"),
    };
    let display_name = args
        .name
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_owned());
    let store = super::open_store(&settings).await?;
    let user = match store
        .create_user(NewUser {
            email,
            display_name,
            role,
            languages,
            locale: None,
            password_hash,
        })
        .await
    {
        Ok(user) => user,
        Err(StoreError::Conflict { .. }) => bail!("an account with this e-mail exists already"),
        Err(error) => return Err(error).context("cannot store the account"),
    };
    store
        .record_audit(NewAuditEvent {
            user: None,
            actor: "cli".into(),
            action: "user.create".into(),
            target_kind: "user".into(),
            target: user.id.to_string(),
            detail: format!("{} {}", user.email, user.role.as_str()),
        })
        .await?;
    println!(
        "Added {} ({}). Sign in at {}admin/login",
        user.email,
        user.role.as_str(),
        settings.base_url
    );
    Ok(())
}

pub(super) async fn list(settings: Settings) -> anyhow::Result<()> {
    let store = super::open_store(&settings).await?;
    let users = store.list_users().await?;
    if users.is_empty() {
        println!("No account yet: add one with `herald user add EMAIL --role admin`.");
    }
    for user in users {
        let languages: Vec<&str> = user.languages.iter().map(Language::as_str).collect();
        println!(
            "{}\t{}\t{}\t{}{}",
            user.email,
            user.display_name,
            user.role.as_str(),
            languages.join(" "),
            if user.disabled { "\tdisabled" } else { "" }
        );
    }
    Ok(())
}

/// A plausible address: one `@` with something on each side, no spaces or controls.
fn looks_like_email(email: &str) -> bool {
    let mut parts = email.split('@');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(local), Some(domain), None) if !local.is_empty() && domain.contains('.')
    ) && email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn read_stdin_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .take_line(&mut line)
        .context("cannot read the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn prompt_password() -> anyhow::Result<String> {
    if !std::io::stdin().is_terminal() {
        bail!(
            "no terminal to ask for the password: pass it on standard input with --password-stdin"
        );
    }
    let first = rpassword::prompt_password("Password: ").context("cannot read the password")?;
    let again = rpassword::prompt_password("Again: ").context("cannot read the password")?;
    if first != again {
        bail!("the two passwords differ");
    }
    Ok(first)
}

/// Reads one line, at most a little more than the longest password.
trait TakeLine {
    fn take_line(&mut self, line: &mut String) -> std::io::Result<usize>;
}

impl<R: std::io::BufRead> TakeLine for R {
    fn take_line(&mut self, line: &mut String) -> std::io::Result<usize> {
        let limit = u64::try_from(MAX_PASSWORD_BYTES + 2).unwrap_or(u64::MAX);
        std::io::Read::take(self, limit).read_line(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plausible_addresses_are_accepted() {
        assert!(looks_like_email("editor@news.example"));
        for bad in [
            "editor",
            "@news.example",
            "a@b",
            "a b@news.example",
            "a@b@c.d",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }
}
