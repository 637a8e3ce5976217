/**
 * One member's dues across their register rows (an annual sheet, or one row per quarter sheet):
 * coverage as of the report date (UNPAID, UNDERPAID, ARREARS_6_MONTHS), voluntary and large
 * payments (OVERPAID, LARGE_VOLUNTARY), a base changed inside a year, and the member's months.
 */
import { formatYuan } from '../money';
import type { MessageParams } from '../findings/messages';
import type { FindingCode } from '../findings/codes';
import type { MemberRecord } from '../roster/member';
import { coverageOf, monthNumber, SETTLED, type Coverage } from './coverage';
import { dueAt, type DuesRow, type RegisterContext } from './row';
import { zerosFen, type DuesColumns } from './dues-columns';


/** 2008规定 第十一条: a voluntary payment of 1000 yuan or more is 大额党费. */
export const LARGE_VOLUNTARY_FEN = 100_000;

/** One member's months across their rows, in month order: where each came from, due and paid. */
interface Merged {
  n: number;
  nums: number[];
  labels: string[];
  due: number[];
  paid: number[];
  /** Row and grid column of each month's cell, for findings. */
  rows: DuesRow[];
  cols: number[];
  base: (number | null)[];
  /** Month index → 大额党费 part, filled by reportCoverage. */
  large: Map<number, number>;
}

/** Shared empty map for single-row members; replaced before anything is written to it. */
const NO_LARGE = new Map<number, number>();
/** judgeOneRow's view of a row for reportCoverage, refilled per member that has findings. */
const SCRATCH_MERGED: Merged = { n: 0, nums: [], labels: [], due: [], paid: [], rows: [], cols: [], base: [], large: NO_LARGE };

/**
 * A member's rows (several, or one whose months are out of order) as one line of months;
 * `joinMonth` (a month number, −1 unknown) zeroes earlier months.
 */
function mergeRows(group: DuesRow[], joinMonth: number, fill?: readonly string[]): Merged {
  // General case: several rows (quarter sheets, or one member on two rows), merged by month.
  const at = new Map<number, number>();
  const entries: { num: number; label: string; due: number; paid: number; row: DuesRow; col: number; blank: boolean }[] = [];
  for (const row of group) {
    const ms = row.months;
    for (let i = 0; i < ms.nums.length; i++) {
      if (row.paid[i]! < 0) continue;
      const num = ms.nums[i]!;
      const before = num < joinMonth;
      const due = before ? 0 : dueAt(row, i);
      const paid = before ? 0 : row.paid[i]!;
      const blank = row.paid[i] === 0;
      const k = at.get(num);
      if (k === undefined) {
        at.set(num, entries.length);
        entries.push({ num, label: ms.labels[i]!, due, paid, row, col: ms.cols[i]!, blank });
      } else {
        const e = entries[k]!;
        e.paid += paid;
        if (e.blank && !blank) {
          e.blank = false;
          e.row = row;
          e.col = ms.cols[i]!;
        }
      }
    }
  }
  // Months of the span no row names (a register of one row per month): nothing paid, the due
  // of the member's nearest earlier row (else the first), the finding on that row's name.
  if (fill && entries.length) {
    entries.sort((a, b) => a.num - b.num);
    const present = new Set(entries.map((e) => e.num));
    const extra: typeof entries = [];
    for (const label of fill) {
      const num = monthNumber(label);
      if (present.has(num)) continue;
      let rep = entries[0]!;
      for (const e of entries) if (e.num < num) rep = e;
      const before = num < joinMonth;
      extra.push({ num, label, due: before ? 0 : dueAt(rep.row, 0), paid: 0, row: rep.row, col: rep.row.nameCol, blank: true });
    }
    for (const e of extra) entries.push(e);
  }
  entries.sort((a, b) => a.num - b.num);
  return {
    n: entries.length,
    nums: entries.map((e) => e.num),
    labels: entries.map((e) => e.label),
    due: entries.map((e) => e.due),
    paid: entries.map((e) => e.paid),
    rows: entries.map((e) => e.row),
    cols: entries.map((e) => e.col),
    base: entries.map((e) => e.row.baseFen),
    large: new Map(),
  };
}

function addAt(ctx: RegisterContext, row: DuesRow, code: FindingCode, c: number, p: MessageParams): void {
  ctx.findings.add(code, row.table.sheet, row.r + row.table.origin.row, c + row.table.origin.col, p);
}

const yuan = (fen: number) => formatYuan(fen === fen ? fen : 0);

function rowOf(m: Merged, i: number): DuesRow {
  return m.rows.length === 1 ? m.rows[0]! : m.rows[i]!;
}

