-- A counter bumped by every access import, so readers can cache the configuration and check one
-- number per request instead of reading five tables.
ALTER TABLE access_state ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
