// Which fix values must go into a text-formatted cell, and reading rows out of change addresses.
import { describe, expect, it } from 'vitest';
import { colSpan, mustWriteAsText, rowSpan } from '../../../addin/src/excel/textSafety';

describe('mustWriteAsText', () => {
  it.each([
    ['=SUM(A1)', true], ['+1', true], ['-1', true], ['@x', true], ['\tx', true], ['\rx', true],
    ['110105199001010021', true], ['11010519900101002X', true], ['007', true], ['3,000.01', true], ['1.5%', true],
    ['2015-07-01', true], ['2015/7/1', true], ['2015.07', true],
    ['TRUE', true], ['false', true], ['#N/A', true], ['1/2', true], ['12:30', true], ['(5)', true], ['2015年7月1日', true], ['A-1', true],
    ['汉族', false], ['男', false], ['正式党员', false], ['在职职工', false], [90, false], [null, false],
  ])('%s → %s', (v, expected) => {
    expect(mustWriteAsText(v)).toBe(expected);
  });
});

describe('rowSpan', () => {
  it('reads 0-based inclusive rows from addresses', () => {
    expect(rowSpan('B5')).toEqual({ firstRow: 4, lastRow: 4 });
    expect(rowSpan('花名册!B5:C7')).toEqual({ firstRow: 4, lastRow: 6 });
    expect(rowSpan("'党费 登记'!$A$10:$T$3")).toEqual({ firstRow: 2, lastRow: 9 });
    expect(rowSpan('3:5')).toEqual({ firstRow: 2, lastRow: 4 });
    expect(rowSpan('A:C')).toBeNull();
  });
});

describe('colSpan', () => {
  it('reads 0-based inclusive columns from addresses', () => {
    expect(colSpan('B:B')).toEqual({ first: 1, last: 1 });
    expect(colSpan("'党费 登记'!$AA$3:C9")).toEqual({ first: 2, last: 26 });
    expect(colSpan('5:6')).toBeNull();
  });
});
