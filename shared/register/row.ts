/**
 * One register row read once into integers: name, ID, category, base, stated due, the amount
 * paid in each month column, and the standard's due for those months. Unreadable cells are
 * reported here (AMOUNT_INVALID, DUES_CATEGORY_INVALID) and never judged again.
 */
import type { CellValue } from '../grid';
import { compactText } from '../cell-text';
import { formatYuan } from '../money';
import { canonicalCategory, type Category } from '../standard/categories';
import { monthlyDue, type MonthlyDue } from '../standard/dues';
import type { CommitteeSettings } from '../settings';
import type { FindingList } from '../findings/collect';
import type { MessageParams } from '../findings/messages';
import type { FindingCode, Severity } from '../findings/codes';
import type { FixValue } from '../findings/finding';
import type { RecognisedTable } from '../recognise/table';
import { readAmount } from './amount';
import { monthNumber } from './coverage';
import { idKey } from './match';
import { spreadPaid } from './layouts';
import { keepAlive } from '../keep-alive';

export interface RegisterContext {
  asOf: string;
  settings: CommitteeSettings;
  findings: FindingList;
  /** The workbook names no category anywhere: rows take settings.defaultCategory (CATEGORY_ASSUMED). */
  assumeCategory?: boolean;
  /** Names and ID keys of 入党积极分子 / 发展对象 on the roster: their register rows are not members' rows. */
  nonMembers?: ReadonlySet<string>;
}

/** Month columns of one table, read once: 'YYYY-MM', month number, 0-based grid column. */
export interface TableMonths {
  labels: string[];
  nums: number[];
  /** Grid column of the amount paid. */
  cols: number[];
  /** Grid column of the month's own due (a "应交" under "1月"), −1 when the sheet has none. */
  dueCols: number[];
  /** Any month with a due column at all. */
  anyDueCol: boolean;
  /** Month numbers strictly ascending (an annual sheet in calendar order). */
  ascending: boolean;
  /** Per category: one table (or flat amount) covers every month, so one monthlyDue answers all. */
  oneStandard: Map<Category, boolean>;
  /** One amount (cols[0]) covers every month: a range record or an annual summary (spreadRow). */
  spread?: boolean;
}

/** In DuesRow.paid: a month cell that holds no readable amount (already AMOUNT_INVALID). */
export const INVALID = -1;

export interface DuesRow {
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
  /** Per-month dues the row states under each month (应交), NaN where blank; null without such columns. */
  statedDueByMonth: number[] | null;
  months: TableMonths;
  /** Paid per month in 分: 0 when blank, INVALID (−1) when the cell is not an amount. */
  paid: number[];
  anyInvalid: boolean;
  member: number | null;
  /** months.spread: the one amount read, in 分 (NaN when unreadable), spread over paid[] by spreadRow. */
  spreadFen?: number;
}

export const EMPTY_ROW: CellValue[] = [];
export const isBlank = (v: CellValue) => v === null || (typeof v === 'string' && compactText(v) === '');

export function yuanFix(original: CellValue, fen: number): FixValue {
  return typeof original === 'string' ? formatYuan(fen).replace(/,/g, '') : fen / 100;
}

export class SheetFindings {
  constructor(private list: FindingList, private table: RecognisedTable) {}
  add(code: FindingCode, r: number, c: number, p?: MessageParams, fix?: FixValue, sev?: Severity, fixText?: string): void {
    this.list.add(code, this.table.sheet, r + this.table.origin.row, c + this.table.origin.col, p, fix, sev, fixText);
  }
}
// One instance for the module's life: V8 holds a hidden class only weakly, so a full GC between
// checks that frees every instance also throws away the optimised code using it (issue 14;
// held by keepAlive: a module-level const alone does not keep its object).
const KEEP_SHEET_FINDINGS = keepAlive(new SheetFindings(null as unknown as FindingList, null as unknown as RecognisedTable));
void KEEP_SHEET_FINDINGS;

function dueFenOf(d: MonthlyDue | null): number {
  if (!d) return NaN;
  return d.kind === 'rate' || d.kind === 'flat' ? d.dueFen : d.kind === 'none' ? 0 : NaN;
}

function sameStandard(first: MonthlyDue, last: MonthlyDue): boolean {
  return first.kind === last.kind && (first.kind !== 'rate' || (last.kind === 'rate' && first.table === last.table));
}

/**
 * Whether a category's first and last month fall under the same table (or the same flat rule)
 * with no overrides. The table in force depends on category and month only, so a valid base of
 * 0 stands for every base (an invalid one leaves both months unchecked, which agree anyway).
 */
