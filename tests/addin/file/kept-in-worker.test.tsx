// Browser mode with the check worker (issue 14): a dropped file's grids stay in the worker. The
// pane holds each sheet's first rows; a finding in place, the mapping form, a fix's plan, the fix
// itself and every re-check get their cells from the worker (or go by reference), and the
// corrected copy is the same bytes as where everything ran on the UI thread.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import ExcelJS from 'exceljs';
import { defaultRunner } from '../../../addin/src/check/runner';
import { HEAD_ROWS } from '../../../addin/src/file/keptGrids';
import { FileHost } from '../../../addin/src/file/fileHost';
import { readWorkbook } from '../../../shared/xlsx/read';
import { FIXTURE, renderApp } from '../helpers';
import { InProcessWorker, cellsIn } from '../inProcessWorker';

const HIDDEN = { hidden: true } as const;
const GOV = path.resolve(__dirname, '../../fixtures/government-register.xlsx');
const REG = '2026年党费收缴登记表';

beforeEach(() => {
  vi.stubGlobal('Worker', InProcessWorker);
  InProcessWorker.instances = [];
});
afterEach(() => vi.unstubAllGlobals());

async function opened(bytes: Uint8Array<ArrayBuffer>, name: string) {
  const host = new FileHost();
  const r = renderApp({ host, props: { runner: defaultRunner() } });
  await r.user.upload(screen.getByTestId('file-input'), new File([bytes], name));
  await waitFor(() => expect(InProcessWorker.instances[0]?.sent('check').length).toBeGreaterThan(0), { timeout: 10_000 });
  return { ...r, host, worker: InProcessWorker.instances[0]! };
}

/** The last check the pane asked for went by reference to the kept grids, sending none. */
function checkedByRef(w: InProcessWorker) {
  const c = w.sent('check').at(-1) as { gridsRef?: number; req: { grids: unknown[] } };
  expect(c.gridsRef).toBeGreaterThan(0);
  expect(c.req.grids).toEqual([]);
}

