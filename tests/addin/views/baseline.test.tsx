// 核定本年度党费 in the pane (BaselinePanel): what the checked workbook would fix, a confirmation
// before anything is sent, the fixed baseline with its totals, a refusal naming both figures, and
// recording a change with its reason (the ID taken from the workbook, never shown).
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Baseline, BaselineChangeRequest, BaselineFixRequest } from '../../../shared/api/baseline';
import type { WhoAmI } from '../../../addin/src/api/client';
import { ApiClient } from '../../../addin/src/api/client';
import { BaselinePanel } from '../../../addin/src/views/BaselinePanel';
import { ReceiptCard } from '../../../addin/src/views/SubmitStatus';
import { checkWorkbook } from '../../../shared/check';
import { maskId } from '../../../shared/idcard';
import { FakeApi, json } from '../fakeApi';
import { person, workbook } from '../../shared/checker/grids';

const CLERK: WhoAmI = { role: 'clerk', org: { code: 'ZB1', name: '第一党支部', kind: '党支部' }, committee: { code: 'JT', name: '集团党委', kind: '党委' } } as WhoAmI;
const ADMIN: WhoAmI = { role: 'admin', org: { code: 'JT', name: '集团党委', kind: '党委' }, committee: { code: 'JT', name: '集团党委', kind: '党委' } } as WhoAmI;
const checked = checkWorkbook(workbook([person({}, 1), person({ category: '离退休', base: 4000, rate: 0.005, due: 20, paid: Array(12).fill(20) }, 2)]), { asOf: '2026-09-30' });
const ids = checked.members.map((m) => m.idNumber!);

const unfixed: Baseline = { branch: 'ZB1', year: '2026', fixed: false, basesWithheld: false, members: [], totals: { members: 0, baseFen: 0, dueFen: 0 }, findings: [] };
function fixedFrom(req: BaselineFixRequest, changes: Baseline['members'][number]['changes'] = []): Baseline {
  return {
    branch: 'ZB1', year: req.year, fixed: true, basesWithheld: false, added: req.members.length, findings: [],
    members: req.members.map((m, i) => ({ member: { name: m.name, idMasked: maskId(m.idNumber) }, category: m.category, baseFen: m.baseFen, dueFen: m.dueFen, fixedAt: 'x', changes: i === 0 ? changes : [] })),
    totals: { members: req.members.length, baseFen: req.members.reduce((t, m) => t + (m.baseFen ?? 0), 0), dueFen: req.members.reduce((t, m) => t + m.dueFen, 0) },
  };
}

function setup(who: WhoAmI, api: FakeApi, props: { checked?: typeof checked | null; branch?: string } = {}) {
  const client = new ApiClient({ baseUrl: '', token: 't', fetch: api.fetch });
  const user = userEvent.setup();
  render(<FluentProvider theme={webLightTheme}>
    <BaselinePanel client={client} who={who} year="2026" branch={props.branch ?? ''} checked={props.checked === undefined ? checked : props.checked} describeError={(e) => (e as Error).message} />
  </FluentProvider>);
  return { user };
}
const posts = (api: FakeApi) => api.seen.filter((x) => x.method === 'POST');

