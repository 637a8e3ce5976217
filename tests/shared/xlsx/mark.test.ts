// The marked copy: a note and a fill on each finding's cell, one note per cell, nothing else
// changed; it opens in exceljs and (where installed) LibreOffice with the same notes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../../shared/check';
import type { Finding } from '../../../shared/findings/finding';
import { markWorkbook } from '../../../shared/xlsx/mark';
import { readWorkbook } from '../../../shared/xlsx/read';
import { cellDiff, partsOf, text } from './workbook-diff';
import { convertWithLibreOffice } from './soffice';

const fixtures = path.resolve(__dirname, '../../fixtures');
const REG = '2026年党费收缴登记表';

async function notesOf(bytes: Uint8Array): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const out = new Map<string, string>();
  wb.eachSheet((ws) => ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => {
    const n = c.note as unknown;
    if (!n) return;
    const t = typeof n === 'string' ? n : ((n as { texts?: { text: string }[] }).texts ?? []).map((x) => x.text).join('');
    out.set(`${ws.name}!${c.address}`, t);
  })));
  return out;
}

describe.each(['government-register.xlsx', 'government-register-lo.xlsx'])('markWorkbook on %s', (file) => {
  const bytes = new Uint8Array(readFileSync(path.join(fixtures, file)));

  it('puts one note and a fill on each finding cell, and changes no value, formula or other style', async () => {
    const result = checkWorkbook(await readWorkbook(bytes), { asOf: '2026-09-30' });
    // A second finding on D5's cell: still one note, listing both.
    const d5 = result.findings.find((f) => f.cell === 'D5')!;
    const extra: Finding = { ...d5, code: 'REQUIRED_MISSING', severity: 'warning', message: '另一条意见', messageEn: 'another', fix: null };
    const findings = [...result.findings, extra];
    const out = markWorkbook(bytes, findings, { heading: 'Duesbook 检查意见（截至 2026-09-30）' }).bytes;

    const notes = await notesOf(out);
    const cells = [...new Set(findings.map((f) => `${f.sheet}!${f.cell}`))].sort();
    expect([...notes.keys()].sort()).toEqual(cells);
    const d5Note = notes.get(`${d5.sheet}!D5`)!;
    expect(d5Note).toContain('Duesbook 检查意见（截至 2026-09-30）');
    expect(d5Note).toContain('【错误】民族“汉”不规范：应为 汉族');
    expect(d5Note).toContain('建议改为：汉族');
    expect(d5Note).toContain('【警告】另一条意见');
    expect(notes.get(`${REG}!G5`)).toContain('请修正 F5');
    expect(notes.get(`${REG}!F5`)).toContain('建议改为：1.5%');

    const diff = await cellDiff(bytes, out);
    expect(new Set(diff.keys())).toEqual(new Set(cells));
    for (const keys of diff.values()) expect(keys).toEqual(['fill']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.buffer as ArrayBuffer);
    const f5 = wb.getWorksheet(REG)!.getCell('F5');
    expect(f5.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF8CBAD' } });
    expect(f5.border).toEqual(wb.getWorksheet(REG)!.getCell('E5').border);
    expect(f5.font).toMatchObject({ name: '宋体' });
    // The clerk's file is untouched (the bytes given are not modified).
    expect(text(partsOf(bytes).get('[Content_Types].xml'))).not.toContain('comments');
  });

  it('adds to the notes a sheet already has, keeping the clerk\'s own note first', async () => {
    const result = checkWorkbook(await readWorkbook(bytes), { asOf: '2026-09-30' });
    const reg = result.findings.filter((f) => f.sheet === REG);
    const once = markWorkbook(bytes, reg.slice(0, 1)).bytes;
    const twice = markWorkbook(once, reg).bytes;
    const notes = await notesOf(twice);
    expect([...notes.keys()].sort()).toEqual([...new Set(reg.map((f) => `${REG}!${f.cell}`))].sort());
    const first = notes.get(`${REG}!${reg[0]!.cell}`)!;
    expect(first.indexOf(reg[0]!.message)).toBeLessThan(first.lastIndexOf('Duesbook 检查意见'));
    expect([...partsOf(twice).keys()].filter((k) => /comments\d+\.xml$/.test(k))).toHaveLength(1);
  });

  it('opens in LibreOffice with the same notes (where LibreOffice is installed)', async () => {
    const result = checkWorkbook(await readWorkbook(bytes), { asOf: '2026-09-30' });
    const out = markWorkbook(bytes, result.findings).bytes;
    const saved = await convertWithLibreOffice(out, 'xlsx');
    if (!saved) return;
    const notes = await notesOf(saved);
    expect([...notes.keys()].sort()).toEqual([...new Set(result.findings.map((f) => `${f.sheet}!${f.cell}`))].sort());
    expect(notes.get(`${REG}!F5`)).toContain('交纳比例 1% 不符合标准');
  }, 120_000);
});
