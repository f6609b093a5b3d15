// Screenshots of every subsidy page at 375 px in Chinese and at 1280 px in English (e2e/subsidies.test.ts saves the
// Chinese 1280 px ones as it clicks through): the institution's claims and claimable classes, a new claim's preview,
// a returned claim with its reason, the regulator's queue (one claim overdue) and a claim under review, the payment batches and the learner's 我的补贴.
// Run: npm run --silent build:web && npx tsx e2e/subsidies-screens.ts
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO } from '../server/src/testing/platform';
import { launchBrowser, newContext } from './helpers/browser';
import { repoRoot } from './helpers/server';
import { PHONES_A, settleClassA, subsidyWorld } from './helpers/subsidies';
import { signIn } from './helpers/ui';

const outDir = path.join(repoRoot, 'docs/screenshots');

async function save(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300); // antd motion
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
  console.log(`saved docs/screenshots/${name}.png`);
}

const world = await subsidyWorld();
const browser = await launchBrowser();
try {
  await settleClassA(world);
  const pages: { who: string; name: string; path: string; ready: string; tab?: string }[] = [
    { who: DEMO.adminA, name: 'subsidy-claims-institution', path: '/subsidies', ready: '[data-testid=claim-row]' },
    {
      who: DEMO.adminA,
      name: 'subsidy-classes-institution',
      path: '/subsidies',
      ready: '[data-testid=claimable-class]',
      tab: '可申请的班级|Classes to claim for',
    },
    {
      who: DEMO.adminA,
      name: 'subsidy-claim-new',
      path: `/subsidies/classes/${world.classC}/claim`,
      ready: '[data-testid=preview-line]',
    },
    {
      who: DEMO.adminA,
      name: 'subsidy-claim-returned',
      path: `/subsidies/claims/${world.claimD}`,
      ready: '[data-testid=claim-resubmit]',
    },
    { who: DEMO.xihuRegulator, name: 'subsidy-queue', path: '/subsidies', ready: '[data-testid=claim-queue-row]' },
    {
      who: DEMO.xihuRegulator,
      name: 'subsidy-claim-review',
      path: `/subsidies/claims/${world.claimB}`,
      ready: '[data-testid=review-actions]',
    },
    { who: DEMO.xihuRegulator, name: 'subsidy-batches', path: '/subsidy-batches', ready: '[data-testid=batch-row]' },
    { who: PHONES_A[0], name: 'my-subsidies', path: '/my/subsidies', ready: '[data-testid=my-subsidy]' },
  ];
  for (const [language, width] of [
    ['zh-CN', 375],
    ['en', 1280],
  ] as const) {
    for (const who of [...new Set(pages.map((item) => item.who))]) {
      const context = await newContext(browser, { baseUrl: world.baseUrl, language, width });
      const page = await context.newPage();
      await signIn(page, who);
      for (const item of pages.filter((x) => x.who === who)) {
        await page.goto(item.path);
        if (item.tab) await page.getByRole('tab', { name: new RegExp(item.tab) }).click();
        await page.locator(item.ready).first().waitFor();
        await save(page, `${item.name}-${language === 'en' ? 'en' : 'zh'}-${width}`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await world.p.drop();
}
