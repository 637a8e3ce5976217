// The roster's duplicate-ID table and its lazily built first-index map (issue 14) against the
// string-keyed Map they replace, and the reader's findings and ids.first against that Map.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CellValue } from '../../../shared/grid';
import { analyseId } from '../../../shared/idcard';
import { compactText } from '../../../shared/cell-text';
import { digitHi, digitKey, digitLo, type FirstIndex, IdKeyTable } from '../../../shared/roster/id-keys';
import { quickKeyHi, quickKeyLo, quickValidBirth } from '../../../shared/roster/id-fast';
import { checkRoster } from '../../../shared/roster/checks';
import { recogniseWorkbook } from '../../../shared/recognise/table';
import { FindingList } from '../../../shared/findings/collect';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { idArbitrary, makeId, person, workbook } from '../checker/grids';

const TODAY = '2026-09-30';
const validId = idArbitrary(['110105', '510107', '440304'], '1940-01-01', '2008-12-31');
// Keys of every shape: valid IDs, digit strings ending in anything, short and odd text, and
// keys sharing one of their two numbers (so that probes meet keys that differ in the other).
const anyKey = fc.oneof(
  validId,
  fc.tuple(fc.constantFrom('11010519', '44030420'), fc.array(fc.constantFrom('0', '1'), { minLength: 9, maxLength: 9 }), fc.constantFrom('0', 'X'))
    .map(([a, b, c]) => a + b.join('') + c),
  fc.tuple(fc.array(fc.constantFrom('0', '1'), { minLength: 8, maxLength: 8 }), fc.constantFrom('198001011', '200512319'), fc.constantFrom('0', 'X'))
    .map(([a, b, c]) => a.join('') + b + c),
  fc.array(fc.constantFrom('0', '1', '9'), { minLength: 17, maxLength: 17 }).chain((d) => fc.constantFrom(...'0159XxY/:').map((c) => d.join('') + c)),
  fc.array(fc.constantFrom('0', '1', 'X', 'A', ' ', '/'), { minLength: 0, maxLength: 19 }).map((a) => a.join('')),
);

describe('digitKey', () => {
  it('answers exactly for 17 digits and a digit or X, and tells such keys apart (property)', () => {
    fc.assert(fc.property(anyKey, anyKey, (a, b) => {
      const okA = digitKey(a);
      const ka = [digitHi, digitLo];
      const okB = digitKey(b);
      const kb = [digitHi, digitLo];
      if (okA !== /^\d{17}[\dX]$/.test(a) || okB !== /^\d{17}[\dX]$/.test(b)) return false;
      return !(okA && okB) || (ka[0] === kb[0] && ka[1] === kb[1]) === (a === b);
    }), { numRuns: 2000 });
  });

  it('is what quickValidBirth leaves in quickKeyHi and quickKeyLo (property)', () => {
    fc.assert(fc.property(validId, (id) => {
      if (quickValidBirth(id, TODAY, {}) === null) return true;
      const hi = quickKeyHi();
      const lo = quickKeyLo();
      return digitKey(id) && hi === digitHi && lo === digitLo;
    }));
  });
});

describe('IdKeyTable', () => {
  it('finds the first index of each key as a Map would, and FirstIndex holds that Map (property)', () => {
    fc.assert(fc.property(fc.array(fc.option(anyKey, { nil: null }), { maxLength: 300 }), fc.integer({ min: 0, max: 40 }), fc.array(anyKey), (keys, rows, absent) => {
      const table = new IdKeyTable();
      // A reused table: a first use with other keys must leave nothing behind.
      table.start(5);
      table.add(makeId('19800101'), 0);
      table.add('abc', 1);
      table.resolve();
      table.finish(false);
      table.start(rows); // fewer rows than keys too: the table grows
      const ref = new Map<string, number>();
      const repeats: string[] = [];
      keys.forEach((k, i) => {
        if (k === null) {
          table.none(i);
          return;
        }
        const want = ref.get(k) ?? -1;
        if (want < 0) ref.set(k, i);
        else repeats.push(`${i}>${want}`);
        table.add(k, i);
      });
      const got = table.resolve();
      const pairs: string[] = [];
      for (let i = 0; i < got.length; i += 2) pairs.push(`${got[i]}>${got[i + 1]}`);
      expect(pairs.sort()).toEqual(repeats.sort());
      const first: FirstIndex = table.finish(true)!;
      // get and has from the table's slots, before anything builds the Map for iterating.
      for (const k of [...keys, ...absent, 'nobody', makeId('19800101')]) {
        if (k === null) continue;
        expect(first.get(k)).toBe(ref.get(k));
        expect(first.has(k)).toBe(ref.has(k));
      }
      expect(first.size).toBe(ref.size);
      expect([...first]).toEqual([...ref]);
      expect([...first.keys()]).toEqual([...ref.keys()]);
      // The table, started again, starts empty, and `first` (which has its old slots) stays as it was.
      table.start(rows);
      // Each absent key given twice: every second one repeats the first, nothing repeats `keys`.
      absent.forEach((k, i) => {
        table.add(k, 2 * i);
        table.add(k, 2 * i + 1);
      });
      const twice = table.resolve();
      const seen = new Map<string, number>();
      const want: number[] = [];
      absent.forEach((k, i) => {
        const f = seen.get(k);
        if (f === undefined) seen.set(k, 2 * i);
        want.push(2 * i + 1, f ?? 2 * i);
        if (f !== undefined) want.push(2 * i, f);
      });
      const asPairs = (xs: number[]) => Array.from({ length: xs.length / 2 }, (_, j) => `${xs[2 * j]}>${xs[2 * j + 1]}`).sort();
      expect(asPairs(twice)).toEqual(asPairs(want));
      table.finish(false);
      for (const k of keys) if (k !== null) expect(first.get(k)).toBe(ref.get(k));
    }), { numRuns: 600 });
  });
});

