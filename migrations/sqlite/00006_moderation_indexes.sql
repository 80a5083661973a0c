-- +goose Up
-- An author's earlier rejections are counted for every queue item; without this
-- index the count reads every comment of a prolific author.
CREATE INDEX comments_user_status ON comments (user_id, status);
-- The flagged queue is read oldest first among the few flagged comments, not by
-- scanning the whole pending queue for them.
CREATE INDEX comments_flagged ON comments (created_at, id) WHERE flag_count > 0;

-- +goose Down
DROP INDEX comments_flagged;
DROP INDEX comments_user_status;
