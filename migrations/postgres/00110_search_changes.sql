-- +goose Up
-- Every instance keeps the analysts' recent search results (app/consult's
-- search cache) while nothing they show has changed. This log tells it: each
-- statement that changes a consultation's comments or coding frame, or
-- anyone's name, adds a row naming the consultation (0 for all of them) and
-- its transaction. An instance remembers the snapshot of its last look; a row
-- whose transaction that snapshot did not see is a change it has not seen
-- (app/store/search_changes.go). Rows are only added, so writers never wait
-- for each other here; the retention task deletes rows older than a day.
CREATE TABLE search_changes (
    consultation_id BIGINT NOT NULL,
    xid             xid8 NOT NULL DEFAULT pg_current_xact_id(),
    at              TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX search_changes_recent ON search_changes (consultation_id, xid);
CREATE INDEX search_changes_at ON search_changes (at);

-- For tables with a consultation_id: comments and themes.
-- +goose StatementBegin
CREATE FUNCTION pilcrow_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO search_changes (consultation_id) SELECT DISTINCT consultation_id FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO search_changes (consultation_id) SELECT DISTINCT consultation_id FROM old_rows;
    ELSE
        INSERT INTO search_changes (consultation_id)
            SELECT consultation_id FROM new_rows UNION SELECT consultation_id FROM old_rows;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- A comment's themes name their consultation through the theme.
-- +goose StatementBegin
CREATE FUNCTION pilcrow_search_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO search_changes (consultation_id)
            SELECT DISTINCT t.consultation_id FROM new_rows r JOIN themes t ON t.id = r.theme_id;
    ELSE
        INSERT INTO search_changes (consultation_id)
            SELECT DISTINCT t.consultation_id FROM old_rows r JOIN themes t ON t.id = r.theme_id;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- Results show their authors' names, in every consultation.
-- +goose StatementBegin
CREATE FUNCTION pilcrow_search_names_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Two branches: a deletion has no transition tables to name.
    IF TG_OP = 'DELETE' THEN
        INSERT INTO search_changes (consultation_id) VALUES (0);
    ELSIF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE o.display_name IS DISTINCT FROM n.display_name) THEN
        INSERT INTO search_changes (consultation_id) VALUES (0);
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER comments_search_inserted AFTER INSERT ON comments
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pilcrow_search_changed();
CREATE TRIGGER comments_search_updated AFTER UPDATE ON comments
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pilcrow_search_changed();
CREATE TRIGGER comments_search_deleted AFTER DELETE ON comments
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pilcrow_search_changed();
CREATE TRIGGER themes_search_inserted AFTER INSERT ON themes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pilcrow_search_changed();
CREATE TRIGGER themes_search_updated AFTER UPDATE ON themes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pilcrow_search_changed();
CREATE TRIGGER themes_search_deleted AFTER DELETE ON themes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pilcrow_search_changed();
CREATE TRIGGER comment_themes_search_inserted AFTER INSERT ON comment_themes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pilcrow_search_tags_changed();
CREATE TRIGGER comment_themes_search_deleted AFTER DELETE ON comment_themes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pilcrow_search_tags_changed();
CREATE TRIGGER users_search_renamed AFTER UPDATE ON users
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pilcrow_search_names_changed();
CREATE TRIGGER users_search_deleted AFTER DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION pilcrow_search_names_changed();

-- +goose Down
DROP TRIGGER users_search_deleted ON users;
DROP TRIGGER users_search_renamed ON users;
DROP TRIGGER comment_themes_search_deleted ON comment_themes;
DROP TRIGGER comment_themes_search_inserted ON comment_themes;
DROP TRIGGER themes_search_deleted ON themes;
DROP TRIGGER themes_search_updated ON themes;
DROP TRIGGER themes_search_inserted ON themes;
DROP TRIGGER comments_search_deleted ON comments;
DROP TRIGGER comments_search_updated ON comments;
DROP TRIGGER comments_search_inserted ON comments;
DROP FUNCTION pilcrow_search_names_changed();
DROP FUNCTION pilcrow_search_tags_changed();
DROP FUNCTION pilcrow_search_changed();
DROP TABLE search_changes;
