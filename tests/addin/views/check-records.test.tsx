// Signed in as a branch's clerk, the check applies the branch's approvals and transfers as the
// server will (shared/approvals/apply.ts): covered months are no longer 未交, an info finding names
// the approval, and the 报送 preview's 欠交 is the roll-up's. Not signed in, the check is the workbook's.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { Approval } from '../../../shared/api/approvals';
import type { Submission } from '../../../shared/api/contract';
import { maskId } from '../../../shared/idcard';
import { FakeApi, TOKENS, json, receipt, whoAmI } from '../fakeApi';
import { renderApp } from '../helpers';
import { person, workbook } from '../../shared/checker/grids';

const owes = person({ paid: [90, 90, 90, 90, 90, 90, null, null, null] }, 1);
const grids = () => workbook([owes, person({}, 2)]);
const approval: Approval = {
  id: 4, branch: 'ZB1', member: { name: owes.name, idMasked: maskId(String(owes.id)) }, category: '在职', kind: '免交', fromMonth: '2026-07', toMonth: '2026-09',
  amountFen: 0, documentNo: '集团党委〔2026〕4号', approvingOrgs: ['集团党委'], approvedOn: '2026-07-02', note: null, level: 'committee', status: 'confirmed',
  enteredAt: '2026-07-02T00:00:00Z', decidedAt: '2026-07-03T00:00:00Z', decidedBy: 'JT', decisionNote: null, withdrawnAt: null, withdrawnBy: null, withdrawReason: null, findings: [],
};

function api() {
  return whoAmI(new FakeApi())
    .on('GET', /^\/api\/approvals\?year=2026$/, () => json([approval]))
    .on('GET', /^\/api\/transfers$/, () => json([]))
    .on('POST', /^\/api\/submissions$/, () => json(receipt(1), 201));
}

async function check(user: ReturnType<typeof renderApp>['user']) {
  await user.click(screen.getByRole('tab', { name: '检查' }));
  await user.click(screen.getByRole('button', { name: '检查工作簿' }));
  await screen.findByText(/党员 \d+ 人/, undefined, { timeout: 5000 });
}

describe('the check with the branch’s records', () => {
  it('offline (not signed in): the workbook’s own findings, nothing about approvals', async () => {
    const { user } = renderApp({ grids: grids(), api: api() });
    await check(user);
    expect(screen.getAllByText(/未交党费/).length).toBeGreaterThan(0);
    expect(screen.queryByText(/经批准免交/)).toBeNull();
  });

  it('a clerk: the confirmed 免交 takes July–September off, says so, and the 报送 preview shows 欠交 after it', async () => {
    const a = api();
    const { user } = renderApp({ grids: grids(), api: a });
    await user.click(screen.getByRole('tab', { name: '登录' }));
    await user.type(screen.getByLabelText('访问令牌'), TOKENS.clerk);
    await user.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByText('第一党支部（支部）');
    await waitFor(() => expect(a.seen.some((x) => x.path === '/api/approvals?year=2026')).toBe(true));
    await check(user);
    expect(await screen.findByText(/2026年7月、2026年8月、2026年9月 经批准免交（集团党委〔2026〕4号），不计欠交/, undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByText(/未交党费/)).toBeNull();
    await user.click(screen.getByRole('tab', { name: '报送' }));
    const table = screen.getByRole('table', { name: '报送摘要' });
    expect(within(table).getByTestId('preview-arrears')).toHaveTextContent('¥0.00');
    expect(within(table).getByTestId('preview-approved')).toHaveTextContent('¥270.00（未计审批前欠交 270.00 元）');
    // What is sent is the workbook's own figures: the server applies the approval itself.
    await user.click(screen.getByRole('button', { name: '报送' }));
    const dialog = await screen.findByRole('dialog', { hidden: true }, { timeout: 5000 });
    // The confirmation says the same 欠交 as the preview.
    const cells = within(dialog).getAllByRole('cell', { hidden: true }).map((c) => c.textContent);
    expect(cells.slice(cells.indexOf('欠交'), cells.indexOf('欠交') + 2)).toEqual(['欠交', '¥0.00']);
    await user.click(within(dialog).getByRole('button', { name: '确认报送', hidden: true }));
    await screen.findByText('已接收：第 1 版（已报送）。');
    const body = a.seen.find((x) => x.method === 'POST' && x.path === '/api/submissions')!.body as Submission;
    const owed = body.members.find((m) => m.name === owes.name)!;
    expect(owed.months.map((m) => m.paidFen)).toEqual([0, 0, 0]);
  });
});
