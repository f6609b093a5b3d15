// Temporary (facecheck helper): screenshots of the pages this change touched, into /tmp/shots-facecheck.
import type { Page } from 'playwright-core';
import { launchBrowser, newContext } from './e2e/helpers/browser';
import { prepareClassWorld } from './e2e/helpers/classes';
import { progressOf, runningClassWith, shortHeartbeatPolicy } from './e2e/helpers/learning';
import { startServer } from './e2e/helpers/server';
import { signIn } from './e2e/helpers/ui';

const out = '/tmp/shots-facecheck';
async function save(page: Page, name: string, fullPage = false) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage });
  console.log('saved', name);
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const world = await prepareClassWorld(server.baseUrl);
  await shortHeartbeatPolicy(world, 5);
  const classId = await runningClassWith(server.baseUrl, world, `人脸核验截图 ${Date.now() % 100000} 期`, '13800000006');
  for (const [language, width] of [['zh-CN', 1280], ['en', 1280]] as const) {
    const suffix = `${language === 'en' ? 'en' : 'zh'}-${width}`;
    const context = await newContext(browser, { baseUrl: server.baseUrl, language, width });
    const page = await context.newPage();
    await signIn(page, '13900000001');
    await page.goto('/policies');
    await page.locator('[data-testid=policy-version]').first().waitFor();
    await page.locator('[data-testid=effective-policy]').scrollIntoViewIfNeeded();
    await save(page, `policies-${suffix}`, true);
    await page.locator('[data-testid=policy-scope-national]').click().catch(() => undefined);
    await page.locator('[data-testid=policy-publish]').click();
    await page.locator('#policy_note').waitFor();
    await page.locator('legend', { hasText: language === 'en' ? 'Face checks' : '人脸核验' }).scrollIntoViewIfNeeded();
    await save(page, `policy-publish-face-${suffix}`);
    await context.close();
  }
  for (const [language, width] of [['zh-CN', 375], ['en', 1280], ['zh-CN', 1280]] as const) {
    const suffix = `${language === 'en' ? 'en' : 'zh'}-${width}`;
    const context = await newContext(browser, { baseUrl: server.baseUrl, language, width });
    const page = await context.newPage();
    await signIn(page, '13800000006');
    const [first] = await progressOf(context, classId);
    await page.goto(`/learn/${classId}/${first!.lessonId}`);
    await page.locator('[data-testid=reading-timer][data-running=true]').waitFor();
    // A face check as the server issues it, for the consent step (this class has face checks off, so none comes).
    await page.route('**/api/learning/sessions/*/heartbeats', async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      json.check = { id: 'screenshot', kind: 'face', code: null, deadline: new Date(Date.now() + 60_000).toISOString(), failed: false, attemptsLeft: 4, action: 'turn_right' };
      await route.fulfill({ response, json });
    });
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.locator('[data-testid=face-consent]').waitFor();
    await save(page, `face-consent-${suffix}`);
    await page.unroute('**/api/learning/sessions/*/heartbeats');
    // Missed face checks: the lesson reset, then learning suspended (answers as the server gives them).
    for (const kind of ['lesson_reset', 'class_suspended'] as const) {
      await page.goto(`/learn/${classId}/${first!.lessonId}`);
      await page.locator('[data-testid=reading-timer][data-running=true]').waitFor();
      await page.route('**/api/learning/sessions/*/heartbeats', async (route) => {
        const response = await route.fetch();
        const json = await response.json();
        json.ended = true;
        json.consequences = kind === 'lesson_reset'
          ? [{ kind, misses: 3, limit: 3, revokedMs: 1_234_000, watchedMs: 1_234_000 }]
          : [{ kind, misses: 10, limit: 10 }];
        await route.fulfill({ response, json });
      });
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await page.locator(`[data-testid=session-ended][data-reason=${kind}]`).waitFor();
      await save(page, `face-ended-${kind}-${suffix}`);
      await page.unroute('**/api/learning/sessions/*/heartbeats');
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
