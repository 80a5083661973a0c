-- +goose Up
-- Full-text search over comments. The index is a table of its own, one per source
-- of text (comments here; answers' free text can add answer_search beside it and
-- the search unions them), so a wide tsvector is never read with a comment.
-- The 'simple' configuration does no English stemming, so Welsh words are kept
-- as written; pilcrow_fold removes the accents Welsh uses (ŵ, ŷ, â…) without the
-- unaccent extension, and app/store/search.go folds the query with the same table.
-- +goose StatementBegin
CREATE FUNCTION pilcrow_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(lower(t), 'àáâãäåèéêëìíîïòóôõöùúûüŵẁẃẅŷÿýỳçñ', 'aaaaaaeeeeiiiiooooouuuuwwwwyyyycn')
$$;
-- +goose StatementEnd

CREATE TABLE comment_search (
    comment_id      BIGINT PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
    tsv             TSVECTOR NOT NULL
);
CREATE INDEX comment_search_tsv ON comment_search USING GIN (tsv);

-- Triggers keep the index in the same transaction as the comment's insert or
-- edit; deletions cascade. Inserts are indexed per statement from the transition
-- table, so a bulk INSERT … SELECT indexes its rows in one set-based statement.
-- +goose StatementBegin
CREATE FUNCTION comment_search_insert_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO comment_search (comment_id, tsv)
    SELECT id, to_tsvector('simple', pilcrow_fold(body)) FROM new_comments;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION comment_search_update_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE comment_search SET tsv = to_tsvector('simple', pilcrow_fold(NEW.body)) WHERE comment_id = NEW.id;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER comment_search_insert AFTER INSERT ON comments
    REFERENCING NEW TABLE AS new_comments FOR EACH STATEMENT EXECUTE FUNCTION comment_search_insert_rows();
CREATE TRIGGER comment_search_update AFTER UPDATE OF body ON comments
    FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body) EXECUTE FUNCTION comment_search_update_row();

-- Search pages read a consultation's comments newest first.
CREATE INDEX comments_consultation_created ON comments (consultation_id, created_at, id);

INSERT INTO comment_search (comment_id, tsv)
SELECT id, to_tsvector('simple', pilcrow_fold(body)) FROM comments;

-- +goose Down
DROP INDEX comments_consultation_created;
DROP TRIGGER comment_search_update ON comments;
DROP TRIGGER comment_search_insert ON comments;
DROP FUNCTION comment_search_update_row();
DROP FUNCTION comment_search_insert_rows();
DROP TABLE comment_search;
DROP FUNCTION pilcrow_fold(text);
