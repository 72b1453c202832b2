-- A counter that every change to published content raises, so that caches of rendered
-- pages (in this process or another) can tell cheaply whether what they hold is still
-- current. Raised by triggers, so no write path can forget it; jobs are not content.
--
-- The triggers are deferred to commit and raise the counter once per transaction: readers
-- never see a new number before the data behind it is visible, and taking the counter's row
-- lock last means writers cannot deadlock on it.
CREATE TABLE content_revision (
    id BIGINT PRIMARY KEY CONSTRAINT content_revision_single_row CHECK (id = 1),
    n  BIGINT NOT NULL
);
INSERT INTO content_revision (id, n) VALUES (1, 0);

CREATE FUNCTION raise_content_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('herald.revision_raised', true), '') <> 'yes' THEN
        PERFORM set_config('herald.revision_raised', 'yes', true);
        UPDATE content_revision SET n = n + 1 WHERE id = 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER terms_raises_revision AFTER INSERT OR UPDATE OR DELETE ON terms
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_revision();

CREATE CONSTRAINT TRIGGER term_names_raises_revision AFTER INSERT OR UPDATE OR DELETE ON term_names
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_revision();

CREATE CONSTRAINT TRIGGER sources_raises_revision AFTER INSERT OR UPDATE OR DELETE ON sources
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_revision();

CREATE CONSTRAINT TRIGGER media_raises_revision AFTER INSERT OR UPDATE OR DELETE ON media
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_revision();

CREATE CONSTRAINT TRIGGER articles_raises_revision AFTER INSERT OR UPDATE OR DELETE ON articles
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_revision();

CREATE CONSTRAINT TRIGGER article_topics_raises_revision AFTER INSERT OR UPDATE OR DELETE ON article_topics
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_revision();

CREATE CONSTRAINT TRIGGER article_tags_raises_revision AFTER INSERT OR UPDATE OR DELETE ON article_tags
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_revision();

CREATE CONSTRAINT TRIGGER article_authors_raises_revision AFTER INSERT OR UPDATE OR DELETE ON article_authors
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_revision();

CREATE CONSTRAINT TRIGGER article_media_raises_revision AFTER INSERT OR UPDATE OR DELETE ON article_media
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_revision();

CREATE CONSTRAINT TRIGGER versions_raises_revision AFTER INSERT OR UPDATE OR DELETE ON versions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_revision();

CREATE CONSTRAINT TRIGGER slug_history_raises_revision AFTER INSERT OR UPDATE OR DELETE ON slug_history
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_revision();

CREATE CONSTRAINT TRIGGER comments_raises_revision AFTER INSERT OR UPDATE OR DELETE ON comments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_revision();
