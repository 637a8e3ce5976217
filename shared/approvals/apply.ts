/**
 * The server's records of the member's year (approvals, transfers) applied to the clerk's own
 * check, so the pane and `duesbook submit` say what the roll-up will say (issue 15): months a
 * confirmed approval or a 转入's 党费交至年月 covers are no longer UNPAID/UNDERPAID, the
 * six-month finding (党章 第九条) counts only months unpaid without a proper reason, and info
 * findings say which approval (APPROVAL_APPLIED, TRANSFER_PAID_BEFORE) or which is still pending
 * (APPROVAL_PENDING). Pure: records in, a new result out; the workbook and the member records are
 * not touched, and a submission still carries the raw figures (the server applies the records
 * when it reads a roll-up, so an approval confirmed later counts too).
 *
 * The records name a member by masked ID and name only (raw IDs never leave the workbook and the
 * keyed hash needs the server's secret), so a member is matched on maskId(ID) and the name.
 */
import type { Approval, Transfer } from '../api/approvals';
import type { Submission } from '../api/contract';
import type { CheckResult } from '../check';
import type { Finding } from '../findings/finding';
import { makeFinding, sortFindings } from '../findings/collect';
import { monthZh } from '../findings/messages';
import type { RecordFinding } from '../findings/record-finding';
import { maskId } from '../idcard';
import { coverageOf, lastJudgedMonth, monthNumber } from '../register/coverage';
import type { MemberRecord } from '../roster/member';
import { SIX_MONTH_STREAK, memberArrearsFen } from '../rollup/figures';
import { adjustMonth, covers, memberEffect, orderTerms, streakAfterRecords, type ApprovalTerms } from './effect';
import { appliedFindings } from './findings';

/** What the pane fetched for the branch and year (GET /api/approvals, GET /api/transfers). */
export interface YearRecords {
  approvals: readonly Approval[];
  transfers: readonly Transfer[];
}

/** How a record and a workbook member meet: masked ID and name (trimmed). */
export const recordKey = (idMasked: string, name: string): string => `${idMasked}|${name.trim()}`;

/** The terms of the records that stand — confirmed approvals, 转入 not withdrawn — per member. */
export function standingTerms(records: YearRecords): Map<string, ApprovalTerms[]> {
  const out = new Map<string, ApprovalTerms[]>();
  const put = (key: string, t: ApprovalTerms) => {
    const l = out.get(key);
    if (l) l.push(t);
    else out.set(key, [t]);
  };
  for (const a of records.approvals) {
    if (a.status !== 'confirmed' || a.withdrawnAt) continue;
    put(recordKey(a.member.idMasked, a.member.name), {
      id: a.id, source: 'approval', kind: a.kind, fromMonth: a.fromMonth, toMonth: a.toMonth, amountFen: a.amountFen, documentNo: a.documentNo,
    });
  }
  for (const t of records.transfers) {
    if (t.direction !== '转入' || t.withdrawnAt) continue;
    // As the server reads it (worker/src/approvals/effects.ts): every month through 党费交至年月.
    put(recordKey(t.member.idMasked, t.member.name), {
      id: t.id, source: 'transfer', kind: '转入', fromMonth: '0000-01', toMonth: t.paidThrough, amountFen: 0, documentNo: t.counterpart,
    });
  }
  return out;
}

const MONTH_CODES = new Set(['UNPAID', 'UNDERPAID']);

/** The month an UNPAID/UNDERPAID finding is about: its message starts with the month (messages.ts). */
function findingMonth(f: Finding, months: readonly string[]): string | null {
  for (const m of months) if (f.message.startsWith(`${monthZh(m)} `)) return m;
  return null;
}

/** The longest run of unpaid months up to the last judged one, broken by a month the records justify. */
function longestRun(months: readonly string[], due: ArrayLike<number>, unpaid: ReadonlySet<number>, justified: ReadonlySet<number>, lastJudged: number): number[] {
  let best: number[] = [];
  let run: number[] = [];
  for (let i = 0; i < months.length && monthNumber(months[i]!) <= lastJudged; i++) {
    if (unpaid.has(i)) run.push(i);
    else if (justified.has(i) || due[i]! > 0) {
      if (run.length > best.length) best = run;
      run = [];
    }
  }
  return run.length > best.length ? run : best;
}

export interface AppliedCheck {
  result: CheckResult;
  /** Members of the workbook a standing record covers, with what it takes off their arrears. */
  applied: { name: string; idMasked: string; rawArrearsFen: number; arrearsFen: number; approvedFen: number }[];
}

/**
 * The check result as the server will see it once the records apply. `sheetOrder` is the
 * workbook's sheet order (for sorting the added findings as the checker sorts).
 */
