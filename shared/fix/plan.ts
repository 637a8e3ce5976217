/**
 * What a set of fixes will do, worked out before anything is written: the fixes applied to
 * copies of the grids, the formulas over them recomputed, the copy checked again, and each
 * change told with the member's name and values as people write them (1967-09-26, 1.5%, 90.00 —
 * never a date serial or 0.015), then what the re-check will show ("修正后将新增 9 条少交提示").
 * One module for the pane's preview (browser and Excel) and `duesbook fix`.
 */
import { checkWorkbook, type CheckOptions, type CheckResult } from '../check';
import { excelSerialToIso, isDateFormat } from '../dates';
import { a1 } from '../a1';
import type { FindingCode, Severity } from '../findings/codes';
import type { Finding, FixValue } from '../findings/finding';
import { FINDING_KIND } from '../findings/kinds';
import type { CellValue, Grid } from '../grid';
import { applyToGrids, type GridFix } from './apply';

/** One cell a fix writes. */
export interface FixChange {
  sheet: string;
  cell: string;
  row: number;
  col: number;
  code: FindingCode;
  /** The member on that row (姓名), 合计 on a totals row, or null. */
  member: string | null;
  /** The cell now and after, as people write them. */
  before: string;
  after: string;
  /** The value written (the finding's fix). */
  value: string | number;
}

/** A formula cell whose value follows from the changes (its formula is kept). */
export interface FormulaChange {
  sheet: string;
  cell: string;
  row: number;
  col: number;
  formula: string;
  member: string | null;
  before: string;
  /** The new value as shown, or null when only Excel can compute it (it recalculates on open). */
  after: string | null;
  value: number | null;
}

/** How many findings of one kind the re-check adds or clears. */
export interface FindingDelta {
  code: FindingCode;
  severity: Severity;
  added: number;
  removed: number;
}

export interface FixPlan {
  changes: FixChange[];
  formulas: FormulaChange[];
  /** Chosen findings with nothing to write (no fix, or the cell holds a formula), and why. */
  skipped: { finding: Finding; reason: 'no-fix' | 'formula' }[];
  before: CheckResult;
  after: CheckResult;
  delta: FindingDelta[];
  /** The grids as they will be once the changes are written (for a host that keeps grids). */
  grids: Grid[];
}

function cellOf(g: Grid | undefined, row: number, col: number): { v: CellValue; fmt: string | undefined; formula: string | undefined } {
  if (!g) return { v: null, fmt: undefined, formula: undefined };
  const o = g.origin ?? { row: 0, col: 0 };
  const r = row - o.row;
  const c = col - o.col;
  return { v: g.values[r]?.[c] ?? null, fmt: g.formats?.[r]?.[c], formula: g.formulas?.[r]?.[c] || undefined };
}

const decimalsOf = (fmt: string) => /0\.(0+)/.exec(fmt)?.[1]!.length ?? 0;

/** A cell value as the clerk sees it in the cell: dates as 1967-09-26, percentages as 1.5%, 0.00 as 90.00. */
export function displayValue(v: CellValue | FixValue, fmt?: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (fmt && fmt !== 'General' && fmt !== '@') {
    if (isDateFormat(fmt) && v >= 1 && v < 2_958_466) return excelSerialToIso(Math.floor(v)) ?? String(v);
    if (fmt.includes('%')) {
      const pct = Number((v * 100).toPrecision(12));
      const d = Math.max(decimalsOf(fmt), (String(pct).split('.')[1] ?? '').length);
      return `${pct.toFixed(d)}%`;
    }
    if (/0\.0/.test(fmt)) {
      const d = decimalsOf(fmt);
      const [int, dec] = v.toFixed(d).split('.');
      const grouped = fmt.includes(',') ? int!.replace(/\B(?=(\d{3})+$)/g, ',') : int!;
      return dec === undefined ? grouped : `${grouped}.${dec}`;
    }
  }
  return String(Number(v.toPrecision(15)));
}

/** 姓名 of the member on a row, from the recognised tables; 合计 on a totals row. */
export function memberOn(result: CheckResult, grids: Grid[], sheet: string, row: number): string | null {
  for (const t of result.tables) {
    if (t.sheet !== sheet) continue;
    if (t.totalsRows.includes(row)) return '合计';
    if (!t.memberRows.includes(row)) continue;
    const col = t.columns.name ?? t.columns.idNumber;
    if (col === undefined) return null;
    const v = cellOf(grids.find((g) => g.name === sheet), row, col).v;
    return v === null || v === '' ? null : String(v).trim();
  }
  return null;
}

