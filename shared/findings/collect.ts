/** Builds findings with their A1 cell, severity and both messages; one place for the shape. */
import { a1 } from '../a1';
import { severityOf, type FindingCode, type Severity } from './codes';
import type { Finding, FixValue } from './finding';
import { messageFor, type MessageParams } from './messages';
import { keepAlive } from '../keep-alive';

export function makeFinding(
  code: FindingCode,
  sheet: string,
  row: number,
  col: number,
  params: MessageParams = {},
  fix: FixValue = null,
  severity: Severity = severityOf(code),
  fixText?: string,
): Finding {
  const { zh, en } = messageFor(code, params);
  const finding: Finding = { code, severity, sheet, cell: a1(row, col), row, col, message: zh, messageEn: en, fix };
  if (fixText !== undefined) finding.fixText = fixText;
  return finding;
}

/** The fix as a person should read it. */
export function fixLabel(f: Pick<Finding, 'fix' | 'fixText'>): string {
  return f.fixText ?? (f.fix === null ? '' : String(f.fix));
}

/** Collects findings in the order checks raise them. */
export class FindingList {
  readonly items: Finding[] = [];

  add(code: FindingCode, sheet: string, row: number, col: number, params?: MessageParams, fix?: FixValue, severity?: Severity, fixText?: string): void {
    this.items.push(makeFinding(code, sheet, row, col, params, fix ?? null, severity, fixText));
  }
}
// One instance for the module's life: V8 holds a hidden class only weakly, so a full GC between
// checks that frees every instance also throws away the optimised code using it (issue 14;
// held by keepAlive: a module-level const alone does not keep its object).
const KEEP_FINDING_LIST = keepAlive(new FindingList());
void KEEP_FINDING_LIST;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The sheet order of the sort under way (sortFindings), read by the one comparator below. */
let sheetRank = new Map<string, number>();

/**
 * Severity, then sheet order, then row, column and code. One function for the module's life,
 * not an arrow per call: V8 re-optimised that closure at every check (issue 14, code log).
 */
function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (sheetRank.get(a.sheet) ?? 1e9) - (sheetRank.get(b.sheet) ?? 1e9) ||
    a.row - b.row || a.col - b.col || a.code.localeCompare(b.code);
}

/** Severity, then sheet order as given, then row and column: how people read a report. */
export function sortFindings(findings: Finding[], sheetOrder: string[]): Finding[] {
  const rank = new Map<string, number>();
  for (let i = 0; i < sheetOrder.length; i++) rank.set(sheetOrder[i]!, i);
  const previous = sheetRank;
  sheetRank = rank;
  try {
    return findings.slice().sort(compareFindings);
  } finally {
    sheetRank = previous;
  }
}
