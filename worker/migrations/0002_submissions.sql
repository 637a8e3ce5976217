-- Submissions (报送): immutable revisions of a branch's quarter, their member rows, the
-- precomputed branch-quarter roll-up row, reviews, idempotency records and quarter locks.
CREATE TABLE submissions (
  id          TEXT PRIMARY KEY,
  org_id      INTEGER NOT NULL REFERENCES orgs(id),
  quarter     TEXT NOT NULL,
  revision    INTEGER NOT NULL CHECK (revision >= 1),
  etag        TEXT NOT NULL,
  body_hash   TEXT NOT NULL,
  report_date TEXT NOT NULL,
  members     INTEGER NOT NULL CHECK (members >= 0),
  due_fen     INTEGER NOT NULL CHECK (due_fen >= 0),
  paid_fen    INTEGER NOT NULL CHECK (paid_fen >= 0),
  findings    TEXT NOT NULL,
  note        TEXT,
  token_id    INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  -- Two concurrent re-submissions from the same revision: the second fails here (→ 412).
  UNIQUE (org_id, quarter, revision)
);

-- Member lines of one revision. Raw ID numbers are never stored: id_hmac = HMAC-SHA256(key, id).
CREATE TABLE submission_members (
  submission_id TEXT NOT NULL REFERENCES submissions(id),
  idx           INTEGER NOT NULL,
  id_hmac       TEXT NOT NULL,
  id_masked     TEXT NOT NULL,
  name          TEXT NOT NULL,
  member_class  TEXT NOT NULL,
  standing      TEXT NOT NULL,
  category      TEXT NOT NULL,
  join_date     TEXT NOT NULL,
  base_fen      INTEGER,
  months        TEXT NOT NULL,
  due_fen       INTEGER NOT NULL CHECK (due_fen >= 0),
  paid_fen      INTEGER NOT NULL CHECK (paid_fen >= 0),
  large_fen     INTEGER NOT NULL CHECK (large_fen >= 0),
  arrears_fen   INTEGER NOT NULL CHECK (arrears_fen >= 0),
  unpaid_streak INTEGER NOT NULL,
  transfer_note TEXT,
  PRIMARY KEY (submission_id, idx)
);
CREATE INDEX submission_members_hmac ON submission_members(id_hmac);

-- The latest revision of each branch-quarter with its precomputed figures: roll-ups read
-- these (O(branches)), never member rows. Rewritten by each submission and review.
CREATE TABLE branch_quarters (
  org_id           INTEGER NOT NULL REFERENCES orgs(id),
  quarter          TEXT NOT NULL,
  submission_id    TEXT NOT NULL REFERENCES submissions(id),
  revision         INTEGER NOT NULL,
  etag             TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('submitted', 'confirmed', 'returned')),
  formal           INTEGER NOT NULL,
  probationary     INTEGER NOT NULL,
  by_category      TEXT NOT NULL,
  due_fen          INTEGER NOT NULL,
  paid_fen         INTEGER NOT NULL,
  arrears_fen      INTEGER NOT NULL,
  in_arrears       INTEGER NOT NULL,
  six_month        INTEGER NOT NULL,
  updated_at       TEXT NOT NULL,
  PRIMARY KEY (org_id, quarter)
);
CREATE INDEX branch_quarters_quarter ON branch_quarters(quarter);

-- Confirmations and returns, one row per decision (history is never overwritten).
CREATE TABLE reviews (
  id            INTEGER PRIMARY KEY,
  submission_id TEXT NOT NULL REFERENCES submissions(id),
  action        TEXT NOT NULL CHECK (action IN ('confirmed', 'returned')),
  note          TEXT,
  token_id      INTEGER NOT NULL,
  at            TEXT NOT NULL
);
CREATE INDEX reviews_submission ON reviews(submission_id);

-- Idempotency-Key records, per branch: a retry with the same key and body gets the stored answer.
CREATE TABLE idempotency (
  org_id      INTEGER NOT NULL,
  key         TEXT NOT NULL,
  body_hash   TEXT NOT NULL,
  status      INTEGER NOT NULL,
  response    TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (org_id, key)
);

-- A lock on (org, quarter) freezes the quarter for that org's whole subtree.
CREATE TABLE locks (
  org_id    INTEGER NOT NULL REFERENCES orgs(id),
  quarter   TEXT NOT NULL,
  note      TEXT,
  token_id  INTEGER NOT NULL,
  at        TEXT NOT NULL,
  PRIMARY KEY (org_id, quarter)
);
