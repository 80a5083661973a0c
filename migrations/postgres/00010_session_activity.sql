-- +goose Up
-- Staff sessions end after 30 minutes without a request: the time of the last
-- request is kept with the session. Existing sessions count as seen when made.
ALTER TABLE sessions ADD COLUMN last_seen_at TIMESTAMPTZ;
UPDATE sessions SET last_seen_at = created_at;

-- +goose Down
ALTER TABLE sessions DROP COLUMN last_seen_at;
