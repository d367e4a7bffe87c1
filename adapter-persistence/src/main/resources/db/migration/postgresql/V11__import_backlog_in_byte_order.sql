-- PostgreSQL only. An import into a store without observations appends its batches to the backlog
-- tables and builds seen_file and observation from them once, at its end: grouping the backlog is
-- most of that work, and grouping compares the keys. Byte order ("C") compares them the cheap way,
-- as V6 made the store's own keys do; TEXT spares the blank-padding rules of CHAR. No PostgreSQL
-- import wrote to these tables before this version, so they are empty here.
ALTER TABLE seen_file_backlog
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN sha256 TYPE TEXT COLLATE "C",
  ALTER COLUMN md5 TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_0
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_1
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_2
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_3
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_4
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_5
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_6
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_7
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_8
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_9
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_a
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_b
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_c
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_d
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_e
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";

ALTER TABLE observation_backlog_f
  ALTER COLUMN sha1 TYPE TEXT COLLATE "C",
  ALTER COLUMN machine_id TYPE TEXT COLLATE "C";
