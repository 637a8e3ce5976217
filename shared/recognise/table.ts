/**
 * Finds what a sheet holds: the header row (below title and 填报单位 lines, merged group
 * headers resolved), which column is which field, the month columns of a register, and which
 * rows are members and which are totals. Everything after this works on fields, not headers.
 */
import type { CellValue, Grid } from '../grid';
import { compactText } from '../cell-text';
import { excelSerialToIso, isDateFormat } from '../dates';
import { parseQuarterLabel } from '../quarter';
import { headerMeaning, isSubHeaderWord, normaliseHeader, type FieldKey, type HeaderMeaning } from './fields';
import type { RegisterLayout, SheetMapping, TableKind } from './mapping';
import { forgetTextKinds, most, profileColumn } from './content';
import { monthInTitle } from './month-cell';
import { SALARY_PART } from './spellings';
import { isFooter, isPlainLeadText, isTotalsCompact } from './row-words';
import { keepAlive } from '../keep-alive';

export type { RegisterLayout } from './mapping';

/** How far down a header row may sit (title, 填报单位, blank lines above it). */
export const HEADER_SCAN_ROWS = 15;

export interface HeaderCell {
  /** 0-based grid column. */
  col: number;
  /** The header as read (group header + sub header when two rows). */
  text: string;
  meaning: HeaderMeaning | null;
}

export interface MonthColumn {
  /** 'YYYY-MM' */
  month: string;
  /** 0-based grid column. */
  col: number;
  part: 'paid' | 'due';
}

export interface RecognisedTable {
  sheet: string;
  kind: TableKind;
  grid: Grid;
  /** Sheet position of grid cell (0,0). */
  origin: { row: number; col: number };
  /** 0-based grid row of the (last) header row; -1 when none was found. */
  headerRow: number;
  /** First 0-based grid row below the header. */
  dataStart: number;
  headers: HeaderCell[];
  /** Field → 0-based grid column (the first matching column). */
  columns: Partial<Record<FieldKey, number>>;
  /** Fields seen under more than one column: the columns after the first. */
  ambiguous: { field: FieldKey; cols: number[] }[];
  /** Register: month columns, in column order. */
  months: MonthColumn[];
  /** Register: quarter subtotal columns. */
  quarterTotals: { quarter: number; col: number }[];
  /** Register: calendar year of the month columns. */
  year: number | null;
  /** Register sheet for one quarter (一季度 / 第一季度 / Q1 …), when the name or title says so. */
  quarter: number | null;
  /** 0-based grid rows holding members. */
  memberRows: number[];
  /** 0-based grid rows that are totals (合计/小计/总计): never members. */
  totalsRows: number[];
  /** Where each field came from: the sheet's headers or the host's explicit mapping. */
  mapped: boolean;
  /**
   * Register: how the months are laid out — 'wide' (month columns, today's shape), 'monthRows'
   * (one row per member and month), 'range' (one row per payment over a range of months),
   * 'annual' (one row per member, the year's totals only), 'memberSheet' (one sheet per member,
   * months as rows). Null on a roster.
   */
  layout: RegisterLayout | null;
  /** One sheet per month: the month its title or name gives ('YYYY-MM'). */
  sheetMonth: string | null;
  /** One sheet per member: who it is for, from a 姓名 label above the header or the sheet's name. */
  sheetMember: { name: string; id: string | null } | null;
}

const EMPTY: CellValue[] = [];

export function cellAt(grid: Grid, r: number, c: number): CellValue {
  return (grid.values[r] ?? EMPTY)[c] ?? null;
}

export function formatAt(grid: Grid, r: number, c: number): string | undefined {
  return grid.formats?.[r]?.[c] ?? undefined;
}

function cellText(v: CellValue, format?: string): string {
  if (v === null) return '';
  if (typeof v === 'number' && isDateFormat(format)) {
    // A month header typed as a date (2026-01-01 shown as "2026年1月").
    const iso = excelSerialToIso(v);
    if (iso) return `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月`;
  }
  return String(v);
}

function headerCellText(this: { grid: Grid; r: number }, v: CellValue, c: number): string {
  return cellText(v, formatAt(this.grid, this.r, c));
}

