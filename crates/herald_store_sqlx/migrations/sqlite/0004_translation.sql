-- Machine translation, SQLite dialect. Keep in step with ../postgres/0004_translation.sql:
-- same tables, columns, constraint names and indexes; only types, identity syntax and the
-- JSON functions of the backfill differ.
--
-- The translation memory, the glossary and job priorities, and two columns copied out of a
-- version's provenance so that "what to translate" and coverage are plain comparisons.
--
-- `translation_memory` and `glossary_entries` have no revision triggers: readers never see
-- them, and a translation run saving hundreds of segments must not empty the page caches.
-- The new version columns are written with the version, under the triggers of 0002.

-- One translated segment per key (the key hashes pair, engine, model and source text).
CREATE TABLE translation_memory (
    key          TEXT    PRIMARY KEY,
    from_lang    TEXT    NOT NULL,
    to_lang      TEXT    NOT NULL,
    engine       TEXT    NOT NULL,
    model        TEXT,
    source       TEXT    NOT NULL,
    target       TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER NOT NULL,
    hits         INTEGER NOT NULL DEFAULT 0
);

-- The newsroom's terms per language pair. The unique constraint's index also serves reading
-- a pair's glossary and counting entries per pair.
CREATE TABLE glossary_entries (
    id             INTEGER PRIMARY KEY,
    from_lang      TEXT    NOT NULL,
    to_lang        TEXT    NOT NULL,
    term           TEXT    NOT NULL,
    translation    TEXT    NOT NULL,
    kind           TEXT    NOT NULL
        CONSTRAINT glossary_entries_kind_known CHECK (kind IN ('forced', 'do-not-translate', 'name')),
    case_sensitive INTEGER NOT NULL DEFAULT 0,
    note           TEXT    NOT NULL DEFAULT '',
    updated_at     INTEGER NOT NULL,
    CONSTRAINT glossary_entries_term_unique UNIQUE (from_lang, to_lang, term)
);

-- Due jobs are claimed highest priority first; translations carry their article's
-- publication time, so the newest news goes first.
ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
-- The claim's order for one state and kind, read from the index and stopped at the first
-- due row. It replaces `jobs_due`, whose order the claim no longer uses.
DROP INDEX jobs_due;
CREATE INDEX jobs_claim ON jobs (state, kind, priority DESC, run_at, id);

-- `Provenance::from_revision` of a translated version; NULL without provenance.
ALTER TABLE versions ADD COLUMN from_revision INTEGER;
-- The number of `Provenance::qa_flags`; 0 without provenance.
ALTER TABLE versions ADD COLUMN qa_flag_count INTEGER NOT NULL DEFAULT 0;
UPDATE versions
   SET from_revision = json_extract(provenance, '$.from_revision'),
       qa_flag_count = COALESCE(json_array_length(provenance, '$.qa_flags'), 0)
 WHERE provenance IS NOT NULL;

-- Articles newest first, for the articles still to translate.
CREATE INDEX articles_newest ON articles (published_at, id);
