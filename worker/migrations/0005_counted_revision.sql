-- The roll-up counts the latest revision that is submitted or confirmed (design.md, "The server"):
-- a returned revision does not count, and the branch-quarter falls back to its newest earlier
-- revision still standing, or to "missing" when there is none. branch_quarters keeps the latest
-- revision (for If-Match and its status) and, beside it, the counted one; the figure columns are
-- the counted revision's. A revision's own status is its last review (reviews), else submitted.
ALTER TABLE branch_quarters ADD COLUMN counted_submission_id TEXT REFERENCES submissions(id);
ALTER TABLE branch_quarters ADD COLUMN counted_status TEXT CHECK (counted_status IN ('submitted', 'confirmed'));
UPDATE branch_quarters SET counted_submission_id = submission_id, counted_status = status WHERE status != 'returned';
