//! Passwords as argon2id hashes in PHC form (`$argon2id$v=19$m=…`), with the algorithm's
//! recommended parameters, a random salt each, and verification that takes as long for an
//! unknown account as for a known one.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// The fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The most bytes a password may have: hashing is costly, and no one types more.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// Why a password was not accepted.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PasswordError {
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
    #[error("a password needs at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    /// More than [`MAX_PASSWORD_BYTES`] bytes.
    #[error("a password may have at most {MAX_PASSWORD_BYTES} bytes")]
    TooLong,
    /// The hashing library failed (no randomness, say).
    #[error("hashing the password failed: {0}")]
    Hashing(String),
}

/// The argon2id hash of `password`, after checking its length.
///
/// # Errors
/// [`PasswordError`] for a password too short or too long, or when hashing fails.
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(PasswordError::TooLong);
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| PasswordError::Hashing(e.to_string()))
}

/// Whether `password` matches `hash`. A hash that cannot be read matches nothing.
#[must_use]
pub fn verify_password(password: &str, hash: &str) -> bool {
    if password.len() > MAX_PASSWORD_BYTES {
        return false;
    }
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash of no one's password, verified against when the e-mail is unknown, so that the
/// answer takes as long as for a real account and does not tell which e-mails exist.
pub(crate) fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password never used").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_and_verifies_only_its_password() {
        let hash = hash_password("correct horse battery").unwrap_or_default();
        assert!(hash.starts_with("$argon2id$v=19$"), "{hash}");
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("", &hash));
    }

    #[test]
    fn two_hashes_of_one_password_differ_by_their_salt() {
        let a = hash_password("correct horse battery").unwrap_or_default();
        let b = hash_password("correct horse battery").unwrap_or_default();
        assert_ne!(a, b);
    }

    #[test]
    fn short_and_huge_passwords_are_refused() {
        assert_eq!(hash_password("short"), Err(PasswordError::TooShort));
        let huge = "x".repeat(MAX_PASSWORD_BYTES + 1);
        assert_eq!(hash_password(&huge), Err(PasswordError::TooLong));
        assert!(!verify_password(&huge, decoy_hash()));
    }

    #[test]
    fn an_unreadable_hash_matches_nothing() {
        assert!(!verify_password("anything at all", "not a hash"));
        assert!(!verify_password("anything at all", ""));
    }
}
