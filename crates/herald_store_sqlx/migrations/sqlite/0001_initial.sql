-- Herald's schema, SQLite dialect. Keep in step with ../postgres/0001_initial.sql: same tables,
-- columns, constraint names and indexes; only types and identity syntax differ.
-- Times are microseconds since the Unix epoch (UTC); JSON values are TEXT.

-- Taxonomy terms of every kind (category, topic, author, place, tag, source), one id space.
CREATE TABLE terms (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL
        CHECK (kind IN ('category', 'topic', 'author', 'place', 'tag', 'source')),
    key        TEXT    NOT NULL,
    parent_id  INTEGER REFERENCES terms (id) ON DELETE RESTRICT,
    position   INTEGER NOT NULL DEFAULT 0,
    source_id  INTEGER REFERENCES sources (id) ON DELETE SET NULL,
    place_kind TEXT,
    created_at INTEGER NOT NULL,
    CONSTRAINT terms_kind_key_unique UNIQUE (kind, key)
);
CREATE INDEX terms_parent ON terms (parent_id);

-- A term's name and slug per language; `kind` is copied from terms for the unique index.
CREATE TABLE term_names (
    term_id     INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    lang        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    slug        TEXT    NOT NULL,
    description TEXT,
    PRIMARY KEY (term_id, lang),
    CONSTRAINT term_names_slug_unique UNIQUE (kind, lang, slug)
);

-- An outlet; its id is the id of its `terms` row of kind 'source' (which holds key and names).
CREATE TABLE sources (
    id                 INTEGER PRIMARY KEY REFERENCES terms (id) ON DELETE CASCADE,
    descriptions       TEXT    NOT NULL,
    home_url           TEXT    NOT NULL,
    feeds              TEXT    NOT NULL,
    lang               TEXT    NOT NULL,
    region             TEXT    NOT NULL,
    trust              TEXT    NOT NULL,
    licence            TEXT    NOT NULL,
    credit             TEXT    NOT NULL,
    canonical          TEXT    NOT NULL,
    poll_interval_secs INTEGER NOT NULL,
    created_at         INTEGER NOT NULL
);

CREATE TABLE media (
    id         INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL CONSTRAINT media_key_unique UNIQUE,
    -- 'image' or 'video', copied out of `kind` (JSON) so lists can filter on it.
    media_type TEXT    NOT NULL CONSTRAINT media_type_known CHECK (media_type IN ('image', 'video')),
    kind       TEXT    NOT NULL,
    alt        TEXT    NOT NULL,
    caption    TEXT    NOT NULL,
    credit     TEXT    NOT NULL,
    rights     TEXT,
    created_at INTEGER NOT NULL
);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    source_url    TEXT CONSTRAINT articles_source_url_unique UNIQUE,
    source_lang   TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    category_id   INTEGER NOT NULL REFERENCES terms (id) ON DELETE RESTRICT,
    place_id      INTEGER REFERENCES terms (id) ON DELETE SET NULL,
    lead_image_id INTEGER REFERENCES media (id) ON DELETE SET NULL,
    featured      INTEGER NOT NULL DEFAULT 0,
    published_at  INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    revision      INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL
);
CREATE INDEX articles_category ON articles (category_id);
CREATE INDEX articles_source ON articles (source_id);
CREATE INDEX articles_place ON articles (place_id);

CREATE TABLE article_topics (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    topic_id   INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, topic_id)
);
CREATE INDEX article_topics_topic ON article_topics (topic_id, article_id);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);

CREATE TABLE article_authors (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_authors_author ON article_authors (author_id, article_id);

CREATE TABLE article_media (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    media_id   INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, media_id)
);
CREATE INDEX article_media_media ON article_media (media_id);
CREATE INDEX media_videos ON media (id) WHERE media_type = 'video';

-- An article in one language. `published_at` is the article's, copied here so that the
-- listing index alone orders a language's published versions.
CREATE TABLE versions (
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    lang         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    lead         TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    slug         TEXT    NOT NULL,
    origin       TEXT    NOT NULL
        CHECK (origin IN ('original', 'publisher', 'machine', 'post-edited', 'reviewed', 'human')),
    provenance   TEXT,
    state        TEXT    NOT NULL
        CHECK (state IN ('draft', 'review', 'published', 'withdrawn')),
    published_at INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (article_id, lang),
    CONSTRAINT versions_slug_unique UNIQUE (lang, slug)
);
CREATE INDEX versions_listing ON versions (lang, state, published_at, article_id);

-- Slugs no longer current, so old URLs redirect: a term's (kind = the term kind) or a
-- version's (kind = 'article').
CREATE TABLE slug_history (
    kind       TEXT    NOT NULL,
    lang       TEXT    NOT NULL,
    slug       TEXT    NOT NULL,
    term_id    INTEGER REFERENCES terms (id) ON DELETE CASCADE,
    article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
    retired_at INTEGER NOT NULL,
    PRIMARY KEY (kind, lang, slug),
    CHECK ((term_id IS NULL) <> (article_id IS NULL))
);
CREATE INDEX slug_history_term ON slug_history (term_id);
CREATE INDEX slug_history_article ON slug_history (article_id);

CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    lang        TEXT    NOT NULL,
    author_name TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    status      TEXT    NOT NULL
        CHECK (status IN ('pending', 'approved', 'spam', 'deleted')),
    parent_id   INTEGER REFERENCES comments (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX comments_article ON comments (article_id, lang, created_at);
CREATE INDEX comments_parent ON comments (parent_id);

CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    dedupe_key   TEXT    NOT NULL,
    state        TEXT    NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 5,
    run_at       INTEGER NOT NULL,
    lease_until  INTEGER,
    worker       TEXT,
    last_error   TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs (state, run_at);
CREATE INDEX jobs_lease ON jobs (state, lease_until);
-- At most one queued job per piece of work: enqueue dedupes with ON CONFLICT on this index.
CREATE UNIQUE INDEX jobs_dedupe_queued ON jobs (dedupe_key) WHERE state = 'queued';
