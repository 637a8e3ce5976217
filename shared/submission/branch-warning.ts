/**
 * The warning a 报送 carries when its workbook names another branch than the one submitting it
 * (issue 12): the pane adds it once the clerk has confirmed, so the confirmation shows it among
 * the warnings that travel; the worker adds it too, so a client that did not cannot drop it.
 */
import type { Submission } from '../api/contract';
import { messageFor } from '../findings/messages';
import { sameBranch } from '../recognise/branch-name';

/** The body with a BRANCH_MISMATCH warning when `workbookBranch` is not `branchName` (unchanged otherwise). */
export function withBranchWarning(s: Submission, branchName: string): Submission {
  const wb = s.workbookBranch;
  if (!wb || sameBranch(wb.name, branchName)) return s;
  if (s.findings.some((f) => f.code === 'BRANCH_MISMATCH')) return s;
  const { zh } = messageFor('BRANCH_MISMATCH', { value: wb.name, other: branchName });
  return { ...s, findings: [...s.findings, { code: 'BRANCH_MISMATCH', severity: 'warning', sheet: wb.sheet, cell: wb.cell, message: zh }] };
}
