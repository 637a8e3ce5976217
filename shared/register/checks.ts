/**
 * Checks the dues register (党费收缴登记表) row by row against the standard (rate, due, flat
 * amounts, ceiling), matches rows to the roster, judges arrears by coverage and checks totals.
 * Each row is read once into integers; the per-month work is plain arithmetic.
 */
import type { CellValue } from '../grid';
import { compactText } from '../cell-text';
import { formatYuan } from '../money';
import { canonicalCategory, type Category } from '../standard/categories';
import { monthlyDue, type MonthlyDue } from '../standard/dues';
import { formatRate, parseRateCell, sameRate, type RateParse } from '../standard/rate';
import type { CommitteeSettings } from '../settings';
import type { FindingList } from '../findings/collect';
import type { MessageParams } from '../findings/messages';
import type { FindingCode, Severity } from '../findings/codes';
import type { FixValue } from '../findings/finding';
import { cellAt, formatAt, type RecognisedTable } from '../recognise/table';
import type { MemberMonth, MemberRecord } from '../roster/member';
import { readAmount } from './amount';
import { coverageOf, lastJudgedMonth, monthNumber, type Coverage } from './coverage';
import { idKey, RosterIndex } from './match';

/** 2017通知: regular monthly dues are normally at most 1000 yuan. */
export const MONTHLY_CEILING_FEN = 100_000;
/** 2008规定 第十一条: a voluntary payment of 1000 yuan or more is 大额党费. */
export const LARGE_VOLUNTARY_FEN = 100_000;

export interface RegisterContext {
  asOf: string;
  settings: CommitteeSettings;
  findings: FindingList;
}

/** Month columns of one table, read once: 'YYYY-MM', month number, 0-based grid column. */
interface TableMonths {
  labels: string[];
  nums: number[];
  cols: number[];
}

/** In DuesRow.paid: a month cell that holds no readable amount (already AMOUNT_INVALID). */
const INVALID = -1;

interface DuesRow {
  table: RecognisedTable;
  r: number;
  name: string;
  nameCol: number;
  id: string | null;
  category: Category | null;
  baseFen: number | null;
  /** The standard's answer for the row's first month that has one (for rate/due checks). */
  std: MonthlyDue | null;
  /** Standard due of every month when one table covers them all (the usual case), NaN when unknown. */
  stdDueAll: number;
  /** Standard due per month when it varies inside the row's months; else null. */
  stdDueByMonth: number[] | null;
  /** The due the row states (月应交), or null. */
  statedDueFen: number | null;
  months: TableMonths;
  /** Paid per month in 分: 0 when blank, INVALID (−1) when the cell is not an amount. */
  paid: number[];
  anyInvalid: boolean;
  member: number | null;
}

const EMPTY_ROW: CellValue[] = [];
const monthLabel = (ym: string) => `${Number(ym.slice(0, 4))}年${Number(ym.slice(5, 7))}月`;
const isBlank = (v: CellValue) => v === null || (typeof v === 'string' && compactText(v) === '');

function yuanFix(original: CellValue, fen: number): FixValue {
  return typeof original === 'string' ? formatYuan(fen).replace(/,/g, '') : fen / 100;
}

class SheetFindings {
  constructor(private list: FindingList, private table: RecognisedTable) {}
  add(code: FindingCode, r: number, c: number, p?: MessageParams, fix?: FixValue, sev?: Severity): void {
    this.list.add(code, this.table.sheet, r + this.table.origin.row, c + this.table.origin.col, p, fix, sev);
  }
}

function dueFenOf(d: MonthlyDue | null): number {
  if (!d) return NaN;
  return d.kind === 'rate' || d.kind === 'flat' ? d.dueFen : d.kind === 'none' ? 0 : NaN;
}

/**
 * The standard due for each month of a row, into `out`; computed once when one table covers
 * all the months (the usual case), month by month when a dated table changes inside them.
 */
