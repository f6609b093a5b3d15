// The supervision consoles in the browser: waiting for the demo learning history, and the screenshots of the
// dashboards, a learner's trace and the self-inspection report (used by e2e/dashboard.test.ts and e2e/screenshots.ts).
import type { Browser, Page } from 'playwright-core';
import { newContext } from './browser';
import { apiSignIn } from './classes';
import { signIn } from './ui';

export const PROVINCE_REGULATOR = '13900000011';
export const XIHU_REGULATOR = '13900000014';
/** A learner of the demo learning history (Hangzhou electricians) with face checks on record. */
export const TRACED_LEARNER = '13800000005';

/** The demo learning history is written by the demo content job shortly after start: wait until the province sees it. */
export async function waitForDemoLearning(baseUrl: string, timeoutMs = 300_000): Promise<void> {
  const regulator = await apiSignIn(baseUrl, PROVINCE_REGULATOR);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { status, body } = await regulator.call('GET', '/api/stats/dashboard');
    // The cards count unfolded records at once; the breakdowns wait for the roll-up job (a minute or two after the seed).
    if (
      status === 200 &&
      body.dashboard.cards.creditedHoursTotal > 0 &&
      body.dashboard.breakdown.rows.some((r: { creditedHours: number }) => r.creditedHours > 0)
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`no demo learning on the dashboard within ${timeoutMs} ms`);
}

type Save = (page: Page, name: string, fullPage?: boolean) => Promise<void>;

/** Charts draw after their data arrives and antd animates: wait for the canvases, then a moment. */
export async function dashboardReady(page: Page): Promise<void> {
  await page.locator('[data-testid=dashboard] [data-testid=chart-trend] canvas').waitFor();
  await page.waitForTimeout(1200);
}

export async function openTimeline(page: Page, login: string): Promise<void> {
  await page.goto('/trace');
  await page.locator('[data-testid=trace-search] input').fill(login);
  await page.locator('[data-testid=trace-search] input').press('Enter');
  // The unfiltered list is on screen first: wait for the search's single answer.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=trace-learner]').length === 1);
  await page.locator('[data-testid=trace-learner]').first().click();
  await page.locator('[data-testid=trace-session]').first().waitFor();
}

/** Dashboards (province regulator, both languages at 1440; operator's platform tab), the trace with a photo, self-inspection. */
export async function captureConsolePages(browser: Browser, baseUrl: string, save: Save): Promise<void> {
  await waitForDemoLearning(baseUrl);
  for (const language of ['zh-CN', 'en'] as const) {
    const short = language === 'en' ? 'en' : 'zh';
    const context = await newContext(browser, { baseUrl, language, width: 1440, height: 900 });
    const page = await context.newPage();
    await signIn(page, PROVINCE_REGULATOR);
    await page.goto('/dashboard');
    await dashboardReady(page);
    await save(page, `dashboard-regulator-${short}-1440`);
    await context.close();
  }
  const operator = await newContext(browser, { baseUrl, language: 'zh-CN', width: 1440, height: 900 });
  const op = await operator.newPage();
  await signIn(op, '13900000001');
  await op.goto('/dashboard');
  await op.locator('[data-testid=platform-stats] [data-testid=chart-platform] canvas').waitFor();
  await op.waitForTimeout(1200);
  await save(op, 'dashboard-platform-zh-1440');
  await operator.close();

  const context = await newContext(browser, { baseUrl, language: 'zh-CN', width: 1440, height: 900 });
  const page = await context.newPage();
  await signIn(page, XIHU_REGULATOR);
  await openTimeline(page, TRACED_LEARNER);
  await page.locator('[data-testid=trace-show-photo]').first().click();
  await page.locator('[data-testid=trace-face-photo] img, img[data-testid=trace-face-photo]').first().waitFor();
  // The header is fixed: a full-page picture taken scrolled down would show it in the middle.
  await page.evaluate(() => window.scrollTo(0, 0));
  await save(page, 'trace-timeline-zh-1440');
  await context.close();

  const school = await newContext(browser, { baseUrl, language: 'zh-CN', width: 1440, height: 900 });
  const admin = await school.newPage();
  await signIn(admin, '13900000021');
  await admin.goto('/inspection');
  await admin.locator('[data-testid=inspection-class]').first().waitFor();
  await save(admin, 'inspection-institution-zh-1440');
  await school.close();
}
