-- The audit chain is now sealed just after each write instead of inside it: an event is inserted
-- with its content only (seq assigned by SQLite, so concurrent writers never collide), and a
-- sealer links it (prev_hash, hash = SHA-256(prev_hash || '\n' || content)) in seq order right
-- after the write commits. A sealed event can never change; an unsealed one only gains its link.
CREATE TABLE audit_events_sealed (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  token_id   INTEGER,
  role       TEXT,
  actor_org  INTEGER,
  action     TEXT NOT NULL,
  org_id     INTEGER,
  quarter    TEXT,
  content    TEXT NOT NULL,
  prev_hash  TEXT,
  hash       TEXT UNIQUE
);
INSERT INTO audit_events_sealed (seq, at, token_id, role, actor_org, action, org_id, quarter, content, prev_hash, hash)
  SELECT seq, at, token_id, role, actor_org, action, org_id, quarter, content, prev_hash, hash FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_sealed RENAME TO audit_events;
CREATE INDEX audit_events_org ON audit_events(org_id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
WHEN OLD.hash IS NOT NULL OR NEW.seq IS NOT OLD.seq OR NEW.content IS NOT OLD.content OR NEW.at IS NOT OLD.at
  OR NEW.token_id IS NOT OLD.token_id OR NEW.role IS NOT OLD.role OR NEW.actor_org IS NOT OLD.actor_org
  OR NEW.action IS NOT OLD.action OR NEW.org_id IS NOT OLD.org_id OR NEW.quarter IS NOT OLD.quarter
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
