// The check view against a fake host and the real checker: states, findings, selection, fixes.
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { FakeHost } from '../fakeHost';
import { cleanGrids, fixtureGrids, renderApp } from '../helpers';
import type { CheckRunner } from '../../../addin/src/check/runner';
import { mainThreadRunner } from '../../../addin/src/check/runner';

// In jsdom, Fluent's focus manager marks an open modal dialog aria-hidden shortly after it opens
// (focus never settles inside it as in a browser); the browser test queries it strictly.
const HIDDEN_OK = { hidden: true } as const;

describe('check view', () => {
  it('starts idle, then shows the fixture findings grouped by severity and marks them', async () => {
    const { user, host } = renderApp({ grids: await fixtureGrids() });
    expect(screen.getByText('尚未检查。点击“检查工作簿”开始。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    const summary = await screen.findByText(/党员 43 人 · 错误 \d+ · 警告 \d+ · 提示 \d+/);
    const m = /错误 (\d+) · 警告 (\d+) · 提示 (\d+)/.exec(summary.textContent!)!;
    expect(Number(m[1])).toBeGreaterThan(10);
    expect(screen.getByRole('button', { name: `错误 ${m[1]}` })).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('button', { name: `警告 ${m[2]}` })).toHaveAttribute('aria-expanded', 'false');
    // Errors are open first; every kind is a section.
    expect(screen.getByRole('region', { name: / ID_CHECKSUM$/ })).toBeInTheDocument();
    const fh = host as FakeHost;
    expect(fh.marks.length).toBe(Number(m[1]) + Number(m[2]) + Number(m[3]));
    expect(fh.calls.filter((c) => c === 'clear').length).toBe(1);
  });

  it('shows a busy state while reading and checking', async () => {
    const host = new FakeHost(await cleanGrids());
    let release!: () => void;
    host.gate = new Promise((r) => (release = r));
    const { user } = renderApp({ host });
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    expect(await screen.findByText('正在读取工作表…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '检查工作簿' })).toBeDisabled();
    await act(async () => release());
    expect(await screen.findByText('没有发现问题。')).toBeInTheDocument();
  });

  it('shows the checking stage with progress while the runner works', async () => {
    let finish!: () => void;
    const inner = mainThreadRunner();
    const slow: CheckRunner = {
      offThread: true,
      run: async (req) => {
        await new Promise<void>((r) => (finish = r));
        return inner.run(req);
      },
      submission: (q) => inner.submission(q),
      plan: (list, lang) => inner.plan(list, lang),
    };
    const { user } = renderApp({ grids: await cleanGrids(), props: { runner: slow } });
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    expect(await screen.findByText('正在检查…')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    await act(async () => finish());
    expect(await screen.findByText('没有发现问题。')).toBeInTheDocument();
  });

  it('shows the empty state for a clean workbook', async () => {
    const { user, host } = renderApp({ grids: await cleanGrids() });
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    expect(await screen.findByText('没有发现问题。')).toBeInTheDocument();
    expect(screen.getByText('党员 6 人 · 错误 0 · 警告 0 · 提示 0')).toBeInTheDocument();
    expect((host as FakeHost).marks).toEqual([]);
  });

  it('shows an error state when the workbook cannot be read', async () => {
    const host = new FakeHost([]);
    host.readError = new Error('工作表受保护');
    const { user } = renderApp({ host });
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    expect(await screen.findByText('检查失败：工作表受保护')).toBeInTheDocument();
  });

  it('selects the cell of a clicked finding', async () => {
    const { user, host } = renderApp({ grids: await fixtureGrids() });
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    const section = await screen.findByRole('region', { name: / ID_CHECKSUM$/ });
    const item = within(section).getAllByRole('button', { name: /^定位到 花名册!F\d+/ })[0]!;
    await user.click(item);
    const cell = /花名册!F(\d+)/.exec(item.getAttribute('aria-label')!)!;
    expect((host as FakeHost).selected).toEqual({ sheet: '花名册', row: Number(cell[1]) - 1, col: 5 });
  });

  it('goes to a finding from the keyboard', async () => {
    const { user, host } = renderApp({ grids: await fixtureGrids() });
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    const section = await screen.findByRole('region', { name: / DUPLICATE_MEMBER$/ });
    within(section).getAllByRole('button')[0]!.focus();
    await user.keyboard('{Enter}');
    expect((host as FakeHost).selected).toEqual({ sheet: '花名册', row: 7, col: 5 });
  });

  it('previews a single fix, writes it, re-checks and the finding is gone', async () => {
    const { user, host } = renderApp({ grids: await fixtureGrids() });
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    const section = await screen.findByRole('region', { name: / ETHNICITY_INVALID$/ });
    await user.click(within(section).getByRole('button', { name: '修正 花名册!D10' }));
    const dialog = await screen.findByRole('dialog', HIDDEN_OK);
    // The plan is worked out first: the member's name and what the re-check will show.
    await within(dialog).findByRole('region', { name: '修正后复查', ...HIDDEN_OK });
    const rows = within(dialog).getAllByRole('row', HIDDEN_OK);
    const cells = within(rows[1]!).getAllByRole('cell', HIDDEN_OK).map((c) => c.textContent);
    expect(cells[0]).toBe('花名册!D10');
    expect(cells[1]).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    expect(cells.slice(2)).toEqual(['汉', '汉族']);
    await user.click(within(dialog).getByRole('button', { name: '写入 1 处修改', ...HIDDEN_OK }));
    expect(await screen.findByText('已写入 1 处修改。')).toBeInTheDocument();
    const fh = host as FakeHost;
    expect(fh.fixes).toEqual([{ sheet: '花名册', row: 9, col: 3, value: '汉族' }]);
    await waitFor(() => expect(screen.queryByRole('region', { name: / ETHNICITY_INVALID$/ })).not.toBeInTheDocument());
    expect(fh.calls.filter((c) => c === 'readGrids').length).toBe(2);
  });

  it('fix-all-of-a-kind previews every change and writes them in one batch; cancel writes nothing', async () => {
    const { user, host } = renderApp({ grids: await fixtureGrids() });
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    const section = await screen.findByRole('region', { name: / DUE_WRONG$/ });
    const fixAll = within(section).getByRole('button', { name: /全部修正（\d+）/ });
    const n = Number(/（(\d+)）/.exec(fixAll.textContent!)![1]);
    expect(n).toBeGreaterThan(1);
    await user.click(fixAll);
    const dialog = await screen.findByRole('dialog', HIDDEN_OK);
    expect(within(dialog).getAllByRole('row', HIDDEN_OK)).toHaveLength(n + 1);
    await user.click(within(dialog).getByRole('button', { name: '取消', ...HIDDEN_OK }));
    await waitFor(() => expect(screen.queryByRole('dialog', HIDDEN_OK)).not.toBeInTheDocument());
    const fh = host as FakeHost;
    expect(fh.fixes).toEqual([]);
    await user.click(within(screen.getByRole('region', { name: / DUE_WRONG$/ })).getByRole('button', { name: /全部修正/ }));
    await user.click(await screen.findByRole('button', { name: `写入 ${n} 处修改`, ...HIDDEN_OK }));
    await waitFor(() => expect(fh.calls).toContain(`fix ${n}`));
    expect(fh.calls.filter((c) => c.startsWith('fix'))).toEqual([`fix ${n}`]);
    await waitFor(() => expect(screen.queryByRole('region', { name: / DUE_WRONG$/ })).not.toBeInTheDocument());
  });

  it('switches to English', async () => {
    const { user } = renderApp({ grids: await fixtureGrids() });
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('tab', { name: 'Check' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Check workbook' }));
    expect(await screen.findByText(/43 members · \d+ errors/)).toBeInTheDocument();
    const section = screen.getByRole('region', { name: / ID_CHECKSUM$/ });
    expect(within(section).getAllByRole('button', { name: /^Go to 花名册!F\d+: (\S+ )?[A-Za-z]/ }).length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: '中文' }));
    expect(screen.getByRole('tab', { name: '检查' })).toBeInTheDocument();
  });

  it('re-reads only the edited rows after the clerk pauses, then re-checks', async () => {
    const host = new FakeHost(await fixtureGrids());
    const { user } = renderApp({ host });
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    await screen.findByRole('region', { name: / ETHNICITY_INVALID$/ });
    await waitFor(() => expect(host.listening).toBe(1));
    host.set('花名册', 9, 3, '汉族');
    act(() => {
      host.emitChange({ sheet: '花名册', firstRow: 9, lastRow: 9 });
      host.emitChange({ sheet: '花名册', firstRow: 9, lastRow: 9 });
    });
    await waitFor(() => expect(screen.queryByRole('region', { name: / ETHNICITY_INVALID$/ })).not.toBeInTheDocument(), { timeout: 3000 });
    expect(host.calls.filter((c) => c.startsWith('readRows'))).toEqual(['readRows 花名册 9-9', 'readRows 花名册 9-9']);
    expect(host.calls.filter((c) => c === 'readGrids')).toHaveLength(1);
  });
});
