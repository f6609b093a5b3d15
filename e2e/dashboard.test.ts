// The supervision consoles in a real browser against the real server with the demo learning history: a regulator
// opens the dashboard of the province and drills into a city, then traces a learner and looks at a face check photo
// (the viewing lands in the audit log). Screenshots go to docs/screenshots/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newContext } from './helpers/browser';
import { apiSignIn } from './helpers/classes';
import {
  captureConsolePages,
  dashboardReady,
  openTimeline,
  PROVINCE_REGULATOR,
  TRACED_LEARNER,
  waitForDemoLearning,
  XIHU_REGULATOR,
} from './helpers/consoles';
import { repoRoot, startServer, type RunningServer } from './helpers/server';
import { signIn } from './helpers/ui';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ env: { YX_DEMO_CONTENT: 'true', YX_RATE_LIMIT_PER_MINUTE: '100000' } }),
    launchBrowser(),
  ]);
  await waitForDemoLearning(server.baseUrl);
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const outDir = path.join(repoRoot, 'docs/screenshots');
async function save(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await page.mouse.move(0, 0);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage });
}

describe('supervision consoles', () => {
  test('a regulator reads the province dashboard and drills into a city', async () => {
    const context = await newContext(browser, { baseUrl: server.baseUrl, width: 1440, height: 900 });
    const page = await context.newPage();
    await signIn(page, PROVINCE_REGULATOR);
    await page.locator('.ant-menu').getByText('数据看板').click();
    await page.waitForURL('**/dashboard');
    await dashboardReady(page);
    await expect(page.locator('[data-testid=dashboard-scope]').textContent()).resolves.toBe('浙江省');
    const total = Number(
      (await page.locator('[data-testid=card-hours-total] .ant-statistic-content-value').textContent())!.replace(
        /,/g,
        '',
      ),
    );
    expect(total).toBeGreaterThan(0);
    const regions = await page.locator('[data-testid=breakdown-name]').allTextContents();
    expect(regions).toEqual(expect.arrayContaining(['杭州市', '宁波市']));
    // Into Ningbo: the scope, its counties, and the way back up.
    await page.locator('[data-testid=breakdown-name]', { hasText: '宁波市' }).click();
    await page.locator('[data-testid=dashboard-scope]', { hasText: '宁波市' }).waitFor();
    expect(page.url()).toContain('region=330200');
    expect(await page.locator('[data-testid=breakdown-name]').allTextContents()).toContain('海曙区');
    await page.locator('[data-testid=dashboard-up]').click();
    await page.locator('[data-testid=dashboard-scope]', { hasText: '浙江省' }).waitFor();
    await context.close();
  });

  test('a district regulator traces a learner and views a face check photo, which is audited', async () => {
    const context = await newContext(browser, { baseUrl: server.baseUrl, width: 1440, height: 900 });
    const page = await context.newPage();
    await signIn(page, XIHU_REGULATOR);
    await openTimeline(page, TRACED_LEARNER);
    await expect(page.locator('h3').first().textContent()).resolves.toContain('陈静'); // 13800000005
    expect(await page.locator('[data-testid=trace-session]').count()).toBeGreaterThan(3);
    await expect(page.locator('[data-testid=trace-timeline]').textContent()).resolves.toContain(
      '电工（五级）2026 年第 2 期',
    );
    const photo = page.waitForResponse(
      (r) => r.url().includes('/api/trace/face-checks/') && r.url().endsWith('/photo'),
    );
    await page.locator('[data-testid=trace-show-photo]').first().click();
    expect((await photo).status()).toBe(200);
    const image = page.locator('img[data-testid=trace-face-photo], [data-testid=trace-face-photo] img').first();
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const regulator = await apiSignIn(server.baseUrl, XIHU_REGULATOR);
    const { body } = await regulator.call('GET', '/api/audit?action=face.check_photo_viewed');
    expect(body.items.length).toBeGreaterThanOrEqual(1);
    await context.close();
  });

  test('screenshots of the consoles', async () => {
    await captureConsolePages(browser, server.baseUrl, save);
  }, 240_000);
});