describe('IdKeyTable between tables', () => {
  it('keeps no ID\'s digits once a table is done, resolved or not (a throw between)', () => {
    const pending = (t: IdKeyTable) => (t as unknown as { pending: Int32Array }).pending;
    const table = new IdKeyTable();
    table.start(4);
    table.add(makeId('19800101'), 0);
    table.add(makeId('19750505'), 1);
    expect(pending(table).some((x) => x !== 0)).toBe(true); // what the test would see if left
    table.resolve();
    expect(pending(table).every((x) => x === 0)).toBe(true);
    table.finish(false);
    table.start(4);
    table.add(makeId('19800101'), 0); // and the row that follows throws: no resolve()
    table.finish(false);
    expect(pending(table).every((x) => x === 0)).toBe(true);
  });
});

describe('checkRoster duplicate IDs', () => {
  // The reader's old rule, written out: the key is the normalised ID, else a broken ID's own text.
  function refKeys(ids: CellValue[]): Map<string, number> {
    const m = new Map<string, number>();
    ids.forEach((v, i) => {
      const id = analyseId(v, TODAY, {});
      const key = id.kind === 'ok' || id.kind === 'legacy' ? id.normalised : id.kind === 'empty' ? null : compactText(id.input).toUpperCase();
      if (key && !m.has(key)) m.set(key, i);
    });
    return m;
  }

  it('finds duplicates and fills ids.first as the string-keyed Map did (property)', () => {
    const a = makeId('19800101', '123');
    const b = makeId('19750505', '456');
    // An ID whose check character is X, so its lower-case form normalises onto it.
    let seq = 0;
    while (!makeId('19700101', String(seq).padStart(3, '0')).endsWith('X')) seq++;
    const xId = makeId('19700101', String(seq).padStart(3, '0'));
    const cell = fc.constantFrom<CellValue>(
      a, b, ` ${a}`, a.slice(0, 17) + '0', xId, xId.toLowerCase(), b.slice(0, 6) + b.slice(8, 17), '１' + a.slice(1), 'abc', '', null, 110105198001011230, a.slice(0, 17) + 'Y',
    );
    fc.assert(fc.property(fc.array(cell, { minLength: 1, maxLength: 12 }), (ids) => {
      const people = ids.map((id, i) => person({ id }, i + 1));
      const wb = recogniseWorkbook(workbook(people), { year: 2026 });
      const findings = new FindingList();
      const found: { duplicated: boolean; first?: ReadonlyMap<string, number> } = { duplicated: false };
      const members = checkRoster(wb.rosters[0]!, { asOf: TODAY, settings: DEFAULT_SETTINGS, findings, ids: found });
      const ref = refKeys(ids);
      expect(members.length).toBe(ids.length);
      expect([...found.first!]).toEqual([...ref]);
      const dupRows = findings.items.filter((f) => f.code === 'DUPLICATE_MEMBER').map((f) => f.row);
      const want: number[] = [];
      const seen = new Set<string>();
      ids.forEach((v, i) => {
        const id = analyseId(v, TODAY, {});
        const key = id.kind === 'ok' || id.kind === 'legacy' ? id.normalised : id.kind === 'empty' ? null : compactText(id.input).toUpperCase();
        if (!key) return;
        if (seen.has(key)) want.push(members[i]!.row);
        seen.add(key);
      });
      expect(dupRows).toEqual(want);
      expect(found.duplicated).toBe(want.length > 0);
    }), { numRuns: 150 });
  });
});
