// The 党委 finance view: shows 应上缴 / 留存 / outstanding and the 收支结存 as the server says, records a
// remittance and a use with amounts read exactly to the 分, says the server's refusal, and refuses
// an amount with more than two decimals before sending anything.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { RemittanceStatus, YearAccounts } from '../../../shared/api/accounts';
import { FinanceView, rateBp, type FinanceViewProps } from '../../../addin/src/views/FinanceView';
import { keepsCommitteeAccounts } from '../../../addin/src/state/useFinanceApi';
import { FakeApi, TOKENS, json, whoAmI } from '../fakeApi';
import { renderApp } from '../helpers';

const STATUS: RemittanceStatus = {
  committee: 'JT', year: '2025', today: '2026-12-02',
  shares: { year: '2025', collectedFen: 1000016, levels: [{ level: '县委', dueFen: 100002, dueBy: '2026-03-31', segments: [] }], dueFen: 100002, keptFen: 900014 },
  largeFen: 150000,
  lines: [
    { level: '县委', kind: 'share', dueFen: 100002, remittedFen: 2, outstandingFen: 100000, overpaidFen: 0, dueBy: '2026-03-31', overdue: true },
    { level: '中央', kind: 'large', dueFen: 150000, remittedFen: 150000, outstandingFen: 0, overpaidFen: 0, dueBy: '2026-04-30', overdue: false },
  ],
  remittances: [],
};
const ACCOUNTS: YearAccounts = {
  committee: 'JT', year: '2025', openingSource: 'carried', openingFen: 100, collectedFen: 1000016, allocatedFen: 5000, interestFen: 7,
  remittedFen: 2, usedFen: 3000, closingFen: 100 + 1000016 + 5000 + 7 - 2 - 3000, negative: false, identityHolds: true,
  usesByPurpose: [{ purpose: 'training', amountFen: 3000, count: 1 }], large: { collectedFen: 150000, remittedFen: 150000 }, entries: [], remittances: [],
};

function setup(over: Partial<FinanceViewProps['api']> = {}) {
  const api = {
    remittances: vi.fn(async () => STATUS),
    accounts: vi.fn(async () => ACCOUNTS),
    remit: vi.fn(async () => ({}) as never),
    record: vi.fn(async () => ({}) as never),
    addShare: vi.fn(async () => ({}) as never),
    ...over,
  };
  const user = userEvent.setup();
  render(<FluentProvider theme={webLightTheme}><FinanceView api={api} years={['2025', '2026']} describeError={(e) => `拒绝：${(e as Error).message}`} /></FluentProvider>);
  return { api, user, show: () => user.click(screen.getByRole('button', { name: '查看' })) };
}

