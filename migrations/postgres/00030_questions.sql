-- +goose Up
-- The questions of a version, as JSON keyed by block key, written once at
-- publication like its HTML, so no request parses Markdown again.
ALTER TABLE document_versions ADD COLUMN questions TEXT NOT NULL DEFAULT '';
-- Whether the public may see the counts of the answers once the consultation closes.
ALTER TABLE consultations ADD COLUMN results_public BOOLEAN NOT NULL DEFAULT FALSE;

-- A respondent is one person answering one consultation's questions: the
-- "About you" details, given with the first answer and reused by later ones.
CREATE TABLE respondents (
    id              BIGSERIAL PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    responding_as   TEXT NOT NULL DEFAULT 'individual',
    organisation    TEXT NOT NULL DEFAULT '',
    publish         TEXT NOT NULL DEFAULT 'no',
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (consultation_id, user_id)
);

-- One answer per person per question: the unique key makes a second submission,
-- however concurrent, replace the first instead of adding a row. The free text
-- lives in a comment on the question, so it is moderated like any other.
CREATE TABLE answers (
    id              BIGSERIAL PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    question_key    TEXT NOT NULL,
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    choices         TEXT NOT NULL DEFAULT '',
    comment_id      BIGINT REFERENCES comments (id) ON DELETE SET NULL,
    language        TEXT NOT NULL DEFAULT 'en',
    channel         TEXT NOT NULL DEFAULT 'online',
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (consultation_id, question_key, user_id)
);
-- Results count one question's answers; the export reads a consultation's by person.
CREATE INDEX answers_question ON answers (consultation_id, question_key, choices);
CREATE INDEX answers_user ON answers (user_id);
CREATE INDEX answers_comment ON answers (comment_id);

-- +goose Down
DROP TABLE answers;
DROP TABLE respondents;
ALTER TABLE consultations DROP COLUMN results_public;
ALTER TABLE document_versions DROP COLUMN questions;
