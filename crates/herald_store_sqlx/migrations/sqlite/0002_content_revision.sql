-- A counter that every change to published content raises, so that caches of rendered
-- pages (in this process or another) can tell cheaply whether what they hold is still
-- current. Raised by triggers, so no write path can forget it; jobs are not content.
-- SQLite has one writer and readers see only committed snapshots, so plain row triggers do.
CREATE TABLE content_revision (
    id INTEGER PRIMARY KEY CONSTRAINT content_revision_single_row CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO content_revision (id, n) VALUES (1, 0);

CREATE TRIGGER terms_insert_raises_revision AFTER INSERT ON terms
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER terms_update_raises_revision AFTER UPDATE ON terms
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER terms_delete_raises_revision AFTER DELETE ON terms
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER term_names_insert_raises_revision AFTER INSERT ON term_names
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER term_names_update_raises_revision AFTER UPDATE ON term_names
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER term_names_delete_raises_revision AFTER DELETE ON term_names
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER sources_insert_raises_revision AFTER INSERT ON sources
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER sources_update_raises_revision AFTER UPDATE ON sources
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER sources_delete_raises_revision AFTER DELETE ON sources
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER media_insert_raises_revision AFTER INSERT ON media
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER media_update_raises_revision AFTER UPDATE ON media
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER media_delete_raises_revision AFTER DELETE ON media
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER articles_insert_raises_revision AFTER INSERT ON articles
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER articles_update_raises_revision AFTER UPDATE ON articles
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER articles_delete_raises_revision AFTER DELETE ON articles
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_topics_insert_raises_revision AFTER INSERT ON article_topics
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_topics_update_raises_revision AFTER UPDATE ON article_topics
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_topics_delete_raises_revision AFTER DELETE ON article_topics
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_tags_insert_raises_revision AFTER INSERT ON article_tags
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_tags_update_raises_revision AFTER UPDATE ON article_tags
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_tags_delete_raises_revision AFTER DELETE ON article_tags
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_authors_insert_raises_revision AFTER INSERT ON article_authors
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_authors_update_raises_revision AFTER UPDATE ON article_authors
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_authors_delete_raises_revision AFTER DELETE ON article_authors
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_media_insert_raises_revision AFTER INSERT ON article_media
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_media_update_raises_revision AFTER UPDATE ON article_media
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_media_delete_raises_revision AFTER DELETE ON article_media
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER versions_insert_raises_revision AFTER INSERT ON versions
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER versions_update_raises_revision AFTER UPDATE ON versions
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER versions_delete_raises_revision AFTER DELETE ON versions
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER slug_history_insert_raises_revision AFTER INSERT ON slug_history
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER slug_history_update_raises_revision AFTER UPDATE ON slug_history
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER slug_history_delete_raises_revision AFTER DELETE ON slug_history
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER comments_insert_raises_revision AFTER INSERT ON comments
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER comments_update_raises_revision AFTER UPDATE ON comments
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER comments_delete_raises_revision AFTER DELETE ON comments
BEGIN
    UPDATE content_revision SET n = n + 1 WHERE id = 1;
END;
