-- A counter bumped by every write of machines, so readers can keep machines in memory and check
-- one number per lookup instead of reading 32 columns a machine.
CREATE TABLE machine_state (
  singleton INTEGER NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO machine_state (singleton, version) VALUES (1, 0);
