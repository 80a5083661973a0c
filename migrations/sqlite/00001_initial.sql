-- +goose Up
-- The whole first schema. SQLite has no ALTER TABLE … ADD CONSTRAINT, so the forward reference from consultations to document_versions is declared inline.
CREATE TABLE users (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    provider       TEXT NOT NULL,
    subject        TEXT NOT NULL,
    email          TEXT NOT NULL DEFAULT '',
    email_verified NUMERIC NOT NULL DEFAULT false,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT 'citizen',
    blocked_at     DATETIME,
    blocked_reason TEXT NOT NULL DEFAULT '',
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL,
    UNIQUE (provider, subject)
);
CREATE INDEX users_email ON users (lower(email));

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE auth_states (
    state         TEXT PRIMARY KEY,
    provider      TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    next          TEXT NOT NULL,
    created_at    DATETIME NOT NULL,
    expires_at    DATETIME NOT NULL
);

CREATE TABLE consultations (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    slug                 TEXT NOT NULL UNIQUE,
    title                TEXT NOT NULL,
    summary              TEXT NOT NULL DEFAULT '',
    organisation         TEXT NOT NULL DEFAULT '',
    contact              TEXT NOT NULL DEFAULT '',
    opens_at             DATETIME,
    closes_at            DATETIME,
    moderation           TEXT NOT NULL DEFAULT 'pre',
    outcome              TEXT NOT NULL DEFAULT '',
    outcome_published_at DATETIME,
    current_version_id   INTEGER REFERENCES document_versions (id),
    revision             BIGINT NOT NULL DEFAULT 0,
    created_at           DATETIME NOT NULL,
    updated_at           DATETIME NOT NULL
);

CREATE TABLE document_versions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    number          INTEGER NOT NULL,
    markdown        TEXT NOT NULL,
    change_note     TEXT NOT NULL DEFAULT '',
    html            TEXT NOT NULL,
    headings        TEXT NOT NULL DEFAULT '[]',
    published_at    DATETIME NOT NULL,
    created_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (consultation_id, number)
);

CREATE TABLE blocks (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id BIGINT NOT NULL REFERENCES document_versions (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    number     INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    section    TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    UNIQUE (version_id, key)
);

CREATE TABLE comments (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
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
    moderated_at      DATETIME,
    flag_count        INTEGER NOT NULL DEFAULT 0,
    submission_token  TEXT NOT NULL,
    created_at        DATETIME NOT NULL,
    updated_at        DATETIME NOT NULL,
    UNIQUE (user_id, submission_token)
);
-- The moderation queues are read oldest first by keyset on (created_at, id).
CREATE INDEX comments_queue ON comments (status, created_at, id);
CREATE INDEX comments_consultation_queue ON comments (consultation_id, status, created_at, id);
CREATE INDEX comments_paragraph ON comments (consultation_id, paragraph_key);
CREATE INDEX comments_user ON comments (user_id, created_at);
CREATE INDEX comments_parent ON comments (parent_id);

CREATE TABLE flags (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason     TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    UNIQUE (comment_id, user_id)
);

-- Append-only from the application: it only ever inserts here.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    action      TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    before      TEXT NOT NULL DEFAULT '',
    after       TEXT NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL
);
CREATE INDEX audit_log_created ON audit_log (created_at, id);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);

CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL,
    params       TEXT NOT NULL DEFAULT '{}',
    status       TEXT NOT NULL,
    progress     INTEGER NOT NULL DEFAULT 0,
    total        INTEGER NOT NULL DEFAULT 0,
    result       BLOB,
    filename     TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL DEFAULT '',
    error        TEXT NOT NULL DEFAULT '',
    created_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at   DATETIME NOT NULL,
    started_at   DATETIME,
    finished_at  DATETIME,
    locked_until DATETIME
);
CREATE INDEX jobs_queue ON jobs (status, created_at);

-- Fixed-window counters shared by every instance.
CREATE TABLE rate_limits (
    key          TEXT NOT NULL,
    window_start DATETIME NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
);
