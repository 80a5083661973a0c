-- +goose Up
-- /readyz proves the database can still write by inserting a row here inside a
-- transaction that it rolls back: a full disk answers 503 before a person's
-- comment fails. The table stays empty.
CREATE TABLE write_checks (
    id INTEGER PRIMARY KEY,
    filler TEXT NOT NULL
);

-- +goose Down
DROP TABLE write_checks;