/** Header text with merged cells filled from their master (grid-relative). */
function headerTexts(grid: Grid, rows: number): string[][] {
  const oRow = grid.origin?.row ?? 0;
  const oCol = grid.origin?.col ?? 0;
  const out: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const row = grid.values[r] ?? EMPTY;
    // One function for the module's life with the row as thisArg, not a closure per row: V8
    // re-optimised that closure at every check (issue 14, code log). map keeps any holes.
    out.push(row.map(headerCellText, { grid, r }));
  }
  for (const m of grid.merges ?? []) {
    const top = m.top - oRow;
    const left = m.left - oCol;
    if (top >= rows || top < 0 || left < 0) continue;
    const text = out[top]?.[left] ?? '';
    for (let r = top; r <= Math.min(m.bottom - oRow, rows - 1); r++) {
      const line = out[r]!;
      for (let c = left; c <= m.right - oCol; c++) {
        while (line.length <= c) line.push('');
        if (!line[c]) line[c] = text;
      }
    }
  }
  return out;
}

/**
 * headerMeaning once per distinct text of a recognition: the header scan reads 15 rows of every
 * sheet, and a roster and its register repeat the same 序号, names, IDs and class words there
 * (issue 14). headerMeaning is a pure function of the text; emptied at each recogniseWorkbook
 * (so a check never starts warm) and bounded for callers of recogniseSheet alone.
 */
const meanings = new Map<string, HeaderMeaning | null>();
function meaningOf(text: string): HeaderMeaning | null {
  let m = meanings.get(text);
  if (m === undefined) {
    m = headerMeaning(text);
    if (meanings.size >= 4096) meanings.clear();
    meanings.set(text, m);
  }
  return m;
}

function scoreRow(texts: string[]): number {
  const fields = new Set<string>();
  let months = 0;
  for (const t of texts) {
    if (!t) continue;
    const m = meaningOf(t);
    if (!m) continue;
    if (m.kind === 'field') fields.add(m.field);
    else months += 1;
  }
  return fields.size * 2 + Math.min(months, 12);
}

function countSubWords(texts: string[]): number {
  let n = 0;
  for (const t of texts) if (t && isSubHeaderWord(t)) n += 1;
  return n;
}

function quarterMonth(q: number, i: number): number {
  return (q - 1) * 3 + i;
}

const RELATIVE_MONTH = /^第?([1-3一二三])个?月(份)?$/;
const REL_DIGIT: Record<string, number> = { 1: 1, 2: 2, 3: 3, 一: 1, 二: 2, 三: 3 };


const REGISTER_NAME = /党费|收缴|缴纳|交纳|缴费|交费|登记/;
const ROSTER_NAME = /花名册|名册|党员信息|基本信息|党员名单/;

const YEAR_IN_TEXT = /((?:19|20)\d{2})\s*年/;

function findYear(texts: string[][], upTo: number, sheet: string): number | null {
  for (let r = 0; r < upTo; r++) {
    for (const t of texts[r] ?? []) {
      // A 填报日期 line names when the form was filled in, not the year it covers.
      const m = t && !/日期|填报|填表|制表/.test(t) ? YEAR_IN_TEXT.exec(t) : null;
      if (m) return Number(m[1]);
    }
  }
  const s = /((?:19|20)\d{2})/.exec(sheet);
  return s ? Number(s[1]) : null;
}

function findQuarter(texts: string[][], upTo: number, sheet: string): number | null {
  const fromName = parseQuarterLabel(sheet);
  if (fromName) return fromName.quarter;
  for (let r = 0; r < upTo; r++) {
    for (const t of texts[r] ?? []) {
      if (t && /季度|Q[1-4]/i.test(t)) {
        const q = parseQuarterLabel(t);
        if (q) return q.quarter;
      }
    }
  }
  return null;
}

export interface RecogniseOptions {
  /** Year to use when the sheet names none (from --year, or the report date). */
  year: number;
  /** An explicit year from the user overrides titles and sheet names. */
  yearExplicit?: boolean;
}

/**
 * The field a header's column holds, its cells deciding where the header is ambiguous or
 * misleading; null when the column is none of ours (a salary 小计, a column of text under a
 * money header).
 */
