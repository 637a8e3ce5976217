-- The organisation tree (党委 → 党总支 → 党支部), access tokens and per-党委 settings.
-- `path` is the materialised path of ids ('/1/4/9/'), so a subtree is one LIKE prefix scan.
CREATE TABLE orgs (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind       TEXT NOT NULL CHECK (kind IN ('党委', '党总支', '党支部')),
  parent_id  INTEGER REFERENCES orgs(id),
  root_id    INTEGER NOT NULL,
  path       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX orgs_parent ON orgs(parent_id);

-- Bearer tokens: only the SHA-256 of the secret is kept; the secret is shown once.
CREATE TABLE tokens (
  id         INTEGER PRIMARY KEY,
  hash       TEXT NOT NULL UNIQUE,
  org_id     INTEGER NOT NULL REFERENCES orgs(id),
  role       TEXT NOT NULL CHECK (role IN ('clerk', 'finance', 'leader', 'admin')),
  label      TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX tokens_org ON tokens(org_id);

-- One row per 党委 (root org): CommitteeSettings as JSON, validated by the worker.
CREATE TABLE settings (
  root_id    INTEGER PRIMARY KEY REFERENCES orgs(id),
  json       TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
