import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { recomputeBaseFen } from '../../../shared/standard';

const slip = {
  grossFen: 1_000_000, taxFen: 45_000, pensionFen: 80_000, medicalFen: 20_000, unemploymentFen: 5_000, housingFundFen: 120_000, annuityFen: 40_000,
};

describe('recomputeBaseFen (dues-standard §5)', () => {
  it('2008: gross minus tax only', () => {
    expect(recomputeBaseFen(slip, '2008')).toBe(955_000);
  });
  it('2017: gross minus tax and every individual contribution', () => {
    expect(recomputeBaseFen(slip, '2017')).toBe(690_000);
  });
  it('missing columns deduct nothing', () => {
    expect(recomputeBaseFen({ grossFen: 500_000 }, '2017')).toBe(500_000);
    expect(recomputeBaseFen({ grossFen: 500_000, taxFen: null, pensionFen: 40_000 }, '2017')).toBe(460_000);
    expect(recomputeBaseFen({ grossFen: 500_000, pensionFen: 40_000 }, '2008')).toBe(500_000);
  });
  it('never goes below zero', () => {
    expect(recomputeBaseFen({ grossFen: 100, taxFen: 500 }, '2008')).toBe(0);
  });
  it('the 2017 base is never above the 2008 base (property)', () => {
    const fen = fc.integer({ min: 0, max: 1e8 });
    fc.assert(
      fc.property(fen, fen, fen, fen, fen, fen, fen, (grossFen, taxFen, pensionFen, medicalFen, unemploymentFen, housingFundFen, annuityFen) => {
        const p = { grossFen, taxFen, pensionFen, medicalFen, unemploymentFen, housingFundFen, annuityFen };
        return recomputeBaseFen(p, '2017') <= recomputeBaseFen(p, '2008');
      }),
    );
  });
});
