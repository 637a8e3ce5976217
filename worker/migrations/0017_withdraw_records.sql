-- Withdrawing and revoking records of the member's year (issue 15): a branch withdraws its own
-- pending approval or a transfer entered by mistake; the org that confirmed an approval (or an
-- administrator of the 党委) revokes it with a reason. Records are never deleted: the row keeps
-- its decision and gains who withdrew it, when and why; the audit log keeps the event.
ALTER TABLE approvals ADD COLUMN withdrawn_at TEXT;
ALTER TABLE approvals ADD COLUMN withdrawn_token_id INTEGER;
ALTER TABLE approvals ADD COLUMN withdrawn_org_id INTEGER;
ALTER TABLE approvals ADD COLUMN withdraw_reason TEXT;
-- withdraw: the branch took back a pending approval; revoke: a confirmed one was taken back.
ALTER TABLE approvals ADD COLUMN withdraw_kind TEXT CHECK (withdraw_kind IN ('withdraw', 'revoke'));

-- A withdrawn approval no longer stands, so it does not block a corrected entry.
DROP TRIGGER approvals_no_overlap;
CREATE TRIGGER approvals_no_overlap BEFORE INSERT ON approvals
WHEN EXISTS (SELECT 1 FROM approvals a WHERE a.org_id = NEW.org_id AND a.id_hmac = NEW.id_hmac AND a.kind = NEW.kind
               AND a.status != 'rejected' AND a.withdrawn_at IS NULL AND a.from_month <= NEW.to_month AND NEW.from_month <= a.to_month)
BEGIN SELECT RAISE(ABORT, 'approvals overlap'); END;

-- Withdrawn once: a second withdraw or revoke of the same row fails in its batch.
CREATE TRIGGER approvals_withdraw_once BEFORE UPDATE OF withdrawn_at ON approvals
WHEN OLD.withdrawn_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'approval already withdrawn'); END;

-- A withdraw meets a pending approval, a revoke a confirmed one: a decision made between the
-- route's read and its write makes the write fail in its batch (nothing half-written).
CREATE TRIGGER approvals_withdraw_matches_status BEFORE UPDATE OF withdrawn_at ON approvals
WHEN (NEW.withdraw_kind = 'withdraw' AND OLD.status != 'pending') OR (NEW.withdraw_kind = 'revoke' AND OLD.status != 'confirmed')
  OR NEW.withdraw_kind IS NULL
BEGIN SELECT RAISE(ABORT, 'approval already decided'); END;

-- A withdrawn pending approval cannot be decided afterwards.
CREATE TRIGGER approvals_no_decision_after_withdraw BEFORE UPDATE OF status ON approvals
WHEN OLD.withdrawn_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'approval already withdrawn'); END;

-- Transfers: the one-record-per-day rule now holds among standing records only, so a transfer
-- withdrawn as a mistake can be entered again correctly. SQLite cannot drop a table constraint,
-- so the table is rebuilt with its rows (nothing references transfers.id).
CREATE TABLE transfers_new (
  id                 INTEGER PRIMARY KEY,
  org_id             INTEGER NOT NULL REFERENCES orgs(id),
  id_hmac            TEXT NOT NULL,
  id_masked          TEXT NOT NULL,
  name               TEXT NOT NULL,
  direction          TEXT NOT NULL CHECK (direction IN ('转出', '转入')),
  date               TEXT NOT NULL,
  paid_through       TEXT NOT NULL,
  counterpart        TEXT NOT NULL,
  note               TEXT,
  token_id           INTEGER NOT NULL,
  entered_at         TEXT NOT NULL,
  withdrawn_at       TEXT,
  withdrawn_token_id INTEGER,
  withdraw_reason    TEXT
);
INSERT INTO transfers_new (id, org_id, id_hmac, id_masked, name, direction, date, paid_through, counterpart, note, token_id, entered_at)
  SELECT id, org_id, id_hmac, id_masked, name, direction, date, paid_through, counterpart, note, token_id, entered_at FROM transfers;
DROP TABLE transfers;
ALTER TABLE transfers_new RENAME TO transfers;
CREATE INDEX transfers_member ON transfers(id_hmac);
CREATE UNIQUE INDEX transfers_once ON transfers(org_id, id_hmac, direction, date) WHERE withdrawn_at IS NULL;

CREATE TRIGGER transfers_withdraw_once BEFORE UPDATE OF withdrawn_at ON transfers
WHEN OLD.withdrawn_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'transfer already withdrawn'); END;
