/**
 * Reads the roster (党员花名册) into member records and checks each row against the member
 * rules of dues-standard.md §6–§7 (ID numbers, gender, dates, class, probation).
 */
import type { CellValue } from '../grid';
import { compactText, isBlankCell as isBlank } from '../cell-text';
import { isoToExcelSerial, isDateFormat } from '../dates';
import { beforeYearsAfter, isoYmd, plusYears, readDateCell, SERIAL_TABLE_END, serialYmd, ymdBeforeYearsAfter, ymdIso, ymdYearsOld, yearsOld } from './date-cell';
import { quickBirthYmd, quickGender, quickKeyHi, quickKeyLo, quickValidBirth } from './id-fast';
import { FirstIndex, IdKeyTable } from './id-keys';
import { nameHash } from './name-hash';
import { analyseId } from '../idcard';
import { checkEthnicity } from '../ethnicity';
import { canonicalCategory } from '../standard/categories';
import type { CommitteeSettings } from '../settings';
import type { FindingList } from '../findings/collect';
import { FIELD_NAMES, type FieldKey } from '../recognise/fields';
import { cellAt, type RecognisedTable } from '../recognise/table';
import { canonicalMemberClass, canonicalStanding, isMobileWord, isNonMemberWord } from './member-class';
import { idKey } from '../register/match';
import { NO_DUES, NO_ROWS, type MemberRecord } from './member';
import { keepAlive } from '../keep-alive';

const NON_MEMBER_EN: Record<string, string> = { 入党积极分子: 'an activist applying to join', 积极分子: 'an activist applying to join', 发展对象: 'a candidate for membership' };

export const ROSTER_REQUIRED: FieldKey[] = ['name', 'idNumber', 'memberClass', 'joinDate'];

export interface RosterContext {
  asOf: string;
  settings: CommitteeSettings;
  findings: FindingList;
  /**
   * Filled for the register's index: `duplicated` set when two rows of the table share an ID
   * key, `first` the table's ID key → index (in the returned members) of its first row.
   */
  ids?: { duplicated: boolean; first?: ReadonlyMap<string, number>; nameHashes?: Int32Array };
  /** Filled with the names and ID keys of 入党积极分子 / 发展对象 rows (NOT_A_MEMBER): not members, no dues. */
  nonMembers?: Set<string>;
}

/** A row's cells where the grid has no row (cellAt's EMPTY). */
const NO_CELLS: readonly CellValue[] = [];

function genderText(v: CellValue): '男' | '女' | null {
  if (typeof v !== 'string') return null;
  const s = compactText(v);
  if (s === '男' || s === '男性') return '男';
  if (s === '女' || s === '女性') return '女';
  return null;
}

/**
 * A pure reading of a cell, remembered for the last value read: 性别, 民族, 人员类别 and 党籍状态
 * repeat a few words down the column, so most rows cost one comparison. A class, not a closure
 * per check: optimised code then calls the same functions every time.
 */
class LastValue<T> {
  private seen = false;
  private lastV: CellValue = null;
  private last: T | undefined;
  constructor(private readonly read: (v: CellValue) => T) {}
  get(v: CellValue): T {
    if (!this.seen || v !== this.lastV) {
      this.last = this.read(v);
      this.lastV = v;
      this.seen = true;
    }
    return this.last as T;
  }
}
// One instance for the module's life: V8 holds a hidden class only weakly, so a full GC between
// checks that frees every instance also throws away the optimised code using it (issue 14;
// held by keepAlive: a module-level const alone does not keep its object).
const KEEP_LAST_VALUE = keepAlive(new LastValue((v) => v));
void KEEP_LAST_VALUE;

/** A fix for a date cell keeps the cell's kind: a serial where it held a serial, ISO text otherwise. */
function dateFix(original: CellValue, format: string | undefined, iso: string): string | number {
  return typeof original === 'number' && isDateFormat(format) ? isoToExcelSerial(iso) : iso;
}

type AddArgs = Parameters<FindingList['add']>;