const findingKey = (f: Finding) => `${f.code}\u0000${f.sheet}\u0000${f.cell}`;

/**
 * Plans the fixes of `chosen` (findings of `before`, the check of `grids` with `opts`): writes
 * each one-click fix into copies of the grids, recomputes the formulas over them, re-checks.
 */
export function planFixes(grids: Grid[], chosen: Finding[], opts: CheckOptions, before: CheckResult = checkWorkbook(grids, opts)): FixPlan {
  const byName = new Map(grids.map((g) => [g.name, g]));
  const changes: FixChange[] = [];
  const skipped: FixPlan['skipped'] = [];
  const seen = new Set<string>();
  const fixes: GridFix[] = [];
  for (const f of chosen) {
    const here = cellOf(byName.get(f.sheet), f.row, f.col);
    if (here.formula) {
      skipped.push({ finding: f, reason: 'formula' });
      continue;
    }
    if (f.fix === null) {
      skipped.push({ finding: f, reason: 'no-fix' });
      continue;
    }
    const k = `${f.sheet}\u0000${f.row}\u0000${f.col}`;
    if (seen.has(k)) continue; // two findings, one cell: the first fix wins, once
    seen.add(k);
    fixes.push({ sheet: f.sheet, row: f.row, col: f.col, value: f.fix });
    changes.push({
      sheet: f.sheet, cell: a1(f.row, f.col), row: f.row, col: f.col, code: f.code,
      member: memberOn(before, grids, f.sheet, f.row),
      before: displayValue(here.v, here.fmt),
      after: f.fixText ?? displayValue(f.fix, here.fmt),
      value: f.fix,
    });
  }
  const applied = applyToGrids(grids, fixes);
  const fixed = applied.grids;
  const formulas: FormulaChange[] = applied.recalculated.map((r) => {
    const fmt = cellOf(byName.get(r.sheet), r.row, r.col).fmt;
    return {
      sheet: r.sheet, cell: a1(r.row, r.col), row: r.row, col: r.col, formula: r.formula,
      member: memberOn(before, grids, r.sheet, r.row),
      before: displayValue(r.before, fmt), after: r.after === null ? null : displayValue(r.after, fmt), value: r.after,
    };
  });
  const after = checkWorkbook(fixed, opts);
  return { changes, formulas, skipped, before, after, delta: findingDelta(before.findings, after.findings), grids: fixed };
}

/** Per kind: findings the re-check adds and clears (same kind on the same cell counts as kept). */
export function findingDelta(before: Finding[], after: Finding[]): FindingDelta[] {
  const was = new Set(before.map(findingKey));
  const now = new Set(after.map(findingKey));
  const by = new Map<FindingCode, FindingDelta>();
  const bump = (f: Finding, k: 'added' | 'removed') => {
    const d = by.get(f.code) ?? { code: f.code, severity: f.severity, added: 0, removed: 0 };
    d[k] += 1;
    by.set(f.code, d);
  };
  for (const f of after) if (!was.has(findingKey(f))) bump(f, 'added');
  for (const f of before) if (!now.has(findingKey(f))) bump(f, 'removed');
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return [...by.values()].sort((a, b) => b.added - a.added || rank[a.severity] - rank[b.severity] || a.code.localeCompare(b.code));
}

/** The re-check's outcome in words: new findings first (they are what a clerk must know before writing). */
export function describeDelta(delta: FindingDelta[], lang: 'zh' | 'en'): string[] {
  const lines: string[] = [];
  for (const d of delta) {
    const kind = FINDING_KIND[d.code]?.[lang] ?? d.code;
    if (d.added) lines.push(lang === 'zh' ? `修正后将新增 ${d.added} 条${kind}提示` : `After the fix: ${d.added} new “${kind}” finding${d.added > 1 ? 's' : ''}`);
  }
  for (const d of delta) {
    const kind = FINDING_KIND[d.code]?.[lang] ?? d.code;
    if (d.removed) lines.push(lang === 'zh' ? `将消除 ${d.removed} 条${kind}提示` : `${d.removed} “${kind}” finding${d.removed > 1 ? 's' : ''} cleared`);
  }
  return lines;
}