function standardDues(category: Category | null, baseFen: number | null, months: TableMonths, ctx: RegisterContext, row: Pick<DuesRow, 'stdDueAll' | 'stdDueByMonth'>): MonthlyDue | null {
  const n = months.labels.length;
  row.stdDueAll = NaN;
  row.stdDueByMonth = null;
  if (!category || n === 0) return null;
  const first = monthlyDue({ category, baseFen, month: months.labels[0]! }, ctx.settings);
  const last = n > 1 ? monthlyDue({ category, baseFen, month: months.labels[n - 1]! }, ctx.settings) : first;
  const same = first.kind === last.kind && (first.kind !== 'rate' || (last.kind === 'rate' && first.table === last.table));
  if (same && ctx.settings.tableOverrides.length === 0) {
    row.stdDueAll = dueFenOf(first);
    return first.kind === 'unchecked' ? null : first;
  }
  let found: MonthlyDue | null = null;
  const out = new Array<number>(n);
  row.stdDueByMonth = out;
  for (let i = 0; i < n; i++) {
    const d = monthlyDue({ category, baseFen, month: months.labels[i]! }, ctx.settings);
    out[i] = dueFenOf(d);
    if (!found && d.kind !== 'unchecked') found = d;
  }
  return found;
}

function tableMonths(table: RecognisedTable): TableMonths {
  const paid = table.months.filter((m) => m.part === 'paid');
  return { labels: paid.map((m) => m.month), nums: paid.map((m) => monthNumber(m.month)), cols: paid.map((m) => m.col) };
}

function readRow(table: RecognisedTable, months: TableMonths, r: number, ctx: RegisterContext, out: SheetFindings, rosterCategory: (id: string | null, name: string) => Category | null): DuesRow {
  const { grid, columns: col } = table;
  const row = grid.values[r] ?? [];
  const nameCol = col.name ?? col.idNumber ?? 0;
  const nameV = col.name === undefined ? null : row[col.name] ?? null;
  const name = typeof nameV === 'string' ? compactText(nameV) : nameV === null ? '' : String(nameV);
  const id = col.idNumber === undefined ? null : idKey(row[col.idNumber] ?? null);
  let anyInvalid = false;

  let category: Category | null = null;
  if (col.category !== undefined) {
    const v = row[col.category] ?? null;
    if (!isBlank(v)) {
      category = canonicalCategory(v);
      if (!category) out.add('DUES_CATEGORY_INVALID', r, col.category, { value: String(v) });
    }
  }
  category ??= rosterCategory(id, name);

  let baseFen: number | null = null;
  if (col.base !== undefined) {
    const v = row[col.base] ?? null;
    const m = readAmount(v);
    if (m.ok) baseFen = m.fen;
    else if (m.reason !== 'empty') {
      anyInvalid = true;
      out.add('AMOUNT_INVALID', r, col.base, { value: String(v), kind: m.reason });
    }
  }
  let statedDueFen: number | null = null;
  if (col.due !== undefined) {
    const v = row[col.due] ?? null;
    const m = readAmount(v);
    if (m.ok) statedDueFen = m.fen;
    else if (m.reason !== 'empty') {
      anyInvalid = true;
      out.add('AMOUNT_INVALID', r, col.due, { value: String(v), kind: m.reason });
    }
  }

  const n = months.labels.length;
  const paid = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const c = months.cols[i]!;
    const v = row[c] ?? null;
    paid[i] = 0;
    if (v === null || v === '') continue;
    if (typeof v === 'number' && v >= 0 && v < 1e13) {
      // Fast path of readAmount, inline: most month cells are plain 2-decimal numbers.
      const f = Math.round(v * 100);
      if (f / 100 === v) {
        paid[i] = f;
        continue;
      }
    }
    const m = readAmount(v);
    if (m.ok) paid[i] = m.fen;
    else if (m.reason !== 'empty') {
      anyInvalid = true;
      paid[i] = INVALID;
      out.add('AMOUNT_INVALID', r, c, { value: String(v), kind: m.reason, month: monthLabel(months.labels[i]!) });
    }
  }
  const out2: DuesRow = {
    table, r, name, nameCol, id, category, baseFen, statedDueFen, months, paid, anyInvalid,
    member: null, std: null, stdDueAll: NaN, stdDueByMonth: null,
  };
  out2.std = standardDues(category, baseFen, months, ctx, out2);
  return out2;
}

