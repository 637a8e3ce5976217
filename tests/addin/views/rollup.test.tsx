// Finance and leadership: roll-up tree, drill-down, confirm/return, lock, insert as sheet, errors.
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { RollupNode } from '../../../shared/api/contract';
import { FakeApi, TOKENS, apiError, json, receipt, rollupTree, whoAmI } from '../fakeApi';
import { FakeHost } from '../fakeHost';
import { renderApp } from '../helpers';

async function financeRollup(api: FakeApi, host?: FakeHost) {
  const r = renderApp({ api, ...(host ? { host } : {}) });
  await r.user.click(screen.getByRole('tab', { name: '登录' }));
  await r.user.type(screen.getByLabelText('访问令牌'), TOKENS.finance);
  await r.user.click(screen.getByRole('button', { name: '登录' }));
  await screen.findByText('集团党委（财务）');
  await r.user.click(screen.getByRole('tab', { name: '汇总' }));
  return r;
}

function api(tree: () => RollupNode = () => rollupTree()) {
  return whoAmI(new FakeApi())
    .on('GET', /^\/api\/rollups\/2026Q3$/, () => json(tree()))
    .on('GET', /^\/api\/rollups\/2026Q3\/members\?org=ZB1$/, () =>
      json({ branch: 'ZB1', period: '2026Q3', members: [
        { idMasked: '110105********0011', name: '王建华', memberClass: '正式党员', category: '在职', baseFen: 400000, months: [], dueFen: 12000, paidFen: 10000, arrearsFen: 2000, unpaidStreak: 0 },
      ] }),
    );
}

