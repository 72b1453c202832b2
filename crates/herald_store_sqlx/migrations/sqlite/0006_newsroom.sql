-- The newsroom, SQLite dialect. Keep in step with ../postgres/0006_newsroom.sql: same tables,
-- columns, constraint names and indexes; only types and identity syntax differ.
--
-- Accounts, their signed-in sessions and the audit log of what they changed.
--
-- None of these tables has a revision trigger: no reader sees them, and a sign-in (which
-- writes a session and the failure count) must not empty the page caches.

-- A newsroom account. `email` is stored trimmed and in lower case, so the unique constraint
-- is the case-insensitive one. `languages` holds a translator's language tags separated by
-- spaces (tags never contain one); empty for other roles.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL
        CONSTRAINT users_role_known CHECK (role IN ('admin', 'editor', 'translator', 'moderator')),
    languages     TEXT    NOT NULL DEFAULT '',
    locale        TEXT,
    -- argon2id in PHC form, made by the web layer.
    password_hash TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER,
    created_at    INTEGER NOT NULL,
    CONSTRAINT users_email_unique UNIQUE (email)
);

-- A signed-in session, keyed by the SHA-256 (hex) of its cookie's token: a copy of the
-- database signs nobody in. Ends with its account.
CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
-- Ending an account's sessions (disabled, new password).
CREATE INDEX sessions_user ON sessions (user_id);
-- Forgetting expired sessions.
CREATE INDEX sessions_expires ON sessions (expires_at);

-- One change someone made. `actor` copies the account's e-mail so that the line still says
-- who once the account is gone (`user_id` is then NULL); `cli` or `system` without one.
CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target_kind TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    detail      TEXT    NOT NULL
);
-- The log newest first, whole or narrowed to a target or a person.
CREATE INDEX audit_events_at ON audit_events (at, id);
CREATE INDEX audit_events_target ON audit_events (target_kind, target, at, id);
CREATE INDEX audit_events_user ON audit_events (user_id, at, id);
