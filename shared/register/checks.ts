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
import { monthLabel, readRow, SheetFindings, tableMonths, type DuesRow, type RegisterContext } from './row';
import { checkStandard } from './standard-checks';
import { checkRowTotals, checkTotalsRows } from './totals';

export type { RegisterContext } from './row';
export { MONTHLY_CEILING_FEN } from './standard-checks';
export { LARGE_VOLUNTARY_FEN } from './member-dues';

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
  rosterIds: RosterIds = { unique: false },
): RegisterResult {
  const index = new RosterIndex(members, rosterIds);
  const rosterCategory = (id: string | null, name: string): Category | null => {
    const hit = index.find(id, name);
    return hit >= 0 ? members[hit]!.category : null;
  };
  const rows: DuesRow[] = [];
  const result: RegisterResult = { unknownRows: [] };

  for (const table of tables) {
    const out = new SheetFindings(ctx.findings, table);
    const months = tableMonths(table);
    // Register rows usually follow the roster: the member after the last one found is tried first.
    let hint = 0;
    for (const r of table.memberRows) {
      const row = readRow(table, months, r, ctx, out, rosterCategory);
      const hit = hasRoster ? index.find(row.id, row.name, hint) : -1;
      if (hit >= 0) {
        hint = hit + 1;
        row.member = hit;
        const m = members[hit]!;
        if (index.byIdHit && row.name && m.name && row.name !== m.name) {
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
        checkStandard(row, out, member?.joinDate ? monthNumber(member.joinDate) : -1);
      }
      // 2008规定 第八条: dues run from the month of joining (the 支部大会's month).
      if (member?.joinDate) {
        const joinMonth = monthNumber(member.joinDate);
        let early: string[] | null = null; // built only for the rare member who paid before joining
        let firstCol = -1;
        for (let i = 0; i < months.nums.length; i++) {
          if (months.nums[i]! < joinMonth && row.paid[i]! > 0) {
            if (firstCol < 0) firstCol = months.cols[i]!;
            (early ??= []).push(monthLabel(months.labels[i]!));
          }
        }
        if (early) out.add('DUES_BEFORE_JOIN', r, firstCol, { value: member.joinDate, months: early.join('、') });
      }
      checkRowTotals(row, out);
      rows.push(row);
    }
    checkTotalsRows(table, out);
  }

  // Group rows by member (per-quarter sheets give one row per sheet); unknown rows stand alone.
  // Indexed by roster position: the member's one row (the usual case), or an array of them.
  const byMember: (DuesRow | DuesRow[] | undefined)[] = new Array(members.length);
  const lastJudged = monthNumber(lastJudgedMonth(ctx.asOf));
  for (const row of rows) {
    if (row.member === null) {
      judgeMember([row], null, ctx, lastJudged);
      continue;
    }
    const g = byMember[row.member];
    if (g === undefined) byMember[row.member] = row;
    else if (Array.isArray(g)) g.push(row);
    else byMember[row.member] = [g, row];
  }
  const one: DuesRow[] = [];
  for (let i = 0; i < members.length; i++) {
    const group = byMember[i];
    if (group === undefined) continue;
    if (Array.isArray(group)) judgeMember(group, members[i]!, ctx, lastJudged);
    else {
      one[0] = group;
      judgeMember(one, members[i]!, ctx, lastJudged);
    }
  }

  if (hasRoster && tables.length) {
    members.forEach((m, i) => {
      if (byMember[i] === undefined && m.standing !== '停止党籍') {
        const at = rosterNameCol(m);
        ctx.findings.add('DUES_MEMBER_MISSING', at.sheet, at.row, at.col, { name: m.name });
      }
    });
  }
  return result;
}

