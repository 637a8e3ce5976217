/**
 * Checks the dues register (党费收缴登记表): each row is read once (row.ts), checked against
 * the standard (standard-checks.ts) and its totals (totals.ts), matched to the roster by ID,
 * else by name; then each member's rows are judged together (member-dues.ts).
 */
import type { Category } from '../standard/categories';
import type { RecognisedTable } from '../recognise/table';
import type { MemberRecord } from '../roster/member';
import { lastJudgedMonth, monthNumber } from './coverage';
import { RosterIndex, type RosterIds } from './match';
import { judgeMember } from './member-dues';
import { DuesColumns } from './dues-columns';
import { readRow, rowId, rowName, scratchRow, SheetFindings, spreadRow, tableMonths, type DuesRow, type RegisterContext, type TableMonths } from './row';
import { RowMonths } from './layouts';
import { monthsBetween } from '../recognise/month-cell';
import { checkStandard } from './standard-checks';
import { checkAnnualRow, checkRowTotals, checkTotalsRows, planTotals } from './totals';

export type { RegisterContext } from './row';
export { MONTHLY_CEILING_FEN } from './standard-checks';
export { LARGE_VOLUNTARY_FEN } from './member-dues';

/** A blank 交费类别 falls back to the roster's (an object, not a closure per check, for the optimiser). */
class RosterCategory {
  constructor(private readonly index: RosterIndex) {}
  of(id: string | null, name: string): Category | null {
    const hit = this.index.find(id, name);
    return hit >= 0 ? this.index.members[hit]!.category : null;
  }
}

/**
 * What the register checks pass down (RegisterContext), in an object of their own: one
 * long-lived instance (RegisterPass), not the caller's literal, whose hidden class dies with
 * the check and takes the optimised code reading it along at the next full GC (issue 14).
 */
class PassContext implements RegisterContext {
  asOf = '';
  settings = null as unknown as RegisterContext['settings'];
  findings = null as unknown as RegisterContext['findings'];
  assumeCategory = false;
  nonMembers: ReadonlySet<string> | undefined = undefined;
  fill(c: RegisterContext): this {
    this.asOf = c.asOf;
    this.settings = c.settings;
    this.findings = c.findings;
    this.assumeCategory = c.assumeCategory ?? false;
    this.nonMembers = c.nonMembers;
    return this;
  }
  /** Lets go of the findings and the names of non-members. */
  clear(): void {
    this.findings = null as unknown as RegisterContext['findings'];
    this.nonMembers = undefined;
  }
}

/** Which member register row k names (recorded in names/ids/found/byId/rowsOf); the next hint. */
function matchRow(
  table: RecognisedTable, k: number, index: RosterIndex, hint: number, names: string[], ids: (string | null)[],
  found: Int32Array, byId: Uint8Array, rowsOf: Int32Array,
): number {
  const r = table.memberRows[k]!;
  let id: string | null;
  let name: string;
  // The member after the last one found, when the row holds exactly their ID and name (nearly
  // every row of a register kept in roster order): both texts are keys already (the roster read
  // them into that form, which reading again keeps), so neither is scanned again (issue 14).
  const m = hint < index.members.length ? index.members[hint]! : null;
  const cells = table.grid.values[r];
  const { idNumber: idCol, name: nameCol } = table.columns;
  if (m !== null && m.idNumber !== null && cells !== undefined && idCol !== undefined && nameCol !== undefined &&
    !table.sheetMember && cells[idCol] === m.idNumber && cells[nameCol] === m.name) {
    id = m.idNumber;
    name = m.name;
  } else {
    id = rowId(table, r);
    name = rowName(table, r);
  }
  ids[k] = id;
  names[k] = name;
  const hit = index.find(id, name, hint);
  if (hit < 0) return hint;
  found[k] = hit;
  if (index.byIdHit) byId[k] = 1;
  rowsOf[hit]! += 1;
  return hit + 1;
}

type Known = { names: string[]; ids: (string | null)[]; k: number } | undefined;

/**
 * One register row after another: reads, matches and checks each, judging at once a member
 * whose only row it is. One long-lived instance, the check's state set by start() and
 * startTable(): the row work is a method, whose optimised code V8 keeps while the function
 * lives. A closure made per check (or checkRegisters' own loop, optimised on stack replacement)
 * lost it at every full GC, and a check after one spent ~100 ms recompiling (issue 14).
 */
