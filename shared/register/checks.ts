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
import { formatRate, parseRateCell, sameRate } from '../standard/rate';
import type { CommitteeSettings } from '../settings';
import type { FindingList } from '../findings/collect';
import type { MessageParams } from '../findings/messages';
import type { FindingCode, Severity } from '../findings/codes';
import type { FixValue } from '../findings/finding';
import { cellAt, formatAt, type RecognisedTable } from '../recognise/table';
import type { MemberMonth, MemberRecord } from '../roster/member';
import { readAmount } from './amount';
import { coverage, type MonthLine } from './coverage';
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

interface PaidCell {
  month: string;
  col: number;
  fen: number;
  /** Nothing in the cell. */
  blank: boolean;
  invalid: boolean;
}

interface DuesRow {
  table: RecognisedTable;
  r: number;
  name: string;
  nameCol: number;
  id: string | null;
  category: Category | null;
  baseFen: number | null;
  /** The standard's answer per month (parallel to paid). */
  std: (MonthlyDue | null)[];
  /** Standard due per month (parallel to paid), null when it cannot be computed. */
  stdDue: (number | null)[];
  /** The due the row states (月应交), or null. */
  statedDueFen: number | null;
  paid: PaidCell[];
  anyInvalid: boolean;
  member: number | null;
}

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

/** The standard due for each month of a row; computed once when one table covers them all. */
function standardDues(category: Category | null, baseFen: number | null, months: string[], ctx: RegisterContext): (MonthlyDue | null)[] {
  if (!category || months.length === 0) return months.map(() => null);
  const first = monthlyDue({ category, baseFen, month: months[0]! }, ctx.settings);
  const last = monthlyDue({ category, baseFen, month: months[months.length - 1]! }, ctx.settings);
  const same = first.kind === last.kind && (first.kind !== 'rate' || (last.kind === 'rate' && first.table === last.table));
  if (same && ctx.settings.tableOverrides.length === 0) return months.map(() => first);
  return months.map((month) => monthlyDue({ category, baseFen, month }, ctx.settings));
}

function readRow(table: RecognisedTable, r: number, ctx: RegisterContext, out: SheetFindings, rosterCategory: (id: string | null, name: string) => Category | null): DuesRow {
  const { grid, columns: col } = table;
  const nameCol = col.name ?? col.idNumber ?? 0;
  const nameV = col.name === undefined ? null : cellAt(grid, r, col.name);
  const name = typeof nameV === 'string' ? compactText(nameV) : nameV === null ? '' : String(nameV);
  const id = col.idNumber === undefined ? null : idKey(cellAt(grid, r, col.idNumber));
  let anyInvalid = false;

  let category: Category | null = null;
  if (col.category !== undefined) {
    const v = cellAt(grid, r, col.category);
    if (!isBlank(v)) {
      category = canonicalCategory(v);
      if (!category) out.add('DUES_CATEGORY_INVALID', r, col.category, { value: String(v) });
    }
  }
  category ??= rosterCategory(id, name);

  let baseFen: number | null = null;
  if (col.base !== undefined) {
    const v = cellAt(grid, r, col.base);
    const m = readAmount(v);
    if (m.ok) baseFen = m.fen;
    else if (m.reason !== 'empty') {
      anyInvalid = true;
      out.add('AMOUNT_INVALID', r, col.base, { value: String(v), kind: m.reason });
    }
  }
  let statedDueFen: number | null = null;
  if (col.due !== undefined) {
    const v = cellAt(grid, r, col.due);
    const m = readAmount(v);
    if (m.ok) statedDueFen = m.fen;
    else if (m.reason !== 'empty') {
      anyInvalid = true;
      out.add('AMOUNT_INVALID', r, col.due, { value: String(v), kind: m.reason });
    }
  }

  const row = grid.values[r] ?? [];
  const paid: PaidCell[] = [];
  for (const mc of table.months) {
    if (mc.part !== 'paid') continue;
    const v = row[mc.col] ?? null;
    if (v === null || v === '') {
      paid.push({ month: mc.month, col: mc.col, fen: 0, blank: true, invalid: false });
      continue;
    }
    const m = readAmount(v);
    if (m.ok) paid.push({ month: mc.month, col: mc.col, fen: m.fen, blank: false, invalid: false });
    else if (m.reason === 'empty') paid.push({ month: mc.month, col: mc.col, fen: 0, blank: true, invalid: false });
    else {
      anyInvalid = true;
      paid.push({ month: mc.month, col: mc.col, fen: 0, blank: false, invalid: true });
      out.add('AMOUNT_INVALID', r, mc.col, { value: String(v), kind: m.reason, month: monthLabel(mc.month) });
    }
  }
  const std = standardDues(category, baseFen, paid.map((p) => p.month), ctx);
  return {
    table, r, name, nameCol, id, category, baseFen, statedDueFen, paid, anyInvalid, member: null, std,
    stdDue: std.map((s) => (s && (s.kind === 'rate' || s.kind === 'flat') ? s.dueFen : s?.kind === 'none' ? 0 : null)),
  };
}