/** Rate cells repeat (0.015, "1.5%", 定额): parse each distinct value and format once. */
const rateByNumber = new Map<number, RateParse>();
const rateByNumberPct = new Map<number, RateParse>();
const rateByText = new Map<string, RateParse>();
function rateOf(v: CellValue, format: string | undefined): RateParse {
  let cache: Map<number, RateParse> | Map<string, RateParse>;
  if (typeof v === 'number') cache = format !== undefined && format.includes('%') ? rateByNumberPct : rateByNumber;
  else if (typeof v === 'string') cache = rateByText;
  else return parseRateCell(v, format);
  let hit = (cache as Map<CellValue, RateParse>).get(v);
  if (!hit) {
    hit = parseRateCell(v, format);
    if (cache.size > 10_000) cache.clear();
    (cache as Map<CellValue, RateParse>).set(v, hit);
  }
  return hit;
}

/** Rate, due, flat amount and ceiling of one row against the standard (dues-standard §2–§4). */
function checkStandard(row: DuesRow, out: SheetFindings): void {
  const { table, r } = row;
  const { grid, columns: col } = table;
  const std = row.std;
  if (!std || std.kind === 'unchecked' || std.kind === 'none' || row.category === '停止党籍') return;
  const categoryText = row.category ?? '';
  if (col.rate !== undefined) {
    const v = cellAt(grid, r, col.rate);
    const rate = rateOf(v, formatAt(grid, r, col.rate));
    if (rate.ok && std.kind === 'rate') {
      const wrong = rate.kind === 'flat' || !sameRate(rate.rate, std.rate);
      if (wrong) {
        const expected = formatRate(std.rate);
        const fix = typeof v === 'number' ? std.rate.num / std.rate.den : expected;
        out.add('RATE_WRONG', r, col.rate, {
          actual: rate.kind === 'flat' ? String(v) : formatRate(rate.rate), expected,
          base: row.baseFen === null ? '' : formatYuan(row.baseFen), category: categoryText,
        }, fix);
      }
    } else if (rate.ok && std.kind === 'flat' && rate.kind === 'rate') {
      out.add('RATE_WRONG', r, col.rate, { actual: formatRate(rate.rate), expected: '定额', base: '', category: categoryText }, '定额');
    } else if (!rate.ok && rate.reason === 'text' && std.kind === 'rate') {
      out.add('RATE_WRONG', r, col.rate, { actual: String(v), expected: formatRate(std.rate), base: row.baseFen === null ? '' : formatYuan(row.baseFen), category: categoryText },
        formatRate(std.rate));
    }
  }
  const dueCell = col.due;
  if (dueCell !== undefined && row.statedDueFen !== null) {
    const original = cellAt(grid, r, dueCell);
    if (std.kind === 'flat' && row.statedDueFen !== std.dueFen) {
      out.add('FLAT_WRONG', r, dueCell, { category: categoryText, expected: formatYuan(std.dueFen), actual: formatYuan(row.statedDueFen) }, yuanFix(original, std.dueFen));
    } else if (std.kind === 'rate' && row.statedDueFen !== std.dueFen) {
      out.add('DUE_WRONG', r, dueCell, { expected: formatYuan(std.dueFen), actual: formatYuan(row.statedDueFen) }, yuanFix(original, std.dueFen));
    }
  }
  const due = row.statedDueFen ?? (std.kind === 'rate' || std.kind === 'flat' ? std.dueFen : 0);
  if (due > MONTHLY_CEILING_FEN) out.add('MONTHLY_CEILING', r, dueCell ?? col.base ?? row.nameCol, { amount: formatYuan(due) });
}

function checkSum(row: DuesRow, c: number, expected: number, out: SheetFindings): void {
  const v = cellAt(row.table.grid, row.r, c);
  if (v === null || v === '') return;
  const fen = fenOf(v);
  if (fen === fen && fen !== expected) {
    out.add('SUBTOTAL_WRONG', row.r, c, { actual: formatYuan(fen), expected: formatYuan(expected) }, yuanFix(v, expected));
  }
}

