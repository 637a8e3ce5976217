/**
 * Which revision of a branch-quarter the roll-up counts: the latest one that is submitted or
 * confirmed (design.md, "The server"). A returned revision does not count; the branch falls back
 * to its newest earlier revision still standing, or counts as missing when none does. A revision's
 * status is its last review, else "submitted". Run only when a review changes a status, so the
 * roll-up itself still reads one precomputed row per branch.
 */
import { branchFigures, emptyBranchFigures, type BranchFigures, type MemberLine } from '../../../shared/rollup/figures';
import { arrearsKey } from './rows';

export interface Counted {
  submissionId: string | null;
  status: 'submitted' | 'confirmed' | null;
  figures: BranchFigures;
  /** JSON array of the arrearsKey()s of its members in arrears; null when nothing is counted. */
  arrearsKeys: string | null;
}

/**
 * The counted revision once `reviewedId` takes `newStatus`. `current` is what is counted now:
 * its figures are reused when it stays counted; otherwise they are summed from the member rows.
 */
export async function countedAfterReview(
  db: D1Database, orgId: number, quarter: string, reviewedId: string, newStatus: 'confirmed' | 'returned',
  current: { submissionId: string | null; figures: BranchFigures; arrearsKeys: string | null },
): Promise<Counted> {
  const revs = await db.prepare(
    `SELECT s.id, (SELECT r.action FROM reviews r WHERE r.submission_id = s.id ORDER BY r.id DESC LIMIT 1) AS action
       FROM submissions s WHERE s.org_id = ? AND s.quarter = ? ORDER BY s.revision DESC`,
  ).bind(orgId, quarter).all<{ id: string; action: 'confirmed' | 'returned' | null }>();
  for (const r of revs.results) {
    const status = r.id === reviewedId ? newStatus : (r.action ?? 'submitted');
    if (status === 'returned') continue;
    if (r.id === current.submissionId) return { submissionId: r.id, status, figures: current.figures, arrearsKeys: current.arrearsKeys };
    const lines = await db.prepare('SELECT id_hmac, arrears_fen, member_class, category, months, unpaid_streak FROM submission_members WHERE submission_id = ? ORDER BY idx')
      .bind(r.id).all<{ id_hmac: string; arrears_fen: number; member_class: MemberLine['memberClass']; category: string; months: string; unpaid_streak: number }>();
    const figures = branchFigures(lines.results.map((m) => ({
      memberClass: m.member_class, category: m.category, unpaidStreak: m.unpaid_streak,
      months: JSON.parse(m.months) as { dueFen: number; paidFen: number }[],
    })));
    const arrearsKeys = JSON.stringify(lines.results.filter((m) => m.arrears_fen > 0).map((m) => arrearsKey(m.id_hmac)));
    return { submissionId: r.id, status, figures, arrearsKeys };
  }
  return { submissionId: null, status: null, figures: emptyBranchFigures(), arrearsKeys: null };
}