describe('browser mode keeps the grids in the check worker', () => {
  it('the pane holds each sheet’s first rows only, and the check covers every member by reference', async () => {
    const { host, worker } = await opened(readFileSync(FIXTURE), 'branch.xlsx');
    await screen.findByText(/党员 43 人/, undefined, { timeout: 10_000 });
    checkedByRef(worker);
    const full = await readWorkbook(readFileSync(FIXTURE));
    const held = await host.readGrids();
    expect(held.map((g) => g.values.length)).toEqual(full.map((g) => Math.min(HEAD_ROWS, g.values.length)));
    expect(full.some((g) => g.values.length > HEAD_ROWS)).toBe(true);
    // Nothing that came back carries the whole workbook's cells.
    for (const a of worker.answered) expect(cellsIn(a.data)).toBeLessThan(cellsIn(full));
    // The branch the workbook names is read from all its rows, in the worker.
    expect(host.workbookBranch()).toEqual((await import('../../../shared/recognise/branch-name')).workbookBranchName(full));
  });

  it('a finding below the first rows opens in place with its cells asked of the worker', async () => {
    const { user, worker } = await opened(readFileSync(FIXTURE), 'branch.xlsx');
    await screen.findByText(/党员 43 人/, undefined, { timeout: 10_000 });
    await user.click(screen.getByRole('button', { name: /^提示 \d+$/ }));
    const section = await screen.findByRole('region', { name: / OVERPAID$/ });
    await user.click(within(section).getAllByRole('button', { name: /^定位到 党费登记!J41/ })[0]!);
    const dialog = await screen.findByRole('dialog', HIDDEN);
    const table = await within(dialog).findByRole('table', { name: '党费登记 J41', ...HIDDEN });
    expect(worker.sent('window')).toHaveLength(1);
    expect(worker.sent('window')[0]).toMatchObject({ sheet: '党费登记', row: 40, col: 9 });
    // Rows 40–42 lie beyond the rows the pane holds: their values came from the worker.
    const rows = within(table).getAllByRole('rowheader', HIDDEN).map((h) => h.textContent);
    expect(rows).toEqual(['40', '41', '42']);
    expect(table.querySelector('[aria-current="true"]')!.closest('tr')!.textContent).toContain('范军');
    expect(within(dialog).getByRole('textbox', { name: 'J41 的新值', ...HIDDEN })).toHaveValue('187.28');
  });

  it('a fix is planned and applied in the worker, re-checked by reference, and the copy matches the UI-thread path byte for byte', async () => {
    const gov = readFileSync(GOV);
    const { user, host, worker } = await opened(gov, 'gov.xlsx');
    const due = await screen.findByRole('region', { name: / DUE_WRONG$/ }, { timeout: 10_000 });
    await user.click(within(due).getByRole('button', { name: `修正 ${REG}!G6` }));
    const dialog = await screen.findByRole('dialog', HIDDEN);
    const after = await within(dialog).findByRole('region', { name: '修正后复查', ...HIDDEN });
    expect(after).toHaveTextContent('修正后将新增 9 条少交提示');
    expect(worker.sent('plan')).toHaveLength(1);
    const rows = within(dialog).getAllByRole('row', HIDDEN);
    expect(within(rows[1]!).getAllByRole('cell', HIDDEN).map((c) => c.textContent)).toEqual([`${REG}!G6`, '张三', '30.00', '40.00']);
    // The plan came back without grids or member records.
    const planAnswer = worker.answered.find((a) => a.kind === 'plan')!.data as { value: { plan: { grids: unknown[]; before: { members: unknown[] } } } };
    expect(planAnswer.value.plan.grids).toEqual([]);
    expect(planAnswer.value.plan.before.members).toEqual([]);
    const checks = worker.sent('check').length;
    await user.click(within(dialog).getByRole('button', { name: '写入 1 处修改', ...HIDDEN }));
    await waitFor(() => expect(screen.getByText(/警告 9/)).toBeInTheDocument());
    expect(worker.sent('fix')).toHaveLength(1);
    expect(worker.sent('check').length).toBe(checks + 1);
    checkedByRef(worker);
    expect((await host.readGrids()).find((g) => g.name === REG)!.values[5]![6]).toBe(40);
    // The same fix where no worker runs: the corrected copies are identical.
    vi.unstubAllGlobals();
    const here = new FileHost();
    await here.open(gov.buffer.slice(gov.byteOffset, gov.byteOffset + gov.byteLength) as ArrayBuffer, 'gov.xlsx');
    await here.applyFixes([{ sheet: REG, row: 5, col: 6, value: 40 }]);
    const [a, b] = await Promise.all([host.correctedCopy(), here.correctedCopy()]);
    expect(new Uint8Array(a.bytes)).toEqual(new Uint8Array(b.bytes));
    expect(a.name).toBe('gov-修正.xlsx');
  });

  it('the mapping form reads its header rows from the rows the pane holds; saving re-checks by reference', async () => {
    const wb = new ExcelJS.Workbook();
    const b = readFileSync(FIXTURE);
    await wb.xlsx.load(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
    const roster = wb.getWorksheet('花名册')!;
    ['编号', '人名', '男女', '族别', '生日', '证件'].forEach((h, i) => (roster.getCell(1, i + 1).value = h));
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { user, worker } = await opened(bytes, 'odd.xlsx');
    const form = await screen.findByRole('form', { name: '指定列' }, { timeout: 10_000 });
    await user.selectOptions(within(form).getByRole('combobox', { name: '工作表' }), '花名册');
    const options = within(within(form).getByRole('combobox', { name: '姓名' })).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(expect.arrayContaining(['人名', '证件', '党员身份', '党籍状态']));
    const pick = async (label: string, header: string) => user.selectOptions(within(form).getByRole('combobox', { name: label }), header);
    await pick('姓名', '人名');
    await pick('公民身份号码', '证件');
    await pick('性别', '男女');
    await pick('民族', '族别');
    await pick('出生日期', '生日');
    const checks = worker.sent('check').length;
    await user.click(within(form).getByRole('button', { name: '保存并重新检查' }));
    await waitFor(() => expect(worker.sent('check').length).toBe(checks + 1));
    checkedByRef(worker);
    expect((worker.sent('check').at(-1) as { req: { mapping?: Record<string, { columns: Record<string, number> }> } }).req.mapping?.['花名册']?.columns.name).toBe(1);
    await screen.findByText(/党员 43 人/, undefined, { timeout: 10_000 });
  });

  it('a header row typed below the rows the pane holds is read from the worker, so the form shows its labels', async () => {
    const wb = new ExcelJS.Workbook();
    const b = readFileSync(FIXTURE);
    await wb.xlsx.load(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
    const roster = wb.getWorksheet('花名册')!;
    // A roster pushed down by a long preamble: its header lands below the head the pane holds.
    const down = HEAD_ROWS + 5;
    roster.spliceRows(1, 0, ...Array.from({ length: down }, (_, i) => [i === 0 ? '说明：本表由支部填写，逐行核对后报送。' : null]));
    const headerRow = down; // 0-based sheet row of the moved header
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { user, worker, host } = await opened(bytes, 'deep.xlsx');
    const form = await screen.findByRole('form', { name: '指定列' }, { timeout: 10_000 });
    await user.selectOptions(within(form).getByRole('combobox', { name: '工作表' }), '花名册');
    expect((await host.readGrids()).find((g) => g.name === '花名册')!.values.length).toBe(HEAD_ROWS);
    const row = within(form).getByRole('spinbutton', { name: /表头/ });
    await user.clear(row);
    await user.type(row, `${headerRow + 1}`);
    await user.tab();
    await waitFor(() => expect(worker.sent('rows').some((m) => (m as { firstRow: number }).firstRow === headerRow)).toBe(true));
    await waitFor(() => {
      const options = within(within(form).getByRole('combobox', { name: '姓名' })).getAllByRole('option').map((o) => o.textContent);
      expect(options).toEqual(expect.arrayContaining(['姓名', '身份证号', '性别', '党籍状态']));
    });
    // A row the pane holds is read from its own grids: nothing more is asked for it.
    const asked = worker.sent('rows').length;
    await user.clear(row);
    await user.type(row, '1');
    await user.tab();
    await waitFor(() => {
      const options = within(within(form).getByRole('combobox', { name: '姓名' })).getAllByRole('option').map((o) => o.textContent);
      expect(options).toContain('说明：本表由支部填写，逐行核对后报送。');
    });
    expect(worker.sent('rows').length).toBe(asked);
  });

  it('checking again (a new report date) goes by reference too', async () => {
    const { user, worker } = await opened(readFileSync(FIXTURE), 'branch.xlsx');
    await screen.findByText(/党员 43 人/, undefined, { timeout: 10_000 });
    await user.click(screen.getByRole('button', { name: '检查工作簿' }));
    await waitFor(() => expect(worker.sent('check')).toHaveLength(2));
    checkedByRef(worker);
    expect(worker.sent('read')).toHaveLength(1);
  });
});
