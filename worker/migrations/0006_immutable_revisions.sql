-- Revisions are immutable snapshots (design.md): a submission, its member lines and the reviews
-- of it are only ever inserted. The database refuses anything else, whatever code asks.
CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions
BEGIN SELECT RAISE(ABORT, 'submissions are immutable revisions'); END;
CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions
BEGIN SELECT RAISE(ABORT, 'submissions are immutable revisions'); END;
CREATE TRIGGER submission_members_no_update BEFORE UPDATE ON submission_members
BEGIN SELECT RAISE(ABORT, 'submissions are immutable revisions'); END;
CREATE TRIGGER submission_members_no_delete BEFORE DELETE ON submission_members
BEGIN SELECT RAISE(ABORT, 'submissions are immutable revisions'); END;
CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
