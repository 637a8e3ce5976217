// Fast paths of the checker against the slow code they stand in for: each must give the same
// answer on every input, clean or not (the slow path is written out here as the reference).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compactText, dropSpaces, toHalfWidth } from '../../../shared/cell-text';
import { normaliseIdText, upgrade15 } from '../../../shared/idcard';
import { sameRate } from '../../../shared/standard/rate';
import { idKey, RosterIndex } from '../../../shared/register/match';
import type { MemberRecord } from '../../../shared/roster/member';
import { NO_DUES } from '../../../shared/roster/member';
import { beforeYearsAfter, isoText, isSerialOf, plusYears, readDateCell, serialDay, yearsOld } from '../../../shared/roster/date-cell';
import { excelSerialToIso, isDateFormat, isoToExcelSerial, toIso } from '../../../shared/dates';
import { makeId, person, registerGrid, rosterGrid, workbook } from './grids';
import { checkWorkbook, type CheckResult } from '../../../shared/check';
import { judgeMember } from '../../../shared/register/member-dues';
import { ColumnDues, DuesColumns } from '../../../shared/register/dues-columns';
import { INVALID, type DuesRow, type RegisterContext } from '../../../shared/register/row';
import { lastJudgedMonth, monthNumber } from '../../../shared/register/coverage';
import type { RecognisedTable } from '../../../shared/recognise/table';
import { FindingList } from '../../../shared/findings/collect';
import { DEFAULT_SETTINGS } from '../../../shared/settings-defaults';

const slowCompact = (s: string) => dropSpaces(toHalfWidth(s));

function slowIdKey(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = normaliseIdText(v);
  if (/^\d{17}[\dX]$/.test(s)) return s;
  if (/^\d{15}$/.test(s)) return upgrade15(s);
  return null;
}

describe('compactText fast path', () => {
  it('agrees with the regex path on every BMP code unit, alone and inside text', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      expect(compactText(ch)).toBe(slowCompact(ch));
      expect(compactText(`党员${ch}在职`)).toBe(slowCompact(`党员${ch}在职`));
    }
  });
  it('agrees on random text (property)', () => {
    const unit = fc.oneof(
      fc.constantFrom(' ', '\u3000', '\u00a0', '\t', '\ufeff', '\u200b', '１', 'Ｘ', 'x', '在', '职', '0', '9'),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(fc.property(fc.array(unit, { maxLength: 24 }).map((a) => a.join('')), (s) => compactText(s) === slowCompact(s)));
  });
});

describe('sameRate fast path', () => {
  const big = fc.bigInt({ min: 0n, max: 2n ** 60n }).map(Number);
  const rate = fc.record({ num: fc.oneof(fc.integer({ min: 0, max: 1000 }), big), den: fc.oneof(fc.integer({ min: 1, max: 100_000 }), big.filter((d) => d > 0)) });
  it('is exact cross-multiplication, also where doubles would round (property)', () => {
    fc.assert(fc.property(rate, rate, (a, b) => sameRate(a, b) === (BigInt(a.num) * BigInt(b.den) === BigInt(b.num) * BigInt(a.den))));
    expect(sameRate({ num: 15, den: 1000 }, { num: 3, den: 200 })).toBe(true);
    expect(sameRate({ num: 3 * 2 ** 52, den: 3 }, { num: 2 ** 52 + 1, den: 1 })).toBe(false);
  });
});

describe('idKey fast path', () => {
  it('agrees with normalise-then-match on ID-like text (property)', () => {
    const ch = fc.constantFrom('0', '1', '5', '9', 'X', 'x', ' ', '１', 'Ｘ', 'A', '-');
    const text = fc.oneof(
      fc.array(fc.constantFrom('0', '3', '7', '9'), { minLength: 17, maxLength: 17 }).chain((d) => fc.constantFrom(...'0123456789XxY ').map((last) => d.join('') + last)),
      fc.array(ch, { minLength: 14, maxLength: 20 }).map((a) => a.join('')),
    );
    fc.assert(fc.property(text, (s) => idKey(s) === slowIdKey(s)));
    expect(idKey(makeId('19800101'))).toBe(makeId('19800101'));
    expect(idKey(110105198001)).toBeNull();
  });
});

function member(i: number, idNumber: string | null, name: string): MemberRecord {
  return {
    sheet: '花名册', row: i + 1, name, idNumber, idKind: idNumber ? 'ok' : 'empty', gender: null, ethnicity: null, birthDate: null,
    memberClass: null, joinDate: null, fullDate: null, standing: '正常', category: null, dues: NO_DUES, unpaidStreak: 0, duesRows: [],
  };
}

