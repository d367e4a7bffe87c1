-- The backlog of an import into a store that had no observations yet: its batches are committed
-- here one by one, and its last batch moves them into seen_file and observation: the files, then
-- each observation table in turn, sorted, emptying it before the next. The indexes fill in key
-- order once instead of being rewritten for every batch, and the pages each table frees are reused
-- by the next one's rows, so the store does not keep the backlog's size in free pages. Observations
-- are split by the first hex digit of their SHA-1, which keeps the tables' key ranges in order.
-- Rows an interrupted import left here are moved by the next import of observations. No indexes:
-- only appended to, then read whole.
CREATE TABLE seen_file_backlog (
  sha1 CHAR(40) NOT NULL,
  sha256 CHAR(64),
  md5 CHAR(32),
  file_name TEXT
);

CREATE TABLE observation_backlog_0 (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_1 (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_2 (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_3 (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_4 (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_5 (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_6 (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_7 (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_8 (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_9 (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_a (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_b (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_c (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_d (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_e (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);

CREATE TABLE observation_backlog_f (
  sha1 CHAR(40) NOT NULL,
  machine_id CHAR(40) NOT NULL,
  seen_ns BIGINT
);
