import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  periodLabel,
  addQuarters, isQuarterId, parseMonthLabel, parseQuarterLabel, quarterEnd, quarterId, quarterLabel, quarterMonths, quarterOf, quarterStart,
} from '../../shared/quarter';

describe('quarters', () => {
  it('quarterMonths', () => {
    expect(quarterMonths('2026Q1')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(quarterMonths('2026Q3')).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(quarterMonths('2026Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(() => quarterMonths('2026Q5')).toThrow(RangeError);
    expect(() => quarterMonths('2026-Q1')).toThrow(RangeError);
  });
  it('quarterOf months and days', () => {
    expect(quarterOf('2026-01')).toBe('2026Q1');
    expect(quarterOf('2026-03-31')).toBe('2026Q1');
    expect(quarterOf('2026-04')).toBe('2026Q2');
    expect(quarterOf('2026-09-30')).toBe('2026Q3');
    expect(quarterOf('2026-12')).toBe('2026Q4');
    expect(() => quarterOf('2026-13')).toThrow(RangeError);
  });
  it('quarterStart and quarterEnd', () => {
    expect(quarterEnd('2026Q1')).toBe('2026-03-31');
    expect(quarterEnd('2026Q2')).toBe('2026-06-30');
    expect(quarterEnd('2026Q3')).toBe('2026-09-30');
    expect(quarterEnd('2026Q4')).toBe('2026-12-31');
    expect(quarterStart('2026Q3')).toBe('2026-07-01');
  });
  it('addQuarters crosses years', () => {
    expect(addQuarters('2026Q4', 1)).toBe('2027Q1');
    expect(addQuarters('2026Q1', -1)).toBe('2025Q4');
    expect(addQuarters('2026Q2', -6)).toBe('2024Q4');
  });
  it('labels and ids', () => {
    expect(quarterLabel('2026Q3')).toBe('2026年第三季度');
    expect(quarterId(2026, 2)).toBe('2026Q2');
    expect(isQuarterId('2026Q2')).toBe(true);
    expect(isQuarterId('2026Q0')).toBe(false);
  });
  it('every month lies in its quarter (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const ym = `${y}-${String(m).padStart(2, '0')}`;
        return quarterMonths(quarterOf(ym)).includes(ym);
      }),
    );
  });
});

describe('parseQuarterLabel', () => {
  it.each([
    ['一季度', 1], ['第一季度', 1], ['1季度', 1], ['第1季度', 1], ['Q1', 1], ['q1', 1], ['1Q', 1],
    ['二季度', 2], ['第二季度党费', 2], ['Ｑ２', 2], ['三季度', 3], ['第3季度', 3], ['四季度', 4], ['第四季', 4],
  ])('%j → quarter %i', (text, quarter) => {
    expect(parseQuarterLabel(text)).toEqual({ quarter });
  });
  it.each([
    ['2026年1-3月', 2026, 1], ['2026年10～12月党费', 2026, 4], ['2026年7月-9月', 2026, 3],
    ['2026年第三季度', 2026, 3], ['2026Q3', 2026, 3], ['2026年一季度党费收缴', 2026, 1], ['2025 Q4', 2025, 4], ['2026年第2季度', 2026, 2],
  ])('%j → %i quarter %i', (text, year, quarter) => {
    expect(parseQuarterLabel(text)).toEqual({ year, quarter });
  });
  it.each([['1-3月', 1], ['4～6月', 2], ['7至9月', 3], ['10-12月', 4]])('the month span %j → quarter %i', (text, quarter) => {
    expect(parseQuarterLabel(text)).toEqual({ quarter });
  });
  it.each([['花名册'], ['2026年'], ['Q5'], ['2-4月'], ['1-6月'], ['1-3月和4-6月'], ['第五季度'], ['一季度和二季度'], ['QQ1'], ['1月'], ['']])('%j names no single quarter', (text) => {
    expect(parseQuarterLabel(text)).toBeNull();
  });
});

describe('parseMonthLabel', () => {
  it.each([
    ['1月', 1], ['01月', 1], ['一月', 1], ['元月', 1], ['十月', 10], ['十一月', 11], ['十二月', 12], ['12月', 12], ['3月份', 3], [' 7 月 ', 7], ['１２月', 12],
  ])('%j → month %i', (text, month) => {
    expect(parseMonthLabel(text)).toEqual({ month });
  });
  it.each([
    ['2026年1月', 2026, 1], ['2026年12月份', 2026, 12], ['2026-01', 2026, 1], ['2026.1', 2026, 1], ['2026/09', 2026, 9],
  ])('%j → %i-%i', (text, year, month) => {
    expect(parseMonthLabel(text)).toEqual({ year, month });
  });
  it.each([['13月'], ['0月'], ['十三月'], ['1月实交'], ['月'], ['2026-13'], ['合计'], ['一季度'], ['']])('%j is no month label', (text) => {
    expect(parseMonthLabel(text)).toBeNull();
  });
});

describe('label properties', () => {
  const cn = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
  it('every month in every spelling', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1950, max: 2100 }), (m, y) => {
        const mm = String(m).padStart(2, '0');
        const plain = [`${m}月`, `${mm}月`, `${cn[m - 1]}月`, `${m}月份`];
        const withYear = [`${y}年${m}月`, `${y}-${mm}`, `${y}.${m}`, `${y}/${mm}`];
        return (
          plain.every((t) => JSON.stringify(parseMonthLabel(t)) === JSON.stringify({ month: m })) &&
          withYear.every((t) => JSON.stringify(parseMonthLabel(t)) === JSON.stringify({ year: y, month: m }))
        );
      }),
    );
  });
  it('every quarter in every spelling, with and without a year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1950, max: 2099 }), (q, y) => {
        const c = '一二三四'[q - 1];
        const forms = [`${c}季度`, `第${c}季度`, `${q}季度`, `第${q}季度`, `Q${q}`, `${3 * q - 2}-${3 * q}月`];
        return forms.every(
          (t) =>
            JSON.stringify(parseQuarterLabel(t)) === JSON.stringify({ quarter: q }) &&
            JSON.stringify(parseQuarterLabel(`${y}年${t}`)) === JSON.stringify({ year: y, quarter: q }),
        );
      }),
    );
  });
});

describe('periodLabel', () => {
  it('reads quarters and years as people write them', () => {
    expect(periodLabel('2026Q3')).toBe('2026年第三季度');
    expect(periodLabel('2026Q1', 'en')).toBe('2026 Q1');
    expect(periodLabel('2026')).toBe('2026年度');
    expect(periodLabel('2026', 'en')).toBe('2026');
    expect(periodLabel('2026Q5')).toBe('2026Q5');
  });
});