describe('RosterIndex hint', () => {
  it('a hinted lookup finds what the maps find, hit or miss (property)', () => {
    const roster = fc.array(fc.record({ id: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }), name: fc.constantFrom('张三', '李四', '王五', '赵六', '') }), { minLength: 1, maxLength: 30 });
    fc.assert(fc.property(roster, fc.array(fc.tuple(fc.option(fc.integer({ min: 0, max: 45 }), { nil: null }), fc.constantFrom('张三', '李四', '钱七', ''), fc.integer({ min: -1, max: 32 }))),
      (rows, lookups) => {
        // Unique IDs (the only case the hint is trusted in): the first of each kept.
        const seen = new Set<number>();
        const members = rows.map((r, i) => {
          const id = r.id !== null && !seen.has(r.id) ? (seen.add(r.id), makeId('19800101', String(100 + r.id))) : null;
          return member(i, id, r.name);
        });
        // checkRoster's key map: valid IDs by their text, and a few broken IDs by theirs (41–45).
        const first = new Map<string, number>();
        members.forEach((m, i) => {
          if (m.idNumber) first.set(m.idNumber, i);
          else if (i % 3 === 0 && i / 3 <= 4) first.set(makeId('19800101', String(141 + i / 3)), i);
        });
        const hinted = new RosterIndex(members, true);
        const keyed = new RosterIndex(members, { unique: true, first });
        const plain = new RosterIndex(members, false);
        for (const [id, name, hint] of lookups) {
          const key = id === null ? null : makeId('19800101', String(100 + id));
          const b = plain.find(key, name);
          const a = hinted.find(key, name, hint);
          if (a !== b || hinted.byIdHit !== plain.byIdHit) return false;
          const c = keyed.find(key, name, hint);
          if (c !== b || keyed.byIdHit !== plain.byIdHit) return false;
        }
        return true;
      }));
  });
  it('with a shared ID the maps decide (the same name wins), not the hint', () => {
    const id = makeId('19800101');
    const members = [member(0, id, '张三'), member(1, id, '李四')];
    const index = new RosterIndex(members, false);
    expect(index.find(id, '李四', 0)).toBe(1);
    expect(index.byIdHit).toBe(true);
    expect(index.find(null, '张三', 1)).toBe(0);
    expect(index.byIdHit).toBe(false);
    expect(index.find(null, '钱七', 0)).toBe(-1);
  });
});

describe('roster date fast paths', () => {
  const serial = fc.integer({ min: 61, max: 2_958_465 });
  const iso = serial.map((n) => excelSerialToIso(n)!);
  it('isSerialOf is readDateCell compared with the text (property)', () => {
    const format = fc.constantFrom('yyyy-mm-dd', 'General', '0.00', undefined, 'yyyy"年"m"月"d"日"');
    const value = fc.oneof(serial, serial.map((n) => n + 0.5), fc.constant('2015-07-01'), fc.constant(null), fc.integer({ min: -5, max: 100 }));
    fc.assert(fc.property(value, format, fc.oneof(iso, value.map((v) => (typeof v === 'number' ? excelSerialToIso(v) ?? '1990-01-01' : '1990-01-01'))), (v, f, day) => {
      const d = readDateCell(v, f);
      const slow = typeof v === 'number' && Number.isInteger(v) && v >= 61 && d.ok && d.date === day;
      const fast = isSerialOf(v, f, day);
      // Sound everywhere: it never claims a date the full reader would not give. Exact under a
      // date format; elsewhere (a bare 82 under "0.00") the caller falls back to the full reader.
      if (fast && !slow) return false;
      return f !== undefined && isDateFormat(f) ? fast === slow : true;
    }), { numRuns: 2000 });
    expect(isSerialOf(isoToExcelSerial('1980-02-29'), 'yyyy-mm-dd', '1980-02-29')).toBe(true);
    expect(isSerialOf(isoToExcelSerial('1980-02-29'), 'yyyy-mm-dd', '1980-03-01')).toBe(false);
  });
  it('isoText is toIso, serialDay is readDateCell where it answers (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => isoText(y, m, d) === toIso(y, m, d)));
    const format = fc.constantFrom('yyyy-mm-dd', 'General', undefined, 'm/d/yy');
    fc.assert(fc.property(fc.oneof(serial, fc.double({ min: -10, max: 3e6 }), fc.constant('2015-07-01')), format, (v, f) => {
      const day = serialDay(v, f);
      const d = readDateCell(v, f);
      return day === null || (d.ok && d.date === day && d.precision === 'day' && day === excelSerialToIso(v as number));
    }));
    expect(serialDay(45000, 'yyyy-mm-dd')).toBe(excelSerialToIso(45000));
    expect(serialDay(45000, 'General')).toBeNull();
  });
  it('beforeYearsAfter and yearsOld agree with the string forms (property)', () => {
    const leapish = fc.constantFrom('2000-02-29', '2004-02-29', '1999-02-28', '2023-02-28', '2100-02-28', '1996-02-29', '9998-12-31', '1000-01-01');
    const day = fc.oneof(iso, leapish);
    fc.assert(fc.property(day, day, fc.integer({ min: 0, max: 3 }), (a, b, n) =>
      beforeYearsAfter(a, b, n) === a < plusYears(b, n) &&
      yearsOld(a, b) === Number(b.slice(0, 4)) - Number(a.slice(0, 4)) - (b.slice(5) < a.slice(5) ? 1 : 0)));
    expect(beforeYearsAfter('2001-02-28', '2000-02-29', 1)).toBe(false);
    expect(beforeYearsAfter('2001-02-27', '2000-02-29', 1)).toBe(true);
  });
});

