-- +goose Up
-- Each block's HTML on its own, rendered by the document package at
-- publication, for the block's paragraph page. Versions published before this
-- migration have '' and are rendered again from their Markdown when shown.
ALTER TABLE blocks ADD COLUMN html TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE blocks DROP COLUMN html;
