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

-- The trigger keeps the index in the same transaction as the comment's insert or
-- edit; deletions cascade.
-- +goose StatementBegin
CREATE FUNCTION comment_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO comment_search (comment_id, tsv)
    VALUES (NEW.id, to_tsvector('simple', pilcrow_fold(NEW.body)))
    ON CONFLICT (comment_id) DO UPDATE SET tsv = EXCLUDED.tsv;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER comment_search_insert AFTER INSERT ON comments
    FOR EACH ROW EXECUTE FUNCTION comment_search_sync();
CREATE TRIGGER comment_search_update AFTER UPDATE OF body ON comments
    FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body) EXECUTE FUNCTION comment_search_sync();

INSERT INTO comment_search (comment_id, tsv)
SELECT id, to_tsvector('simple', pilcrow_fold(body)) FROM comments;

-- +goose Down
DROP TRIGGER comment_search_update ON comments;
DROP TRIGGER comment_search_insert ON comments;
DROP FUNCTION comment_search_sync();
DROP TABLE comment_search;
DROP FUNCTION pilcrow_fold(text);
