// Subsidies (issue 17) in a real browser: an institution claims for a finished class, reading each learner's amount
// and why; the district regulator approves two learners and rejects one with a reason (the fourth, on hold, is not
// eligible); a payment batch is exported to Excel and marked paid with a voucher number; the learner sees "已发放"
// and the rejected learner the reason. The platform runs in this process (as the server tests build it), so the
// evidence facts come from the subsidies testkit's fake ports; the claims, ledger, review and payment are real.
// Screenshots of every page go to docs/screenshots (zh-CN at 1280 and 375 px, English at 1280 px).
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { enrolDirectly, insertClass, userByPhone } from '../server/src/modules/enrolment/enrolment.testkit';
import { fakeFacts, fakePorts, hoursOf, useSubsidyPorts } from '../server/src/modules/subsidies/subsidies.testkit';
import { beijingDate } from '../server/src/platform/time';
import { call, createTestPlatform, DEMO, login, type TestPlatform } from '../server/src/testing/platform';
import { launchBrowser, newContext } from './helpers/browser';
import { ensureWebBuilt, repoRoot } from './helpers/server';
import { signIn } from './helpers/ui';

const shots = path.join(repoRoot, 'docs/screenshots');
const CLASS_A = '电工（五级）2026 年第 1 期';
const CLASS_B = '电工（五级）2026 年第 2 期';
const CLASS_C = '电工（五级）2026 年第 3 期';
// Learners of the Hangzhou school (demo): four in class A, two in B (already claimed, overdue), two in C (unclaimed).
const PHONES = ['13800000001', '13800000002', '13800000003', '13800000004'];
const VOUCHER = 'JZ-2026-12-0088';

let p: TestPlatform;
let browser: Browser;
let baseUrl: string;
const names: string[] = [];

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300); // antd motion
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function finishedClass(name: string, phones: string[]): Promise<string> {
  const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
  const id = await insertClass(p, { status: 'closed', name, startDate: day(-60), endDate: day(-3) });
  const users = await Promise.all(phones.map((phone) => userByPhone(p, phone)));
  await enrolDirectly(
    p,
    id,
    users.map((u) => u.id),
  );
  return id;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  ensureWebBuilt();
  p = await createTestPlatform();
  const facts = fakeFacts();
  useSubsidyPorts(p, fakePorts(facts));
  await finishedClass(CLASS_A, PHONES);
  const classB = await finishedClass(CLASS_B, ['13800000005', '13800000006']);
  await finishedClass(CLASS_C, ['13800000007', '13800000008']);
  for (const [i, phone] of [...PHONES, '13800000005', '13800000006', '13800000007', '13800000008'].entries()) {
    const user = await userByPhone(p, phone);
    if (i < PHONES.length) names.push(user.name);
    facts.hours.set(user.id, hoursOf(48 + i * 4));
  }
  facts.holds.set((await userByPhone(p, PHONES[3])).id, 1);
  // Class B was claimed earlier and its review deadline has passed: the queue shows it first, in red.
  const admin = await login(p, DEMO.adminA);
  const claimed = await call(p, admin, 'POST', `/api/subsidies/classes/${classB}/claims`, {
    enterpriseCostFen: 60_000,
  });
  expect(claimed.status, JSON.stringify(claimed.body)).toBe(201);
  await p.services.infra.db
    .updateTable('subsidy_claims')
    .set({ review_due_at: new Date(p.clock.now().getTime() - 86_400_000).toISOString() })
    .where('id', '=', claimed.body.claim.id)
    .execute();
  baseUrl = await p.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await p?.drop();
});

const line = (page: Page, name: string) => page.locator(`[data-testid=claim-line][data-name="${name}"]`);

