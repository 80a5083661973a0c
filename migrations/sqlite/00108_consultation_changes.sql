-- +goose Up
-- PostgreSQL notifies other instances of changes to consultations; a SQLite
-- file has one server, which learns of its own changes in process, so there is
-- nothing to create here.
SELECT 1;

-- +goose Down
SELECT 1;
