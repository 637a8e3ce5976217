/**
 * When a quarter may be submitted (报送), one rule for the pane, the command line and the worker
 * (issue 12). An ended quarter always may. A quarter still running may only from a day of its
 * last month the committee sets (runningQuarterFromDay, default the 20th): before then its last
 * month's dues are mostly not collected, and a 报送 would report arrears that are not arrears
 * (2008规定 第十二条 lets a member pay by the quarter). A quarter not yet begun never may.
 */
import { addQuarters, quarterEnd, quarterMonths, quarterOf } from '../quarter';
import type { CommitteeSettings } from '../settings';

const DEFAULT_FROM_DAY = 20;

/** The first day the quarter may be submitted ('2026Q4' → '2026-12-20'). */
export function quarterOpensOn(quarter: string, settings?: Pick<CommitteeSettings, 'runningQuarterFromDay'>): string {
  const day = settings?.runningQuarterFromDay ?? DEFAULT_FROM_DAY;
  return `${quarterMonths(quarter)[2]}-${String(day).padStart(2, '0')}`;
}

/** May the quarter be submitted on `today` ('YYYY-MM-DD')? */
export function isQuarterOpen(quarter: string, today: string, settings?: Pick<CommitteeSettings, 'runningQuarterFromDay'>): boolean {
  return quarterOpensOn(quarter, settings) <= today;
}

/** The last quarter that has ended by `today` (2026-12-02 → 2026Q3; 2026-10-01 → 2026Q3). */
export function lastEndedQuarter(today: string): string {
  const now = quarterOf(today);
  return quarterEnd(now) <= today ? now : addQuarters(now, -1);
}

/** What the submit tab starts on: always the last ended quarter (a running one is chosen on purpose). */
export function defaultSubmitQuarter(today: string): string {
  return lastEndedQuarter(today);
}
