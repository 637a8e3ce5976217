/**
 * The pane's one door into the checker (shared/check.ts) and the submission builder. Runs
 * anywhere: in the check Web Worker, or on the main thread in tests. Inputs and outputs are
 * plain data (structured-clone safe) so they cross postMessage unchanged.
 */
import type { Grid } from '../../../shared/grid';
import type { CheckResult } from '../../../shared/check';
import type { Submission } from '../../../shared/api/contract';
import type { Finding } from '../../../shared/findings/finding';
import type { FixPlan } from '../../../shared/fix/plan';
import type { ColumnMapping } from '../../../shared/recognise/mapping';
import { checkWorkbook } from '../../../shared/check';
import { DEFAULT_SETTINGS, type CommitteeSettings } from '../../../shared/settings';
import { prepareSubmission } from '../../../shared/submission/prepare';
import { applyRecordsToCheck, type YearRecords } from '../../../shared/approvals/apply';

export type { CheckResult };

export interface CheckRequest {
  grids: Grid[];
  /** The date the check tab shows (the clerk may pick another). */
  asOf: string;
  /** The real date, which sets a submission's report date (prepare.ts); asOf when not given. */
  today?: string;
  /** The committee's settings (from GET /api/settings, parsed); the defaults when not signed in. */
  settings?: CommitteeSettings;
  mapping?: ColumnMapping;
  /**
   * The branch's approvals and transfers for the year (signed in as its clerk): applied to what the
   * check shows, as the server applies them to the roll-up. Absent offline: the check is the workbook's alone.
   */
  records?: YearRecords;
}

/** The workbook's own check, before any records: what a submission is built from (the server applies the records itself). */
function rawCheck(req: CheckRequest): CheckResult {
  return checkWorkbook(req.grids, {
    asOf: req.asOf,
    ...(req.settings ? { settings: req.settings } : {}),
    ...(req.mapping ? { mapping: req.mapping } : {}),
  });
}

/** The check as the clerk sees it: the workbook's findings with the branch's records applied. */
function shown(req: CheckRequest, raw: CheckResult): CheckResult {
  return req.records ? applyRecordsToCheck(raw, req.records, req.grids.map((g) => g.name)).result : raw;
}

export function runCheck(req: CheckRequest): CheckResult {
  return shown(req, rawCheck(req));
}

/**
 * Keeps the last full result where the check ran: the member records are most of a result's
 * size (≈ 100 ms to clone for 10,000 members), and only a submission needs them.
 */
export class CheckSession {
  private last: { req: CheckRequest; result: CheckResult; shown: CheckResult } | null = null;
  private read: { ref: number; grids: Grid[] } | null = null;
  private refs = 0;

  /** Keeps the grids of a file read here (browser mode); the check can then name them by ref. */
  keep(grids: Grid[]): number {
    this.read = { ref: ++this.refs, grids };
    return this.read.ref;
  }

  kept(ref: number): Grid[] {
    if (this.read?.ref !== ref) throw new Error('the workbook read earlier is no longer here; open it again');
    return this.read.grids;
  }

  /** The kept grids after a fix: the same ref now names the fixed grids (the pane re-checks by it). */
  replace(ref: number, grids: Grid[]): void {
    this.kept(ref);
    this.read = { ref, grids };
  }

  check(req: CheckRequest): CheckResult {
    const result = rawCheck(req);
    const seen = shown(req, result);
    this.last = { req, result, shown: seen };
    return seen;
  }

  /**
   * What fixing `chosen` (findings of the last check) will do, worked out here on copies of the
   * grids last checked, with that check's options (shared/fix/plan.ts). The plan comes back
   * without its grids and member records: the pane shows its changes and delta only.
   */
  async plan(chosen: Finding[], lang: 'zh' | 'en'): Promise<{ plan: FixPlan; lines: string[] }> {
    if (!this.last) throw new Error('nothing checked yet');
    const { req, shown: before } = this.last;
    const { planFixes, describeDelta } = await import('../../../shared/fix/plan');
    const plan = planFixes(req.grids, chosen, {
      asOf: req.asOf,
      ...(req.settings ? { settings: req.settings } : {}),
      ...(req.mapping ? { mapping: req.mapping } : {}),
    }, before);
    return { plan: { ...plan, grids: [], before: CheckSession.light(plan.before), after: CheckSession.light(plan.after) }, lines: describeDelta(plan.delta, lang) };
  }

  /** The result without member records, as the pane's views need it. */
  static light(r: CheckResult): CheckResult {
    return { ...r, members: [] };
  }

  /**
   * The quarter's submission from the last grids checked, as of the one report date
   * (shared/submission/prepare.ts): the last result is reused when it is already as of that
   * date, otherwise the same grids are checked again as of it.
   */
  submission(quarter: string): Submission {
    if (!this.last) throw new Error('nothing checked yet');
    const { req, result } = this.last;
    const prepared = prepareSubmission({
      grids: req.grids,
      settings: req.settings ?? DEFAULT_SETTINGS,
      ...(req.mapping ? { mapping: req.mapping } : {}),
      quarter,
      today: req.today ?? req.asOf,
      checked: result,
    });
    return prepared.submission;
  }
}
