import { describe, expect, it } from 'vitest';
import { baselineFindings, baselineFromMonths, changeFindings, figuresFor, type MonthLine } from '../../../shared/year/baseline';

const who = { name: '张三', idMasked: '110105********002X' };
const months = (pairs: [string, number | null, number][]): MonthLine[] => pairs.map(([month, baseFen, dueFen]) => ({ month, baseFen, dueFen }));
const baseline = { baseFen: 500000, dueFen: 5000 };

describe('年初核定 (2017通知)', () => {
  it('months that keep the baseline raise nothing', () => {
    expect(baselineFindings(who, baseline, [], months([['2026-07', 500000, 5000], ['2026-08', 500000, 5000]]))).toEqual([]);
  });
  it('a base that moves without a recorded reason is one warning per run of months, naming both figures', () => {
    const f = baselineFindings(who, baseline, [], months([['2026-04', 500000, 5000], ['2026-05', 520000, 7800], ['2026-06', 520000, 7800], ['2026-07', 500000, 5000]]));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'BASELINE_DIFFERS', severity: 'warning', months: ['2026-05', '2026-06'] });
    expect(f[0]!.message).toBe('张三 2026年5月 交费基数 5,200.00 元，与年初核定的 5,000.00 元不符，且未记录调整原因');
  });
  it('a due that differs on a flat category (no base) is named as the monthly due', () => {
    const f = baselineFindings(who, { baseFen: null, dueFen: 20 }, [], months([['2026-03', null, 50]]));
    expect(f[0]!.message).toContain('月应交 0.50 元，与年初核定的 0.20 元不符');
  });
  it('a recorded change from a month on is followed; the register keeping the old figure then differs', () => {
    const changes = [{ fromMonth: '2026-05', baseFen: 520000, dueFen: 7800, reason: '工资调整' }];
    expect(baselineFindings(who, baseline, changes, months([['2026-04', 500000, 5000], ['2026-05', 520000, 7800]]))).toEqual([]);
    const stale = baselineFindings(who, baseline, changes, months([['2026-06', 500000, 5000]]));
    expect(stale[0]!.message).toContain('交费基数 5,000.00 元，与年初核定的 5,200.00 元不符');
    expect(figuresFor('2026-04', baseline, changes)).toEqual({ ...baseline, reason: null });
    expect(figuresFor('2026-09', baseline, changes)).toMatchObject({ baseFen: 520000, reason: '工资调整' });
  });
  it('the recorded changes read as information with their reason', () => {
    const f = changeFindings(who, baseline, [{ fromMonth: '2026-05', baseFen: 520000, dueFen: 7800, reason: '工资调整' }]);
    expect(f).toEqual([expect.objectContaining({ code: 'BASELINE_CHANGE_RECORDED', severity: 'info', months: ['2026-05'] })]);
    expect(f[0]!.message).toBe('张三 2026年5月 交费基数 由年初核定的 5,000.00 元调整为 5,200.00 元（原因：工资调整）');
  });
  it('核定本年度党费 takes the year’s first month the register holds', () => {
    expect(baselineFromMonths('2026', months([['2025-12', 480000, 4800], ['2026-03', 500000, 5000], ['2026-01', 490000, 4900]]))).toEqual({ baseFen: 490000, dueFen: 4900 });
    expect(baselineFromMonths('2027', months([['2026-01', 1, 1]]))).toBeNull();
  });
});
