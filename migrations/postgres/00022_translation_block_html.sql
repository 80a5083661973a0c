-- +goose Up
-- Each translated block's HTML on its own, for its paragraph page, as blocks.html
-- holds the English. Translations published before this migration have '' and
-- show the block's plain text until the translation is published again.
ALTER TABLE translation_blocks ADD COLUMN html TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE translation_blocks DROP COLUMN html;
