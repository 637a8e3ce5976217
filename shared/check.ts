/**
 * The checker's one entry point: grids in, findings and member records out. Data flows one
 * way — grid → recognised table → member records → findings — and the checker never knows
 * whether a grid came from Excel, a file or a test.
 */
import type { Grid } from './grid';
import type { Finding } from './findings/finding';
import { FindingList, sortFindings } from './findings/collect';
import { routeFormulaFixes } from './findings/formulas';
import { nameFindings } from './findings/member-names';
import { FIELD_NAMES, type FieldKey } from './recognise/fields';
import type { ColumnMapping, RegisterLayout, TableKind } from './recognise/mapping';
import { recogniseWorkbook, type RecognisedTable } from './recognise/table';
import { checkRoster, ROSTER_REQUIRED, type RosterContext } from './roster/checks';
import { keepAlive } from './keep-alive';
import type { RosterIds } from './register/match';
import type { MemberRecord } from './roster/member';
import { checkRegisters, type RegisterContext } from './register/checks';
import type { CommitteeSettings } from './settings';
import { DEFAULT_SETTINGS } from './settings-defaults';
import { tableKindOf } from './standard/categories';

export type { ColumnMapping, SheetMapping, TableKind, RegisterLayout } from './recognise/mapping';
export type { FieldKey } from './recognise/fields';
export { FIELD_NAMES } from './recognise/fields';
export type { MemberRecord, MemberMonth, MemberDues } from './roster/member';
export { memberMonths } from './roster/member';
export type { Finding, FixValue } from './findings/finding';

export interface CheckOptions {
  /** Report date 'YYYY-MM-DD': arrears are judged as of this day, dates after it are future. */
  asOf: string;
  /** Year of the register's month columns when the sheet names none (default: asOf's year). */
  year?: number;
  settings?: CommitteeSettings;
  mapping?: ColumnMapping;
  // No language: findings always carry both (message: zh-CN, messageEn: English) and the host
  // picks one to show.
}

/** A recognised table as hosts see it: 0-based sheet coordinates, no cell data. */
export interface TableDescription {
  sheet: string;
  kind: TableKind;
  /** 0-based sheet row of the (last) header row. */
  headerRow: number;
  /** 0-based sheet row of the first data row. */
  dataStartRow: number;
  /** Field → 0-based sheet column. */
  columns: Partial<Record<FieldKey, number>>;
  /** Header cells as read, with the field or month each was taken for. */
  headers: { col: number; text: string; field: FieldKey | null; month: string | null }[];
  /** Register: month columns ('YYYY-MM', 0-based sheet column, paid or due). */
  months: { month: string; col: number; part: 'paid' | 'due' }[];
  /** Register: quarter subtotal columns (1–4, 0-based sheet column). */
  quarterTotals: { quarter: number; col: number }[];
  year: number | null;
  quarter: number | null;
  memberRows: number[];
  totalsRows: number[];
  /** True when the host's ColumnMapping was used for this sheet. */
  mapped: boolean;
  /** Register: how its months are laid out (null on a roster, or a register without months). */
  layout: RegisterLayout | null;
  /** One sheet per month: its month 'YYYY-MM'. One sheet per member: that member's name. */
  sheetMonth: string | null;
  sheetMember: string | null;
}

export interface CheckSummary {
  errors: number;
  warnings: number;
  infos: number;
  /** Members on the roster. */
  members: number;
}

export interface CheckResult {
  asOf: string;
  year: number;
  findings: Finding[];
  members: MemberRecord[];
  summary: CheckSummary;
  tables: TableDescription[];
  /** Sheets recognised as neither roster nor register. */
  skippedSheets: string[];
}

/**
 * Rows moved by the table's origin. A loop, not `.map((r) => r + oR)`: a closure made per
 * check is re-optimised at every check (issue 14: V8's code log shows one Turbofan compile per
 * check for it), and it runs once per member row.
 */
function shifted(rows: readonly number[], by: number): number[] {
  const out = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = rows[i]! + by;
  return out;
}

