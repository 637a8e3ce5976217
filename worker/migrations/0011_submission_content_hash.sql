-- Issue 12: a submission's content hash (the body without who sent it), so the same content sent
-- again returns the existing receipt instead of making a new revision with identical data.
-- NULL on revisions stored before it (they never match; the next change makes a new revision).
ALTER TABLE submissions ADD COLUMN content_hash TEXT;