function fieldByContent(grid: Grid, headers: HeaderCell[], h: HeaderCell, field: FieldKey, ambiguous: boolean, from: number): FieldKey | null {
  const p = profileColumn(grid, h.col, from);
  if (p.seen === 0) return field;
  // A column of 正式党员 / 预备党员 is the member class whatever it is called (党籍状态, 政治面貌 …).
  if (most(p.memberClass, p) && p.memberClass > 0 && (ambiguous || field === 'standing' || field === 'category')) return 'memberClass';
  if (ambiguous) {
    if (field === 'standing') return 'standing';
    // 正常 is a standing under 人员状态, a payment kind under 缴费类型.
    if (most(p.payKind, p) && p.payKind > 0 && /交费|缴费|交纳|缴纳|类型/.test(normaliseHeader(h.text))) return 'payKind';
    if (p.category > p.memberClass && most(p.category, p)) return 'category';
    if (most(p.standing + p.payKind, p) && p.standing + p.payKind > 0) return 'standing';
    if (field === 'due' && most(p.rate, p) && p.rate > 0) return 'rate'; // 执行标准 of 1%, 千分之五
    return field;
  }
  // 缴费类型 / 交费类别 holding 补缴 / 正常: a payment kind, not a category.
  if (field === 'category' && most(p.payKind, p) && p.payKind > p.category) return 'payKind';
  const money = field === 'paid' || field === 'paidTotal' || field === 'due' || field === 'dueTotal' || field === 'base';
  // A column that is not money is never an amount.
  if (money && p.text > 0 && p.money + p.rate === 0) return null;
  if (field === 'due' && most(p.rate, p) && p.rate > 0 && p.money === 0) return 'rate';
  // A 小计 beside salary parts (基本工资, 津贴 …) adds up pay, not dues.
  if (field === 'paidTotal') {
    const near = headers.filter((x) => x.col < h.col && x.col >= h.col - 4 && x.text && SALARY_PART.test(normaliseHeader(x.text)));
    if (near.length >= 1 && /^(小计|合计)$/.test(normaliseHeader(h.text))) return null;
  }
  return field;
}

/** Who a sheet is for, when it is one member's sheet: a 姓名 label above the header, or the sheet's name. */
function sheetMemberOf(grid: Grid, texts: string[][], upTo: number): { name: string; id: string | null } | null {
  let name: string | null = null;
  let id: string | null = null;
  for (let r = 0; r < upTo; r++) {
    const line = texts[r] ?? [];
    for (let c = 0; c < line.length; c++) {
      const t = compactText(line[c] ?? '');
      if (!t) continue;
      const inline = /^(?:党员)?姓名[:：](.+?)(?:(?:公民)?身份证号(?:码)?[:：](.+))?$/.exec(t);
      if (inline) {
        name ??= inline[1]!;
        if (inline[2]) id ??= inline[2];
        continue;
      }
      const next = () => { for (let k = c + 1; k < line.length; k++) { const x = compactText(line[k] ?? ''); if (x && x !== t) return x; } return null; };
      if (/^(?:党员)?姓名[:：]?$/.test(t)) name ??= next();
      else if (/^(?:公民)?身份证号(?:码)?[:：]?$/.test(t)) id ??= next();
      else {
        const id2 = /身份证号(?:码)?[:：](\d{17}[\dXx])/.exec(t);
        if (id2) id ??= id2[1]!;
      }
    }
  }
  if (!name && /^[\u4e00-\u9fff·]{2,5}$/.test(grid.name) && !/月|季|年|表|册|党|费|汇总|合计/.test(grid.name)) name = grid.name;
  return name ? { name, id } : null;
}

/** Which register layout a sheet without month columns has, from its fields, title and name. */
function detectLayout(
  grid: Grid, texts: string[][], headerRow: number, columns: Partial<Record<FieldKey, number>>, wide: boolean,
  mapping: SheetMapping | undefined, year: number,
): { layout: RegisterLayout; month: string | null; member: { name: string; id: string | null } | null } | null {
  if (mapping?.layout) {
    const member = mapping.layout === 'memberSheet' ? (mapping.member ? { name: mapping.member, id: null } : sheetMemberOf(grid, texts, headerRow)) : null;
    return { layout: mapping.layout, month: mapping.month ?? null, member };
  }
  if (wide) return null;
  const c = columns;
  const hasName = c.name !== undefined || c.idNumber !== undefined;
  const amount = c.paid ?? c.paidTotal;
  if (amount !== undefined && (c.startMonth !== undefined || c.endMonth !== undefined || c.monthRange !== undefined)) {
    return { layout: 'range', month: null, member: null };
  }
  if (c.month !== undefined && (c.paid !== undefined || c.due !== undefined)) {
    if (hasName) return { layout: 'monthRows', month: null, member: null };
    const member = sheetMemberOf(grid, texts, headerRow);
    if (member) return { layout: 'memberSheet', month: null, member };
  }
  if (c.paid !== undefined && hasName) {
    let month: string | null = null;
    for (let r = 0; r < headerRow && !month; r++) for (const t of texts[r] ?? []) if (t && (month = monthInTitle(t, year))) break;
    month ??= monthInTitle(grid.name, year);
    if (month) return { layout: 'monthRows', month, member: null };
  }
  if (hasName && (c.paidTotal !== undefined || c.dueTotal !== undefined) && (c.due !== undefined || c.base !== undefined || c.rate !== undefined)) {
    return { layout: 'annual', month: null, member: null };
  }
  return null;
}

