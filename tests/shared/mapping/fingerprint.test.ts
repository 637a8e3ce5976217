// A template's fingerprint (issue 12): the same template with other members gives the same key,
// another header gives another; no personal data enters it; and the committee's mapping applies
// after the workbook's own and before the checker's guess.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Grid } from '../../../shared/grid';
import {
  FINGERPRINT_PATTERN, headerWords, sheetFingerprint, templateOf, withCommitteeTemplates, wordsFingerprint, type CommitteeTemplate,
} from '../../../shared/mapping/fingerprint';
import { sha256Hex } from '../../../shared/mapping/sha256';

const HEADER = ['序号', '姓 名', '公民身份号码', '缴费月份', '应缴金额（元）', '实缴金额(元)'];
const sheet = (name: string, header: (string | number | null)[], rows: (string | number | null)[][], title = true): Grid => ({
  name, values: [...(title ? [['2026年党费收缴明细', null, null, null, null, null]] : []), header, ...rows],
});
const MEMBERS_A = [[1, '王建华', '110105194912310026', '2026-07', 40, 40], [2, '李秀兰', '110105195001010013', '2026-07', 20, 20]];
const MEMBERS_B = [[1, '赵敏', '32010619800101002X', '2026-08', 55.5, 0]];

describe('sha256Hex', () => {
  it('agrees with node:crypto on ASCII, CJK, astral characters and block boundaries', () => {
    for (const s of ['', 'abc', '姓名\u001f身份证号', '𠀀党费', 'x'.repeat(55), 'x'.repeat(56), 'y'.repeat(64), '表'.repeat(300)]) {
      expect(sha256Hex(s), s.slice(0, 10)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }
  });
});

describe('a template fingerprint', () => {
  it('is the same for the same template with other members, other amounts and a title row or not', () => {
    const a = sheetFingerprint(sheet('明细', HEADER, MEMBERS_A), 1);
    const b = sheetFingerprint(sheet('Sheet1', HEADER, MEMBERS_B, false), 0);
    expect(a).toMatch(FINGERPRINT_PATTERN);
    expect(b).toBe(a);
  });

  it('reads headers as the recogniser does: spaces, full-width brackets and notes do not change it', () => {
    const plain = sheetFingerprint(sheet('x', ['序号', '姓名', '公民身份号码', '缴费月份', '应缴金额', '实缴金额'], []), 1);
    expect(sheetFingerprint(sheet('x', HEADER, []), 1)).toBe(plain);
  });

  it('differs for another header: a word changed, a column added or moved', () => {
    const base = sheetFingerprint(sheet('x', HEADER, []), 1);
    const changed = [...HEADER];
    changed[5] = '实交党费';
    expect(sheetFingerprint(sheet('x', changed, []), 1)).not.toBe(base);
    expect(sheetFingerprint(sheet('x', [...HEADER, '备注'], []), 1)).not.toBe(base);
    expect(sheetFingerprint(sheet('x', [null, ...HEADER], []), 1)).not.toBe(base);
    expect(sheetFingerprint(sheet('x', [HEADER[1]!, HEADER[0]!, ...HEADER.slice(2)], []), 1)).not.toBe(base);
  });

  it('counts a grid’s origin: the same header starting in column B is another template', () => {
    const atA = sheetFingerprint({ name: 'x', values: [HEADER] }, 0);
    const atB = sheetFingerprint({ name: 'x', values: [HEADER], origin: { row: 0, col: 1 } }, 0);
    expect(atB).not.toBe(atA);
    expect(sheetFingerprint({ name: 'x', values: [[null, ...HEADER]] }, 0)).toBe(atB);
  });

  it('holds no personal data: ID and phone numbers and numbers are left out, and the words are hashed', () => {
    const row = ['王建华', '110105194912310026', '13912345678', 40, '2026-07'];
    expect(headerWords({ name: 'x', values: [row] }, 0)).toEqual(['王建华', '', '', '', '2026-07']);
    const fp = wordsFingerprint(headerWords({ name: 'x', values: [row] }, 0))!;
    expect(fp).not.toMatch(/王|1101|1391/);
    // Another member's ID in the same place gives the same key: the ID is not in it.
    expect(sheetFingerprint({ name: 'x', values: [['王建华', '320106198001010022', '13800000000', 55, '2026-07']] }, 0)).toBe(fp);
  });

  it('is null for a row that is no header: a merged title, a blank row', () => {
    expect(sheetFingerprint(sheet('x', HEADER, []), 0)).toBeNull();
    expect(sheetFingerprint({ name: 'x', values: [[null, '', '  ']] }, 0)).toBeNull();
    expect(sheetFingerprint({ name: 'x', values: [] }, 5)).toBeNull();
  });
});

describe('applying committee templates', () => {
  const grid = sheet('明细', HEADER, MEMBERS_A);
  const fp = sheetFingerprint(grid, 1)!;
  const template: CommitteeTemplate = {
    fingerprint: fp, label: '统一明细模板', savedBy: '机关党委 · 财务', savedAt: '2026-10-01T00:00:00Z',
    mapping: templateOf({ kind: 'register', headerRow: 9, layout: 'monthRows', month: '2026-07', member: '王建华', year: 2026, columns: { name: 1, idNumber: 2, month: 3, due: 4, paid: 5 } }),
  };

  it('keeps nothing of one sheet or year in the template (no member, month, year or header row)', () => {
    expect(template.mapping).toEqual({ kind: 'register', layout: 'monthRows', columns: { name: 1, idNumber: 2, month: 3, due: 4, paid: 5 } });
  });

  it('maps a sheet whose header row matches, at the row where it is found', () => {
    const shifted = sheet('Sheet1', HEADER, MEMBERS_B, false);
    const { mapping, applied } = withCommitteeTemplates([grid, shifted, { name: '其他', values: [['a', 'b']] }], null, [template]);
    expect(mapping['明细']).toEqual({ ...template.mapping, headerRow: 1 });
    expect(mapping['Sheet1']).toEqual({ ...template.mapping, headerRow: 0 });
    expect(mapping['其他']).toBeUndefined();
    expect(applied.map((a) => [a.sheet, a.label, a.savedBy])).toEqual([['明细', '统一明细模板', '机关党委 · 财务'], ['Sheet1', '统一明细模板', '机关党委 · 财务']]);
  });

  it('comes after the workbook’s own mapping of a sheet, and leaves other sheets to the checker', () => {
    const own = { 明细: { kind: 'roster' as const, headerRow: 1, columns: { name: 1 } } };
    const r = withCommitteeTemplates([grid], own, [template]);
    expect(r.mapping).toEqual(own);
    expect(r.applied).toEqual([]);
    expect(withCommitteeTemplates([grid], null, []).mapping).toEqual({});
  });
});
