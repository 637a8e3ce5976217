// Issue 12's 报送 path in the pane: the last ended quarter by default and a running one only from
// its opening day, one confirmation showing exactly what is sent, the receipt (an unchanged
// workbook's too), messages that belong to their quarter, the wrong-branch guard, one 欠交
// arithmetic with the roll-up, and a return's note reaching the clerk.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { FakeApi, TOKENS, json, receipt, whoAmI } from '../fakeApi';
import { cleanGrids, renderApp } from '../helpers';
import type { Submission } from '../../../shared/api/contract';
import type { Grid } from '../../../shared/grid';

const HIDDEN_OK = { hidden: true } as const;

async function signedInClerk(api: FakeApi, grids: Grid[], today = '2026-09-30') {
  const r = renderApp({ api, grids, props: { today } });
  await r.user.click(screen.getByRole('tab', { name: '登录' }));
  await r.user.type(screen.getByLabelText('访问令牌'), TOKENS.clerk);
  await r.user.click(screen.getByRole('button', { name: '登录' }));
  await screen.findByText('第一党支部（支部）');
  await r.user.click(screen.getByRole('tab', { name: '检查' }));
  await r.user.click(screen.getByRole('button', { name: '检查工作簿' }));
  await screen.findByText(/党员 \d+ 人/, undefined, { timeout: 5000 });
  await r.user.click(screen.getByRole('tab', { name: '报送' }));
  return r;
}

const posts = (api: FakeApi) => api.seen.filter((r) => r.method === 'POST' && r.path.endsWith('/api/submissions'));

describe('the quarter to submit', () => {
  it('starts on the last ended quarter; the running one is labelled and refused before the 20th of its last month', async () => {
    const api = whoAmI(new FakeApi()).on('POST', /^\/api\/submissions$/, () => json(receipt(1), 201));
    const { user } = await signedInClerk(api, await cleanGrids(), '2026-12-02');
    const picker = screen.getByRole('combobox', { name: '季度' });
    expect(picker).toHaveValue('2026Q3');
    expect(within(picker).getByRole('option', { name: '2026年第四季度（进行中）' })).toBeInTheDocument();
    await user.selectOptions(picker, '2026Q4');
    expect(screen.getByText('2026年第四季度尚未结束，2026-12-20起才能报送（党委设定）。请报送已结束的季度。')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '报送' })).toBeDisabled();
    expect(posts(api)).toHaveLength(0);
  });

  it('opens the running quarter from the committee’s day', async () => {
    const api = whoAmI(new FakeApi()).on('GET', /^\/api\/settings$/, () => json({ committee: 'JT', settings: { runningQuarterFromDay: 1 } }));
    const { user } = await signedInClerk(api, await cleanGrids(), '2026-12-02');
    await user.selectOptions(screen.getByRole('combobox', { name: '季度' }), '2026Q4');
    expect(screen.queryByText(/尚未结束/)).toBeNull();
  });
});

describe('the confirmation before 报送', () => {
  it('shows exactly what will be sent; cancel sends nothing, confirm sends that body and shows the receipt', async () => {
    const api = whoAmI(new FakeApi()).on('POST', /^\/api\/submissions$/, () => json(receipt(1, { receivedAt: '2026-10-08T06:05:00Z' }), 201));
    const { user } = await signedInClerk(api, await cleanGrids());
    await user.click(screen.getByRole('button', { name: '报送' }));
    let dialog = await screen.findByRole('dialog', HIDDEN_OK);
    const cells = within(dialog).getAllByRole('cell', HIDDEN_OK).map((c) => c.textContent);
    expect(cells).toEqual(['党员人数', '6', '应交', '¥720.00', '实交', '¥720.00', '欠交', '¥0.00']);
    expect(within(dialog).getByText('没有随报送提交的警告。')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '取消', ...HIDDEN_OK }));
    await waitFor(() => expect(screen.queryByRole('dialog', HIDDEN_OK)).toBeNull());
    expect(posts(api)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: '报送' }));
    dialog = await screen.findByRole('dialog', HIDDEN_OK);
    await user.click(within(dialog).getByRole('button', { name: '确认报送', ...HIDDEN_OK }));
    expect(await screen.findByText('回执：2026年第三季度 第 1 版（已报送）')).toBeInTheDocument();
    expect(screen.getByText(/接收时间 2026-10-08 14:05/)).toBeInTheDocument();
    const sent = posts(api)[0]!.body as Submission;
    expect(sent.totals).toEqual({ members: 6, dueFen: 72000, paidFen: 72000 });
    expect(sent.branchCode).toBe('ZB1');
  });

  it('an unchanged workbook gets the existing receipt, said so; the receipt goes when the quarter changes', async () => {
    const api = whoAmI(new FakeApi()).on('POST', /^\/api\/submissions$/, () => json(receipt(3, { unchanged: true }), 200));
    const { user } = await signedInClerk(api, await cleanGrids());
    await user.click(screen.getByRole('button', { name: '报送' }));
    await user.click(within(await screen.findByRole('dialog', HIDDEN_OK)).getByRole('button', { name: '确认报送', ...HIDDEN_OK }));
    expect(await screen.findByText('内容与第 3 版相同，未生成新版本。')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: '季度' }), '2026Q2');
    expect(screen.queryByText(/回执：/)).toBeNull();
    expect(screen.queryByText('内容与第 3 版相同，未生成新版本。')).toBeNull();
    // Back on the quarter: the old message does not come back with it.
    await user.selectOptions(screen.getByRole('combobox', { name: '季度' }), '2026Q3');
    expect(screen.queryByText(/回执：/)).toBeNull();
  });
});

