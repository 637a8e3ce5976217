import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addMonths, addYears, ageOn, excelSerialToIso, isDateFormat, isIsoDate, isIsoMonth, isoFromDate,
  isoToExcelSerial, monthOf, monthRange, monthsBetween, parseDateCell,
} from '../../shared/dates';

describe('Excel serials (1900 date system)', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [42186, '2015-07-01'],
    [46295, '2026-09-30'],
    [2958465, '9999-12-31'],
    [42186.75, '2015-07-01'],
  ])('serial %s is %s', (serial, iso) => {
    expect(excelSerialToIso(serial)).toBe(iso);
  });
  it('serial 60 is the fictitious 1900-02-29; 0, negatives and huge serials are no dates', () => {
    for (const s of [60, 0, -1, 2958466, Number.NaN, Number.POSITIVE_INFINITY]) expect(excelSerialToIso(s)).toBeNull();
  });
  it('isoToExcelSerial inverts it, on both sides of the phantom leap day', () => {
    expect(isoToExcelSerial('1900-01-01')).toBe(1);
    expect(isoToExcelSerial('1900-02-28')).toBe(59);
    expect(isoToExcelSerial('1900-03-01')).toBe(61);
    expect(isoToExcelSerial('2015-07-01')).toBe(42186);
    expect(() => isoToExcelSerial('1899-12-31')).toThrow(RangeError);
    expect(() => isoToExcelSerial('2015-02-29')).toThrow(RangeError);
  });
  it('round-trips every serial but 60 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2958465 }).filter((s) => s !== 60), (s) => isoToExcelSerial(excelSerialToIso(s)!) === s),
    );
  });
});

describe('parseDateCell', () => {
  it.each([
    ['2015-07-01', '2015-07-01', 'day'],
    ['2015.07.01', '2015-07-01', 'day'],
    ['2015/7/1', '2015-07-01', 'day'],
    ['2015年7月1日', '2015-07-01', 'day'],
    ['2015年07月01日', '2015-07-01', 'day'],
    ['2015-7-1', '2015-07-01', 'day'],
    [' 2015.7.1 ', '2015-07-01', 'day'],
    ['２０１５．０７．０１', '2015-07-01', 'day'],
    ['20150701', '2015-07-01', 'day'],
    ['2015-07-01 00:00:00', '2015-07-01', 'day'],
    ['2015-07-01T08:30:00.000Z', '2015-07-01', 'day'],
    ['2015/7/1 8:30', '2015-07-01', 'day'],
    ['2015年7月1号', '2015-07-01', 'day'],
    ['Wed Jul 01 2015 00:00:00 GMT+0800 (中国标准时间)', '2015-07-01', 'day'],
    ['Jul 1, 2015', '2015-07-01', 'day'],
    ['2015年7月', '2015-07-01', 'month'],
    ['2015.07', '2015-07-01', 'month'],
    ['2015-07', '2015-07-01', 'month'],
    ['2015/7', '2015-07-01', 'month'],
    ['2015年7月份', '2015-07-01', 'month'],
    ['201507', '2015-07-01', 'month'],
  ])('text %j → %s (%s)', (v, date, precision) => {
    expect(parseDateCell(v)).toEqual({ ok: true, date, precision });
  });

  it.each([
    [42186, 'yyyy-mm-dd', '2015-07-01', 'day'],
    [42186, undefined, '2015-07-01', 'day'],
    [42186, 'General', '2015-07-01', 'day'],
    [42186, '[$-804]yyyy"年"m"月"d"日"', '2015-07-01', 'day'],
    [20150701, 'General', '2015-07-01', 'day'],
    [201507, undefined, '2015-07-01', 'month'],
    [2015.07, 'General', '2015-07-01', 'month'],
    [2015.1, 'General', '2015-01-01', 'month'],
    [2015.1, '0.00', '2015-10-01', 'month'],
    [2015.12, undefined, '2015-12-01', 'month'],
  ])('number %s with format %j → %s (%s)', (v, format, date, precision) => {
    expect(parseDateCell(v, format)).toEqual({ ok: true, date, precision });
  });

  it('a number in a date format is a serial even when it looks like 2015.07', () => {
    expect(parseDateCell(2015.07, 'yyyy-mm-dd')).toEqual({ ok: true, date: '1905-07-07', precision: 'day' });
  });

  it.each([
    [null], [undefined], [''], ['abc'], ['2015-13-01'], ['2015-02-29'], ['1970.02.29'], ['2015年13月'], ['15.07.01'],
    ['2015-07-01 garbage'], ['Foo 01 2015'], ['Feb 30 2015'], ['2015'], [2015], [1900], [true], [0], [-5], [60], [2015.13], [20151301], [Number.NaN],
  ])('%j is no date', (v) => {
    expect(parseDateCell(v as never)).toEqual({ ok: false });
  });

  it('reads back every ISO day in its usual spellings (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, dd] = iso.split('-').map(Number) as [number, number, number];
        const forms = [iso, `${y}.${m}.${dd}`, `${y}/${m}/${dd}`, `${y}年${m}月${dd}日`, iso.replace(/-/g, '')];
        const serial = isoToExcelSerial(iso);
        return (
          forms.every((f) => {
            const r = parseDateCell(f);
            return r.ok && r.date === iso && r.precision === 'day';
          }) && (parseDateCell(serial, 'yyyy/m/d') as { date: string }).date === iso
        );
      }),
    );
  });
});

