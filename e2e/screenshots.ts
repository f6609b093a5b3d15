// Saves screenshots of the web app into docs/screenshots/.
// Run: npx tsx e2e/screenshots.ts [baseUrl]   (without a base URL it starts its own server with demo data)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeTestPatternVideo } from '../server/src/modules/media/index';
import { launchBrowser, newContext } from './helpers/browser';
import { waitForCourses, waitForLessonsReady } from './helpers/catalog';
import {
  apiSignIn,
  createPassingClass,
  makePeople,
  passingClassBody,
  prepareClassWorld,
  rosterCsv,
} from './helpers/classes';
import { classAfterApprovalScreens } from './helpers/class-screens';
import { breakChecksum } from './helpers/identity';
import { captureInstitutionPages } from './helpers/institutions';
import { captureLearningPages } from './helpers/learning';
import { captureConsolePages } from './helpers/consoles';
import { repoRoot, startServer, type RunningServer } from './helpers/server';
import { signIn } from './helpers/ui';
import { launchWithFakeCamera, writeQrCameraFile } from './helpers/qr-camera';

const outDir = path.join(repoRoot, 'docs/screenshots');
type Language = 'zh-CN' | 'en';
const short = (language: Language) => (language === 'en' ? 'en' : 'zh');

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300); // antd motion
}

async function save(page: Page, name: string, fullPage = true): Promise<void> {
  await page.mouse.move(0, 0); // no hover highlight left over from the last click
  await settle(page);
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  console.log(`saved ${path.relative(repoRoot, file)}`);
}

async function publicPages(browser: Browser, baseUrl: string): Promise<void> {
  for (const language of ['zh-CN', 'en'] as const) {
    for (const width of [375, 1280]) {
      const context = await newContext(browser, { baseUrl, language, width });
      const page = await context.newPage();
      for (const route of ['login', 'register']) {
        await page.goto(`/${route}`);
        await page.locator('form').first().waitFor();
        await save(page, `${route}-${short(language)}-${width}`);
      }
      await context.close();
    }
  }
}

const HOMES = [
  { who: 'learner', login: '13800000001' },
  { who: 'institution-admin', login: '13900000021' },
  { who: 'regulator', login: '13900000011' },
];

async function signedInPages(browser: Browser, baseUrl: string): Promise<void> {
  for (const { who, login } of HOMES) {
    const context = await newContext(browser, { baseUrl, language: 'zh-CN', width: 1280 });
    const page = await context.newPage();
    await signIn(page, login);
    // A demo learner has no face enrolled and is led to the face enrolment first (e2e/faces.test.ts shows that page).
    if (who === 'learner') await page.goto('/');
    await page.locator('[data-testid^=home-card-]').first().waitFor();
    await save(page, `home-${who}-zh-1280`);
    await context.close();
  }
  // The same learner on a phone, and a staff list page on both sizes (tables must scroll, not overflow).
  for (const width of [375, 1280]) {
    const context = await newContext(browser, { baseUrl, language: 'zh-CN', width });
    const page = await context.newPage();
    await signIn(page, '13900000011');
    if (width === 375) await save(page, 'home-regulator-zh-375');
    await page.goto('/users');
    await page.locator('.ant-table-row').first().waitFor();
    await save(page, `users-regulator-zh-${width}`);
    await context.close();
  }
}

async function signedOutElsewhere(browser: Browser, baseUrl: string): Promise<void> {
  for (const [language, width] of [
    ['zh-CN', 1280],
    ['zh-CN', 375],
    ['en', 1280],
  ] as const) {
    const first = await newContext(browser, { baseUrl, language, width });
    const second = await newContext(browser, { baseUrl, language, width: 1280 });
    const pageA = await first.newPage();
    const pageB = await second.newPage();
    await signIn(pageA, '13800000002');
    await signIn(pageB, '13800000002');
    await pageA.reload();
    await pageA.locator('[data-testid=signed-out-message]').waitFor();
    await save(pageA, `signed-out-elsewhere-${short(language)}-${width}`);
    await first.close();
    await second.close();
  }
}

