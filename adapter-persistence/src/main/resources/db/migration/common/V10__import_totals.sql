-- What imports committed, by kind of record ('machines', 'observations', 'access'), for operators'
-- metrics: each commit adds its records on its own transaction, so imports by any process or
-- instance show at once and a batch that was rolled back never does; an import's last commit also
-- stamps when it completed (milliseconds since the epoch, NULL until one did).
CREATE TABLE import_totals (
  kind TEXT PRIMARY KEY,
  records BIGINT NOT NULL,
  last_completed_at BIGINT
);
