-- Comment moderation, SQLite dialect. Keep in step with
-- ../postgres/0007_comments_moderation.sql.
--
-- `comments.address` is a keyed hash of the address a comment came from (never the address
-- itself): what the per-address rate limit counts and what a ban names. Readers see approved
-- comments only, so only a change that involves an approved comment raises the content
-- revision (0002 raised it for every comment, so that anyone posting — pending, spam — emptied
-- the page cache); bans are not content, so no trigger watches `address_bans`.
ALTER TABLE comments ADD COLUMN address TEXT;
-- The rate limit counts an address's recent comments; a ban finds its pending ones.
CREATE INDEX comments_address ON comments (address, created_at) WHERE address IS NOT NULL;
-- The moderation queue: one state, newest first.
CREATE INDEX comments_moderation ON comments (status, created_at);

-- `banned_by` names the moderator; it is kept as a plain id, since a ban outlives the
-- account that made it.
CREATE TABLE address_bans (
    address   TEXT    PRIMARY KEY,
    reason    TEXT    NOT NULL,
    banned_by INTEGER,
    banned_at INTEGER NOT NULL
);
CREATE INDEX address_bans_newest ON address_bans (banned_at);

DROP TRIGGER comments_insert_raises_revision;
DROP TRIGGER comments_update_raises_revision;
DROP TRIGGER comments_delete_raises_revision;

CREATE TRIGGER comments_insert_raises_revision AFTER INSERT ON comments
WHEN NEW.status = 'approved'
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER comments_update_raises_revision AFTER UPDATE ON comments
WHEN OLD.status = 'approved' OR NEW.status = 'approved'
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER comments_delete_raises_revision AFTER DELETE ON comments
WHEN OLD.status = 'approved'
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;
