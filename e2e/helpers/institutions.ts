// Institution registration in the browser and through the API, and the screenshots of its pages.
import { randomInt } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { makeCreditCode } from '../../server/src/modules/institutions/credit-code';
import { makeTestPng } from '../../server/src/modules/institutions/institutions.testkit';
import { makeDemoPdf } from '../../server/src/modules/media/index';
import { newContext } from './browser';
import { apiSignIn, type ApiSession } from './classes';
import { makeIdNumber, makeName, makePhone } from './identity';
import { signIn } from './ui';

export type InstitutionApplication = {
  institution: {
    name: string;
    kind: 'training' | 'enterprise' | 'college';
    creditCode: string;
    regionCode: string;
    address: string;
    legalRepresentative: string;
    contactName: string;
    contactPhone: string;
    businessScope: string;
  };
  admin: { name: string; idNumber: string; phone: string; password: string };
};

/** A training school in 西湖区 with a valid, fresh credit code and a real-name administrator. */
export function makeApplication(name = `西湖区明德职业技能培训学校（${randomInt(100, 999)}）`): InstitutionApplication {
  const admin = { name: makeName(), idNumber: makeIdNumber(), phone: makePhone(), password: 'Apply2026ok' };
  return {
    institution: {
      name,
      kind: 'training',
      creditCode: makeCreditCode('330106', String(randomInt(1_000_000, 999_999_999))),
      regionCode: '330106',
      address: '文三路 478 号华星时代广场 5 楼',
      legalRepresentative: makeName(),
      contactName: admin.name,
      contactPhone: admin.phone,
      businessScope: '职业技能培训（电工、焊工、养老护理员、保育师）',
    },
    admin,
  };
}

/** A small real PDF and PNG, as a scanned licence and a photographed permit would be. */
export async function documentFiles() {
  return {
    licence: {
      name: '营业执照.pdf',
      mimeType: 'application/pdf',
      buffer: await makeDemoPdf({ title: 'Business licence', pages: 1 }),
    },
    permit: { name: '办学许可证.png', mimeType: 'image/png', buffer: makeTestPng(480, 320, [214, 60, 48]) },
  };
}

/** Picks an option of the open antd select or cascader by its text. */
async function pick(page: Page, text: string): Promise<void> {
  await page
    .locator(
      '.ant-select-dropdown:visible .ant-select-item-option, .ant-cascader-dropdown:visible .ant-cascader-menu-item',
      { hasText: text },
    )
    .first()
    .click();
}

/** Fills the public registration form (ids come from the form name "apply"). */
export async function fillApplication(page: Page, data: InstitutionApplication): Promise<void> {
  const { institution: i, admin: a } = data;
  await page.locator('#apply_institution_name').fill(i.name);
  await page.locator('#apply_institution_creditCode').fill(i.creditCode);
  await page.locator('#apply_institution_regionCode').click();
  await pick(page, '浙江省');
  await pick(page, '杭州市');
  await pick(page, '西湖区');
  await page.locator('#apply_institution_address').fill(i.address);
  await page.locator('#apply_institution_legalRepresentative').fill(i.legalRepresentative);
  await page.locator('#apply_institution_contactName').fill(i.contactName);
  await page.locator('#apply_institution_contactPhone').fill(i.contactPhone);
  await page.locator('#apply_institution_businessScope').fill(i.businessScope);
  await page.locator('#apply_admin_name').fill(a.name);
  await page.locator('#apply_admin_idNumber').fill(a.idNumber);
  await page.locator('#apply_admin_phone').fill(a.phone);
  await page.locator('#apply_admin_password').fill(a.password);
  await page.locator('#apply_admin_confirmPassword').fill(a.password);
}

/** Uploads a file as the given kind of document on the application page and waits until it is listed. */
export async function uploadOnPage(
  page: Page,
  kindLabel: string,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  const before = await page.locator('[data-testid=document]').count();
  await page.locator('[data-testid=document-kind]').click();
  await pick(page, kindLabel);
  await page.locator('[data-testid=document-upload] input[type=file]').setInputFiles(file);
  await page.locator('[data-testid=document]').nth(before).waitFor();
}