describe('roll-up view', () => {
  it('asks to sign in first', async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole('tab', { name: '汇总' }));
    expect(screen.getByText('请先登录。')).toBeInTheDocument();
  });

  it('shows the tree with figures and status, and drills down to a branch’s members', async () => {
    const a = api();
    const { user } = await financeRollup(a);
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    const tree = await screen.findByRole('tree');
    expect(within(tree).getByText('集团党委')).toBeInTheDocument();
    expect(within(tree).getByText('第一党总支')).toBeInTheDocument();
    expect(within(tree).getAllByText(/应交 ¥720\.00 · 实交 ¥700\.00 · 欠交 ¥20\.00 · 收缴率 97\.2%/).length).toBeGreaterThan(0);
    expect(within(tree).getAllByText('支部 2 · 已报 1 · 已确认 0 · 未报 1')).toHaveLength(2);
    expect(within(tree).getByText('未报送')).toBeInTheDocument();
    await user.click(within(tree).getByText('第一党支部'));
    const card = screen.getByRole('group', { name: '第一党支部' });
    expect(within(card).getByText('欠交 1 人，其中连续六个月未交 0 人')).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: '查看党员' }));
    const table = await within(card).findByRole('table', { name: '第一党支部 党员明细' });
    expect(within(table).getByText('110105********0011')).toBeInTheDocument();
    expect(within(table).getByText('20.00')).toBeInTheDocument();
    expect(a.seen.find((r) => r.path.includes('/members'))!.headers.get('Authorization')).toBe(`Bearer ${TOKENS.finance}`);
  });

  it('confirms the revision it shows; returning needs a note', async () => {
    let status: 'submitted' | 'confirmed' = 'submitted';
    const a = api(() => rollupTree(status))
      .on('POST', /^\/api\/submissions\/ZB1\/2026Q3\/confirm$/, () => {
        status = 'confirmed';
        return json(receipt(2, { status: 'confirmed' }));
      })
      .on('POST', /^\/api\/submissions\/ZB1\/2026Q3\/return$/, () => json(receipt(2, { status: 'returned' })));
    const { user } = await financeRollup(a);
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    await user.click(within(await screen.findByRole('tree')).getByText('第一党支部'));
    const card = screen.getByRole('group', { name: '第一党支部' });
    expect(within(card).getByRole('button', { name: '退回' })).toBeDisabled();
    await user.type(within(card).getByLabelText('备注'), '数字已核对');
    await user.click(within(card).getByRole('button', { name: '确认' }));
    expect(await screen.findByText('已处理：第一党支部')).toBeInTheDocument();
    const post = a.seen.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({ revision: 2, note: '数字已核对' });
    await waitFor(() => expect(within(screen.getByRole('tree')).getByText('已确认')).toBeInTheDocument());
    expect(within(card).getByRole('button', { name: '确认' })).toBeDisabled();
  });

  it('is keyboard reachable: Tab to the tree, arrows to a branch, Enter opens it', async () => {
    const { user } = await financeRollup(api());
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    const tree = await screen.findByRole('tree');
    within(tree).getAllByRole('treeitem')[0]!.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toHaveAccessibleName('第一党支部');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('group', { name: '第一党支部' })).toBeInTheDocument();
  });

  it('reports a stale review in plain words', async () => {
    const a = api().on('POST', /confirm$/, () => apiError(412, 'STALE_REVISION', 'the latest revision is 3, not 2'));
    const { user } = await financeRollup(a);
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    await user.click(within(await screen.findByRole('tree')).getByText('第一党支部'));
    await user.click(within(screen.getByRole('group', { name: '第一党支部' })).getByRole('button', { name: '确认' }));
    expect(await screen.findByText('服务器拒绝：the latest revision is 3, not 2')).toBeInTheDocument();
  });

  it('locks the quarter at the committee', async () => {
    let locked = false;
    const a = api(() => ({ ...rollupTree(), locked })).on('PUT', /^\/api\/locks\/JT\/2026Q3$/, () => {
      locked = true;
      return json({ orgCode: 'JT', quarter: '2026Q3', note: null, at: '2026-10-10T08:00:00.000Z' });
    });
    const { user } = await financeRollup(a);
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    await user.click(await screen.findByRole('button', { name: '锁定本季度' }));
    expect(await screen.findByText('已锁定 2026Q3。')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: '锁定本季度' })).not.toBeInTheDocument());
    expect(screen.getAllByText('已锁定').length).toBeGreaterThan(0);
  });

  it('inserts the roll-up into the workbook as a new sheet', async () => {
    const host = new FakeHost([]);
    const { user } = await financeRollup(api(), host);
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    await user.click(await screen.findByRole('button', { name: '插入为新工作表' }));
    expect(await screen.findByText('已插入工作表。')).toBeInTheDocument();
    expect(host.inserted[0]!.name).toBe('汇总 2026Q3');
    expect(host.inserted[0]!.rows[0]).toEqual(['组织', '类型', '党员人数', '应交', '实交', '欠交', '收缴率', '状态']);
    expect(host.inserted[0]!.rows[1]).toEqual(['集团党委', '党委', 6, 720, 700, 20, '97.2%', '']);
    expect(host.inserted[0]!.rows.at(-1)).toEqual(['　　第二党支部', '党支部', 6, 0, 0, 0, '—', '未报送']);
  });

  it('falls back to a signed link where Excel cannot open a new workbook', async () => {
    const opened: unknown[] = [];
    const open = vi.spyOn(window, 'open').mockImplementation((...args: unknown[]) => {
      opened.push(args);
      return null;
    });
    const a = api().on('POST', /^\/api\/reports\/2026Q3\/link$/, () => json({ url: '/api/reports/2026Q3.xlsx?link=abc', expiresAt: '', minutes: 10 }, 201));
    const { user } = await financeRollup(a, new FakeHost([]));
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    await user.click(await screen.findByRole('button', { name: '下载汇总工作簿' }));
    await waitFor(() => expect(opened).toHaveLength(1));
    expect(opened[0]).toEqual(['http://localhost:3000/api/reports/2026Q3.xlsx?link=abc', '_blank', 'noopener']);
    open.mockRestore();
  });

  it('opens the consolidated workbook as a new workbook where Excel can (ExcelApi 1.8)', async () => {
    class OpeningHost extends FakeHost {
      openedBytes: Uint8Array[] = [];
      async openWorkbook(bytes: ArrayBuffer) {
        this.openedBytes.push(new Uint8Array(bytes));
      }
    }
    const host = new OpeningHost([]);
    const xlsx = new Uint8Array([0x50, 0x4b, 3, 4, 9, 9]);
    const a = api().on('GET', /^\/api\/reports\/2026Q3\.xlsx$/, () => new Response(xlsx, { headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } }));
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    const { user } = await financeRollup(a, host);
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    await user.click(await screen.findByRole('button', { name: '在 Excel 中打开汇总工作簿' }));
    await waitFor(() => expect(host.openedBytes).toHaveLength(1));
    expect(host.openedBytes[0]).toEqual(xlsx);
    expect(open).not.toHaveBeenCalled();
    open.mockRestore();
  });

  it('shows forbidden and offline errors', async () => {
    const a = whoAmI(new FakeApi()).on('GET', /^\/api\/rollups\//, () => apiError(403, 'FORBIDDEN', 'no'));
    const { user } = await financeRollup(a);
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    expect(await screen.findByText('当前令牌无权查看汇总。')).toBeInTheDocument();
    a.offline = true;
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    expect(await screen.findByText('无法连接服务器，请检查网络。')).toBeInTheDocument();
  });

  it('shows the empty state for a period with no branches', async () => {
    const empty = rollupTree();
    empty.children = [];
    empty.figures = { ...empty.figures, branches: { total: 0, submitted: 0, confirmed: 0, missing: 0 } };
    const { user } = await financeRollup(api(() => empty));
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    expect(await screen.findByText('该期间没有数据。')).toBeInTheDocument();
  });
});
