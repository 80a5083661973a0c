-- +goose Up
-- When the retention job removed the personal data of a consultation's
-- responses; NULL until then, so the job finds the ones still to do.
ALTER TABLE consultations ADD COLUMN personal_data_erased_at DATETIME;

-- +goose Down
ALTER TABLE consultations DROP COLUMN personal_data_erased_at;
