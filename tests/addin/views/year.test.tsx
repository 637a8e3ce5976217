// 年度 (YearView): a branch's clerk enters an approval and withdraws it after a confirmation; the
// 党委's finance confirms one (the branch's arrears change) and revokes it with a reason; a
// transfer shows the letter line with the month in capital numerals and is withdrawn with a reason.
// Against a small stateful fake of the server's approval and transfer routes.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { MotionBehaviourProvider } from '@fluentui/react-motion';
import type { Approval, ApprovalRequest, Transfer, TransferRequest } from '../../../shared/api/approvals';
import type { RollupNode } from '../../../shared/api/contract';
import { recordFindings } from '../../../shared/approvals/findings';
import { maskId } from '../../../shared/idcard';
import { firstDueMonth, letterLine } from '../../../shared/transfers/letter';
import { ApiClient, type WhoAmI } from '../../../addin/src/api/client';
import { YearView } from '../../../addin/src/views/YearView';
import { FakeApi, apiError, json } from '../fakeApi';

const ID = '11010519800610123X';
const CLERK: WhoAmI = { role: 'clerk', org: { code: 'ZB1', name: '第一党支部', kind: '党支部' }, committee: { code: 'JT', name: '集团党委', kind: '党委' } };
const FINANCE: WhoAmI = { role: 'finance', org: { code: 'JT', name: '集团党委', kind: '党委' }, committee: { code: 'JT', name: '集团党委', kind: '党委' } };
const RAW_ARREARS = 27000;
const DUE = 9000;

