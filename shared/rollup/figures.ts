/**
 * Roll-up arithmetic: a branch's quarter figures from its member lines, and any node's figures
 * as the exact sum of its children's. Integer 分 throughout, so every level equals the sum of
 * the level below it to the 分. Shared by the worker, the pane and the consolidated report.
 */
import type { RollupFigures } from '../api/contract';

/** What a member line contributes (the worker stores these per submitted member). */
export interface MemberLine {
  memberClass: '正式党员' | '预备党员';
  category: string;
  months: readonly { dueFen: number; paidFen: number }[];
  unpaidStreak: number;
}

/**
 * The stored, precomputed figures of one branch-quarter (one row per branch and quarter).
 * Counts of members are of the people listed in that quarter's register.
 */
export interface BranchFigures {
  formal: number;
  probationary: number;
  byCategory: Record<string, number>;
  dueFen: number;
  paidFen: number;
  arrearsFen: number;
  inArrears: number;
  sixMonth: number;
  /**
   * What confirmed approvals and transfers-in take off the arrears (shared/approvals/effect.ts);
   * arrearsFen is after them. Absent (0) in what a submission stores: it is applied when read.
   */
  approvedFen?: number;
}

/** Six consecutive unpaid months: 党章 第九条 / 2008规定 第十三条 — flagged, never acted on. */
export const SIX_MONTH_STREAK = 6;

/**
 * A member's arrears in a period: what is due minus what was paid, never below zero. Judged on
 * the period as a whole, because dues may be paid a quarter at once (2008规定 第十二条).
 */
export function memberArrearsFen(months: readonly { dueFen: number; paidFen: number }[]): number {
  let due = 0;
  let paid = 0;
  for (const m of months) {
    due += m.dueFen;
    paid += m.paidFen;
  }
  return Math.max(0, due - paid);
}

export function emptyBranchFigures(): BranchFigures {
  return { formal: 0, probationary: 0, byCategory: {}, dueFen: 0, paidFen: 0, arrearsFen: 0, inArrears: 0, sixMonth: 0 };
}

export function branchFigures(members: readonly MemberLine[]): BranchFigures {
  const f = emptyBranchFigures();
  for (const m of members) {
    if (m.memberClass === '正式党员') f.formal += 1;
    else f.probationary += 1;
    f.byCategory[m.category] = (f.byCategory[m.category] ?? 0) + 1;
    for (const mo of m.months) {
      f.dueFen += mo.dueFen;
      f.paidFen += mo.paidFen;
    }
    const arrears = memberArrearsFen(m.months);
    f.arrearsFen += arrears;
    if (arrears > 0) f.inArrears += 1;
    if (m.unpaidStreak >= SIX_MONTH_STREAK) f.sixMonth += 1;
  }
  return f;
}

/** paid / due in basis points, rounded half-up with integers only; null when nothing is due. */
export function collectionRateBp(paidFen: number, dueFen: number): number | null {
  if (dueFen <= 0) return null;
  return Math.floor((paidFen * 20000 + dueFen) / (2 * dueFen));
}

export type BranchStatus = 'submitted' | 'confirmed' | 'returned';

/** A branch's state in one period: its figures (null when it has not submitted) and status. */
export interface BranchPeriod {
  figures: BranchFigures | null;
  /** Submitted and confirmed in the sense of the period (see yearOfBranch for years). */
  submitted: boolean;
  confirmed: boolean;
}

/** The RollupFigures of one branch in a period. */
export function branchNodeFigures(p: BranchPeriod): RollupFigures {
  const f = p.figures ?? emptyBranchFigures();
  return {
    members: { formal: f.formal, probationary: f.probationary },
    byCategory: { ...f.byCategory },
    dueFen: f.dueFen,
    paidFen: f.paidFen,
    arrearsFen: f.arrearsFen,
    approvedFen: f.approvedFen ?? 0,
    membersInArrears: f.inArrears,
    membersSixMonthArrears: f.sixMonth,
    collectionRateBp: collectionRateBp(f.paidFen, f.dueFen),
    branches: {
      total: 1,
      submitted: p.submitted ? 1 : 0,
      confirmed: p.confirmed ? 1 : 0,
      missing: p.submitted ? 0 : 1,
    },
  };
}

/** A node's figures: the exact sum of its children's (the rate is recomputed, not averaged). */
export function sumFigures(children: readonly RollupFigures[]): RollupFigures {
  const out: RollupFigures = {
    members: { formal: 0, probationary: 0 },
    byCategory: {},
    dueFen: 0,
    paidFen: 0,
    arrearsFen: 0,
    approvedFen: 0,
    membersInArrears: 0,
    membersSixMonthArrears: 0,
    collectionRateBp: null,
    branches: { total: 0, submitted: 0, confirmed: 0, missing: 0 },
  };
  for (const c of children) {
    out.members.formal += c.members.formal;
    out.members.probationary += c.members.probationary;
    for (const [k, v] of Object.entries(c.byCategory)) out.byCategory[k] = (out.byCategory[k] ?? 0) + v;
    out.dueFen += c.dueFen;
    out.paidFen += c.paidFen;
    out.arrearsFen += c.arrearsFen;
    out.approvedFen = (out.approvedFen ?? 0) + (c.approvedFen ?? 0);
    out.membersInArrears += c.membersInArrears;
    out.membersSixMonthArrears += c.membersSixMonthArrears;
    out.branches.total += c.branches.total;
    out.branches.submitted += c.branches.submitted;
    out.branches.confirmed += c.branches.confirmed;
    out.branches.missing += c.branches.missing;
  }
  out.collectionRateBp = collectionRateBp(out.paidFen, out.dueFen);
  return out;
}

/** One quarter of a branch as a year sees it. */
export interface QuarterOfYear {
  figures: BranchFigures;
  status: BranchStatus;
  /**
   * Keys (keyed ID hashes) of the members in arrears that quarter. With them a year counts each
   * person in arrears once; without them it falls back to the latest quarter's count.
   */
  arrearsKeys?: readonly string[] | null;
}

/**
 * A branch over a year from its four quarters (null = not submitted). Amounts are the sums of
 * the quarters; head counts (members, categories, six-month cases) are those of the latest
 * quarter submitted, since the same people appear in every quarter. Members in arrears are the
 * people in arrears in any quarter (a member's year arrears are the sum of their quarters', so
 * these are exactly the people whose year arrears are above zero). A branch counts as submitted
 * for the year when all four quarters are in, confirmed when all four are confirmed.
 */
export function yearOfBranch(quarters: readonly (QuarterOfYear | null)[]): BranchPeriod {
  let latest: BranchFigures | null = null;
  let dueFen = 0;
  let paidFen = 0;
  let arrearsFen = 0;
  let approvedFen = 0;
  let submitted = 0;
  let confirmed = 0;
  let keyed = true;
  const inArrears = new Set<string>();
  for (const q of quarters) {
    if (!q) continue;
    latest = q.figures;
    dueFen += q.figures.dueFen;
    paidFen += q.figures.paidFen;
    arrearsFen += q.figures.arrearsFen;
    approvedFen += q.figures.approvedFen ?? 0;
    submitted += 1;
    if (q.status === 'confirmed') confirmed += 1;
    if (q.arrearsKeys) for (const k of q.arrearsKeys) inArrears.add(k);
    else keyed = false;
  }
  const figures = latest
    ? { ...latest, byCategory: { ...latest.byCategory }, dueFen, paidFen, arrearsFen, approvedFen, inArrears: keyed ? inArrears.size : latest.inArrears }
    : null;
  return { figures, submitted: submitted === 4, confirmed: confirmed === 4 };
}
