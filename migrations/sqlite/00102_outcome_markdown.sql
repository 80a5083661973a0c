-- +goose Up
-- The outcome ("you said, we did") is Markdown: its HTML is rendered once, when
-- it is published, like a document version's; a draft may wait unpublished
-- beside it. Each section of the published outcome that links to a paragraph or
-- question page is kept under that block's key, for its "Our response".
ALTER TABLE consultations ADD COLUMN outcome_html TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN outcome_draft TEXT NOT NULL DEFAULT '';
CREATE TABLE outcome_sections (
    consultation_id BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    paragraph_key   TEXT NOT NULL,
    position        INTEGER NOT NULL,
    html            TEXT NOT NULL,
    PRIMARY KEY (consultation_id, paragraph_key, position)
);

-- +goose Down
DROP TABLE outcome_sections;
ALTER TABLE consultations DROP COLUMN outcome_draft;
ALTER TABLE consultations DROP COLUMN outcome_html;
