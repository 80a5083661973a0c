-- +goose Up
-- A comment re-attached to the paragraph that replaced a rewritten one keeps,
-- here, the key of the block its author read in its version, so the text it was
-- written about can still be shown; '' for a comment never re-attached.
ALTER TABLE comments ADD COLUMN written_on_key TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE comments DROP COLUMN written_on_key;