/** An amount in 分, NaN when the cell is blank or not an amount (fast path for plain numbers). */
function fenOf(v: CellValue): number {
  if (typeof v === 'number' && v >= 0 && v < 1e13) {
    const f = Math.round(v * 100);
    if (f / 100 === v) return f;
  }
  const m = readAmount(v);
  return m.ok ? m.fen : NaN;
}

/** Row totals (累计实交) and quarter subtotals against the month cells of the row. */
function checkRowTotals(row: DuesRow, out: SheetFindings): void {
  if (row.anyInvalid) return;
  const { table } = row;
  if (table.columns.paidTotal !== undefined) {
    let sum = 0;
    for (let i = 0; i < row.paid.length; i++) sum += row.paid[i]!;
    checkSum(row, table.columns.paidTotal, sum, out);
  }
  for (const qt of table.quarterTotals) {
    let sum = 0;
    for (let i = 0; i < row.paid.length; i++) if (Math.floor((row.months.nums[i]! % 12) / 3) + 1 === qt.quarter) sum += row.paid[i]!;
    checkSum(row, qt.col, sum, out);
  }
}

/** A 合计/小计 row: each amount column must be the sum of the member rows it closes. */
function checkTotalsRows(table: RecognisedTable, out: SheetFindings): void {
  if (!table.totalsRows.length) return;
  const { grid, columns: col } = table;
  const cols = new Set<number>();
  for (const m of table.months) cols.add(m.col);
  for (const q of table.quarterTotals) cols.add(q.col);
  for (const k of ['paidTotal', 'dueTotal', 'due', 'base'] as const) if (col[k] !== undefined) cols.add(col[k]);
  const members = table.memberRows;
  let prevTotal = -1;
  for (const tr of table.totalsRows) {
    const label = compactText(String(grid.values[tr]?.find((v) => typeof v === 'string' && /合计|小计|总计|累计/.test(v)) ?? ''));
    // A 小计 closes the rows since the previous totals row; 合计/总计 all member rows above it.
    const from = label.includes('小计') ? prevTotal : -1;
    let lo = 0;
    while (lo < members.length && members[lo]! <= from) lo++;
    let hi = lo;
    while (hi < members.length && members[hi]! < tr) hi++;
    prevTotal = tr;
    for (const c of cols) {
      const v = cellAt(grid, tr, c);
      if (isBlank(v)) continue;
      const total = fenOf(v);
      if (total !== total) continue;
      let sum = 0;
      for (let k = lo; k < hi; k++) {
        const cv = (grid.values[members[k]!] ?? EMPTY_ROW)[c] ?? null;
        if (cv === null || cv === '') continue;
        sum += fenOf(cv); // NaN when a cell is broken (already AMOUNT_INVALID): no total judged
      }
      if (sum === sum && sum !== total) out.add('SUBTOTAL_WRONG', tr, c, { actual: formatYuan(total), expected: formatYuan(sum) }, yuanFix(v, sum));
    }
  }
}

export interface RegisterResult {
  /** Register rows whose member is not on the roster, by sheet, for hosts that list them. */
  unknownRows: { sheet: string; row: number; name: string }[];
}

/**
 * Checks every register table and fills each matched member's months, category, streak and
 * register rows. Roster members in normal standing without any row get DUES_MEMBER_MISSING.
 */