function fieldName(k: FieldKey): { field: string; fieldEn: string } {
  return { field: FIELD_NAMES[k].zh, fieldEn: FIELD_NAMES[k].en };
}

/**
 * Reads one roster table row by row. One long-lived instance, its per-table state set by
 * start(): the row work lives in methods, whose optimised code V8 keeps while the function
 * lives. Closures made per check (as this was) lose theirs at every full GC, and a check after
 * one spent ~100 ms recompiling (issue 14: Turbofan samples in `perf`, 3× those of a check
 * after a scavenge).
 */
class RosterReader {
  private table = null as unknown as RecognisedTable;
  private grid = null as unknown as RecognisedTable['grid'];
  private col = null as unknown as RecognisedTable['columns'];
  private sheet = '';
  private oR = 0;
  private oC = 0;
  private f = null as unknown as FindingList;
  private ctx = null as unknown as RosterContext;
  private nameCol = 0;
  /** ID key → index in `members` of its first row (the record is pushed at the end of the row). */
  private readonly firstSeen = new IdKeyTable();
  private members: MemberRecord[] = [];
  private idOpts = { taiwanRegion83: false };
  /** Each member's nameHash, for the register's name index (handed to ctx.ids by finish()). */
  private nameHashes = new Int32Array(0);
  /** The precision of the last date read (a 出生年月 may name only the month). */
  private lastPrecision: 'day' | 'month' = 'day';
  /** The last date read as yyyymmdd (-1 when none or not ISO-shaped): compared as integers. */
  private lastYmd = -1;
  /** asOf as yyyymmdd, -1 when it is not ISO-shaped (then dates compare as text). */
  private asOfYmd = -1;
  /**
   * Serial → ISO text of the dates read in this check: 转正日期 and 入党日期 repeat down a roster
   * (a branch admits members on a few days a year), so a repeat costs one load, not a new
   * string (issue 14). An array by serial ('' for none yet), not a Map: a Map's get + set were
   * ≈ 9 % of checkRoster in a roster-only profile. Emptied by finish() through `touched` (the
   * serials set), so it holds nothing between checks; serials from 2100 on are not memoised.
   */
  private isoOfSerial: string[] = [];
  private touched = new Int32Array(0);
  private touchedCount = 0;
  // Column positions read once, not per row.
  // Parallel arrays, not [field, column] pairs: destructuring a pair per row goes through the
  // iterator protocol in optimised code (issue 14: 3 % of a 10k check).
  private requiredKeys: FieldKey[] = [];
  private requiredCols: number[] = [];
  private birthC: number | undefined = undefined;
  private joinC: number | undefined = undefined;
  private fullC: number | undefined = undefined;
  private statusColumn = false;
  // Pure readings, so their one-value memory may outlive a check.
  private readonly genderOf = new LastValue(genderText);
  private readonly ethnicityOf = new LastValue(checkEthnicity);
  private readonly classOf = new LastValue(canonicalMemberClass);
  private readonly standingOf = new LastValue(canonicalStanding);

  start(table: RecognisedTable, ctx: RosterContext): void {
    const col = table.columns;
    this.table = table;
    this.grid = table.grid;
    this.col = col;
    this.sheet = table.sheet;
    this.oR = table.origin.row;
    this.oC = table.origin.col;
    this.f = ctx.findings;
    this.ctx = ctx;
    this.nameCol = col.name ?? col.idNumber ?? 0;
    this.firstSeen.start(table.memberRows.length);
    this.members = [];
    if (this.nameHashes.length < table.memberRows.length) this.nameHashes = new Int32Array(table.memberRows.length);
    this.idOpts = { taiwanRegion83: ctx.settings.taiwanRegion83 };
    this.lastPrecision = 'day';
    this.asOfYmd = isoYmd(ctx.asOf);
    if (this.isoOfSerial.length === 0) {
      this.isoOfSerial = new Array<string>(SERIAL_TABLE_END).fill('');
      this.touched = new Int32Array(SERIAL_TABLE_END);
    }
    this.touchedCount = 0;
    this.requiredKeys = ROSTER_REQUIRED.filter((k) => col[k] !== undefined);
    this.requiredCols = this.requiredKeys.map((k) => col[k]!);
    this.birthC = col.birthDate;
    this.joinC = col.joinDate;
    this.fullC = col.fullDate;
    const classHeader = col.memberClass === undefined ? '' : table.headers.find((h) => h.col === col.memberClass)?.text ?? '';
    this.statusColumn = col.memberClass !== undefined && /政治面貌|状态|党籍|面貌/.test(classHeader);
  }

