// Subsidies (issue 17) in a real browser: an institution claims for a finished class, reading each learner's amount
// and why; the district regulator approves two learners and rejects one with a reason (the fourth, on hold, is not
// eligible); a payment batch is exported to Excel and marked paid with a voucher number; the learner sees "已发放"
// and the rejected learner the reason; a claim returned to the school is submitted again. The world is e2e/helpers/subsidies.ts (fake evidence ports, real claims).
// Screenshots at zh-CN 1280 px go to docs/screenshots as it goes; the 375 px and English ones come from
// e2e/subsidies-screens.ts.
import ExcelJS from 'exceljs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO } from '../server/src/testing/platform';
import { launchBrowser, newContext } from './helpers/browser';
import { repoRoot } from './helpers/server';
import {
  CLASS_A,
  CLASS_B,
  PHONES_A as PHONES,
  REJECTION,
  subsidyWorld,
  VOUCHER,
  type SubsidyWorld,
} from './helpers/subsidies';
import { signIn } from './helpers/ui';

const shots = path.join(repoRoot, 'docs/screenshots');
let world: SubsidyWorld;
let browser: Browser;
let baseUrl: string;
let names: string[];

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300); // antd motion
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  [world, browser] = await Promise.all([subsidyWorld(), launchBrowser()]);
  ({ baseUrl, names } = world);
});

afterAll(async () => {
  await browser?.close();
  await world?.p.drop();
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
    await page.locator('[data-testid=claimable-class]').first().waitFor();
    await shot(page, 'subsidy-classes-institution-zh-1280');
    await page
      .locator('[data-testid=claimable-class]', { hasText: CLASS_A })
      .locator('[data-testid=class-claim]')
      .click();
    await page.locator('[data-testid=preview-line]').first().waitFor();
    expect(await page.locator('[data-testid=preview-line]').count()).toBe(4);
    // Zhejiang's cost share: nothing until the enterprise's cost is declared, then 95 % of it (CNY 500 → 475).
    await expect.poll(() => page.locator('[data-testid=preview-total]').innerText()).toContain('合计 ¥0.00');
    expect(await page.locator(`[data-testid=preview-line][data-name="${names[0]}"]`).innerText()).toContain(
      '未申报企业实际培训成本',
    );
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
    await rp.locator('[data-testid=reason-input]').fill(REJECTION);
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

    // A returned claim: the school reads the reason and submits it again; the deadline starts again.
    const again = await newContext(browser, { baseUrl, language: 'zh-CN' });
    const ap = await again.newPage();
    await signIn(ap, DEMO.adminA);
    await ap.goto(`/subsidies/claims/${world.claimD}`);
    expect(await ap.locator('[data-testid=return-reason]').innerText()).toContain('缺少发票');
    await shot(ap, 'subsidy-claim-returned-zh-1280');
    await ap.locator('[data-testid=claim-resubmit]').click();
    await expect.poll(() => ap.locator('[data-testid=claim-status]').innerText()).toBe('待审核');
    await ap.locator('[data-testid=return-reason]').waitFor({ state: 'detached' });
    await again.close();
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
