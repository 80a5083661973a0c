-- +goose Up
-- The whole first schema. Timestamps are timestamptz and always written in UTC.
CREATE TABLE users (
    id             BIGSERIAL PRIMARY KEY,
    provider       TEXT NOT NULL,
    subject        TEXT NOT NULL,
    email          TEXT NOT NULL DEFAULT '',
    email_verified BOOLEAN NOT NULL DEFAULT FALSE,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT 'citizen',
    blocked_at     TIMESTAMPTZ,
    blocked_reason TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (provider, subject)
);
CREATE INDEX users_email ON users (lower(email));

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE auth_states (
    state         TEXT PRIMARY KEY,
    provider      TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    next          TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE consultations (
    id                   BIGSERIAL PRIMARY KEY,
    slug                 TEXT NOT NULL UNIQUE,
    title                TEXT NOT NULL,
    summary              TEXT NOT NULL DEFAULT '',
    organisation         TEXT NOT NULL DEFAULT '',
    contact              TEXT NOT NULL DEFAULT '',
    opens_at             TIMESTAMPTZ,
    closes_at            TIMESTAMPTZ,
    moderation           TEXT NOT NULL DEFAULT 'pre',
    outcome              TEXT NOT NULL DEFAULT '',
    outcome_published_at TIMESTAMPTZ,
    current_version_id   BIGINT,
    revision             BIGINT NOT NULL DEFAULT 0,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);

CREATE TABLE document_versions (
    id              BIGSERIAL PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    number          INTEGER NOT NULL,
    markdown        TEXT NOT NULL,
    change_note     TEXT NOT NULL DEFAULT '',
    html            TEXT NOT NULL,
    headings        TEXT NOT NULL DEFAULT '[]',
    published_at    TIMESTAMPTZ NOT NULL,
    created_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (consultation_id, number)
);
ALTER TABLE consultations ADD CONSTRAINT consultations_current_version
    FOREIGN KEY (current_version_id) REFERENCES document_versions (id);

CREATE TABLE blocks (
    id         BIGSERIAL PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES document_versions (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    number     INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    section    TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    UNIQUE (version_id, key)
);

CREATE TABLE comments (
    id                BIGSERIAL PRIMARY KEY,
    consultation_id   BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    version_id        BIGINT NOT NULL REFERENCES document_versions (id),
    paragraph_key     TEXT NOT NULL DEFAULT '',
    parent_id         BIGINT REFERENCES comments (id) ON DELETE CASCADE,
    user_id           BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body              TEXT NOT NULL,
    responding_as     TEXT NOT NULL DEFAULT 'individual',
    organisation      TEXT NOT NULL DEFAULT '',
    publish           TEXT NOT NULL DEFAULT 'name',
    stance            TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL,
    held_reason       TEXT NOT NULL DEFAULT '',
    moderation_reason TEXT NOT NULL DEFAULT '',
    moderation_note   TEXT NOT NULL DEFAULT '',
    moderated_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    moderated_at      TIMESTAMPTZ,
    flag_count        INTEGER NOT NULL DEFAULT 0,
    submission_token  TEXT NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (user_id, submission_token)
);
-- The moderation queues are read oldest first by keyset on (created_at, id).
CREATE INDEX comments_queue ON comments (status, created_at, id);
CREATE INDEX comments_consultation_queue ON comments (consultation_id, status, created_at, id);
CREATE INDEX comments_paragraph ON comments (consultation_id, paragraph_key);
CREATE INDEX comments_user ON comments (user_id, created_at);
CREATE INDEX comments_parent ON comments (parent_id);

CREATE TABLE flags (
    id         BIGSERIAL PRIMARY KEY,
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason     TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (comment_id, user_id)
);

-- Append-only from the application: it only ever inserts here.
CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    actor_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    action      TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    before      TEXT NOT NULL DEFAULT '',
    after       TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_log_created ON audit_log (created_at, id);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);

CREATE TABLE jobs (
    id           BIGSERIAL PRIMARY KEY,
    kind         TEXT NOT NULL,
    params       TEXT NOT NULL DEFAULT '{}',
    status       TEXT NOT NULL,
    progress     INTEGER NOT NULL DEFAULT 0,
    total        INTEGER NOT NULL DEFAULT 0,
    result       BYTEA,
    filename     TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL DEFAULT '',
    error        TEXT NOT NULL DEFAULT '',
    created_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ,
    locked_until TIMESTAMPTZ
);
CREATE INDEX jobs_queue ON jobs (status, created_at);

-- Fixed-window counters shared by every instance.
CREATE TABLE rate_limits (
    key          TEXT NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
);