export function checkRegisters(
  tables: RecognisedTable[],
  members: MemberRecord[],
  rosterNameCol: (m: MemberRecord) => { sheet: string; row: number; col: number },
  ctx: RegisterContext,
  hasRoster: boolean,
): RegisterResult {
  const index = new RosterIndex(members);
  const rosterCategory = (id: string | null, name: string): Category | null => {
    const hit = index.find(id, name);
    return hit ? members[hit.index]!.category : null;
  };
  const rows: DuesRow[] = [];
  const result: RegisterResult = { unknownRows: [] };

  for (const table of tables) {
    const out = new SheetFindings(ctx.findings, table);
    const months = tableMonths(table);
    for (const r of table.memberRows) {
      const row = readRow(table, months, r, ctx, out, rosterCategory);
      const hit = hasRoster ? index.find(row.id, row.name) : null;
      if (hit) {
        row.member = hit.index;
        const m = members[hit.index]!;
        if (hit.byId && row.name && m.name && row.name !== m.name) {
          out.add('DUES_NAME_MISMATCH', r, row.nameCol, { actual: row.name, expected: m.name }, m.name);
        }
      } else if (hasRoster) {
        out.add('DUES_MEMBER_UNKNOWN', r, row.nameCol, { name: row.name || row.id || '' });
        result.unknownRows.push({ sheet: table.sheet, row: r + table.origin.row, name: row.name });
      }
      const member = row.member === null ? null : members[row.member]!;
      if (member?.standing === '停止党籍') {
        // 停止党籍: nothing is owed while suspended (dues-standard §2, §4).
        const firstPaid = row.paid.findIndex((f) => f > 0);
        if ((row.statedDueFen ?? 0) > 0 || firstPaid >= 0) {
          const c = row.statedDueFen ? table.columns.due! : firstPaid >= 0 ? months.cols[firstPaid]! : row.nameCol;
          out.add('SUSPENDED_CHARGED', r, c, { name: member.name });
        }
        row.std = { kind: 'none' };
        row.stdDueAll = 0;
        row.stdDueByMonth = null;
        row.category = '停止党籍';
      } else {
        checkStandard(row, out);
      }
      // 2008规定 第八条: dues run from the month of joining (the 支部大会's month).
      if (member?.joinDate) {
        const joinMonth = monthNumber(member.joinDate);
        const early: string[] = [];
        let firstCol = -1;
        for (let i = 0; i < months.nums.length; i++) {
          if (months.nums[i]! < joinMonth && row.paid[i]! > 0) {
            if (firstCol < 0) firstCol = months.cols[i]!;
            early.push(monthLabel(months.labels[i]!));
          }
        }
        if (early.length) out.add('DUES_BEFORE_JOIN', r, firstCol, { value: member.joinDate, months: early.join('、') });
      }
      checkRowTotals(row, out);
      rows.push(row);
    }
    checkTotalsRows(table, out);
  }

  // Group rows by member (per-quarter sheets give one row per sheet); unknown rows stand alone.
  // One row per member is the usual case: kept bare, an array only from the second row on.
  const byMember = new Map<number, DuesRow | DuesRow[]>();
  const lastJudged = monthNumber(lastJudgedMonth(ctx.asOf));
  for (const row of rows) {
    if (row.member === null) {
      judgeMember([row], null, ctx, lastJudged);
      continue;
    }
    const g = byMember.get(row.member);
    if (g === undefined) byMember.set(row.member, row);
    else if (Array.isArray(g)) g.push(row);
    else byMember.set(row.member, [g, row]);
  }
  const one: DuesRow[] = [];
  for (const [i, group] of byMember) {
    if (Array.isArray(group)) judgeMember(group, members[i]!, ctx, lastJudged);
    else {
      one[0] = group;
      judgeMember(one, members[i]!, ctx, lastJudged);
    }
  }

  if (hasRoster && tables.length) {
    members.forEach((m, i) => {
      if (!byMember.has(i) && m.standing !== '停止党籍') {
        const at = rosterNameCol(m);
        ctx.findings.add('DUES_MEMBER_MISSING', at.sheet, at.row, at.col, { name: m.name });
      }
    });
  }
  return result;
}

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
const SCRATCH_DUE: number[] = [];
const SCRATCH_PAID: number[] = [];

function stdDueAt(row: DuesRow, i: number): number {
  return row.stdDueByMonth ? row.stdDueByMonth[i]! : row.stdDueAll;
}

