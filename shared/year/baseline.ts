/**
 * 年初核定: each member's base and monthly due are fixed at the start of the year and normally kept
 * all year (2017通知; dues-standard.md §4). A later month whose figures differ from the baseline is
 * checked against the changes the branch recorded (2008规定 第十条 allows a change when pay
 * changes): a recorded change is information, a difference without one a warning naming both
 * figures. BASE_CHANGED (a base moving within one register) stays as it is; this compares against
 * the record the branch fixed at the start of the year.
 */
import { formatYuan } from '../money';
import { recordFinding, type RecordFinding } from '../findings/record-finding';

export interface Baseline {
  /** Null for flat categories (no base). */
  baseFen: number | null;
  dueFen: number;
}

export interface BaselineChange extends Baseline {
  /** The first month the new figures apply, 'YYYY-MM'. */
  fromMonth: string;
  reason: string;
}

export interface MonthLine {
  month: string;
  baseFen: number | null;
  dueFen: number;
}

/** The figures in force in a month: the latest recorded change from that month or before, else the baseline. */
export function figuresFor(month: string, baseline: Baseline, changes: readonly BaselineChange[]): Baseline & { reason: string | null } {
  let best: BaselineChange | null = null;
  for (const c of changes) if (c.fromMonth <= month && (!best || c.fromMonth >= best.fromMonth)) best = c;
  return best ? { baseFen: best.baseFen, dueFen: best.dueFen, reason: best.reason } : { ...baseline, reason: null };
}

const differs = (a: number | null, b: number | null) => a !== null && b !== null && a !== b;

/**
 * Findings for one member's months against the year's baseline: one per run of consecutive months
 * with the same difference (a base changed in May says so once, not eight times).
 */
export function baselineFindings(
  member: { name: string; idMasked: string }, baseline: Baseline, changes: readonly BaselineChange[], months: readonly MonthLine[],
): RecordFinding[] {
  const out: RecordFinding[] = [];
  let last: { key: string; finding: RecordFinding } | null = null;
  for (const m of [...months].sort((a, b) => a.month.localeCompare(b.month))) {
    const f = figuresFor(m.month, baseline, changes);
    const field = differs(m.baseFen, f.baseFen) ? 'base' : m.dueFen !== f.dueFen ? 'due' : null;
    if (!field) {
      last = null;
      continue;
    }
    const value = field === 'base' ? m.baseFen! : m.dueFen;
    const fixed = field === 'base' ? f.baseFen! : f.dueFen;
    const key = `${field}|${value}|${fixed}`;
    if (last && last.key === key) {
      last.finding.months.push(m.month);
      continue;
    }
    const finding = recordFinding('BASELINE_DIFFERS', member, [m.month], {
      month: m.month, field: field === 'base' ? '交费基数' : '月应交', fieldEn: field === 'base' ? 'base' : 'monthly due',
      value: formatYuan(value), other: formatYuan(fixed),
    });
    out.push(finding);
    last = { key, finding };
  }
  return out;
}

/** The recorded changes themselves, as information: when, from which figure to which, and why. */
export function changeFindings(member: { name: string; idMasked: string }, baseline: Baseline, changes: readonly BaselineChange[]): RecordFinding[] {
  let before: Baseline = baseline;
  return [...changes].sort((a, b) => a.fromMonth.localeCompare(b.fromMonth)).map((c) => {
    const base = differs(c.baseFen, before.baseFen);
    const f = recordFinding('BASELINE_CHANGE_RECORDED', member, [c.fromMonth], {
      month: c.fromMonth, field: base ? '交费基数' : '月应交', fieldEn: base ? 'base' : 'monthly due',
      value: formatYuan(base ? c.baseFen! : c.dueFen), other: formatYuan(base ? before.baseFen! : before.dueFen), reason: c.reason,
    });
    before = c;
    return f;
  });
}

/**
 * 核定本年度党费 from a member's months in the workbook: the figures of the year's first month the
 * register holds for them (January, or the month they joined or arrived).
 */
export function baselineFromMonths(year: string, months: readonly MonthLine[]): Baseline | null {
  const first = months.filter((m) => m.month.startsWith(`${year}-`)).sort((a, b) => a.month.localeCompare(b.month))[0];
  return first ? { baseFen: first.baseFen, dueFen: first.dueFen } : null;
}
