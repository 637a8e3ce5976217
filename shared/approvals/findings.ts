/** The findings approvals raise about a member (codes APPROVAL_APPLIED, APPROVAL_PENDING, BACKPAY_OVER_SIX_MONTHS). */
import { monthRange } from '../dates';
import { recordFinding, type RecordFinding } from '../findings/record-finding';
import type { CoveredMonth } from './effect';
import { backPayReach, type ApprovalDraft } from './rules';
import type { ApprovalKind, ApprovalLevel } from './levels';

type Who = { name: string; idMasked: string };

/** One info finding per approval that covers some of the member's months: which months, which approval. */
export function appliedFindings(member: Who, covered: readonly CoveredMonth[]): RecordFinding[] {
  const byApproval = new Map<string, CoveredMonth[]>();
  for (const c of covered) {
    const k = `${c.source}:${c.approvalId}`;
    const l = byApproval.get(k);
    if (l) l.push(c);
    else byApproval.set(k, [c]);
  }
  return [...byApproval.values()].map((cs) => {
    const c = cs[0]!;
    const months = cs.map((x) => x.month);
    return c.source === 'transfer'
      ? recordFinding('TRANSFER_PAID_BEFORE', member, months, { month: c.paidThrough ?? months[months.length - 1] }, { transferId: c.approvalId })
      : recordFinding('APPROVAL_APPLIED', member, months, { kind: c.kind, documentNo: c.documentNo }, { approvalId: c.approvalId });
  });
}

export const LEVEL_ZH: Record<ApprovalLevel, string> = { branch: '党支部', committee: '党委' };

export interface ApprovalRecordLike extends ApprovalDraft {
  id: number;
  documentNo: string;
  status: 'pending' | 'confirmed' | 'rejected' | 'withdrawn' | 'revoked';
  level: ApprovalLevel;
}

/** What one approval record says about itself: pending, or a 补交 reaching too far back. */
export function recordFindings(member: Who, a: ApprovalRecordLike): RecordFinding[] {
  const out: RecordFinding[] = [];
  const months = monthRange(a.fromMonth, a.toMonth);
  if (a.status === 'pending') {
    out.push(recordFinding('APPROVAL_PENDING', member, months, { kind: a.kind as ApprovalKind, documentNo: a.documentNo, other: LEVEL_ZH[a.level] }, { approvalId: a.id }));
  }
  const reach = backPayReach(a);
  // A record that no longer stands (rejected, withdrawn, revoked) warns of nothing.
  if (reach !== null && (a.status === 'pending' || a.status === 'confirmed')) {
    out.push(recordFinding('BACKPAY_OVER_SIX_MONTHS', member, months, { count: reach }, { approvalId: a.id }));
  }
  return out;
}
