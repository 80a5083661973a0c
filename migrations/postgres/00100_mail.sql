-- +goose Up
-- The outbox: mail written in the same transaction as the change that causes it,
-- and sent later by background workers, so a mail server that is down delays
-- mail and loses none. params holds what the message says, rendered at sending
-- in the recipient's language; dedupe_key, when set, makes a mail happen once
-- (a reminder per person and consultation, a summary per official and day).
CREATE TABLE mail_outbox (
    id              BIGSERIAL PRIMARY KEY,
    kind            TEXT NOT NULL,
    user_id         BIGINT REFERENCES users (id) ON DELETE CASCADE,
    address         TEXT NOT NULL,
    language        TEXT NOT NULL DEFAULT 'en',
    params          TEXT NOT NULL DEFAULT '{}',
    dedupe_key      TEXT UNIQUE,
    status          TEXT NOT NULL DEFAULT 'queued',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    locked_until    TIMESTAMPTZ,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);

-- What each person wants by email, and the language to write to them in. No row
-- means the defaults: everything but the officials' daily summary.
CREATE TABLE mail_preferences (
    user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    language   TEXT NOT NULL DEFAULT 'en',
    receipts   BOOLEAN NOT NULL DEFAULT true,
    replies    BOOLEAN NOT NULL DEFAULT true,
    moderation BOOLEAN NOT NULL DEFAULT true,
    outcomes   BOOLEAN NOT NULL DEFAULT true,
    reminders  BOOLEAN NOT NULL DEFAULT true,
    summary    BOOLEAN NOT NULL DEFAULT false,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Addresses a mail server refused for good (a 5xx answer): nothing more is sent to them.
CREATE TABLE mail_failures (
    address    TEXT PRIMARY KEY,
    reason     TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Sign-in links sent by email: only a hash of the link's token is kept, and a
-- link works once, until expires_at.
CREATE TABLE email_sign_ins (
    token_hash TEXT PRIMARY KEY,
    email      TEXT NOT NULL,
    next       TEXT NOT NULL DEFAULT '/',
    language   TEXT NOT NULL DEFAULT 'en',
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX email_sign_ins_expiry ON email_sign_ins (expires_at);

-- +goose Down
DROP TABLE email_sign_ins;
DROP TABLE mail_failures;
DROP TABLE mail_preferences;
DROP TABLE mail_outbox;