function describe(t: RecognisedTable): TableDescription {
  const { row: oR, col: oC } = t.origin;
  const columns: Partial<Record<FieldKey, number>> = {};
  for (const [k, c] of Object.entries(t.columns) as [FieldKey, number][]) columns[k] = c + oC;
  const monthByCol = new Map(t.months.map((m) => [m.col, m.month]));
  return {
    sheet: t.sheet,
    kind: t.kind,
    headerRow: t.headerRow + oR,
    dataStartRow: t.dataStart + oR,
    columns,
    headers: t.headers.filter((h) => h.text).map((h) => ({
      col: h.col + oC,
      text: h.text,
      field: (Object.entries(t.columns) as [FieldKey, number][]).find(([, c]) => c === h.col)?.[0] ?? null,
      month: monthByCol.get(h.col) ?? null,
    })),
    months: t.months.map((m) => ({ month: m.month, col: m.col + oC, part: m.part })),
    quarterTotals: t.quarterTotals.map((q) => ({ quarter: q.quarter, col: q.col + oC })),
    year: t.year,
    quarter: t.quarter,
    memberRows: shifted(t.memberRows, oR),
    totalsRows: shifted(t.totalsRows, oR),
    mapped: t.mapped,
    layout: t.layout,
    sheetMonth: t.sheetMonth,
    sheetMember: t.sheetMember?.name ?? null,
  };
}

function columnFindings(t: RecognisedTable, required: FieldKey[], findings: FindingList): void {
  const row = Math.max(t.headerRow, 0) + t.origin.row;
  for (const k of required) {
    if (t.columns[k] === undefined && k === 'idNumber' && t.kind === 'roster' && t.columns.name !== undefined) {
      // A roster kept without IDs is still a roster: the ID checks cannot run, said once.
      findings.add('CHECK_NOT_RUN', t.sheet, row, t.origin.col, {
        field: '身份证号码', fieldEn: 'ID number', value: '花名册没有公民身份号码列，身份证号、性别与出生日期核对未进行',
        other: 'the roster has no ID number column, so IDs, gender and birth date were not checked against them',
      });
      continue;
    }
    if (t.columns[k] === undefined) {
      findings.add('COLUMN_MISSING', t.sheet, row, t.origin.col, { field: FIELD_NAMES[k].zh, fieldEn: FIELD_NAMES[k].en });
    }
  }
  for (const a of t.ambiguous) {
    const first = t.columns[a.field]!;
    for (const c of a.cols) {
      findings.add('COLUMN_AMBIGUOUS', t.sheet, row, c + t.origin.col, {
        field: FIELD_NAMES[a.field].zh, fieldEn: FIELD_NAMES[a.field].en, other: String(first + t.origin.col + 1),
      });
    }
  }
}

type RosterIdsFound = { duplicated: boolean; first: ReadonlyMap<string, number> | undefined; nameHashes: Int32Array | undefined };

// The small objects a check hands down, each made in one place and one specimen of each kept
// (keepAlive): made once per check, their hidden classes would otherwise die at every full GC
// and take the optimised code reading them along (issue 14).
function rosterIdsOf(): RosterIdsFound {
  return { duplicated: false, first: undefined, nameHashes: undefined };
}
function rosterContext(asOf: string, settings: CommitteeSettings, findings: FindingList, ids: RosterIdsFound, nonMembers: Set<string>): RosterContext {
  return { asOf, settings, findings, ids, nonMembers };
}
function registerContext(asOf: string, settings: CommitteeSettings, findings: FindingList, assumeCategory: boolean, nonMembers: Set<string>): RegisterContext {
  return { asOf, settings, findings, assumeCategory, nonMembers };
}
/** What the register may trust of one roster's IDs and names (member indexes line up with its). */
function oneRoster(unique: boolean, first: ReadonlyMap<string, number> | undefined, nameHashes: Int32Array | undefined): RosterIds {
  return { unique, first: unique ? first : undefined, nameHashes };
}
const NOT_UNIQUE: RosterIds = { unique: false };
keepAlive(rosterContext('', DEFAULT_SETTINGS, new FindingList(), rosterIdsOf(), new Set()));
keepAlive(registerContext('', DEFAULT_SETTINGS, new FindingList(), false, new Set()));
keepAlive(oneRoster(true, new Map(), new Int32Array(0)));

