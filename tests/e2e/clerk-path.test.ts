// The clerk's quarter end to end in chromium (issue 12), against a local worker with a fresh D1:
// open a workbook in browser mode, see findings that name the member, correct one in place and
// see it re-checked, submit the last ended quarter after the one confirmation, see the receipt,
// then see finance's return with its note, who returned it and when.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { cleanWorkbook } from './cleanWorkbook';
import { buildPane, startLocalWorker } from './localWorker';
import type { LocalWorker } from './localWorker';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const T = { timeout: 30_000, interval: 100 };
const visible = (l: Locator) => expect.poll(() => l.isVisible(), T).toBe(true);
const squash = (t: string) => t.replace(/\s+/g, '');
const hasText = (l: Locator, text: string) => expect.poll(async () => squash((await l.count()) ? await l.first().innerText() : ''), T).toContain(squash(text));

let worker: LocalWorker;
let browser: Browser;
let page: Page;
let file: string;

/** The clean six-member workbook with one mistake: 王建华's 性别 written 男 (the ID, an even 17th digit, says 女). */
async function workbookWithOneMistake(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const clean = await cleanWorkbook({ members: 6, paidThrough: 9 });
  await wb.xlsx.load(clean.buffer.slice(clean.byteOffset, clean.byteOffset + clean.byteLength) as ArrayBuffer);
  const roster = wb.getWorksheet('花名册')!;
  expect(roster.getCell('B2').value).toBe('王建华');
  expect(roster.getCell('C2').value).toBe('女');
  roster.getCell('C2').value = '男';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  buildPane();
  worker = await startLocalWorker();
  file = path.join(mkdtempSync(path.join(tmpdir(), 'duesbook-clerk-')), '运输管理处-2026.xlsx');
  writeFileSync(file, await workbookWithOneMistake());
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  const context = await browser.newContext({ viewport: { width: 350, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  await page.route('https://appsforoffice.microsoft.com/**', (r) => r.abort());
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe('the clerk’s quarter in a browser', () => {
  it('opens the workbook and names the member beside the cell', async () => {
    // 2 December: the fourth quarter is still running, the third has ended.
    await page.goto(`${worker.url}/taskpane.html?today=2026-12-02`);
    await page.getByTestId('file-input').setInputFiles(file);
    await visible(page.getByText(/党员 6 人 · 错误 1 ·/));
    const goto = page.getByRole('button', { name: /^定位到 花名册!C2: 王建华 性别“男”与公民身份号码不符/ });
    await visible(goto);
    await hasText(goto, '王建华花名册!C2');
  });

  it('corrects the finding in place and sees it re-checked', async () => {
    await page.getByRole('button', { name: /^定位到 花名册!C2: 王建华 / }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText('在表中修改：王建华 · 花名册!C2'));
    const sheet = dialog.getByRole('table', { name: '花名册 C2' });
    await hasText(sheet.getByRole('columnheader').filter({ hasText: '姓名' }), 'B姓名');
    const cell = sheet.locator('[aria-current="true"]');
    await hasText(cell, '男');
    await hasText(cell.locator('xpath=..'), '王建华');
    const input = dialog.getByRole('textbox', { name: 'C2 的新值' });
    expect(await input.inputValue()).toBe('男');
    await input.fill('女');
    await dialog.getByRole('button', { name: '保存并复查' }).click();
    await visible(dialog.getByText('复查通过：C2 已无问题。'));
    await hasText(cell, '女');
    await dialog.getByRole('button', { name: '关闭' }).click();
    await visible(page.getByText('没有发现问题。'));
  });

  it('submits the last ended quarter after the confirmation and shows the receipt', async () => {
    await page.getByRole('tab', { name: '登录' }).click();
    await page.getByLabel('访问令牌').fill(worker.tokens['clerk@JT-01']!);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await visible(page.getByText('运输管理处党支部（支部）'));
    await page.getByRole('tab', { name: '报送' }).click();
    const picker = page.getByRole('combobox', { name: '季度' });
    await expect.poll(() => picker.inputValue(), T).toBe('2026Q3');
    expect(await picker.locator('option', { hasText: '2026年第四季度（进行中）' }).count()).toBe(1);
    // The running quarter is not open before the 20th of December: the button says no.
    await picker.selectOption('2026Q4');
    await visible(page.getByText('2026年第四季度尚未结束，2026-12-20起才能报送（党委设定）。请报送已结束的季度。'));
    expect(await page.getByRole('button', { name: '报送', exact: true }).isDisabled()).toBe(true);
    await picker.selectOption('2026Q3');
    await page.getByRole('button', { name: '报送', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText('确认报送2026年第三季度'));
    const sent = dialog.getByRole('table');
    await hasText(sent, '党员人数6');
    await hasText(sent, '应交¥720.00');
    await hasText(sent, '实交¥720.00');
    await hasText(sent, '欠交¥0.00');
    await visible(dialog.getByText('没有随报送提交的警告。'));
    await dialog.getByRole('button', { name: '确认报送' }).click();
    await visible(page.getByText('回执：2026年第三季度 第 1 版（已报送）'));
    await visible(page.getByText('已接收：第 1 版（已报送）。'));
  });

  it('sees finance’s return with its note, who returned it and when', async () => {
    const back = await fetch(`${worker.url}/api/submissions/JT-01/2026Q3/return`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${worker.tokens['finance@JT']}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ revision: 1, note: '王建华的性别已改，请同时核对她的出生日期后重报' }),
    });
    expect(back.status).toBe(200);
    // The 报送 tab reads the quarter's state again when the quarter is chosen.
    const picker = page.getByRole('combobox', { name: '季度' });
    await picker.selectOption('2026Q2');
    await picker.selectOption('2026Q3');
    await visible(page.getByText('已退回：2026年第三季度 第 1 版'));
    await visible(page.getByText('退回意见：王建华的性别已改，请同时核对她的出生日期后重报'));
    await visible(page.getByText(/^中共某市交通运输局委员会.*，\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/));
    // The receipt of the quarter before the return is gone with the quarter change.
    expect(await page.getByText('回执：2026年第三季度 第 1 版（已报送）').count()).toBe(0);
  });
});
