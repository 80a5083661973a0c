-- +goose Up
-- Responses received by post, email, phone or at an event, entered by an
-- official on someone's behalf. The comment or answer itself lives where online
-- ones do (with its channel), so it is counted, moderated, reported and exported
-- alike; this row keeps what only the official knows: who entered it, when it
-- was received, how to reach the person (never public, never exported) and the
-- reference of the paper or file it came on.
CREATE TABLE offline_responses (
    id              BIGSERIAL PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    comment_id      BIGINT REFERENCES comments (id) ON DELETE SET NULL,
    question_key    TEXT NOT NULL DEFAULT '',
    channel         TEXT NOT NULL,
    contact         TEXT NOT NULL DEFAULT '',
    reference       TEXT NOT NULL DEFAULT '',
    received_on     TEXT NOT NULL,
    entered_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX offline_responses_consultation ON offline_responses (consultation_id, id);
CREATE INDEX offline_responses_user ON offline_responses (user_id);

-- +goose Down
DROP TABLE offline_responses;
