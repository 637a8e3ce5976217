import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyRate, fenToYuan, formatYuan, parseMoney, roundFen } from '../../shared/money';

describe('parseMoney', () => {
  it.each([
    [3000.01, 300001],
    [0, 0],
    [-0, 0],
    [0.1, 10],
    [1003, 100300],
    [7777.77, 777777],
    [12345.67, 1234567],
    [1e-2, 1],
    [123456789.12, 12345678912],
  ])('reads the number %s as %i fen', (v, fen) => {
    expect(parseMoney(v)).toEqual({ ok: true, fen });
  });

  it.each([
    ['3,000.01', 300001],
    ['３０００.０１', 300001],
    ['３，０００．０１', 300001],
    ['¥3000', 300000],
    ['￥3,000.5', 300050],
    ['3000元', 300000],
    [' 3 000.01 ', 300001],
    ['3000.', 300000],
    ['.5', 50],
    ['+12', 1200],
    ['3000.010', 300001],
    ['1,234,567.89', 123456789],
    ['-0', 0],
  ])('reads the text %j as %i fen', (v, fen) => {
    expect(parseMoney(v)).toEqual({ ok: true, fen });
  });

  it('reads formula noise as the 15-digit value Excel shows', () => {
    expect(parseMoney(0.1 + 0.2)).toEqual({ ok: true, fen: 30 });
    expect(parseMoney(1.1 * 3)).toEqual({ ok: true, fen: 330 });
  });

  it.each([
    [null, 'empty'],
    [undefined, 'empty'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u3000', 'empty'],
    ['-', 'empty'],
    ['—', 'empty'],
    [' / ', 'empty'],
    ['--', 'empty'],
    ['-abc', 'text'],
    ['无', 'text'],
    ['abc', 'text'],
    ['3000.0.1', 'text'],
    ['30,00', 'text'],
    ['1,23.4', 'text'],
    ['12a', 'text'],
    [true, 'text'],
    [Number.NaN, 'text'],
    [Number.POSITIVE_INFINITY, 'text'],
    ['-5', 'negative'],
    [-0.01, 'negative'],
    ['－５', 'negative'],
    [3000.001, 'precision'],
    ['3000.001', 'precision'],
    [116.66655, 'precision'],
    ['0.005', 'precision'],
    [1e300, 'precision'],
  ])('rejects %j as %s', (v, reason) => {
    expect(parseMoney(v as never)).toEqual({ ok: false, reason });
  });

  it('round-trips every formatted amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (fen) => {
        const r = parseMoney(formatYuan(fen));
        return r.ok && r.fen === fen;
      }),
    );
  });

  it('reads fen/100 as a number back to the same fen (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (fen) => {
        const r = parseMoney(fenToYuan(fen));
        return r.ok && r.fen === fen;
      }),
    );
  });
});

describe('applyRate', () => {
  it('rounds half-up exactly where floats fail', () => {
    expect(applyRate(100300, 5, 1000)).toBe(502); // 5.015 → 5.02 (float gives 5.01)
    expect(applyRate(200100, 5, 1000)).toBe(1001); // 10.005 → 10.01 (half-even gives 10.00)
    expect(applyRate(299990, 5, 1000)).toBe(1500); // 14.9995 → 15.00
    expect(applyRate(300250, 10, 1000)).toBe(3003);
  });

  it('rounds to jiao and yuan in their modes', () => {
    expect(applyRate(777777, 15, 1000, 'fen')).toBe(11667);
    expect(applyRate(777777, 15, 1000, 'jiao')).toBe(11670);
    expect(applyRate(777777, 15, 1000, 'yuan')).toBe(11700);
    expect(applyRate(5, 1, 1, 'jiao')).toBe(10);
    expect(applyRate(4, 1, 1, 'jiao')).toBe(0);
    expect(applyRate(50, 1, 1, 'yuan')).toBe(100);
    expect(applyRate(49, 1, 1, 'yuan')).toBe(0);
  });

  it('stays exact for very large bases', () => {
    expect(applyRate(9_007_199_254_740_991, 1, 1)).toBe(9_007_199_254_740_991);
    expect(applyRate(1e15, 15, 1000)).toBe(1.5e13);
  });

  it('refuses negative or fractional inputs', () => {
    expect(() => applyRate(-1, 5, 1000)).toThrow(RangeError);
    expect(() => applyRate(1.5, 5, 1000)).toThrow(RangeError);
    expect(() => applyRate(100, 5, 0)).toThrow(RangeError);
    expect(() => applyRate(100, -5, 1000)).toThrow(RangeError);
  });

  it('equals the exact rational rounded half-up (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 10000 }),
        fc.constantFrom('fen' as const, 'jiao' as const, 'yuan' as const),
        (base, num, den, mode) => {
          const unit = { fen: 1n, jiao: 10n, yuan: 100n }[mode];
          const exact = BigInt(base) * BigInt(num);
          const q = exact / (BigInt(den) * unit);
          const rem = exact % (BigInt(den) * unit);
          const expected = (2n * rem >= BigInt(den) * unit ? q + 1n : q) * unit;
          if (expected > BigInt(Number.MAX_SAFE_INTEGER)) {
            expect(() => applyRate(base, num, den, mode)).toThrow(RangeError);
            return true;
          }
          return BigInt(applyRate(base, num, den, mode)) === expected;
        },
      ),
    );
  });

  it('roundFen rounds an amount to the mode', () => {
    expect(roundFen(11667, 'jiao')).toBe(11670);
    expect(roundFen(11665, 'jiao')).toBe(11670);
    expect(roundFen(11664, 'jiao')).toBe(11660);
    expect(roundFen(11667, 'fen')).toBe(11667);
  });
});

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [300001, '3,000.01'],
    [123456789, '1,234,567.89'],
    [-1501, '-15.01'],
    [100000, '1,000.00'],
    [99999, '999.99'],
    [-99999, '-999.99'],
    [-100000, '-1,000.00'],
  ])('formats %i as %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });
  it('groups thousands as the regex does, on both sides of the 1,000-yuan fast path (property)', () => {
    const grouped = (fen: number) => {
      const abs = Math.abs(fen);
      const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return `${fen < 0 ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`;
    };
    fc.assert(fc.property(fc.oneof(fc.integer({ min: -200_000, max: 200_000 }), fc.maxSafeInteger(), fc.integer()), (fen) => formatYuan(fen) === grouped(fen)), { numRuns: 3000 });
  });
  it('refuses non-integers', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });
});

describe('parseMoney over generated spellings (property)', () => {
  const wide = (t: string) => t.replace(/[0-9.,]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
  it('reads grouped, full-width, currency-marked and spaced forms of one amount alike', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (fen) => {
        const grouped = formatYuan(fen);
        const plain = grouped.replace(/,/g, '');
        const forms = [grouped, plain, wide(grouped), `¥${grouped}`, `￥ ${plain}`, `${plain}元`, ` ${plain} `, plain.replace(/\.00$/, '')];
        return forms.every((f) => {
          const r = parseMoney(f);
          return r.ok && r.fen === fen;
        });
      }),
    );
  });
  it('a third decimal digit other than 0 is always precision', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 9 }), (fen, digit) => {
        const r = parseMoney(`${formatYuan(fen)}${digit}`);
        return !r.ok && r.reason === 'precision';
      }),
    );
  });
  it('a leading minus on a non-zero amount is always negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), (fen) => {
        const a = parseMoney(`-${formatYuan(fen)}`);
        const b = parseMoney(-fen / 100);
        return !a.ok && a.reason === 'negative' && !b.ok && b.reason === 'negative';
      }),
    );
  });
});
