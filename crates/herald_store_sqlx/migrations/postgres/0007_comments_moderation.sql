-- Comment moderation, PostgreSQL dialect. Keep in step with
-- ../sqlite/0007_comments_moderation.sql.
--
-- `comments.address` is a keyed hash of the address a comment came from (never the address
-- itself): what the per-address rate limit counts and what a ban names. Comments are content,
-- so writing them raises the content revision through the triggers of 0002; bans are not
-- (no page shows them), so no trigger watches `address_bans`.
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
    banned_by BIGINT,
    banned_at BIGINT  NOT NULL
);
CREATE INDEX address_bans_newest ON address_bans (banned_at);
