import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatRate, parseRateCell, reduceRate, sameRate } from '../../../shared/standard';
import { rateNeedsFormat } from '../../../shared/standard/rate';

describe('parseRateCell', () => {
  it.each([
    [0.015, undefined, 3, 200],
    [0.005, undefined, 1, 200],
    [0.02, undefined, 1, 50],
    [1.5, undefined, 3, 200],
    [0.5, undefined, 1, 200],
    [2, undefined, 1, 50],
    [1, undefined, 1, 100],
    [0.015, '0.0%', 3, 200],
    [0.5, '0%', 1, 2],
    ['1.5%', undefined, 3, 200],
    ['0.5%', undefined, 1, 200],
    ['１.５％', undefined, 3, 200],
    [' 2 % ', undefined, 1, 50],
    ['0.015', undefined, 3, 200],
    ['1.5', undefined, 3, 200],
    ['5‰', undefined, 1, 200],
    [0, undefined, 0, 1],
  ])('reads %j (format %s) as %i/%i', (v, format, num, den) => {
    expect(parseRateCell(v, format)).toEqual({ ok: true, kind: 'rate', rate: { num, den } });
  });

  it('takes the float noise out of a computed rate', () => {
    expect(parseRateCell(0.1 * 0.15)).toEqual({ ok: true, kind: 'rate', rate: { num: 3, den: 200 } });
  });

  it.each([['定额'], ['定额交纳'], [' 定额 '], ['固定']])('reads %j as flat', (v) => {
    expect(parseRateCell(v)).toEqual({ ok: true, kind: 'flat' });
  });

  it.each([
    [null, 'empty'],
    ['', 'empty'],
    ['  ', 'empty'],
    ['abc', 'text'],
    ['%', 'text'],
    ['1.5%%', 'text'],
    [true, 'text'],
    [-0.01, 'text'],
    [Number.NaN, 'text'],
  ])('rejects %j as %s', (v, reason) => {
    expect(parseRateCell(v as never)).toEqual({ ok: false, reason });
  });

  it('a percent string and its fraction agree (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (tenthsOfPermille) => {
        const pct = (tenthsOfPermille / 100).toString();
        const a = parseRateCell(`${pct}%`);
        return a.ok && a.kind === 'rate' && sameRate(a.rate, { num: tenthsOfPermille, den: 10000 });
      }),
    );
  });
});

describe('rate helpers', () => {
  it('reduces and compares exactly', () => {
    expect(reduceRate({ num: 15, den: 1000 })).toEqual({ num: 3, den: 200 });
    expect(sameRate({ num: 15, den: 1000 }, { num: 3, den: 200 })).toBe(true);
    expect(sameRate({ num: 15, den: 1000 }, { num: 1, den: 100 })).toBe(false);
  });
  it.each([
    [{ num: 5, den: 1000 }, '0.5%'],
    [{ num: 15, den: 1000 }, '1.5%'],
    [{ num: 2, den: 100 }, '2%'],
    [{ num: 0, den: 1 }, '0%'],
  ])('formats %j as %s', (r, text) => {
    expect(formatRate(r)).toBe(text);
  });
});

describe('rateNeedsFormat', () => {
  it('is true wherever the format changes parseRateCell\'s answer (property)', () => {
    const formats = [undefined, '0.0%', '0.00%', '0.00', 'General', '@', '0%'];
    const cell = fc.oneof(
      fc.double({ min: 0, max: 30, noNaN: true }),
      fc.integer({ min: 0, max: 100 }).map((n) => n / 1000),
      fc.constantFrom(0.05, 0.0500001, 1.5, 2, 0.015, 0.005, -1),
      fc.constantFrom('1.5%', '0.015', '1.5', '定额', '千分之五', ''),
    );
    fc.assert(fc.property(cell, fc.constantFrom(...formats), (v, f) => {
      if (rateNeedsFormat(v)) return true;
      expect(parseRateCell(v, f)).toEqual(parseRateCell(v, undefined));
      return true;
    }), { numRuns: 3000 });
    // And it is needed: 1.5 means 1.5 % plain, 150 % under a percent format.
    expect(rateNeedsFormat(1.5)).toBe(true);
    expect(parseRateCell(1.5, '0.0%')).not.toEqual(parseRateCell(1.5, undefined));
  });
});
