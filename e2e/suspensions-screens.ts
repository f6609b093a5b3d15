// Screenshots of a class's "suspended learning" tab (学习暂停) with one learner suspended after missed face checks,
// the lift dialog, the regulator's read-only view, and a lift through the UI (the list is empty afterwards); then the
// policy pages, which show the faceCheck.freeRetakes field.
// Run: npm run --silent build:web && npx tsx e2e/suspensions-screens.ts
//
// The suspension is written straight into the server's SQLite database, as the learning engine leaves it after the
// policy's faceCheck.maxMissesPerClass misses (server/src/modules/learning/learning-face.test.ts drives the real path).
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { launchBrowser, newContext } from './helpers/browser';
import { prepareClassWorld } from './helpers/classes';
import { createApprovedClass, XIHU_REGULATOR } from './helpers/class-screens';
import { repoRoot, startServer } from './helpers/server';
import { signIn } from './helpers/ui';

const outDir = path.join(repoRoot, 'docs/screenshots');

async function save(page: Page, name: string, fullPage = true): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300); // antd motion
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage });
  console.log(`saved docs/screenshots/${name}.png`);
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const world = await prepareClassWorld(server.baseUrl);
  const classId = await createApprovedClass(server.baseUrl, world, '电工（五级）2027 年第 5 期', 3);
  const roster = await world.admin.call<{ items: { userId: string; name: string }[] }>(
    'GET',
    `/api/classes/${classId}/enrolments?page=1&pageSize=10`,
  );
  const learner = roster.body.items[0];
  if (!learner) throw new Error(`no learner on the roster: ${JSON.stringify(roster.body)}`);
  const db = new Database(path.join(server.varDir, 'yunxue.db'));
  const at = new Date(Date.now() - 3 * 3_600_000).toISOString();
  db.prepare(
    `insert into learning_class_status (user_id, class_id, face_misses, suspended_at, suspension, updated_at) values (?, ?, ?, ?, ?, ?)`,
  ).run(learner.userId, classId, 10, at, JSON.stringify({ kind: 'class_suspended', misses: 10, limit: 10 }), at);
  db.close();

  for (const [language, width] of [
    ['zh-CN', 1280],
    ['zh-CN', 375],
    ['en', 1280],
  ] as const) {
    const suffix = `${language === 'en' ? 'en' : 'zh'}-${width}`;
    const context = await newContext(browser, { baseUrl: server.baseUrl, language, width });
    const page = await context.newPage();
    await signIn(page, '13900000021');
    await page.goto(`/classes/${classId}?tab=suspensions`);
    await page.locator('[data-testid=suspension-name]').first().waitFor();
    await save(page, `class-suspensions-${suffix}`);
    if (width === 1280) {
      await page.locator('[data-testid=suspension-lift]').first().click();
      await page.locator('[data-testid=suspension-note]').waitFor();
      await save(page, `class-suspensions-lift-${suffix}`, false);
      await page.keyboard.press('Escape');
    }
    await context.close();
  }

  // The district regulator sees the list without the lift action.
  const context = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN', width: 1280 });
  const page = await context.newPage();
  await signIn(page, XIHU_REGULATOR);
  await page.goto(`/classes/${classId}?tab=suspensions`);
  await page.locator('[data-testid=suspension-name]').first().waitFor();
  if (await page.locator('[data-testid=suspension-lift]').count())
    throw new Error('the regulator is offered the lift action');
  await save(page, 'class-suspensions-regulator-zh-1280');
  await context.close();

  // Lifting through the UI: a note is required, then the learner leaves the list.
  const admin = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN', width: 1280 });
  const adminPage = await admin.newPage();
  await signIn(adminPage, '13900000021');
  await adminPage.goto(`/classes/${classId}?tab=suspensions`);
  await adminPage.locator('[data-testid=suspension-lift]').first().click();
  await adminPage.locator('#suspension-lift-submit').click();
  await adminPage.locator('.ant-form-item-explain-error').waitFor();
  await adminPage.locator('[data-testid=suspension-note]').fill('已电话联系学员本人，确认为摄像头故障，已更换设备');
  await adminPage.locator('#suspension-lift-submit').click();
  await adminPage.locator('.ant-table-placeholder').waitFor();
  console.log('lifted through the UI; the list is empty');
  await admin.close();

  // The policy pages show the new faceCheck.freeRetakes field (the same pictures as e2e/screenshots.ts takes).
  for (const [language, width] of [
    ['zh-CN', 1280],
    ['en', 1280],
    ['zh-CN', 375],
  ] as const) {
    const suffix = `${language === 'en' ? 'en' : 'zh'}-${width}`;
    const context = await newContext(browser, { baseUrl: server.baseUrl, language, width });
    const page = await context.newPage();
    await signIn(page, '13900000001');
    await page.goto('/policies');
    await page.locator('[data-testid=policy-version]').first().waitFor();
    await save(page, `policies-${suffix}`);
    await page.locator('[data-testid=policy-scope-330200]').click();
    await page.locator('[data-testid=policy-publish]').click();
    await page.locator('#policy_note').waitFor();
    await save(page, `policy-publish-${suffix}`, false);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
