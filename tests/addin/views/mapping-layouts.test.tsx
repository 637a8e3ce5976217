// The mapping form for registers without month columns (issue 10): the clerk picks the layout,
// the fields that layout needs are offered, and the saved mapping checks the sheet.
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { MappingForm } from '../../../addin/src/views/MappingForm';
import { checkWorkbook } from '../../../shared/check';
import type { ColumnMapping } from '../../../shared/recognise/mapping';
import { AS_OF, unguessable } from '../../fixtures/register-layouts';

describe('mapping form, register layouts', () => {
  it('maps a member-month register with odd headers and the mapping checks it', async () => {
    const { grids } = unguessable();
    const onSave = vi.fn<(m: ColumnMapping) => void>();
    const user = userEvent.setup();
    render(<FluentProvider theme={webLightTheme}><MappingForm grids={grids} onSave={onSave} /></FluentProvider>);
    await user.selectOptions(screen.getByRole('combobox', { name: '工作表' }), '明细');
    await user.selectOptions(screen.getByRole('combobox', { name: '表格类型' }), 'register');
    await user.selectOptions(screen.getByRole('combobox', { name: '登记表格式' }), 'monthRows');
    // The fields of that layout are offered: a month and the amount paid, no 累计实交.
    expect(screen.getByRole('combobox', { name: '月份' })).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: '累计实交' })).not.toBeInTheDocument();
    const pick = (label: string, header: string) => user.selectOptions(screen.getByRole('combobox', { name: label }), header);
    await pick('姓名', '甲');
    await pick('公民身份号码', '乙');
    await pick('月份', '丙');
    await pick('交费类别', '丁');
    await pick('缴费基数', '戊');
    await pick('交纳比例', '己');
    await pick('月应交', '庚');
    await pick('实交金额', '辛');
    await user.click(screen.getByRole('button', { name: '保存并重新检查' }));
    const saved = onSave.mock.calls[0]![0];
    expect(saved['明细']).toEqual({
      kind: 'register', headerRow: 0, layout: 'monthRows',
      columns: { name: 0, idNumber: 1, month: 2, category: 3, base: 4, rate: 5, due: 6, paid: 7 },
    });
    const res = checkWorkbook(grids, { asOf: AS_OF, mapping: saved });
    expect(res.findings.filter((f) => f.code === 'UNPAID').map((f) => f.cell)).toEqual(['H41', 'H47', 'H53']);
    expect(res.tables.find((t) => t.sheet === '明细')?.layout).toBe('monthRows');
  });

  it('asks for the member of a per-member sheet', async () => {
    const { grids } = unguessable();
    const onSave = vi.fn<(m: ColumnMapping) => void>();
    const user = userEvent.setup();
    render(<FluentProvider theme={webLightTheme}><MappingForm grids={grids} onSave={onSave} /></FluentProvider>);
    await user.selectOptions(screen.getByRole('combobox', { name: '表格类型' }), 'register');
    await user.selectOptions(screen.getByRole('combobox', { name: '登记表格式' }), 'memberSheet');
    await user.type(screen.getByRole('textbox', { name: '本表党员姓名' }), '王一');
    await user.click(screen.getByRole('button', { name: '保存并重新检查' }));
    expect(onSave.mock.calls[0]![0]['Sheet1']).toMatchObject({ kind: 'register', layout: 'memberSheet', member: '王一' });
  });
});
