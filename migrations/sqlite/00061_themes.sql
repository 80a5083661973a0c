-- +goose Up
-- The analysts' coding frame: themes per consultation, optionally under a parent
-- theme, and the comments tagged with them. Names are unique within a
-- consultation because the contract sets a comment's themes by name.
CREATE TABLE themes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    parent_id       BIGINT REFERENCES themes (id) ON DELETE SET NULL,
    name            TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    created_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at      DATETIME NOT NULL,
    UNIQUE (consultation_id, name)
);

CREATE TABLE comment_themes (
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    theme_id   BIGINT NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
    tagged_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (comment_id, theme_id)
);
-- Theme filters and counts read by theme.
CREATE INDEX comment_themes_theme ON comment_themes (theme_id, comment_id);

-- A suggestion an analyst turned down: never suggested again for that comment,
-- and a negative example for the theme.
CREATE TABLE theme_dismissals (
    comment_id   BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    theme_id     BIGINT NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
    dismissed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at   DATETIME NOT NULL,
    PRIMARY KEY (comment_id, theme_id)
);

-- Analysts' internal notes on a comment: never shown on a public surface.
CREATE TABLE comment_notes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX comment_notes_comment ON comment_notes (comment_id, created_at);

-- +goose Down
DROP TABLE comment_notes;
DROP TABLE theme_dismissals;
DROP TABLE comment_themes;
DROP TABLE themes;
