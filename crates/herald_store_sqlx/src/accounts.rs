//! Newsroom accounts and their signed-in sessions.
//!
//! E-mails are stored trimmed and in lower case, so the unique constraint on them is the
//! case-insensitive one and a sign-in looks them up by equality. A session is found by the
//! SHA-256 of its cookie's token; the account's state is read with it, so that a disabled
//! account is signed out on its next request whatever sessions it still holds. Writes that
//! take rights away (disabling, a new password) end the account's sessions in the same
//! transaction. None of these tables raises `content_revision` (migration 0006).

use std::time::Duration;

use herald_domain::{NewUser, Role, Timestamp, User, UserId, UserUpdate};
use herald_store::{Result, Session, StoreError};
use sqlx::any::AnyRow;

use crate::SqlStore;
use crate::codec::{
    col, language, language_list, languages, micros, normalize, opt_timestamp, timestamp, to_u32,
};
use crate::error::{db, invalid};

/// An account's columns, without its password hash, from `users u`.
const USER_COLUMNS: &str = "u.id, u.email, u.display_name, u.role, u.languages, u.locale,
        u.disabled, u.failed_logins, u.locked_until, u.created_at";

/// The same, as an `UPDATE … RETURNING` of `users` names them.
const RETURNING: &str = "RETURNING id, email, display_name, role, languages, locale, disabled,
        failed_logins, locked_until, created_at";

/// How e-mails are stored and compared.
fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

pub(crate) async fn create(store: &SqlStore, user: &NewUser) -> Result<User> {
    let email = email_key(&user.email);
    if email.is_empty() {
        return Err(StoreError::Invalid("an account needs an e-mail".to_owned()));
    }
    if user.password_hash.is_empty() {
        return Err(StoreError::Invalid(
            "an account needs a password hash".to_owned(),
        ));
    }
    let now = micros(store.now());
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, role, languages, locale, password_hash,
                            created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id",
    )
    .bind(&email)
    .bind(normalize(&user.display_name, true))
    .bind(user.role.as_str())
    .bind(language_list(&user.languages))
    .bind(user.locale.as_ref().map(|l| l.as_str().to_owned()))
    .bind(&user.password_hash)
    .bind(now)
    .fetch_one(&store.write)
    .await
    .map_err(db)?;
    by_id(store, UserId::new(id))
        .await?
        .ok_or(StoreError::NotFound("user"))
}

pub(crate) async fn by_id(store: &SqlStore, id: UserId) -> Result<Option<User>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"
    )))
    .bind(id.get())
    .fetch_optional(&store.read)
    .await
    .map_err(db)?;
    row.as_ref().map(decode).transpose()
}

pub(crate) async fn by_email(store: &SqlStore, email: &str) -> Result<Option<(User, String)>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.email = $1"
    )))
    .bind(email_key(email))
    .fetch_optional(&store.read)
    .await
    .map_err(db)?;
    row.map(|row| Ok((decode(&row)?, col(&row, "password_hash")?)))
        .transpose()
}

pub(crate) async fn list(store: &SqlStore) -> Result<Vec<User>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {USER_COLUMNS} FROM users u ORDER BY u.email"
    )))
    .fetch_all(&store.read)
    .await
    .map_err(db)?;
    rows.iter().map(decode).collect()
}

pub(crate) async fn update(store: &SqlStore, id: UserId, update: &UserUpdate) -> Result<User> {
    let mut tx = store.begin_write().await?;
    // A `None` leaves its column as it is: `COALESCE` of the bound value and the column.
    // The locale can be cleared, so whether to write it is a flag of its own.
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE users
            SET display_name = COALESCE($2, display_name),
                role = COALESCE($3, role),
                languages = COALESCE($4, languages),
                locale = CASE WHEN $5 = 1 THEN $6 ELSE locale END,
                disabled = COALESCE($7, disabled)
          WHERE id = $1
         {RETURNING}"
    )))
    .bind(id.get())
    .bind(update.display_name.as_deref().map(|n| normalize(n, true)))
    .bind(update.role.map(|r| r.as_str().to_owned()))
    .bind(update.languages.as_deref().map(language_list))
    .bind(i64::from(update.locale.is_some()))
    .bind(
        update
            .locale
            .as_ref()
            .and_then(|l| l.as_ref().map(|l| l.as_str().to_owned())),
    )
    .bind(update.disabled.map(i64::from))
    .fetch_optional(&mut *tx)
    .await
    .map_err(db)?
    .ok_or(StoreError::NotFound("user"))?;
    let user = decode(&row)?;
    if user.disabled {
        end_sessions(&mut tx, id).await?;
    }
    tx.commit().await.map_err(db)?;
    Ok(user)
}

