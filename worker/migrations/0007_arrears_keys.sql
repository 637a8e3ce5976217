-- The members in arrears of each counted branch-quarter, as the first 16 hex digits of their
-- keyed ID hash (JSON array): a year roll-up counts each person in arrears once across its
-- quarters without reading member rows. Rows from before are filled from their member lines.
ALTER TABLE branch_quarters ADD COLUMN arrears_keys TEXT;
UPDATE branch_quarters SET arrears_keys = (
  SELECT json_group_array(substr(m.id_hmac, 1, 16)) FROM submission_members m
   WHERE m.submission_id = branch_quarters.counted_submission_id AND m.arrears_fen > 0
) WHERE counted_submission_id IS NOT NULL;
