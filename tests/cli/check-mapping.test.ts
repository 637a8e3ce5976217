// `duesbook check --mapping FILE.json`: a layout the checker cannot guess, checked headless with
// the pane's ColumnMapping; and every register layout read from a real .xlsx file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYOUTS, toXlsx, unguessable } from '../fixtures/register-layouts';

const repo = path.resolve(__dirname, '../..');
let dir: string;

function duesbook(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repo, 'bin/duesbook.mjs'), 'check', ...args], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' }, timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'duesbook-mapping-'));
  const u = unguessable();
  writeFileSync(path.join(dir, 'u.xlsx'), await toXlsx(u.grids));
  writeFileSync(path.join(dir, 'u.json'), JSON.stringify(u.mapping));
  writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ 明细: { kind: 'register', headerRow: 0, columns: { name: '1A' } } }));
  writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ 别的表: { kind: 'register', headerRow: 0, columns: {} } }));
  writeFileSync(path.join(dir, 'broken.json'), '{ not json');
  writeFileSync(path.join(dir, 'monthRows.xlsx'), await toXlsx(LAYOUTS.monthRows!()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('duesbook check --mapping', () => {
  it('without the mapping the register is not understood', () => {
    const without = JSON.parse(duesbook(path.join(dir, 'u.xlsx'), '--as-of', '2026-09-30', '--json').out);
    expect(without.findings.map((f: { code: string }) => f.code)).toContain('SHEET_NOT_FOUND');
  });

  it('with the mapping the planted findings appear at their cells', () => {
    const r = duesbook(path.join(dir, 'u.xlsx'), '--as-of', '2026-09-30', '--json', '--mapping', path.join(dir, 'u.json'));
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    const at = j.findings.map((f: { code: string; sheet: string; cell: string }) => `${f.code}@${f.sheet}!${f.cell}`);
    expect(at).toEqual(expect.arrayContaining(['RATE_WRONG@明细!F6', 'DUE_WRONG@明细!G7', 'UNPAID@明细!H41']));
    expect(at.some((s: string) => s.startsWith('SHEET_NOT_FOUND') || s.startsWith('COLUMN_MISSING'))).toBe(false);
  });

  it.each([
    ['bad.json', '明细.columns.name'],
    ['other.json', '别的表'],
    ['broken.json', 'not JSON'],
    ['none.json', 'no such mapping file'],
  ])('says what is wrong with %s, exit 2', (file, says) => {
    const r = duesbook(path.join(dir, 'u.xlsx'), '--mapping', path.join(dir, file));
    expect(r.code).toBe(2);
    expect(r.err).toContain(says);
  });

  it('reads a member-month register from an .xlsx without any mapping', () => {
    const j = JSON.parse(duesbook(path.join(dir, 'monthRows.xlsx'), '--as-of', '2026-09-30', '--json').out);
    expect(j.summary.members).toBe(6);
    expect(j.findings.filter((f: { code: string }) => f.code === 'UNPAID').map((f: { cell: string }) => f.cell)).toEqual(['H41', 'H47', 'H53']);
  });
});
