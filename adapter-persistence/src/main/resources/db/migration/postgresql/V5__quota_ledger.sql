-- PostgreSQL only: the calls admitted per (tenant, application), shared by every instance on this
-- database, so that together they admit no more than the quota (100 a minute, 1500 an hour).
-- A decision locks its key's row in quota_key, reads the key's calls, and records the admitted one
-- in the same transaction; calls older than the quota's longest window are deleted as it goes.
CREATE TABLE quota_key (
  tenant VARCHAR(256) NOT NULL,
  application VARCHAR(256) NOT NULL,
  PRIMARY KEY (tenant, application)
);

CREATE TABLE quota_call (
  tenant VARCHAR(256) NOT NULL,
  application VARCHAR(256) NOT NULL,
  called_at_ns BIGINT NOT NULL
);
CREATE INDEX quota_call_by_key ON quota_call (tenant, application, called_at_ns);
