-- +goose Up
-- Bilingual consultations. A consultation may carry a Welsh title and summary, and
-- each published English version may have a Welsh translation whose blocks pair
-- with the English blocks by position and share their keys, so both languages
-- address the same paragraphs and the same comments. A new translation of the same
-- version replaces the old one as a new row, so a translation's id names fixed text.
ALTER TABLE consultations ADD COLUMN title_cy TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN summary_cy TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN draft_markdown_cy TEXT NOT NULL DEFAULT '';

CREATE TABLE translations (
    id           BIGSERIAL PRIMARY KEY,
    version_id   BIGINT NOT NULL REFERENCES document_versions (id) ON DELETE CASCADE,
    language     TEXT NOT NULL,
    markdown     TEXT NOT NULL,
    html         TEXT NOT NULL,
    headings     TEXT NOT NULL DEFAULT '[]',
    published_at TIMESTAMPTZ NOT NULL,
    created_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (version_id, language)
);

CREATE TABLE translation_blocks (
    id             BIGSERIAL PRIMARY KEY,
    translation_id BIGINT NOT NULL REFERENCES translations (id) ON DELETE CASCADE,
    key            TEXT NOT NULL,
    number         INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    section        TEXT NOT NULL DEFAULT '',
    text           TEXT NOT NULL,
    UNIQUE (translation_id, key)
);

-- The language a comment was written in (the page's language when it was sent),
-- and how it arrived: online, or entered by an official for a response sent by
-- email, post, at an event or by phone. Every earlier comment came online in English.
ALTER TABLE comments ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE comments ADD COLUMN channel TEXT NOT NULL DEFAULT 'online';

-- +goose Down
ALTER TABLE comments DROP COLUMN channel;
ALTER TABLE comments DROP COLUMN language;
DROP TABLE translation_blocks;
DROP TABLE translations;
ALTER TABLE consultations DROP COLUMN draft_markdown_cy;
ALTER TABLE consultations DROP COLUMN summary_cy;
ALTER TABLE consultations DROP COLUMN title_cy;
