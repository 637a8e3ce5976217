import { describe, expect, it } from 'vitest';
import { capitalMonth, firstDueMonth, letterLine } from '../../../shared/transfers/letter';
import { transferProblems } from '../../../shared/transfers/rules';

describe('the introduction letter’s 党费交至年月', () => {
  it('writes the month in capital numerals', () => {
    expect(capitalMonth('2026-09')).toBe('贰零贰陆年玖月');
    expect(capitalMonth('2030-01')).toBe('贰零叁零年壹月');
    expect(capitalMonth('2019-10')).toBe('贰零壹玖年拾月');
    expect(capitalMonth('2028-11')).toBe('贰零贰捌年拾壹月');
    expect(capitalMonth('2027-12')).toBe('贰零贰柒年拾贰月');
    expect(() => capitalMonth('2026-13')).toThrow(RangeError);
    expect(letterLine('2026-09').zh).toBe('该同志党费已交至贰零贰陆年玖月。');
  });
  it('the receiving branch charges from the next month, across the year end too', () => {
    expect(firstDueMonth('2026-09')).toBe('2026-10');
    expect(firstDueMonth('2026-12')).toBe('2027-01');
  });
  it('党费交至年月 within a year ahead and ten years back of the transfer', () => {
    expect(transferProblems({ date: '2026-09-15', paidThrough: '2026-09' })).toEqual([]);
    expect(transferProblems({ date: '2026-09-15', paidThrough: '2027-09' })).toEqual([]);
    expect(transferProblems({ date: '2026-09-15', paidThrough: '2027-10' })[0]).toMatch(/more than 12 months after/);
    expect(transferProblems({ date: '2026-09-15', paidThrough: '2016-08' })[0]).toMatch(/10 years before/);
  });
});
