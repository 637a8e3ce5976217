-- 上缴 (2008规定 第十五条、第十六条): the share of its 实交党费 a 党委 remits to each level above,
-- as effective-dated rows a committee adds and never edits, and each remittance finance records.
-- Both tables are append-only: the database refuses UPDATE and DELETE whatever code asks, so the
-- share a past year was computed with stays the share it was computed with.
CREATE TABLE remittance_shares (
  id             INTEGER PRIMARY KEY,
  root_id        INTEGER NOT NULL REFERENCES orgs(id),
  level          TEXT NOT NULL CHECK (length(level) BETWEEN 1 AND 50),
  rate_bp        INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  from_quarter   TEXT NOT NULL CHECK (from_quarter GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'),
  due_month_day  TEXT NOT NULL CHECK (due_month_day GLOB '[01][0-9]-[0-3][0-9]'),
  basis          TEXT,
  token_id       INTEGER NOT NULL,
  created_at     TEXT NOT NULL,
  UNIQUE (root_id, level, from_quarter)
);
CREATE TRIGGER remittance_shares_no_update BEFORE UPDATE ON remittance_shares
BEGIN SELECT RAISE(ABORT, 'remittance shares are append-only: add a dated row'); END;
CREATE TRIGGER remittance_shares_no_delete BEFORE DELETE ON remittance_shares
BEGIN SELECT RAISE(ABORT, 'remittance shares are append-only: add a dated row'); END;

-- One row per remittance: the year whose dues it settles, the level, the day paid, the amount, the voucher.
CREATE TABLE remittances (
  id          INTEGER PRIMARY KEY,
  root_id     INTEGER NOT NULL REFERENCES orgs(id),
  year        TEXT NOT NULL CHECK (year GLOB '[0-9][0-9][0-9][0-9]'),
  level       TEXT NOT NULL CHECK (length(level) BETWEEN 1 AND 50),
  kind        TEXT NOT NULL CHECK (kind IN ('share', 'large')),
  paid_on     TEXT NOT NULL,
  amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
  voucher     TEXT NOT NULL CHECK (length(voucher) BETWEEN 1 AND 64),
  note        TEXT,
  token_id    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  UNIQUE (root_id, voucher)
);
CREATE INDEX remittances_year ON remittances(root_id, year);
CREATE TRIGGER remittances_no_update BEFORE UPDATE ON remittances
BEGIN SELECT RAISE(ABORT, 'remittances are append-only'); END;
CREATE TRIGGER remittances_no_delete BEFORE DELETE ON remittances
BEGIN SELECT RAISE(ABORT, 'remittances are append-only'); END;

-- 大额党费 lines are few: a partial index finds them without scanning every member line.
CREATE INDEX submission_members_large ON submission_members(submission_id) WHERE large_fen > 0;
