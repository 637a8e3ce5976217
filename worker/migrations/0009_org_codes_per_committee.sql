-- Org codes are unique within a committee (党委), not across the database: one committee's
-- admin must not learn another's codes from a 409. SQLite cannot drop a column's UNIQUE, so the
-- table is rebuilt with the same rows and ids (foreign keys checked at commit).
PRAGMA defer_foreign_keys = true;
CREATE TABLE orgs_by_committee (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind       TEXT NOT NULL CHECK (kind IN ('党委', '党总支', '党支部')),
  parent_id  INTEGER REFERENCES orgs(id),
  root_id    INTEGER NOT NULL,
  path       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  UNIQUE (root_id, code)
);
INSERT INTO orgs_by_committee (id, code, name, kind, parent_id, root_id, path, created_at)
  SELECT id, code, name, kind, parent_id, root_id, path, created_at FROM orgs;
DROP TABLE orgs;
ALTER TABLE orgs_by_committee RENAME TO orgs;
CREATE INDEX orgs_parent ON orgs(parent_id);
CREATE INDEX orgs_code ON orgs(code);