export function checkWorkbook(grids: Grid[], opts: CheckOptions): CheckResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new RangeError(`asOf must be YYYY-MM-DD, got ${opts.asOf}`);
  const settings = opts.settings ?? DEFAULT_SETTINGS;
  const year = opts.year ?? Number(opts.asOf.slice(0, 4));
  const findings = new FindingList();
  const wb = recogniseWorkbook(grids, { year, yearExplicit: opts.year !== undefined }, opts.mapping ?? {});
  const firstSheet = grids[0]?.name ?? '';

  if (!wb.rosters.length) findings.add('SHEET_NOT_FOUND', firstSheet, 0, 0, { kind: 'roster' });
  if (!wb.registers.length) findings.add('SHEET_NOT_FOUND', firstSheet, 0, 0, { kind: 'register' });

  let members: MemberRecord[] = [];
  const nameCols = new Map<string, number>();
  const rosterIds = rosterIdsOf();
  const nonMembers = new Set<string>();
  for (const t of wb.rosters) {
    columnFindings(t, ROSTER_REQUIRED, findings);
    nameCols.set(t.sheet, (t.columns.name ?? t.columns.idNumber ?? 0) + t.origin.col);
    // A loop, not push(...spread): 100,000 members as call arguments would overflow the stack.
    const read = checkRoster(t, rosterContext(opts.asOf, settings, findings, rosterIds, nonMembers));
    if (!members.length) members = read;
    else for (let i = 0; i < read.length; i++) members.push(read[i]!);
  }
  const rosterHasCategory = wb.rosters.some((t) => t.columns.category !== undefined);
  // No category anywhere (no 交费类别 on any register or roster): the committee's default, said once.
  const assumeCategory = wb.registers.length > 0 && !rosterHasCategory && wb.registers.every((t) => t.columns.category === undefined && !t.mapped);
  for (const t of wb.registers) {
    const required: FieldKey[] = [];
    if (t.columns.name === undefined && t.columns.idNumber === undefined && !t.sheetMember) required.push('name');
    columnFindings(t, required, findings);
    const headerAt = Math.max(t.headerRow, 0) + t.origin.row;
    if (assumeCategory) {
      findings.add('CATEGORY_ASSUMED', t.sheet, headerAt, t.origin.col, { category: settings.defaultCategory, count: t.memberRows.length });
    }
    if (t.layout === 'annual') {
      const c = (t.columns.paidTotal ?? t.columns.dueTotal ?? 0) + t.origin.col;
      findings.add('CHECK_NOT_RUN', t.sheet, headerAt, c, {
        field: '逐月欠交', fieldEn: 'Arrears month by month', value: '年度汇总表没有各月交纳，只能按全年合计估算欠交（见欠交为估算）',
        other: 'an annual summary has no months, so arrears are estimated from the year\'s totals',
      });
    }
    if (t.layout && t.layout !== 'wide') continue;
    if (!t.months.some((m) => m.part === 'paid')) {
      findings.add('COLUMN_MISSING', t.sheet, Math.max(t.headerRow, 0) + t.origin.row, t.origin.col, {
        field: '各月交纳（1月…12月）', fieldEn: 'Month columns (1月 … 12月)',
      });
    }
  }
  checkRegisters(
    wb.registers,
    members,
    (m) => ({ sheet: m.sheet, row: m.row, col: nameCols.get(m.sheet) ?? 0 }),
    registerContext(opts.asOf, settings, findings, assumeCategory, nonMembers),
    wb.rosters.length > 0,
    // Duplicates are found per roster sheet, so uniqueness is known only with one roster (whose
    // member indexes are then those of `members`).
    wb.rosters.length === 1 ? oneRoster(!rosterIds.duplicated, rosterIds.first, rosterIds.nameHashes) : NOT_UNIQUE,
  );

  // Rate categories need a base (dues-standard §2); without the column nothing can be checked.
  let saidNoBase = false;
  for (const t of wb.registers) {
    if (t.columns.base !== undefined || t.mapped) continue;
    const needsBase = members.some((m) => m.duesRows.some((d) => d.sheet === t.sheet) && m.category !== null && tableKindOf(m.category) !== null);
    if (needsBase && t.layout === 'memberSheet') {
      if (saidNoBase) continue;
      saidNoBase = true;
      // One member's own sheet rarely repeats the base: the due cannot be recomputed, said once.
      findings.add('CHECK_NOT_RUN', t.sheet, Math.max(t.headerRow, 0) + t.origin.row, t.origin.col, {
        field: '应交金额核对', fieldEn: 'Due against the standard', value: '本表没有缴费基数，无法按标准核对应交金额',
        other: 'the sheet has no base, so the due cannot be recomputed from the standard',
      });
    } else if (needsBase) {
      findings.add('COLUMN_MISSING', t.sheet, Math.max(t.headerRow, 0) + t.origin.row, t.origin.col, { field: FIELD_NAMES.base.zh, fieldEn: FIELD_NAMES.base.en });
    }
  }

  // A fix never overwrites a formula: it moves to the formula's input, or goes (findings/formulas.ts).
  const sorted = routeFormulaFixes(sortFindings(findings.items, grids.map((g) => g.name)), grids);
  const summary: CheckSummary = { errors: 0, warnings: 0, infos: 0, members: members.length };
  for (const f of sorted) {
    if (f.severity === 'error') summary.errors += 1;
    else if (f.severity === 'warning') summary.warnings += 1;
    else summary.infos += 1;
  }
  const tables = [...wb.rosters, ...wb.registers].map(describe);
  nameFindings(sorted, tables, grids);
  return {
    asOf: opts.asOf, year, findings: sorted, members, summary,
    tables,
    skippedSheets: wb.skipped,
  };
}
