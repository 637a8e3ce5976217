/**
 * Rules a branch's 报送 meets before it becomes a revision (issue 12), kept apart from the route:
 * the window in which a running quarter opens, the content hash that makes an unchanged
 * re-submission return its existing receipt, and the warning a workbook of another branch carries.
 */
import type { Submission } from '../../../shared/api/contract';
import { makeFinding } from '../../../shared/findings/collect';
import { sameBranch } from '../../../shared/recognise/branch-name';
import { quarterStart } from '../../../shared/quarter';
import type { CommitteeSettings } from '../../../shared/settings';
import { isQuarterOpen, quarterOpensOn } from '../../../shared/submission/window';
import { sha256Hex } from '../crypto';
import { ApiError } from '../errors';

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
 * The body with a BRANCH_MISMATCH warning when the workbook names another branch than the
 * signed-in one: the pane asks the clerk to confirm, and the revision carries it so finance sees
 * it. Added here too, so a client that did not add it cannot drop it.
 */
export function withBranchWarning(s: Submission, branchName: string): Submission {
  const wb = s.workbookBranch;
  if (!wb || sameBranch(wb.name, branchName)) return s;
  if (s.findings.some((f) => f.code === 'BRANCH_MISMATCH')) return s;
  const f = makeFinding('BRANCH_MISMATCH', wb.sheet, 0, 0, { value: wb.name, other: branchName });
  return { ...s, findings: [...s.findings, { code: f.code, severity: 'warning', sheet: wb.sheet, cell: wb.cell, message: f.message }] };
}