describe('judgeMember one-row path', () => {
  // The general path (mergeRows) runs for a row whose months are not flagged ascending; on a
  // row without unreadable cells it must judge exactly as the one-row path does.
  // A fen either side of each due too: a month 1 fen short or over must be judged as the general path judges it.
  const fen = fc.oneof(
    fc.constantFrom(0, 0, 1500, 3000, 100_000, 250_000), fc.constantFrom(1499, 1501, 2999, 3001, 19, 21, 101_500, 101_501),
    fc.integer({ min: 0, max: 400_000 }),
  );
  const rowArb = fc.record({
    paid: fc.array(fen, { minLength: 1, maxLength: 12 }),
    stated: fc.option(fc.constantFrom(1500, 3000, 0), { nil: null }),
    std: fc.constantFrom(1500, 3000, 20, NaN, 0),
    byMonth: fc.boolean(),
    base: fc.option(fc.constantFrom(300_000, 450_000), { nil: null }),
    join: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
    standing: fc.constantFrom('正常', '正常', '停止党籍'),
    withMember: fc.boolean(),
    category: fc.option(fc.constantFrom('在职' as const, '学生' as const), { nil: null }),
  });
  type Arb = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;
  /** Judges the row by the merged path (not ascending), the one-row path, or the one-row path into a table's columns. */
  function judge(a: Arb, ascending: boolean, inColumns: false | 'room' | 'full' = false) {
    const n = a.paid.length;
    const labels = a.paid.map((_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    const months = {
      labels, nums: labels.map(monthNumber), cols: labels.map((_, i) => 7 + i), dueCols: labels.map(() => -1), anyDueCol: false,
      ascending, oneStandard: new Map(),
    };
    const table = { sheet: '党费登记', origin: { row: 0, col: 0 }, columns: { base: 4 } } as unknown as RecognisedTable;
    const row: DuesRow = {
      table, r: 5, name: '党员1', nameCol: 1, id: null, category: a.category, baseFen: a.base, std: null,
      stdDueAll: a.byMonth ? NaN : a.std, stdDueByMonth: a.byMonth ? labels.map((_, i) => (i % 2 ? a.std : 1500)) : null,
      statedDueFen: a.stated, statedDueByMonth: null, months, paid: a.paid.slice(0, n), anyInvalid: false, member: a.withMember ? 0 : null,
    };
    const m = member(0, null, '党员1');
    m.joinDate = a.join === null ? null : `2026-${String(a.join).padStart(2, '0')}-15`;
    m.standing = a.standing as MemberRecord['standing'];
    const findings = new FindingList();
    const ctx = { asOf: '2026-09-30', settings: DEFAULT_SETTINGS, findings } as RegisterContext;
    // Columns with another member kept first: this member's months must not run into theirs.
    // Full columns: the member gets arrays of its own, the same months.
    const columns = inColumns ? new DuesColumns(labels, inColumns === 'full' ? 1 : 3) : null;
    columns?.keep(labels.map(() => 7), labels.map(() => 11), 5, null);
    judgeMember([row], a.withMember ? m : null, ctx, monthNumber(lastJudgedMonth(ctx.asOf)), undefined, columns);
    const d = m.dues;
    if (a.withMember && inColumns) expect(d instanceof ColumnDues).toBe(inColumns === 'room');
    return {
      findings: findings.items, streak: m.unpaidStreak, rows: m.duesRows, category: m.category,
      dues: { months: [...d.months], baseFen: [...d.baseFen], dueFen: [...d.dueFen], paidFen: [...d.paidFen], largeFen: [...d.largeFen] },
    };
  }
  it('gives the findings and the member record of the merged path (property)', () => {
    fc.assert(fc.property(rowArb, (a) => {
      const merged = judge(a, false);
      expect(judge(a, true)).toEqual(merged);
      expect(judge(a, true, 'room')).toEqual(merged);
      expect(judge(a, true, 'full')).toEqual(merged);
    }), { numRuns: 400 });
  });
  it('a fen over or short at the edge of the judged months is judged as the general path judges it', () => {
    const at = (paid: number[]): Arb => ({ paid, stated: 1500, std: 1500, byMonth: false, base: 300_000, join: null, standing: '正常', withMember: true, category: '在职' });
    const cases: [number[], string[]][] = [
      [[1500, 1500, 1501], ['OVERPAID']], // one fen over in the last month, nothing after it to cover
      [[1500, 1500, 1499], ['UNDERPAID']], // one fen short in a judged month
      [[1500, 1500, 1500, 1500, 1500, 1500, 1500, 1500, 1499, 0], ['UNDERPAID']], // September, the last judged month
      [[1500, 1500, 1500, 1500, 1500, 1500, 1500, 1500, 1500, 0], []], // October is not judged yet
    ];
    for (const [paid, codes] of cases) {
      const one = judge(at(paid), true);
      expect(one).toEqual(judge(at(paid), false));
      expect(judge(at(paid), true, 'room')).toEqual(one);
      expect(one.findings.map((f) => f.code)).toEqual(codes);
    }
  });
  it('keeps an unreadable month with nothing due or paid, and the 大额党费 part apart', () => {
    const a: Arb = { paid: [1500, INVALID, 0, 201_500], stated: 1500, std: 1500, byMonth: false, base: 300_000, join: null, standing: '正常', withMember: true, category: '在职' };
    const r = judge(a, true);
    expect(judge(a, true, 'room')).toEqual(r);
    expect(r.dues.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(r.dues.dueFen).toEqual([1500, 0, 1500, 1500]);
    expect(r.dues.paidFen).toEqual([1500, 0, 0, 1500 + 1500]);
    expect(r.dues.largeFen).toEqual([0, 0, 0, 198_500]);
    expect(r.findings.map((f) => f.code)).toEqual(['LARGE_VOLUNTARY']);
  });
});

describe('register match: a row holding its hinted member\'s own ID and name', () => {
  // matchRow takes such a row's texts as they are, unscanned: sound only because the roster's
  // name and ID are already in the form reading them again gives.
  it('the roster\'s forms are fixed points of reading (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('张', '三', ' ', '\u3000', '\u00a0', 'Ａ', 'b', '1', '\t'), maxLength: 8 });
    fc.assert(fc.property(text, (s) => compactText(compactText(s)) === compactText(s)));
    const id = fc.tuple(fc.constantFrom('19800101', '19991231'), fc.constantFrom('123', '124'), fc.constantFrom('', ' ', '\u3000'), fc.boolean(), fc.boolean())
      .map(([birth, seq, pad, lower, fifteen]) => {
        const full = makeId(birth, seq);
        const t = fifteen ? full.slice(0, 6) + full.slice(8, 17) : full;
        return pad + (lower ? t.toLowerCase() : t) + pad;
      });
    fc.assert(fc.property(id, (v) => {
      const k = idKey(v);
      return k === null || idKey(k) === k;
    }));
  });

  it('gives what a lookup by the maps gives: the same members and findings in roster order and reversed', () => {
    const names = ['张三', ' 李四', '王　五', 'Ｚhao', '钱七', '钱七'];
    const people = names.map((name, i) => person({
      name,
      id: i === 3 ? makeId('19800610', '151').slice(0, 6) + makeId('19800610', '151').slice(8, 17) : i === 4 ? ` ${makeId('19800610', '153')}` : makeId('19800610', String(111 + i * 2)),
      paid: i % 2 ? [90, 90, null, 90, 90, 90, 90, 90, 90, null, null, null] : [90, 90, 90, 90, 90, 90, 90, 90, 45, null, null, null],
    }, i));
    const inOrder = checkWorkbook(workbook(people), { asOf: '2026-09-30' });
    const reversed = checkWorkbook([rosterGrid(people), registerGrid(people.slice().reverse())], { asOf: '2026-09-30' });
    const view = (r: CheckResult) => r.members.map((m) => JSON.stringify([m.name, m.idNumber, m.dues, m.unpaidStreak, m.category, m.duesRows.length]));
    expect(view(inOrder)).toEqual(view(reversed));
    const codes = (r: CheckResult) => r.findings.filter((f) => f.sheet === '党费登记').map((f) => `${f.code} ${f.member ?? ''} ${f.message}`).sort();
    expect(codes(inOrder)).toEqual(codes(reversed));
    expect(inOrder.findings.some((f) => f.code === 'UNDERPAID')).toBe(true); // the months are judged at all
    // The first row with the hinted member's name but the next member's ID: matched by the ID.
    const slip = people.map((p, i) => (i === 0 ? { ...p, id: people[1]!.id } : p));
    const r = checkWorkbook([rosterGrid(people), registerGrid(slip)], { asOf: '2026-09-30' });
    expect(r.findings.filter((f) => f.code === 'DUES_NAME_MISMATCH').map((f) => f.row)).toEqual([1]);
  });
});
