// A committee's column mapping in the pane (issue 12): finance of the 党委 saves the sheet's mapping
// for the committee after a confirmation; any signed-in pane applies a saved one whose template
// matches before asking, and says so with who saved it; the workbook's own mapping comes first.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { CommitteeMapping, SaveMappingRequest } from '../../../shared/api/mappings';
import { sheetFingerprint } from '../../../shared/mapping/fingerprint';
import type { Grid } from '../../../shared/grid';
import { FakeApi, TOKENS, json, whoAmI } from '../fakeApi';
import { FakeHost } from '../fakeHost';
import { cleanGrids, renderApp } from '../helpers';

const ODD = ['编号', '人名', '男女', '族别', '生日', '证件', '身份', '入党', '转正', '状态'];
const FULL = { name: 1, idNumber: 5, gender: 2, ethnicity: 3, birthDate: 4, memberClass: 6, joinDate: 7, fullDate: 8, standing: 9 };

async function oddRoster(): Promise<Grid[]> {
  const grids = await cleanGrids();
  grids[0]!.values[0] = ODD;
  return grids;
}

async function signIn(user: ReturnType<typeof renderApp>['user'], token: string, shows: RegExp) {
  await user.click(screen.getByRole('tab', { name: '登录' }));
  await user.type(screen.getByLabelText('访问令牌'), token);
  await user.click(screen.getByRole('button', { name: '登录' }));
  await screen.findByText(shows);
  await user.click(screen.getByRole('tab', { name: '检查' }));
}

const saved = (fingerprint: string): CommitteeMapping => ({
  fingerprint, label: '统一花名册模板', mapping: { kind: 'roster', columns: FULL }, savedBy: '集团党委 · 财务', savedAt: '2026-10-01T02:00:00Z',
});

describe('saving for the committee', () => {
  it('finance of the 党委 saves the sheet’s columns after a confirmation; cancel sends nothing', async () => {
    const grids = await oddRoster();
    const api = whoAmI(new FakeApi())
      .on('GET', /^\/api\/mappings$/, () => json({ committee: 'JT', mappings: [] }))
      .on('PUT', /^\/api\/mappings\//, (req) => {
        const b = req.body as SaveMappingRequest;
        return json({ fingerprint: req.path.split('/').pop(), label: b.label, mapping: b.mapping, savedBy: '集团党委 · 财务', savedAt: '2026-10-08T02:00:00Z' }, 201);
      });
    const { user } = renderApp({ host: new FakeHost(grids), api });
    await signIn(user, TOKENS.finance, /集团党委/);
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    await screen.findByRole('form', { name: '指定列' }, { timeout: 5000 });
    await user.selectOptions(screen.getByRole('combobox', { name: '工作表' }), '花名册');
    await user.selectOptions(screen.getByRole('combobox', { name: '姓名' }), '人名');
    await user.selectOptions(screen.getByRole('combobox', { name: '公民身份号码' }), '证件');
    const puts = () => api.seen.filter((r) => r.method === 'PUT');

    await user.click(screen.getByRole('button', { name: '保存为全党委通用设置' }));
    let group = screen.getByRole('group', { name: '保存为全党委通用设置' });
    expect(within(group).getByText(/党委所有支部中表头相同的工作表都将使用这一列设置/)).toBeInTheDocument();
    expect(within(group).getByRole('button', { name: '确认保存' })).toBeDisabled();
    await user.click(within(group).getByRole('button', { name: '取消' }));
    expect(puts()).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: '保存为全党委通用设置' }));
    group = screen.getByRole('group', { name: '保存为全党委通用设置' });
    await user.type(within(group).getByRole('textbox'), '统一花名册模板{Enter}');
    // Enter in the label does not save the form to the workbook.
    expect(puts()).toHaveLength(0);
    await user.click(within(group).getByRole('button', { name: '确认保存' }));
    expect(await screen.findByText('已保存为全党委通用设置：统一花名册模板')).toBeInTheDocument();
    expect(puts()).toHaveLength(1);
    const put = puts()[0]!;
    expect(put.path).toBe(`/api/mappings/${sheetFingerprint(grids[0]!, 0)}`);
    const body = put.body as SaveMappingRequest;
    expect(body.label).toBe('统一花名册模板');
    expect(body.mapping).toMatchObject({ kind: 'roster', columns: { name: 1, idNumber: 5 } });
    // Nothing of the members travels: only the template's columns.
    expect(JSON.stringify(put.body)).not.toMatch(/\d{6,}|王建华/);
  });

  it('a clerk is not offered the committee save', async () => {
    const api = whoAmI(new FakeApi()).on('GET', /^\/api\/mappings$/, () => json({ committee: 'JT', mappings: [] }));
    const { user } = renderApp({ host: new FakeHost(await oddRoster()), api });
    await signIn(user, TOKENS.clerk, /第一党支部/);
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    await screen.findByRole('form', { name: '指定列' }, { timeout: 5000 });
    expect(screen.queryByRole('button', { name: '保存为全党委通用设置' })).toBeNull();
  });
});

describe('a committee mapping applied', () => {
  it('is used before asking: no form, no findings, and the pane says whose columns they are', async () => {
    const grids = await oddRoster();
    const api = whoAmI(new FakeApi()).on('GET', /^\/api\/mappings$/, () => json({ committee: 'JT', mappings: [saved(sheetFingerprint(grids[0]!, 0)!)] }));
    const { user } = renderApp({ host: new FakeHost(grids), api });
    await signIn(user, TOKENS.clerk, /第一党支部/);
    await waitFor(() => expect(api.seen.some((r) => r.path === '/api/mappings')).toBe(true));
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    expect(await screen.findByText('没有发现问题。', undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText('已使用党委保存的列设置：花名册（统一花名册模板，集团党委 · 财务 保存）')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: '指定列' })).toBeNull();
  });

  it('arriving after the check (sign-in later), re-checks the sheets already read', async () => {
    const grids = await oddRoster();
    const api = whoAmI(new FakeApi()).on('GET', /^\/api\/mappings$/, () => json({ committee: 'JT', mappings: [saved(sheetFingerprint(grids[0]!, 0)!)] }));
    const { user, host } = renderApp({ host: new FakeHost(grids), api });
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    await screen.findByRole('form', { name: '指定列' }, { timeout: 5000 });
    await signIn(user, TOKENS.clerk, /第一党支部/);
    expect(await screen.findByText('没有发现问题。', undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText(/已使用党委保存的列设置：花名册/)).toBeInTheDocument();
    // Nothing is written into the clerk's workbook by it.
    expect((host as FakeHost).calls).not.toContain('saveSetting duesbook.columnMapping');
  });

  it('comes after the workbook’s own mapping of the sheet, and another template is not used', async () => {
    const grids = await oddRoster();
    const host = new FakeHost(grids);
    host.settings.set('duesbook.columnMapping', { 花名册: { kind: 'roster', headerRow: 0, columns: FULL } });
    const other = { ...saved(`t1-${'0'.repeat(32)}`), label: '别的模板' };
    const api = whoAmI(new FakeApi()).on('GET', /^\/api\/mappings$/, () => json({ committee: 'JT', mappings: [saved(sheetFingerprint(grids[0]!, 0)!), other] }));
    const { user } = renderApp({ host, api });
    await signIn(user, TOKENS.clerk, /第一党支部/);
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    expect(await screen.findByText('没有发现问题。', undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByText(/已使用党委保存的列设置/)).toBeNull();
  });
});
