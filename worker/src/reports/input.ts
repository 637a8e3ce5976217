/**
 * What the consolidated workbook is built from: the roll-up tree exactly as the API returns it,
 * and each branch's member lines. Pure data, so the workbook can be built and tested anywhere
 * (workerd, Node, a bench) without D1.
 */
import type { LargeDuesLine, YearAccounts } from '../../../shared/api/accounts';
import type { Role, RollupMember, RollupNode } from '../../../shared/api/contract';

export interface ReportInput {
  /** The root of the requester's subtree (a 党委, or a 总支 for its own leadership). */
  tree: RollupNode;
  /** "2026Q3" or "2026". */
  period: string;
  /** ISO timestamp printed in the header/footer. */
  generatedAt: string;
  /** Who asked; decides whether the income base may appear. */
  role: Role;
  /** Member lines per branch org code; a branch that has not submitted has none. */
  members: ReadonlyMap<string, readonly RollupMember[]>;
  /** 大额党费 per member and month (its own sheet; never in the regular totals). */
  large?: readonly LargeDuesLine[];
  /** A year's accounts at the 党委, for finance: the 收支结存 sheet (GET /api/accounts/{year}'s figures). */
  accounts?: YearAccounts | null;
  /** The committee's choices for printing (settings.ts); defaults when omitted. */
  print?: ReportPrint;
}

/** What the committee decides about the printed workbook (CommitteeSettings' publicity* and reportPaper). */
export interface ReportPrint {
  publicityDays: number;
  publicityContact: string;
  paper: 'A4' | 'A3';
}

export const DEFAULT_PRINT: ReportPrint = { publicityDays: 7, publicityContact: '所在党支部或党委组织部门', paper: 'A4' };

export function printOf(input: ReportInput): ReportPrint {
  return input.print ?? DEFAULT_PRINT;
}

/**
 * Income is personal data: only those who check the rate applied to it see the base — the same
 * rule as the roll-up API's member drill-down (SEES_BASE in worker/src/rollups/read.ts).
 */
export function mayShowIncome(role: Role): boolean {
  return role === 'finance' || role === 'clerk';
}

/** The months of a period, in order: a quarter has three, a year twelve. */
export function periodMonths(period: string): string[] {
  const q = /^(\d{4})Q([1-4])$/.exec(period);
  if (q) {
    const first = (Number(q[2]) - 1) * 3 + 1;
    return [0, 1, 2].map((i) => `${q[1]}-${String(first + i).padStart(2, '0')}`);
  }
  if (/^\d{4}$/.test(period)) {
    return Array.from({ length: 12 }, (_, i) => `${period}-${String(i + 1).padStart(2, '0')}`);
  }
  throw new Error(`not a period: ${period}`);
}

/** "2026Q3" → "2026年第三季度", "2026" → "2026年度". */
export function periodLabel(period: string): string {
  const q = /^(\d{4})Q([1-4])$/.exec(period);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  return `${period}年度`;
}

/** Six consecutive unpaid months: the branch must review the member (党章 第九条; 2008规定 第十三条). */
export const SIX_MONTHS = 6;

/** Branches of the tree in display order (depth-first, children in the order given). */
export function branchesOf(node: RollupNode, out: RollupNode[] = []): RollupNode[] {
  if (node.org.kind === '党支部') out.push(node);
  for (const c of node.children) branchesOf(c, out);
  return out;
}

/** The 总支 (or 党委) a branch sits directly under, by branch code. */
export function parentsOf(node: RollupNode, out = new Map<string, RollupNode>()): Map<string, RollupNode> {
  for (const c of node.children) {
    out.set(c.org.code, node);
    parentsOf(c, out);
  }
  return out;
}
