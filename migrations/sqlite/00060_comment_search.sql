-- +goose Up
-- Full-text search over comments with FTS5, one index per source of text
-- (comments here; answers' free text can add answer_search beside it and the
-- search unions them). An external-content table: the text stays in comments and
-- the index holds only the tokens, keyed by the comment's id. unicode61 with
-- remove_diacritics 2 makes ŵ, ŷ, â… match w, y, a… as app/store/search.go folds
-- the query.
CREATE VIRTUAL TABLE comment_search USING fts5(
    body, content='comments', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO comment_search (comment_search) VALUES ('rebuild');

-- Triggers keep the index in the same transaction as the comment's insert, edit
-- or deletion (cascaded deletions fire them too).
-- +goose StatementBegin
CREATE TRIGGER comment_search_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comment_search (rowid, body) VALUES (new.id, new.body);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER comment_search_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comment_search (comment_search, rowid, body) VALUES ('delete', old.id, old.body);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER comment_search_update AFTER UPDATE OF body ON comments BEGIN
    INSERT INTO comment_search (comment_search, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO comment_search (rowid, body) VALUES (new.id, new.body);
END;
-- +goose StatementEnd

-- Search pages read a consultation's comments newest first.
CREATE INDEX comments_consultation_created ON comments (consultation_id, created_at, id);

-- +goose Down
DROP INDEX comments_consultation_created;
DROP TRIGGER comment_search_update;
DROP TRIGGER comment_search_delete;
DROP TRIGGER comment_search_insert;
DROP TABLE comment_search;