class RegisterPass {
  readonly index = new RosterIndex([], false);
  readonly categories = new RosterCategory(this.index);
  readonly context = new PassContext();
  /** readRow's record for rows judged at once (row.ts scratchRow), long-lived like the rest. */
  readonly scratchRecord = scratchRow();
  private members: MemberRecord[] = [];
  private ctx = null as unknown as RegisterContext;
  private rosterCategory = null as unknown as RosterCategory;
  private scratch = null as unknown as DuesRow;
  private years = new Set<number>();
  private longRows: DuesRow[] = [];
  private unknownLong = new Map<string, DuesRow[]>();
  private one: DuesRow[] = [];
  private rows: DuesRow[] = [];
  private rowsOf: Int32Array = new Int32Array(0);
  private lastJudged = 0;
  private hasRoster = false;
  private table = null as unknown as RecognisedTable;
  private out = null as unknown as SheetFindings;
  private wide = false;
  private tableWide: TableMonths | null = null;
  private perRow: RowMonths | null = null;
  private found: Int32Array = new Int32Array(0);
  private foundById: Uint8Array = new Uint8Array(0);
  private known: Known = undefined;
  // The earliest month of the rows' months: a member who joined by then paid nothing before
  // joining, so the DUES_BEFORE_JOIN scan is skipped (nearly every member).
  private minOf: TableMonths | null = null;
  private minNum = 0;
  /** The current wide table's columns of one-row members' months, made at its first such member. */
  private columns: DuesColumns | null = null;

  start(
    members: MemberRecord[], ctx: RegisterContext, rosterCategory: RosterCategory, scratch: DuesRow, years: Set<number>,
    longRows: DuesRow[], unknownLong: Map<string, DuesRow[]>, one: DuesRow[], rows: DuesRow[], rowsOf: Int32Array,
    lastJudged: number, hasRoster: boolean,
  ): void {
    this.members = members; this.ctx = ctx; this.rosterCategory = rosterCategory; this.scratch = scratch;
    this.years = years; this.longRows = longRows; this.unknownLong = unknownLong; this.one = one; this.rows = rows;
    this.rowsOf = rowsOf; this.lastJudged = lastJudged; this.hasRoster = hasRoster;
  }

  startTable(
    table: RecognisedTable, out: SheetFindings, wide: boolean, tableWide: TableMonths | null, perRow: RowMonths | null,
    found: Int32Array, foundById: Uint8Array, known: Known,
  ): void {
    this.table = table; this.out = out; this.wide = wide; this.tableWide = tableWide; this.perRow = perRow;
    this.found = found; this.foundById = foundById; this.known = known;
    this.minOf = null;
    this.minNum = 0;
    this.columns = null;
  }

  /** Lets go of the check's members, tables and findings. */
  finish(): void {
    this.index.reset([], false);
    const s = this.scratchRecord;
    s.table = null as unknown as RecognisedTable;
    s.months = null as unknown as TableMonths;
    s.std = null;
    this.context.clear();
    this.start([], null as unknown as RegisterContext, null as unknown as RosterCategory, null as unknown as DuesRow,
      new Set(), [], new Map(), [], [], new Int32Array(0), 0, false);
    this.startTable(null as unknown as RecognisedTable, null as unknown as SheetFindings, false, null, null, new Int32Array(0), new Uint8Array(0), undefined);
  }

