/**
 * The server's re-check of a submitted quarter (never trust the client): every ID valid, each
 * of the quarter's three months reported once per member, every due recomputed from category,
 * base and month with the committee's settings, no dues before joining, totals equal to the sums, amounts whole 分.
 * The same function runs in the worker and may run in the pane before submitting.
 */
import type { Submission, SubmissionMember } from '../api/contract';
import { analyseId } from '../idcard';
import { quarterEnd, quarterMonths, quarterStart } from '../quarter';
import type { CommitteeSettings } from '../settings';
import { monthlyDue } from '../standard';

/**
 * The re-check's own codes: SUBMISSION_REJECTED's details.errors[].code (an interface, like the
 * error codes: add, never rename). Every one refuses the submission, so each is an error. They
 * are not finding codes: a finding points to a workbook cell with checks.md's severity, these to
 * a JSON path of the submission. Where a name is also a finding's (DUPLICATE_MEMBER,
 * AMOUNT_INVALID, DUE_WRONG, DUES_BEFORE_JOIN) it is the same rule, and an error in both;
 * SUSPENDED_CHARGED is the one exception (a warning in the workbook, a refusal here), on purpose:
 * it is one rule — nothing is due while membership is suspended — seen at two levels. The checker
 * warns that the workbook charges the member and builds the submission with nothing due
 * (tests/shared/submission/build.test.ts), so only a submission not built by the checker can carry
 * a suspended due, and that is refused. rejection-codes.test.ts keeps any other from appearing.
 */
export const REJECTION_CODES = [
  'ID_INVALID',
  'DUPLICATE_MEMBER',
  'MONTH_OUTSIDE_QUARTER',
  'MONTH_REPEATED',
  'MONTH_MISSING',
  'AMOUNT_INVALID',
  'BASE_MISSING',
  'DUE_WRONG',
  'DUES_BEFORE_JOIN',
  'SUSPENDED_CHARGED',
  'TOTAL_WRONG',
  'REPORT_DATE_EARLY',
  'REPORT_DATE_LATE',
  'REPORT_DATE_FUTURE',
  'QUARTER_IN_FUTURE',
  'JOIN_AFTER_QUARTER',
  'JOIN_DATE_INVALID',
] as const;

export type VerifyCode = (typeof REJECTION_CODES)[number];

export interface VerifyError {
  code: VerifyCode;
  /** JSON path into the submission, e.g. "members.3.months.1.dueFen". */
  path: string;
  message: string;
}

export type VerifyResult = { ok: true } | { ok: false; errors: VerifyError[] };

const MAX_ERRORS = 200;

const isFen = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The earliest join date that can be true: the Party's founding (1921-07). */
const EARLIEST_JOIN = '1921-07-01';

/**
 * `today` (the server's date, as YYYY-MM-DD in Beijing time) adds the checks against the clock:
 * no quarter that has not begun, no report date in the future.
 */
