-- +goose Up
-- The search index carries the columns that search filters and orders by, so a
-- search reads one table: the consultation's entries newest first through a
-- btree index, testing each for the words, or the GIN index for rare words,
-- without joining every candidate to its comment. Triggers keep the copies in
-- step with the comment in the same transaction.
ALTER TABLE comment_search
    ADD COLUMN consultation_id BIGINT,
    ADD COLUMN created_at      TIMESTAMPTZ,
    ADD COLUMN status          TEXT,
    ADD COLUMN paragraph_key   TEXT,
    ADD COLUMN stance          TEXT,
    ADD COLUMN responding_as   TEXT,
    ADD COLUMN language        TEXT,
    ADD COLUMN channel         TEXT;

UPDATE comment_search s SET consultation_id = c.consultation_id, created_at = c.created_at, status = c.status,
    paragraph_key = c.paragraph_key, stance = c.stance, responding_as = c.responding_as,
    language = c.language, channel = c.channel
FROM comments c WHERE c.id = s.comment_id;

ALTER TABLE comment_search
    ALTER COLUMN consultation_id SET NOT NULL,
    ALTER COLUMN created_at SET NOT NULL,
    ALTER COLUMN status SET NOT NULL;

-- Newest first, overall and within a paragraph. The filters' columns follow
-- the order's: a btree scan tests them on the index entry, so a row that fails
-- a filter costs no visit to the table. Status stays out of every index, so a
-- moderation decision updates the row in place (a HOT update) without new
-- index entries, the GIN index's above all; the fill factor leaves room for it.
CREATE INDEX comment_search_order ON comment_search
    (consultation_id, created_at, comment_id, stance, responding_as, paragraph_key, language, channel);
CREATE INDEX comment_search_paragraph ON comment_search
    (consultation_id, paragraph_key, created_at, comment_id, stance, responding_as, language, channel);
ALTER TABLE comment_search SET (fillfactor = 90);

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION comment_search_insert_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO comment_search (comment_id, tsv, consultation_id, created_at, status, paragraph_key,
        stance, responding_as, language, channel)
    SELECT id, to_tsvector('simple', pilcrow_fold(body)), consultation_id, created_at, status, paragraph_key,
        stance, responding_as, language, channel
    FROM new_comments;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- The words are indexed again only when the text changed; a moderation
-- decision copies the new status alone.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION comment_search_update_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE comment_search SET
        tsv = CASE WHEN OLD.body IS DISTINCT FROM NEW.body THEN to_tsvector('simple', pilcrow_fold(NEW.body)) ELSE tsv END,
        consultation_id = NEW.consultation_id, created_at = NEW.created_at, status = NEW.status,
        paragraph_key = NEW.paragraph_key, stance = NEW.stance, responding_as = NEW.responding_as,
        language = NEW.language, channel = NEW.channel
    WHERE comment_id = NEW.id;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

DROP TRIGGER comment_search_update ON comments;
CREATE TRIGGER comment_search_update AFTER UPDATE ON comments
    FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.consultation_id IS DISTINCT FROM NEW.consultation_id OR OLD.created_at IS DISTINCT FROM NEW.created_at
        OR OLD.paragraph_key IS DISTINCT FROM NEW.paragraph_key OR OLD.stance IS DISTINCT FROM NEW.stance
        OR OLD.responding_as IS DISTINCT FROM NEW.responding_as OR OLD.language IS DISTINCT FROM NEW.language
        OR OLD.channel IS DISTINCT FROM NEW.channel)
    EXECUTE FUNCTION comment_search_update_row();

-- +goose Down
DROP TRIGGER comment_search_update ON comments;
CREATE TRIGGER comment_search_update AFTER UPDATE OF body ON comments
    FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body) EXECUTE FUNCTION comment_search_update_row();
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION comment_search_update_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE comment_search SET tsv = to_tsvector('simple', pilcrow_fold(NEW.body)) WHERE comment_id = NEW.id;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION comment_search_insert_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO comment_search (comment_id, tsv)
    SELECT id, to_tsvector('simple', pilcrow_fold(body)) FROM new_comments;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
ALTER TABLE comment_search RESET (fillfactor);
DROP INDEX comment_search_paragraph;
DROP INDEX comment_search_order;
ALTER TABLE comment_search DROP COLUMN consultation_id, DROP COLUMN created_at, DROP COLUMN status,
    DROP COLUMN paragraph_key, DROP COLUMN stance, DROP COLUMN responding_as, DROP COLUMN language, DROP COLUMN channel;
