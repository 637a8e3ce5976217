/**
 * The day a quarter's submission (报送) is checked as of — one rule for the pane and the command
 * line (prepare.ts uses it; the pane's main thread imports it alone, without the checker).
 *
 * The quarter's last day, or today while the quarter is still running. Why: a quarter's 报送
 * states dues, arrears and unpaid streaks *for that quarter*. Once it is over, checking as of today would count the months since as unpaid
 * (UNPAID, ARREARS_6_MONTHS: "up to the report date", checks.md) — every streak would grow with
 * the days the clerk waited, and the same workbook would give other figures depending on when it
 * is sent, and on which tool sent it. A quarter paid in its last month is not arrears
 * (2008规定 第十二条, dues-standard.md §4), so nothing earlier than the quarter's end is fair
 * either. While the quarter runs, months not reached yet are not due: the report stands at today.
 * (And in the new year, "today" would also read a register whose sheet names no year as the new
 * year's: last year's fourth quarter would go out with nothing due. tests/shared/submission.)
 */
import { quarterEnd } from '../quarter';

/** The quarter's last day, or `today` if earlier ('2026Q3', '2026-08-15' → '2026-08-15'). */
export function reportDateOf(quarter: string, today: string): string {
  const end = quarterEnd(quarter);
  return end < today ? end : today;
}
