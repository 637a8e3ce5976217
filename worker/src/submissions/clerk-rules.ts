/**
 * Rules a branch's 报送 meets before it becomes a revision (issue 12), kept apart from the route:
 * the window in which a running quarter opens and the content hash that makes an unchanged
 * re-submission return its existing receipt (the wrong-branch warning is shared/submission/branch-warning.ts).
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