  /** Row k of the current table. */
  row(k: number): void {
    const { members, ctx, rosterCategory, scratch, years, longRows, unknownLong, one, rows, rowsOf, lastJudged, hasRoster } = this;
    const { table, out, wide, tableWide, perRow, found, foundById, known } = this;
    const r = table.memberRows[k]!;
    const months = tableWide ?? perRow!.of(r);
    if (!months) {
      // A row whose month cannot be read: said at the month cell, and not judged.
      const c = table.columns.month ?? table.columns.monthRange ?? table.columns.startMonth ?? table.columns.name ?? 0;
      const v = table.grid.values[r]?.[c] ?? null;
      out.add('DATE_INVALID', r, c, { field: '缴费月份', fieldEn: 'Month paid', value: v === null ? '' : String(v) });
      return;
    }
    if (known) known.k = k;
    if (ctx.nonMembers?.size && found[k]! < 0) {
      const id = known ? known.ids[k] ?? null : rowId(table, r);
      const name = known ? known.names[k]! : rowName(table, r);
      if ((id && ctx.nonMembers.has(id)) || ctx.nonMembers.has(name)) return; // NOT_A_MEMBER said on the roster
    }
    // A wide row that is its member's only one (or no member's) is judged below and dropped:
    // read into the one scratch record (row.ts scratchRow) instead of a new one.
    const judgedNow = wide && (found[k]! < 0 || rowsOf[found[k]!] === 1);
    const row = readRow(table, months, r, ctx, out, rosterCategory, judgedNow ? scratch : undefined, known);
    if (!wide) for (const l of months.labels) years.add(Number(l.slice(0, 4)));
    const hit = found[k]!;
    if (hit >= 0) {
      row.member = hit;
      const m = members[hit]!;
      // Unequal first: the match hands over the roster's own string, so the names are usually one
      // object and neither is read (a name's text is a cold load here, issue 14).
      if (foundById[k] === 1 && row.name !== m.name && row.name && m.name) {
        out.add('DUES_NAME_MISMATCH', r, row.nameCol, { actual: row.name, expected: m.name }, m.name);
      }
    } else if (hasRoster) {
      out.add('DUES_MEMBER_UNKNOWN', r, row.nameCol, { name: row.name || row.id || '' });
    }
    const member = row.member === null ? null : members[row.member]!;
    // The month of joining once per row (it was read four times; issue 14), −1 when unknown.
    const joinMonth = member?.joinDate ? monthNumber(member.joinDate) : -1;
    if (months.spread && member?.joinDate) spreadRow(row, joinMonth);
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
      checkStandard(row, out, joinMonth);
    }
    // 2008规定 第八条: dues run from the month of joining (the 支部大会's month).
    if (member?.joinDate) {
      if (this.minOf !== months) {
        this.minOf = months;
        this.minNum = Infinity;
        for (let i = 0; i < months.nums.length; i++) if (months.nums[i]! < this.minNum) this.minNum = months.nums[i]!;
      }
      let early: string[] | null = null; // built only for the rare member who paid before joining
      let firstCol = -1;
      for (let i = 0; joinMonth > this.minNum && i < months.nums.length; i++) {
        if (months.nums[i]! < joinMonth && row.paid[i]! > 0) {
          if (firstCol < 0) firstCol = months.cols[i]!;
          (early ??= []).push(months.labels[i]!);
        }
      }
      if (early) out.add('DUES_BEFORE_JOIN', r, firstCol, { value: member.joinDate, months: early });
    }
    checkRowTotals(row, out);
    if (table.layout === 'annual') checkAnnualRow(row, joinMonth, lastJudged, out);
    if (!wide && table.layout !== 'annual') {
      if (row.member !== null) longRows.push(row);
      else {
        const key = row.id ?? row.name;
        const list = unknownLong.get(key);
        if (list) list.push(row);
        else unknownLong.set(key, [row]);
      }
      return;
    }
    // A row alone (unknown, or its member's only row) is judged now; the rest wait for their group.
    if (row.member === null || rowsOf[row.member] === 1) {
      one[0] = row;
      let columns: DuesColumns | null = null;
      if (row.member !== null && tableWide !== null) columns = this.columns ??= new DuesColumns(tableWide.labels, table.memberRows.length);
      judgeMember(one, member, ctx, lastJudged, undefined, columns, joinMonth);
    } else rows.push(row);
  }
}
// One instance for the module's life (see RegisterPass); another only if a check runs inside one.
let idlePass: RegisterPass | null = new RegisterPass();

/**
 * Checks every register table and fills each matched member's months, category, streak and
 * register rows. Roster members in normal standing without any row get DUES_MEMBER_MISSING.
 */
export function checkRegisters(
  tables: RecognisedTable[],
  members: MemberRecord[],
  rosterNameCol: (m: MemberRecord) => { sheet: string; row: number; col: number },
  context: RegisterContext,
  hasRoster: boolean,
  rosterIds: RosterIds = { unique: false },
): void {
  const pass = idlePass ?? new RegisterPass();
  idlePass = null;
  try {
    checkWith(pass, tables, members, rosterNameCol, pass.context.fill(context), hasRoster, rosterIds);
  } finally {
    pass.finish();
    idlePass = pass;
  }
}