  /** The members read; the reader lets go of the table and the findings. */
  finish(): MemberRecord[] {
    const members = this.members;
    this.members = [];
    const ids = this.ctx?.ids;
    const first = this.firstSeen.finish(ids !== undefined);
    if (ids && first) ids.first = first;
    // The hashes go with the members, or go (a new buffer for the next table): nothing derived
    // from anyone's name stays in the reader between checks.
    if (ids) ids.nameHashes = this.nameHashes.subarray(0, members.length);
    this.nameHashes = new Int32Array(0);
    const iso = this.isoOfSerial;
    const touched = this.touched;
    for (let i = 0; i < this.touchedCount; i++) iso[touched[i]!] = '';
    this.touchedCount = 0;
    this.table = null as unknown as RecognisedTable;
    this.grid = null as unknown as RecognisedTable['grid'];
    this.col = null as unknown as RecognisedTable['columns'];
    this.f = null as unknown as FindingList;
    this.ctx = null as unknown as RosterContext;
    return members;
  }

  private add(code: AddArgs[0], r: number, c: number, p?: AddArgs[4], fix?: AddArgs[5], sev?: AddArgs[6], fixText?: string): void {
    this.f.add(code, this.sheet, r + this.oR, c + this.oC, p, fix, sev, fixText);
  }

  /**
   * A date cell of row r (its values `row`, formats `fr`) as ISO text, its yyyymmdd in lastYmd.
   * The row's arrays come from the caller: one lookup per row, not per cell (issue 14).
   */
  private readDate(r: number, field: 'birthDate' | 'joinDate' | 'fullDate', c: number | undefined, row: readonly CellValue[], fr: readonly string[] | undefined): string | null {
    this.lastPrecision = 'day';
    this.lastYmd = -1;
    if (c === undefined) return null;
    const v = row[c] ?? null;
    if (isBlank(v)) return null;
    const format = fr?.[c] ?? undefined;
    const ymd = serialYmd(v, format);
    const asOf = this.ctx.asOf;
    if (ymd >= 0) {
      // The usual cell, a serial under a date format: readDateCell's answer without its object.
      const serial = v as number;
      let day: string;
      if (serial < SERIAL_TABLE_END) {
        day = this.isoOfSerial[serial]!;
        if (day === '') {
          day = ymdIso(ymd);
          this.isoOfSerial[serial] = day;
          this.touched[this.touchedCount++] = serial;
        }
      } else day = ymdIso(ymd);
      this.lastYmd = ymd;
      const future = this.asOfYmd >= 0 ? ymd > this.asOfYmd : day > asOf;
      if (field !== 'birthDate' && future) this.add('DATE_FUTURE', r, c, { ...fieldName(field), value: day });
      return day;
    }
    const d = readDateCell(v, format);
    if (!d.ok) {
      this.add('DATE_INVALID', r, c, { ...fieldName(field), value: String(v) });
      return null;
    }
    if (field !== 'birthDate' && d.date > asOf) this.add('DATE_FUTURE', r, c, { ...fieldName(field), value: d.date });
    this.lastPrecision = d.precision;
    this.lastYmd = isoYmd(d.date);
    return d.date;
  }

