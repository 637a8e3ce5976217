// Headers matched by their words (issue 10): bracketed notes and units, verb variants, the 比列
// typo, word order; and month cells as registers without month columns write them.
import { describe, expect, it } from 'vitest';
import { headerMeaning } from '../../../shared/recognise/fields';
import { monthInTitle, parseMonthCell, parseMonthRange, parseYearCell } from '../../../shared/recognise/month-cell';
import { parseRateCell } from '../../../shared/standard/rate';

const field = (t: string) => {
  const m = headerMeaning(t);
  return m?.kind === 'field' ? m.field : null;
};

describe('header words', () => {
  it.each([
    ['每月应交纳党费金额', 'due'], ['每月应交纳党费金额（元）', 'due'], ['应缴金额', 'due'], ['月缴党费', 'due'], ['缴费标准（元/月）', 'due'],
    ['实缴金额', 'paid'], ['缴费金额', 'paid'], ['缴费总额', 'paid'], ['实交党费（元）', 'paid'],
    ['全年实缴党费', 'paidTotal'], ['全年实缴党费（元）', 'paidTotal'], ['全年应缴（元）', 'dueTotal'], ['本年度应缴纳党费合计', 'dueTotal'],
    ['比列', 'rate'], ['交纳比列', 'rate'], ['缴纳比例（%）', 'rate'], ['党费计算基数（取整）', 'base'], ['月工资收入基数(税后)（元）', 'base'],
    ['缴费月份', 'month'], ['月度', 'month'], ['年度', 'year'], ['缴费起始月份', 'startMonth'], ['缴费截止月份', 'endMonth'],
    ['缴费起止月份', 'monthRange'], ['缴费月数', 'monthCount'], ['证件号码', 'idNumber'], ['党员姓名（必填）', 'name'],
    ['党籍状态（正式党员或预备党员）', 'standing'], ['人员类别（正式党员或预备党员）', 'memberClass'],
  ])('%s → %s', (text, expected) => {
    expect(field(text)).toBe(expected);
  });

  it('leaves unknown headers and month columns alone', () => {
    expect(field('联系电话')).toBeNull();
    expect(field('基本工资')).toBeNull();
    expect(headerMeaning('7月实缴')).toMatchObject({ kind: 'month', month: 7, part: 'paid' });
    expect(headerMeaning('3月应缴')).toMatchObject({ kind: 'month', month: 3, part: 'due' });
  });
});

describe('month cells', () => {
  it.each([
    ['2026-07', 2026, 7], ['2026年7月', 2026, 7], ['2026年07月份', 2026, 7], [202607, 2026, 7], ['202607', 2026, 7],
    ['2026.07', 2026, 7], ['7月', null, 7], [7, null, 7], ['七月', null, 7], [2026.1, 2026, 10],
  ] as const)('%j → %s-%s', (v, year, month) => {
    expect(parseMonthCell(v)).toEqual({ year, month });
  });

  it('reads a date cell as its month, and nothing else as a month', () => {
    expect(parseMonthCell(46204, 'yyyy-mm-dd')).toEqual({ year: 2026, month: 7 });
    expect(parseMonthCell('某月')).toBeNull();
    expect(parseMonthCell(13)).toBeNull();
    expect(parseMonthCell('2026-13')).toBeNull();
  });

  it('reads ranges, years and titles', () => {
    expect(parseMonthRange('2026.01-2026.06')).toEqual({ from: { year: 2026, month: 1 }, to: { year: 2026, month: 6 } });
    expect(parseMonthRange('2026年1月至6月')).toEqual({ from: { year: 2026, month: 1 }, to: { year: 2026, month: 6 } });
    expect(parseMonthRange('2025-11~2026-02')).toEqual({ from: { year: 2025, month: 11 }, to: { year: 2026, month: 2 } });
    expect(parseYearCell('2026年度')).toBe(2026);
    expect(parseYearCell(2026)).toBe(2026);
    expect(monthInTitle('2026年07月份党费收缴登记表', 2025)).toBe('2026-07');
    expect(monthInTitle('7月', 2026)).toBe('2026-07');
    expect(monthInTitle('2026年第三季度党费收缴登记表', 2026)).toBeNull();
    expect(monthInTitle('2026年党费收缴登记表', 2026)).toBeNull();
  });
});

describe('rates in words', () => {
  it.each([['千分之五', 1, 200], ['百分之一', 1, 100], ['百分之一点五', 3, 200], ['百分之二', 1, 50], ['千分之5', 1, 200]])('%s', (t, num, den) => {
    expect(parseRateCell(t)).toEqual({ ok: true, kind: 'rate', rate: { num, den } });
  });
  it('rejects words that are no number', () => {
    expect(parseRateCell('百分之几')).toEqual({ ok: false, reason: 'text' });
  });
});
