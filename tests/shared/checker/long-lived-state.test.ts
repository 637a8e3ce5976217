// The checker keeps one roster reader, one register pass and one roster index for the life of
// the process (issue 14: their optimised code then survives a full GC). Nothing of one check
// may leak into the next: each check must give what it gives in a fresh process.
import { describe, expect, it } from 'vitest';
import { checkWorkbook, memberMonths, type CheckResult } from '../../../shared/check';
import { checkRoster } from '../../../shared/roster/checks';
import { FindingList } from '../../../shared/findings/collect';
import { recogniseWorkbook } from '../../../shared/recognise/table';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { RosterIndex } from '../../../shared/register/match';
import { NO_DUES, type MemberRecord } from '../../../shared/roster/member';
import { keepAlive, keptCount } from '../../../shared/keep-alive';
import { branchGrids } from '../../../bench/branch-workbook';
import { makeId, person, workbook } from './grids';

const AS_OF = '2026-09-30';

function plain(r: CheckResult) {
  return {
    summary: r.summary,
    findings: r.findings.map((f) => ({ ...f })),
    members: r.members.map((m) => ({ ...m, dues: memberMonths(m), duesRows: [...m.duesRows] })),
  };
}

describe('state kept between checks', () => {
  it('a check gives the same result before and after checks of other workbooks', () => {
    const a = branchGrids(300);
    const first = plain(checkWorkbook(a, { asOf: AS_OF }));
    // Other members, other IDs, duplicates and unknown register rows in between: a stale
    // ID or name index, or a remembered first row, would show in the third check.
    const people = [person({}, 1), person({ name: '党员1' }, 2), person({ id: makeId('19900101', '222') }, 3)];
    const b = workbook(people);
    const other = plain(checkWorkbook(b, { asOf: AS_OF }));
    expect(other.members.map((m) => m.name)).toEqual(['党员1', '党员1', '党员3']);
    checkWorkbook(branchGrids(120), { asOf: '2026-03-31' });
    const again = plain(checkWorkbook(a, { asOf: AS_OF }));
    expect(again).toEqual(first);
    expect(plain(checkWorkbook(b, { asOf: AS_OF }))).toEqual(other);
  });

  it('the roster reader starts each table afresh: no duplicate across two calls', () => {
    const grids = workbook([person({}, 1), person({}, 2)]);
    const wb = recogniseWorkbook(grids, { year: 2026 });
    const roster = wb.rosters[0]!;
    const read = () => {
      const findings = new FindingList();
      const members = checkRoster(roster, { asOf: AS_OF, settings: DEFAULT_SETTINGS, findings });
      return { members, codes: findings.items.map((f) => f.code) };
    };
    const one = read();
    const two = read();
    expect(two.members.length).toBe(2);
    expect(two.codes).toEqual(one.codes);
    expect(two.codes).not.toContain('DUPLICATE_MEMBER');
    // Each call returns its own records, not the reader's.
    expect(two.members).not.toBe(one.members);
    expect(two.members[0]).not.toBe(one.members[0]);
  });

  it('a roster read that fails part way leaves the next check whole', () => {
    const a = branchGrids(50);
    const before = plain(checkWorkbook(a, { asOf: AS_OF }));
    // A row that throws when read, but only once the table is recognised: inside the reader.
    const broken = branchGrids(50);
    const wb = recogniseWorkbook(broken, { year: 2026 });
    const rows = broken[0]!.values;
    const row = rows[20]!;
    let fail = false;
    Object.defineProperty(rows, 20, { get: () => { if (fail) throw new Error('cell read failed'); return row; } });
    fail = true;
    expect(() => checkRoster(wb.rosters[0]!, { asOf: AS_OF, settings: DEFAULT_SETTINGS, findings: new FindingList() })).toThrow('cell read failed');
    expect(plain(checkWorkbook(a, { asOf: AS_OF }))).toEqual(before);
  });
});

describe('RosterIndex.reset', () => {
  const rec = (name: string, idNumber: string | null, row: number): MemberRecord => ({
    sheet: '花名册', row, name, idNumber, idKind: idNumber ? 'ok' : 'empty', gender: null, ethnicity: null, birthDate: null,
    memberClass: null, joinDate: null, fullDate: null, standing: '正常', category: null, dues: NO_DUES, unpaidStreak: 0, duesRows: [],
  });
  it('forgets the members, names and IDs it indexed before', () => {
    const idA = makeId('19800610', '101');
    const idB = makeId('19900101', '203');
    const index = new RosterIndex([rec('张三', idA, 1), rec('李四', idB, 2)], false);
    expect(index.find(idB, '')).toBe(1);
    expect(index.find(null, '张三')).toBe(0);
    index.reset([rec('王五', idA, 1)], false);
    expect(index.find(idB, '')).toBe(-1);
    expect(index.find(null, '张三')).toBe(-1);
    expect(index.find(null, '王五')).toBe(0);
    expect(index.find(idA, '王五')).toBe(0);
    expect(index.byIdHit).toBe(true);
  });
});

describe('keepAlive', () => {
  it('holds what it is given and returns it', () => {
    const before = keptCount();
    const o = { specimen: true };
    expect(keepAlive(o)).toBe(o);
    expect(keptCount()).toBe(before + 1);
    // The checker's modules keep their specimens as they load.
    expect(before).toBeGreaterThanOrEqual(8);
  });
});
