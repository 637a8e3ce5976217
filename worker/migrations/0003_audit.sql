-- The audit log: append-only and hash-chained. hash = SHA-256(prev_hash || '\n' || content),
-- where content is the canonical JSON of the event; GET /api/audit/verify recomputes the chain.
-- seq is assigned by the writer (last + 1): two concurrent writers collide here and one retries,
-- so the chain never forks.
CREATE TABLE audit_events (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  token_id   INTEGER,
  role       TEXT,
  actor_org  INTEGER,
  action     TEXT NOT NULL,
  org_id     INTEGER,
  quarter    TEXT,
  content    TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_events_org ON audit_events(org_id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
