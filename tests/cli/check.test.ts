// `duesbook check` as a user runs it: spawned through bin/duesbook.mjs, on the sample workbook
// and on generated ones written to a temporary directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualWorkbook, quarterlyWorkbook } from '../fixtures/checker-layouts';

const repo = path.resolve(__dirname, '../..');
const sample = path.resolve(repo, '../shared/fixtures/branch-sample-2026.xlsx');
let dir: string;

function duesbook(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repo, 'bin/duesbook.mjs'), 'check', ...args], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' }, timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'duesbook-cli-'));
  writeFileSync(path.join(dir, 'quarterly.xlsx'), (await quarterlyWorkbook()).bytes);
  writeFileSync(path.join(dir, 'annual.xlsx'), await annualWorkbook());
  writeFileSync(path.join(dir, 'notes.xlsx'), 'this is not a workbook');
  writeFileSync(path.join(dir, 'empty.xlsx'), '');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('duesbook check --json', () => {
  it('prints exactly the checks.md object and exits 1 when there are errors', () => {
    const r = duesbook(sample, '--as-of', '2026-09-30', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['workbook', 'reportDate', 'findings', 'summary']);
    expect(j.workbook).toBe('branch-sample-2026.xlsx');
    expect(j.reportDate).toBe('2026-09-30');
    expect(Object.keys(j.summary)).toEqual(['errors', 'warnings', 'infos', 'members']);
    expect(j.summary.members).toBe(43);
    expect(j.summary.errors).toBe(j.findings.filter((f: { severity: string }) => f.severity === 'error').length);
    for (const f of j.findings) expect(Object.keys(f)).toEqual(['code', 'severity', 'sheet', 'cell', 'message', 'fix']);
    expect(j.findings).toContainEqual({ code: 'ID_CHECKSUM', severity: 'error', sheet: '花名册', cell: 'F2', message: '公民身份号码未通过校验（号码有误），请对照本人身份证重新录入', fix: null });
    expect(j.findings).toContainEqual(expect.objectContaining({ code: 'ETHNICITY_INVALID', cell: 'D10', fix: '汉族' }));
  });

  it('--lang en gives English messages', () => {
    const j = JSON.parse(duesbook(sample, '--as-of', '2026-09-30', '--json', '--lang', 'en').out);
    expect(j.findings.find((f: { cell: string }) => f.cell === 'F2').message).toBe('The ID number does not verify (it has a mistake): re-enter it from the ID card');
  });

  it('exits 0 when only warnings are found', () => {
    const r = duesbook(path.join(dir, 'quarterly.xlsx'), '--as-of', '2026-09-30', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.summary).toEqual({ errors: 0, warnings: 2, infos: 0, members: 6 });
  });

  it('--year sets the year of month columns that name none', () => {
    const unpaid = (j: { findings: { code: string; cell: string }[] }) => j.findings.filter((f) => f.code === 'UNPAID').map((f) => f.cell);
    const asIs = JSON.parse(duesbook(sample, '--as-of', '2026-09-30', '--json').out);
    expect(unpaid(asIs)).toEqual(['K28', 'L28', 'M28', 'N28', 'O28', 'P28']);
    // Read as 2025's register, October–December are over by the report date and unpaid.
    const as2025 = JSON.parse(duesbook(sample, '--as-of', '2026-09-30', '--year', '2025', '--json').out);
    expect(unpaid(as2025)).toEqual(expect.arrayContaining(['Q2', 'R2', 'S2']));
  });

  it('a year in the sheet name is used without --year', () => {
    const j = JSON.parse(duesbook(path.join(dir, 'annual.xlsx'), '--as-of', '2025-12-31', '--json').out);
    expect(j.findings.map((f: { code: string; cell: string }) => `${f.code} ${f.cell}`)).toEqual(['SUBTOTAL_WRONG H16']);
  });
});

describe('duesbook check for a person', () => {
  it('groups by severity and sheet, names cells, ends with a summary line, no colour off a terminal', () => {
    const r = duesbook(sample, '--as-of', '2026-09-30');
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('\u001b[');
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('错误 (26)');
    expect(lines[1]).toBe('  花名册');
    // The member beside the cell, and no check character offered (issue 12).
    expect(lines[2]).toMatch(/^ {4}F2 +ID_CHECKSUM +闫平 公民身份号码未通过校验（号码有误），请对照本人身份证重新录入$/);
    expect(r.out).toContain('警告 (');
    expect(r.out).toContain('  党费登记');
    expect(lines.at(-1)).toMatch(/^branch-sample-2026\.xlsx（截至 2026-09-30）：26 个错误，\d+ 个警告，\d+ 条提示，党员 43 名$/);
  });

  it('in English with --lang en', () => {
    const r = duesbook(sample, '--as-of', '2026-09-30', '--lang', 'en');
    expect(r.out.split('\n')[0]).toBe('Errors (26)');
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^branch-sample-2026\.xlsx as of 2026-09-30: 26 error\(s\)/);
  });
});

describe('duesbook check failures', () => {
  it.each(['notes.xlsx', 'empty.xlsx'])('a non-xlsx file (%s) exits 2 with a message on stderr and nothing on stdout', (name) => {
    const r = duesbook(path.join(dir, name), '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('cannot read');
    expect(r.err).toContain(name);
  });

  it('a missing file exits 2', () => {
    const r = duesbook(path.join(dir, 'nope.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('no such file');
  });

  it.each([
    [['--as-of', '2026-02-30'], '--as-of'],
    [['--year', '26'], '--year'],
    [['--lang', 'fr'], '--lang'],
    [['--bogus'], 'bogus'],
  ])('bad arguments %j exit 2 naming the option', (args, word) => {
    const r = duesbook(sample, ...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(word);
  });

  it('no workbook exits 2 with usage', () => {
    const r = duesbook();
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage');
  });
});
