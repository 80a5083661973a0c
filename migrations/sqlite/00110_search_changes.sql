-- +goose Up
-- Every instance keeps the analysts' recent search results (app/consult's
-- search cache) while nothing they show has changed. On SQLite, where one
-- writer at a time commits, a counter per consultation (0 for all of them)
-- says so: triggers add one to it in the transaction of every change to a
-- consultation's comments, coding frame or tags, or to anyone's name, and an
-- instance that saw the same counters has seen every change
-- (app/store/search_changes.go; PostgreSQL keeps a log instead, so that its
-- concurrent writers never wait for one row).
CREATE TABLE search_versions (
    consultation_id INTEGER PRIMARY KEY,
    version         INTEGER NOT NULL
);

-- +goose StatementBegin
CREATE TRIGGER comments_search_inserted AFTER INSERT ON comments FOR EACH ROW BEGIN
    INSERT INTO search_versions (consultation_id, version) VALUES (new.consultation_id, 1)
        ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER comments_search_updated AFTER UPDATE ON comments FOR EACH ROW BEGIN
    INSERT INTO search_versions (consultation_id, version) VALUES (new.consultation_id, 1)
        ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;
    INSERT INTO search_versions (consultation_id, version) VALUES (old.consultation_id, 1)
        ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER comments_search_deleted AFTER DELETE ON comments FOR EACH ROW BEGIN
    INSERT INTO search_versions (consultation_id, version) VALUES (old.consultation_id, 1)
        ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER themes_search_inserted AFTER INSERT ON themes FOR EACH ROW BEGIN
    INSERT INTO search_versions (consultation_id, version) VALUES (new.consultation_id, 1)
        ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER themes_search_updated AFTER UPDATE ON themes FOR EACH ROW BEGIN
    INSERT INTO search_versions (consultation_id, version) VALUES (new.consultation_id, 1)
        ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;
    INSERT INTO search_versions (consultation_id, version) VALUES (old.consultation_id, 1)
        ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER themes_search_deleted AFTER DELETE ON themes FOR EACH ROW BEGIN
    INSERT INTO search_versions (consultation_id, version) VALUES (old.consultation_id, 1)
        ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER comment_themes_search_inserted AFTER INSERT ON comment_themes FOR EACH ROW BEGIN
    INSERT INTO search_versions (consultation_id, version) SELECT consultation_id, 1 FROM themes WHERE id = new.theme_id
        ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER comment_themes_search_deleted AFTER DELETE ON comment_themes FOR EACH ROW BEGIN
    INSERT INTO search_versions (consultation_id, version) SELECT consultation_id, 1 FROM themes WHERE id = old.theme_id
        ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER users_search_renamed AFTER UPDATE OF display_name ON users FOR EACH ROW WHEN old.display_name IS NOT new.display_name BEGIN
    INSERT INTO search_versions (consultation_id, version) VALUES (0, 1)
        ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER users_search_deleted AFTER DELETE ON users FOR EACH ROW BEGIN
    INSERT INTO search_versions (consultation_id, version) VALUES (0, 1)
        ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER users_search_deleted;
DROP TRIGGER users_search_renamed;
DROP TRIGGER comment_themes_search_deleted;
DROP TRIGGER comment_themes_search_inserted;
DROP TRIGGER themes_search_deleted;
DROP TRIGGER themes_search_updated;
DROP TRIGGER themes_search_inserted;
DROP TRIGGER comments_search_deleted;
DROP TRIGGER comments_search_updated;
DROP TRIGGER comments_search_inserted;
DROP TABLE search_versions;
