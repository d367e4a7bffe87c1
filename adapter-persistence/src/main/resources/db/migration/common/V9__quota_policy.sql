-- The quota policy every instance sharing this database enforces (at most one row), as --quota
-- writes it: 100/60s,1500/3600s. The first instance to start stores its own; a start asking for
-- another refuses unless it replaces it, and running instances re-read it to follow a replacement.
CREATE TABLE quota_policy (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  policy TEXT NOT NULL
);
