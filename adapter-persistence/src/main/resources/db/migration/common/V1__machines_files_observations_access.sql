-- filesight schema, version 1. Portable SQL: the same script must run on SQLite and PostgreSQL,
-- so no AUTOINCREMENT/SERIAL, no WITHOUT ROWID, no JSON column types.
-- Timestamps are BIGINT nanoseconds since the epoch (UTC): comparable, exact to Defender's
-- 7 fractional digits, and the same on both databases.

-- Machines as imported from Defender machine entities; tags, IP addresses and VM metadata are kept
-- as small JSON texts so that one row gives the whole entity.
CREATE TABLE machine (
  id CHAR(40) NOT NULL PRIMARY KEY,
  merged_into_machine_id CHAR(40),
  is_potential_duplication BOOLEAN NOT NULL,
  is_excluded BOOLEAN NOT NULL,
  exclusion_reason TEXT,
  computer_dns_name TEXT,
  first_seen_ns BIGINT,
  last_seen_ns BIGINT,
  os_platform TEXT,
  os_version TEXT,
  os_processor TEXT,
  release_version TEXT,
  last_ip_address TEXT,
  last_external_ip_address TEXT,
  agent_version TEXT,
  os_build BIGINT,
  health_status TEXT,
  device_value TEXT,
  rbac_group_id BIGINT NOT NULL,
  rbac_group_name TEXT,
  risk_score TEXT,
  exposure_level TEXT,
  is_aad_joined BOOLEAN NOT NULL,
  aad_device_id TEXT,
  machine_tags_json TEXT NOT NULL,
  defender_av_status TEXT,
  onboarding_status TEXT,
  os_architecture TEXT,
  managed_by TEXT,
  managed_by_status TEXT,
  ip_addresses_json TEXT NOT NULL,
  vm_metadata_json TEXT
);

-- Files keyed by SHA-1; SHA-256 and MD5 when known. Not unique: a conflicting export must not
-- stop an import, and the lookup takes the first match.
CREATE TABLE seen_file (
  sha1 CHAR(40) NOT NULL PRIMARY KEY,
  sha256 CHAR(64),
  md5 CHAR(32),
  file_name TEXT
);
CREATE INDEX seen_file_by_sha256 ON seen_file (sha256);
CREATE INDEX seen_file_by_md5 ON seen_file (md5);

-- One row per (file, machine): first and last time the file was seen there. machine_id has no
-- foreign key on purpose: an observation may arrive before its machine. The primary key orders the
-- machines of one file by id, which is the order of the lookup, so a page is a range scan.
CREATE TABLE observation (
  sha1 CHAR(40) NOT NULL REFERENCES seen_file (sha1),
  machine_id CHAR(40) NOT NULL,
  first_seen_ns BIGINT,
  last_seen_ns BIGINT,
  PRIMARY KEY (sha1, machine_id)
);

-- RBAC configuration, replaced as a whole by an access import.
CREATE TABLE access_state (
  singleton INTEGER NOT NULL PRIMARY KEY,
  configured BOOLEAN NOT NULL
);
INSERT INTO access_state (singleton, configured) VALUES (1, FALSE);

CREATE TABLE machine_group (
  id BIGINT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  group_rank INTEGER NOT NULL,
  position INTEGER NOT NULL
);

CREATE TABLE machine_group_user_group (
  machine_group_id BIGINT NOT NULL REFERENCES machine_group (id) ON DELETE CASCADE,
  user_group VARCHAR(256) NOT NULL,
  PRIMARY KEY (machine_group_id, user_group)
);

CREATE TABLE access_role (
  name VARCHAR(256) NOT NULL PRIMARY KEY,
  position INTEGER NOT NULL
);

CREATE TABLE access_role_permission (
  role_name VARCHAR(256) NOT NULL REFERENCES access_role (name) ON DELETE CASCADE,
  permission VARCHAR(256) NOT NULL,
  PRIMARY KEY (role_name, permission)
);

CREATE TABLE access_role_user_group (
  role_name VARCHAR(256) NOT NULL REFERENCES access_role (name) ON DELETE CASCADE,
  user_group VARCHAR(256) NOT NULL,
  PRIMARY KEY (role_name, user_group)
);