async function ok<T>(what: string, promise: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await promise;
  if (status < 200 || status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** Registers through the API; uploads the documents and submits when asked. */
export async function applyThroughApi(
  baseUrl: string,
  data: InstitutionApplication,
  options: { documents?: 'none' | 'licence' | 'all'; submit?: boolean } = {},
): Promise<{ id: string; admin: ApiSession }> {
  const response = await fetch(new URL('/api/institution-applications', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data),
  });
  if (response.status !== 201) throw new Error(`register: ${response.status} ${await response.text()}`);
  const { institution } = (await response.json()) as { institution: { id: string } };
  const admin = await apiSignIn(baseUrl, data.admin.phone, data.admin.password);
  const files = await documentFiles();
  const documents = options.documents ?? 'all';
  if (documents !== 'none')
    await ok(
      'licence',
      admin.upload(
        `/api/institutions/${institution.id}/documents?kind=business_licence&name=${encodeURIComponent(files.licence.name)}`,
        files.licence.buffer,
        'application/pdf',
      ),
    );
  if (documents === 'all')
    await ok(
      'permit',
      admin.upload(
        `/api/institutions/${institution.id}/documents?kind=school_permit&name=${encodeURIComponent(files.permit.name)}`,
        files.permit.buffer,
        'image/png',
      ),
    );
  if (options.submit) await ok('submit', admin.call('POST', `/api/institutions/${institution.id}/submit`));
  return { id: institution.id, admin };
}

type Shoot = (page: Page, name: string, fullPage?: boolean) => Promise<void>;

/** Registration form, application page, review queue, review page and the institutions list, in three layouts. */
export async function captureInstitutionPages(browser: Browser, baseUrl: string, shoot: Shoot): Promise<void> {
  const draft = makeApplication('杭州西湖明德职业技能培训学校');
  await applyThroughApi(baseUrl, draft, { documents: 'licence' });
  const { id: reviewedId } = await applyThroughApi(baseUrl, makeApplication('杭州之江焊接技术培训中心'), {
    submit: true,
  });
  await applyThroughApi(baseUrl, makeApplication('西湖区康养护理职业培训学校'), { submit: true });
  const short = (language: string) => (language === 'en' ? 'en' : 'zh');
  for (const [language, width] of [
    ['zh-CN', 1280],
    ['zh-CN', 375],
    ['en', 1280],
  ] as const) {
    const suffix = `${short(language)}-${width}`;
    const visitor = await newContext(browser, { baseUrl, language, width });
    const form = await visitor.newPage();
    await form.goto('/register-institution');
    await form.locator('form#apply').waitFor();
    await shoot(form, `institution-register-${suffix}`);
    await visitor.close();

    const applicant = await newContext(browser, { baseUrl, language, width });
    const own = await applicant.newPage();
    await own.goto('/login');
    await own.locator('#login_login').fill(draft.admin.phone);
    await own.locator('#login_password').fill(draft.admin.password);
    await own.locator('form#login button[type=submit]').click();
    await own.waitForURL(/\/my-institution$/);
    await own.locator('[data-testid=document]').first().waitFor();
    await shoot(own, `institution-application-${suffix}`);
    await applicant.close();

    const regulator = await newContext(browser, { baseUrl, language, width });
    const review = await regulator.newPage();
    await signIn(review, '13900000014');
    await review.goto('/institution-reviews');
    await review.locator('[data-testid=institution-queue-row]').first().waitFor();
    await shoot(review, `institution-review-queue-${suffix}`);
    await review.goto(`/institution-reviews/${reviewedId}`);
    await review.locator('[data-testid=document]').first().waitFor();
    await shoot(review, `institution-review-${suffix}`);
    await review.locator('[data-testid=institution-return]').click();
    await review
      .locator('#decision_text')
      .fill(
        language === 'en'
          ? 'The school permit scan is unreadable; upload a clearer copy.'
          : '办学许可证扫描件不清晰，请重新上传清晰的原件扫描件。',
      );
    await shoot(review, `institution-review-return-${suffix}`, false); // a modal: the viewport is the picture
    await review.goto('/institutions');
    await review.locator('.ant-table-row').first().waitFor();
    await shoot(review, `institutions-regulator-${suffix}`);
    await regulator.close();
  }
}
