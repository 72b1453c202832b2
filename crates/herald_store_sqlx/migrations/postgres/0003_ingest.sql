-- Ingestion, PostgreSQL dialect. Keep in step with ../sqlite/0003_ingest.sql: same tables,
-- columns, constraint names and indexes; only types differ.
--
-- What polling needs (a source's filing rules, pause and poll bookkeeping; each feed's HTTP
-- validators), the keys that find an article again (content hash, SimHash), its story, whether
-- only the feed's summary is stored, and the page fetched for the extractor.
--
-- `source_state`, `feed_states` and `article_pages` have no revision triggers: nothing in
-- them is shown to readers, and a poll must not empty the page caches. The new article
-- columns are written with the article (or change what it is), under the triggers of 0002.

-- A source's ingestion state. A source without a row has the default rules, is not paused
-- and was never polled; the row is made by the first write.
CREATE TABLE source_state (
    source_id            BIGINT PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    -- `IngestRules` as JSON; NULL: the default.
    rules                TEXT,
    paused               BIGINT  NOT NULL DEFAULT 0,
    last_success_at      BIGINT,
    last_error_at        BIGINT,
    last_error           TEXT,
    consecutive_failures BIGINT  NOT NULL DEFAULT 0,
    next_poll_at         BIGINT
);
CREATE INDEX source_state_next_poll ON source_state (next_poll_at);

-- A feed's `ETag` and `Last-Modified`, sent back on the next poll.
CREATE TABLE feed_states (
    source_id     BIGINT  NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    feed_url      TEXT    NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    PRIMARY KEY (source_id, feed_url)
);

-- Hex SHA-256 of the normalised title and text; NULL for articles not ingested.
ALTER TABLE articles ADD COLUMN content_hash TEXT;
-- 64-bit SimHash of the text, bit-cast to a signed integer; NULL for articles not ingested.
ALTER TABLE articles ADD COLUMN simhash BIGINT;
-- The story: the id of its first article, as a label (no foreign key: the story keeps its
-- id if that article goes). NULL: the article is its story's first, or alone.
ALTER TABLE articles ADD COLUMN story_id BIGINT;
-- 1 while only the feed's summary is stored.
ALTER TABLE articles ADD COLUMN partial BIGINT NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX articles_content_hash_unique ON articles (content_hash)
    WHERE content_hash IS NOT NULL;
CREATE INDEX articles_story ON articles (story_id) WHERE story_id IS NOT NULL;
-- Near-duplicate candidates: ingested articles published within a window, read from the
-- index alone.
CREATE INDEX articles_near ON articles (published_at, simhash, story_id)
    WHERE simhash IS NOT NULL;

-- An article's page as fetched (any encoding), kept for the extractor.
CREATE TABLE article_pages (
    article_id   BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    url          TEXT    NOT NULL,
    final_url    TEXT    NOT NULL,
    content_type TEXT,
    body         BYTEA   NOT NULL,
    fetched_at   BIGINT  NOT NULL
);
