// The server's records applied to the clerk's own check (shared/approvals/apply.ts): the findings
// and the 报送 preview's 欠交 say what the roll-up will say; a member is matched on masked ID and name.
import { describe, expect, it } from 'vitest';
import type { Approval, Transfer } from '../../../shared/api/approvals';
import { applyRecordsToCheck, lastUnpaidMonth, submissionAfterRecords, type YearRecords } from '../../../shared/approvals/apply';
import { streakAfterRecords, type ApprovalTerms } from '../../../shared/approvals/effect';
import { recordFindings } from '../../../shared/approvals/findings';
import { checkWorkbook } from '../../../shared/check';
import { maskId } from '../../../shared/idcard';
import { prepareSubmission } from '../../../shared/submission/prepare';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { person, workbook, type Person } from '../checker/grids';

const AS_OF = '2026-09-30';
const unpaidFromApril = person({ paid: [90, 90, 90, null, null, null, null, null, null] }, 1);
const paysAll = person({}, 2);
const people: Person[] = [unpaidFromApril, paysAll];
const check = (ps: Person[] = people) => checkWorkbook(workbook(ps), { asOf: AS_OF });
const sheets = workbook(people).map((g) => g.name);

let nextId = 1;
function approval(p: Person, o: Partial<Approval> = {}): Approval {
  const a: Approval = {
    id: nextId++, branch: 'B-1', member: { name: p.name, idMasked: maskId(String(p.id)) }, category: '在职', kind: '免交',
    fromMonth: '2026-07', toMonth: '2026-09', amountFen: 0, documentNo: '区委党〔2026〕12号', approvingOrgs: ['党委'], approvedOn: '2026-07-01',
    note: null, level: 'committee', status: 'confirmed', enteredAt: '2026-07-01T00:00:00Z', decidedAt: null, decidedBy: 'C', decisionNote: null,
    withdrawnAt: null, withdrawnBy: null, withdrawReason: null, findings: [], ...o,
  };
  a.findings = recordFindings(a.member, { ...a, status: a.status });
  return a;
}
function transfer(p: Person, o: Partial<Transfer> = {}): Transfer {
  return {
    id: nextId++, branch: 'B-1', member: { name: p.name, idMasked: maskId(String(p.id)) }, direction: '转入', date: '2026-04-02', paidThrough: '2026-06',
    firstDueMonth: '2026-07', counterpart: '某县第三党支部', note: null, letterLine: '', enteredAt: '', withdrawnAt: null, withdrawReason: null, ...o,
  };
}
const recs = (approvals: Approval[] = [], transfers: Transfer[] = []): YearRecords => ({ approvals, transfers });
const codes = (fs: { code: string }[]) => fs.map((f) => f.code);
const count = (fs: { code: string }[], code: string) => fs.filter((f) => f.code === code).length;

describe('applying the records to the clerk’s check', () => {
  it('without records (offline, or nothing recorded) the result is the checker’s own', () => {
    const r = check();
    expect(applyRecordsToCheck(r, recs(), sheets).result).toBe(r);
  });

  it('a confirmed 免交 for Jul–Sep: those months are no longer UNPAID, an info finding names the approval, the six-month run is broken', () => {
    const r = check();
    expect(count(r.findings, 'UNPAID')).toBe(6);
    expect(count(r.findings, 'ARREARS_6_MONTHS')).toBe(1);
    const a = approval(unpaidFromApril);
    const { result, applied } = applyRecordsToCheck(r, recs([a]), sheets);
    expect(count(result.findings, 'UNPAID')).toBe(3);
    expect(result.findings.filter((f) => f.code === 'UNPAID').every((f) => /^2026年[456]月 /.test(f.message))).toBe(true);
    expect(count(result.findings, 'ARREARS_6_MONTHS')).toBe(0);
    const info = result.findings.find((f) => f.code === 'APPROVAL_APPLIED')!;
    expect(info).toMatchObject({ severity: 'info', member: '党员1' });
    expect(info.message).toContain('区委党〔2026〕12号');
    expect(info.message).toContain('2026年7月、2026年8月、2026年9月');
    expect(result.summary.warnings).toBe(r.summary.warnings - 4);
    expect(result.summary.infos).toBe(r.summary.infos + 1);
    expect(applied).toEqual([{ name: '党员1', idMasked: maskId(String(unpaidFromApril.id)), rawArrearsFen: 54000, arrearsFen: 27000, approvedFen: 27000 }]);
    // The input is untouched: the workbook's own result is still there for whoever holds it.
    expect(count(r.findings, 'UNPAID')).toBe(6);
  });

  it('a 缓交 (deferred, not exempt) also takes the months off arrears and breaks the six-month run (党章 第九条: 正当理由)', () => {
    const { result } = applyRecordsToCheck(check(), recs([approval(unpaidFromApril, { kind: '缓交', fromMonth: '2026-06', toMonth: '2026-06' })]), sheets);
    expect(count(result.findings, 'UNPAID')).toBe(5);
    expect(count(result.findings, 'ARREARS_6_MONTHS')).toBe(0);
  });

  it('a 少交 with nothing paid leaves the months unpaid and the run standing, now of the reduced amount', () => {
    const r = check();
    const { result } = applyRecordsToCheck(r, recs([approval(unpaidFromApril, { kind: '少交', amountFen: 1000 })]), sheets);
    expect(count(result.findings, 'UNPAID')).toBe(6);
    expect(count(result.findings, 'ARREARS_6_MONTHS')).toBe(1);
  });

  it('a longer run stays flagged with its new length when an approval covers only its start', () => {
    const nine = person({ paid: [null, null, null, null, null, null, null, null, null, null, null, null] }, 3);
    const r = check([nine, paysAll]);
    expect(r.findings.find((f) => f.code === 'ARREARS_6_MONTHS')!.message).toContain('9 个月');
    const { result } = applyRecordsToCheck(r, recs([approval(nine, { fromMonth: '2026-01', toMonth: '2026-02' })]), sheets);
    const six = result.findings.filter((f) => f.code === 'ARREARS_6_MONTHS');
    expect(six).toHaveLength(1);
    expect(six[0]!.message).toContain('7 个月');
    expect(six[0]!.message).toContain('2026年3月—2026年9月');
  });

  it('a 转入 paid through June: months through it are not due here (TRANSFER_PAID_BEFORE)', () => {
    // Arrived in April, listed here all year with nothing paid here.
    const arrived = person({ paid: [] }, 4);
    const r = check([arrived, paysAll]);
    expect(count(r.findings, 'UNPAID')).toBe(9);
    const { result } = applyRecordsToCheck(r, recs([], [transfer(arrived)]), sheets);
    expect(count(result.findings, 'UNPAID')).toBe(3);
    expect(count(result.findings, 'ARREARS_6_MONTHS')).toBe(0);
    expect(result.findings.find((f) => f.code === 'TRANSFER_PAID_BEFORE')!.message).toContain('已交至2026年6月');
  });

  it('pending, rejected, withdrawn and revoked approvals change nothing; a pending one says it waits', () => {
    const r = check();
    const { result } = applyRecordsToCheck(r, recs([
      approval(unpaidFromApril, { status: 'pending' }),
      approval(unpaidFromApril, { status: 'rejected', kind: '缓交' }),
      approval(unpaidFromApril, { status: 'withdrawn', kind: '少交', amountFen: 10, withdrawnAt: '2026-08-01T00:00:00Z' }),
      approval(unpaidFromApril, { status: 'revoked', kind: '补交', amountFen: 10, withdrawnAt: '2026-08-01T00:00:00Z' }),
    ], [transfer(unpaidFromApril, { withdrawnAt: '2026-08-01T00:00:00Z' }), transfer(unpaidFromApril, { direction: '转出' })]), sheets);
    expect(count(result.findings, 'UNPAID')).toBe(6);
    expect(count(result.findings, 'ARREARS_6_MONTHS')).toBe(1);
    expect(codes(result.findings).filter((c) => c.startsWith('APPROVAL') || c.startsWith('TRANSFER'))).toEqual(['APPROVAL_PENDING']);
  });

  it('a record for someone else (other name, or other ID with the same mask) touches no one', () => {
    const r = check();
    const other = approval({ ...unpaidFromApril, name: '张三' });
    const { result } = applyRecordsToCheck(r, recs([other]), sheets);
    expect(codes(result.findings)).toEqual(codes(r.findings));
  });
});

