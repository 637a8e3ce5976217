/**
 * What confirmed approvals do to a member's months (dues-standard.md §4, 2008规定 第十二条).
 * Months an approval covers are no longer arrears; what it takes off is shown apart from
 * arrears (approvedFen), so a member's arrears before approvals = arrearsFen + approvedFen
 * exactly, to the 分, at every level of the roll-up.
 *
 * - 免交 (exempt): nothing is due in a covered month.
 * - 少交 (reduced): at most `amountFen` is due in a covered month.
 * - 缓交 (deferred): what is unpaid in a covered month is not arrears now (paid on return).
 * - 补交 (back-payment): a covered month counts as paid in full; the money came later.
 * - 转入 (a transfer in, not an approval): months up to its 党费交至年月 were paid at the sending
 *   branch, so nothing is due for them at the receiving one (组织关系转接).
 */
import type { ApprovalKind } from './levels';

export interface MonthFigures {
  month: string;
  dueFen: number;
  paidFen: number;
}

/** What the effect needs of an approval (a confirmed one: pending approvals change nothing). */
export type CoverKind = ApprovalKind | '转入';

export interface ApprovalTerms {
  id: number;
  /** An approval record, or a transfer-in record (its id is the transfer's). */
  source?: 'approval' | 'transfer';
  kind: CoverKind;
  /** The months it covers, 'YYYY-MM', inclusive. */
  fromMonth: string;
  toMonth: string;
  /** 少交: the monthly amount still due; the others: recorded, not used here. */
  amountFen: number;
  /** The approval's 批准文号; for a transfer, the sending org's name. */
  documentNo: string;
}

export const covers = (a: Pick<ApprovalTerms, 'fromMonth' | 'toMonth'>, month: string): boolean => a.fromMonth <= month && month <= a.toMonth;

export interface CoveredMonth {
  month: string;
  approvalId: number;
  source: 'approval' | 'transfer';
  kind: CoverKind;
  documentNo: string;
  /** For a transfer: its 党费交至年月. */
  paidThrough?: string;
}

export interface MemberEffect {
  /** Arrears before approvals: max(0, due − paid) over the period (2008规定 第十二条, quarterly payment allowed). */
  rawArrearsFen: number;
  /** Arrears after approvals. */
  arrearsFen: number;
  /** rawArrearsFen − arrearsFen: what approvals take off, never below zero. */
  approvedFen: number;
  /** Each covered month with the approval that covers it (the first one in id order). */
  covered: CoveredMonth[];
}

/** One month under the approvals covering it: its due and paid as the roll-up counts them. */
export function adjustMonth(m: Omit<MonthFigures, 'month'>, on: readonly ApprovalTerms[]): { dueFen: number; paidFen: number } {
  let dueFen = m.dueFen;
  let paidFen = m.paidFen;
  for (const a of on) {
    if (a.kind === '免交' || a.kind === '转入') dueFen = 0;
    else if (a.kind === '少交') dueFen = Math.min(dueFen, a.amountFen);
  }
  for (const a of on) {
    if (a.kind === '缓交') dueFen = Math.min(dueFen, paidFen);
    else if (a.kind === '补交') paidFen = Math.max(paidFen, dueFen);
  }
  return { dueFen, paidFen };
}

/** Transfers first (they say nothing was due here), then approvals in the order they were made. */
export function orderTerms(approvals: readonly ApprovalTerms[]): ApprovalTerms[] {
  const rank = (a: ApprovalTerms) => (a.source === 'transfer' ? 0 : 1);
  return approvals.slice().sort((a, b) => rank(a) - rank(b) || a.id - b.id);
}

/**
 * 连续六个月未交 (党章 第九条) after the records: the run of `streak` unpaid months ending at `end`
 * ('YYYY-MM'), walked back month by month, stops at the first month a standing record justifies.
 * 党章 第九条 counts months unpaid "没有正当理由" (without a proper reason); an approved 免交,
 * 缓交 or 补交, or months paid at the sending branch before a 转入, are such a reason, so they break
 * the run. 缓交 in particular: deferred, not exempt — the money stays owed and is shown as
 * 经批准不计欠交 (approvedFen), but an approved deferral is a 正当理由, so its months are not
 * "不交纳党费" for 第九条 (2008规定 第十二条: paid on return). A 少交 month with nothing paid is
 * still unpaid (the reduced amount was due), so it does not break the run. Run months have nothing
 * paid, so each is judged as due > 0, paid 0 under the covering records (adjustMonth).
 */
export function streakAfterRecords(streak: number, end: string, terms: readonly ApprovalTerms[]): number {
  if (streak <= 0 || !terms.length) return Math.max(0, streak);
  const sorted = orderTerms(terms);
  let n = 0;
  let y = Number(end.slice(0, 4));
  let m = Number(end.slice(5, 7));
  while (n < streak) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    const on = sorted.filter((a) => covers(a, month));
    if (on.length) {
      const x = adjustMonth({ dueFen: 1, paidFen: 0 }, on);
      if (x.paidFen >= x.dueFen) break;
    }
    n += 1;
    if (--m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return n;
}

export function memberEffect(months: readonly MonthFigures[], approvals: readonly ApprovalTerms[]): MemberEffect {
  const sorted = orderTerms(approvals);
  let due = 0;
  let paid = 0;
  let dueAfter = 0;
  let paidAfter = 0;
  const covered: CoveredMonth[] = [];
  for (const m of months) {
    due += m.dueFen;
    paid += m.paidFen;
    const on = sorted.filter((a) => covers(a, m.month));
    const x = on.length ? adjustMonth(m, on) : m;
    dueAfter += x.dueFen;
    paidAfter += x.paidFen;
    const first = on[0];
    if (first) covered.push({ month: m.month, approvalId: first.id, source: first.source ?? 'approval', kind: first.kind, documentNo: first.documentNo, ...(first.source === 'transfer' ? { paidThrough: first.toMonth } : {}) });
  }
  const rawArrearsFen = Math.max(0, due - paid);
  const arrearsFen = Math.min(rawArrearsFen, Math.max(0, dueAfter - paidAfter));
  return { rawArrearsFen, arrearsFen, approvedFen: rawArrearsFen - arrearsFen, covered };
}