  /** Row r repeats the ID key of member `first` (DUPLICATE_MEMBER). */
  private duplicate(r: number, c: number, first: number): void {
    if (this.ctx.ids) this.ctx.ids.duplicated = true;
    const m = this.members[first]!;
    this.add('DUPLICATE_MEMBER', r, c, { row: m.row + 1, other: m.name });
  }

  /** full < join + 1 year (FULL_DATE_EARLY): on integers where both dates have them. */
  private fullEarly(full: string, fullYmd: number, join: string, joinYmd: number): boolean {
    if (fullYmd >= 0 && joinYmd >= 0) {
      const early = ymdBeforeYearsAfter(fullYmd, joinYmd, 1);
      if (early !== -1) return early;
    }
    return beforeYearsAfter(full, join, 1);
  }

  /**
   * Every member row, in a method of its own: V8 compiles the loop on stack (OSR) and, when the
   * code after it had never run, threw that code away at the end of every table (issue 14:
   * --trace-deopt showed checkRoster's loop deoptimised once per check).
   */
  readRows(rows: readonly number[]): void {
    for (let k = 0; k < rows.length; k++) this.member(rows[k]!);
    this.duplicates();
  }

  /** DUPLICATE_MEMBER on each member whose ID key an earlier member of the table had. */
  private duplicates(): void {
    const repeats = this.firstSeen.resolve();
    const c = this.col.idNumber;
    if (c === undefined) return;
    for (let i = 0; i < repeats.length; i += 2) this.duplicate(this.members[repeats[i]!]!.row - this.oR, c, repeats[i + 1]!);
  }

