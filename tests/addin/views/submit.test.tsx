// Submitting: summary, accepted revision, stale / locked / offline answers in plain words.
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { FakeApi, TOKENS, apiError, json, receipt, whoAmI } from '../fakeApi';
import { cleanGrids, fixtureGrids, renderApp } from '../helpers';
import type { Submission } from '../../../shared/api/contract';

/** 报送, then 确认报送 in the confirmation that shows what will be sent (issue 12). */
async function submitConfirmed(user: ReturnType<typeof renderApp>['user']) {
  await user.click(screen.getByRole('button', { name: '报送' }));
  // jsdom: Fluent's focus manager marks an open modal aria-hidden (see check.test.tsx).
  const dialog = await screen.findByRole('dialog', { hidden: true }, { timeout: 5000 });
  await user.click(within(dialog).getByRole('button', { name: '确认报送', hidden: true }));
}

async function signedInClerk(api: FakeApi, grids?: Awaited<ReturnType<typeof cleanGrids>>) {
  const r = renderApp({ api, grids: grids ?? (await cleanGrids()) });
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

describe('submit view', () => {
  it('asks to sign in first, then to check first', async () => {
    const { user } = renderApp({ grids: await cleanGrids() });
    await user.click(screen.getByRole('tab', { name: '报送' }));
    expect(screen.getByText('请先登录。')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: '登录' }));
    await user.type(screen.getByLabelText('访问令牌'), TOKENS.clerk);
    await user.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByText('第一党支部（支部）');
    await user.click(screen.getByRole('tab', { name: '报送' }));
    expect(screen.getByText('请先检查工作簿。')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '报送' })).toBeDisabled();
  });

  it('blocks a workbook with errors', async () => {
    await signedInClerk(whoAmI(new FakeApi()), await fixtureGrids());
    expect(screen.getByText(/还有 \d+ 个错误，修正后才能报送。/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '报送' })).toBeDisabled();
  });

  it('shows the summary, submits with an Idempotency-Key, and re-submits with If-Match', async () => {
    let rev = 0;
    const api = whoAmI(new FakeApi()).on('POST', /^\/api\/submissions$/, () => json(receipt(++rev), 201));
    const { user } = await signedInClerk(api);
    const table = screen.getByRole('table', { name: '报送摘要' });
    const cells = within(table).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['党员人数', '6', '应交', '¥720.00', '实交', '¥720.00', '欠交', '¥0.00']);
    expect(screen.getByRole('button', { name: '随报送提交的警告：0 条' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '季度' })).toHaveValue('2026Q3');
    await submitConfirmed(user);
    expect(await screen.findByText('已接收：第 1 版（已报送）。')).toBeInTheDocument();
    const first = api.seen.filter((r) => r.method === 'POST')[0]!;
    expect(first.headers.get('Idempotency-Key')).toMatch(/.{8,}/);
    expect(first.headers.get('If-Match')).toBeNull();
    const body = first.body as Submission;
    expect(body.quarter).toBe('2026Q3');
    expect(body.members).toHaveLength(6);
    expect(body.totals).toEqual({ members: 6, dueFen: 72000, paidFen: 72000 });
    await submitConfirmed(user);
    expect(await screen.findByText('已接收：第 2 版（已报送）。')).toBeInTheDocument();
    const second = api.seen.filter((r) => r.method === 'POST')[1]!;
    expect(second.headers.get('If-Match')).toBe('"r1"');
    expect(second.headers.get('Idempotency-Key')).not.toBe(first.headers.get('Idempotency-Key'));
  });

  it('on a stale revision, reloads the latest and retries with its etag', async () => {
    const api = whoAmI(new FakeApi())
      .on('POST', /^\/api\/submissions$/, (r) =>
        r.headers.get('If-Match') === '"r7"' ? json(receipt(8), 201) : apiError(412, 'STALE_REVISION', 'the latest revision is 7'),
      )
      .on('GET', /^\/api\/submissions\/ZB1\/2026Q3$/, () => json({ current: receipt(7), revisions: [] }));
    const { user } = await signedInClerk(api);
    await submitConfirmed(user);
    expect(await screen.findByText('服务器上已有更新的版本。请重新加载后再报送。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '重新加载并重试' }));
    expect(await screen.findByText('已接收：第 8 版（已报送）。')).toBeInTheDocument();
  });

  it('explains a missing If-Match (428) and a locked quarter (423)', async () => {
    let answer = () => apiError(428, 'PRECONDITION_REQUIRED', 'send If-Match');
    const api = whoAmI(new FakeApi()).on('POST', /^\/api\/submissions$/, () => answer());
    const { user } = await signedInClerk(api);
    await submitConfirmed(user);
    expect(await screen.findByText('这是再次报送，需要先加载服务器上的最新版本。')).toBeInTheDocument();
    answer = () => apiError(423, 'QUARTER_LOCKED', '2026Q3 is locked');
    await submitConfirmed(user);
    expect(await screen.findByText('该季度已锁定，无法报送。如需更改，请联系党委财务。')).toBeInTheDocument();
    answer = () => apiError(422, 'SUBMISSION_REJECTED', 'the server re-check found 1 error');
    await submitConfirmed(user);
    expect(await screen.findByText('服务器拒绝：the server re-check found 1 error')).toBeInTheDocument();
  });

  it('queues the submission when offline and sends it with the same key when the network returns', async () => {
    const api = whoAmI(new FakeApi()).on('POST', /^\/api\/submissions$/, () => json(receipt(1), 201));
    const { user, local } = await signedInClerk(api);
    api.offline = true;
    await submitConfirmed(user);
    expect(await screen.findByText('网络不可用，报送已保存在本机，恢复连接后自动重试（待发送 1 份）。')).toBeInTheDocument();
    const queued = JSON.parse(local.getItem('duesbook.outbox')!) as { key: string; quarter: string }[];
    expect(queued).toHaveLength(1);
    expect(queued[0]!.quarter).toBe('2026Q3');
    api.offline = false;
    await act(async () => {
      window.dispatchEvent(new Event('online'));
    });
    expect(await screen.findByText('已接收：第 1 版（已报送）。')).toBeInTheDocument();
    const posts = api.seen.filter((r) => r.method === 'POST');
    expect(posts.at(-1)!.headers.get('Idempotency-Key')).toBe(queued[0]!.key);
    await waitFor(() => expect(local.getItem('duesbook.outbox')).toBeNull());
    // The body names its branch, so the server can refuse it under another branch's token.
    expect((posts.at(-1)!.body as Submission).branchCode).toBe('ZB1');
  });

  it('never sends a queued submission with another token, and clears its raw IDs at sign-out', async () => {
    const api = whoAmI(new FakeApi()).on('POST', /^\/api\/submissions$/, () => json(receipt(1), 201));
    const { user, local } = await signedInClerk(api);
    api.offline = true;
    await submitConfirmed(user);
    await screen.findByText(/网络不可用，报送已保存在本机/);
    const queued = JSON.parse(local.getItem('duesbook.outbox')!) as { body: Submission }[];
    const rawId = queued[0]!.body.members[0]!.idNumber;
    expect(local.getItem('duesbook.outbox')).toContain(rawId);
    expect(screen.getByText('2026Q3（ZB1）：等待发送')).toBeInTheDocument();
    // Sign out: the member list (raw IDs) leaves the device; the pane says what was not sent.
    await user.click(screen.getByRole('tab', { name: /支部/ }));
    await user.click(screen.getByRole('button', { name: '退出登录' }));
    expect(local.getItem('duesbook.outbox')).not.toContain(rawId);
    // Finance signs in and comes back online: nothing is posted in its name.
    api.offline = false;
    await user.type(screen.getByLabelText('访问令牌'), TOKENS.finance);
    await user.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByText('集团党委（财务）');
    await act(async () => {
      window.dispatchEvent(new Event('online'));
    });
    await user.click(screen.getByRole('tab', { name: '报送' }));
    expect(screen.getByText('2026Q3（ZB1）：未发送，退出登录时已从本机清除，请重新报送')).toBeInTheDocument();
    expect(api.seen.filter((r) => r.method === 'POST')).toHaveLength(1); // the offline attempt only
    await user.click(screen.getByRole('button', { name: '知道了' }));
    expect(local.getItem('duesbook.outbox')).toBeNull();
  });
});

