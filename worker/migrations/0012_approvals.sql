-- Approvals (少交/免交/缓交/补交, 2008规定 第十二条): entered by a branch, confirmed (or rejected) by
-- the org whose approval the rule needs. Raw ID numbers are never stored: id_hmac as for members.
-- A decision is recorded on the row once (pending → confirmed | rejected); the audit log keeps who.
CREATE TABLE approvals (
  id               INTEGER PRIMARY KEY,
  org_id           INTEGER NOT NULL REFERENCES orgs(id),
  id_hmac          TEXT NOT NULL,
  id_masked        TEXT NOT NULL,
  name             TEXT NOT NULL,
  category         TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('少交', '免交', '缓交', '补交')),
  from_month       TEXT NOT NULL,
  to_month         TEXT NOT NULL CHECK (to_month >= from_month),
  amount_fen       INTEGER NOT NULL CHECK (amount_fen >= 0),
  document_no      TEXT NOT NULL,
  approving_orgs   TEXT NOT NULL,
  approved_on      TEXT NOT NULL,
  note             TEXT,
  level            TEXT NOT NULL CHECK (level IN ('branch', 'committee')),
  status           TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
  token_id         INTEGER NOT NULL,
  entered_at       TEXT NOT NULL,
  decided_token_id INTEGER,
  decided_org_id   INTEGER,
  decided_at       TEXT,
  decision_note    TEXT
);
CREATE INDEX approvals_org ON approvals(org_id, status);
CREATE INDEX approvals_member ON approvals(id_hmac);

-- Two standing approvals of one kind for one member over the same months would count twice:
-- refused inside the inserting batch, so two concurrent entries cannot both pass.
CREATE TRIGGER approvals_no_overlap BEFORE INSERT ON approvals
WHEN EXISTS (SELECT 1 FROM approvals a WHERE a.org_id = NEW.org_id AND a.id_hmac = NEW.id_hmac AND a.kind = NEW.kind
               AND a.status != 'rejected' AND a.from_month <= NEW.to_month AND NEW.from_month <= a.to_month)
BEGIN SELECT RAISE(ABORT, 'approvals overlap'); END;

-- A decision is made once: a second confirm or reject of the same row fails in its batch.
CREATE TRIGGER approvals_decide_once BEFORE UPDATE OF status ON approvals
WHEN OLD.status != 'pending'
BEGIN SELECT RAISE(ABORT, 'approval already decided'); END;
