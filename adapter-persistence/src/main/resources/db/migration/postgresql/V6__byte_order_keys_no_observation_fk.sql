-- PostgreSQL only. Hashes and machine ids are lowercase hex, which every collation orders alike,
-- but a database's default collation (C.UTF-8, en_US.UTF-8, ...) compares them through the C
-- library's locale rules: "C" compares bytes. Sorting, grouping and the keys' B-trees then cost
-- about half as much on an import (BENCHMARKS.md, PostgreSQL column), and lookups compare keys
-- the cheap way too.
--
-- The observation -> seen_file foreign key is dropped: its check cost 3.5 µs per imported row, a
-- third of an import's time. The import writes a batch's files before its observations in the same
-- transaction and nothing deletes a file, as on SQLite, whose imports run without the check.
ALTER TABLE observation DROP CONSTRAINT observation_sha1_fkey;

ALTER TABLE machine
  ALTER COLUMN id TYPE CHAR(40) COLLATE "C",
  ALTER COLUMN merged_into_machine_id TYPE CHAR(40) COLLATE "C";

ALTER TABLE seen_file
  ALTER COLUMN sha1 TYPE CHAR(40) COLLATE "C",
  ALTER COLUMN sha256 TYPE CHAR(64) COLLATE "C",
  ALTER COLUMN md5 TYPE CHAR(32) COLLATE "C";

ALTER TABLE observation
  ALTER COLUMN sha1 TYPE CHAR(40) COLLATE "C",
  ALTER COLUMN machine_id TYPE CHAR(40) COLLATE "C";
