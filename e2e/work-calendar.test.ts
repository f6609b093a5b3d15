// The working-day calendar in a real browser: the operator sees the shipped State Council arrangement, adds a
// holiday and saves it; a weekday entered as a make-up working day is refused with the server's reason and nothing
// saved is lost. Screenshots go to docs/screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newContext } from './helpers/browser';
import { repoRoot, startServer, type RunningServer } from './helpers/server';
import { signIn } from './helpers/ui';

const shots = path.join(repoRoot, 'docs/screenshots');
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function save(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300); // antd motion
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function addDay(page: Page, day: string, kind: '放假' | '调休上班', name: string): Promise<void> {
  const form = page.locator('[data-testid=calendar-add]');
  await form.locator('.ant-picker input').fill(day);
  await form.locator('.ant-picker input').press('Enter');
  if (kind === '调休上班') {
    await form.locator('.ant-select').click();
    await page.locator('.ant-select-item-option', { hasText: '调休上班' }).click();
  }
  await form.locator('input[placeholder="如：春节"]').fill(name);
  await page.locator('[data-testid=calendar-add-button]').click();
}

describe('working-day calendar', () => {
  test('the operator adds a holiday to 2026 and saves it; a weekday make-up day is refused', async () => {
    const context = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, '13900000001');
    await page.goto('/work-calendar?year=2026');
    const summary = page.locator('[data-testid=calendar-summary]');
    await expect.poll(() => summary.textContent()).toBe('放假 33 天，调休上班 6 天');
    expect(await page.locator('[data-testid=calendar-table] tr.ant-table-row').first().textContent()).toContain('元旦');
    await save(page, 'work-calendar-zh-1280');

    await addDay(page, '2026-12-31', '放假', '测试假日');
    await expect.poll(() => summary.textContent()).toBe('放假 34 天，调休上班 6 天');
    await page.locator('[data-testid=calendar-save]').click();
    await page.locator('.ant-message', { hasText: '已保存' }).waitFor();
    await page.reload();
    await expect.poll(() => summary.textContent()).toBe('放假 34 天，调休上班 6 天');
    expect(await page.locator('[data-testid=calendar-table]').textContent()).toContain('测试假日');

    // Wednesday 30 December as a make-up working day: the server names the day and why.
    await addDay(page, '2026-12-30', '调休上班', '错误的调休');
    await page.locator('[data-testid=calendar-save]').click();
    await page.locator('.ant-message', { hasText: '2026-12-30 不是周六或周日' }).waitFor();
    await page.reload();
    await expect.poll(() => summary.textContent()).toBe('放假 34 天，调休上班 6 天');
    await context.close();

    for (const [language, width, name] of [
      ['en', 1280, 'work-calendar-en-1280'],
      ['zh-CN', 375, 'work-calendar-zh-375'],
    ] as const) {
      const ctx = await newContext(browser, { baseUrl: server.baseUrl, language, width });
      const p2 = await ctx.newPage();
      await signIn(p2, '13900000001');
      await p2.goto('/work-calendar?year=2026');
      await p2.locator('[data-testid=calendar-table]').waitFor();
      await save(p2, name);
      await ctx.close();
    }
  });
});