function classifyRows(grid: Grid, table: Pick<RecognisedTable, 'columns' | 'dataStart' | 'sheetMember'>): { members: number[]; totals: number[] } {
  const members: number[] = [];
  const totals: number[] = [];
  // One sheet per member: its rows are months, told by the month cell.
  const nameCol = table.sheetMember ? table.columns.month : table.columns.name;
  const idCol = table.columns.idNumber;
  const seqCol = table.columns.seq;
  const lead = Math.max(nameCol ?? 0, seqCol ?? 0, 1);
  for (let r = table.dataStart; r < grid.values.length; r++) {
    const row = grid.values[r] ?? EMPTY;
    const name = nameCol === undefined ? null : row[nameCol] ?? null;
    const id = idCol === undefined ? null : row[idCol] ?? null;
    let total = false;
    let footer = false;
    let nameCompact: string | null = null;
    // The name cell took the plain path: compact as it is, no footer (isPlainLeadText).
    let namePlain = false;
    for (let c = 0; c <= lead && c < row.length; c++) {
      const v = row[c] ?? null;
      if (typeof v !== 'string') continue;
      if (isPlainLeadText(v)) {
        if (c === nameCol) {
          nameCompact = v;
          namePlain = true;
        }
        continue;
      }
      const s = compactText(v);
      if (c === nameCol) nameCompact = s;
      if (isTotalsCompact(s)) {
        total = true;
        break;
      }
      if (isFooter(s)) {
        footer = true;
        break;
      }
    }
    if (footer) continue;
    if (total && (id === null || id === '')) {
      totals.push(r);
      continue;
    }
    const nameText = typeof name === 'string' ? nameCompact ?? compactText(name) : name === null ? '' : String(name);
    if (nameText) {
      if ((!namePlain && isFooter(nameText)) || nameText === '姓名') continue;
      members.push(r);
      continue;
    }
    // No name: a member only by an ID. Asked only now, since reading the ID cell's text is one
    // more cold load per row (issue 14).
    if (id !== null && id !== '') members.push(r);
  }
  return { members, totals };
}

function emptyTable(grid: Grid, kind: TableKind): RecognisedTable {
  return {
    sheet: grid.name, kind, grid, origin: { row: grid.origin?.row ?? 0, col: grid.origin?.col ?? 0 },
    headerRow: -1, dataStart: 0, headers: [], columns: {}, ambiguous: [], months: [], quarterTotals: [],
    year: null, quarter: null, memberRows: [], totalsRows: [], mapped: false, layout: null, sheetMonth: null, sheetMember: null,
  };
}

/**
 * Recognise one sheet from its headers (or an explicit mapping). Returns null when the sheet
 * looks like neither a roster nor a register.
 */
