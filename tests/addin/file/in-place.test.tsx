// Browser mode's 定位到 (issue 12): every finding opens in place — the sheet around its cell, the
// cell highlighted — where the clerk corrects the value and sees it re-checked; and reading a
// chosen file shows progress at once, never the empty state.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { FileHost } from '../../../addin/src/file/fileHost';
import { sheetWindow, shownValue, typedValue } from '../../../addin/src/file/sheetWindow';
import { FIXTURE, renderApp } from '../helpers';

const HIDDEN = { hidden: true } as const;

async function opened() {
  const host = new FileHost();
  const r = renderApp({ host });
  await r.user.upload(screen.getByTestId('file-input'), new File([readFileSync(FIXTURE)], 'branch-sample-2026.xlsx'));
  await screen.findByText(/党员 43 人/, undefined, { timeout: 10_000 });
  return { ...r, host };
}

describe('a finding in place', () => {
  it('定位到 shows the member’s row under its headers with the cell highlighted; an ID finding asks for the card, not a character', async () => {
    const { user } = await opened();
    const section = screen.getByRole('region', { name: / ID_CHECKSUM$/ });
    const goto = within(section).getAllByRole('button', { name: /^定位到 花名册!F2: 闫平 / })[0]!;
    expect(goto).toHaveTextContent('闫平花名册!F2');
    await user.click(goto);
    const dialog = await screen.findByRole('dialog', HIDDEN);
    expect(within(dialog).getByText('在表中修改：闫平 · 花名册!F2')).toBeInTheDocument();
    expect(within(dialog).getByText('公民身份号码未通过校验（号码有误），请对照本人身份证重新录入')).toBeInTheDocument();
    const table = await within(dialog).findByRole('table', { name: '花名册 F2', ...HIDDEN });
    const headers = within(table).getAllByRole('columnheader', HIDDEN).map((h) => h.textContent);
    expect(headers.some((h) => /^B 姓名/.test(h ?? ''))).toBe(true);
    expect(headers.some((h) => /^F 公民身份号码|^F 身份证/.test(h ?? ''))).toBe(true);
    const current = table.querySelector('[aria-current="true"]')!;
    expect(current.closest('tr')!.textContent).toContain('闫平');
    expect(within(dialog).getByRole('textbox', { name: 'F2 的新值', ...HIDDEN })).toHaveValue(current.textContent);
  });

  it('corrects the cell there and shows the re-check: the finding is gone and the list shrinks', async () => {
    const { user, host } = await opened();
    const section = screen.getByRole('region', { name: / GENDER_MISMATCH$/ });
    const before = within(section).getAllByRole('button', { name: /定位到/ }).length;
    await user.click(within(section).getAllByRole('button', { name: /^定位到 花名册!C5: 肖强 / })[0]!);
    const dialog = await screen.findByRole('dialog', HIDDEN);
    const input = await within(dialog).findByRole('textbox', { name: 'C5 的新值', ...HIDDEN });
    expect(input).toHaveValue('女');
    await user.clear(input);
    await user.type(input, '男');
    await user.click(within(dialog).getByRole('button', { name: '保存并复查', ...HIDDEN }));
    expect(await within(dialog).findByText('复查通过：C5 已无问题。', undefined, { timeout: 10_000 })).toBeInTheDocument();
    expect((await host.readGrids())[0]!.values[4]![2]).toBe('男');
    // The highlighted cell shows the new value, and the corrected copy will hold it.
    // (The window is asked for again after the re-check: it comes from where the grids are kept.)
    await waitFor(() => expect(within(dialog).getByRole('table', HIDDEN).querySelector('[aria-current="true"]')!.textContent).toBe('男'));
    await waitFor(() => {
      const now = screen.queryByRole('region', { name: / GENDER_MISMATCH$/, ...HIDDEN });
      expect(now ? within(now).queryAllByRole('button', { name: /定位到/, ...HIDDEN }).length : 0).toBe(before - 1);
    });
  });

  it('a value still wrong is said so after the re-check', async () => {
    const { user } = await opened();
    await user.click(within(screen.getByRole('region', { name: / GENDER_MISMATCH$/ })).getAllByRole('button', { name: /^定位到 花名册!C5: 肖强 / })[0]!);
    const dialog = await screen.findByRole('dialog', HIDDEN);
    const input = await within(dialog).findByRole('textbox', { name: 'C5 的新值', ...HIDDEN });
    await user.clear(input);
    await user.type(input, '女性');
    await user.click(within(dialog).getByRole('button', { name: '保存并复查', ...HIDDEN }));
    expect(await within(dialog).findByText('复查后仍有问题：', undefined, { timeout: 10_000 })).toBeInTheDocument();
    // Once as the finding opened, once as what the re-check still finds.
    expect(within(dialog).getAllByText(/性别“女”与公民身份号码不符/)).toHaveLength(2);
  });
});

describe('reading a chosen file', () => {
  it('shows 正在读取 from the moment the file is chosen, never 尚未打开工作簿', async () => {
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    class SlowHost extends FileHost {
      override async open(bytes: ArrayBuffer, name: string, onProgress?: (done: number, total: number) => void): Promise<void> {
        await gate;
        return super.open(bytes, name, onProgress);
      }
    }
    const { user } = renderApp({ host: new SlowHost() });
    expect(screen.getByText('尚未打开工作簿。')).toBeInTheDocument();
    await user.upload(screen.getByTestId('file-input'), new File([readFileSync(FIXTURE)], 'branch-sample-2026.xlsx'));
    expect(await screen.findByText('正在读取工作表…')).toBeInTheDocument();
    expect(screen.queryByText('尚未打开工作簿。')).toBeNull();
    release();
    expect(await screen.findByText(/党员 43 人/, undefined, { timeout: 10_000 })).toBeInTheDocument();
  });
});

describe('the window around a cell', () => {
  const grid = {
    name: '花名册',
    values: [['花名册（标题）'], ['序号', '姓名', '性别', '民族', '出生日期', '身份证号'], [1, '张三', '男', '汉族', 29000, 'x'], [2, '李四', '女', '汉族', 29001, 'y'], [3, '王五', '男', '汉族', 29002, 'z']],
    formats: [[], [], ['', '', '', '', 'yyyy-mm-dd'], ['', '', '', '', 'yyyy-mm-dd'], ['', '', '', '', 'yyyy-mm-dd']],
  };
  const tables = [{ sheet: '花名册', headerRow: 1, dataStartRow: 2, columns: { name: 1 } }];

  it('holds the name column, the cell’s neighbours, the header texts and the rows either side', () => {
    const w = sheetWindow([grid], tables, '花名册', 3, 5)!;
    expect(w.columns.map((c) => `${c.letter} ${c.header}`)).toEqual(['B 姓名', 'D 民族', 'E 出生日期', 'F 身份证号']);
    expect(w.rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(w.rows[1]!.cells.map((c) => shownValue(c))).toEqual(['李四', '汉族', '1979-05-26', 'y']);
  });

  it('keeps a cell’s kind for what is typed: a date serial, a number, text, empty', () => {
    expect(typedValue('1980-01-01', { value: 29000, format: 'yyyy-mm-dd' })).toBe(29221);
    expect(typedValue('90', { value: 80, format: null })).toBe(90);
    expect(typedValue('=1+1', { value: 'x', format: null })).toBe('=1+1');
    expect(typedValue('  ', { value: 'x', format: null })).toBeNull();
  });
});
