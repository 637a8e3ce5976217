// The task pane end to end in a real browser (Debian chromium via playwright-core), against a
// local worker with a fresh D1: findings of the sample workbook, a clean workbook submitted by a
// clerk (also through an offline spell), then the finance roll-up including it. Each view is
// saved to test-results/screenshots/, or to docs/screenshots/ for the README when
// UPDATE_SCREENSHOTS=1 (so an ordinary run leaves the checkout clean).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { T, gone, hasText, openPane, signIn, visible } from './browser';
import { cleanWorkbook } from './cleanWorkbook';
import { buildPane, repo, startLocalWorker } from './localWorker';
import type { LocalWorker } from './localWorker';

const FIXTURE = path.resolve(repo, '../shared/fixtures/branch-sample-2026.xlsx');
const SHOTS = path.join(repo, process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots');

let worker: LocalWorker;
let browser: Browser;
let page: Page;
let cleanFile: string;


const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  buildPane();
  worker = await startLocalWorker();
  const dir = mkdtempSync(path.join(tmpdir(), 'duesbook-clean-'));
  cleanFile = path.join(dir, '第一支部-2026.xlsx');
  writeFileSync(cleanFile, await cleanWorkbook({ members: 6, paidThrough: 9 }));
  ({ browser, page } = await openPane());
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe('task pane in a browser', () => {
  it('opens in browser mode without office.js', async () => {
    await page.goto(`${worker.url}/taskpane.html?today=2026-09-30`);
    await visible(page.getByText('浏览器模式'));
    await visible(page.getByText('将 .xlsx 文件拖到此处，或选择文件'));
    await shot('01-start');
  });

  it('loads the sample workbook and shows its findings', async () => {
    await page.getByTestId('file-input').setInputFiles(FIXTURE);
    const summary = page.getByText(/党员 43 人 · 错误 \d+ · 警告 \d+ · 提示 \d+/);
    await visible(summary);
    const [, errors] = /错误 (\d+)/.exec((await summary.textContent())!)!;
    expect(Number(errors)).toBeGreaterThan(10);
    // The check ran in the Web Worker, off the page's main thread.
    expect(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => /check\.worker-[\w-]+\.js$/.test(e.name)))).toBe(true);
    for (const code of ['ID_CHECKSUM', 'ID_NUMERIC', 'DUPLICATE_MEMBER', 'JOIN_UNDERAGE']) {
      await visible(page.getByRole('region', { name: new RegExp(` ${code}$`) }));
    }
    await visible(page.getByRole('button', { name: /^定位到 花名册!F3: / }));
    await shot('02-findings');
    await page.getByRole('button', { name: /^警告 \d+$/ }).click();
    await visible(page.getByRole('region', { name: / ARREARS_6_MONTHS$/ }));
  });

  it('previews a fix-all of one kind before writing anything', async () => {
    const fixAll = page.getByRole('region', { name: / DUE_WRONG$/ }).getByRole('button', { name: /全部修正/ });
    const n = Number(/（(\d+)）/.exec(await fixAll.innerText())![1]);
    expect(n).toBeGreaterThan(1);
    await fixAll.click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText('将要修改的单元格'));
    await expect.poll(() => dialog.getByRole('row').count(), T).toBe(n + 1);
    await shot('03-fix-preview');
    await dialog.getByRole('button', { name: `写入 ${n} 处修改` }).click();
    await visible(page.getByText(`已写入 ${n} 处修改。`));
    await gone(page.getByRole('region', { name: / DUE_WRONG$/ }));
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载修正后的副本' }).click();
    expect((await download).suggestedFilename()).toBe('branch-sample-2026-修正.xlsx');
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await visible(page.getByRole('tab', { name: 'Check' }));
    await visible(page.getByText(/43 members · \d+ errors/));
    await shot('04-english');
    await page.getByRole('button', { name: '中文' }).click();
  });

  it('refuses a wrong token and signs a clerk in', async () => {
    await signIn(page, 'not-a-real-token');
    await visible(page.getByText('令牌无效或已被吊销。'));
    await signIn(page, worker.tokens['clerk@JT-01']!);
    await visible(page.getByText('运输管理处党支部（支部）'));
    await shot('05-signed-in');
  });

  it('checks a clean workbook and submits the quarter', async () => {
    await page.getByRole('tab', { name: '检查' }).click();
    await page.getByTestId('file-input').setInputFiles(cleanFile);
    await visible(page.getByText('没有发现问题。'));
    await shot('06-clean');
    await page.getByRole('tab', { name: '报送' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: '季度' }).inputValue(), T).toBe('2026Q3');
    const summary = page.getByRole('table', { name: '报送摘要' });
    await hasText(summary.getByRole('row').nth(0), '党员人数6');
    await hasText(summary.getByRole('row').nth(1), '应交¥720.00');
    await page.getByRole('button', { name: '报送', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认报送' }).click();
    await visible(page.getByText('已接收：第 1 版（已报送）。'));
    await shot('07-submitted');
  });

  it('queues a submission while offline and sends it when back online', async () => {
    await page.context().setOffline(true);
    await page.getByRole('button', { name: '报送', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认报送' }).click();
    await visible(page.getByText(/网络不可用，报送已保存在本机/));
    expect(await page.evaluate(() => localStorage.getItem('duesbook.outbox'))).toContain('2026Q3');
    await shot('08-offline-queued');
    await page.context().setOffline(false);
    // The same workbook again: the existing receipt, not a second revision (issue 12).
    await visible(page.getByText('内容与第 1 版相同，未生成新版本。'));
    await expect.poll(() => page.evaluate(() => localStorage.getItem('duesbook.outbox')), T).toBeNull();
  });

  it('shows finance the roll-up with the submitted branch, its members, and confirms it', async () => {
    await signIn(page, worker.tokens['finance@JT']!);
    await visible(page.getByText('中共某市交通运输局委员会（财务）'));
    await page.getByRole('tab', { name: '汇总' }).click();
    await page.getByRole('button', { name: '查看汇总' }).click();
    const tree = page.getByRole('tree');
    const branch = tree.getByRole('treeitem', { name: '运输管理处党支部' });
    await visible(branch);
    await hasText(branch, '应交 ¥720.00 · 实交 ¥720.00 · 欠交 ¥0.00 · 收缴率 100.0%');
    await hasText(branch, '已报送');
    await hasText(tree.getByRole('treeitem', { name: '机关第一党支部' }), '未报送');
    await hasText(tree.getByRole('treeitem', { name: '中共某市交通运输局委员会' }), '支部 6 · 已报 1');
    await shot('09-rollup');
    await branch.getByText('运输管理处党支部').click();
    const card = page.getByRole('group', { name: '运输管理处党支部' });
    await card.getByRole('button', { name: '查看党员' }).click();
    const members = card.getByRole('table', { name: '运输管理处党支部 党员明细' });
    await expect.poll(() => members.getByRole('row').count(), T).toBe(7);
    await hasText(members, '110105********');
    await card.getByLabel('备注').fill('已核对');
    await card.getByRole('button', { name: '确认' }).click();
    await visible(page.getByText('已处理：运输管理处党支部'));
    await hasText(tree.getByRole('treeitem', { name: '运输管理处党支部' }), '已确认');
    await shot('10-rollup-confirmed');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载汇总工作簿' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('duesbook-2026Q3.xlsx');
    const bytes = await readFile((await file.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('fits a 320 px pane on every tab, without sideways scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    for (const tab of ['检查', '报送', '汇总', '财务']) {
      await page.getByRole('tab', { name: tab }).click();
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      expect(scroll, tab).toBeLessThanOrEqual(client);
    }
  });
});
