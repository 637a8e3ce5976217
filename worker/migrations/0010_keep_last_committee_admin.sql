-- A committee's last admin token at the 党委 cannot be revoked: nothing in the API could issue a
-- new one (recovery would need `duesbook admin bootstrap` against the database). The check runs
-- inside the revoking batch, so two concurrent revocations cannot both pass it.
CREATE TRIGGER tokens_keep_last_committee_admin BEFORE UPDATE OF revoked_at ON tokens
WHEN NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL AND OLD.role = 'admin'
  AND OLD.org_id = (SELECT o.root_id FROM orgs o WHERE o.id = OLD.org_id)
  AND NOT EXISTS (SELECT 1 FROM tokens t WHERE t.role = 'admin' AND t.org_id = OLD.org_id AND t.revoked_at IS NULL AND t.id != OLD.id)
BEGIN SELECT RAISE(ABORT, 'the last admin token of the committee'); END;
