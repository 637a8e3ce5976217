/**
 * Rules a branch's 报送 meets before it becomes a revision (issue 12), kept apart from the route:
 * the window in which a running quarter opens, the content hash that makes an unchanged
 * re-submission return its existing receipt, and — when finance had returned that revision — the
 * return that still stands (the wrong-branch warning is shared/submission/branch-warning.ts).
 */
import type { Submission } from '../../../shared/api/contract';
import { quarterStart } from '../../../shared/quarter';
import type { CommitteeSettings } from '../../../shared/settings';
import { isQuarterOpen, quarterOpensOn } from '../../../shared/submission/window';
import { sha256Hex } from '../crypto';
import { ApiError } from '../errors';

export { withBranchWarning } from '../../../shared/submission/branch-warning';

/**
 * A quarter that has begun but is not open yet (before its last month's runningQuarterFromDay)
 * is refused with its own code. A quarter not begun at all is the re-check's (QUARTER_IN_FUTURE).
 */
export function assertQuarterOpen(quarter: string, today: string, settings: CommitteeSettings): void {
  if (quarterStart(quarter) > today || isQuarterOpen(quarter, today, settings)) return;
  const opensOn = quarterOpensOn(quarter, settings);
  throw new ApiError('QUARTER_NOT_OPEN', `${quarter} is still running; it may be submitted from ${opensOn} (the committee's rule), or submit an ended quarter`, { opensOn });
}

/** What the revision holds, whoever sent it: the body without its branchCode (the token says that). */
export function contentHash(s: Submission): Promise<string> {
  const { branchCode: _ignored, ...content } = s;
  return sha256Hex(JSON.stringify(content));
}

/**
 * Decided (issue 12): the same content sent again after finance returned it does not answer the
 * return. Nothing is stored; the receipt carries the standing return (note, reviewer, when), so the
 * pane and `duesbook submit` say the quarter stays 已退回 instead of reading as accepted.
 */
export async function returnStanding(db: D1Database, submissionId: string): Promise<{ note: string | null; at: string; by_org: string | null; by_label: string | null } | null> {
  return db.prepare(
    `SELECT r.note, r.at, o.name AS by_org, t.label AS by_label FROM reviews r LEFT JOIN tokens t ON t.id = r.token_id LEFT JOIN orgs o ON o.id = t.org_id
      WHERE r.submission_id = ? AND r.action = 'returned' ORDER BY r.id DESC LIMIT 1`,
  ).bind(submissionId).first();
}
