-- How far an interrupted import of observations got, for its rerun to resume after it: the source
-- (a file's path, size and modification time), how many of its records its commits appended, and
-- what they counted. Written by each commit with its batch, so it never claims a batch that was
-- lost; deleted by the import's last commit. A first import's committed batches wait in the
-- backlog, where a rerun that started over would append them again.
CREATE TABLE import_progress (
  source TEXT PRIMARY KEY,
  records BIGINT NOT NULL,
  inserted BIGINT NOT NULL,
  updated BIGINT NOT NULL
);