function checkWith(
  pass: RegisterPass,
  tables: RecognisedTable[],
  members: MemberRecord[],
  rosterNameCol: (m: MemberRecord) => { sheet: string; row: number; col: number },
  ctx: RegisterContext,
  hasRoster: boolean,
  rosterIds: RosterIds,
): void {
  const index = pass.index;
  index.reset(members, rosterIds);
  const rosterCategory = pass.categories;
  const rows: DuesRow[] = [];

  // First only who each row is, so a member with one row (nearly all) is judged as soon as the
  // row is read and the row is garbage at once, instead of every row living to the end.
  const rowsOf = new Int32Array(members.length);
  const hits: Int32Array[] = [];
  // Whether each row's match was by ID (for DUES_NAME_MISMATCH), kept from the one lookup per row.
  const byIdHits: Uint8Array[] = [];
  // Each row's name and ID as the match read them, so readRow need not read them again.
  const who: ({ names: string[]; ids: (string | null)[]; k: number } | undefined)[] = [];
  for (const table of tables) {
    const found = new Int32Array(table.memberRows.length).fill(-1);
    const byId = new Uint8Array(table.memberRows.length);
    if (hasRoster) {
      const names = new Array<string>(table.memberRows.length);
      const ids = new Array<string | null>(table.memberRows.length);
      who.push({ names, ids, k: 0 });
      // Register rows usually follow the roster: the member after the last one found is tried first.
      let hint = 0;
      for (let k = 0; k < table.memberRows.length; k++) hint = matchRow(table, k, index, hint, names, ids, found, byId, rowsOf);
    }
    else who.push(undefined);
    hits.push(found);
    byIdHits.push(byId);
  }
  const lastJudged = monthNumber(lastJudgedMonth(ctx.asOf));
  const one: DuesRow[] = [];
  const scratch = pass.scratchRecord;
  // Rows of registers whose months are data (one row per month or payment): a member's rows are
  // judged together, over every month of the years they touch, whatever the roster says.
  const longRows: DuesRow[] = [];
  const unknownLong = new Map<string, DuesRow[]>();
  const years = new Set<number>();
  pass.start(members, ctx, rosterCategory, scratch, years, longRows, unknownLong, one, rows, rowsOf, lastJudged, hasRoster);
  for (let t = 0; t < tables.length; t++) {
    const table = tables[t]!;
    const out = new SheetFindings(ctx.findings, table);
    const wide = !table.layout || table.layout === 'wide';
    const tableWide = wide ? tableMonths(table) : null;
    const perRow = wide ? null : new RowMonths(table);
    const found = hits[t]!;
    const foundById = byIdHits[t]!;
    const known = who[t];
    pass.startTable(table, out, wide, tableWide, perRow, found, foundById, known);
    const totals = planTotals(table);
    if (totals === null) for (let k = 0; k < table.memberRows.length; k++) pass.row(k);
    else {
      // Each member row summed for the 合计/小计 rows right after it is read (TotalsSums).
      const sums = totals.sums;
      for (let k = 0; k < table.memberRows.length; k++) {
        pass.row(k);
        sums.add(k);
      }
      sums.finish();
      checkTotalsRows(totals, table, out);
    }
  }

  // Members on several rows (per-quarter sheets give one row per sheet), in roster order.
  const byMember: (DuesRow[] | undefined)[] = new Array(members.length);
  for (const row of rows) (byMember[row.member!] ??= []).push(row);
  for (let i = 0; i < members.length; i++) {
    const group = byMember[i];
    if (group !== undefined) judgeMember(group, members[i]!, ctx, lastJudged);
  }
  if (longRows.length || unknownLong.size) {
    const span = [...years].sort((a, b) => a - b);
    const fill = span.length ? monthsBetween(span[0]!, 1, span[span.length - 1]!, 12) : [];
    const byLong: (DuesRow[] | undefined)[] = new Array(members.length);
    for (const row of longRows) (byLong[row.member!] ??= []).push(row);
    for (let i = 0; i < members.length; i++) {
      const group = byLong[i];
      if (group === undefined) continue;
      // A member on both a wide sheet and a long one: the long rows add to what the wide gave.
      const wideRows = byMember[i];
      judgeMember(wideRows ? [...wideRows, ...group] : group, members[i]!, ctx, lastJudged, fill);
    }
    for (const group of unknownLong.values()) judgeMember(group, null, ctx, lastJudged, fill);
  }

  if (hasRoster && tables.length) {
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      if (rowsOf[i] === 0 && m.standing !== '停止党籍') {
        const at = rosterNameCol(m);
        ctx.findings.add('DUES_MEMBER_MISSING', at.sheet, at.row, at.col, { name: m.name });
      }
    }
  }
}

