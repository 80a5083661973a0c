-- +goose Up
-- Whether the public may see the paragraphs ranked by comments once the
-- consultation closes; officials always may. Off until an admin decides.
ALTER TABLE consultations ADD COLUMN most_commented_public BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE consultations DROP COLUMN most_commented_public;
