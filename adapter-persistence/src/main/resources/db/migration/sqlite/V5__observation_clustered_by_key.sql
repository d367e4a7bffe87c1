-- SQLite only: observation becomes a WITHOUT ROWID table, its rows stored once, in the order of
-- its primary key (file, machine), instead of a rowid table plus an index that repeated the key, so
-- an import writes each observation once and the lookup's page query stays one range scan of the
-- key (adapter-persistence/MEASUREMENTS.md has the figures). On an existing store this rebuilds
-- the table once, at the first start after the upgrade; the pages the old table frees are reused
-- by later imports.
CREATE TABLE observation_by_key (
  sha1 CHAR(40) NOT NULL REFERENCES seen_file (sha1),
  machine_id CHAR(40) NOT NULL,
  first_seen_ns BIGINT,
  last_seen_ns BIGINT,
  PRIMARY KEY (sha1, machine_id)
) WITHOUT ROWID;

INSERT INTO observation_by_key (sha1, machine_id, first_seen_ns, last_seen_ns)
  SELECT sha1, machine_id, first_seen_ns, last_seen_ns FROM observation ORDER BY sha1, machine_id;

DROP TABLE observation;

ALTER TABLE observation_by_key RENAME TO observation;