describe('a returned quarter sent again unchanged', () => {
  it('says it stays 已退回 with the note, who and when — not a receipt', async () => {
    const api = whoAmI(new FakeApi()).on('POST', /^\/api\/submissions$/, () => json(receipt(2, {
      unchanged: true, status: 'returned', stillReturned: { note: '第3人基数有误', by: '机关党委 · 财务', at: '2026-10-09T02:30:00Z' },
    }), 200));
    const { user } = await signedInClerk(api, await cleanGrids());
    await user.click(screen.getByRole('button', { name: '报送' }));
    await user.click(within(await screen.findByRole('dialog', HIDDEN_OK)).getByRole('button', { name: '确认报送', ...HIDDEN_OK }));
    expect(await screen.findByText('内容与退回时相同，仍为已退回，请按退回意见修改后再报送。')).toBeInTheDocument();
    expect(screen.getAllByText('退回意见：第3人基数有误').length).toBeGreaterThan(0);
    expect(screen.getAllByText('机关党委 · 财务，2026-10-09 10:30').length).toBeGreaterThan(0);
    expect(screen.queryByText(/回执：/)).toBeNull();
  });
});

describe('one 欠交', () => {
  it('the preview and the confirmation count a member’s quarter as the roll-up does, not month by month', async () => {
    const grids = await cleanGrids();
    const reg = grids.find((g) => g.name === '党费登记')!;
    // 王建华: July 0, August 40, September 80 — the quarter is paid in full (2008规定 第十二条).
    reg.values[1]![13] = 0;
    reg.values[1]![15] = 80;
    // 李秀兰: September 20 of 40 (and her 累计实交 says so): 20.00 short.
    reg.values[2]![15] = 20;
    reg.values[2]![19] = 340;
    const { user } = await signedInClerk(whoAmI(new FakeApi()), grids);
    const table = await screen.findByRole('table', { name: '报送摘要' }, { timeout: 5000 });
    // Month by month it would read ¥60.00 (40 of July + 20 of September); the roll-up's is ¥20.00.
    expect(within(table).getAllByRole('cell').map((c) => c.textContent).slice(-2)).toEqual(['欠交', '¥20.00']);
    await user.click(screen.getByRole('button', { name: '报送' }));
    const dialog = await screen.findByRole('dialog', HIDDEN_OK);
    expect(within(dialog).getAllByRole('cell', HIDDEN_OK).map((c) => c.textContent).slice(-2)).toEqual(['欠交', '¥20.00']);
    // The warnings that travel are listed, naming the member.
    expect(within(dialog).getByText(/李秀兰：2026年9月 少交/)).toBeInTheDocument();
  });
});

describe('a workbook of another branch', () => {
  it('is shown, must be confirmed, and the body carries it with its warning', async () => {
    const grids = [{ name: '封面', values: [['填报单位：养护中心党支部']] }, ...(await cleanGrids())];
    const api = whoAmI(new FakeApi()).on('POST', /^\/api\/submissions$/, () => json(receipt(1), 201));
    const { user } = await signedInClerk(api, grids);
    expect(screen.getByText('工作簿写明的党支部“养护中心党支部”（封面!A1）与登录的“第一党支部”不一致。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '报送' }));
    const dialog = await screen.findByRole('dialog', HIDDEN_OK);
    const send = within(dialog).getByRole('button', { name: '确认报送', ...HIDDEN_OK });
    expect(send).toBeDisabled();
    expect(within(dialog).getByText(/报送人已确认报送/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('checkbox', HIDDEN_OK));
    expect(send).toBeEnabled();
    await user.click(send);
    await screen.findByText(/回执：/);
    const sent = posts(api)[0]!.body as Submission;
    expect(sent.workbookBranch).toEqual({ name: '养护中心党支部', sheet: '封面', cell: 'A1' });
    expect(sent.findings.find((f) => f.code === 'BRANCH_MISMATCH')).toMatchObject({ severity: 'warning', sheet: '封面', cell: 'A1' });
  });

  it('a workbook naming this branch asks nothing', async () => {
    const grids = [{ name: '封面', values: [['中共集团第一党支部党费收缴登记表']] }, ...(await cleanGrids())];
    await signedInClerk(whoAmI(new FakeApi()), grids);
    expect(screen.queryByText(/不一致/)).toBeNull();
  });
});

describe('a returned submission', () => {
  it('shows 已退回 with finance’s note, who returned it and when', async () => {
    const api = whoAmI(new FakeApi()).on('GET', /^\/api\/submissions\/ZB1\/2026Q3$/, () => json({
      current: receipt(2, { status: 'returned' }),
      revisions: [
        { revision: 1, etag: '"r1"', receivedAt: '2026-10-02T01:00:00Z', reportDate: '2026-09-30', totals: { members: 6, dueFen: 72000, paidFen: 72000 }, note: null, reviews: [] },
        { revision: 2, etag: '"r2"', receivedAt: '2026-10-03T01:00:00Z', reportDate: '2026-09-30', totals: { members: 6, dueFen: 72000, paidFen: 72000 }, note: null,
          reviews: [{ action: 'returned', note: '王建华基数有误，请核对后重报', at: '2026-10-05T02:30:00Z', by: '集团党委 · 财务 王会计' }] },
      ],
    }));
    await signedInClerk(api, await cleanGrids());
    const notice = await screen.findByText('已退回：2026年第三季度 第 2 版');
    expect(notice).toBeInTheDocument();
    expect(screen.getByText('退回意见：王建华基数有误，请核对后重报')).toBeInTheDocument();
    expect(screen.getByText('集团党委 · 财务 王会计，2026-10-05 10:30')).toBeInTheDocument();
  });
});
