// Browser mode: drop an .xlsx, see its findings, download a corrected copy (text stays text).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import ExcelJS from 'exceljs';
import { FileHost } from '../../../addin/src/file/fileHost';
import { readWorkbook } from '../../../shared/xlsx/read';
import { FIXTURE, renderApp } from '../helpers';

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
    await waitFor(() => expect(screen.getByText(/无法读取该文件：.*zip/)).toBeInTheDocument());
  });
});