describe('BaselinePanel', () => {
  it('shows what the workbook would fix, asks to confirm, then shows the fixed baseline', async () => {
    let stored = unfixed;
    const api = new FakeApi()
      .on('GET', /^\/api\/baselines\/2026$/, () => json(stored))
      .on('POST', /^\/api\/baselines$/, (req) => json((stored = fixedFrom(req.body as BaselineFixRequest)), 201));
    const { user } = setup(CLERK, api);
    expect(await screen.findByText('2026年度党费尚未核定。')).toBeInTheDocument();
    expect(screen.getByTestId('baseline-draft')).toHaveTextContent('将核定 2 人 · 基数合计 10,000.00 元 · 月应交合计 110.00 元');
    expect(screen.getByText(`党员1（${maskId(ids[0]!)}）在职 · 基数 6,000.00 元 · 月应交 90.00 元`)).toBeInTheDocument();
    expect(document.body.textContent).not.toContain(ids[0]!);

    await user.click(screen.getByRole('button', { name: '核定本年度党费' }));
    expect(posts(api)).toHaveLength(0); // nothing sent before the confirmation
    const dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: '确认核定' }));
    await waitFor(() => expect(posts(api)).toHaveLength(1));
    const sent = posts(api)[0]!.body as BaselineFixRequest;
    expect(sent.members.map((m) => [m.idNumber, m.baseFen, m.dueFen])).toEqual([[ids[0], 600000, 9000], [ids[1], 400000, 2000]]);
    expect(await screen.findByText('已核定，新增 2 人。')).toBeInTheDocument();
    expect(within(screen.getByTestId('baseline-fixed')).getByRole('status')).toHaveTextContent('已核定 2 人 · 基数合计 10,000.00 元 · 月应交合计 110.00 元');
    expect(screen.getByRole('button', { name: '补充核定新党员' })).toBeInTheDocument();
  });

  it('a workbook with errors cannot be fixed; cancelling sends nothing', async () => {
    const bad = checkWorkbook(workbook([person({}, 1), person({ id: '12345' }, 5)]), { asOf: '2026-09-30' });
    const api = new FakeApi().on('GET', /^\/api\/baselines\/2026$/, () => json(unfixed));
    setup(CLERK, api, { checked: bad });
    expect(await screen.findByText(/检查发现 \d+ 个错误，请先修正后再核定。/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '核定本年度党费' })).toBeDisabled();
    expect(screen.getByText('未核定：党员5（无有效身份证号）')).toBeInTheDocument();
    expect(posts(api)).toHaveLength(0);
  });

  it('a refusal because a member is fixed with other figures names both', async () => {
    const api = new FakeApi()
      .on('GET', /^\/api\/baselines\/2026$/, () => json(unfixed))
      .on('POST', /^\/api\/baselines$/, () => json({ error: { code: 'BASELINE_ALREADY_FIXED', message: 'x', details: {
        members: [{ member: maskId(ids[0]!), name: '党员1', fixed: { baseFen: 500000, dueFen: 5000 }, sent: { baseFen: 600000, dueFen: 9000 } }] } } }, 409));
    const { user } = setup(CLERK, api);
    await user.click(await screen.findByRole('button', { name: '核定本年度党费' }));
    await user.click(screen.getByRole('button', { name: '确认核定' }));
    expect(await screen.findByText(`党员1（${maskId(ids[0]!)}）已核定基数 5,000.00 元、月应交 50.00 元，工作簿为 6,000.00 元、90.00 元：请记录调整及原因。`)).toBeInTheDocument();
  });

  it('records a change with its reason, the ID taken from the workbook', async () => {
    const base = fixedFrom({ year: '2026', members: [{ idNumber: ids[0]!, name: '党员1', category: '在职', baseFen: 600000, dueFen: 9000 }] });
    const api = new FakeApi()
      .on('GET', /^\/api\/baselines\/2026$/, () => json(base))
      .on('POST', /^\/api\/baselines\/2026\/changes$/, (req) => {
        const c = req.body as BaselineChangeRequest;
        return json({ ...base, members: [{ ...base.members[0]!, changes: [{ fromMonth: c.fromMonth, baseFen: c.baseFen, dueFen: c.dueFen, reason: c.reason, at: 'x' }] }] }, 201);
      });
    const { user } = setup(CLERK, api);
    const form = await screen.findByRole('form', { name: '记录调整' });
    await user.click(within(form).getByRole('combobox'));
    await user.click(await screen.findByRole('option', { name: `党员1（${maskId(ids[0]!)}）` }));
    await user.type(within(form).getByLabelText('自（年月）'), '2026-07');
    await user.type(within(form).getByLabelText('新基数（元）'), '7000');
    await user.type(within(form).getByLabelText('新月应交（元）'), '105');
    await user.type(within(form).getByLabelText('调整原因'), '7月起调资');
    await user.click(within(form).getByRole('button', { name: '记录调整' }));
    await waitFor(() => expect(posts(api)).toHaveLength(1));
    expect(posts(api)[0]!.body).toEqual({ idNumber: ids[0], fromMonth: '2026-07', baseFen: 700000, dueFen: 10500, reason: '7月起调资' });
    expect(await screen.findByText('自 2026-07 起 基数 7,000.00 元 · 月应交 105.00 元（7月起调资）')).toBeInTheDocument();
  });

  it('an administrator reads a branch’s baseline without bases and cannot fix or change it', async () => {
    const withheld: Baseline = { ...fixedFrom({ year: '2026', members: [{ idNumber: ids[0]!, name: '党员1', category: '在职', baseFen: null, dueFen: 9000 }] }), basesWithheld: true, totals: { members: 1, baseFen: null, dueFen: 9000 } };
    const api = new FakeApi().on('GET', /^\/api\/baselines\/2026\?org=ZB1$/, () => json(withheld));
    setup(ADMIN, api, { branch: 'ZB1' });
    expect(await screen.findByText('已核定 1 人 · 月应交合计 90.00 元（基数不向本角色显示）')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '核定本年度党费' })).toBeNull();
    expect(screen.queryByRole('form', { name: '记录调整' })).toBeNull();
  });

  it('the receipt says when the year’s first submission fixed the baseline, or how it stands against it', () => {
    const receipt = { branchCode: 'ZB1', quarter: '2026Q1', revision: 1, status: 'submitted' as const, etag: 'e', receivedAt: '2026-04-02T01:00:00Z', totals: { members: 2, dueFen: 1, paidFen: 1 } };
    const { rerender } = render(<FluentProvider theme={webLightTheme}><ReceiptCard receipt={{ ...receipt, baseline: { year: '2026', fixedNow: true, members: 2, differs: 0, recorded: 0 } }} /></FluentProvider>);
    expect(screen.getByTestId('receipt-baseline')).toHaveTextContent('本次为2026年首次报送，已据此核定本年度党费（2 人）。');
    rerender(<FluentProvider theme={webLightTheme}><ReceiptCard receipt={{ ...receipt, baseline: { year: '2026', fixedNow: false, members: 2, differs: 1, recorded: 2 } }} /></FluentProvider>);
    expect(screen.getByTestId('receipt-baseline')).toHaveTextContent('对照2026年初核定：不符且未记录原因 1 处，已记录调整 2 处。');
    rerender(<FluentProvider theme={webLightTheme}><ReceiptCard receipt={receipt} /></FluentProvider>);
    expect(screen.queryByTestId('receipt-baseline')).toBeNull();
  });
});
