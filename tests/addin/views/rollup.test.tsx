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

// In jsdom, Fluent's focus manager marks an open modal dialog aria-hidden shortly after it opens
// (as in check.test.tsx): query dialogs with hidden elements allowed.
const HIDDEN_OK = { hidden: true } as const;

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

  it('locks the committee only after a confirmation naming every branch by where it stands', async () => {
    let locked = false;
    const a = api(() => ({ ...rollupTree(), locked })).on('PUT', /^\/api\/locks\/JT\/2026Q3$/, () => {
      locked = true;
      return json({ orgCode: 'JT', quarter: '2026Q3', note: null, at: '2026-10-10T08:00:00.000Z' });
    });
    const { user } = await financeRollup(a);
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    await user.click(await screen.findByRole('button', { name: '锁定集团党委本季度' }));
    const dialog = await screen.findByRole('alertdialog', HIDDEN_OK);
    expect(within(dialog).getByText('锁定集团党委 2026年第三季度？')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('已报送待确认')).toHaveTextContent('已报送待确认（1）：第一党支部');
    expect(within(dialog).getByLabelText('未报送')).toHaveTextContent('未报送（1）：第二党支部');
    expect(within(dialog).getByText('注意：还有 1 个党支部未报送、0 个已退回未重报。')).toBeInTheDocument();
    // Cancelling locks nothing.
    await user.click(await within(dialog).findByRole('button', { name: '取消', ...HIDDEN_OK }));
    expect(a.seen.some((r) => r.method === 'PUT')).toBe(false);
    await user.click(screen.getByRole('button', { name: '锁定集团党委本季度' }));
    await user.click(await within(await screen.findByRole('alertdialog', HIDDEN_OK)).findByRole('button', { name: '确定锁定', ...HIDDEN_OK }));
    expect(await screen.findByText('已锁定 集团党委 2026年第三季度。')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: '解除集团党委的锁定' })).toBeInTheDocument();
    expect(screen.getAllByText('已锁定').length).toBeGreaterThan(0);
  });

  it('locks a 总支 from the tree, and unlocks after confirming', async () => {
    let locked = false;
    const a = api(() => {
      const t = rollupTree();
      return { ...t, children: [{ ...t.children[0]!, locked }] };
    })
      .on('PUT', /^\/api\/locks\/ZZ1\/2026Q3$/, () => { locked = true; return json({ orgCode: 'ZZ1', quarter: '2026Q3', note: null, at: '2026-10-10T08:00:00.000Z' }); })
      .on('DELETE', /^\/api\/locks\/ZZ1\/2026Q3$/, () => { locked = false; return json({ orgCode: 'ZZ1', quarter: '2026Q3', unlocked: true }); });
    const { user } = await financeRollup(a);
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    await user.click(within(await screen.findByRole('tree')).getByText('第一党总支'));
    await user.click(screen.getByRole('button', { name: '锁定第一党总支本季度' }));
    await user.click(await within(await screen.findByRole('alertdialog', HIDDEN_OK)).findByRole('button', { name: '确定锁定', ...HIDDEN_OK }));
    await user.click(await screen.findByRole('button', { name: '解除第一党总支的锁定' }));
    const dialog = await screen.findByRole('alertdialog', HIDDEN_OK);
    expect(within(dialog).getByText('解除第一党总支 2026年第三季度的锁定？')).toBeInTheDocument();
    await user.click(await within(dialog).findByRole('button', { name: '确定解除', ...HIDDEN_OK }));
    expect(await screen.findByText('已解除锁定：第一党总支 2026年第三季度。')).toBeInTheDocument();
    expect(a.seen.filter((r) => r.path.startsWith('/api/locks/')).map((r) => r.method)).toEqual(['PUT', 'DELETE']);
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

describe('which revision counts, and the year', () => {
  function withBranch(patch: Partial<RollupNode>, period = '2026Q3'): RollupNode {
    const tree = rollupTree('submitted');
    const zz = tree.children[0]!;
    const patched = { ...tree, period, children: [{ ...zz, period, children: [{ ...zz.children[0]!, ...patch, period }, { ...zz.children[1]!, period }] }] };
    return patched;
  }

  it('labels a fall-back after a return with the revision that counts', async () => {
    const a = api(() => withBranch({ status: 'returned', revision: 2, countedRevision: 1 }));
    const { user } = await financeRollup(a);
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    const tree = await screen.findByRole('tree');
    expect(within(tree).getByText('按第1版计（第2版已退回）')).toBeInTheDocument();
  });

  it('a returned revision with nothing earlier standing reads 已退回', async () => {
    const a = api(() => withBranch({ status: 'returned', revision: 1, countedRevision: null }));
    const { user } = await financeRollup(a);
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    expect(within(await screen.findByRole('tree')).getByText('已退回')).toBeInTheDocument();
  });

  it('the year says 已报齐 or how many quarters are in, not 未报送 beside figures', async () => {
    const year = withBranch({ status: null, revision: null, quartersSubmitted: 2 }, '2026');
    year.children[0]!.children[1] = { ...year.children[0]!.children[1]!, quartersSubmitted: 4 };
    const a = whoAmI(new FakeApi()).on('GET', /^\/api\/rollups\/2026$/, () => json(year));
    const { user } = await financeRollup(a);
    await user.selectOptions(screen.getByLabelText('期间'), '2026年度');
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    const tree = await screen.findByRole('tree');
    expect(within(tree).getByText('未报齐（2/4个季度）')).toBeInTheDocument();
    expect(within(tree).getByText('已报齐')).toBeInTheDocument();
    expect(within(tree).queryByText('未报送')).not.toBeInTheDocument();
    // The 总支 and 党委 lines count a year's branches as in only when all four quarters are.
    const { branches } = year.children[0]!.figures;
    expect(within(tree).getAllByText(`支部 ${branches.total} · 已报齐 ${branches.submitted} · 全年已确认 ${branches.confirmed} · 未报齐 ${branches.missing}`).length).toBeGreaterThan(0);
    expect(within(tree).queryByText(/已报 \d+ · 已确认/)).not.toBeInTheDocument();
  });

  it('choosing another period clears the tree shown, so nothing acts on the wrong period', async () => {
    const a = api();
    const { user } = await financeRollup(a);
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    await user.click(within(await screen.findByRole('tree')).getByText('第一党支部'));
    expect(screen.getByRole('group', { name: '第一党支部' })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('期间'), '2026年度');
    expect(screen.queryByRole('tree')).not.toBeInTheDocument();
    expect(screen.queryByRole('group', { name: '第一党支部' })).not.toBeInTheDocument();
  });

  it('selecting the 党委 or a 总支 keeps the branches under it in view', async () => {
    const { user } = await financeRollup(api());
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    const tree = await screen.findByRole('tree');
    await user.click(within(tree).getByText('集团党委'));
    await user.click(within(tree).getByText('第一党总支'));
    expect(within(tree).getByText('第一党支部')).toBeVisible();
    expect(within(tree).getByRole('treeitem', { name: '集团党委' })).toHaveAttribute('aria-expanded', 'true');
    expect(within(tree).getByRole('treeitem', { name: '第一党总支' })).toHaveAttribute('aria-expanded', 'true');
  });
});

describe('each role sees only the actions it can take', () => {
  async function as(token: string) {
    const a = api();
    const r = renderApp({ api: a, host: new FakeHost([]) });
    await r.user.click(screen.getByRole('tab', { name: '登录' }));
    await r.user.type(screen.getByLabelText('访问令牌'), token);
    await r.user.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByText(/^(集团党委|第一党支部)（/);
    await r.user.click(screen.getByRole('tab', { name: '汇总' }));
    await r.user.click(screen.getByRole('button', { name: '查看汇总' }));
    await r.user.click(within(await screen.findByRole('tree')).getByText('第一党支部'));
    return r;
  }
  const card = () => screen.getByRole('group', { name: '第一党支部' });

  it('a leader downloads, but neither locks nor reviews', async () => {
    await as(TOKENS.leader);
    expect(screen.getByRole('button', { name: '下载汇总工作簿' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^锁定/ })).not.toBeInTheDocument();
    expect(within(card()).queryByRole('button', { name: '确认' })).not.toBeInTheDocument();
  });

  it('an admin locks, but neither reviews nor downloads', async () => {
    await as(TOKENS.admin);
    expect(screen.getByRole('button', { name: '锁定集团党委本季度' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '下载汇总工作簿' })).not.toBeInTheDocument();
    expect(within(card()).queryByRole('button', { name: '确认' })).not.toBeInTheDocument();
  });

  it('finance reviews, locks and downloads', async () => {
    await as(TOKENS.finance);
    expect(screen.getByRole('button', { name: '下载汇总工作簿' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '锁定集团党委本季度' })).toBeInTheDocument();
    expect(within(card()).getByRole('button', { name: '确认' })).toBeInTheDocument();
  });
});

describe('review with the facts in view', () => {
  it('shows the revision, when and by whom, what changed and the warnings before 确认', async () => {
    const a = api()
      .on('GET', /^\/api\/submissions\/ZB1\/2026Q3\/revisions\/2\/changes$/, () => json({
        revision: 2, previous: 1, receivedAt: '2026-09-30T10:00:00Z', submittedBy: { org: '第一党支部', label: '组织委员' },
        added: [{ name: '赵新', idMasked: '110105********0021' }], removed: [{ name: '钱旧', idMasked: '110105********0013' }],
        changed: [{ name: '王建华', idMasked: '110105********0011', dueFen: [12000, 12000], paidFen: [10000, 12000] }],
        totals: { before: { members: 6, dueFen: 72000, paidFen: 68000 }, after: { members: 6, dueFen: 72000, paidFen: 70000 } },
      }))
      .on('GET', /^\/api\/submissions\/ZB1\/2026Q3\/revisions\/2$/, () => json({
        revision: 2, etag: '"r2"', receivedAt: '2026-09-30T10:00:00Z', reportDate: '2026-09-30', totals: { members: 6, dueFen: 72000, paidFen: 70000 }, note: null, reviews: [],
        findings: [
          { code: 'UNDERPAID', severity: 'warning', sheet: '党费', cell: 'H7', message: '王建华 2026年7月少交 20.00 元' },
          { code: 'OVERPAID', severity: 'info', sheet: '党费', cell: 'H8', message: '自愿多交' },
        ],
      }));
    const { user } = await financeRollup(a);
    await user.click(screen.getByRole('button', { name: '查看汇总' }));
    await user.click(within(await screen.findByRole('tree')).getByText('第一党支部'));
    const card = screen.getByRole('group', { name: '第一党支部' });
    const facts = await within(card).findByRole('region', { name: '本版情况' });
    expect(within(facts).getByText('第2版 · 2026-09-30 18:00（北京时间）由第一党支部（组织委员）报送')).toBeInTheDocument();
    expect(within(facts).getByText('与第1版相比：新增 1 人，减少 1 人，金额变化 1 人。')).toBeInTheDocument();
    expect(within(facts).getByText('新增：赵新')).toBeInTheDocument();
    expect(within(facts).getByText('减少：钱旧')).toBeInTheDocument();
    expect(within(facts).getByText('王建华：应交 ¥120.00 → ¥120.00，实交 ¥100.00 → ¥120.00')).toBeInTheDocument();
    expect(within(facts).getByText('随报送的警告 1 条')).toBeInTheDocument();
    expect(within(facts).getByText('· 王建华 2026年7月少交 20.00 元')).toBeInTheDocument();
    // The card takes focus, so it opens where finance is looking.
    expect(document.activeElement).toBe(card);
  });
});

describe('reminders (催报, 催缴)', () => {
  it('lists who has not submitted with a 催报 text to copy, and a branch’s arrears list', async () => {
    const r = renderApp({ api: api(), props: { today: '2026-10-06' } });
    await r.user.click(screen.getByRole('tab', { name: '登录' }));
    await r.user.type(screen.getByLabelText('访问令牌'), TOKENS.finance);
    await r.user.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByText('集团党委（财务）');
    await r.user.click(screen.getByRole('tab', { name: '汇总' }));
    await r.user.selectOptions(screen.getByLabelText('期间'), '2026年第三季度');
    await r.user.click(screen.getByRole('button', { name: '查看汇总' }));
    const panel = await screen.findByRole('region', { name: '催报：1 个党支部尚未报送（截止 2026年10月10日，还有 4 天）' });
    expect(within(panel).getByRole('textbox')).toHaveValue('【催报】第二党支部：请于2026年10月10日前报送2026年第三季度党费收缴情况。如有困难请联系集团党委。');
    await r.user.click(within(screen.getByRole('tree')).getByText('第一党支部'));
    const card = screen.getByRole('group', { name: '第一党支部' });
    await r.user.click(within(card).getByRole('button', { name: '生成催缴名单' }));
    const list = await within(card).findByLabelText('复制下面的名单发给支部（系统不会自动发送）：');
    expect((list as HTMLTextAreaElement).value.split('\n')).toEqual([
      '【催缴】第一党支部 2026年第三季度欠交党费名单（共 1 人）：',
      '1. 王建华：欠交 20.00 元',
      '请按时交纳党费。',
    ]);
  });
});
