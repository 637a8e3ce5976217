// The register's name table against the Map it replaced: the first member of each compacted name.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compactText } from '../../../shared/cell-text';
import { NameIndex } from '../../../shared/register/name-index';
import { NO_DUES, type MemberRecord } from '../../../shared/roster/member';
import { nameHash } from '../../../shared/roster/name-hash';
import { checkRoster } from '../../../shared/roster/checks';
import { recogniseWorkbook } from '../../../shared/recognise/table';
import { FindingList } from '../../../shared/findings/collect';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { person, rosterGrid } from '../checker/grids';

function rec(name: string, i: number): MemberRecord {
  return {
    sheet: '花名册', row: i + 1, name, idNumber: null, idKind: 'empty', gender: null, ethnicity: null, birthDate: null,
    memberClass: null, joinDate: null, fullDate: null, standing: '正常', category: null, dues: NO_DUES, unpaidStreak: 0, duesRows: [],
  };
}

function mapOf(members: MemberRecord[]): Map<string, number> {
  const byName = new Map<string, number>();
  members.forEach((m, i) => {
    if (!m.name) return;
    const key = compactText(m.name);
    if (!byName.has(key)) byName.set(key, i);
  });
  return byName;
}

const name = fc.oneof(
  fc.constantFrom('张三', '李四', '王五', ' 张三', '张 三', '', ' ', '　', 'Zhang San', '党员1', '党员10', '党员01'),
  fc.array(fc.constantFrom('张', '三', '李', '1', ' ', 'Ａ', 'a'), { maxLength: 6 }).map((a) => a.join('')),
  fc.string({ maxLength: 5 }),
);

describe('NameIndex', () => {
  // One instance refilled throughout: slots left from an earlier, larger fill must not leak in.
  // Filled from the names as given, or (`hashed`) as the roster reader hands them over: names
  // compacted, with their nameHash.
  function likeTheMap(hashed: boolean): void {
    const index = new NameIndex();
    fc.assert(fc.property(fc.array(name, { maxLength: 60 }), fc.array(name, { maxLength: 30 }), (names, asks) => {
      const members = hashed ? names.map((n, i) => rec(compactText(n), i)) : names.map(rec);
      index.fill(members, hashed ? Int32Array.from(members, (m) => (m.name ? nameHash(m.name) : 0)) : null);
      const byMap = mapOf(members);
      for (const n of [...names, ...asks]) {
        const key = compactText(n);
        if (key) expect(index.get(key)).toBe(byMap.get(key));
      }
    }), { numRuns: 500 });
  }

  it('finds the first member of each compacted name, as the Map did (property)', () => likeTheMap(false));
  it('holds thousands of names with colliding slots, and nothing after clear()', () => {
    const members = Array.from({ length: 5000 }, (_, i) => rec(`党员${i % 4000}`, i));
    const index = new NameIndex();
    index.fill(members);
    expect(index.get('党员0')).toBe(0);
    expect(index.get('党员3999')).toBe(3999);
    expect(index.get('党员4000')).toBeUndefined();
    index.clear();
    expect(index.get('党员0')).toBeUndefined();
    index.fill([rec('李四', 0)]);
    expect(index.get('党员0')).toBeUndefined();
    expect(index.get('李四')).toBe(0);
  });

  it('filled from the roster reader\'s hashes, finds what it finds from the names (property)', () => likeTheMap(true));

  it('tells apart two names of one hash', () => {
    // Found by a search over four-character names: FNV-1a gives both the same 32 bits.
    const [a, b] = ['张魏梁六', '王胡侯五'];
    expect(nameHash(a)).toBe(nameHash(b));
    const members = [rec(a, 0), rec(b, 1), rec(a, 2)];
    const index = new NameIndex();
    index.fill(members, Int32Array.from(members, (m) => nameHash(m.name)));
    expect([index.get(a), index.get(b)]).toEqual([0, 1]);
  });

  it('gets from the roster reader the hash of each member\'s name, in member order', () => {
    const people = [person({ name: ' 张三' }, 1), person({ name: '李　四' }, 2), person({ name: '' }, 3)];
    const wb = recogniseWorkbook([rosterGrid(people)], { year: 2026 });
    const ids: { duplicated: boolean; nameHashes?: Int32Array } = { duplicated: false };
    const members = checkRoster(wb.rosters[0]!, { asOf: '2026-09-30', settings: DEFAULT_SETTINGS, findings: new FindingList(), ids });
    expect(members.map((m) => m.name)).toEqual(['张三', '李四', '']);
    expect([...ids.nameHashes!]).toEqual([nameHash('张三'), nameHash('李四'), 0]);
  });
});
