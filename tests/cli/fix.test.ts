// `duesbook fix` and `duesbook mark` as a user runs them: spawned through bin/duesbook.mjs on the
// committed government-style register, output to a temporary directory.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../shared/check';
import { readWorkbook } from '../../shared/xlsx/read';
import { cellDiff } from '../shared/xlsx/workbook-diff';

const repo = path.resolve(__dirname, '../..');
const gov = path.join(repo, 'tests/fixtures/government-register.xlsx');
const REG = '2026年党费收缴登记表';
let dir: string;

function duesbook(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repo, 'bin/duesbook.mjs'), ...args], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' }, timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'duesbook-fix-'));
  copyFileSync(gov, path.join(dir, 'in.xlsx'));
  writeFileSync(path.join(dir, 'old.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('duesbook fix', () => {
  it('writes every one-click fix, keeps the formula G5 and fixes its input F5, and says what the re-check will show', async () => {
    const out = path.join(dir, 'out.xlsx');
    const r = duesbook('fix', path.join(dir, 'in.xlsx'), '-o', out, '--as-of', '2026-09-30');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已写入 3 处修改');
    expect(r.out).toContain('党员花名册!D5  李二  民族不规范：汉 → 汉族');
    expect(r.out).toContain(`${REG}!F5  李二  交纳比例不符：1.0% → 1.5%`);
    expect(r.out).toContain(`${REG}!G5  李二  =ROUND(E5*F5,2)：60.00 → 90.00`);
    expect(r.out).toContain('修正后将新增 18 条少交提示');
    // The input is unchanged, byte for byte.
    expect(readFileSync(path.join(dir, 'in.xlsx')).equals(readFileSync(gov))).toBe(true);
    const before = new Uint8Array(readFileSync(gov));
    const after = new Uint8Array(readFileSync(out));
    expect([...(await cellDiff(before, after)).keys()].sort()).toEqual([`${REG}!F5`, `${REG}!G5`, `${REG}!G6`, '党员花名册!D5']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(after.buffer.slice(after.byteOffset, after.byteOffset + after.byteLength) as ArrayBuffer);
    expect(wb.getWorksheet(REG)!.getCell('G5').formula).toBe('ROUND(E5*F5,2)');
    const again = checkWorkbook(await readWorkbook(after), { asOf: '2026-09-30' });
    expect(again.summary.errors).toBe(0);
  });

  it('with --only fixes just those kinds', async () => {
    const out = path.join(dir, 'only.xlsx');
    const r = duesbook('fix', path.join(dir, 'in.xlsx'), '-o', out, '--as-of', '2026-09-30', '--only', 'ETHNICITY_INVALID');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已写入 1 处修改');
    expect([...(await cellDiff(new Uint8Array(readFileSync(gov)), new Uint8Array(readFileSync(out)))).keys()]).toEqual(['党员花名册!D5']);
  });

  it('with --only DUE_WRONG says the formula cell G5 is left and fixes the constant G6', () => {
    const r = duesbook('fix', path.join(dir, 'in.xlsx'), '-o', path.join(dir, 'due.xlsx'), '--as-of', '2026-09-30', '--only', 'DUE_WRONG', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 changes written');
    expect(r.out).toMatch(/G5 {2}Monthly due 60\.00 yuan is not the standard.*holds a formula \(=ROUND\(E5\*F5,2\)\).*computed from F5/);
  });

  it('refuses to write over its input, by path or through a link, and says so', () => {
    const input = path.join(dir, 'in.xlsx');
    let r = duesbook('fix', input, '-o', input);
    expect(r.code).toBe(2);
    expect(r.err).toContain('is the input workbook');
    linkSync(input, path.join(dir, 'same.xlsx'));
    r = duesbook('fix', input, '-o', path.join(dir, 'same.xlsx'));
    expect(r.code).toBe(2);
    expect(readFileSync(input).equals(readFileSync(gov))).toBe(true);
  });

  it('gives usage errors for a missing -o, a bad code, and a clear message for an .xls file', () => {
    expect(duesbook('fix', path.join(dir, 'in.xlsx')).err).toContain('no output file given');
    expect(duesbook('fix', path.join(dir, 'in.xlsx'), '-o', path.join(dir, 'x.xlsx'), '--only', 'NOPE').err).toContain('unknown: NOPE');
    const r = duesbook('fix', path.join(dir, 'old.xls'), '-o', path.join(dir, 'x.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('旧版 Excel 97-2003 工作簿（.xls）');
    expect(r.err).toContain('另存为');
    expect(existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
  });
});

describe('duesbook mark', () => {
  it('writes a copy with one note per finding cell', async () => {
    const out = path.join(dir, 'marked.xlsx');
    const r = duesbook('mark', path.join(dir, 'in.xlsx'), '-o', out, '--as-of', '2026-09-30');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已在 4 个单元格上加批注和底色（4 条问题）');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out).buffer as ArrayBuffer);
    const g5 = wb.getWorksheet(REG)!.getCell('G5');
    const note = g5.note as { texts: { text: string }[] };
    expect(note.texts.map((t) => t.text).join('')).toContain('Duesbook 检查意见（截至 2026-09-30）');
    expect(g5.formula).toBe('ROUND(E5*F5,2)');
  });
});
