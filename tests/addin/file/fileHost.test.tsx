// Browser mode: drop an .xlsx, see its findings, download a corrected copy (text stays text).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import ExcelJS from 'exceljs';
import { FileHost } from '../../../addin/src/file/fileHost';
import path from 'node:path';
import { checkWorkbook } from '../../../shared/check';
import { FormulaCellError } from '../../../shared/xlsx/patch';
import { readWorkbook } from '../../../shared/xlsx/read';
import { cellDiff } from '../../shared/xlsx/workbook-diff';
import { FIXTURE, renderApp } from '../helpers';

const HIDDEN = { hidden: true } as const;

const GOV = path.resolve(__dirname, '../../fixtures/government-register.xlsx');
const REG = '2026年党费收缴登记表';

function fixtureBytes(): ArrayBuffer {
  const b = readFileSync(FIXTURE);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

describe('FileHost', () => {
  it('reads the dropped workbook, applies fixes to the grids and to a corrected copy', async () => {
    const host = new FileHost();
    expect(host.hasWorkbook()).toBe(false);
    await host.open(fixtureBytes(), 'branch.xlsx');
    expect(host.workbookName()).toBe('branch.xlsx');
    const before = await host.readGrids();
    expect(before.map((g) => g.name)).toEqual(['花名册', '党费登记']);
    await host.applyFixes([
      { sheet: '花名册', row: 9, col: 3, value: '汉族' },
      { sheet: '花名册', row: 3, col: 5, value: '11010519800610373X' },
      { sheet: '党费登记', row: 16, col: 6, value: 90 },
      { sheet: '花名册', row: 2, col: 12, value: '=HYPERLINK("x")' },
      { sheet: '花名册', row: 4, col: 12, value: null },
    ]);
    const after = await host.readGrids();
    expect(after[0]!.values[9]![3]).toBe('汉族');
    expect(after[1]!.values[16]![6]).toBe(90);
    const { bytes, name } = await host.correctedCopy();
    expect(name).toBe('branch-修正.xlsx');
    const reread = await readWorkbook(bytes);
    expect(reread[0]!.values[9]![3]).toBe('汉族');
    expect(reread[0]!.values[3]![5]).toBe('11010519800610373X');
    expect(reread[1]!.values[16]![6]).toBe(90);
    expect(reread[0]!.values[2]![12]).toBe('=HYPERLINK("x")');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    const cell = wb.getWorksheet('花名册')!.getCell(3, 13);
    expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(cell.numFmt).toBe('@');
    // Untouched cells keep their values.
    expect(reread[0]!.values[1]).toEqual(before[0]!.values[1]);
  });

  it('on a government-style register: the formula G5 is never written, its input F5 is fixed, and the copy changes only those cells', async () => {
    const gov = readFileSync(GOV);
    const host = new FileHost();
    await host.open(gov.buffer.slice(gov.byteOffset, gov.byteOffset + gov.byteLength) as ArrayBuffer, 'gov.xlsx');
    const result = checkWorkbook(await host.readGrids(), { asOf: '2026-09-30' });
    const g5 = result.findings.find((f) => f.sheet === REG && f.cell === 'G5')!;
    expect(g5).toMatchObject({ code: 'DUE_WRONG', fix: null, fixVia: { cell: 'F5' } });
    // Told to write the formula cell, the host refuses and writes nothing.
    await expect(host.applyFixes([{ sheet: REG, row: 4, col: 5, value: 0.015 }, { sheet: REG, row: 4, col: 6, value: 90 }])).rejects.toThrow(FormulaCellError);
    expect((await host.readGrids()).find((g) => g.name === REG)!.values[4]![5]).toBe(0.01);
    // The one-click fixes offered: F5 (the input), G6, D5.
    await host.applyFixes(result.findings.filter((f) => f.fix !== null).map((f) => ({ sheet: f.sheet, row: f.row, col: f.col, value: f.fix })));
    const reg = (await host.readGrids()).find((g) => g.name === REG)!;
    expect(reg.values[4]![5]).toBe(0.015);
    expect(reg.values[4]![6]).toBe(90); // recomputed from the fixed rate
    expect(reg.formulas?.[4]?.[6]).toBe('ROUND(E5*F5,2)');
    const { bytes, name } = await host.correctedCopy();
    expect(name).toBe('gov-修正.xlsx');
    const diff = await cellDiff(new Uint8Array(gov), new Uint8Array(bytes));
    expect(Object.fromEntries(diff)).toEqual({ '党员花名册!D5': ['value'], [`${REG}!F5`]: ['value'], [`${REG}!G5`]: ['value'], [`${REG}!G6`]: ['value'] });
    // The marked copy: one note per finding cell of the re-check.
    const again = checkWorkbook(await host.readGrids(), { asOf: '2026-09-30' });
    const marked = await host.markedCopy(again.findings, { asOf: '2026-09-30' });
    expect(marked.name).toBe('gov-标注.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(marked.bytes);
    const noted = new Set<string>();
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { if (c.note) noted.add(`${ws.name}!${c.address}`); })));
    expect(noted).toEqual(new Set(again.findings.map((f) => `${f.sheet}!${f.cell}`)));
    expect(wb.getWorksheet(REG)!.getCell('F5').value).toBe(0.015);
  });

  it('refuses a file that is not a workbook', async () => {
    const host = new FileHost();
    await expect(host.open(new TextEncoder().encode('not a zip').buffer as ArrayBuffer, 'x.xlsx')).rejects.toThrow(/zip|xlsx/);
    expect(host.hasWorkbook()).toBe(false);
  });
});

