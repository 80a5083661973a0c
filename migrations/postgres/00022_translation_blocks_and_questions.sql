-- +goose Up
-- Each translated block's HTML on its own, for its paragraph page, as blocks.html
-- holds the English; and the translation's questions, as document_versions.questions
-- holds the English ones, so a Welsh page asks in Welsh. Translations published
-- before this migration have '' in both: their blocks show their plain text and
-- their questions are asked in English until the translation is published again.
ALTER TABLE translation_blocks ADD COLUMN html TEXT NOT NULL DEFAULT '';
ALTER TABLE translations ADD COLUMN questions TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE translations DROP COLUMN questions;
ALTER TABLE translation_blocks DROP COLUMN html;
