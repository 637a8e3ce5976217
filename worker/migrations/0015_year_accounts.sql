-- The year's accounts of a 党委 (收支结存): 上年结存 where it is not carried from the year before,
-- 下拨 received, interest, and each use (使用) with its purpose from 2008规定 第十九条 and the date
-- of the collective decision (第二十条). 收缴 and 上缴 come from submissions and remittances.
-- Append-only, like every record of money here.
CREATE TABLE account_entries (
  id          INTEGER PRIMARY KEY,
  root_id     INTEGER NOT NULL REFERENCES orgs(id),
  year        TEXT NOT NULL CHECK (year GLOB '[0-9][0-9][0-9][0-9]'),
  kind        TEXT NOT NULL CHECK (kind IN ('opening', 'allocation', 'interest', 'use')),
  on_date     TEXT NOT NULL,
  amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0 AND (kind = 'opening' OR amount_fen > 0)),
  voucher     TEXT NOT NULL CHECK (length(voucher) BETWEEN 1 AND 64),
  purpose     TEXT CHECK (purpose IN ('training', 'materials', 'commendation', 'hardship', 'disaster')),
  decided_on  TEXT,
  source      TEXT,
  note        TEXT,
  token_id    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  CHECK ((kind = 'use') = (purpose IS NOT NULL AND decided_on IS NOT NULL)),
  UNIQUE (root_id, voucher)
);
CREATE INDEX account_entries_year ON account_entries(root_id, year);
-- At most one recorded 上年结存 per committee and year.
CREATE UNIQUE INDEX account_entries_one_opening ON account_entries(root_id, year) WHERE kind = 'opening';
CREATE TRIGGER account_entries_no_update BEFORE UPDATE ON account_entries
BEGIN SELECT RAISE(ABORT, 'account entries are append-only'); END;
CREATE TRIGGER account_entries_no_delete BEFORE DELETE ON account_entries
BEGIN SELECT RAISE(ABORT, 'account entries are append-only'); END;
