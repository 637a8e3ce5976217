// The preview is the whole effect, worked out before anything is written: each change with its
// member and values as people write them, formulas over the fixed cells recomputed, and the
// re-check's new findings (fixing a due raises UNDERPAID warnings).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../../shared/check';
import { applyToGrids, writeCorrected } from '../../../shared/fix/apply';
import { describeDelta, displayValue, planFixes } from '../../../shared/fix/plan';
import { readWorkbook } from '../../../shared/xlsx/read';
import { cellDiff, cellsOf } from '../xlsx/workbook-diff';
import { convertWithLibreOffice } from '../xlsx/soffice';

const fixtures = path.resolve(__dirname, '../../fixtures');
const REG = '2026年党费收缴登记表';
const ROSTER = '党员花名册';
const opts = { asOf: '2026-09-30' };

describe.each(['government-register.xlsx', 'government-register-lo.xlsx'])('planFixes on %s', (file) => {
  const bytes = new Uint8Array(readFileSync(path.join(fixtures, file)));

  it('lists each change with the member and values as written, the formula it moves, and the new UNDERPAID warnings', async () => {
    const grids = await readWorkbook(bytes);
    const before = checkWorkbook(grids, opts);
    // The formula cell G5 offers no fix of its own: it points at F5.
    const g5 = before.findings.find((f) => f.sheet === REG && f.cell === 'G5')!;
    expect(g5).toMatchObject({ code: 'DUE_WRONG', fix: null, formula: true, fixVia: { sheet: REG, cell: 'F5' } });
    expect(g5.message).toContain('=ROUND(E5*F5,2)');
    expect(g5.message).toContain('请修正 F5');
    const chosen = before.findings.filter((f) => f.fix !== null);
    const plan = planFixes(grids, chosen, opts, before);
    expect(plan.changes.map((c) => [c.sheet, c.cell, c.member, c.before, c.after])).toEqual([
      [ROSTER, 'D5', '李二', '汉', '汉族'],
      [REG, 'F5', '李二', '1.0%', '1.5%'],
      [REG, 'G6', '张三', '30.00', '40.00'],
    ]);
    expect(plan.formulas.map((c) => [c.cell, c.formula, c.member, c.before, c.after])).toEqual([['G5', 'ROUND(E5*F5,2)', '李二', '60.00', '90.00']]);
    // Nothing was written: the grids given are as they were.
    expect(grids.find((g) => g.name === REG)!.values[4]![5]).toBe(0.01);
    // 李二 and 张三 paid 60 and 30 for nine months: with the dues right, each month is short.
    const underpaid = plan.delta.find((d) => d.code === 'UNDERPAID')!;
    expect(underpaid).toMatchObject({ added: 18, removed: 0 });
    expect(plan.after.findings.filter((f) => f.code === 'UNDERPAID').map((f) => f.message)).toContain('2026年1月 少交：实交 60.00 元，应交 90.00 元');
    expect(plan.delta.find((d) => d.code === 'DUE_WRONG')).toMatchObject({ added: 0, removed: 2 });
    const lines = describeDelta(plan.delta, 'zh');
    expect(lines[0]).toBe('修正后将新增 18 条少交提示');
    expect(lines).toContain('将消除 2 条月应交不符提示');
    expect(describeDelta(plan.delta, 'en')[0]).toBe('After the fix: 18 new “Underpaid” findings');
  });

  it('writes the corrected copy: the fixed cells, and the formula G5 keeps its formula with its new result', async () => {
    const grids = await readWorkbook(bytes);
    const before = checkWorkbook(grids, opts);
    const applied = applyToGrids(grids, before.findings.map((f) => ({ sheet: f.sheet, row: f.row, col: f.col, value: f.fix })));
    expect(applied.refused).toEqual([]);
    const out = writeCorrected(bytes, applied.writes, applied.recalculated).bytes;
    const diff = await cellDiff(bytes, out);
    expect(Object.fromEntries(diff)).toEqual({ [`${ROSTER}!D5`]: ['value'], [`${REG}!F5`]: ['value'], [`${REG}!G6`]: ['value'], [`${REG}!G5`]: ['value'] });
    const g5 = (await cellsOf(out)).get(REG)!.get('G5')!;
    expect(g5).toMatchObject({ formula: 'ROUND(E5*F5,2)', value: 90 });
    // Checked again from the file: no rate or due is wrong any more; what is left is the short payments.
    const again = checkWorkbook(await readWorkbook(out), opts);
    expect(again.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(again.findings.filter((f) => f.code === 'UNDERPAID')).toHaveLength(18);
    // LibreOffice (where installed) shows the new result without being asked to recalculate.
    const csv = await convertWithLibreOffice(out, 'csv');
    if (csv) expect(csv[REG]!.split('\n')[4]).toMatch(/^2,李二,在职,\d+X?,6000,1\.5%,90,60,/);
  });

  it('refuses to write a formula cell even when told to', async () => {
    const grids = await readWorkbook(bytes);
    const applied = applyToGrids(grids, [{ sheet: REG, row: 4, col: 6, value: 90 }]);
    expect(applied.writes).toEqual([]);
    expect(applied.refused).toEqual([{ sheet: REG, cell: 'G5', row: 4, col: 6, formula: 'ROUND(E5*F5,2)' }]);
  });
});

describe('displayValue', () => {
  it('shows values as people write them', () => {
    expect(displayValue(0.015, '0.0%')).toBe('1.5%');
    expect(displayValue(0.01, '0%')).toBe('1%');
    expect(displayValue(24741, 'yyyy-mm-dd')).toBe('1967-09-26');
    expect(displayValue(90, '0.00')).toBe('90.00');
    expect(displayValue(6000, '#,##0.00')).toBe('6,000.00');
    expect(displayValue(1234567.5, '#,##0.00')).toBe('1,234,567.50');
    expect(displayValue(0.1 + 0.2, undefined)).toBe('0.3');
    expect(displayValue('汉', '@')).toBe('汉');
    expect(displayValue(null)).toBe('');
  });
});
