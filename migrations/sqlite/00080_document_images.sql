-- +goose Up
-- Images shown in a consultation's document, cleaned on upload. Rows are
-- never changed: uploading a new picture under a name adds a row, and the
-- newest row of a name is the one the editor's Markdown means, while a
-- published version keeps the content-hashed address it was published with.
-- Kept in the database so that every instance can serve them.
CREATE TABLE document_images (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    alt             TEXT NOT NULL,
    content_type    TEXT NOT NULL,
    hash            TEXT NOT NULL,
    width           INTEGER NOT NULL,
    height          INTEGER NOT NULL,
    size            INTEGER NOT NULL,
    data            BLOB NOT NULL,
    created_at      DATETIME NOT NULL,
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX document_images_name ON document_images (consultation_id, name, id);
CREATE INDEX document_images_hash ON document_images (hash);

-- +goose Down
DROP TABLE document_images;
