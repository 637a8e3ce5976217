// The register's name table against the Map it replaced: the first member of each compacted name.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compactText } from '../../../shared/cell-text';
import { NameIndex } from '../../../shared/register/name-index';
import { NO_DUES, type MemberRecord } from '../../../shared/roster/member';

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
  it('finds the first member of each compacted name, as the Map did (property)', () => {
    const index = new NameIndex();
    fc.assert(fc.property(fc.array(name, { maxLength: 60 }), fc.array(name, { maxLength: 30 }), (names, asks) => {
      const members = names.map(rec);
      index.fill(members); // one instance refilled: slots left from an earlier, larger fill must not leak in
      const byMap = mapOf(members);
      for (const n of [...names, ...asks]) {
        const key = compactText(n);
        if (key) expect(index.get(key)).toBe(byMap.get(key));
      }
    }), { numRuns: 500 });
  });
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
});
