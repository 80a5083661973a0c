-- +goose Up
-- A staff role that arrives with an email at a second provider waits for an
-- admin to confirm it: the new account signs in as a citizen meanwhile.
CREATE TABLE role_confirmations (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    reason     TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    decided_at TIMESTAMPTZ,
    decided_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    decision   TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX role_confirmations_pending ON role_confirmations (user_id) WHERE decided_at IS NULL;

-- Microsoft accounts are keyed on tenant and object id ("tid/oid"); an object
-- id is unique only within its tenant. Accounts made before carried the object
-- id alone: they are marked as such, and the next sign-in with that object id
-- takes the account over under its new key (a staff role then waits for an
-- admin's confirmation).
UPDATE users SET subject = 'legacy-oid:' || subject WHERE provider = 'microsoftonline';

-- +goose Down
UPDATE users SET subject = substr(subject, 12) WHERE provider = 'microsoftonline' AND subject LIKE 'legacy-oid:%';
DROP TABLE role_confirmations;
