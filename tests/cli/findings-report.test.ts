// The person-facing report of `duesbook check`: colour only when asked for (a terminal).
import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../shared/check';
import { humanReport, jsonReport, summaryLine } from '../../cli/findings-report';
import { person, workbook } from '../shared/checker/grids';

const result = checkWorkbook(workbook([person({ gender: '女' }, 1), person({ paid: [90, 90, 90, 90, 90, 90, 90, 90, null] }, 2)]), { asOf: '2026-09-30' });

describe('humanReport', () => {
  it('colours headings and codes on a terminal, and nothing otherwise', () => {
    const plain = humanReport('b.xlsx', result, 'zh', false);
    const coloured = humanReport('b.xlsx', result, 'zh', true);
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[');
    // Same text once the escapes are stripped.
    expect(coloured.replace(new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g'), '')).toBe(plain);
  });

  it('lists errors before warnings, each under its sheet, with the fix where one exists', () => {
    const text = humanReport('b.xlsx', result, 'en', false);
    expect(text.indexOf('Errors (1)')).toBeLessThan(text.indexOf('Warnings (1)'));
    expect(text).toMatch(/ {4}C2 +GENDER_MISMATCH +.*→ fix: 男/);
    expect(text).toMatch(/ {4}P3 +UNPAID +党员2 Sep 2026 not paid/);
  });

  it('names the member beside the cell (issue 12)', () => {
    const text = humanReport('b.xlsx', result, 'zh', false);
    expect(text).toMatch(/ {4}C2 +GENDER_MISMATCH +党员1 性别“女”与公民身份号码不符/);
    expect(text).toMatch(/ {4}P3 +UNPAID +党员2 2026年9月 未交党费/);
  });
});

describe('summaryLine and jsonReport', () => {
  it('count what the result holds', () => {
    expect(summaryLine('b.xlsx', result, 'en')).toBe('b.xlsx as of 2026-09-30: 1 error(s), 1 warning(s), 0 info, 2 member(s)');
    const j = jsonReport('b.xlsx', result, 'zh');
    expect(j.summary).toEqual({ errors: 1, warnings: 1, infos: 0, members: 2 });
    expect(j.findings.map((f) => f.cell)).toEqual(['C2', 'P3']);
  });
});
