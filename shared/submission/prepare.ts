/**
 * Grids + the committee's settings + a quarter → the quarter's submission, the one way every
 * host prepares one (the pane's check worker, `duesbook submit`).
 *
 * The report date is one rule for every host: reportDateOf() (report-date.ts), which says why.
 */
import type { Submission } from '../api/contract';
import { checkWorkbook, type CheckResult } from '../check';
import type { Grid } from '../grid';
import type { ColumnMapping } from '../recognise/mapping';
import type { CommitteeSettings } from '../settings';
import { buildSubmission } from './build';
import { reportDateOf } from './report-date';

export { reportDateOf };

export interface PrepareInput {
  grids: Grid[];
  settings: CommitteeSettings;
  /** The clerk's column choices, where the headers were not recognised on their own. */
  mapping?: ColumnMapping;
  /** '2026Q3'. */
  quarter: string;
  /** The date the clerk stands on ('YYYY-MM-DD'). */
  today: string;
  /** A result of these grids and settings already at hand: reused when it is as of the report date. */
  checked?: CheckResult;
}

export interface Prepared {
  /** The check the submission was built from, as of the report date. */
  result: CheckResult;
  submission: Submission;
}

/**
 * Checks the grids as of the report date (unless `checked` already is) and builds the
 * submission. Throws SubmissionRefused (build.ts) when the check finds errors.
 */
export function prepareSubmission(input: PrepareInput): Prepared {
  const asOf = reportDateOf(input.quarter, input.today);
  const result = input.checked?.asOf === asOf
    ? input.checked
    : checkWorkbook(input.grids, { asOf, settings: input.settings, ...(input.mapping ? { mapping: input.mapping } : {}) });
  return { result, submission: buildSubmission(result, input.quarter) };
}
