/**
 * The pane's one door into the checker (shared/check.ts). Runs anywhere: in the check Web
 * Worker, or on the main thread in tests. Inputs and outputs are plain data (structured-clone
 * safe) so they cross postMessage unchanged.
 */
import type { Grid } from '../../../shared/grid';
import type { CheckResult } from '../../../shared/check';
import { checkWorkbook } from '../../../shared/check';
import { parseSettings } from '../../../shared/settings';

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
