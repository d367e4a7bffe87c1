-- PostgreSQL only: each admitted call bumps its key's version in the statement that records it, and
-- only if the version is still the one its decision read, so that a decision needs no lock held
-- across round trips: one statement reads the key's calls, one records the call (or none when
-- rejected), and a decision that lost the race to another instance reads again.
ALTER TABLE quota_key ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
