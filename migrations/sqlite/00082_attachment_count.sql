-- +goose Up
-- How many supporting documents a consultation has, kept with the row the
-- document page reads anyway, so a page without attachments costs no query.
ALTER TABLE consultations ADD COLUMN attachment_count INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE consultations DROP COLUMN attachment_count;
