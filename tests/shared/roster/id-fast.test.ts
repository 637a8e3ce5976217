// The roster's fast path for valid IDs agrees with analyseId wherever it answers, and leaves
// every other case to it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyseId } from '../../../shared/idcard';
import { idArbitrary } from '../checker/grids';
import { quickBirthYmd, quickValidBirth, quickValidId } from '../../../shared/roster/id-fast';

const TODAY = '2026-09-30';

describe('quickValidId', () => {
  it('agrees with analyseId on valid IDs and on every single-character change of them', () => {
    const id = idArbitrary(['110105', '510107', '440304', '830000', '990101', '710000'], '1890-01-01', '2030-12-31');
    fc.assert(fc.property(id, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789Xx '), (s, pos, ch) => {
      for (const text of [s, s.slice(0, pos) + ch + s.slice(pos + 1)]) {
        for (const taiwanRegion83 of [false, true]) {
          const quick = quickValidId(text, TODAY, { taiwanRegion83 });
          const full = analyseId(text, TODAY, { taiwanRegion83 });
          if (quick) {
            expect(full.kind).toBe('ok');
            expect(full.changedByNormalising).toBe(false);
            expect(quick).toEqual({ id: full.normalised, birthDate: full.birthDate, gender: full.gender });
          } else {
            expect(full.kind === 'ok' && !full.changedByNormalising).toBe(false);
          }
        }
      }
    }), { numRuns: 500 });
  });

  it('leaves numbers, lower-case x and 15-digit IDs to analyseId', () => {
    expect(quickValidId(110105194912310020, TODAY, {})).toBeNull();
    expect(quickValidId('11010519491231002x', TODAY, {})).toBeNull();
    expect(quickValidId('110105491231002', TODAY, {})).toBeNull();
    expect(quickValidId('11010519491231002X', TODAY, {})).toEqual({ id: '11010519491231002X', birthDate: '1949-12-31', gender: '女' });
  });
});

// quickValidBirth compares with an ISO-shaped today as an integer and keeps the birth date's
// yyyymmdd (issue 14): the same answers as analyseId, whatever the form of today.
describe('quickValidBirth and quickBirthYmd', () => {
  it('agree with analyseId for ISO and non-ISO today, and quickBirthYmd is the birth date as yyyymmdd', () => {
    const id = idArbitrary(['110105', '510107', '830000'], '1890-01-01', '2030-12-31');
    const today = fc.constantFrom('2026-09-30', '1990-01-01', '2026-9-30', '2026', '', '2030-12-31T00:00');
    fc.assert(fc.property(id, today, (s, t) => {
      const quick = quickValidBirth(s, t, {});
      const full = analyseId(s, t, {});
      if (quick === null) return !(full.kind === 'ok' && !full.changedByNormalising);
      return full.kind === 'ok' && quick === full.birthDate && quickBirthYmd() === Number(quick.replace(/-/g, ''));
    }), { numRuns: 1000 });
  });
});