/** UNPAID, UNDERPAID, ARREARS_6_MONTHS, OVERPAID and LARGE_VOLUNTARY from a member's coverage. */
function reportCoverage(m: Merged, cov: Coverage, suspended: boolean, ctx: RegisterContext): void {
  if (!suspended) {
    for (const i of cov.unpaid) addAt(ctx, rowOf(m, i), 'UNPAID', m.cols[i]!, { month: m.labels[i]!, expected: yuan(m.due[i]!) });
    for (const i of cov.underpaid) {
      addAt(ctx, rowOf(m, i), 'UNDERPAID', m.cols[i]!, { month: m.labels[i]!, actual: yuan(m.paid[i]!), expected: yuan(m.due[i]!) });
    }
    if (cov.longestRun.length >= 6) {
      const first = cov.longestRun[0]!;
      const last = cov.longestRun[cov.longestRun.length - 1]!;
      const row = rowOf(m, last);
      addAt(ctx, row, 'ARREARS_6_MONTHS', row.nameCol, { count: cov.longestRun.length, months: [m.labels[first]!, m.labels[last]!] });
    }
  }
  for (const e of cov.excess) {
    const row = rowOf(m, e.index);
    const p = { month: m.labels[e.index]!, amount: formatYuan(e.fen) };
    if (e.fen >= LARGE_VOLUNTARY_FEN) {
      if (m.large === NO_LARGE) m.large = new Map();
      m.large.set(e.index, e.fen);
      addAt(ctx, row, 'LARGE_VOLUNTARY', m.cols[e.index]!, p);
    } else if (!suspended) {
      addAt(ctx, row, 'OVERPAID', m.cols[e.index]!, p);
    }
  }
}

const NO_BASE: (number | null)[][] = [];
/**
 * One base for each of n months. Flat categories have none: those members share one array of
 * nulls (read-only by convention; zerosFen's are frozen) instead of one each (issue 14).
 */
function repeatedBase(base: number | null, n: number): (number | null)[] {
  if (base === null) return (NO_BASE[n] ??= new Array<number | null>(n).fill(null));
  const out = new Array<number | null>(n);
  for (let i = 0; i < n; i++) out[i] = base;
  return out;
}

/** Where judgeOneRow works out a row's months before they are kept (or, without a member, dropped). */
const SCRATCH_DUE: number[] = [];
const SCRATCH_PAID: number[] = [];

/**
 * judgeMember for a member's only row, its months ascending (nearly every member of a wide
 * register): due and paid are worked out in scratch arrays, then copied into the table's
 * columns (`columns`, for rows of its months) or, elsewhere, arrays of the member's own. The
 * same findings and record as the general path.
 */
function judgeOneRow(
  row: DuesRow, member: MemberRecord | null, ctx: RegisterContext, lastJudged: number, joinMonth: number, suspended: boolean,
  columns: DuesColumns | null,
): void {
  const ms = row.months;
  const n = ms.nums.length;
  const nums = ms.nums;
  const due = SCRATCH_DUE;
  const paid = SCRATCH_PAID;
  // dueAt is one figure for every month unless the row states or the standard varies by month.
  const flatDue = row.statedDueFen ?? (row.statedDueByMonth === null && row.stdDueByMonth === null ? row.stdDueAll : null);
  // coverageOf's first pass, in this loop: what is due and paid up to the last judged month, and
  // whether any month is paid above its due. Nothing short and nothing over (nearly every
  // member) is SETTLED, and coverageOf is not asked (issue 14; the one-row path's property test
  // holds this to coverageOf's own answer).
  let dueSum = 0;
  let paidSum = 0;
  let dueJudged = 0;
  let paidJudged = 0;
  let anyJudged = false;
  let anyExcess = false;
  for (let i = 0; i < n; i++) {
    const num = nums[i]!;
    const before = num < joinMonth;
    // Before joining nothing is due, and what was paid is already DUES_BEFORE_JOIN.
    const p = row.paid[i]!;
    // An unreadable cell (AMOUNT_INVALID) is not judged: neither due nor paid counts.
    // 停止党籍: nothing is due while suspended (dues-standard §2, §4).
    const d = suspended ? 0 : p < 0 ? NaN : before ? 0 : flatDue ?? dueAt(row, i);
    const pd = before || p < 0 ? 0 : p;
    due[i] = d;
    paid[i] = pd;
    if (d === d) {
      dueSum += d;
      if (pd > d) anyExcess = true;
    }
    paidSum += pd;
    if (num <= lastJudged) {
      anyJudged = true;
      dueJudged = dueSum;
      paidJudged = paidSum;
    }
  }
  const settled = !anyExcess && (!anyJudged || paidJudged >= dueJudged);
  const cov = settled ? SETTLED : coverageOf(nums, due, paid, n, lastJudged);
  let large = NO_LARGE;
  if (cov.unpaid.length || cov.underpaid.length || cov.excess.length) {
    const m = SCRATCH_MERGED;
    m.n = n;
    m.nums = nums;
    m.labels = ms.labels;
    m.due = due;
    m.paid = paid;
    m.rows[0] = row;
    m.cols = ms.cols;
    m.base[0] = row.baseFen;
    m.large = NO_LARGE;
    reportCoverage(m, cov, suspended, ctx);
    large = m.large;
    // The scratch keeps nothing of this member past it.
    m.rows[0] = null as unknown as DuesRow;
  }
  if (!member) return;
  member.duesRows = [{ sheet: row.table.sheet, row: row.r + row.table.origin.row }];
  if (!member.category && row.category) member.category = row.category;
  member.unpaidStreak = suspended ? 0 : cov.streak;
  let largeFen: number[] | null = null;
  if (large.size) {
    largeFen = new Array<number>(n).fill(0);
    for (const [i, fen] of large) largeFen[i] = fen;
  }
  if (columns !== null && columns.months === ms.labels && !columns.full) {
    member.dues = columns.keep(due, paid, row.baseFen, largeFen);
    return;
  }
  // The kept due is 0 where unknown; the kept paid leaves out the 大额党费 part.
  const dueFen = new Array<number>(n);
  const paidFen = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const d = due[i]!;
    dueFen[i] = d === d ? d : 0;
    paidFen[i] = largeFen === null ? paid[i]! : paid[i]! - largeFen[i]!;
  }
  member.dues = { months: ms.labels, baseFen: repeatedBase(row.baseFen, n), dueFen, paidFen, largeFen: largeFen ?? zerosFen(n) };
}