async function catalogPages(browser: Browser, baseUrl: string): Promise<void> {
  // Demo courses come from a background job; the preview needs the course's videos transcoded.
  const { items } = await waitForCourses(baseUrl, { q: '电工' });
  const course = items.find((c) => c.title.includes('五级')) ?? items[0];
  await waitForCourses(baseUrl, { q: '养老护理' });
  await waitForLessonsReady(baseUrl, course.id);
  for (const language of ['zh-CN', 'en'] as const) {
    for (const width of [375, 1280]) {
      const suffix = `${short(language)}-${width}`;
      const visitor = await newContext(browser, { baseUrl, language, width });
      const page = await visitor.newPage();
      await page.goto('/explore');
      await page.locator('[data-testid=course-card]').first().waitFor();
      await save(page, `explore-${suffix}`);
      await page.goto(`/explore/courses/${course.id}`);
      await page.locator('[data-testid=sign-in-prompt]').waitFor();
      await save(page, `explore-course-${suffix}`);
      await visitor.close();

      const learner = await newContext(browser, { baseUrl, language, width });
      const signedIn = await learner.newPage();
      await signIn(signedIn, '13800000001');
      await signedIn.goto('/catalog');
      await signedIn.locator('[data-testid=featured-column]').first().waitFor();
      await save(signedIn, `catalog-learner-${suffix}`);
      await signedIn.goto(`/catalog/courses/${course.id}`);
      await signedIn.locator('[data-testid=lesson-play]').first().click();
      await signedIn.locator('[data-testid=preview-player] video').waitFor();
      // A still frame a few seconds in, paused, so the picture does not depend on timing.
      await signedIn.waitForFunction(
        () => (document.querySelector<HTMLVideoElement>('[data-testid=preview-player] video')?.readyState ?? 0) >= 2,
      );
      await signedIn.evaluate(() => {
        const video = document.querySelector<HTMLVideoElement>('[data-testid=preview-player] video');
        video?.pause();
        if (video) video.currentTime = 3;
      });
      await save(signedIn, `course-preview-${suffix}`, false); // a modal: the viewport is the picture
      await learner.close();
    }
  }
}

async function authoringPages(browser: Browser, baseUrl: string): Promise<void> {
  // A demo course of the institution with its videos transcoded, so the editor shows durations and hours.
  const { items } = await waitForCourses(baseUrl, { q: '养老护理' });
  await waitForLessonsReady(baseUrl, items[0].id);
  for (const [language, width] of [
    ['zh-CN', 1280],
    ['zh-CN', 375],
    ['en', 1280],
  ] as const) {
    const suffix = `${short(language)}-${width}`;
    const context = await newContext(browser, { baseUrl, language, width });
    const page = await context.newPage();
    await signIn(page, '13900000021');
    await page.goto('/courses');
    await page.locator('.ant-table-row').first().waitFor();
    await save(page, `courses-institution-admin-${suffix}`);
    await page.goto(`/courses/${items[0].id}`);
    await page.locator('[data-testid=lesson]').first().waitFor();
    await save(page, `course-editor-${suffix}`);
    await context.close();
  }

  // A new course: the upload's own progress (throttled, so it shows), then the server's transcoding, then ready.
  const dir = mkdtempSync(path.join(tmpdir(), 'yx-shots-'));
  const video = path.join(dir, '触电急救与防护.mp4');
  await makeTestPatternVideo({ out: video, seconds: 30, width: 1280, height: 720 });
  const context = await newContext(browser, { baseUrl, language: 'zh-CN', width: 1280 });
  try {
    const page = await context.newPage();
    await signIn(page, '13900000021');
    await page.goto('/courses');
    await page.locator('[data-testid=new-course]').click();
    await page.locator('#course_title').fill('电工（五级）触电急救');
    await page.locator('#course_summary').fill('触电急救与防护的基本方法。');
    await save(page, 'course-new-zh-1280', false);
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('[data-testid=add-chapter]').click();
    await page.locator('#chapter_title').fill('第一章 触电急救');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('[data-testid=add-video-lesson]').click();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 2 * 1024 * 1024,
    });
    await page.locator('[data-testid=media-file-input]').setInputFiles(video);
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=upload-progress]')?.getAttribute('data-percent')) >= 30,
    );
    await page.screenshot({ path: path.join(outDir, 'course-upload-progress-zh-1280.png') }); // mid-upload: no settling
    console.log('saved docs/screenshots/course-upload-progress-zh-1280.png');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    // The job runner may still be busy with the demo videos: wait for ours to be under way.
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=transcode-progress]')?.getAttribute('data-progress')) >= 5,
      undefined,
      { timeout: 600_000 },
    );
    await page.screenshot({ path: path.join(outDir, 'course-transcoding-zh-1280.png') });
    console.log('saved docs/screenshots/course-transcoding-zh-1280.png');
    await page.locator('[data-testid=media-ready]').waitFor({ timeout: 600_000 });
    await save(page, 'course-media-ready-zh-1280', false);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function managementPages(browser: Browser, baseUrl: string): Promise<void> {
  for (const [language, width] of [
    ['zh-CN', 1280],
    ['en', 1280],
    ['zh-CN', 375],
  ] as const) {
    const suffix = `${short(language)}-${width}`;
    const context = await newContext(browser, { baseUrl, language, width });
    const page = await context.newPage();
    await signIn(page, '13900000001');
    await page.goto('/occupations');
    await page.locator('.ant-table-row').first().waitFor();
    await save(page, `occupations-${suffix}`);
    await page.locator('#occupation-search').fill('电工');
    await page.locator('#occupation-search').press('Enter');
    await page.locator('.ant-table-row', { hasText: '6-31-01-03' }).locator('[data-testid=occupation-open]').click();
    await page.locator('[data-testid=occupation-detail]').waitFor();
    await save(page, `occupation-detail-${suffix}`, false); // a drawer: the viewport is the picture
    await page.goto('/policies');
    await page.locator('[data-testid=policy-version]').first().waitFor();
    await save(page, `policies-${suffix}`);
    await page.locator('[data-testid=policy-scope-330200]').click();
    await page.locator('[data-testid=policy-publish]').click();
    await page.locator('#policy_note').waitFor();
    await save(page, `policy-publish-${suffix}`, false);
    await page.goto('/campaigns');
    await page.locator('.ant-table-row').first().waitFor();
    await save(page, `campaigns-${suffix}`);
    await page.goto('/campaigns?tab=columns');
    await page.locator('[data-testid=column-edit]').first().waitFor();
    await save(page, `columns-${suffix}`);
    await context.close();
  }
}