describe('subsidies in the browser', () => {
  test('claim → approve two, reject one → batch exported and paid → the learner sees 已发放', async () => {
    // The institution: the finished class, the roster with amounts and why, the submission.
    const inst = await newContext(browser, { baseUrl, language: 'zh-CN' });
    const page = await inst.newPage();
    await signIn(page, DEMO.adminA);
    await page.goto('/subsidies');
    await page.getByRole('tab', { name: '可申请的班级' }).click();
    await page
      .locator('[data-testid=claimable-class]', { hasText: CLASS_A })
      .locator('[data-testid=class-claim]')
      .click();
    await page.locator('[data-testid=preview-line]').first().waitFor();
    expect(await page.locator('[data-testid=preview-line]').count()).toBe(4);
    // Zhejiang's cost share: nothing until the enterprise's cost is declared, then 95 % of it (CNY 500 → 475).
    await expect.poll(() => page.locator('[data-testid=preview-total]').innerText()).toContain('合计 ¥0.00');
    expect(await page.locator('[data-testid=preview-line]').first().innerText()).toContain('未申报企业实际培训成本');
    await page.locator('#enterprise-cost').fill('500');
    await expect
      .poll(() => page.locator('[data-testid=preview-total]').innerText())
      .toBe('合计 ¥1,425.00（4 人，其中符合条件 3 人）');
    const first = page.locator(`[data-testid=preview-line][data-name="${names[0]}"]`);
    expect(await first.innerText()).toContain('实际培训成本 ¥500.00 × 95% = ¥475.00');
    expect(await page.locator(`[data-testid=preview-line][data-name="${names[3]}"]`).innerText()).toContain(
      '补贴被预警暂停（1 项）',
    );
    await shot(page, 'subsidy-claim-new-zh-1280');
    await page.locator('[data-testid=claim-submit]').click();
    await page.locator('#claim-confirm').click();
    await page.locator('[data-testid=claim-line]').first().waitFor();
    await expect.poll(() => page.locator('[data-testid=claim-status]').innerText()).toBe('待审核');
    await expect.poll(() => page.locator('[data-testid=claim-total]').innerText()).toBe('¥1,425.00');
    expect(await line(page, names[3]).locator('[data-testid=line-status]').innerText()).toBe('不符合条件');
    await page.goto('/subsidies');
    await page.locator('[data-testid=claim-row]', { hasText: CLASS_A }).waitFor();
    await shot(page, 'subsidy-claims-institution-zh-1280');
    await inst.close();

    // The district regulator: the queue (B overdue, first), then A: approve two, reject the third with a reason.
    const reg = await newContext(browser, { baseUrl, language: 'zh-CN' });
    const rp = await reg.newPage();
    await signIn(rp, DEMO.xihuRegulator);
    await rp.goto('/subsidies');
    const rows = rp.locator('[data-testid=claim-queue-row]');
    await rows.first().waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().getAttribute('data-overdue')).toBe('true');
    expect(await rows.first().innerText()).toContain(CLASS_B);
    expect(await rows.nth(1).getAttribute('data-overdue')).toBe('false');
    await expect.poll(() => rp.locator('[data-testid=claim-queue-count]').innerText()).toBe('待审核 2 件，超期 1 件');
    await shot(rp, 'subsidy-queue-zh-1280');
    await rows.nth(1).click();
    await line(rp, names[0]).waitFor();
    await shot(rp, 'subsidy-claim-review-zh-1280');
    await line(rp, names[2]).locator('[data-testid=reject-line]').click();
    await rp.locator('[data-testid=reason-input]').fill('社保缴纳记录显示该学员培训期间不在本企业就业');
    await rp.locator('#reason-submit').click();
    await expect.poll(() => line(rp, names[2]).locator('[data-testid=line-status]').innerText()).toBe('已驳回');
    for (const name of names.slice(0, 2)) await line(rp, name).locator('.ant-checkbox-input').check();
    await rp.locator('[data-testid=approve-selected]').click();
    await expect.poll(() => rp.locator('[data-testid=claim-status]').innerText()).toBe('已办结');
    for (const name of names.slice(0, 2))
      expect(await line(rp, name).locator('[data-testid=line-status]').innerText()).toBe('已核定');
    expect(await line(rp, names[2]).locator('[data-testid=line-reason]').innerText()).toContain('社保缴纳记录');

    // Payment: a batch of the two approved learners, the Excel for finance, then paid with the voucher.
    await rp.goto('/subsidy-batches');
    await rp.locator('[data-testid=batch-create]').click();
    await rp.locator('#batch-create-confirm').click();
    const batch = rp.locator('[data-testid=batch-row]').first();
    await expect.poll(() => batch.innerText()).toContain('¥950.00');
    const [download] = await Promise.all([
      rp.waitForEvent('download'),
      batch.locator('[data-testid=batch-export]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0];
    const cells = sheet.getSheetValues().flat().map(String);
    expect(cells).toEqual(expect.arrayContaining([names[0], names[1]]));
    expect(cells).not.toContain(names[2]);
    await batch.locator('[data-testid=batch-mark-paid]').click();
    await rp.locator('[data-testid=voucher-input]').fill(VOUCHER);
    await rp.locator('#paid-submit').click();
    await expect.poll(() => batch.locator('[data-testid=batch-status]').innerText()).toBe('已发放');
    expect(await batch.innerText()).toContain(VOUCHER);
    await shot(rp, 'subsidy-batches-zh-1280');
    await reg.close();

    // The learners: the first sees it paid with the voucher; the third sees the rejection and its reason.
    const paid = await mySubsidy(PHONES[0]);
    await expect.poll(() => paid.card.locator('[data-testid=line-status]').innerText()).toBe('已发放');
    expect(await paid.card.locator('[data-testid=my-subsidy-paid]').innerText()).toContain(VOUCHER);
    expect(await paid.card.innerText()).toContain('¥475.00');
    await shot(paid.page, 'my-subsidies-zh-1280');
    await paid.close();
    const rejected = await mySubsidy(PHONES[2]);
    await expect.poll(() => rejected.card.locator('[data-testid=line-status]').innerText()).toBe('已驳回');
    expect(await rejected.card.locator('[data-testid=my-subsidy-reason]').innerText()).toContain('社保缴纳记录');
    await rejected.close();
  });

  test('every subsidy page at 375 px in Chinese and at 1280 px in English', async () => {
    const pages: { who: string; name: string; path: string; ready: string; tab?: string }[] = [
      { who: DEMO.adminA, name: 'subsidy-claims-institution', path: '/subsidies', ready: '[data-testid=claim-row]' },
      { who: DEMO.adminA, name: 'subsidy-claim-new', path: '', ready: '[data-testid=preview-line]' },
      { who: DEMO.xihuRegulator, name: 'subsidy-queue', path: '/subsidies', ready: '[data-testid=claim-queue-row]' },
      { who: DEMO.xihuRegulator, name: 'subsidy-claim-review', path: '', ready: '[data-testid=review-actions]' },
      { who: DEMO.xihuRegulator, name: 'subsidy-batches', path: '/subsidy-batches', ready: '[data-testid=batch-row]' },
      { who: PHONES[0], name: 'my-subsidies', path: '/my/subsidies', ready: '[data-testid=my-subsidy]' },
    ];
    const classC = await p.services.infra.db
      .selectFrom('classes')
      .select('id')
      .where('name', '=', CLASS_C)
      .executeTakeFirstOrThrow();
    const claimB = await p.services.infra.db
      .selectFrom('subsidy_claims')
      .innerJoin('classes', 'classes.id', 'subsidy_claims.class_id')
      .select('subsidy_claims.id')
      .where('classes.name', '=', CLASS_B)
      .executeTakeFirstOrThrow();
    pages[1].path = `/subsidies/classes/${classC.id}/claim`;
    pages[3].path = `/subsidies/claims/${claimB.id}`;
    for (const [language, width] of [
      ['zh-CN', 375],
      ['en', 1280],
    ] as const) {
      let signedIn = '';
      let ctx = await newContext(browser, { baseUrl, language, width });
      let page = await ctx.newPage();
      for (const item of pages) {
        if (item.who !== signedIn) {
          await ctx.close();
          ctx = await newContext(browser, { baseUrl, language, width });
          page = await ctx.newPage();
          await signIn(page, item.who);
          signedIn = item.who;
        }
        await page.goto(item.path);
        await page.locator(item.ready).first().waitFor();
        await shot(page, `${item.name}-${language === 'en' ? 'en' : 'zh'}-${width}`);
      }
      await ctx.close();
    }
  });
});

async function mySubsidy(phone: string) {
  const ctx = await newContext(browser, { baseUrl, language: 'zh-CN' });
  const page = await ctx.newPage();
  await signIn(page, phone);
  await page.goto('/my/subsidies');
  const card = page.locator('[data-testid=my-subsidy]', { hasText: CLASS_A });
  await card.waitFor();
  return { page, card, close: () => ctx.close() };
}
