// The server's re-check of a submission: what it accepts, and each refusal with its code and path.
import { describe, expect, it } from 'vitest';
import type { Submission, SubmissionMember } from '../../../shared/api/contract';
import { checkCharacter } from '../../../shared/idcard';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { verifySubmission } from '../../../shared/submission/verify';

function id(seq: number): string {
  const first17 = `11010519800101${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

function salaried(seq: number, baseFen: number, dueFen: number, paid = dueFen): SubmissionMember {
  return {
    name: `党员${seq}`, idNumber: id(seq), memberClass: '正式党员', standing: '正常', category: '在职', joinDate: '2000-07-01',
    months: ['2026-07', '2026-08', '2026-09'].map((month) => ({ month, baseFen, dueFen, paidFen: paid, largeFen: 0 })),
    unpaidStreak: 0,
  };
}

function sub(members: SubmissionMember[]): Submission {
  const all = members.flatMap((m) => m.months);
  return {
    quarter: '2026Q3', reportDate: '2026-09-30', members, findings: [],
    totals: { members: members.length, dueFen: all.reduce((a, x) => a + x.dueFen, 0), paidFen: all.reduce((a, x) => a + x.paidFen, 0) },
  };
}

const codes = (s: Submission, settings = DEFAULT_SETTINGS) => {
  const r = verifySubmission(s, settings);
  return r.ok ? [] : r.errors.map((e) => `${e.code}@${e.path}`);
};

describe('verifySubmission', () => {
  it('accepts the dues-standard vectors (5100.00 → 76.50; 1003.00 → 5.02)', () => {
    expect(codes(sub([salaried(1, 510000, 7650), salaried(2, 100300, 502), salaried(3, 300000, 1500, 0)]))).toEqual([]);
  });

  it('refuses the progressive answer and the float answer', () => {
    expect(codes(sub([salaried(1, 510000, 3650)]))).toContain('DUE_WRONG@members.0.months.0.dueFen');
    expect(codes(sub([salaried(1, 100300, 501)]))).toContain('DUE_WRONG@members.0.months.2.dueFen');
  });

  it('uses the committee’s rounding', () => {
    const s = sub([salaried(1, 777777, 11667)]);
    expect(codes(s)).toEqual([]);
    expect(codes(s, { ...DEFAULT_SETTINGS, rounding: 'jiao' })).toContain('DUE_WRONG@members.0.months.0.dueFen');
    expect(codes(sub([salaried(1, 777777, 11670)]), { ...DEFAULT_SETTINGS, rounding: 'jiao' })).toEqual([]);
  });

  it('refuses bad IDs, duplicates, months outside the quarter, wrong totals', () => {
    const a = salaried(1, 300000, 1500);
    const bad = { ...salaried(2, 300000, 1500), idNumber: id(2).slice(0, 17) + (id(2).endsWith('1') ? '2' : '1') };
    const dup = { ...salaried(3, 300000, 1500), idNumber: a.idNumber };
    const s = sub([a, bad, dup]);
    s.members[0]!.months[1]!.month = '2026-10';
    s.totals.paidFen += 1;
    expect(codes(s)).toEqual(expect.arrayContaining([
      'ID_INVALID@members.1.idNumber', 'DUPLICATE_MEMBER@members.2.idNumber', 'MONTH_OUTSIDE_QUARTER@members.0.months.1.month', 'TOTAL_WRONG@totals.paidFen',
    ]));
  });

  it('nothing is due before joining (2008规定 第八条) nor while suspended', () => {
    const p = { ...salaried(1, 300000, 1500), memberClass: '预备党员' as const, joinDate: '2026-08-20' };
    expect(codes(sub([p]))).toEqual(['DUES_BEFORE_JOIN@members.0.months.0']);
    p.months[0] = { ...p.months[0]!, dueFen: 0, paidFen: 0 };
    expect(codes(sub([p]))).toEqual([]);
    const susp: SubmissionMember = { ...salaried(2, 300000, 1500), standing: '停止党籍', category: '停止党籍' };
    expect(codes(sub([susp]))).toContain('SUSPENDED_CHARGED@members.0.months.0.dueFen');
  });

  it('a rate category needs a base; flat categories take the committee’s farmer amount', () => {
    const noBase = salaried(1, 0, 0);
    for (const m of noBase.months) m.baseFen = null;
    expect(codes(sub([noBase]))).toContain('BASE_MISSING@members.0.months.0.baseFen');
    const farmer: SubmissionMember = { ...salaried(2, 0, 50), category: '农民' };
    for (const m of farmer.months) m.baseFen = null;
    expect(codes(sub([farmer]))).toContain('DUE_WRONG@members.0.months.0.dueFen');
    expect(codes(sub([farmer]), { ...DEFAULT_SETTINGS, farmerFen: 50 })).toEqual([]);
  });

  it('refuses fractional or negative amounts even if they got past the schema', () => {
    const m = salaried(1, 300000, 1500);
    m.months[0]!.paidFen = 10.5;
    m.months[1]!.largeFen = -1;
    const s = sub([m]);
    expect(codes(s)).toEqual(expect.arrayContaining(['AMOUNT_INVALID@members.0.months.0.paidFen', 'AMOUNT_INVALID@members.0.months.1.largeFen']));
  });
  it('refuses a member with a month of the quarter left out (its due would vanish from the figures)', () => {
    const m = salaried(1, 510000, 7650, 0);
    m.months = m.months.slice(0, 1);
    expect(codes(sub([m]))).toEqual(['MONTH_MISSING@members.0.months', 'MONTH_MISSING@members.0.months']);
    // A member who joined mid-quarter still reports the months before joining, with zeros.
    const late = salaried(2, 510000, 7650);
    late.joinDate = '2026-08-15';
    late.months[0] = { ...late.months[0]!, baseFen: null, dueFen: 0, paidFen: 0 };
    expect(codes(sub([late]))).toEqual([]);
  });
});
