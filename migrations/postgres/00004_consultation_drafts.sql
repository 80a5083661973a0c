-- +goose Up
-- The Markdown an admin is still writing, before it is published as a version.
-- It is never shown in public, so saving it does not bump the revision.
ALTER TABLE consultations ADD COLUMN draft_markdown TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE consultations DROP COLUMN draft_markdown;
