// The mapping form starts where the checker left off (issue 12): on the detected header row, never
// a merged title row, with the recognised columns already chosen; and it says truthfully where a
// mapping is kept (browser mode: only while the page is open).
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MappingForm } from '../../../addin/src/views/MappingForm';
import { guessHeaderRow, startMapping } from '../../../addin/src/views/mappingStart';
import { checkWorkbook } from '../../../shared/check';
import type { Grid } from '../../../shared/grid';
import { cleanGrids } from '../helpers';

/** The clean roster under a merged title row, with two headers the checker cannot read. */
async function titledRoster(): Promise<Grid[]> {
  const grids = await cleanGrids();
  const roster = grids[0]!;
  roster.values[0] = roster.values[0]!.map((h) => (h === '姓名' ? '人名' : h === '入党时间' ? '入' : h));
  roster.values.unshift(['养护中心党支部党员花名册']);
  roster.formats?.unshift([]);
  return grids;
}

describe('where the mapping form starts', () => {
  it('on the detected header row, with the recognised columns chosen and the title nowhere in the lists', async () => {
    const grids = await titledRoster();
    const result = checkWorkbook(grids, { asOf: '2026-09-30' });
    const onSave = vi.fn();
    render(<MappingForm grids={grids} tables={result.tables} onSave={onSave} />);
    expect(screen.getByRole('combobox', { name: '工作表' })).toHaveValue('花名册');
    expect(screen.getByRole('spinbutton')).toHaveValue('2');
    expect(screen.getByText('已按识别到的表头（第 2 行）预填，请核对。')).toBeInTheDocument();
    const id = screen.getByRole('combobox', { name: '公民身份号码' });
    expect(within(id).getByRole('option', { selected: true })).toHaveTextContent('身份证号');
    const name = screen.getByRole('combobox', { name: '姓名' });
    expect(within(name).queryByRole('option', { name: '养护中心党支部党员花名册' })).toBeNull();
    await userEvent.selectOptions(name, '人名');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '入党日期' }), '入');
    await userEvent.click(screen.getByRole('button', { name: '保存并重新检查' }));
    const saved = onSave.mock.calls[0]![0];
    // Only the sheet the clerk mapped; the register, recognised on its own, stays so.
    expect(Object.keys(saved)).toEqual(['花名册']);
    expect(saved['花名册']).toMatchObject({ kind: 'roster', headerRow: 1, columns: { name: 1, idNumber: 5, joinDate: 7 } });
    // And the mapping makes the roster check clean.
    expect(checkWorkbook(grids, { asOf: '2026-09-30', mapping: saved }).summary.errors).toBe(0);
  });

  it('a sheet not recognised at all starts on the row most like headers, with the columns its words name', () => {
    const g: Grid = { name: 'Sheet1', values: [['2026年党费收缴登记表'], [null, '填报日期：2026-10-08'], ['编号', '姓名', '怪列', '公民身份号码'], [1, '张三', 'x', '1101']] };
    expect(guessHeaderRow(g)).toBe(2);
    expect(startMapping(g, undefined)).toEqual({ kind: 'roster', headerRow: 2, columns: { seq: 0, name: 1, idNumber: 3 } });
  });
});

describe('where a mapping is kept', () => {
  const grids: Grid[] = [{ name: 'S', values: [['甲', '乙']] }];
  it('browser mode says: only while the page is open, not in the file', () => {
    render(<MappingForm grids={grids} onSave={() => {}} keptIn="session" />);
    expect(screen.getByText(/浏览器模式：设置只在本页面打开期间有效，不写入文件/)).toBeInTheDocument();
    expect(screen.queryByText('设置将保存在工作簿中。')).toBeNull();
  });
  it('Excel and WPS say: in the workbook', () => {
    render(<MappingForm grids={grids} onSave={() => {}} keptIn="workbook" />);
    expect(screen.getByText('设置将保存在工作簿中。')).toBeInTheDocument();
  });
});