async function classPages(browser: Browser, baseUrl: string): Promise<void> {
  // Two submitted applications for the queue, and a draft whose pre-checks fail (no general modules, sessions short
  // of the planned offline hours, no learners).
  const world = await prepareClassWorld(baseUrl);
  await createPassingClass(world, '电工（五级）2027 年第 1 期', { learners: 12, submit: true });
  const reviewed = await createPassingClass(world, '电工（五级）企业新型学徒制班', { learners: 6, submit: true });
  const draftBody = passingClassBody(world, '电工（五级）2027 年第 2 期');
  const { body } = await world.admin.call<{ class: { id: string } }>('POST', '/api/classes', {
    ...draftBody,
    courseIds: [world.tradeCourseId],
    offlineHours: Number(draftBody.offlineHours) + 10,
  });
  const draft = body.class.id;
  // A roster file with a wrong check character, a short phone number and a repeated person.
  const people = makePeople(4);
  const rows = [
    people[0],
    { ...people[1], idNumber: breakChecksum(people[1].idNumber) },
    people[2],
    { ...people[3], phone: '1371234' },
    people[2],
  ];
  const dir = mkdtempSync(path.join(tmpdir(), 'yx-shots-'));
  const roster = path.join(dir, '报名名单.csv');
  writeFileSync(roster, rosterCsv(rows));
  try {
    for (const [language, width] of [
      ['zh-CN', 1280],
      ['zh-CN', 375],
      ['en', 1280],
    ] as const) {
      const suffix = `${short(language)}-${width}`;
      const admin = await newContext(browser, { baseUrl, language, width });
      const page = await admin.newPage();
      await signIn(page, '13900000021');
      await page.goto('/classes');
      await page.locator('.ant-table-row').first().waitFor();
      await save(page, `classes-institution-admin-${suffix}`);
      await page.goto(`/classes/${draft}`);
      await page.locator('[data-testid=precheck-item]').first().waitFor();
      await save(page, `class-editor-${suffix}`);
      await page.goto(`/classes/${draft}?tab=roster`);
      await page.locator('[data-testid=roster-file-input]').setInputFiles(roster);
      await page.locator('[data-testid=roster-check]').click();
      await page.locator('[data-testid=import-report]').waitFor();
      await save(page, `class-import-report-${suffix}`);
      await admin.close();

      const regulator = await newContext(browser, { baseUrl, language, width });
      const review = await regulator.newPage();
      await signIn(review, '13900000014');
      await review.goto('/reviews');
      await review.locator('[data-testid=queue-row]').first().waitFor();
      await save(review, `review-queue-${suffix}`);
      await review.goto(`/reviews/${reviewed}`);
      await review.locator('[data-testid=precheck-item]').first().waitFor();
      await save(review, `class-review-${suffix}`);
      await review.locator('[data-testid=review-return]').click();
      await review
        .locator('#review_comment')
        .fill(
          language === 'en'
            ? 'The venue coordinates do not match its address; please check them.'
            : '线下实训场地的坐标与地址不一致，请核实后重新提交。',
        );
      await save(review, `class-review-return-${suffix}`, false); // a modal: the viewport is the picture
      await regulator.close();
    }
    // After approval: change requests and their review, class hours, teachers and their qualifications.
    await classAfterApprovalScreens(browser, baseUrl, world, save, [
      ['zh-CN', 1280],
      ['zh-CN', 375],
      ['en', 1280],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function learnerClassPages(browser: Browser, baseUrl: string): Promise<void> {
  // The demo classes come at the end of the demo content job: the learner's running class and an open class.
  const learnerApi = await apiSignIn(baseUrl, '13800000001');
  let mine: { id: string }[] = [];
  for (let i = 0; i < 180 && mine.length === 0; i += 1) {
    mine = (await learnerApi.call<{ items: { id: string }[] }>('GET', '/api/my/classes')).body.items ?? [];
    if (mine.length === 0) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const classId = mine[0].id;
  const admin = await apiSignIn(baseUrl, '13900000021');
  const { body } = await admin.call<{ class: { sessions: { id: string; latitude: number; longitude: number }[] } }>(
    'GET',
    `/api/classes/${classId}`,
  );
  const session = body.class.sessions[0];
  const dir = mkdtempSync(path.join(tmpdir(), 'yx-shots-'));
  try {
    for (const [language, width] of [
      ['zh-CN', 1280],
      ['zh-CN', 375],
      ['en', 1280],
    ] as const) {
      const suffix = `${short(language)}-${width}`;
      const other = await newContext(browser, { baseUrl, language, width });
      const browse = await other.newPage();
      await signIn(browse, '13800000005');
      await browse.goto('/open-classes');
      await browse.locator('[data-testid=open-class-card]').first().waitFor();
      await save(browse, `open-classes-${suffix}`);
      await other.close();

      const context = await newContext(browser, { baseUrl, language, width });
      const page = await context.newPage();
      await signIn(page, '13800000001');
      await page.goto('/my/classes');
      await page.locator('[data-testid=my-class-card]').first().waitFor();
      await save(page, `my-classes-${suffix}`);
      await page.goto(`/my/classes/${classId}`);
      await page.locator('[data-testid=my-session]').first().waitFor();
      await save(page, `my-class-${suffix}`);
      await context.close();

      // The venue screen of the institution; then a phone filming it, refused because the session is not open yet.
      const staff = await newContext(browser, { baseUrl, language, width });
      const screen = await staff.newPage();
      await signIn(screen, '13900000021');
      await screen.goto(`/classes/${classId}/sessions/${session.id}/qr`);
      await screen.locator('[data-testid=venue-qr-image]').waitFor();
      await save(screen, `venue-qr-${suffix}`, false);
      await staff.close();

      const code = (await admin.call<{ token: string }>('GET', `/api/classes/${classId}/sessions/${session.id}/qr`))
        .body.token;
      const y4m = path.join(dir, `camera-${suffix}.y4m`);
      await writeQrCameraFile(code, y4m);
      const phone = await launchWithFakeCamera(y4m);
      try {
        const learner = await newContext(phone, { baseUrl, language, width });
        await learner.grantPermissions(['geolocation', 'camera'], { origin: baseUrl });
        await learner.setGeolocation({ latitude: session.latitude, longitude: session.longitude, accuracy: 15 });
        const scan = await learner.newPage();
        await signIn(scan, '13800000001');
        await scan.goto(`/my/classes/${classId}/sessions/${session.id}/scan?action=check-in`);
        await scan.locator('[data-testid=photo-consent]').click();
        await scan.locator('[data-testid=photo-open]').click();
        await scan.locator('[data-testid=front-camera][data-ready=true]').waitFor();
        await scan.locator('[data-testid=photo-take]').click();
        await scan.locator('[data-testid=scan-error]').waitFor({ timeout: 30_000 });
        await save(scan, `attendance-scan-error-${suffix}`);
      } finally {
        await phone.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  let server: RunningServer | undefined;
  // Many fresh browser profiles from one address call the API quickly: lift the per-IP limit for this tool.
  const env = { YX_DEMO_CONTENT: 'true', YX_RATE_LIMIT_PER_MINUTE: '100000' };
  const baseUrl = process.argv[2] ?? (server = await startServer({ env })).baseUrl;
  const browser = await launchBrowser();
  try {
    await publicPages(browser, baseUrl);
    await signedInPages(browser, baseUrl);
    await signedOutElsewhere(browser, baseUrl);
    await catalogPages(browser, baseUrl);
    await authoringPages(browser, baseUrl);
    await managementPages(browser, baseUrl);
    await classPages(browser, baseUrl);
    await captureInstitutionPages(browser, baseUrl, save); // registration, application, review queue and page, list
    await learnerClassPages(browser, baseUrl);
    await captureLearningPages(browser, baseUrl, save); // lesson list, player, check, one lesson at a time, records
    await captureConsolePages(browser, baseUrl, save); // dashboards, a learner's trace with a face photo, self-inspection
  } finally {
    await browser.close();
    await server?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
