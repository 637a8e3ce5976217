/**
 * Names the member each finding is about (issue 12): a clerk corrects a person, not a cell, so
 * every finding on a member's row carries that row's 姓名 — the roster's, the register's, or the
 * member of a one-sheet-per-member register. Sheet-level findings (a missing column) name no one.
 */
import type { Grid } from '../grid';
import type { Finding } from './finding';
import { codeAt } from '../cell-text';
import { keepAlive } from '../keep-alive';
import { makeFinding } from './collect';

/** What naming needs of a recognised table (check.ts's TableDescription has it). */
export interface NamedTable {
  sheet: string;
  columns: { name?: number };
  memberRows: readonly number[];
  sheetMember: string | null;
}

function textAt(grid: Grid, row: number, col: number): string | null {
  const o = grid.origin ?? { row: 0, col: 0 };
  const v = grid.values[row - o.row]?.[col - o.col];
  if (typeof v !== 'string') return null;
  // Most names hold no white space: the regex replace (a new string each) only when one does.
  const t = hasWhiteSpace(v) ? v.replace(/\s+/g, '') : v;
  return t.length ? t : null;
}

/** /\s/.test(s) by char codes (issue 14: once per finding; tests/shared/findings compare the two). */
export function hasWhiteSpace(s: string): boolean {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = codeAt(s, i);
    if (c > 32 && c < 160) continue;
    if (c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) return true;
  }
  return false;
}

/**
 * A table's member rows as one bit per sheet row: a Set of 10,000 row numbers cost more than
 * the rest of naming (issue 14), and rows are small non-negative integers.
 */
class MemberRows {
  private readonly bits: Uint8Array;
  private readonly from: number;
  constructor(rows: readonly number[]) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (r < lo) lo = r;
      if (r > hi) hi = r;
    }
    this.from = rows.length ? lo : 0;
    this.bits = new Uint8Array(rows.length ? hi - lo + 1 : 0);
    for (let i = 0; i < rows.length; i++) this.bits[rows[i]! - this.from] = 1;
  }
  has(r: number): boolean {
    return this.bits[r - this.from] === 1;
  }
}
// One instance for the module's life: V8 holds a hidden class only weakly, so a full GC between
// checks that frees every instance also throws away the optimised code using it (issue 14;
// held by keepAlive: a module-level const alone does not keep its object).
const KEEP_MEMBER_ROWS = keepAlive(new MemberRows([]));
void KEEP_MEMBER_ROWS;
// And a named finding of each shape (with and without fixText): naming adds `member`, a hidden
// class of its own that died with the last finding at each full GC, and nameFindings was
// deoptimised ("wrong map") in three checks of ten (issue 14, --trace-deopt).
for (const fixText of [undefined, '']) {
  const f = makeFinding('UNPAID', '', 0, 0, {}, null, undefined, fixText);
  f.member = '';
  keepAlive(f);
}

/** Sets `member` on each finding that lies on a member row of a recognised table (in place; returns the list). */
export function nameFindings(findings: Finding[], tables: readonly NamedTable[], grids: readonly Grid[]): Finding[] {
  const bySheet = new Map<string, { grid: Grid | undefined; tables: { t: NamedTable; rows: MemberRows }[] }>();
  for (const t of tables) {
    let e = bySheet.get(t.sheet);
    if (!e) bySheet.set(t.sheet, (e = { grid: grids.find((g) => g.name === t.sheet), tables: [] }));
    e.tables.push({ t, rows: new MemberRows(t.memberRows) });
  }
  for (const f of findings) {
    const e = bySheet.get(f.sheet);
    if (!e?.grid) continue;
    for (const { t, rows } of e.tables) {
      if (!rows.has(f.row)) continue;
      const name = t.sheetMember ?? (t.columns.name === undefined ? null : textAt(e.grid, f.row, t.columns.name));
      if (name) f.member = name;
      break;
    }
  }
  return findings;
}

/** Where a finding is, as a person reads it: "张三 · 花名册!F7" (the cell alone when no member). */
export function findingPlace(f: Pick<Finding, 'sheet' | 'cell' | 'member'>): string {
  const at = f.sheet ? `${f.sheet}!${f.cell}` : f.cell;
  return f.member ? `${f.member} · ${at}` : at;
}