  /** Row r of the table → a member record pushed onto members (or NOT_A_MEMBER, no record). */
  member(r: number): void {
    const { grid, col, sheet, ctx, members, firstSeen, idOpts, nameCol, requiredKeys, requiredCols, birthC, joinC, fullC, statusColumn } = this;
    const { genderOf, ethnicityOf, classOf, standingOf } = this;
    const oR = this.oR;
    // The row's values and formats once; `row[c] ?? null` and `fr?.[c]` are cellAt and formatAt.
    const row: readonly CellValue[] = grid.values[r] ?? NO_CELLS;
    const fr: readonly string[] | undefined = grid.formats?.[r];
    const nameV = col.name === undefined ? null : row[col.name] ?? null;
    const name = typeof nameV === 'string' ? compactText(nameV) : nameV === null ? '' : String(nameV);
    // 入党积极分子 / 发展对象 under 政治面貌 / 人员状态 (which list everyone): not members, so no member
    // checks and no dues. Under 人员类别, which must say 正式 or 预备, they stay MEMBER_CLASS_INVALID.
    if (statusColumn) {
      const cv = row[col.memberClass!] ?? null;
      if (typeof cv === 'string' && isNonMemberWord(compactText(cv))) {
        this.add('NOT_A_MEMBER', r, col.memberClass!, { name, value: compactText(cv), other: NON_MEMBER_EN[compactText(cv)] ?? 'not a Party member' });
        if (name) ctx.nonMembers?.add(name);
        const key = col.idNumber === undefined ? null : idKey(cellAt(grid, r, col.idNumber));
        if (key) ctx.nonMembers?.add(key);
        return;
      }
    }
    for (let i = 0; i < requiredCols.length; i++) {
      const c = requiredCols[i]!;
      if (isBlank(row[c] ?? null)) this.add('REQUIRED_MISSING', r, c, fieldName(requiredKeys[i]!));
    }

    // 公民身份号码 (§6)
    let idNumber: string | null = null;
    let idGender: '男' | '女' | null = null;
    let idBirth: string | null = null;
    let idBirthYmd = -1;
    let idKind: MemberRecord['idKind'] = 'empty';
    if (col.idNumber !== undefined) {
      const c = col.idNumber;
      const v = row[c] ?? null;
      const quickBirth = quickValidBirth(v, ctx.asOf, idOpts);
      if (quickBirth !== null) {
        const id = v as string; // quickValidBirth accepts only plain 18-character text
        idKind = 'ok';
        idNumber = id;
        idGender = quickGender(id);
        idBirth = quickBirth;
        idBirthYmd = quickBirthYmd();
        // Duplicates by the key numbers quickValidBirth made while it read the digits (found
        // after the last row: IdKeyTable.resolve).
        firstSeen.addDigits(quickKeyHi(), quickKeyLo(), id, members.length);
      } else {
        const id = analyseId(v, ctx.asOf, idOpts);
        idKind = id.kind;
        switch (id.kind) {
          case 'numeric': this.add('ID_NUMERIC', r, c, { value: String(v) }); break;
          case 'format': this.add('ID_FORMAT', r, c, { value: id.input }); break;
          case 'region': this.add('ID_REGION', r, c, { value: compactText(id.input).slice(0, 2) }); break;
          case 'birthdate': this.add('ID_BIRTHDATE', r, c, { value: compactText(id.input).slice(6, 14) }); break;
          case 'checksum': this.add('ID_CHECKSUM', r, c); break;
          case 'legacy': this.add('ID_LEGACY', r, c, { expected: id.normalised ?? '' }, id.normalised); break;
          case 'ok':
            if (id.changedByNormalising) this.add('ID_NORMALISABLE', r, c, { expected: id.normalised ?? '' }, id.normalised);
            break;
          default: break;
        }
        if (id.kind === 'ok' || id.kind === 'legacy') {
          idNumber = id.normalised;
          idGender = id.gender;
          idBirth = id.birthDate;
          idBirthYmd = idBirth === null ? -1 : isoYmd(idBirth);
        }
        const key = idNumber ?? (id.kind === 'empty' ? null : compactText(id.input).toUpperCase());
        // Duplicates by the normalised form; a broken ID still duplicates its own text.
        if (key) firstSeen.add(key, members.length);
        else firstSeen.none(members.length);
      }
    }

    // 性别 and 出生日期 must agree with the ID (§7).
    let gender: '男' | '女' | null = null;
    if (col.gender !== undefined) {
      gender = genderOf.get(row[col.gender] ?? null);
      if (gender && idGender && gender !== idGender) this.add('GENDER_MISMATCH', r, col.gender, { actual: gender, expected: idGender }, idGender);
    }
    let birthIso: string | null;
    let birthPrecision: 'day' | 'month';
    let birthYmd: number;
    const birthCellYmd = idBirthYmd >= 0 && birthC !== undefined ? serialYmd(row[birthC] ?? null, fr?.[birthC] ?? undefined) : -1;
    if (birthCellYmd >= 0 && birthCellYmd === idBirthYmd) {
      // The cell is the ID's own birth date as a serial: what readDate would say, without the text.
      birthIso = idBirth;
      birthPrecision = 'day';
      birthYmd = idBirthYmd;
    } else {
      birthIso = this.readDate(r, 'birthDate', birthC, row, fr);
      birthPrecision = this.lastPrecision as 'day' | 'month'; // set inside readDate
      birthYmd = this.lastYmd;
    }
    if (birthIso && idBirth && birthC !== undefined) {
      const same = birthPrecision === 'month' ? birthIso.slice(0, 7) === idBirth.slice(0, 7) : birthIso === idBirth;
      if (!same) {
        this.add('BIRTHDATE_MISMATCH', r, birthC, { actual: birthPrecision === 'month' ? birthIso.slice(0, 7) : birthIso, expected: idBirth },
          dateFix(row[birthC] ?? null, fr?.[birthC] ?? undefined, idBirth), undefined, idBirth);
      }
    }
    const birthDate = idBirth ?? birthIso;
    const birthDateYmd = idBirth !== null ? idBirthYmd : birthYmd;

    // 民族: one of the 56 (§7); "汉" is a fixable short form.
    let ethnicity: string | null = null;
    if (col.ethnicity !== undefined) {
      const v = row[col.ethnicity] ?? null;
      const e = ethnicityOf.get(v);
      if (e.kind === 'ok') ethnicity = e.name;
      else if (e.kind === 'fixable') {
        ethnicity = e.fix;
        this.add('ETHNICITY_INVALID', r, col.ethnicity, { value: String(v), expected: e.fix }, e.fix);
      } else if (e.kind === 'invalid') this.add('ETHNICITY_INVALID', r, col.ethnicity, { value: String(v) });
    }

    // 人员类别
    let memberClass: MemberRecord['memberClass'] = null;
    if (col.memberClass !== undefined) {
      const v = row[col.memberClass] ?? null;
      memberClass = classOf.get(v);
      // 流动党员 says where a member is, not their class: no class read, nothing wrong.
      if (!memberClass && !isBlank(v) && !(typeof v === 'string' && isMobileWord(compactText(v)))) this.add('MEMBER_CLASS_INVALID', r, col.memberClass, { value: String(v) });
    }

    const join = this.readDate(r, 'joinDate', joinC, row, fr);
    const joinYmd = this.lastYmd;
    const full = this.readDate(r, 'fullDate', fullC, row, fr);
    const fullYmd = this.lastYmd;
    // 党章: at least 18 on joining.
    if (join && birthDate && col.joinDate !== undefined) {
      // Integers where both dates have them (every ISO-shaped date), else the text form.
      const age = birthDateYmd >= 0 && joinYmd >= 0 ? ymdYearsOld(birthDateYmd, joinYmd) : yearsOld(birthDate, join);
      if (age < 18) this.add('JOIN_UNDERAGE', r, col.joinDate, { age });
    }
    if (memberClass === '预备党员') {
      if (full && col.fullDate !== undefined) this.add('FULL_DATE_PRESENT', r, col.fullDate, { value: full });
      else if (join && !full) {
        // Probation is one year, extendable once (up to two in all): then a decision is overdue.
        const due = plusYears(join, 1);
        if (due < ctx.asOf) {
          const twoYears = plusYears(join, 2) < ctx.asOf;
          this.add('PROBATION_OVERDUE', r, col.memberClass ?? nameCol, { value: due, years: twoYears ? 2 : 1 }, null, twoYears ? 'error' : 'warning');
        }
      }
    } else if (memberClass === '正式党员') {
      if (!full && col.fullDate !== undefined && !ctx.settings.allowFormalWithoutFullDate) {
        const v = row[col.fullDate] ?? null;
        if (isBlank(v)) this.add('FULL_DATE_MISSING', r, col.fullDate);
      }
      if (full && join && col.fullDate !== undefined && this.fullEarly(full, fullYmd, join, joinYmd)) {
        this.add('FULL_DATE_EARLY', r, col.fullDate, { value: full, other: join });
      }
    }

    const standing = col.standing === undefined ? '正常' : standingOf.get(row[col.standing] ?? null);
    const category = col.category === undefined ? null : canonicalCategory(row[col.category] ?? null);
    this.nameHashes[members.length] = name ? nameHash(name) : 0;
    members.push({
      sheet, row: r + oR, name, idNumber, idKind, gender, ethnicity, birthDate, memberClass,
      joinDate: join, fullDate: full, standing, category, dues: NO_DUES, unpaidStreak: 0, duesRows: NO_ROWS,
    });
  }
}
// A specimen of the per-check ID index, for its hidden class (see KEEP_LAST_VALUE).
keepAlive(new FirstIndex(new Int32Array(0), 0, new Map(), [], 0));
// One instance for the module's life (see RosterReader); another only if a check runs inside one.
let idleReader: RosterReader | null = new RosterReader();

/** One roster table → member records, with every roster finding added to ctx.findings. */
export function checkRoster(table: RecognisedTable, ctx: RosterContext): MemberRecord[] {
  const reader = idleReader ?? new RosterReader();
  idleReader = null;
  let members: MemberRecord[];
  try {
    reader.start(table, ctx);
    reader.readRows(table.memberRows);
  } finally {
    // Also after a throw: the reader lets go of this table before it serves the next.
    members = reader.finish();
    idleReader = reader;
  }
  return members;
}
