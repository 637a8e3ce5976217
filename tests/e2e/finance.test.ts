// Finance and leaders end to end in a real browser (Debian chromium via playwright-core), against
// a local worker with a fresh D1 (issue 13): reviewing a revision with its facts in view, a return
// that makes revision 1 count (in the pane and in the downloaded workbook), the 催报 and 催缴 texts,
// locking and unlocking with the confirmation, the year's badges, the clerk's deadline banner, each
// role's actions, and the 公示 sheet read back from the file (and printed by LibreOffice when it is
// installed). Branches' quarters are submitted through the API with the same preparation the pane
// and the CLI use (shared/submission/prepare.ts), so the test drives only what finance does.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { unzipSync, strFromU8 } from 'fflate';
import { ApiError, DuesbookClient } from '../../shared/api/client';
import type { SubmissionReceipt } from '../../shared/api/contract';
import type { Grid } from '../../shared/grid';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { prepareSubmission } from '../../shared/submission/prepare';
import { readWorkbook } from '../../shared/xlsx/read';
import { T, gone, hasText, lacksText, openPane, signIn, squash, visible } from './browser';
import { cleanWorkbook } from './cleanWorkbook';
import { buildPane, repo, startLocalWorker } from './localWorker';
import type { LocalWorker } from './localWorker';

const SHOTS = path.join(repo, 'test-results/screenshots');
// Five days before the third quarter's deadline (the 10th of the month after the quarter, the
// committee default): the 催报 list and the clerk's banner are due.
const TODAY = '2026-10-05';
const Q = '2026Q3';
const COMMITTEE = '中共某市交通运输局委员会';
const MISSING = ['机关第二党支部', '路政支队党支部', '养护中心党支部', '离退休党支部'];

let worker: LocalWorker;
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

const client = (who: string) => new DuesbookClient({ baseUrl: worker.url, token: worker.tokens[who]! });

async function grids(members: number, paidThrough: number): Promise<Grid[]> {
  return readWorkbook(await cleanWorkbook({ members, paidThrough }));
}

/** A branch's quarter sent as its clerk would send it: prepared from the workbook's grids. */
async function submitAs(branch: string, quarter: string, members: number, paidThrough: number, ifMatch?: string): Promise<SubmissionReceipt> {
  const { submission } = prepareSubmission({ grids: await grids(members, paidThrough), settings: DEFAULT_SETTINGS, quarter, today: TODAY });
  return client(`clerk@${branch}`).submit({ ...submission, branchCode: branch }, { idempotencyKey: crypto.randomUUID(), ...(ifMatch ? { ifMatch } : {}) });
}

async function openRollup(period: string) {
  await page.getByRole('tab', { name: '汇总' }).click();
  await page.getByRole('combobox', { name: '期间' }).selectOption(period);
  await page.getByRole('button', { name: '查看汇总' }).click();
  await visible(page.getByRole('tree').getByRole('treeitem', { name: COMMITTEE }));
}

const item = (name: string) => page.getByRole('tree').getByRole('treeitem', { name });
/** A tree item's own line (its first layout), not its children's. */
const own = (name: string) => item(name).locator('.fui-TreeItemLayout').first();

