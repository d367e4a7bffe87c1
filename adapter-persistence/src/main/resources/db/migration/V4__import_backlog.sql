-- The backlog of an import into a store that had no observations yet: its batches are committed
-- here one by one, and its last batch moves them into seen_file and observation in one sorted
-- pass, filling the (sha1, machine_id) index in key order once instead of rewriting it for every
-- batch. Rows an interrupted import left here are moved by the next import of observations. No
-- indexes: only appended to, then read whole.
CREATE TABLE seen_file_backlog (
  sha1 CHAR(40) NOT NULL,
  sha256 CHAR(64),
  md5 CHAR(32),
  file_name TEXT
);

CREATE TABLE observation_backlog (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);
