/**
 * The review transaction: confirm (确认) or return (退回) the latest revision of a branch-quarter.
 * The decision settles which revision the roll-up counts (counted.ts); the audit event and the
 * updated roll-up row are written in one batch that names the state just read, so a decision
 * never lands on a revision the reviewer has not seen.
 */
import type { SubmissionReceipt } from '../../../shared/api/contract';
import type { Auth, OrgRow } from '../env';
import { ApiError, notFound } from '../errors';
import { writeAudited } from '../audit';
import { figuresOf, type BranchQuarterRow } from '../rollups/branch-quarters';
import { countedAfterReview } from './counted';
import { scrubOptional } from './rows';
import { lockedSql, receiptOf, RECEIPT_FROM, RECEIPT_SELECT, type ReceiptRow } from './store';

export type ReviewAction = 'confirm' | 'return';

export async function reviewRevision(
  env: Env, auth: Auth, org: OrgRow, quarter: string, action: ReviewAction, body: { revision: number; note?: string | undefined },
): Promise<SubmissionReceipt> {
  const db = env.DB;
  const lock = lockedSql(org);
  const [cur, locked, last] = await db.batch([
    db.prepare('SELECT bq.*, s.received_at, s.members FROM branch_quarters bq JOIN submissions s ON s.id = bq.submission_id WHERE bq.org_id = ? AND bq.quarter = ?').bind(org.id, quarter),
    db.prepare(lock.sql).bind(quarter, ...lock.binds),
    // Whose finance made the standing decision on the latest revision (none for a fresh one).
    db.prepare(
      `SELECT o.path, o.code FROM reviews r LEFT JOIN tokens t ON t.id = r.token_id LEFT JOIN orgs o ON o.id = t.org_id
        WHERE r.submission_id = (SELECT submission_id FROM branch_quarters WHERE org_id = ? AND quarter = ?) ORDER BY r.id DESC LIMIT 1`,
    ).bind(org.id, quarter),
  ]);
  const row = cur?.results[0] as (BranchQuarterRow & { received_at: string; members: number }) | undefined;
  if (!row) throw notFound('submission');
  if (row.revision !== body.revision) {
    throw new ApiError('STALE_REVISION', `the latest revision is ${row.revision}, not ${body.revision}`, { currentRevision: row.revision, etag: row.etag });
  }
  const status = action === 'confirm' ? 'confirmed' : 'returned';
  if (action === 'return' && locked?.results.length) throw new ApiError('QUARTER_LOCKED', `${quarter} is locked; unlock it before returning a submission`);
  if (row.status === status) throw new ApiError('CONFLICT', `revision ${row.revision} is already ${status}`);
  // Like a lock: a decision made above (the 党委 confirming) is changed only there or higher,
  // never by a 总支 or branch below it.
  const by = last?.results[0] as { path: string | null; code: string | null } | undefined;
  if (by?.path && !by.path.startsWith(auth.org.path)) {
    throw new ApiError('REVIEW_BY_HIGHER_ORG', `revision ${row.revision} was ${row.status} by ${by.code ?? 'an organisation above yours'}; only it or an organisation above it may change that`, { reviewedBy: by.code });
  }
  const at = new Date().toISOString();
  // Free text is stored with any ID number in it masked, like everything else on the server.
  const note = scrubOptional(body.note);
  const counted = await countedAfterReview(db, org.id, quarter, row.submission_id, status, {
    submissionId: row.counted_submission_id,
    figures: figuresOf(row),
    arrearsKeys: row.arrears_keys,
  });
  const f = counted.figures;
  try {
    await writeAudited(env, auth, { action: `submission.${action}`, orgId: org.id, quarter, details: { revision: row.revision, note } }, () => [
      // The review names its submission through the state just read (revision and status): if
      // a re-submission or another reviewer got in between, the subquery is NULL, the NOT NULL
      // constraint fails and the whole batch (update and audit event included) is rolled back.
      db.prepare(
        `INSERT INTO reviews (submission_id, action, note, token_id, at) VALUES (
           (SELECT submission_id FROM branch_quarters WHERE org_id = ? AND quarter = ? AND revision = ? AND status = ?), ?, ?, ?, ?)`,
      ).bind(org.id, quarter, row.revision, row.status, status, note, auth.tokenId, at),
      db.prepare(
        `UPDATE branch_quarters SET status = ?, updated_at = ?, counted_submission_id = ?, counted_status = ?, formal = ?, probationary = ?,
           by_category = ?, due_fen = ?, paid_fen = ?, arrears_fen = ?, in_arrears = ?, six_month = ?, arrears_keys = ?
         WHERE org_id = ? AND quarter = ? AND revision = ?`,
      ).bind(status, at, counted.submissionId, counted.status, f.formal, f.probationary, JSON.stringify(f.byCategory), f.dueFen, f.paidFen,
        f.arrearsFen, f.inArrears, f.sixMonth, counted.arrearsKeys, org.id, quarter, row.revision),
    ]);
  } catch (e) {
    if (!/NOT NULL constraint failed: reviews\.submission_id/.test(`${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`)) throw e;
    const now = await db.prepare('SELECT revision, etag, status FROM branch_quarters WHERE org_id = ? AND quarter = ?').bind(org.id, quarter).first<{ revision: number; etag: string; status: string }>();
    if (now && now.revision === row.revision) {
      throw new ApiError('CONFLICT', now.status === status ? `revision ${row.revision} is already ${status}` : `revision ${row.revision} was reviewed meanwhile (now ${now.status}); reload it`);
    }
    throw new ApiError('STALE_REVISION', `revision ${now?.revision ?? '?'} arrived while you reviewed ${row.revision}`, { currentRevision: now?.revision ?? null, etag: now?.etag ?? null });
  }
  // Read back: the review may have changed which revision counts.
  const after = await db.prepare(`SELECT ${RECEIPT_SELECT} FROM ${RECEIPT_FROM} WHERE bq.org_id = ? AND bq.quarter = ?`).bind(org.id, quarter).first<ReceiptRow>();
  if (!after) throw notFound('submission');
  return receiptOf(org.code, after);
}
