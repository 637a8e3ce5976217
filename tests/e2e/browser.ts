/**
 * What every browser test needs: Debian's chromium as a 350 px task pane in zh-CN (office.js
 * unreachable, so the pane starts in browser mode), polling matchers (playwright-core has no test
 * runner's), and signing in with a token on the account tab.
 */
import { expect } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function openPane(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  const context = await browser.newContext({ viewport: { width: 350, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  // office.js is unreachable offline: the pane must start in browser mode without it.
  await page.route('https://appsforoffice.microsoft.com/**', (r) => r.abort());
  return { browser, page };
}

export const T = { timeout: 30_000, interval: 100 };
export const squash = (t: string) => t.replace(/\s+/g, '');
const textOf = async (l: Locator) => squash((await l.count()) ? await l.first().innerText() : '');
export const visible = (l: Locator) => expect.poll(() => l.isVisible(), T).toBe(true);
export const gone = (l: Locator) => expect.poll(() => l.count(), T).toBe(0);
export const hasText = (l: Locator, text: string) => expect.poll(() => textOf(l), T).toContain(squash(text));
export const lacksText = (l: Locator, text: string) => expect.poll(() => textOf(l), T).not.toContain(squash(text));

/** Signs out whoever is signed in, then in with `token`, from the account tab (named for the role). */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByRole('tab', { name: /^(登录|支部|财务|领导|管理员)$/ }).click();
  const out = page.getByRole('button', { name: '退出登录' });
  if (await out.isVisible()) await out.click();
  await page.getByLabel('访问令牌').fill(token);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}