describe('the 报送 preview after the records', () => {
  it('欠交 of the quarter’s submission drops by what the approval takes off, to the 分, and the six-month count with it', () => {
    const grids = workbook(people);
    const { submission } = prepareSubmission({ grids, settings: DEFAULT_SETTINGS, quarter: '2026Q3', today: AS_OF });
    const before = submissionAfterRecords(submission, recs());
    expect(before).toEqual({ rawArrearsFen: 27000, arrearsFen: 27000, approvedFen: 0, sixMonth: 1 });
    const after = submissionAfterRecords(submission, recs([approval(unpaidFromApril, { fromMonth: '2026-08', toMonth: '2026-09' })]));
    expect(after).toEqual({ rawArrearsFen: 27000, arrearsFen: 9000, approvedFen: 18000, sixMonth: 0 });
    expect(after.arrearsFen + after.approvedFen).toBe(after.rawArrearsFen);
  });
});

describe('six consecutive months after the records (党章 第九条)', () => {
  const t = (o: Partial<ApprovalTerms>): ApprovalTerms => ({ id: 1, kind: '免交', fromMonth: '2026-07', toMonth: '2026-07', amountFen: 0, documentNo: 'x', ...o });
  it('walks back from the run’s end and stops at the first justified month', () => {
    expect(streakAfterRecords(9, '2026-09', [])).toBe(9);
    expect(streakAfterRecords(9, '2026-09', [t({})])).toBe(2);
    expect(streakAfterRecords(9, '2026-09', [t({ fromMonth: '2026-09', toMonth: '2026-09' })])).toBe(0);
    expect(streakAfterRecords(9, '2026-09', [t({ fromMonth: '2025-01', toMonth: '2025-12' })])).toBe(9);
    expect(streakAfterRecords(9, '2026-01', [t({ fromMonth: '2025-11', toMonth: '2025-11' })])).toBe(2);
    expect(streakAfterRecords(9, '2026-09', [t({ kind: '缓交' })])).toBe(2);
    expect(streakAfterRecords(9, '2026-09', [t({ kind: '补交', amountFen: 100 })])).toBe(2);
    expect(streakAfterRecords(9, '2026-09', [t({ kind: '转入', source: 'transfer', fromMonth: '0000-01', toMonth: '2026-04' })])).toBe(5);
    // 少交 with nothing paid: the reduced amount was due and not paid, so the run goes on.
    expect(streakAfterRecords(9, '2026-09', [t({ kind: '少交', amountFen: 500 })])).toBe(9);
    expect(streakAfterRecords(0, '2026-09', [t({})])).toBe(0);
  });
  it('where a stored streak ends: the last month with something due and nothing paid', () => {
    expect(lastUnpaidMonth([{ month: '2026-07', dueFen: 9000, paidFen: 0 }, { month: '2026-08', dueFen: 9000, paidFen: 0 }, { month: '2026-09', dueFen: 9000, paidFen: 9000 }])).toBe('2026-08');
    expect(lastUnpaidMonth([{ month: '2026-07', dueFen: 0, paidFen: 0 }])).toBe(null);
  });
});
