-- A committee's column mappings (issue 12): one per template of the 党委, keyed by the template's
-- fingerprint (a hash of its header words, shared/mapping/fingerprint.ts — never personal data).
-- Saved, replaced or deleted by finance or an administrator of the 党委; each change is an audit
-- event holding what it replaced, so nothing saved is lost without a trace.
CREATE TABLE committee_mappings (
  id           INTEGER PRIMARY KEY,
  root_id      INTEGER NOT NULL REFERENCES orgs(id),
  fingerprint  TEXT NOT NULL CHECK (fingerprint GLOB 't1-[0-9a-f]*' AND length(fingerprint) = 35),
  label        TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
  mapping      TEXT NOT NULL CHECK (json_valid(mapping) AND length(mapping) <= 8192),
  token_id     INTEGER NOT NULL,
  saved_at     TEXT NOT NULL,
  UNIQUE (root_id, fingerprint)
);
