-- +goose Up
-- PostgreSQL's search index copies the columns that search filters and orders
-- by (see migrations/postgres/00090_search_columns.sql). SQLite's FTS5 index is
-- searched beside the comments table itself and needs no copy: this version
-- exists so both engines keep the same numbers.
SELECT 1;

-- +goose Down
SELECT 1;
