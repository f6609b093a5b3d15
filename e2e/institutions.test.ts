// Institution registration in a real browser against the real server: a visitor registers a training school in
// 西湖区 from the sign-in page, uploads its licence (PDF) and school permit (PNG) and submits; the 西湖区 regulator
// opens the application and its documents and approves it; the administrator then finds the institution active.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newContext } from './helpers/browser';
import { documentFiles, fillApplication, makeApplication, uploadOnPage } from './helpers/institutions';
import { startServer, type RunningServer } from './helpers/server';
import { signIn } from './helpers/ui';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
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

const requirement = (page: Page, key: string) => page.locator(`[data-testid=requirement][data-key=${key}]`);

describe('institution registration', () => {
  // One application through its life, in steps that follow each other.
  const data = makeApplication();
  let files: Awaited<ReturnType<typeof documentFiles>>;

  test('a visitor registers a school from the sign-in page, uploads its documents and submits', async () => {
    files = await documentFiles();
    // The visitor finds the registration on the sign-in page and fills in both parts.
    const applicant = await openPage();
    await applicant.goto('/login');
    await applicant.locator('[data-testid=register-institution-link]').click();
    await applicant.waitForURL(/\/register-institution$/);
    await fillApplication(applicant, data);
    await applicant.locator('[data-testid=apply-submit]').click();

    // Signed in at once and led to the application, where only the application's own pages are offered.
    await applicant.waitForURL(/\/my-institution$/, { timeout: 20_000 });
    await expect
      .poll(() => applicant.locator('[data-testid=institution-status]').getAttribute('data-status'))
      .toBe('draft');
    await expect
      .poll(() => applicant.locator('.ant-menu-item').allTextContents())
      .toEqual(['机构入驻', '课程中心', '个人信息']);
    await expect.poll(() => requirement(applicant, 'registration').getAttribute('data-satisfied')).toBe('false');
    expect(await applicant.locator('[data-testid=application-submit]').isDisabled()).toBe(true);

    await uploadOnPage(applicant, '营业执照', files.licence);
    await expect.poll(() => requirement(applicant, 'registration').getAttribute('data-satisfied')).toBe('true');
    await expect.poll(() => requirement(applicant, 'school_permit').getAttribute('data-satisfied')).toBe('false');
    await uploadOnPage(applicant, '办学许可证', files.permit);
    await expect.poll(() => requirement(applicant, 'school_permit').getAttribute('data-satisfied')).toBe('true');
    await expect
      .poll(() =>
        applicant
          .locator('[data-testid=document]')
          .evaluateAll((items) => items.map((i) => i.getAttribute('data-kind'))),
      )
      .toEqual(['business_licence', 'school_permit']);

    await applicant.locator('[data-testid=application-submit]').click();
    await applicant.locator('.ant-modal-confirm .ant-btn-primary').click();
    await expect
      .poll(() => applicant.locator('[data-testid=institution-status]').getAttribute('data-status'))
      .toBe('submitted');
    await expect
      .poll(() => applicant.locator('[data-testid=review-entry]').first().getAttribute('data-action'))
      .toBe('submitted');
  });

  test('the district regulator opens the application and its documents and approves it; the school is then active', async () => {
    // The district regulator finds it in the queue and opens it with its documents.
    const regulator = await openPage();
    await signIn(regulator, '13900000014');
    await regulator.goto('/institution-reviews');
    const row = regulator.locator('[data-testid=institution-queue-row]', { hasText: data.institution.name });
    await row.waitFor();
    await row.getByRole('link').click();
    await regulator.waitForURL(/\/institution-reviews\/[\w-]{20,}$/);
    await expect
      .poll(() => regulator.locator('[data-testid=application-details]').textContent())
      .toContain(data.institution.creditCode);
    const links = regulator.locator('[data-testid=document-link]');
    await expect.poll(() => links.count()).toBe(2);
    expect(await links.first().getAttribute('target')).toBe('_blank');
    // The files come back as they were uploaded, with their types, to the regulator's session.
    const pdf = await regulator.request.get((await links.first().getAttribute('href'))!);
    expect({ status: pdf.status(), type: pdf.headers()['content-type'] }).toEqual({
      status: 200,
      type: 'application/pdf',
    });
    expect(Buffer.from(await pdf.body()).equals(files.licence.buffer)).toBe(true);
    const png = await regulator.request.get((await links.nth(1).getAttribute('href'))!);
    expect(png.headers()['content-type']).toBe('image/png');

    // Approving needs a comment.
    await regulator.locator('[data-testid=institution-approve]').click();
    await regulator.locator('#decision-submit').click();
    await regulator.locator('.ant-form-item-explain-error').waitFor();
    await regulator.locator('#decision_text').fill('材料齐全，符合办学条件，同意入驻。');
    await regulator.locator('#decision-submit').click();
    await regulator.waitForURL(/\/institution-reviews$/);
    await expect
      .poll(() => regulator.locator('[data-testid=institution-queue-row]', { hasText: data.institution.name }).count())
      .toBe(0);

    // The administrator signs in to the whole workspace and finds the institution active, with the reviewer's comment.
    const applicant = await openPage();
    await signIn(applicant, data.admin.phone, data.admin.password);
    await expect
      .poll(() => applicant.locator('.ant-menu-item').allTextContents())
      .toEqual(expect.arrayContaining(['首页', '机构入驻', '课程制作', '班级管理', '邀请']));
    await applicant.goto('/my-institution');
    await expect
      .poll(() => applicant.locator('[data-testid=institution-status]').getAttribute('data-status'))
      .toBe('active');
    await expect
      .poll(() => applicant.locator('[data-testid=review-comment]').first().textContent())
      .toBe('材料齐全，符合办学条件，同意入驻。');
  });

  test('the form refuses an invalid credit code on its field', async () => {
    const page = await openPage();
    await page.goto('/register-institution');
    const data = makeApplication();
    await fillApplication(page, {
      ...data,
      institution: {
        ...data.institution,
        creditCode: `${data.institution.creditCode.slice(0, 17)}${data.institution.creditCode[17] === '0' ? '1' : '0'}`,
      },
    });
    await page.locator('[data-testid=apply-submit]').click();
    const error = page
      .locator('.ant-form-item', { has: page.locator('#apply_institution_creditCode') })
      .locator('.ant-form-item-explain-error');
    await expect.poll(() => error.textContent()).toContain('校验码');
    expect(new URL(page.url()).pathname).toBe('/register-institution');
  });
});