/** Coverage, over/under payment, arrears and base changes for one member's rows. */
export function judgeMember(
  group: DuesRow[], member: MemberRecord | null, ctx: RegisterContext, lastJudged: number, fill?: readonly string[],
  /** Where a one-row member of this table's months is kept (register/checks.ts); plain arrays without. */
  columns: DuesColumns | null = null,
  /** The member's month of joining as a month number (−1 when unknown), when the caller has it. */
  joinMonth = member?.joinDate ? monthNumber(member.joinDate) : -1,
): void {
  const suspended = member?.standing === '停止党籍';
  if (group.length === 1 && group[0]!.months.ascending && !fill) {
    judgeOneRow(group[0]!, member, ctx, lastJudged, joinMonth, suspended, columns);
    return;
  }
  const m = mergeRows(group, joinMonth, fill);
  if (suspended) for (let i = 0; i < m.n; i++) m.due[i] = 0;
  const cov = coverageOf(m.nums, m.due, m.paid, m.n, lastJudged);
  if (cov.unpaid.length || cov.underpaid.length || cov.excess.length) reportCoverage(m, cov, suspended, ctx);

  // 2017通知: the base is fixed for the year; a change inside one year is worth a look.
  if (group.length > 1) {
    const baseByYear = new Map<string, number>();
    for (const row of group) {
      if (row.baseFen === null || !row.months.labels.length || row.table.columns.base === undefined) continue;
      const year = row.months.labels[0]!.slice(0, 4);
      const first = baseByYear.get(year);
      if (first === undefined) baseByYear.set(year, row.baseFen);
      else if (first !== row.baseFen) addAt(ctx, row, 'BASE_CHANGED', row.table.columns.base, { other: formatYuan(first), value: formatYuan(row.baseFen) });
    }
  }

  if (member) {
    member.duesRows = group.length === 1
      ? [{ sheet: group[0]!.table.sheet, row: group[0]!.r + group[0]!.table.origin.row }]
      : group.map((row) => ({ sheet: row.table.sheet, row: row.r + row.table.origin.row }));
    if (!member.category) for (const row of group) if (row.category) { member.category = row.category; break; }
    member.unpaidStreak = suspended ? 0 : cov.streak;
    const n = m.n;
    const dueFen = new Array<number>(n);
    const paidFen = new Array<number>(n);
    let largeFen = zerosFen(n);
    if (m.large.size) {
      const own = new Array<number>(n).fill(0);
      for (const [i, fen] of m.large) own[i] = fen;
      largeFen = own;
    }
    for (let i = 0; i < n; i++) {
      const due = m.due[i]!;
      dueFen[i] = due === due ? due : 0;
      paidFen[i] = m.paid[i]! - largeFen[i]!;
    }
    const baseFen = m.rows.length === 1 ? repeatedBase(m.base[0]!, n) : m.base;
    member.dues = { months: m.labels, baseFen, dueFen, paidFen, largeFen };
  }
}