function mergeRows(group: DuesRow[], joinMonth: number): Merged {
  const single = group.length === 1 ? group[0]! : null;
  let sorted = single !== null;
  if (single) for (let i = 1; i < single.months.nums.length; i++) if (single.months.nums[i]! <= single.months.nums[i - 1]!) sorted = false;
  if (single && sorted) {
    const n = single.months.nums.length;
    // Scratch arrays: used up by the caller before the next member is merged.
    const due = SCRATCH_DUE;
    const paid = SCRATCH_PAID;
    due.length = n;
    paid.length = n;
    for (let i = 0; i < n; i++) {
      const before = single.months.nums[i]! < joinMonth;
      // Before joining nothing is due, and what was paid is already DUES_BEFORE_JOIN.
      const p = single.paid[i]!;
      // An unreadable cell (AMOUNT_INVALID) is not judged: neither due nor paid counts.
      due[i] = p < 0 ? NaN : before ? 0 : single.statedDueFen ?? stdDueAt(single, i);
      paid[i] = before || p < 0 ? 0 : p;
    }
    return { n, nums: single.months.nums, labels: single.months.labels, due, paid, rows: [single], cols: single.months.cols, base: [single.baseFen], large: NO_LARGE };
  }
  // General case: several rows (quarter sheets, or one member on two rows), merged by month.
  const at = new Map<number, number>();
  const entries: { num: number; label: string; due: number; paid: number; row: DuesRow; col: number; blank: boolean }[] = [];
  for (const row of group) {
    const ms = row.months;
    for (let i = 0; i < ms.nums.length; i++) {
      if (row.paid[i]! < 0) continue;
      const num = ms.nums[i]!;
      const before = num < joinMonth;
      const due = before ? 0 : row.statedDueFen ?? stdDueAt(row, i);
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
    for (const i of cov.unpaid) addAt(ctx, rowOf(m, i), 'UNPAID', m.cols[i]!, { month: monthLabel(m.labels[i]!), expected: yuan(m.due[i]!) });
    for (const i of cov.underpaid) {
      addAt(ctx, rowOf(m, i), 'UNDERPAID', m.cols[i]!, { month: monthLabel(m.labels[i]!), actual: yuan(m.paid[i]!), expected: yuan(m.due[i]!) });
    }
    if (cov.longestRun.length >= 6) {
      const first = cov.longestRun[0]!;
      const last = cov.longestRun[cov.longestRun.length - 1]!;
      const row = rowOf(m, last);
      addAt(ctx, row, 'ARREARS_6_MONTHS', row.nameCol, { count: cov.longestRun.length, months: `${monthLabel(m.labels[first]!)}—${monthLabel(m.labels[last]!)}` });
    }
  }
  for (const e of cov.excess) {
    const row = rowOf(m, e.index);
    const p = { month: monthLabel(m.labels[e.index]!), amount: formatYuan(e.fen) };
    if (e.fen >= LARGE_VOLUNTARY_FEN) {
      if (m.large === NO_LARGE) m.large = new Map();
      m.large.set(e.index, e.fen);
      addAt(ctx, row, 'LARGE_VOLUNTARY', m.cols[e.index]!, p);
    } else if (!suspended) {
      addAt(ctx, row, 'OVERPAID', m.cols[e.index]!, p);
    }
  }

}

/** Coverage, over/under payment, arrears and base changes for one member's rows. */
function judgeMember(group: DuesRow[], member: MemberRecord | null, ctx: RegisterContext, lastJudged: number): void {
  const joinMonth = member?.joinDate ? monthNumber(member.joinDate) : -1;
  const suspended = member?.standing === '停止党籍';
  const m = mergeRows(group, joinMonth);
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
    const months: MemberMonth[] = new Array(m.n);
    const oneBase = m.rows.length === 1 ? m.base[0]! : null;
    for (let i = 0; i < m.n; i++) {
      const lg = m.large.size ? m.large.get(i) ?? 0 : 0;
      const due = m.due[i]!;
      months[i] = {
        month: m.labels[i]!,
        baseFen: m.rows.length === 1 ? oneBase : m.base[i]!,
        dueFen: due === due ? due : 0,
        paidFen: m.paid[i]! - lg,
        largeFen: lg,
      };
    }
    member.months = months;
  }
}