describe('browser mode in the pane', () => {
  it('shows the drop zone, checks a chosen file and offers the corrected copy', async () => {
    const host = new FileHost();
    const { user } = renderApp({ host });
    expect(screen.getByText('浏览器模式')).toBeInTheDocument();
    expect(screen.getByText('尚未打开工作簿。')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '检查工作簿' })).toBeDisabled();
    const file = new File([readFileSync(FIXTURE)], 'branch-sample-2026.xlsx');
    await user.upload(screen.getByTestId('file-input'), file);
    expect(await screen.findByText('已打开：branch-sample-2026.xlsx')).toBeInTheDocument();
    expect(await screen.findByText(/党员 43 人/, undefined, { timeout: 10_000 })).toBeInTheDocument();
    const section = screen.getByRole('region', { name: / ID_CHECKSUM$/ });
    await user.click(within(section).getAllByRole('button', { name: /^定位到/ })[0]!);
    expect(host.selected?.sheet).toBe('花名册');
    expect(screen.getByRole('button', { name: '下载修正后的副本' })).toBeInTheDocument();
  });

  it('says so when the dropped file cannot be read', async () => {
    renderApp({ host: new FileHost() });
    const zone = screen.getByTestId('dropzone');
    const bad = new File(['hello'], 'notes.xlsx');
    fireEvent.drop(zone, { dataTransfer: { files: [bad] } });
    await waitFor(() => expect(screen.getByText(/“notes.xlsx”不是有效的 .xlsx 工作簿.*另存为/)).toBeInTheDocument());
  });

  it('tells the clerk to save an .xls file as .xlsx in WPS or Excel, and reads nothing', async () => {
    const host = new FileHost();
    renderApp({ host });
    const xls = new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])], '2026年党费.xls');
    fireEvent.drop(screen.getByTestId('dropzone'), { dataTransfer: { files: [xls] } });
    await waitFor(() => expect(screen.getByText('“2026年党费.xls”是旧版 Excel 97-2003 工作簿（.xls），无法直接读取：请在 WPS 或 Excel 中打开它，选择“另存为”→“Excel 工作簿（*.xlsx）”，然后打开另存的 .xlsx 文件')).toBeInTheDocument());
    expect(host.hasWorkbook()).toBe(false);
  });

  it('previews a due fix with the UNDERPAID warnings it raises, before writing; the formula G5 offers no fix; the marked copy downloads', async () => {
    const host = new FileHost();
    const { user } = renderApp({ host });
    await user.upload(screen.getByTestId('file-input'), new File([readFileSync(GOV)], 'gov.xlsx'));
    const due = await screen.findByRole('region', { name: / DUE_WRONG$/ }, { timeout: 10_000 });
    // G5 holds a formula: no fix button on it, and its message points to F5.
    expect(within(due).queryByRole('button', { name: `修正 ${REG}!G5` })).not.toBeInTheDocument();
    expect(within(due).getByRole('button', { name: /定位到 2026年党费收缴登记表!G5: .*请修正 F5/ })).toBeInTheDocument();
    await user.click(within(due).getByRole('button', { name: `修正 ${REG}!G6` }));
    const dialog = await screen.findByRole('dialog', HIDDEN);
    const after = await within(dialog).findByRole('region', { name: '修正后复查', ...HIDDEN });
    expect(after).toHaveTextContent('修正后将新增 9 条少交提示');
    const rows = within(dialog).getAllByRole('row', HIDDEN);
    expect(within(rows[1]!).getAllByRole('cell', HIDDEN).map((c) => c.textContent)).toEqual([`${REG}!G6`, '张三', '30.00', '40.00']);
    // Nothing written yet.
    expect((await host.readGrids()).find((g) => g.name === REG)!.values[5]![6]).toBe(30);
    await user.click(within(dialog).getByRole('button', { name: '写入 1 处修改', ...HIDDEN }));
    // The re-check now shows what the preview said: nine UNDERPAID warnings.
    await waitFor(() => expect(screen.getByText(/警告 9/)).toBeInTheDocument());
    expect((await host.readGrids()).find((g) => g.name === REG)!.values[5]![6]).toBe(40);
    // Focus stays in the list: on the finding now in the fixed one's place.
    await waitFor(() => expect(document.activeElement?.getAttribute('data-goto')).toBeTruthy());
    const saved: string[] = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = () => 'blob:x';
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) { saved.push(this.download); };
    try {
      await user.click(screen.getByRole('button', { name: '下载标注副本' }));
      await waitFor(() => expect(saved).toEqual(['gov-标注.xlsx']));
    } finally {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = click;
    }
  });
});
