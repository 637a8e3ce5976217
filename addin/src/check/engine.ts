/**
 * The pane's one door into the checker (shared/check.ts) and the submission builder. Runs
 * anywhere: in the check Web Worker, or on the main thread in tests. Inputs and outputs are
 * plain data (structured-clone safe) so they cross postMessage unchanged.
 */
import type { Grid } from '../../../shared/grid';
import type { CheckResult } from '../../../shared/check';
import type { Submission } from '../../../shared/api/contract';
import { checkWorkbook } from '../../../shared/check';
import { parseSettings } from '../../../shared/settings';
import { buildSubmission } from '../../../shared/submission/build';

export type { CheckResult };

export interface CheckRequest {
  grids: Grid[];
  asOf: string;
  settings?: unknown;
  mapping?: unknown;
  lang?: 'zh' | 'en';
}

export function runCheck(req: CheckRequest): CheckResult {
  return checkWorkbook(req.grids, {
    asOf: req.asOf,
    ...(req.settings ? { settings: parseSettings(req.settings) } : {}),
    ...(req.mapping ? { mapping: req.mapping as never } : {}),
    ...(req.lang ? { lang: req.lang } : {}),
  });
}

/**
 * Keeps the last full result where the check ran: the member records are most of a result's
 * size (≈ 100 ms to clone for 10,000 members), and only a submission needs them.
 */
export class CheckSession {
  private last: CheckResult | null = null;

  check(req: CheckRequest): CheckResult {
    this.last = runCheck(req);
    return this.last;
  }

  /** The result without member records, as the pane's views need it. */
  static light(r: CheckResult): CheckResult {
    return { ...r, members: [] };
  }

  submission(quarter: string): Submission {
    if (!this.last) throw new Error('nothing checked yet');
    return buildSubmission(this.last, quarter);
  }
}