describe('isDateFormat', () => {
  it.each([['yyyy-mm-dd', true], ['m/d/yy', true], ['yyyy"年"m"月"', true], ['[$-804]yyyy年m月d日', true], ['General', false], ['0.00', false], ['@', false], ['"y"0', false], [undefined, false]])(
    '%j → %s',
    (f, expected) => {
      expect(isDateFormat(f)).toBe(expected);
    },
  );
});

describe('month and age arithmetic', () => {
  it('addMonths', () => {
    expect(addMonths('2026-01', 1)).toBe('2026-02');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', -14)).toBe('2025-01');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
    expect(() => addMonths('2026/03', 1)).toThrow(RangeError);
  });
  it('monthsBetween counts whole months and accepts days', () => {
    expect(monthsBetween('2026-01', '2026-07')).toBe(6);
    expect(monthsBetween('2025-11', '2026-02')).toBe(3);
    expect(monthsBetween('2026-07', '2026-01')).toBe(-6);
    expect(monthsBetween('2026-01-31', '2026-02-01')).toBe(1);
  });
  it('addMonths and monthsBetween agree (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -600, max: 600 }), (y, m, n) => {
        const ym = `${y}-${String(m).padStart(2, '0')}`;
        const to = addMonths(ym, n);
        return isIsoMonth(to) && monthsBetween(ym, to) === n;
      }),
    );
  });
  it('monthRange is inclusive', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-02', '2026-01')).toEqual([]);
  });
  it('ageOn counts completed years', () => {
    expect(ageOn('2000-07-01', '2018-06-30')).toBe(17);
    expect(ageOn('2000-07-01', '2018-07-01')).toBe(18);
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(ageOn('1949-12-31', '2026-09-30')).toBe(76);
  });
  it('age on the n-th birthday is n (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 120 }), (d, n) => {
        const birth = d.toISOString().slice(0, 10);
        const birthday = addYears(birth, n);
        const dayBefore = new Date(Date.parse(birthday) - 86_400_000).toISOString().slice(0, 10);
        const clamped = birth.endsWith('02-29') && !birthday.endsWith('02-29');
        return ageOn(birth, birthday) === (clamped ? n - 1 : n) && (n === 0 || ageOn(birth, dayBefore) === n - 1);
      }),
    );
  });
  it('addYears clamps 29 February', () => {
    expect(addYears('2015-07-01', 1)).toBe('2016-07-01');
    expect(addYears('2016-02-29', 1)).toBe('2017-02-28');
    expect(addYears('2016-02-29', 4)).toBe('2020-02-29');
  });
  it('small helpers', () => {
    expect(monthOf('2026-09-30')).toBe('2026-09');
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoMonth('2026-13')).toBe(false);
    expect(isoFromDate(new Date('2026-09-30T17:00:00Z'))).toBe('2026-10-01');
    expect(isoFromDate(new Date('2026-09-30T17:00:00Z'), 0)).toBe('2026-09-30');
  });
});