let first: SubmissionReceipt;
let workbook: Uint8Array;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  buildPane();
  worker = await startLocalWorker();
  // 运输管理处党支部: revision 1 with 6 members, revision 2 with 8; its second quarter too.
  first = await submitAs('JT-01', Q, 6, 9);
  await submitAs('JT-01', Q, 8, 9, first.etag);
  await submitAs('JT-01', '2026Q2', 6, 6);
  // 机关第一党支部: 4 members, September unpaid; confirmed by finance.
  const other = await submitAs('JT-ZZ1-01', Q, 4, 8);
  await client('finance@JT').review('JT-ZZ1-01', Q, 'confirm', { revision: other.revision, note: '' });
  ({ browser, page } = await openPane());
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe('finance and leaders in a browser', () => {
  it('lists who has not submitted with a 催报 text to copy', async () => {
    await page.goto(`${worker.url}/taskpane.html?today=${TODAY}`);
    await visible(page.getByText('浏览器模式'));
    await signIn(page, worker.tokens['finance@JT']!);
    await visible(page.getByText(`${COMMITTEE}（财务）`));
    await openRollup(Q);
    const remind = page.getByRole('region', { name: /^催报：/ });
    await hasText(remind, '催报：4 个党支部尚未报送（截止 2026年10月10日，还有 5 天）');
    const text = await remind.getByRole('textbox').inputValue();
    for (const b of MISSING) expect(text).toContain(`【催报】${b}：请于2026年10月10日前报送2026年第三季度党费收缴情况`);
    expect(text).not.toContain('运输管理处党支部');
    expect(text.split('\n')).toHaveLength(4);
  });

  it('shows the revision’s facts beside 确认 / 退回, and a return makes revision 1 count, labelled', async () => {
    await hasText(own('运输管理处党支部'), '应交 ¥960.00');
    await own('运输管理处党支部').getByText('运输管理处党支部').click();
    const card = page.getByRole('group', { name: '运输管理处党支部' });
    const facts = card.getByRole('region', { name: '本版情况' });
    await hasText(facts, '第2版');
    await hasText(facts, '由运输管理处党支部');
    await hasText(facts, '与第1版相比');
    await hasText(facts, '新增 2 人，减少 0 人');
    await hasText(facts, '合计：应交 ¥720.00 → ¥960.00');
    // The card opened where finance is looking.
    expect(await card.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot('f1-review-facts');
    await expect.poll(() => card.getByRole('button', { name: '退回' }).isDisabled(), T).toBe(true);
    await card.getByLabel('备注').fill('第2版多报了两名已转出党员，请核对后重报');
    await card.getByRole('button', { name: '退回' }).click();
    await visible(page.getByText('已处理：运输管理处党支部'));
    const line = own('运输管理处党支部');
    await hasText(line, '按第1版计（第2版已退回）');
    // Every figure of the branch is revision 1's: 6 members × ¥40 × 3 months.
    await hasText(line, '应交 ¥720.00 · 实交 ¥720.00 · 欠交 ¥0.00');
    await shot('f2-returned-fallback');
    await own('运输管理处党支部').getByText('运输管理处党支部').click();
    await card.getByRole('button', { name: '查看党员' }).click();
    await expect.poll(() => card.getByRole('table', { name: '运输管理处党支部 党员明细' }).getByRole('row').count(), T).toBe(7);
  });

  it('gives a branch’s 催缴 list of members in arrears', async () => {
    await own('机关第一党支部').getByText('机关第一党支部').click();
    const card = page.getByRole('group', { name: '机关第一党支部' });
    await card.getByRole('button', { name: '生成催缴名单' }).click();
    const list = await card.getByRole('textbox', { name: /复制下面的名单/ }).inputValue();
    expect(list.split('\n')[0]).toBe('【催缴】机关第一党支部 2026年第三季度欠交党费名单（共 4 人）：');
    expect(list.match(/欠交 40\.00 元/g)).toHaveLength(4);
  });

  it('labels the fall-back in the downloaded workbook and posts a 公示 with its 落款 and no empty pages', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载汇总工作簿' }).click();
    const file = await download;
    workbook = new Uint8Array(await readFile((await file.path())!));
    const sheets = await readWorkbook(workbook);
    const text = (g: Grid) => g.values.flatMap((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
    const summary = sheets.find((g) => g.name === '汇总')!;
    const transport = summary.values.find((r) => r.some((c) => typeof c === 'string' && c.includes('运输管理处党支部')))!;
    expect(transport.map(String).join('|')).toContain('按第1版计（第2版已退回）');
    expect(transport).toContain(720);
    const publicity = text(sheets.find((g) => g.name === '公示')!);
    // Posted: the two branches with figures; the four absent ones named once in one short table.
    expect(publicity.filter((c) => c.endsWith('党费收缴情况公示'))).toEqual(['机关第一党支部 党费收缴情况公示', '运输管理处党支部 党费收缴情况公示']);
    for (const b of MISSING) expect(publicity.filter((c) => c === b)).toHaveLength(1);
    expect(publicity.filter((c) => c.startsWith('公示期：'))).toHaveLength(2);
    expect(publicity.filter((c) => c === COMMITTEE)).toHaveLength(2);
    expect(publicity.some((c) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(c))).toBe(true);
    // Printed on A4 (paperSize 9) unless the committee chose A3.
    const zip = unzipSync(workbook);
    const sheetXml = Object.entries(zip).filter(([n]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map(([, b]) => strFromU8(b));
    expect(sheetXml.length).toBeGreaterThan(3);
    for (const xml of sheetXml) expect(xml).toMatch(/paperSize="9"/);
  });

  it.skipIf(spawnSync('sh', ['-c', 'command -v soffice && command -v pdftotext']).status !== 0)(
    'prints the 公示 through LibreOffice: every page has content, each block ends with its 公示期, 落款 and date',
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'duesbook-render-'));
      try {
        const xlsx = path.join(dir, 'report.xlsx');
        writeFileSync(xlsx, workbook);
        const r = spawnSync(process.execPath, [path.join(repo, 'scripts/render-report.mjs'), xlsx, '--out', path.join(dir, 'out'), '--dpi', '40'], { cwd: repo, encoding: 'utf8', timeout: 300_000 });
        expect(r.status, r.stderr).toBe(0);
        const pdf = readdirSync(path.join(dir, 'out')).find((f) => f.endsWith('.pdf'))!;
        const t = spawnSync('pdftotext', ['-layout', path.join(dir, 'out', pdf), '-'], { encoding: 'utf8' });
        const pages = t.stdout.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim());
        for (const [i, p] of pages.entries()) expect(squash(p).length, `page ${i + 1} is empty`).toBeGreaterThan(20);
        const posted = pages.filter((p) => p.includes('党费收缴情况公示'));
        expect(posted).toHaveLength(2);
        for (const p of posted) {
          // The 落款 follows the 公示期 line (the page header also names the 党委, above it).
          const text = squash(p);
          expect(text).toContain('公示期：');
          expect(text.slice(text.indexOf('公示期：'))).toMatch(new RegExp(`${COMMITTEE}\\d{4}年\\d{1,2}月\\d{1,2}日`));
        }
        expect(pages.filter((p) => p.includes('本期未列入公示的党支部'))).toHaveLength(1);
        expect(readFileSync(path.join(dir, 'out', pdf)).subarray(0, 4).toString()).toBe('%PDF');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('locks the 党委 only after a confirmation naming what it freezes, and unlocks it', async () => {
    await own(COMMITTEE).getByText(COMMITTEE).click();
    await page.getByRole('button', { name: `锁定${COMMITTEE}本季度` }).click();
    const dialog = page.getByRole('alertdialog');
    await hasText(dialog, `锁定${COMMITTEE} 2026年第三季度？`);
    await hasText(dialog.getByLabel('已确认'), '已确认（1）：机关第一党支部');
    await hasText(dialog.getByLabel('已退回待重报'), '已退回待重报（1）：运输管理处党支部');
    await hasText(dialog.getByLabel('未报送'), `未报送（4）：${MISSING.join('、')}`);
    await hasText(dialog, '注意：还有 4 个党支部未报送、1 个已退回未重报。');
    await shot('f3-lock-confirm');
    // Cancelling locks nothing.
    await dialog.getByRole('button', { name: '取消' }).click();
    await gone(page.getByRole('alertdialog'));
    expect(await client('finance@JT').locks(Q)).toEqual([]);
    await page.getByRole('button', { name: `锁定${COMMITTEE}本季度` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确定锁定' }).click();
    await visible(page.getByText(`已锁定 ${COMMITTEE} 2026年第三季度。`));
    await hasText(own(COMMITTEE), '已锁定');
    // The returned branch cannot resubmit while the lock holds…
    const refused = await submitAs('JT-01', Q, 6, 9, first.etag).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('QUARTER_LOCKED');
    await page.getByRole('button', { name: `解除${COMMITTEE}的锁定` }).click();
    const undo = page.getByRole('alertdialog');
    await hasText(undo, `解除${COMMITTEE} 2026年第三季度的锁定？`);
    await undo.getByRole('button', { name: '确定解除' }).click();
    await visible(page.getByText(`已解除锁定：${COMMITTEE} 2026年第三季度。`));
    await lacksText(own(COMMITTEE), '已锁定');
    // …and can once it is lifted.
    const history = await client('clerk@JT-01').history('JT-01', Q);
    const again = await submitAs('JT-01', Q, 6, 9, history.current!.etag);
    expect(again.revision).toBe(3);
  });

  it('shows the year as 已报齐 / 未报齐 (x of 4 quarters), not 未报送, where figures exist', async () => {
    await openRollup('2026');
    await shot('f4-year');
    await hasText(own('运输管理处党支部'), '未报齐（2/4个季度）');
    await hasText(own('机关第一党支部'), '未报齐（1/4个季度）');
    await hasText(own('机关第二党支部'), '未报送');
    await hasText(own(COMMITTEE), '支部 6 · 已报齐 0 · 全年已确认 0 · 未报齐 6');
    await lacksText(own('运输管理处党支部'), '未报送');
    await shot('f4-year');
  });

  it('gives each role only its actions: a leader downloads but neither reviews nor locks', async () => {
    await signIn(page, worker.tokens['leader@JT']!);
    await visible(page.getByText(`${COMMITTEE}（领导）`));
    await openRollup(Q);
    await visible(page.getByRole('button', { name: '下载汇总工作簿' }));
    await gone(page.getByRole('button', { name: /^锁定/ }));
    await own('运输管理处党支部').getByText('运输管理处党支部').click();
    const card = page.getByRole('group', { name: '运输管理处党支部' });
    await visible(card.getByRole('button', { name: '查看党员' }));
    await gone(card.getByRole('button', { name: '确认' }));
    await gone(card.getByRole('button', { name: '退回' }));
  });

  it('warns a clerk whose quarter is due soon and not submitted, and not one who has submitted', async () => {
    await signIn(page, worker.tokens['clerk@JT-ZZ1-02']!);
    await visible(page.getByText('机关第二党支部（支部）'));
    await page.getByRole('tab', { name: '报送' }).click();
    await page.getByRole('combobox', { name: '季度' }).selectOption(Q);
    await visible(page.getByText('2026年第三季度党费收缴情况应于2026年10月10日前报送，本支部尚未报送。'));
    await shot('f5-clerk-banner');
    // A clerk has no consolidated workbook to download.
    await page.getByRole('tab', { name: '汇总' }).click();
    await gone(page.getByRole('button', { name: '下载汇总工作簿' }));
    await signIn(page, worker.tokens['clerk@JT-ZZ1-01']!);
    await visible(page.getByText('机关第一党支部（支部）'));
    await page.getByRole('tab', { name: '报送' }).click();
    await page.getByRole('combobox', { name: '季度' }).selectOption(Q);
    await gone(page.getByText(/党费收缴情况应于.*前报送，本支部尚未报送/));
  });
});
