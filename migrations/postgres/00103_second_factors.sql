-- +goose Up
-- Staff prove a second factor before a staff role takes effect. The session
-- records which factor it proved and when (removing a factor asks for a fresh
-- one), and holds the one ceremony in progress (a TOTP secret being set up, or
-- a WebAuthn challenge) server-side, so the browser never carries it.
ALTER TABLE sessions ADD COLUMN second_factor TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN second_factor_at TIMESTAMPTZ;
ALTER TABLE sessions ADD COLUMN ceremony TEXT NOT NULL DEFAULT '';

-- A TOTP secret or a passkey. last_step is the last TOTP time step accepted,
-- so a code cannot be replayed within its window; credential_id is a passkey's
-- id (base64url), unique across all accounts as WebAuthn requires.
CREATE TABLE second_factors (
    id            BIGSERIAL PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    secret        TEXT NOT NULL DEFAULT '',
    credential_id TEXT NOT NULL DEFAULT '',
    last_step     BIGINT NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ
);
CREATE INDEX second_factors_user ON second_factors (user_id);
CREATE UNIQUE INDEX second_factors_credential ON second_factors (credential_id) WHERE credential_id <> '';
CREATE UNIQUE INDEX second_factors_one_totp ON second_factors (user_id) WHERE kind = 'totp';

-- Single-use recovery codes, stored as SHA-256 hashes: each code carries 80
-- random bits, so a copy of this table does not reveal them.
CREATE TABLE recovery_codes (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE UNIQUE INDEX recovery_codes_user_hash ON recovery_codes (user_id, code_hash);

-- +goose Down
DROP TABLE recovery_codes;
DROP TABLE second_factors;
ALTER TABLE sessions DROP COLUMN ceremony;
ALTER TABLE sessions DROP COLUMN second_factor_at;
ALTER TABLE sessions DROP COLUMN second_factor;
