-- +goose Up
-- Supporting documents published beside a consultation (impact assessments,
-- annexes, data), kept in the database so that every instance can serve them.
CREATE TABLE attachments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    content_type    TEXT NOT NULL,
    kind            TEXT NOT NULL,
    size            INTEGER NOT NULL,
    pages           INTEGER NOT NULL DEFAULT 0,
    hash            TEXT NOT NULL,
    data            BLOB NOT NULL,
    created_at      DATETIME NOT NULL,
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX attachments_consultation ON attachments (consultation_id, id);

-- +goose Down
DROP TABLE attachments;