export function verifySubmission(s: Submission, settings: CommitteeSettings, today?: string): VerifyResult {
  const errors: VerifyError[] = [];
  const add = (code: VerifyCode, path: string, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ code, path, message });
  };
  const months = new Set<string>(quarterMonths(s.quarter));
  if (s.reportDate < quarterStart(s.quarter)) {
    add('REPORT_DATE_EARLY', 'reportDate', `report date ${s.reportDate} is before the quarter ${s.quarter} begins`);
  }
  const end = quarterEnd(s.quarter);
  // A quarter is reported during or after it, within a year of its end (a late correction still fits).
  const latest = `${Number(end.slice(0, 4)) + 1}${end.slice(4)}`;
  if (s.reportDate > latest) add('REPORT_DATE_LATE', 'reportDate', `report date ${s.reportDate} is more than a year after ${s.quarter} ended (${end})`);
  if (today !== undefined) {
    if (quarterStart(s.quarter) > today) add('QUARTER_IN_FUTURE', 'quarter', `${s.quarter} has not begun (today is ${today})`);
    else if (s.reportDate > today) add('REPORT_DATE_FUTURE', 'reportDate', `report date ${s.reportDate} is in the future (today is ${today})`);
  }
  const seen = new Map<string, number>();
  let dueSum = 0;
  let paidSum = 0;

  s.members.forEach((m, i) => {
    const at = `members.${i}`;
    const id = analyseId(m.idNumber, s.reportDate, { taiwanRegion83: settings.taiwanRegion83 });
    if (id.kind !== 'ok') add('ID_INVALID', `${at}.idNumber`, `${m.name}: ID number is not valid (${id.kind})`);
    const first = seen.get(m.idNumber);
    if (first !== undefined) add('DUPLICATE_MEMBER', `${at}.idNumber`, `${m.name}: same ID number as members.${first}`);
    else seen.set(m.idNumber, i);

    if (m.joinDate > end) add('JOIN_AFTER_QUARTER', `${at}.joinDate`, `${m.name}: joined ${m.joinDate}, after ${s.quarter} ended (${end}); list them from the quarter they join`);
    else if (m.joinDate < EARLIEST_JOIN) add('JOIN_DATE_INVALID', `${at}.joinDate`, `${m.name}: join date ${m.joinDate} is before ${EARLIEST_JOIN}`);
    const joinMonth = m.joinDate.slice(0, 7);
    const monthsSeen = new Set<string>();
    m.months.forEach((mo, j) => {
      const mp = `${at}.months.${j}`;
      if (!months.has(mo.month)) add('MONTH_OUTSIDE_QUARTER', `${mp}.month`, `${m.name}: ${mo.month} is not in ${s.quarter}`);
      if (monthsSeen.has(mo.month)) add('MONTH_REPEATED', `${mp}.month`, `${m.name}: ${mo.month} appears twice`);
      monthsSeen.add(mo.month);
      for (const k of ['dueFen', 'paidFen', 'largeFen'] as const) {
        if (!isFen(mo[k])) add('AMOUNT_INVALID', `${mp}.${k}`, `${m.name}: ${k} must be a whole, non-negative number of 分`);
      }
      if (mo.baseFen !== null && !isFen(mo.baseFen)) add('AMOUNT_INVALID', `${mp}.baseFen`, `${m.name}: baseFen must be whole 分`);
      if (isFen(mo.dueFen)) dueSum += mo.dueFen;
      if (isFen(mo.paidFen)) paidSum += mo.paidFen;

      // 预备党员 pay from the month of admission (2008规定 第八条): nothing is due or paid before it.
      if (mo.month < joinMonth && (mo.dueFen > 0 || mo.paidFen > 0)) {
        add('DUES_BEFORE_JOIN', mp, `${m.name}: dues recorded for ${mo.month}, before joining in ${joinMonth}`);
        return;
      }
      if (mo.month < joinMonth) return;
      if (m.standing === '停止党籍' || m.category === '停止党籍') {
        // Nothing is due while membership is suspended (dues-standard §4).
        if (mo.dueFen !== 0) add('SUSPENDED_CHARGED', `${mp}.dueFen`, `${m.name}: suspended members owe nothing`);
        return;
      }
      const due = monthlyDue({ category: m.category, baseFen: mo.baseFen, month: mo.month }, settings);
      if (due.kind === 'rate' || due.kind === 'flat') {
        if (due.dueFen !== mo.dueFen) {
          add('DUE_WRONG', `${mp}.dueFen`, `${m.name} ${mo.month}: due is ${due.dueFen} 分, not ${mo.dueFen}`);
        }
      } else if (due.kind === 'none') {
        if (mo.dueFen !== 0) add('DUE_WRONG', `${mp}.dueFen`, `${m.name} ${mo.month}: nothing is due`);
      } else if (due.reason === 'no-base') {
        add('BASE_MISSING', `${mp}.baseFen`, `${m.name} ${mo.month}: a ${m.category} member needs a base to compute the due`);
      }
      // 'no-table' (months before any table in force) stays unchecked, as the checker leaves it.
    });
    // Every month of the quarter is reported (a month before joining carries zeros): leaving one
    // out would drop its due from the branch's figures without anything looking wrong.
    for (const month of months) {
      if (!monthsSeen.has(month)) add('MONTH_MISSING', `${at}.months`, `${m.name}: ${month} is missing (report all three months of ${s.quarter})`);
    }
  });

  if (s.totals.members !== s.members.length) {
    add('TOTAL_WRONG', 'totals.members', `totals.members is ${s.totals.members}, the list has ${s.members.length}`);
  }
  if (s.totals.dueFen !== dueSum) add('TOTAL_WRONG', 'totals.dueFen', `totals.dueFen is ${s.totals.dueFen}, the months sum to ${dueSum}`);
  if (s.totals.paidFen !== paidSum) add('TOTAL_WRONG', 'totals.paidFen', `totals.paidFen is ${s.totals.paidFen}, the months sum to ${paidSum}`);

  return errors.length ? { ok: false, errors } : { ok: true };
}

/** What the server already knows of a member from the branch's previous quarter. */
export interface PriorQuarter {
  /** The streak stored (derived) for the previous quarter's end. */
  unpaidStreak: number;
  /** Paid beyond what was due over that quarter, in 分: an advance that covers months after it. */
  creditFen: number;
}

const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/**
 * The member's consecutive unpaid months up to the report date, derived by the server (the
 * client's `unpaidStreak` is a claim; 连续六个月未交 rests on it — 党章 第九条, 2008规定 第十三条).
 * The months of this quarter up to the report month are judged as the checker judges them: a month
 * with something due and nothing paid is unpaid unless an earlier overpayment (this quarter's or the
 * previous one's) covers it, or the quarter is paid up by its end; a month paid (even in part)
 * ends the run; a month with nothing due neither counts nor ends it. When the run reaches back past
 * the quarter's first month, the previous quarter's streak is added when the server holds it;
 * otherwise the client's claim is accepted only as far as the months between joining and the
 * quarter (no one owes from before they joined, and never a streak this quarter contradicts).
 */
export function deriveStreak(m: SubmissionMember, quarter: string, reportDate: string, prior: PriorQuarter | undefined): number {
  if (m.standing === '停止党籍' || m.category === '停止党籍') return 0;
  const judgedTo = reportDate.slice(0, 7);
  const months = m.months.filter((mo) => mo.month <= judgedTo).slice().sort((a, b) => (a.month < b.month ? -1 : 1));
  let dueAll = 0;
  let paidAll = 0;
  for (const mo of months) {
    dueAll += mo.dueFen;
    paidAll += mo.paidFen;
  }
  let balance = prior?.creditFen ?? 0;
  const quarterShort = paidAll + balance < dueAll;
  let run = 0;
  let broken = false;
  for (const mo of months) {
    const advance = balance > 0 ? balance : 0;
    if (mo.dueFen > 0) {
      if (quarterShort && mo.paidFen === 0 && advance < mo.dueFen) run += 1;
      else {
        run = 0;
        broken = true;
      }
    }
    balance += mo.paidFen - mo.dueFen;
  }
  if (broken) return run;
  if (prior) return run + prior.unpaidStreak;
  const first = quarterMonths(quarter)[0];
  const beforeQuarter = Math.max(0, monthIndex(first) - monthIndex(m.joinDate.slice(0, 7)));
  return run + Math.min(Math.max(0, m.unpaidStreak - run), beforeQuarter);
}