describe('finance view', () => {
  it('is for finance and admin of a 党委 only', () => {
    const org = (kind: '党委' | '党总支') => ({ code: 'X', name: 'X', kind });
    expect(keepsCommitteeAccounts({ role: 'finance', org: org('党委'), committee: org('党委') })).toBe(true);
    expect(keepsCommitteeAccounts({ role: 'admin', org: org('党委'), committee: org('党委') })).toBe(true);
    expect(keepsCommitteeAccounts({ role: 'leader', org: org('党委'), committee: org('党委') })).toBe(false);
    expect(keepsCommitteeAccounts({ role: 'finance', org: org('党总支'), committee: org('党委') })).toBe(false);
    expect(keepsCommitteeAccounts(null)).toBe(false);
  });

  it('shows 应上缴, 留存, what is outstanding and overdue, and the 收支结存 with its check', async () => {
    const { api, show } = setup();
    expect(api.remittances).not.toHaveBeenCalled();
    await show();
    expect(await screen.findByText('实交党费 ¥10,000.16 · 应上缴 ¥1,000.02 · 留存 ¥9,000.14')).toBeInTheDocument();
    expect(api.remittances).toHaveBeenCalledWith('2025');
    const table = screen.getByRole('table', { name: '应上缴' });
    const county = within(table).getByText('县委').closest('tr')!;
    expect(within(county).getByText('¥1,000.00')).toBeInTheDocument();
    expect(within(county).getByText('已逾期')).toBeInTheDocument();
    expect(within(within(table).getByText('大额党费→中央').closest('tr')!).getByText('已缴清')).toBeInTheDocument();
    const acc = screen.getByRole('table', { name: '收支结存' });
    expect(within(within(acc).getByText('年末结存').closest('tr')!).getByText(`¥${(ACCOUNTS.closingFen / 100).toLocaleString('en', { minimumFractionDigits: 2 })}`)).toBeInTheDocument();
    expect(within(acc).getByText(/培训党员/)).toBeInTheDocument();
    expect(screen.getByText(/核对相符/)).toBeInTheDocument();
  });

  it('records a remittance and a use, amounts exact to the 分, then reloads', async () => {
    const { api, user, show } = setup();
    await show();
    await screen.findByRole('table', { name: '应上缴' });
    const remitCard = screen.getByLabelText('登记上缴');
    await user.type(within(remitCard).getByLabelText('金额（元）'), '1,000.01');
    await user.type(within(remitCard).getByLabelText('日期'), '2026-03-01');
    await user.type(within(remitCard).getByLabelText('凭证号'), '记-9');
    await user.click(within(remitCard).getByRole('button', { name: '登记' }));
    await waitFor(() => expect(api.remit).toHaveBeenCalledWith('2025', { level: '县委', kind: 'share', paidOn: '2026-03-01', amountFen: 100001, voucher: '记-9' }));
    expect(await screen.findByText('已登记。')).toBeInTheDocument();
    await waitFor(() => expect(api.remittances).toHaveBeenCalledTimes(2));

    const entryCard = screen.getByLabelText('登记收支');
    await user.type(within(entryCard).getByLabelText('金额（元）'), '30');
    await user.type(within(entryCard).getByLabelText('日期'), '2025-06-10');
    await user.type(within(entryCard).getByLabelText('凭证号'), 'SY-1');
    await user.selectOptions(within(entryCard).getByLabelText('用途（2008规定 第十九条）'), 'hardship');
    await user.type(within(entryCard).getByLabelText('集体决定日期'), '2025-06-01');
    await user.click(within(entryCard).getByRole('button', { name: '登记' }));
    await waitFor(() => expect(api.record).toHaveBeenCalledWith('2025', { kind: 'use', on: '2025-06-10', amountFen: 3000, voucher: 'SY-1', purpose: 'hardship', decidedOn: '2025-06-01' }));
  });

  it('adds a dated share row in basis points, and refuses a rate it cannot read exactly', async () => {
    expect([rateBp('12.5'), rateBp('5%'), rateBp('0.01'), rateBp('100.01'), rateBp('5.555')]).toEqual([1250, 500, 1, null, null]);
    const { api, user, show } = setup();
    await show();
    const card = await screen.findByLabelText('新增上缴比例（按季度生效，不修改已有记录）');
    await user.type(within(card).getByLabelText('上缴对象'), '县委');
    await user.type(within(card).getByLabelText('比例（%）'), '7.5');
    await user.type(within(card).getByLabelText('自季度起（如 2026Q1）'), '2027Q1');
    await user.click(within(card).getByRole('button', { name: '登记' }));
    await waitFor(() => expect(api.addShare).toHaveBeenCalledWith({ level: '县委', rateBp: 750, from: '2027Q1', dueMonthDay: '04-30' }));
    await user.clear(within(card).getByLabelText('比例（%）'));
    await user.type(within(card).getByLabelText('比例（%）'), '101');
    await user.click(within(card).getByRole('button', { name: '登记' }));
    expect(await screen.findByText('比例应为 0–100，最多两位小数。')).toBeInTheDocument();
    expect(api.addShare).toHaveBeenCalledTimes(1);
  });

  it('refuses an amount with three decimals before sending, and says the server’s refusal', async () => {
    const { api, user, show } = setup({ remit: vi.fn(async () => { throw new Error('voucher 记-9 is already recorded'); }) });
    await show();
    await screen.findByRole('table', { name: '应上缴' });
    const remitCard = screen.getByLabelText('登记上缴');
    await user.type(within(remitCard).getByLabelText('金额（元）'), '1.234');
    await user.click(within(remitCard).getByRole('button', { name: '登记' }));
    expect(await screen.findByText('金额应为元，最多两位小数。')).toBeInTheDocument();
    expect(api.remit).not.toHaveBeenCalled();
    await user.clear(within(remitCard).getByLabelText('金额（元）'));
    await user.type(within(remitCard).getByLabelText('金额（元）'), '1');
    await user.click(within(remitCard).getByRole('button', { name: '登记' }));
    expect(await screen.findByText('拒绝：voucher 记-9 is already recorded')).toBeInTheDocument();
  });
});

describe('in the pane', () => {
  async function signIn(token: string) {
    const api = whoAmI(new FakeApi())
      .on('GET', /^\/api\/remittances\/\d{4}$/, () => json(STATUS))
      .on('GET', /^\/api\/accounts\/\d{4}$/, () => json(ACCOUNTS));
    const r = renderApp({ api });
    await r.user.click(screen.getByRole('tab', { name: '登录' }));
    await r.user.type(screen.getByLabelText('访问令牌'), token);
    await r.user.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByText(/集团党委（/);
    await r.user.click(screen.getByRole('tab', { name: '汇总' }));
    return r;
  }

  it('finance of the 党委 finds it under 汇总, with the server’s figures parsed by the contract', async () => {
    const { user } = await signIn(TOKENS.finance);
    await user.click(screen.getByRole('button', { name: '查看' }));
    expect(await screen.findByText('实交党费 ¥10,000.16 · 应上缴 ¥1,000.02 · 留存 ¥9,000.14')).toBeInTheDocument();
  });

  it('a leader does not', async () => {
    await signIn(TOKENS.leader);
    await screen.findByRole('button', { name: '查看汇总' });
    expect(screen.queryByRole('region', { name: '财务：上缴与收支结存' })).toBeNull();
    expect(screen.queryByText('财务：上缴与收支结存')).toBeNull();
  });
});
