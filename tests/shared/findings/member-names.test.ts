// Every finding about a member names the member beside its cell (issue 12): roster and register
// rows alike, sheet-level findings name no one, and the travelling warnings carry the name too.
import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../../shared/check';
import { findingPlace, hasWhiteSpace } from '../../../shared/findings/member-names';
import fc from 'fast-check';
import { buildSubmission } from '../../../shared/submission/build';
import { person, registerGrid, rosterGrid } from '../checker/grids';

const asOf = '2026-09-30';

describe('findings name their member', () => {
  it('a roster finding carries the 姓名 of its row, a register finding the 姓名 of its row', () => {
    const people = [person({ name: '张三', gender: '女' }, 1), person({ name: '李四' }, 2), person({ name: '王五', paid: [90, 90, 90, 90, 90, 90, 90, 90, 50, null, null, null] }, 3)];
    const res = checkWorkbook([rosterGrid(people), registerGrid(people)], { asOf });
    const gender = res.findings.find((f) => f.code === 'GENDER_MISMATCH')!;
    expect(gender).toMatchObject({ sheet: '花名册', cell: 'C2', member: '张三' });
    expect(findingPlace(gender)).toBe('张三 · 花名册!C2');
    const under = res.findings.find((f) => f.code === 'UNDERPAID')!;
    expect(under.member).toBe('王五');
    expect(under.row).toBe(3);
  });

  it('a finding on no member row names no one', () => {
    const people = [person({ name: '张三' }, 1)];
    const roster = rosterGrid(people);
    roster.values[0]![7] = '备注'; // 入党日期 header gone: COLUMN_MISSING on the header row
    const res = checkWorkbook([roster, registerGrid(people)], { asOf });
    const missing = res.findings.find((f) => f.code === 'COLUMN_MISSING')!;
    expect(missing.member).toBeUndefined();
    expect(findingPlace(missing)).toBe(`花名册!${missing.cell}`);
  });

  it('the warnings a submission carries name the member in their message', () => {
    const people = [person({ name: '张三' }, 1), person({ name: '王五', paid: [90, 90, 90, 90, 90, 90, 90, 90, 50, null, null, null] }, 2)];
    const res = checkWorkbook([rosterGrid(people), registerGrid(people)], { asOf });
    const s = buildSubmission(res, '2026Q3');
    const w = s.findings.find((f) => f.code === 'UNDERPAID')!;
    expect(w.message.startsWith('王五：')).toBe(true);
  });
});

describe('hasWhiteSpace', () => {
  it('is /\\s/ on every BMP code unit, alone and inside a name', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      expect(hasWhiteSpace(ch)).toBe(/\s/.test(ch));
      expect(hasWhiteSpace(`张${ch}三`)).toBe(/\s/.test(`张${ch}三`));
    }
    fc.assert(fc.property(fc.string({ maxLength: 12 }), (s) => hasWhiteSpace(s) === /\s/.test(s)));
  });
});