export function recogniseSheet(grid: Grid, opts: RecogniseOptions, mapping?: SheetMapping): RecognisedTable | null {
  const scan = Math.min(grid.values.length, HEADER_SCAN_ROWS + 2);
  const texts = headerTexts(grid, scan);
  const oRow = grid.origin?.row ?? 0;
  const oCol = grid.origin?.col ?? 0;

  let headerRow = -1;
  if (mapping) headerRow = mapping.headerRow - oRow;
  else {
    let best = 0;
    for (let r = 0; r < Math.min(scan, HEADER_SCAN_ROWS); r++) {
      const s = scoreRow(texts[r] ?? []);
      if (s > best) {
        best = s;
        headerRow = r;
      }
    }
    if (best < 3) return null; // fewer than two known fields (or one and a couple of months)
  }

  // A two-row header: group labels (1月 …) over sub labels (应交 / 实交).
  let labels: string[] = (texts[headerRow] ?? []).slice();
  let dataStart = headerRow + 1;
  const below = texts[headerRow + 1] ?? [];
  if (!mapping && countSubWords(below) >= 2) {
    const width = Math.max(labels.length, below.length);
    const merged: string[] = [];
    for (let c = 0; c < width; c++) {
      const top = labels[c] ?? '';
      const sub = below[c] ?? '';
      merged.push(sub && isSubHeaderWord(sub) && normaliseHeader(sub) !== normaliseHeader(top) ? top + sub : top || sub);
    }
    labels = merged;
    dataStart = headerRow + 2;
  } else if (headerRow > 0 && countSubWords(labels) >= 2) {
    const above = texts[headerRow - 1] ?? [];
    // Only a month over 应交 / 实交 makes a pair; a title merged across the row does not.
    labels = labels.map((t, c) => (t && isSubHeaderWord(t) && above[c] && meaningOf(above[c] + t)?.kind === 'month' ? above[c] + t : t));
  }

  const year0 = opts.yearExplicit ? opts.year : (findYear(texts, Math.max(headerRow, 0), grid.name) ?? opts.year);
  const quarter = findQuarter(texts, Math.max(headerRow, 0), grid.name);

  const headers: HeaderCell[] = labels.map((text, col) => ({ col, text, meaning: text ? meaningOf(text) : null }));
  // Relative month headers (第1月 / 第二个月) only mean something on a quarter's sheet.
  if (quarter) {
    for (const h of headers) {
      const m = !h.meaning && h.text ? RELATIVE_MONTH.exec(normaliseHeader(h.text)) : null;
      if (m) h.meaning = { kind: 'month', month: quarterMonth(quarter, REL_DIGIT[m[1]!]!), part: 'paid' };
    }
  }

  const columns: Partial<Record<FieldKey, number>> = {};
  const seen = new Map<FieldKey, number[]>();
  const months: MonthColumn[] = [];
  const quarterTotals: { quarter: number; col: number }[] = [];
  let monthYear: number | null = null;
  for (const h of headers) {
    const m = h.meaning;
    if (!m) continue;
    if (m.kind === 'field') {
      const field = fieldByContent(grid, headers, h, m.field, m.ambiguousClass, dataStart);
      if (field === null) continue;
      // A second column the cells made a class (政治面貌 beside 党籍状态): the first stands, no alarm.
      if (m.ambiguousClass && seen.has(field)) continue;
      const list = seen.get(field) ?? [];
      list.push(h.col);
      seen.set(field, list);
    } else if (m.kind === 'month') {
      if (m.year && !opts.yearExplicit) monthYear ??= m.year;
      const y = opts.yearExplicit ? opts.year : (m.year ?? year0);
      months.push({ month: `${y}-${String(m.month).padStart(2, '0')}`, col: h.col, part: m.part });
    } else if (m.part === 'paid') {
      const q = m.quarter || quarter;
      if (q) quarterTotals.push({ quarter: q, col: h.col });
    }
  }
  // Columns no header names, told by their cells: a class column, an ID column, a rate column.
  if (!mapping) {
    for (const h of headers) {
      if (h.meaning || !h.text) continue;
      const p = profileColumn(grid, h.col, dataStart);
      if (p.seen < 1) continue;
      const add = (f: FieldKey) => { if (!seen.has(f)) seen.set(f, [h.col]); };
      if (most(p.memberClass, p) && p.memberClass > 0) add('memberClass');
      else if (most(p.id, p) && p.id > 0) add('idNumber');
      else if (most(p.rate, p) && p.rate > 0 && p.money === 0 && seen.has('base')) add('rate');
    }
  }
  const ambiguous: { field: FieldKey; cols: number[] }[] = [];
  for (const [field, cols] of seen) {
    columns[field] = cols[0]!;
    if (cols.length > 1) ambiguous.push({ field, cols: cols.slice(1) });
  }

  // The host's mapping wins over anything recognised.
  if (mapping) {
    for (const [field, col] of Object.entries(mapping.columns) as [FieldKey, number | undefined][]) {
      if (col === undefined) continue;
      columns[field] = col - oCol;
      const i = ambiguous.findIndex((a) => a.field === field);
      if (i >= 0) ambiguous.splice(i, 1);
    }
    if (mapping.months) {
      const y = mapping.year ?? year0;
      const explicit = Object.entries(mapping.months)
        .filter((e): e is [string, number] => e[1] !== undefined)
        .map(([mo, col]) => ({ month: `${y}-${String(Number(mo)).padStart(2, '0')}`, col: col - oCol, part: 'paid' as const }));
      months.splice(0, months.length, ...explicit.sort((a, b) => a.col - b.col));
    }
  }

  let kind: TableKind | null = mapping?.kind ?? null;
  const paidMonths = months.filter((m) => m.part === 'paid');
  const layoutFound = detectLayout(grid, texts, Math.max(headerRow, 0), columns, paidMonths.length > 0, mapping, year0);
  if (!kind) {
    const hasName = columns.name !== undefined || columns.idNumber !== undefined;
    if (paidMonths.length > 0 && hasName) kind = 'register';
    else if (layoutFound && (hasName || layoutFound.member)) kind = 'register';
    else if (hasName && (columns.idNumber !== undefined || columns.memberClass !== undefined) &&
      (columns.memberClass !== undefined || columns.joinDate !== undefined || columns.gender !== undefined || columns.ethnicity !== undefined)) kind = 'roster';
    else if (columns.name !== undefined && (columns.idNumber !== undefined || columns.category !== undefined || columns.base !== undefined)) {
      // Known fields but not enough to tell by content: the sheet's name decides, so the
      // missing columns can be named (COLUMN_MISSING) instead of the whole sheet going unseen.
      if (REGISTER_NAME.test(grid.name)) kind = 'register';
      else if (ROSTER_NAME.test(grid.name)) kind = 'roster';
    }
  }
  if (!kind) return null;

  const table = emptyTable(grid, kind);
  table.origin = { row: oRow, col: oCol };
  table.headerRow = headerRow;
  table.dataStart = dataStart;
  table.headers = headers;
  table.columns = columns;
  table.ambiguous = ambiguous;
  table.months = months;
  table.quarterTotals = quarterTotals;
  table.year = kind === 'register' ? (mapping?.year ?? monthYear ?? year0) : null;
  table.quarter = kind === 'register' ? quarter : null;
  table.mapped = !!mapping;
  if (kind === 'register') {
    table.layout = layoutFound?.layout ?? (paidMonths.length > 0 ? 'wide' : null);
    table.sheetMonth = layoutFound?.month ?? null;
    table.sheetMember = layoutFound?.member ?? null;
  }
  const rows = classifyRows(grid, table);
  table.memberRows = rows.members;
  table.totalsRows = rows.totals;
  return table;
}