/** What the worker keeps, as far as this view needs it: approvals, transfers, and the branch's arrears after them. */
function fakeServer() {
  const approvals: Approval[] = [];
  const transfers: Transfer[] = [];
  const api = new FakeApi();
  const withFindings = (a: Approval): Approval => ({ ...a, findings: a.withdrawnAt ? [] : recordFindings(a.member, a) });
  const approvedFen = () => approvals.filter((a) => a.status === 'confirmed').reduce((s, a) => s + DUE * (Number(a.toMonth.slice(5)) - Number(a.fromMonth.slice(5)) + 1), 0);
  const node = (): RollupNode => ({
    org: { code: 'ZB1', name: '第一党支部', kind: '党支部' }, period: '2026Q3', status: 'submitted', revision: 1, locked: false, children: [],
    figures: {
      members: { formal: 2, probationary: 0 }, byCategory: { 在职: 2 }, dueFen: 36000, paidFen: 9000, arrearsFen: RAW_ARREARS - approvedFen(), approvedFen: approvedFen(),
      membersInArrears: 1, membersSixMonthArrears: 0, collectionRateBp: 2500, branches: { total: 1, submitted: 1, confirmed: 0, missing: 0 },
    },
  });
  const find = (path: string) => approvals.find((a) => a.id === Number(/\/api\/approvals\/(\d+)\//.exec(path)![1]));
  api
    .on('GET', /^\/api\/approvals\?/, () => json(approvals.map(withFindings)))
    .on('GET', /^\/api\/transfers\?/, () => json(transfers))
    .on('GET', /^\/api\/rollups\/2026Q3\?org=ZB1$/, () => json(node()))
    .on('GET', /^\/api\/approvals\/effects\//, () => json({ branch: 'ZB1', period: '2026Q3', rawArrearsFen: RAW_ARREARS, arrearsFen: RAW_ARREARS - approvedFen(), approvedFen: approvedFen(), members: [], findings: [] }))
    .on('POST', /^\/api\/approvals$/, (req) => {
      const b = req.body as ApprovalRequest;
      const a: Approval = {
        id: approvals.length + 1, branch: 'ZB1', member: { name: b.name, idMasked: maskId(b.idNumber) }, category: b.category, kind: b.kind, fromMonth: b.fromMonth,
        toMonth: b.toMonth, amountFen: b.amountFen, documentNo: b.documentNo, approvingOrgs: b.approvingOrgs, approvedOn: b.approvedOn, note: null, level: 'committee',
        status: 'pending', enteredAt: '2026-09-01T00:00:00Z', decidedAt: null, decidedBy: null, decisionNote: null, withdrawnAt: null, withdrawnBy: null, withdrawReason: null, findings: [],
      };
      approvals.push(a);
      return json(withFindings(a), 201);
    })
    .on('POST', /^\/api\/approvals\/\d+\/confirm$/, (req) => {
      const a = find(req.path)!;
      Object.assign(a, { status: 'confirmed', decidedBy: 'JT', decidedAt: '2026-09-02T00:00:00Z' });
      return json(withFindings(a));
    })
    .on('POST', /^\/api\/approvals\/\d+\/withdraw$/, (req) => {
      const a = find(req.path)!;
      if (a.status !== 'pending') return apiError(409, 'CONFLICT', 'not pending');
      Object.assign(a, { status: 'withdrawn', withdrawnAt: '2026-09-03T00:00:00Z', withdrawnBy: 'ZB1', withdrawReason: (req.body as { reason?: string }).reason ?? null });
      return json(withFindings(a));
    })
    .on('POST', /^\/api\/approvals\/\d+\/revoke$/, (req) => {
      const a = find(req.path)!;
      Object.assign(a, { status: 'revoked', withdrawnAt: '2026-09-04T00:00:00Z', withdrawnBy: 'JT', withdrawReason: (req.body as { reason: string }).reason });
      return json(withFindings(a));
    })
    .on('POST', /^\/api\/transfers$/, (req) => {
      const b = req.body as TransferRequest;
      const t: Transfer = {
        id: transfers.length + 1, branch: 'ZB1', member: { name: b.name, idMasked: maskId(b.idNumber) }, direction: b.direction, date: b.date, paidThrough: b.paidThrough,
        firstDueMonth: firstDueMonth(b.paidThrough), counterpart: b.counterpart, note: null, letterLine: letterLine(b.paidThrough).zh, enteredAt: 'x', withdrawnAt: null, withdrawReason: null,
      };
      transfers.push(t);
      return json(t, 201);
    })
    .on('POST', /^\/api\/transfers\/\d+\/withdraw$/, (req) => {
      const t = transfers.find((x) => x.id === Number(/(\d+)\/withdraw/.exec(req.path)![1]))!;
      Object.assign(t, { withdrawnAt: '2026-09-05T00:00:00Z', withdrawReason: (req.body as { reason: string }).reason });
      return json(t);
    });
  return { api, approvals, transfers };
}

function show(server: ReturnType<typeof fakeServer>, who: WhoAmI) {
  const client = new ApiClient({ token: 't', fetch: server.api.fetch });
  let changed = 0;
  const utils = render(
    <MotionBehaviourProvider value="skip">
      <FluentProvider theme={webLightTheme}>
        <YearView client={client} who={who} periods={['2026Q3', '2026']} describeError={(e) => String(e)} onRecordsChanged={() => { changed += 1; }} />
      </FluentProvider>
    </MotionBehaviourProvider>,
  );
  return { ...utils, user: userEvent.setup(), changed: () => changed };
}

const posts = (s: ReturnType<typeof fakeServer>) => s.api.seen.filter((x) => x.method === 'POST').map((x) => x.path);

async function enterApproval(user: ReturnType<typeof userEvent.setup>) {
  const form = screen.getByRole('form', { name: '录入审批' });
  await user.type(within(form).getByLabelText('公民身份号码'), ID.toLowerCase());
  await user.type(within(form).getByLabelText('姓名'), '党员1');
  fireEvent.change(within(form).getByLabelText('起始月份'), { target: { value: '2026-08' } });
  fireEvent.change(within(form).getByLabelText('截止月份'), { target: { value: '2026-09' } });
  await user.type(within(form).getByLabelText('批准文号'), '区委党〔2026〕12号');
  await user.type(within(form).getByLabelText('批准组织（用逗号分隔）'), '第一党支部委员会，集团党委');
  fireEvent.change(within(form).getByLabelText('批准日期'), { target: { value: '2026-08-20' } });
  await user.click(within(form).getByRole('button', { name: '保存' }));
}

describe('年度: approvals', () => {
  it('a clerk enters a 免交; it waits for the 党委; withdrawing asks first, cancel sends nothing, yes withdraws it', async () => {
    const server = fakeServer();
    const { user, changed } = show(server, CLERK);
    await screen.findByText('暂无审批记录。');
    expect(screen.getByTestId('branch-arrears')).toHaveTextContent('欠交 270.00 元 · 经批准不计欠交 0.00 元');
    await enterApproval(user);
    const item = await screen.findByLabelText('党员1 免交');
    expect(within(item).getByText(/待确认/)).toBeInTheDocument();
    expect(within(item).getByText(/尚待党委确认/)).toBeInTheDocument();
    const sent = server.api.seen.find((x) => x.method === 'POST' && x.path === '/api/approvals')!.body as ApprovalRequest;
    expect(sent).toMatchObject({ idNumber: ID, kind: '免交', fromMonth: '2026-08', toMonth: '2026-09', amountFen: 0, approvingOrgs: ['第一党支部委员会', '集团党委'] });
    expect(changed()).toBe(1);
    // A clerk does not decide.
    expect(within(item).queryByRole('button', { name: '确认' })).toBeNull();

    await user.click(within(item).getByRole('button', { name: '撤回' }));
    const ask = within(item).getByRole('alertdialog', { name: '撤回' });
    expect(ask).toHaveTextContent('撤回 党员1 的免交申请？记录将保留并标为已撤回。');
    await user.click(within(ask).getByRole('button', { name: '取消' }));
    expect(posts(server)).toEqual(['/api/approvals']);

    await user.click(within(item).getByRole('button', { name: '撤回' }));
    const ask2 = within(item).getByRole('alertdialog', { name: '撤回' });
    await user.type(within(ask2).getByLabelText('撤回/撤销原因'), '文号填错');
    await user.click(within(ask2).getByRole('button', { name: '确定' }));
    await waitFor(() => expect(within(screen.getByLabelText('党员1 免交')).getByText(/已撤回/)).toBeInTheDocument());
    expect(posts(server)).toEqual(['/api/approvals', '/api/approvals/1/withdraw']);
    expect(server.api.seen.find((x) => x.path === '/api/approvals/1/withdraw')!.body).toEqual({ reason: '文号填错' });
    expect(screen.getByText('2026-09-03 由 ZB1 撤回：文号填错')).toBeInTheDocument();
    expect(within(screen.getByLabelText('党员1 免交')).queryByRole('button', { name: '撤回' })).toBeNull();
    expect(changed()).toBe(2);
  });

  it('the 党委’s finance confirms (the branch’s arrears change), then revokes it only with a reason', async () => {
    const server = fakeServer();
    const clerk = show(server, CLERK);
    await screen.findByText('暂无审批记录。');
    await enterApproval(clerk.user);
    await screen.findByLabelText('党员1 免交');
    clerk.unmount();

    const { user } = show(server, FINANCE);
    const item = await screen.findByLabelText('党员1 免交');
    // Finance names the branch to see its arrears.
    await user.type(screen.getByLabelText('党支部代码'), 'ZB1');
    await waitFor(() => expect(screen.getByTestId('branch-arrears')).toHaveTextContent('欠交 270.00 元 · 经批准不计欠交 0.00 元'));
    expect(within(item).queryByRole('button', { name: '撤回' })).toBeNull();
    await user.click(within(item).getByRole('button', { name: '确认' }));
    await waitFor(() => expect(screen.getByTestId('branch-arrears')).toHaveTextContent('欠交 90.00 元 · 经批准不计欠交 180.00 元'));
    const confirmed = screen.getByLabelText('党员1 免交');
    expect(within(confirmed).getByText(/已确认/)).toBeInTheDocument();

    await user.click(within(confirmed).getByRole('button', { name: '撤销确认' }));
    const ask = within(confirmed).getByRole('alertdialog', { name: '撤销确认' });
    expect(ask).toHaveTextContent('相关月份将重新计入欠交');
    const yes = within(ask).getByRole('button', { name: '确定' });
    expect(yes).toBeDisabled();
    expect(within(ask).getByText('请填写原因')).toBeInTheDocument();
    await user.type(within(ask).getByLabelText('撤回/撤销原因'), '复核不符合免交条件');
    await user.click(yes);
    await waitFor(() => expect(screen.getByTestId('branch-arrears')).toHaveTextContent('欠交 270.00 元 · 经批准不计欠交 0.00 元'));
    expect(server.api.seen.find((x) => x.path === '/api/approvals/1/revoke')!.body).toEqual({ reason: '复核不符合免交条件' });
    expect(within(screen.getByLabelText('党员1 免交')).getByText(/已撤销/)).toBeInTheDocument();
  });
});

describe('年度: transfers', () => {
  it('a 转出 shows the letter line in capital numerals (贰零贰陆年玖月); withdrawing it needs a reason and keeps it, marked', async () => {
    const server = fakeServer();
    const { user } = show(server, CLERK);
    await screen.findByText('暂无转接记录。');
    const form = screen.getByRole('form', { name: '录入转接' });
    await user.type(within(form).getByLabelText('公民身份号码'), ID);
    await user.type(within(form).getByLabelText('姓名'), '李四');
    fireEvent.change(within(form).getByLabelText('转接日期'), { target: { value: '2026-09-15' } });
    fireEvent.change(within(form).getByLabelText('党费交至（年月）'), { target: { value: '2026-09' } });
    await user.type(within(form).getByLabelText('转往/转自组织'), '某区某党支部');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    expect(await screen.findByTestId('letter-line')).toHaveTextContent('介绍信：该同志党费已交至贰零贰陆年玖月。');
    expect(server.transfers[0]).toMatchObject({ direction: '转出', paidThrough: '2026-09' });

    await user.click(screen.getByRole('button', { name: '撤回此转接' }));
    const ask = screen.getByRole('alertdialog', { name: '撤回此转接' });
    expect(ask).toHaveTextContent('撤回 李四 的转出记录？');
    expect(within(ask).getByRole('button', { name: '确定' })).toBeDisabled();
    await user.type(within(ask).getByLabelText('撤回/撤销原因'), '误录');
    await user.click(within(ask).getByRole('button', { name: '确定' }));
    expect(await screen.findByTestId('transfer-withdrawn')).toHaveTextContent('已撤回（误录）');
    expect(server.api.seen.find((x) => x.path === '/api/transfers/1/withdraw')!.body).toEqual({ reason: '误录' });
    expect(screen.queryByRole('button', { name: '撤回此转接' })).toBeNull();
    expect(screen.getByTestId('letter-line')).toBeInTheDocument();
  });
});