/** Rate, due, flat amount and ceiling of one row against the standard (dues-standard §2–§4). */
function checkStandard(row: DuesRow, out: SheetFindings): void {
  const { table, r } = row;
  const { grid, columns: col } = table;
  const std = row.std.find((s) => s !== null) ?? null;
  if (!std || row.category === '停止党籍') return;
  const categoryText = row.category ?? '';
  if (col.rate !== undefined) {
    const v = cellAt(grid, r, col.rate);
    const fmt = formatAt(grid, r, col.rate);
    const rate = parseRateCell(v, fmt);
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

/** Row totals (累计实交) and quarter subtotals against the month cells of the row. */
function checkRowTotals(row: DuesRow, out: SheetFindings): void {
  if (row.anyInvalid) return;
  const { table, r } = row;
  const check = (c: number, expected: number) => {
    const v = cellAt(table.grid, r, c);
    if (isBlank(v)) return;
    const m = readAmount(v);
    if (m.ok && m.fen !== expected) {
      out.add('SUBTOTAL_WRONG', r, c, { actual: formatYuan(m.fen), expected: formatYuan(expected) }, yuanFix(v, expected));
    }
  };
  if (table.columns.paidTotal !== undefined) check(table.columns.paidTotal, row.paid.reduce((s, p) => s + p.fen, 0));
  for (const qt of table.quarterTotals) {
    const sum = row.paid.reduce((s, p) => (Math.ceil(Number(p.month.slice(5, 7)) / 3) === qt.quarter ? s + p.fen : s), 0);
    check(qt.col, sum);
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
    const rows = members.filter((m) => m > from && m < tr);
    prevTotal = tr;
    for (const c of cols) {
      const v = cellAt(grid, tr, c);
      if (isBlank(v)) continue;
      const t = readAmount(v);
      if (!t.ok) continue;
      let sum = 0;
      let broken = false;
      for (const mr of rows) {
        const cv = cellAt(grid, mr, c);
        if (isBlank(cv)) continue;
        const a = readAmount(cv);
        if (!a.ok) {
          broken = true;
          break;
        }
        sum += a.fen;
      }
      if (!broken && sum !== t.fen) out.add('SUBTOTAL_WRONG', tr, c, { actual: formatYuan(t.fen), expected: formatYuan(sum) }, yuanFix(v, sum));
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
    for (const r of table.memberRows) {
      const row = readRow(table, r, ctx, out, rosterCategory);
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
        const charged = (row.statedDueFen ?? 0) > 0 || row.paid.some((p) => p.fen > 0);
        if (charged) {
          const firstPaid = row.paid.find((p) => p.fen > 0);
          out.add('SUSPENDED_CHARGED', r, row.statedDueFen ? table.columns.due! : firstPaid?.col ?? row.nameCol, { name: member.name });
        }
        row.std = row.std.map(() => ({ kind: 'none' }));
        row.stdDue = row.stdDue.map(() => 0);
        row.category = '停止党籍';
      } else {
        checkStandard(row, out);
      }
      // 2008规定 第八条: dues run from the month of joining (the 支部大会's month).
      if (member?.joinDate) {
        const joinMonth = member.joinDate.slice(0, 7);
        const early = row.paid.filter((p) => p.fen > 0 && p.month < joinMonth);
        if (early.length) {
          out.add('DUES_BEFORE_JOIN', r, early[0]!.col, { value: member.joinDate, months: early.map((p) => monthLabel(p.month)).join('、') });
        }
      }
      checkRowTotals(row, out);
      rows.push(row);
    }
    checkTotalsRows(table, out);
  }

  // Group rows by member (per-quarter sheets give one row per sheet); unknown rows stand alone.
  const groups = new Map<number | DuesRow, typeof rows>();
  for (const row of rows) {
    const key = row.member ?? row;
    const g = groups.get(key);
    if (g) g.push(row);
    else groups.set(key, [row]);
  }
  for (const [key, group] of groups) {
    const member = typeof key === 'number' ? members[key]! : null;
    judgeMember(group, member, ctx);
  }

  if (hasRoster && tables.length) {
    const seen = new Set<number>();
    for (const row of rows) if (row.member !== null) seen.add(row.member);
    members.forEach((m, i) => {
      if (!seen.has(i) && m.standing !== '停止党籍') {
        const at = rosterNameCol(m);
        ctx.findings.add('DUES_MEMBER_MISSING', at.sheet, at.row, at.col, { name: m.name });
      }
    });
  }
  return result;
}

interface MonthRef {
  month: string;
  row: DuesRow;
  col: number;
  due: number | null;
  paid: number;
  baseFen: number | null;
  blank: boolean;
}

/** Coverage, over/under payment, arrears and base changes for one member's rows. */
function judgeMember(group: DuesRow[], member: MemberRecord | null, ctx: RegisterContext): void {
  const joinMonth = member?.joinDate ? member.joinDate.slice(0, 7) : null;
  const byMonth = new Map<string, MonthRef>();
  for (const row of group) {
    row.paid.forEach((p, i) => {
      if (p.invalid) return;
      // Before joining nothing is due, and what was paid is already DUES_BEFORE_JOIN.
      const before = joinMonth !== null && p.month < joinMonth;
      const due = before ? 0 : (row.statedDueFen ?? row.stdDue[i] ?? null);
      const existing = byMonth.get(p.month);
      if (existing) {
        existing.paid += before ? 0 : p.fen;
        if (existing.blank && !p.blank) {
          existing.blank = false;
          existing.col = p.col;
          existing.row = row;
        }
      } else {
        byMonth.set(p.month, { month: p.month, row, col: p.col, due, paid: before ? 0 : p.fen, baseFen: row.baseFen, blank: p.blank });
      }
    });
  }
  const refs = [...byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const suspended = member?.standing === '停止党籍';
  const lines: MonthLine[] = refs.map((m) => ({ month: m.month, dueFen: suspended ? 0 : m.due, paidFen: m.paid }));
  const cov = coverage(lines, ctx.asOf);
  const add = (row: DuesRow, code: FindingCode, c: number, p: MessageParams) =>
    ctx.findings.add(code, row.table.sheet, row.r + row.table.origin.row, c + row.table.origin.col, p);

  if (!suspended) {
    for (const i of cov.unpaid) {
      const m = refs[i]!;
      add(m.row, 'UNPAID', m.col, { month: monthLabel(m.month), expected: formatYuan(m.due ?? 0) });
    }
    for (const i of cov.underpaid) {
      const m = refs[i]!;
      add(m.row, 'UNDERPAID', m.col, { month: monthLabel(m.month), actual: formatYuan(m.paid), expected: formatYuan(m.due ?? 0) });
    }
    if (cov.longestRun.length >= 6) {
      const lastRef = refs[cov.longestRun[cov.longestRun.length - 1]!]!;
      const row = lastRef.row;
      add(row, 'ARREARS_6_MONTHS', row.nameCol, {
        count: cov.longestRun.length,
        months: `${monthLabel(refs[cov.longestRun[0]!]!.month)}—${monthLabel(lastRef.month)}`,
      });
    }
  }
  const largeByMonth = new Map<string, number>();
  for (const e of cov.excess) {
    const m = refs[e.index]!;
    if (e.fen >= LARGE_VOLUNTARY_FEN) {
      largeByMonth.set(m.month, e.fen);
      add(m.row, 'LARGE_VOLUNTARY', m.col, { month: monthLabel(m.month), amount: formatYuan(e.fen) });
    } else if (!suspended) {
      add(m.row, 'OVERPAID', m.col, { month: monthLabel(m.month), amount: formatYuan(e.fen) });
    }
  }

  // 2017通知: the base is fixed for the year; a change inside one year is worth a look.
  const baseByYear = new Map<string, { fen: number; row: DuesRow }>();
  for (const row of group) {
    if (row.baseFen === null || !row.paid.length || row.table.columns.base === undefined) continue;
    const year = row.paid[0]!.month.slice(0, 4);
    const first = baseByYear.get(year);
    if (!first) baseByYear.set(year, { fen: row.baseFen, row });
    else if (first.fen !== row.baseFen) {
      add(row, 'BASE_CHANGED', row.table.columns.base, { other: formatYuan(first.fen), value: formatYuan(row.baseFen) });
    }
  }

  if (member) {
    member.duesRows = group.map((row) => ({ sheet: row.table.sheet, row: row.r + row.table.origin.row }));
    member.category ??= group.find((row) => row.category)?.category ?? null;
    member.unpaidStreak = suspended ? 0 : cov.streak;
    member.months = refs.map((m): MemberMonth => {
      const large = largeByMonth.get(m.month) ?? 0;
      return { month: m.month, baseFen: m.baseFen, dueFen: suspended ? 0 : (m.due ?? 0), paidFen: m.paid - large, largeFen: large };
    });
  }
}
