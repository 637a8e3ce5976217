-- The audit chain is keyed and kept per committee. Each event carries the committee (root org)
-- whose chain it belongs to and, from the moment it is written, a MAC of its content made with
-- AUDIT_HMAC_KEY (a secret the database does not hold): the sealer links only events whose MAC
-- holds, so a row inserted straight into the database is never sealed. hash becomes
-- HMAC(AUDIT_HMAC_KEY, prev_hash || '\n' || content), within the committee's own chain.
-- Events from before this migration keep their unkeyed hashes (mac NULL) and are reported as such.
ALTER TABLE audit_events ADD COLUMN root_id INTEGER;
ALTER TABLE audit_events ADD COLUMN mac TEXT;
UPDATE audit_events SET root_id = COALESCE(
  (SELECT o.root_id FROM orgs o WHERE o.id = audit_events.org_id),
  (SELECT o.root_id FROM orgs o WHERE o.id = audit_events.actor_org));
CREATE INDEX audit_events_chain ON audit_events(root_id, seq);
-- Finding what is still to seal without scanning the whole log.
CREATE INDEX audit_events_open ON audit_events(seq) WHERE hash IS NULL;

-- The guard now covers the new columns: an unsealed event only ever gains its link.
DROP TRIGGER audit_events_no_update;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
WHEN OLD.hash IS NOT NULL OR NEW.seq IS NOT OLD.seq OR NEW.content IS NOT OLD.content OR NEW.at IS NOT OLD.at
  OR NEW.token_id IS NOT OLD.token_id OR NEW.role IS NOT OLD.role OR NEW.actor_org IS NOT OLD.actor_org
  OR NEW.action IS NOT OLD.action OR NEW.org_id IS NOT OLD.org_id OR NEW.quarter IS NOT OLD.quarter
  OR NEW.root_id IS NOT OLD.root_id OR NEW.mac IS NOT OLD.mac
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