export function applyRecordsToCheck(result: CheckResult, records: YearRecords, sheetOrder: readonly string[] = []): AppliedCheck {
  const terms = standingTerms(records);
  const pending = records.approvals.filter((a) => a.status === 'pending' && !a.withdrawnAt);
  if (!terms.size && !pending.length) return { result, applied: [] };
  const lastJudged = monthNumber(lastJudgedMonth(result.asOf));
  const nameCol = new Map(result.tables.map((t) => [t.sheet, t.columns.name ?? t.columns.idNumber ?? 0]));
  const drop = new Set<Finding>();
  const added: Finding[] = [];
  const applied: AppliedCheck['applied'] = [];
  const byRow = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const k = `${f.sheet}|${f.row}`;
    const l = byRow.get(k);
    if (l) l.push(f);
    else byRow.set(k, [f]);
  }
  /** A record finding on the member's first register row (else the roster row), at the name. */
  const place = (m: MemberRecord, r: RecordFinding): Finding => {
    const at = m.duesRows[0] ?? { sheet: m.sheet, row: m.row };
    const f = makeFinding(r.code, at.sheet, at.row, nameCol.get(at.sheet) ?? 0);
    return { ...f, message: r.message, messageEn: r.messageEn, member: m.name };
  };
  const inWorkbook = new Map<string, MemberRecord>();
  for (const m of result.members) {
    if (!m.idNumber) continue;
    const key = recordKey(maskId(m.idNumber), m.name);
    inWorkbook.set(key, m);
    const on = terms.get(key);
    if (!on) continue;
    const d = m.dues;
    const n = d.months.length;
    // Each array once (a member kept in columns makes them when asked: shared/roster/member.ts).
    const { dueFen, paidFen } = d;
    const nums = d.months.map(monthNumber);
    const due = new Float64Array(n);
    const paid = new Float64Array(n);
    const justified = new Set<number>();
    const sorted = orderTerms(on);
    for (let i = 0; i < n; i++) {
      const c = sorted.filter((a) => covers(a, d.months[i]!));
      const x = c.length ? adjustMonth({ dueFen: dueFen[i]!, paidFen: paidFen[i]! }, c) : { dueFen: dueFen[i]!, paidFen: paidFen[i]! };
      due[i] = x.dueFen;
      paid[i] = x.paidFen;
      if (c.length && x.paidFen >= x.dueFen) justified.add(i);
    }
    const cov = coverageOf(nums, due, paid, n, lastJudged);
    const stillShort = new Set([...cov.unpaid, ...cov.underpaid].map((i) => d.months[i]!));
    const rows = m.duesRows.flatMap((r) => byRow.get(`${r.sheet}|${r.row}`) ?? []);
    for (const f of rows) {
      if (MONTH_CODES.has(f.code)) {
        const month = findingMonth(f, d.months);
        if (month && !stillShort.has(month)) drop.add(f);
      } else if (f.code === 'ARREARS_6_MONTHS') {
        const run = longestRun(d.months, due, new Set(cov.unpaid), justified, lastJudged);
        drop.add(f);
        if (run.length >= SIX_MONTH_STREAK) {
          added.push({ ...makeFinding('ARREARS_6_MONTHS', f.sheet, f.row, f.col, { count: run.length, months: [d.months[run[0]!]!, d.months[run[run.length - 1]!]!] }), ...(f.member ? { member: f.member } : {}) });
        }
      }
    }
    const lines = d.months.map((month, i) => ({ month, dueFen: dueFen[i]!, paidFen: paidFen[i]! }));
    // Only months judged as of the report date are arrears (coverage.ts), as the submission says.
    const judged = lines.filter((l) => monthNumber(l.month) <= lastJudged);
    const e = memberEffect(judged, on);
    const who = { name: m.name, idMasked: maskId(m.idNumber) };
    if (e.covered.length) {
      for (const r of appliedFindings(who, e.covered)) added.push(place(m, r));
      applied.push({ ...who, rawArrearsFen: e.rawArrearsFen, arrearsFen: e.arrearsFen, approvedFen: e.approvedFen });
    }
  }
  for (const a of records.approvals) {
    const m = inWorkbook.get(recordKey(a.member.idMasked, a.member.name));
    if (!m) continue;
    for (const r of a.findings) if (r.code === 'APPROVAL_PENDING' || r.code === 'BACKPAY_OVER_SIX_MONTHS') added.push(place(m, r as RecordFinding));
  }
  const findings = sortFindings([...result.findings.filter((f) => !drop.has(f)), ...added], [...sheetOrder]);
  const summary = { ...result.summary, errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') summary.errors += 1;
    else if (f.severity === 'warning') summary.warnings += 1;
    else summary.infos += 1;
  }
  return { result: { ...result, findings, summary }, applied };
}

/**
 * 欠交 of a submission after the records, as the roll-up will show it (worker/src/approvals/
 * effects.ts does the same per member with the keyed hash): arrears before the records =
 * arrearsFen + approvedFen, to the 分.
 */
export function submissionAfterRecords(sub: Pick<Submission, 'members'>, records: YearRecords): { rawArrearsFen: number; arrearsFen: number; approvedFen: number; sixMonth: number } {
  const terms = standingTerms(records);
  let raw = 0;
  let approved = 0;
  let sixMonth = 0;
  for (const m of sub.members) {
    const on = terms.get(recordKey(maskId(m.idNumber), m.name));
    const r = memberArrearsFen(m.months);
    raw += r;
    if (!on) {
      if (m.unpaidStreak >= SIX_MONTH_STREAK) sixMonth += 1;
      continue;
    }
    approved += memberEffect(m.months, on).approvedFen;
    const end = lastUnpaidMonth(m.months);
    if (end && streakAfterRecords(m.unpaidStreak, end, on) >= SIX_MONTH_STREAK) sixMonth += 1;
  }
  return { rawArrearsFen: raw, arrearsFen: raw - approved, approvedFen: approved, sixMonth };
}

/**
 * Where a stored streak ends: the last month of the line with something due and nothing paid.
 * A streak counts unpaid months up to the last judged month, so when it is above zero that month
 * is this one (months not yet judged in a running quarter aside: then it is an upper bound).
 */
export function lastUnpaidMonth(months: readonly { month: string; dueFen: number; paidFen: number }[]): string | null {
  for (let i = months.length - 1; i >= 0; i--) if (months[i]!.dueFen > 0 && months[i]!.paidFen === 0) return months[i]!.month;
  return null;
}
