// Approved classes set up through the API, and the screenshots of what follows approval: change requests and their
// review, class hours, and the teachers page (used by e2e/screenshots.ts).
import type { Browser, Page } from 'playwright-core';
import { newContext } from './browser';
import { apiSignIn, beijingDay, createPassingClass, type ClassWorld } from './classes';
import { signIn } from './ui';

export const XIHU_REGULATOR = '13900000014';

/** A passing class of the Hangzhou school with `learners` imported learners, submitted and approved by the district. */
export async function createApprovedClass(
  baseUrl: string,
  world: ClassWorld,
  name: string,
  learners = 3,
): Promise<string> {
  const id = await createPassingClass(world, name, { learners, submit: true });
  const regulator = await apiSignIn(baseUrl, XIHU_REGULATOR);
  const { status, body } = await regulator.call('POST', `/api/classes/${id}/approve`, { comment: '同意开班' });
  if (status !== 200) throw new Error(`approve: ${status} ${JSON.stringify(body)}`);
  return id;
}

type Save = (page: Page, name: string, fullPage?: boolean) => Promise<void>;
type Language = 'zh-CN' | 'en';
const short = (language: Language) => (language === 'en' ? 'en' : 'zh');

/**
 * An approved class with a returned teachers change and a dates change waiting for review; a second qualification of
 * the school's teacher, withdrawn by the district regulator. Then, per language and width: the class's change
 * requests and hours, the change form, the regulator's change queue and review dialog, and the teachers page.
 */
export async function classAfterApprovalScreens(
  browser: Browser,
  baseUrl: string,
  world: ClassWorld,
  save: Save,
  sizes: [Language, number][],
): Promise<void> {
  const classId = await createApprovedClass(baseUrl, world, '电工（五级）2027 年第 3 期', 8);
  const regulator = await apiSignIn(baseUrl, XIHU_REGULATOR);
  const ok = async (what: string, promise: Promise<{ status: number; body: any }>) => {
    const { status, body } = await promise;
    if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
    return body;
  };
  const returned = await ok(
    'propose teachers',
    world.admin.call('POST', `/api/classes/${classId}/changes`, {
      change: { kind: 'teachers', teacherIds: [world.teacherId] },
      reason: '核对授课教师名单',
    }),
  );
  await ok(
    'return',
    regulator.call('POST', `/api/class-changes/${returned.change.id}/return`, { comment: '教师未变化，无需变更' }),
  );
  await ok(
    'propose dates',
    world.admin.call('POST', `/api/classes/${classId}/changes`, {
      change: { kind: 'dates', startDate: beijingDay(14), endDate: beijingDay(67) },
      reason: '实训基地设备检修，培训整体顺延一周。',
    }),
  );
  const { items } = await ok(
    'qualifications',
    world.admin.call('POST', `/api/teachers/${world.teacherId}/qualifications`, {
      certificateKind: 'skill_level',
      occupationCode: '6-31-01-03',
      level: 4,
      certificateNo: 'Y3301060000888',
      validUntil: '2029-06-30',
    }),
  );
  const extra = items.find((q: { certificateNo: string }) => q.certificateNo === 'Y3301060000888');
  await ok(
    'disqualify',
    regulator.call('POST', `/api/teacher-qualifications/${extra.id}/disqualify`, {
      reason: '证书编号在发证机构查询不到，暂停使用',
    }),
  );

  for (const [language, width] of sizes) {
    const suffix = `${short(language)}-${width}`;
    const admin = await newContext(browser, { baseUrl, language, width });
    const page = await admin.newPage();
    await signIn(page, '13900000021');
    await page.goto(`/classes/${classId}?tab=changes`);
    await page.locator('[data-testid=change-card]').first().waitFor();
    await save(page, `class-changes-${suffix}`);
    await page.goto(`/classes/${classId}?tab=hours`);
    await page.locator('[data-testid=hours-row]').first().waitFor();
    await save(page, `class-hours-${suffix}`);
    await page.locator('[data-testid=hours-name]').first().click();
    await page.locator('[data-testid=learner-lessons]').waitFor();
    await save(page, `class-hours-learner-${suffix}`, false); // a drawer: the viewport is the picture
    await page.goto('/teachers');
    await page.locator('[data-testid=teacher-row]').first().waitFor();
    await save(page, `teachers-institution-admin-${suffix}`);
    await page.locator('[data-testid=qualification-add]').first().click();
    await page.locator('#qualification_certificateNo').waitFor();
    await save(page, `teacher-qualification-add-${suffix}`, false);
    await admin.close();

    const reviewer = await newContext(browser, { baseUrl, language, width });
    const review = await reviewer.newPage();
    await signIn(review, XIHU_REGULATOR);
    await review.goto('/reviews?tab=changes');
    await review.locator('[data-testid=change-queue-row]').first().waitFor();
    await save(review, `change-queue-${suffix}`);
    await review.locator('[data-testid=change-queue-row]').first().click();
    await review.locator('[data-testid=change-diff]').waitFor();
    await save(review, `change-review-${suffix}`, false);
    await review.goto('/teachers');
    await review.locator('[data-testid=teacher-row]').first().waitFor();
    await save(review, `teachers-regulator-${suffix}`);
    await reviewer.close();
  }

  // The change form of the institution, filled in (one size per language is enough for a dialog).
  for (const [language, width] of sizes) {
    const suffix = `${short(language)}-${width}`;
    const context = await newContext(browser, { baseUrl, language, width });
    const page = await context.newPage();
    await signIn(page, '13900000021');
    const other = await createApprovedClass(baseUrl, world, '电工（五级）2027 年第 4 期', 2);
    await page.goto(`/classes/${other}?tab=changes`);
    await page.locator('[data-testid=change-propose]').click();
    await page.locator('#change_reason').waitFor();
    await page
      .locator('#change_kind')
      .getByText(language === 'en' ? 'Training dates' : '培训日期')
      .click();
    await page
      .locator('#change_reason')
      .fill(
        language === 'en'
          ? 'The workshop is being refitted; the training moves one week later.'
          : '实训车间改造，培训整体顺延一周。',
      );
    await save(page, `class-change-form-${suffix}`, false);
    await context.close();
  }
}
