-- +goose Up
-- Every change that a public page shows bumps its consultation's row (the
-- revision rule), so a notification on any change of that table tells every
-- instance to read the rows again, at the commit that made the change. The
-- payload is the schema, so that instances of other schemas on the same
-- server ignore it.
-- +goose StatementBegin
CREATE FUNCTION pilcrow_consultations_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('pilcrow_consultations', current_schema());
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER consultations_changed AFTER INSERT OR UPDATE OR DELETE ON consultations
    FOR EACH STATEMENT EXECUTE FUNCTION pilcrow_consultations_changed();

-- +goose Down
DROP TRIGGER consultations_changed ON consultations;
DROP FUNCTION pilcrow_consultations_changed();
