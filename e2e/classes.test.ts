// Class opening in a real browser against the real server: an institution applies for a class and sees which
// pre-checks fail, imports its roster from a file, and a county regulator returns a submitted application.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newContext } from './helpers/browser';
import {
  beijingDay,
  createPassingClass,
  makePeople,
  prepareClassWorld,
  rosterCsv,
  type ClassWorld,
} from './helpers/classes';
import { breakChecksum } from './helpers/identity';
import { startServer, type RunningServer } from './helpers/server';
import { signIn } from './helpers/ui';

let server: RunningServer;
let browser: Browser;
let world: ClassWorld;
let context: BrowserContext | undefined;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'yx-e2e-classes-'));
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  // Platform courses for the required general modules, a trade course and a qualified teacher.
  world = await prepareClassWorld(server.baseUrl);
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function openPage(): Promise<Page> {
  context = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN' });
  return context.newPage();
}

/** Picks the option of an open antd select whose label contains `text`. */
async function pickOption(page: Page, text: string): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

function precheck(page: Page, key: string) {
  return page.locator(`[data-testid=precheck-item][data-key=${key}]`);
}

describe('class application', () => {
  test('an institution admin fills in a class, saves it and sees the pre-checks that fail; then imports the roster', async () => {
    const page = await openPage();
    await signIn(page, '13900000021');
    await page.goto('/classes');
    await page.locator('[data-testid=new-class]').click();
    await page.waitForURL(/\/classes\/new$/);

    const name = `电工（五级）E2E ${Date.now() % 100000} 期`;
    await page.locator('#class_name').fill(name);
    await page.locator('#class_occupationCode').fill('电工');
    await pickOption(page, '6-31-01-03');
    await page.locator('#class_level').click();
    await pickOption(page, '五级');
    await page.locator('#class_startDate').fill(beijingDay(7));
    await page.locator('#class_startDate').press('Enter');
    await page.locator('#class_endDate').fill(beijingDay(60));
    await page.locator('#class_endDate').press('Enter');
    await page.locator('#class_offlineHours').fill('40');
    await page.locator('#class_assessmentPlan').fill('理论考试 + 实操考核');
    // One click puts a platform course for each required general module into the class.
    await page.locator('[data-testid=add-required-courses]').click();
    await expect.poll(() => page.locator('[data-testid=required-module][data-covered=false]').count()).toBe(0);
    await page.locator('#class_teacherIds').click();
    await pickOption(page, '韩立新');
    await page.keyboard.press('Escape');

    await page.locator('[data-testid=class-save]').click();
    await page.waitForURL(/\/classes\/[\w-]{20,}$/);
    await expect.poll(() => page.locator('[data-testid=class-title]').textContent()).toBe(name);
    expect(await page.locator('[data-testid=class-status]').getAttribute('data-status')).toBe('draft');

    // The pre-checks say item by item what is missing, in words.
    await expect.poll(() => precheck(page, 'learners').getAttribute('data-passed')).toBe('false');
    expect(await precheck(page, 'learners').textContent()).toContain('名单中还没有学员');
    expect(await precheck(page, 'general_modules').getAttribute('data-passed')).toBe('true');
    expect(await precheck(page, 'teachers').getAttribute('data-passed')).toBe('true');
    // 40 offline hours are planned but no session is scheduled, and 5 general hours + 40 fall short of the standard.
    expect(await precheck(page, 'offline_sessions').textContent()).toContain('还没有安排线下实训');
    expect(await precheck(page, 'hours').textContent()).toMatch(
      /线上 [\d.]+ 学时 \+ 线下 40 学时 = [\d.]+ 学时，低于标准要求的 \d+ 学时/,
    );
    expect(Number(await page.locator('[data-testid=precheck-summary]').getAttribute('data-failed'))).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=class-submit]').isDisabled()).toBe(true);

    // The roster: a file with one bad row is checked row by row; only the valid rows are imported.
    const people = makePeople(3);
    people[1] = { ...people[1], idNumber: breakChecksum(people[1].idNumber) };
    const file = path.join(workDir, '报名名单.csv');
    writeFileSync(file, rosterCsv(people));
    await page.locator('[data-testid=tab-roster]').click();
    await page.locator('[data-testid=roster-file-input]').setInputFiles(file);
    await page.locator('[data-testid=roster-check]').click();
    const report = page.locator('[data-testid=import-report]');
    await report.waitFor();
    expect(await report.getAttribute('data-invalid')).toBe('1');
    expect(await report.getAttribute('data-valid')).toBe('2');
    expect(await page.locator('[data-testid=import-errors] [data-testid=issue-row]').allTextContents()).toEqual(['3']);
    expect(await page.locator('[data-testid=import-errors]').textContent()).toContain('校验位');
    expect(await page.locator('[data-testid=roster-import-all]').isDisabled()).toBe(true);
    await page.locator('[data-testid=roster-import-valid]').click();
    await expect
      .poll(() => page.locator('[data-testid=roster-name]').allTextContents())
      .toEqual([people[0].name, people[2].name]);
    await expect.poll(() => precheck(page, 'learners').getAttribute('data-passed')).toBe('true');
  });
});

describe('class review', () => {
  test('a county regulator finds a submitted class in the queue and returns it with a comment', async () => {
    const name = `电工（五级）审核 E2E ${Date.now() % 100000} 期`;
    const classId = await createPassingClass(world, name, { learners: 2, submit: true });

    const page = await openPage();
    await signIn(page, '13900000014');
    await page.goto('/reviews');
    const row = page.locator('[data-testid=queue-row]', { hasText: name });
    await row.waitFor();
    await row.locator('[data-testid=queue-link]').click();
    await page.waitForURL(new RegExp(`/reviews/${classId}$`));
    await expect.poll(() => page.locator('[data-testid=precheck-summary]').getAttribute('data-failed')).toBe('0');
    expect(await page.locator('[data-testid=review-entry]').first().getAttribute('data-action')).toBe('submitted');

    // Returning needs a reason.
    await page.locator('[data-testid=review-return]').click();
    await page.locator('#review-submit').click();
    await page.locator('.ant-modal-wrap:visible .ant-form-item-explain-error').waitFor();
    const comment = '线下实训场地的坐标与地址不一致，请核实后重新提交。';
    await page.locator('#review_comment').fill(comment);
    await page.locator('#review-submit').click();

    // Back to the queue, without the class.
    await page.waitForURL(/\/reviews$/);
    await page.locator('[data-testid=queue-count]').waitFor();
    expect(await page.locator('[data-testid=queue-row]', { hasText: name }).count()).toBe(0);

    // The institution sees why, and may edit again.
    const admin = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN' });
    try {
      const adminPage = await admin.newPage();
      await signIn(adminPage, '13900000021');
      await adminPage.goto(`/classes/${classId}`);
      await expect
        .poll(() => adminPage.locator('[data-testid=class-status]').getAttribute('data-status'))
        .toBe('returned');
      expect(await adminPage.locator('[data-testid=returned-notice]').textContent()).toContain(comment);
      expect(
        await adminPage
          .locator('[data-testid=review-entry][data-action=returned] [data-testid=review-comment]')
          .textContent(),
      ).toBe(comment);
      expect(await adminPage.locator('[data-testid=class-submit]').isEnabled()).toBe(true);
    } finally {
      await admin.close();
    }
  });
});