function oneStandardFor(category: Category, months: TableMonths, ctx: RegisterContext): boolean {
  let hit = months.oneStandard.get(category);
  if (hit === undefined) {
    const n = months.labels.length;
    const first = monthlyDue({ category, baseFen: 0, month: months.labels[0]! }, ctx.settings);
    const last = monthlyDue({ category, baseFen: 0, month: months.labels[n - 1]! }, ctx.settings);
    hit = sameStandard(first, last) && ctx.settings.tableOverrides.length === 0;
    months.oneStandard.set(category, hit);
  }
  return hit;
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
  if (oneStandardFor(category, months, ctx)) {
    // The same answer as below: whether first and last month agree does not depend on the base.
    const d = monthlyDue({ category, baseFen, month: months.labels[0]! }, ctx.settings);
    row.stdDueAll = dueFenOf(d);
    return d.kind === 'unchecked' ? null : d;
  }
  const first = monthlyDue({ category, baseFen, month: months.labels[0]! }, ctx.settings);
  const last = n > 1 ? monthlyDue({ category, baseFen, month: months.labels[n - 1]! }, ctx.settings) : first;
  if (sameStandard(first, last) && ctx.settings.tableOverrides.length === 0) {
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

/** 交费类别 cells repeat a handful of spellings: read each once. */
const categoryCache = new Map<CellValue, Category | null>();
function categoryOf(v: CellValue): Category | null {
  let hit = categoryCache.get(v);
  if (hit === undefined) {
    hit = canonicalCategory(v);
    if (categoryCache.size > 1000) categoryCache.clear();
    categoryCache.set(v, hit);
  }
  return hit;
}

export function tableMonths(table: RecognisedTable): TableMonths {
  const paid = table.months.filter((m) => m.part === 'paid');
  const dueCol = new Map(table.months.filter((m) => m.part === 'due').map((m) => [m.month, m.col]));
  const dueCols = paid.map((m) => dueCol.get(m.month) ?? -1);
  const nums = paid.map((m) => monthNumber(m.month));
  return monthsOf(paid.map((m) => m.month), nums, paid.map((m) => m.col), dueCols);
}

/** A wide table's months, made in one place so that the specimen kept below shares its hidden class. */
function monthsOf(labels: string[], nums: number[], cols: number[], dueCols: number[]): TableMonths {
  return {
    labels, nums, cols,
    dueCols, anyDueCol: dueCols.some((c) => c >= 0), ascending: nums.every((x, i) => i === 0 || x > nums[i - 1]!), oneStandard: new Map(),
  };
}
keepAlive(monthsOf([], [], [], [])); // see shared/keep-alive.ts

/** readAmount's fast path, inline: a plain number with at most two decimals in 分, else NaN. */
function plainFen(v: CellValue): number {
  if (typeof v === 'number' && v >= 0 && v < 1e13) {
    const f = Math.round(v * 100);
    if (f / 100 === v) return f;
  }
  return NaN;
}

/** The name a register row gives (compacted), '' when none. */
export function rowName(table: RecognisedTable, r: number): string {
  if (table.sheetMember) return compactText(table.sheetMember.name);
  const col = table.columns.name;
  const nameV = col === undefined ? null : (table.grid.values[r] ?? EMPTY_ROW)[col] ?? null;
  return typeof nameV === 'string' ? compactText(nameV) : nameV === null ? '' : String(nameV);
}

/** The ID a register row gives, in the roster's 18-character form, or null. */
export function rowId(table: RecognisedTable, r: number): string | null {
  if (table.sheetMember) return table.sheetMember.id === null ? null : idKey(table.sheetMember.id);
  const col = table.columns.idNumber;
  return col === undefined ? null : idKey((table.grid.values[r] ?? EMPTY_ROW)[col] ?? null);
}

/**
 * A row record to read into again (readRow's `into`): a row judged as soon as it is read (its
 * member's only row) is garbage at once, so one record serves them all instead of a fresh
 * object and paid array per row (issue 14: a third of what a 10k check allocated).
 */
export function scratchRow(): DuesRow {
  return {
    table: null as unknown as RecognisedTable, r: 0, name: '', nameCol: 0, id: null, category: null, baseFen: null,
    statedDueFen: null, statedDueByMonth: null, months: null as unknown as TableMonths, paid: [], anyInvalid: false,
    member: null, std: null, stdDueAll: NaN, stdDueByMonth: null, spreadFen: undefined,
  };
}

/**
 * Reads row r. With `into` (a scratchRow()), its fields are overwritten and it is returned:
 * the caller must be done with it (and keep no reference to it or its paid array) before the
 * next readRow into it.
 */
export function readRow(
  table: RecognisedTable, months: TableMonths, r: number, ctx: RegisterContext, out: SheetFindings,
  rosterCategory: { of(id: string | null, name: string): Category | null }, into?: DuesRow,
  /** rowName/rowId of this row when the caller has them already (the roster match reads them first). */
  known?: { names: readonly string[]; ids: readonly (string | null)[]; k: number },
): DuesRow {
  const { grid, columns: col } = table;
  const row = grid.values[r] ?? [];
  const nameCol = col.name ?? col.idNumber ?? 0;
  const name = known ? known.names[known.k]! : rowName(table, r);
  const id = known ? (known.ids[known.k] ?? null) : rowId(table, r);
  let anyInvalid = false;

  let category: Category | null = null;
  if (col.category !== undefined) {
    const v = row[col.category] ?? null;
    if (!isBlank(v)) {
      category = categoryOf(v);
      if (!category) out.add('DUES_CATEGORY_INVALID', r, col.category, { value: String(v) });
    }
  }
  category ??= rosterCategory.of(id, name);
  if (category === null && ctx.assumeCategory) category = ctx.settings.defaultCategory as Category;

  let baseFen: number | null = null;
  if (col.base !== undefined) {
    const v = row[col.base] ?? null;
    const fast = plainFen(v);
    const m = fast === fast ? null : readAmount(v);
    if (m === null) baseFen = fast;
    else if (m.ok) baseFen = m.fen;
    else if (m.reason !== 'empty') {
      anyInvalid = true;
      out.add('AMOUNT_INVALID', r, col.base, { value: String(v), kind: m.reason });
    }
  }
  let statedDueFen: number | null = null;
  if (col.due !== undefined) {
    const v = row[col.due] ?? null;
    const fast = plainFen(v);
    const m = fast === fast ? null : readAmount(v);
    if (m === null) statedDueFen = fast;
    else if (m.ok) statedDueFen = m.fen;
    else if (m.reason !== 'empty') {
      anyInvalid = true;
      out.add('AMOUNT_INVALID', r, col.due, { value: String(v), kind: m.reason });
    }
  }

  const n = months.labels.length;
  let paid: number[];
  if (into) {
    paid = into.paid;
    // Grown, never shrunk below n: the record's readers go by months.labels.length.
    if (paid.length !== n) paid.length = n;
  } else paid = new Array<number>(n);
  // A range or a year paid as one amount: that one cell is read once, then spread (spreadRow).
  const cellsRead = months.spread ? Math.min(n, 1) : n;
  if (months.spread) paid.fill(0);
  for (let i = 0; i < cellsRead; i++) {
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
      out.add('AMOUNT_INVALID', r, c, { value: String(v), kind: m.reason, month: months.labels[i]! });
    }
  }
  let statedDueByMonth: number[] | null = null;
  if (months.anyDueCol) {
    statedDueByMonth = new Array<number>(n).fill(NaN);
    for (let i = 0; i < n; i++) {
      const c = months.dueCols[i]!;
      if (c < 0) continue;
      const v = row[c] ?? null;
      const m = readAmount(v);
      if (m.ok) statedDueByMonth[i] = m.fen;
      else if (m.reason !== 'empty') {
        anyInvalid = true;
        out.add('AMOUNT_INVALID', r, c, { value: String(v), kind: m.reason, month: months.labels[i]! });
      }
    }
  }
  let out2: DuesRow;
  if (into) {
    out2 = into;
    out2.table = table; out2.r = r; out2.name = name; out2.nameCol = nameCol; out2.id = id; out2.category = category;
    out2.baseFen = baseFen; out2.statedDueFen = statedDueFen; out2.statedDueByMonth = statedDueByMonth; out2.months = months;
    out2.paid = paid; out2.anyInvalid = anyInvalid; out2.member = null; out2.std = null; out2.stdDueAll = NaN;
    out2.stdDueByMonth = null; out2.spreadFen = undefined;
  } else {
    out2 = {
      table, r, name, nameCol, id, category, baseFen, statedDueFen, statedDueByMonth, months, paid, anyInvalid,
      member: null, std: null, stdDueAll: NaN, stdDueByMonth: null, spreadFen: undefined,
    };
  }
  out2.std = standardDues(category, baseFen, months, ctx, out2);
  if (months.spread) {
    out2.spreadFen = paid[0]! < 0 ? NaN : paid[0]!;
    spreadRow(out2, -1);
  }
  return out2;
}

/**
 * Spreads a range's or a year's one amount over its months (spreadPaid), none before the month
 * of joining (`joinMonth`, −1 unknown): what was paid covers the months owed, in order.
 */
export function spreadRow(row: DuesRow, joinMonth: number): void {
  const total = row.spreadFen;
  if (total === undefined) return;
  const n = row.months.labels.length;
  if (total !== total) {
    for (let i = 0; i < n; i++) row.paid[i] = i === 0 ? INVALID : 0;
    return;
  }
  let first = 0;
  while (first < n && row.months.nums[first]! < joinMonth) row.paid[first++] = 0;
  const rest = row.paid.slice(first);
  spreadPaid(total, (i) => dueAt(row, first + i), n - first, rest);
  for (let i = first; i < n; i++) row.paid[i] = rest[i - first]!;
}

export function stdDueAt(row: DuesRow, i: number): number {
  return row.stdDueByMonth ? row.stdDueByMonth[i]! : row.stdDueAll;
}

/** The due a month is judged by: what the row states (月应交, or the month's 应交), else the standard's. */
export function dueAt(row: DuesRow, i: number): number {
  if (row.statedDueFen !== null) return row.statedDueFen;
  const own = row.statedDueByMonth ? row.statedDueByMonth[i]! : NaN;
  return own === own ? own : stdDueAt(row, i);
}
