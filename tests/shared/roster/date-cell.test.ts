// The roster's fast date path must agree with the general parser in shared/dates.ts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addYears, ageOn, excelSerialToIso, parseDateCell } from '../../../shared/dates';
import { plusYears, readDateCell, yearsOld } from '../../../shared/roster/date-cell';

describe('readDateCell', () => {
  it('equals excelSerialToIso for every whole serial from 1900-03-01 to 2199', () => {
    for (let s = 61; s < 109_575; s++) {
      const r = readDateCell(s, 'yyyy-mm-dd');
      if (!r.ok || r.date !== excelSerialToIso(s)) expect({ s, r }).toEqual({ s, r: { ok: true, date: excelSerialToIso(s), precision: 'day' } });
    }
  });

  it('falls back to the general parser for text, fractions and numbers without a date format', () => {
    for (const [v, f] of [['2015.07', undefined], ['2015年7月1日', undefined], [20150701, 'General'], [42186.5, 'yyyy-mm-dd'], [2015.07, '0.00'], [60, 'yyyy-mm-dd']] as const) {
      expect(readDateCell(v, f)).toEqual(parseDateCell(v, f));
    }
  });
});

describe('plusYears and yearsOld', () => {
  const iso = fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  it('plusYears matches addYears (29 Feb included)', () => {
    fc.assert(fc.property(iso, fc.integer({ min: 0, max: 5 }), (d, n) => plusYears(d, n) === addYears(d, n)));
    expect(plusYears('2024-02-29', 1)).toBe('2025-02-28');
  });
  it('yearsOld matches ageOn', () => {
    fc.assert(fc.property(iso, iso, (a, b) => (a <= b ? yearsOld(a, b) === ageOn(a, b) : true)));
  });
});