describe('the deadline banner', () => {
  async function clerkOn(today: string, submitted: boolean) {
    const a = whoAmI(new FakeApi()).on('GET', /^\/api\/submissions\/ZB1\/2026Q3$/, () => (submitted ? json({ current: receipt(1), revisions: [] }) : apiError(404, 'NOT_FOUND', 'submission not found')));
    const r = renderApp({ api: a, props: { today } });
    await r.user.click(screen.getByRole('tab', { name: '登录' }));
    await r.user.type(screen.getByLabelText('访问令牌'), TOKENS.clerk);
    await r.user.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByText(/第一党支部（/);
    await r.user.click(screen.getByRole('tab', { name: '报送' }));
    await r.user.selectOptions(screen.getByLabelText('季度'), '2026Q3');
    return r;
  }

  it('warns a clerk whose quarter is due soon and not on the server', async () => {
    await clerkOn('2026-10-06', false);
    expect(await screen.findByText('2026年第三季度党费收缴情况应于2026年10月10日前报送，本支部尚未报送。')).toBeInTheDocument();
  });

  it('says overdue after the deadline', async () => {
    await clerkOn('2026-10-12', false);
    expect(await screen.findByText(/报送截止日期2026年10月10日已过，本支部尚未报送/)).toBeInTheDocument();
  });

  it('stays quiet once the quarter is submitted', async () => {
    await clerkOn('2026-10-06', true);
    await new Promise((res) => setTimeout(res, 300));
    expect(screen.queryByText(/本支部尚未报送/)).not.toBeInTheDocument();
  });
});
