-- Transfers (组织关系转接): a member leaving (转出) or arriving (转入) with 党费交至年月. The
-- receiving branch charges from the month after it; the roll-up's "gone without a transfer" check
-- reads the 转出 records.
CREATE TABLE transfers (
  id           INTEGER PRIMARY KEY,
  org_id       INTEGER NOT NULL REFERENCES orgs(id),
  id_hmac      TEXT NOT NULL,
  id_masked    TEXT NOT NULL,
  name         TEXT NOT NULL,
  direction    TEXT NOT NULL CHECK (direction IN ('转出', '转入')),
  date         TEXT NOT NULL,
  paid_through TEXT NOT NULL,
  counterpart  TEXT NOT NULL,
  note         TEXT,
  token_id     INTEGER NOT NULL,
  entered_at   TEXT NOT NULL,
  -- One record per member, direction and day: a double entry is refused (409).
  UNIQUE (org_id, id_hmac, direction, date)
);
CREATE INDEX transfers_member ON transfers(id_hmac);

-- The year's baseline (年初核定, 2017通知): each member's approved base and monthly due, fixed at
-- the start of the year by the branch; one row per member, replaced only by a recorded change.
CREATE TABLE year_baselines (
  org_id      INTEGER NOT NULL REFERENCES orgs(id),
  year        TEXT NOT NULL,
  id_hmac     TEXT NOT NULL,
  id_masked   TEXT NOT NULL,
  name        TEXT NOT NULL,
  category    TEXT NOT NULL,
  base_fen    INTEGER,
  due_fen     INTEGER NOT NULL CHECK (due_fen >= 0),
  token_id    INTEGER NOT NULL,
  fixed_at    TEXT NOT NULL,
  PRIMARY KEY (org_id, year, id_hmac)
);

-- A change to a member's baseline from a month on, with the reason the branch recorded
-- (2008规定 第十条: pay changed). History is kept: later changes add rows.
CREATE TABLE baseline_changes (
  id          INTEGER PRIMARY KEY,
  org_id      INTEGER NOT NULL REFERENCES orgs(id),
  year        TEXT NOT NULL,
  id_hmac     TEXT NOT NULL,
  from_month  TEXT NOT NULL,
  base_fen    INTEGER,
  due_fen     INTEGER NOT NULL CHECK (due_fen >= 0),
  reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  token_id    INTEGER NOT NULL,
  at          TEXT NOT NULL
);
CREATE INDEX baseline_changes_member ON baseline_changes(org_id, year, id_hmac);
