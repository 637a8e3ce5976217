// The roster's fast date path must agree with the general parser in shared/dates.ts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addYears, ageOn, excelSerialToIso, parseDateCell } from '../../../shared/dates';
import { beforeYearsAfter, isoYmd, plusYears, readDateCell, serialDay, serialYmd, ymdBeforeYearsAfter, ymdIso, ymdYearsOld, yearsOld } from '../../../shared/roster/date-cell';

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

// Integer forms of the reader's dates (issue 14): they must agree with the text forms.
describe('yyyymmdd dates', () => {
  const serial = fc.integer({ min: 61, max: 2_958_465 });
  const format = fc.constantFrom('yyyy-mm-dd', 'General', '0.00', undefined, 'yyyy"年"m"月"d"日"', 'm/d/yy');

  it('serialYmd is serialDay as an integer, and ymdIso gives its text back', () => {
    const value = fc.oneof(serial, serial.map((n) => n + 0.5), fc.integer({ min: -5, max: 100 }), fc.constant('2015-07-01'), fc.constant(null), fc.constant(true));
    fc.assert(fc.property(value, format, (v, f) => {
      const day = serialDay(v, f);
      const ymd = serialYmd(v, f);
      if (day === null) return ymd === -1;
      return ymd === isoYmd(day) && ymdIso(ymd) === day;
    }));
  });

  it('serialYmd (its table up to 2099, civil() past it) gives excelSerialToIso for every day 1900-03-01 … 2199', () => {
    // Every serial the table holds and its first days past the end (issue 14: the table).
    for (let s = 61; s < 109_575; s++) {
      const ymd = serialYmd(s, 'yyyy-mm-dd');
      if (ymdIso(ymd) !== excelSerialToIso(s)) expect({ s, ymd }).toEqual({ s, ymd: isoYmd(excelSerialToIso(s)!) });
    }
  });

  it('isoYmd is -1 off the ISO shape and keeps text order on it', () => {
    const text = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
        .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
      fc.constantFrom('2015-7-1', '2015/07/01', '10000-01-01', '', '2015-07-0x', '２０１５-07-01'),
    );
    fc.assert(fc.property(text, text, (a, b) => {
      const x = isoYmd(a);
      const y = isoYmd(b);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(a)) return x === -1;
      if (y === -1) return true;
      return (x < y) === (a < b) && (x === y) === (a === b);
    }));
  });

  it('ymdYearsOld and ymdBeforeYearsAfter agree with yearsOld and beforeYearsAfter', () => {
    const day = fc.integer({ min: 61, max: 2_958_465 }).map((s) => excelSerialToIso(s)!);
    fc.assert(fc.property(day, day, fc.integer({ min: 0, max: 3 }), (a, b, n) => {
      if (ymdYearsOld(isoYmd(a), isoYmd(b)) !== yearsOld(a, b)) return false;
      const early = ymdBeforeYearsAfter(isoYmd(a), isoYmd(b), n);
      return early === -1 ? Number(b.slice(0, 4)) + n > 9999 : early === beforeYearsAfter(a, b, n);
    }));
    // 29 Feb a year later, and the last years of Excel's range.
    for (const [a, b] of [['2021-02-28', '2020-02-29'], ['2021-03-01', '2020-02-29'], ['2024-02-29', '2023-02-28'], ['9999-12-31', '9999-01-01'], ['9999-12-31', '9998-12-31']]) {
      expect(ymdBeforeYearsAfter(isoYmd(a!), isoYmd(b!), 1)).toBe(Number(b!.slice(0, 4)) + 1 > 9999 ? -1 : beforeYearsAfter(a!, b!, 1));
    }
  });
});