pub(crate) async fn set_password(store: &SqlStore, id: UserId, password_hash: &str) -> Result<()> {
    if password_hash.is_empty() {
        return Err(StoreError::Invalid(
            "an account needs a password hash".to_owned(),
        ));
    }
    let mut tx = store.begin_write().await?;
    let done = sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
        .bind(id.get())
        .bind(password_hash)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("user"));
    }
    end_sessions(&mut tx, id).await?;
    tx.commit().await.map_err(db)?;
    Ok(())
}

async fn end_sessions(conn: &mut sqlx::AnyConnection, id: UserId) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(id.get())
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(())
}

pub(crate) async fn record_failure(
    store: &SqlStore,
    id: UserId,
    now: Timestamp,
    lock_after: u32,
    lock_for: Duration,
) -> Result<User> {
    let lock_for = i64::try_from(lock_for.as_micros()).unwrap_or(i64::MAX);
    let until = micros(now).saturating_add(lock_for);
    // One statement, so that failures counted at once by concurrent requests all count; the
    // `SET` expressions read the row as it was, so `failed_logins + 1` is the new count.
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE users
            SET failed_logins = failed_logins + 1,
                locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END
          WHERE id = $1
         {RETURNING}"
    )))
    .bind(id.get())
    .bind(i64::from(lock_after))
    .bind(until)
    .fetch_optional(&store.write)
    .await
    .map_err(db)?
    .ok_or(StoreError::NotFound("user"))?;
    decode(&row)
}

pub(crate) async fn record_success(store: &SqlStore, id: UserId) -> Result<()> {
    let done = sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1")
        .bind(id.get())
        .execute(&store.write)
        .await
        .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("user"));
    }
    Ok(())
}

pub(crate) async fn create_session(store: &SqlStore, session: &Session) -> Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&session.token_hash)
    .bind(session.user.get())
    .bind(&session.csrf_token)
    .bind(micros(session.created_at))
    .bind(micros(session.expires_at))
    .execute(&store.write)
    .await
    .map_err(db)?;
    Ok(())
}

pub(crate) async fn session(
    store: &SqlStore,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<(Session, User)>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {USER_COLUMNS}, s.token_hash, s.csrf_token, s.created_at AS session_created_at,
                s.expires_at
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0"
    )))
    .bind(token_hash)
    .bind(micros(now))
    .fetch_optional(&store.read)
    .await
    .map_err(db)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let user = decode(&row)?;
    let session = Session {
        token_hash: col(&row, "token_hash")?,
        user: user.id,
        csrf_token: col(&row, "csrf_token")?,
        created_at: timestamp(col(&row, "session_created_at")?)?,
        expires_at: timestamp(col(&row, "expires_at")?)?,
    };
    Ok(Some((session, user)))
}

pub(crate) async fn delete_session(store: &SqlStore, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&store.write)
        .await
        .map_err(db)?;
    Ok(())
}

/// Forgets the sessions [`session`] no longer answers for: those whose end is `now` or
/// before.
pub(crate) async fn delete_expired_sessions(store: &SqlStore, now: Timestamp) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(micros(now))
        .execute(&store.write)
        .await
        .map_err(db)?;
    Ok(done.rows_affected())
}

/// An account from a row of [`USER_COLUMNS`] or [`RETURNING`].
fn decode(row: &AnyRow) -> Result<User> {
    let role: String = col(row, "role")?;
    Ok(User {
        id: UserId::new(col(row, "id")?),
        email: col(row, "email")?,
        display_name: col(row, "display_name")?,
        role: Role::parse(&role).ok_or_else(|| invalid("role", &role))?,
        languages: languages(&col::<String>(row, "languages")?)?,
        locale: col::<Option<String>>(row, "locale")?
            .map(|tag| language(&tag))
            .transpose()?,
        disabled: col::<i64>(row, "disabled")? != 0,
        failed_logins: to_u32(col(row, "failed_logins")?, "failed sign-ins")?,
        locked_until: opt_timestamp(col(row, "locked_until")?)?,
        created_at: timestamp(col(row, "created_at")?)?,
    })
}
