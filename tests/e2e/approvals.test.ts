// The 年度 tab end to end in chromium against a local worker: a retirees' branch has submitted a
// quarter in which one member paid nothing; its clerk enters a 免交 for two of the months (the
// branch's own decision for retirees, 2008规定 第十二条) and sees the branch's arrears fall by
// those months, shown apart as taken off by the approval, with the finding naming the document.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { DuesbookClient } from '../../shared/api/client';
import type { SubmissionMember } from '../../shared/api/contract';
import { checkCharacter } from '../../shared/idcard';
import { quarterMonths } from '../../shared/quarter';
import { monthlyDue } from '../../shared/standard';
import { buildPane, repo, startLocalWorker } from './localWorker';
import type { LocalWorker } from './localWorker';

const SHOTS = path.join(repo, 'test-results/screenshots');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const T = { timeout: 30_000, interval: 100 };
const squash = (t: string) => t.replace(/\s+/g, '');
const hasText = (l: Locator, text: string) => expect.poll(async () => squash((await l.count()) ? await l.first().innerText() : ''), T).toContain(squash(text));

const Q = '2026Q3';
const BRANCH = 'JT-ZZ2-03';
const id = (seq: string) => { const f = `11010519480315${seq}`; return f + checkCharacter(f); };

function retiree(name: string, idNumber: string, paid: boolean): SubmissionMember {
  const months = quarterMonths(Q).map((month) => {
    const d = monthlyDue({ category: '离退休', baseFen: 400000, month });
    const dueFen = d.kind === 'rate' ? d.dueFen : 0;
    return { month, baseFen: 400000, dueFen, paidFen: paid ? dueFen : 0, largeFen: 0 };
  });
  return { name, idNumber, memberClass: '正式党员', standing: '正常', category: '离退休', joinDate: '1975-07-01', months, unpaidStreak: paid ? 0 : 3 };
}

let worker: LocalWorker;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  buildPane();
  worker = await startLocalWorker();
  const members = [retiree('王老', id('001'), false), retiree('李老', id('012'), true)];
  const totals = { members: 2, dueFen: 0, paidFen: 0 };
  for (const m of members) for (const mo of m.months) { totals.dueFen += mo.dueFen; totals.paidFen += mo.paidFen; }
  const api = new DuesbookClient({ baseUrl: worker.url, token: worker.tokens[`clerk@${BRANCH}`]! });
  await api.submit({ quarter: Q, reportDate: '2026-09-30', members, findings: [], totals }, { idempotencyKey: 'e2e-approvals-1' });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  const context = await browser.newContext({ viewport: { width: 360, height: 1400 }, locale: 'zh-CN' });
  page = await context.newPage();
  await page.route('https://appsforoffice.microsoft.com/**', (r) => r.abort());
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe('年度 tab: entering an approval', () => {
  it('the clerk enters a 免交 and the branch’s arrears change', async () => {
    await page.goto(`${worker.url}/taskpane.html?today=2026-09-30`);
    await page.getByRole('tab', { name: '登录' }).click();
    await page.getByLabel('访问令牌').fill(worker.tokens[`clerk@${BRANCH}`]!);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), T).toBe(true);
    await page.getByRole('tab', { name: '年度' }).click();
    // 王老 owes the quarter: 3 × 20.00 元 (4,000 元 pension at 0.5%).
    const arrears = page.getByTestId('branch-arrears');
    await hasText(arrears, '欠交 60.00 元 · 经批准不计欠交 0.00 元');

    const form = page.getByRole('form', { name: '录入审批' });
    await form.getByLabel('公民身份号码').fill(id('001'));
    await form.getByLabel('姓名').fill('王老');
    await form.getByRole('combobox', { name: '交费类别' }).click();
    await page.getByRole('option', { name: '离退休' }).click();
    await form.getByLabel('起始月份').fill('2026-08');
    await form.getByLabel('截止月份').fill('2026-09');
    await form.getByLabel('批准文号').fill('离退休党支部〔2026〕2号');
    await form.getByLabel('批准组织（用逗号分隔）').fill('离退休党支部委员会');
    await form.getByLabel('批准日期').fill('2026-08-05');
    await form.getByRole('button', { name: '保存' }).click();

    await hasText(arrears, '欠交 20.00 元 · 经批准不计欠交 40.00 元');
    await hasText(page.getByRole('region', { name: '本支部欠交' }), '王老 2026年8月、2026年9月 经批准免交（离退休党支部〔2026〕2号），不计欠交');
    await hasText(page.getByRole('region', { name: '少交/免交/缓交/补交审批' }), '已确认');
    await page.screenshot({ path: path.join(SHOTS, 'year-approval.png'), fullPage: true });

    // The roll-up the 党委's finance reads says the same.
    const fin = new DuesbookClient({ baseUrl: worker.url, token: worker.tokens['finance@JT']! });
    const node = await fin.rollup(Q, BRANCH);
    expect(node.figures).toMatchObject({ arrearsFen: 2000, approvedFen: 4000 });

    // The branch decided it at entry, so the branch may revoke it: asked first, a reason needed; the arrears return.
    const item = page.getByLabel('王老 免交');
    await item.getByRole('button', { name: '撤销确认' }).click();
    const ask = item.getByRole('alertdialog', { name: '撤销确认' });
    await ask.getByLabel('撤回/撤销原因').fill('文号有误');
    await ask.getByRole('button', { name: '确定' }).click();
    await hasText(arrears, '欠交 60.00 元 · 经批准不计欠交 0.00 元');
    await hasText(page.getByRole('region', { name: '少交/免交/缓交/补交审批' }), '已撤销');
    expect((await fin.rollup(Q, BRANCH)).figures).toMatchObject({ arrearsFen: 6000, approvedFen: 0 });
  });
});
