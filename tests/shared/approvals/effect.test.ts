import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { memberEffect, type ApprovalTerms } from '../../../shared/approvals/effect';
import { appliedFindings } from '../../../shared/approvals/findings';

const q3 = (due: number, paid: number[]) => ['2026-07', '2026-08', '2026-09'].map((month, i) => ({ month, dueFen: due, paidFen: paid[i] ?? 0 }));
const terms = (o: Partial<ApprovalTerms>): ApprovalTerms => ({ id: 1, kind: '免交', fromMonth: '2026-07', toMonth: '2026-09', amountFen: 0, documentNo: '交委党〔2026〕12号', ...o });

describe('what a confirmed approval takes off a member’s arrears', () => {
  it('免交: nothing is due in the covered months', () => {
    const e = memberEffect(q3(3000, [0, 0, 0]), [terms({ fromMonth: '2026-08', toMonth: '2026-09' })]);
    expect(e).toMatchObject({ rawArrearsFen: 9000, arrearsFen: 3000, approvedFen: 6000 });
    expect(e.covered.map((c) => c.month)).toEqual(['2026-08', '2026-09']);
  });
  it('少交: at most the approved amount is due, so paying it leaves no arrears', () => {
    const e = memberEffect(q3(3000, [1000, 1000, 1000]), [terms({ kind: '少交', amountFen: 1000 })]);
    expect(e).toMatchObject({ rawArrearsFen: 6000, arrearsFen: 0, approvedFen: 6000 });
    const short = memberEffect(q3(3000, [500, 1000, 1000]), [terms({ kind: '少交', amountFen: 1000 })]);
    expect(short).toMatchObject({ rawArrearsFen: 6500, arrearsFen: 500, approvedFen: 6000 });
  });
  it('缓交: what is unpaid in a covered month is deferred, not arrears', () => {
    const e = memberEffect(q3(3000, [3000, 1000, 0]), [terms({ kind: '缓交', fromMonth: '2026-09', toMonth: '2026-09' })]);
    expect(e).toMatchObject({ rawArrearsFen: 5000, arrearsFen: 2000, approvedFen: 3000 });
  });
  it('补交: a covered month counts as paid', () => {
    const e = memberEffect(q3(3000, [0, 0, 3000]), [terms({ kind: '补交', fromMonth: '2026-07', toMonth: '2026-07', amountFen: 3000 })]);
    expect(e).toMatchObject({ rawArrearsFen: 6000, arrearsFen: 3000, approvedFen: 3000 });
  });
  it('转入: months through 党费交至年月 are not due at the receiving branch', () => {
    const e = memberEffect(q3(3000, [0, 0, 3000]), [terms({ kind: '转入', source: 'transfer', fromMonth: '0000-01', toMonth: '2026-08', documentNo: '某党支部' })]);
    expect(e).toMatchObject({ rawArrearsFen: 6000, arrearsFen: 0, approvedFen: 6000 });
    expect(e.covered[0]).toMatchObject({ source: 'transfer', paidThrough: '2026-08' });
  });
  it('months outside the approval are untouched; a member without approvals is unchanged', () => {
    expect(memberEffect(q3(3000, [0, 0, 0]), [terms({ fromMonth: '2026-01', toMonth: '2026-06' })])).toMatchObject({ arrearsFen: 9000, approvedFen: 0, covered: [] });
    expect(memberEffect(q3(3000, [0, 3000, 0]), [])).toMatchObject({ rawArrearsFen: 6000, arrearsFen: 6000, approvedFen: 0 });
  });
  it('a quarter paid in full in its last month stays clear (the period is judged as a whole)', () => {
    expect(memberEffect(q3(3000, [0, 0, 9000]), [terms({ kind: '缓交' })])).toMatchObject({ rawArrearsFen: 0, arrearsFen: 0, approvedFen: 0 });
  });
  it('property: raw arrears = arrears + approved, approved ≥ 0, arrears never rise', () => {
    const kind = fc.constantFrom('少交', '免交', '缓交', '补交', '转入') as fc.Arbitrary<ApprovalTerms['kind']>;
    const month = fc.constantFrom('2026-06', '2026-07', '2026-08', '2026-09', '2026-10');
    fc.assert(fc.property(
      fc.array(fc.record({ due: fc.integer({ min: 0, max: 100000 }), paid: fc.integer({ min: 0, max: 100000 }) }), { minLength: 3, maxLength: 3 }),
      fc.array(fc.record({ kind, a: month, b: month, amount: fc.integer({ min: 0, max: 100000 }) }), { maxLength: 4 }),
      (ms, as) => {
        const months = ms.map((m, i) => ({ month: `2026-0${7 + i}`, dueFen: m.due, paidFen: m.paid }));
        const approvals = as.map((a, i) => terms({ id: i + 1, kind: a.kind, fromMonth: a.a < a.b ? a.a : a.b, toMonth: a.a < a.b ? a.b : a.a, amountFen: a.amount }));
        const e = memberEffect(months, approvals);
        expect(e.approvedFen).toBeGreaterThanOrEqual(0);
        expect(e.arrearsFen).toBeGreaterThanOrEqual(0);
        expect(e.arrearsFen + e.approvedFen).toBe(e.rawArrearsFen);
      },
    ));
  });
});

describe('the info finding names the approval', () => {
  it('one APPROVAL_APPLIED per approval with its months and document number; transfers say TRANSFER_PAID_BEFORE', () => {
    const e = memberEffect(q3(3000, [0, 0, 0]), [
      terms({ id: 7, fromMonth: '2026-07', toMonth: '2026-08' }),
      terms({ id: 3, kind: '转入', source: 'transfer', fromMonth: '0000-01', toMonth: '2026-07', documentNo: '某党支部' }),
      terms({ id: 9, kind: '缓交', fromMonth: '2026-09', toMonth: '2026-09', documentNo: '支委会〔2026〕3号' }),
    ]);
    const f = appliedFindings({ name: '张三', idMasked: '110105********002X' }, e.covered);
    expect(f.map((x) => [x.code, x.severity, x.months])).toEqual([
      ['TRANSFER_PAID_BEFORE', 'info', ['2026-07']],
      ['APPROVAL_APPLIED', 'info', ['2026-08']],
      ['APPROVAL_APPLIED', 'info', ['2026-09']],
    ]);
    expect(f[1]!.message).toBe('张三 2026年8月 经批准免交（交委党〔2026〕12号），不计欠交');
    expect(f[1]!.approvalId).toBe(7);
    expect(f[2]!.message).toContain('缓交（支委会〔2026〕3号）');
    expect(f[0]!.message).toBe('张三 转入时党费已交至2026年7月，2026年7月 不在本支部计应交');
  });
});
