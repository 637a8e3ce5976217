/** Chinese labels shared by the report's sheets. */
import type { RollupNode } from '../../../shared/api/contract';

export function yuan(fen: number): number {
  // fen is an integer, so fen / 100 is the nearest double to the exact yuan amount and
  // Math.round(yuan * 100) gives the fen back: readers recover the roll-up exactly.
  return fen / 100;
}

/** ISO timestamp → "2026-11-27 07:50（北京时间）": committees work in UTC+8. */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}（北京时间）`;
}

const isYear = (node: RollupNode) => /^\d{4}$/.test(node.period);
const hasFigures = (node: RollupNode) => node.figures.dueFen > 0 || node.figures.members.formal + node.figures.members.probationary > 0;

export function submissionLabel(node: RollupNode): string {
  if (node.org.kind !== '党支部') {
    const b = node.figures.branches;
    // In a year a branch counts as in only with all four quarters (shared/rollup yearOfBranch).
    return isYear(node) ? `已报齐 ${b.submitted}/${b.total}` : `已报送 ${b.submitted}/${b.total}`;
  }
  // A year has no single status: a branch is 已报齐 when all four quarters count, else says how many do.
  if (isYear(node)) {
    const n = node.quartersSubmitted ?? (node.figures.branches.submitted ? 4 : 0);
    if (n >= 4 || node.figures.branches.submitted) return '已报齐';
    return n > 0 || hasFigures(node) ? `未报齐（${n}/4个季度）` : '未报送';
  }
  switch (node.status) {
    case 'submitted': return `已报送（第${node.revision ?? 1}版）`;
    case 'confirmed': return `已报送（第${node.revision ?? 1}版）`;
    // A return makes an earlier revision count, when one stands: say which, so no figure surprises.
    case 'returned': return node.countedRevision ? `按第${node.countedRevision}版计（第${node.revision ?? '?'}版已退回）` : '已退回';
    default: return '未报送';
  }
}

export function confirmationLabel(node: RollupNode): string {
  if (node.org.kind !== '党支部') {
    const b = node.figures.branches;
    return `已确认 ${b.confirmed}/${b.total}${node.locked ? '，已锁定' : ''}`;
  }
  if (isYear(node)) {
    if (node.figures.branches.confirmed) return node.locked ? '已确认，已锁定' : '已确认';
    return hasFigures(node) ? '未全部确认' : '—';
  }
  switch (node.status) {
    case 'confirmed': return node.locked ? '已确认，已锁定' : '已确认';
    case 'submitted': return '待确认';
    case 'returned': return '退回修改';
    default: return '—';
  }
}

/** What a branch with no member lines shows: not submitted, returned (so not counted), or no members. */
export function emptyBranchText(node: RollupNode): string {
  if (node.figures.branches.submitted) return '无党员';
  if (node.status === 'returned') return '已退回，待重新报送';
  return node.status === null ? '本期未报送' : '无党员';
}

/** "2026-07" → "7月". */
export function monthLabel(month: string): string {
  return `${Number(month.slice(5, 7))}月`;
}
