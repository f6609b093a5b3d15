// A change after approval in a real browser against the real server: the institution asks to move the dates of an
// approved class, the district regulator sees before → after in the change queue and approves, and the class then
// shows the new dates.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newContext } from './helpers/browser';
import { createApprovedClass, XIHU_REGULATOR } from './helpers/class-screens';
import { beijingDay, prepareClassWorld } from './helpers/classes';
import { startServer, type RunningServer } from './helpers/server';
import { signIn } from './helpers/ui';

let server: RunningServer;
let browser: Browser;
let classId: string;
const name = `电工（五级）变更 E2E ${Date.now() % 100000} 期`;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  // Courses, a qualified teacher and a class approved by the district, set up through the API.
  const world = await prepareClassWorld(server.baseUrl);
  classId = await createApprovedClass(server.baseUrl, world, name, 2);
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(): Promise<Page> {
  const context = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN' });
  contexts.push(context);
  return context.newPage();
}

/** A date as the pages show it in Chinese (e.g. 2027/01/30). */
const shown = (date: string) =>
  new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(`${date}T00:00:00`),
  );

async function pickDate(page: Page, inputId: string, date: string): Promise<void> {
  await page.locator(`#${inputId}`).click();
  await page.locator(`#${inputId}`).fill(date);
  await page.locator(`#${inputId}`).press('Enter');
}

describe('changes after approval', () => {
  test('the institution moves the dates of an approved class and the district regulator approves it', async () => {
    const [oldStart, oldEnd] = [beijingDay(7), beijingDay(60)];
    const [newStart, newEnd] = [beijingDay(14), beijingDay(67)];

    // The institution proposes the change, with a reason; nothing moves yet.
    const admin = await openPage();
    await signIn(admin, '13900000021');
    await admin.goto(`/classes/${classId}?tab=changes`);
    await admin.locator('[data-testid=change-propose]').click();
    await admin.locator('#change_kind').getByText('培训日期').click();
    await pickDate(admin, 'change_startDate', newStart);
    await pickDate(admin, 'change_endDate', newEnd);
    await admin.locator('#change-submit').click();
    // The reason is required.
    await expect
      .poll(() =>
        admin
          .locator('.ant-form-item', { has: admin.locator('#change_reason') })
          .locator('.ant-form-item-explain-error')
          .textContent(),
      )
      .toContain('变更理由');
    await admin.locator('#change_reason').fill('实训基地设备检修，培训整体顺延一周。');
    await admin.locator('#change-submit').click();
    const card = admin.locator('[data-testid=change-card]').first();
    await expect.poll(() => card.getAttribute('data-status')).toBe('submitted');
    expect(await card.locator('[data-testid=diff-before]').textContent()).toContain(
      `${shown(oldStart)} – ${shown(oldEnd)}`,
    );
    expect(await card.locator('[data-testid=diff-after]').textContent()).toContain(
      `${shown(newStart)} – ${shown(newEnd)}`,
    );
    expect(await admin.locator('[data-testid=change-propose]').isDisabled()).toBe(true);

    // The regulator finds it in the change queue and sees before → after.
    const regulator = await openPage();
    await signIn(regulator, XIHU_REGULATOR);
    await regulator.goto('/reviews');
    await regulator.locator('[data-testid=tab-change-queue]').click();
    const row = regulator.locator('[data-testid=change-queue-row]', { hasText: name });
    await row.click();
    const dialog = regulator.locator('[data-testid=change-review]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('实训基地设备检修');
    expect(await dialog.locator('[data-testid=diff-before]').textContent()).toContain(
      `${shown(oldStart)} – ${shown(oldEnd)}`,
    );
    expect(await dialog.locator('[data-testid=diff-after]').textContent()).toContain(
      `${shown(newStart)} – ${shown(newEnd)}`,
    );
    // Returning needs a reason; approving does not.
    await regulator.locator('[data-testid=change-return]').click();
    await expect
      .poll(() =>
        regulator
          .locator('.ant-form-item', { has: regulator.locator('#change_review_comment') })
          .locator('.ant-form-item-explain-error')
          .textContent(),
      )
      .toContain('理由');
    await regulator.locator('#change_review_comment').fill('同意顺延');
    await regulator.locator('[data-testid=change-approve]').click();
    await expect.poll(() => row.count()).toBe(0);

    // The class now has the new dates, and the request shows as approved with the regulator's words.
    await admin.goto(`/classes/${classId}`);
    await expect
      .poll(() => admin.locator('[data-testid=class-info]').textContent())
      .toContain(`${shown(newStart)} – ${shown(newEnd)}`);
    await admin.goto(`/classes/${classId}?tab=changes`);
    await expect
      .poll(() => admin.locator('[data-testid=change-card]').first().getAttribute('data-status'))
      .toBe('approved');
    expect(await admin.locator('[data-testid=change-decision]').textContent()).toContain('同意顺延');
    expect(await admin.locator('[data-testid=change-propose]').isDisabled()).toBe(false);
  });
});
