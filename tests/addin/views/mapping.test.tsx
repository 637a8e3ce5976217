// Unrecognised headers: the clerk maps the columns once; the mapping is kept in the workbook.
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import type { ColumnMapping } from '../../../shared/recognise/mapping';
import { FakeHost } from '../fakeHost';
import { cleanGrids, renderApp } from '../helpers';

const ODD = ['编号', '人名', '男女', '族别', '生日', '证件', '身份', '入党', '转正', '状态'];

async function oddRoster() {
  const grids = await cleanGrids();
  grids[0]!.values[0] = ODD;
  return grids;
}

describe('column mapping', () => {
  it('asks for the columns when the roster is not recognised, saves the mapping and re-checks', async () => {
    const host = new FakeHost(await oddRoster());
    const { user } = renderApp({ host });
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    const form = await screen.findByRole('form', { name: '指定列' });
    expect(form).toBeInTheDocument();
    // The roster is recognised by its ID-shaped cells (issue 10), but its name and dates are not: the form asks.
    expect(screen.getByRole('region', { name: / COLUMN_MISSING$/ })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: '工作表' }), '花名册');
    const pick = async (label: string, header: string) => user.selectOptions(screen.getByRole('combobox', { name: label }), header);
    await pick('姓名', '人名');
    await pick('公民身份号码', '证件');
    await pick('性别', '男女');
    await pick('民族', '族别');
    await pick('出生日期', '生日');
    await pick('人员类别', '身份');
    await pick('入党日期', '入党');
    await pick('转正日期', '转正');
    await pick('党籍状态', '状态');
    await user.click(screen.getByRole('button', { name: '保存并重新检查' }));
    await waitFor(() => expect(host.calls).toContain('saveSetting duesbook.columnMapping'));
    const saved = host.settings.get('duesbook.columnMapping') as ColumnMapping;
    expect(saved['花名册']).toEqual({
      kind: 'roster', headerRow: 0,
      columns: { name: 1, idNumber: 5, gender: 2, ethnicity: 3, birthDate: 4, memberClass: 6, joinDate: 7, fullDate: 8, standing: 9 },
    });
    expect(await screen.findByText('没有发现问题。')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: '指定列' })).not.toBeInTheDocument();
  });

  it('uses a mapping already saved in the workbook without asking', async () => {
    const host = new FakeHost(await oddRoster());
    host.settings.set('duesbook.columnMapping', {
      花名册: { kind: 'roster', headerRow: 0, columns: { name: 1, idNumber: 5, gender: 2, ethnicity: 3, birthDate: 4, memberClass: 6, joinDate: 7, fullDate: 8, standing: 9 } },
    });
    const { user } = renderApp({ host });
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    expect(await screen.findByText('没有发现问题。')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: '指定列' })).not.toBeInTheDocument();
  });
});