export interface RecognisedWorkbook {
  rosters: RecognisedTable[];
  registers: RecognisedTable[];
  /** Sheets that looked like neither. */
  skipped: string[];
}

/** An empty result, made in one place so that the specimen kept below shares its hidden class. */
function emptyWorkbook(): RecognisedWorkbook {
  return { rosters: [], registers: [], skipped: [] };
}
keepAlive(emptyWorkbook()); // see shared/keep-alive.ts

export function recogniseWorkbook(grids: Grid[], opts: RecogniseOptions, mapping: Record<string, SheetMapping> = {}): RecognisedWorkbook {
  const out = emptyWorkbook();
  meanings.clear();
  forgetTextKinds();
  for (const grid of grids) {
    const t = recogniseSheet(grid, opts, mapping[grid.name]);
    if (!t) out.skipped.push(grid.name);
    else if (t.kind === 'roster') out.rosters.push(t);
    else out.registers.push(t);
  }
  // A table's columns object gets its hidden class from the order its fields were found, which
  // V8 holds only weakly: kept from one recognition to the next (a few numbers each, no cells),
  // the checker's optimised code reading them survives the full GC between two checks of the
  // same workbook (issue 14; see roster/checks.ts RosterReader).
  lastColumns = out.rosters.concat(out.registers).map((t) => t.columns);
  meanings.clear();
  forgetTextKinds();
  return out;
}
let lastColumns: Partial<Record<FieldKey, number>>[] = [];
/** The columns objects of the last recognition (kept alive on purpose; read by nothing else). */
export function keptColumns(): readonly Partial<Record<FieldKey, number>>[] {
  return lastColumns;
}
