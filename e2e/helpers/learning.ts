// Sets up online learning through the HTTP API (a class running today with a demo learner on it) and drives the
// player's page-level conditions (a hidden tab) for the learning player's test and screenshots.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newContext } from './browser';
import { apiSignIn, beijingDay, makePeople, passingClassBody, rosterCsv, type ClassWorld } from './classes';
import { signIn } from './ui';

export type LessonItem = {
  lessonId: string;
  title: string;
  courseId: string;
  creditedMs: number;
  durationMs: number | null;
  complete: boolean;
};

async function ok<T>(what: string, promise: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await promise;
  if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * The Hangzhou West Lake district's policy with a short heartbeat: the interval is regional data, and a test that
 * waits for a few heartbeats stays short with 5 s instead of the national 20 s. `learning` can bring the learning
 * checks forward too. Face checks are off (minPerLesson 0) unless `faceCheck` says otherwise: they need an enrolled
 * face and a camera, and have their own test (face-check.test.ts). A class keeps the policy versions it was approved
 * under, so publish before approving.
 */
export async function shortHeartbeatPolicy(
  world: ClassWorld,
  seconds = 5,
  learning?: Record<string, number>,
  faceCheck: Record<string, number | boolean> = { minPerLesson: 0 },
): Promise<void> {
  const document = { heartbeatSeconds: seconds, ...(learning ? { learning } : {}), faceCheck };
  await ok(
    'policy',
    world.operator.call('POST', '/api/policies/330106', {
      document,
      note: `端到端测试：心跳间隔 ${seconds} 秒${learning ? '，学习验证提前' : ''}`,
    }),
  );
}

/**
 * An approved electrician class of the West Lake school running from today, open to self-enrolment, with `learner`
 * (a demo learner of that school) enrolled by themselves. Sign-in through the API happens before any browser signs
 * the learner in (one device per learner).
 */
export async function runningClassWith(
  baseUrl: string,
  world: ClassWorld,
  name: string,
  learner: string,
): Promise<string> {
  const body = { ...passingClassBody(world, name), startDate: beijingDay(0), selfEnrol: true };
  const { class: created } = await ok(
    'create class',
    world.admin.call<{ class: { id: string } }>('POST', '/api/classes', body),
  );
  const classId = created.id;
  // Three imported learners make the roster pass its pre-check; the demo learner joins by themselves after approval.
  await ok(
    'import',
    world.admin.upload(
      `/api/classes/${classId}/enrolments/import?mode=all&name=roster.csv`,
      rosterCsv(makePeople(3)),
      'text/csv',
    ),
  );
  await ok('submit', world.admin.call('POST', `/api/classes/${classId}/submit`));
  const regulator = await apiSignIn(baseUrl, '13900000014');
  await ok('approve', regulator.call('POST', `/api/classes/${classId}/approve`, { comment: '同意开班' }));
  const person = await apiSignIn(baseUrl, learner);
  await ok('enrol', person.call('POST', `/api/open-classes/${classId}/enrol`));
  await person.call('POST', '/api/auth/logout', {});
  return classId;
}

/** The learner's progress as the API reports it, read with the browser's own session (a second sign-in would end it). */
export async function progressOf(context: BrowserContext, classId: string): Promise<LessonItem[]> {
  const response = await context.request.get(`/api/learning/classes/${classId}/progress`);
  if (!response.ok()) throw new Error(`progress: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { items: LessonItem[] }).items;
}

/** Makes the page believe it went to the background (or came back), as a switched tab or a locked phone does. */
export async function setPageHidden(page: Page, hidden: boolean): Promise<void> {
  // A string, not a function: tsx's name-keeping helper would not exist inside the page.
  await page.evaluate(`(() => {
    const hidden = ${hidden};
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event('visibilitychange'));
  })()`);
}

/** Asks the page for a report now (as a focus change does) instead of waiting for the next heartbeat. */
export async function reportNow(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
}

// ---- screenshots ---------------------------------------------------------------------------------------------------

type Save = (page: Page, name: string, fullPage?: boolean) => Promise<void>;
type MyClass = { id: string; learning: { allowed: boolean } };

/** The demo class the demo content job opens for learner 13800000001 (it appears once the demo videos are ready). */
async function waitForLearnableClass(context: BrowserContext, timeoutMs = 600_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await context.request.get('/api/my/classes');
    if (response.ok()) {
      const found = ((await response.json()) as { items: MyClass[] }).items.find((c) => c.learning.allowed);
      if (found) return found.id;
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  throw new Error(`no class open for learning within ${timeoutMs} ms`);
}

/**
 * The lesson list, the player with its figures, a learning check (the server issues one only after 5–15 minutes of
 * real time, so the heartbeat answer is given one for the picture), the "another lesson was started" screen and the
 * learner's records: zh-CN at 1280 and 375 px, and English at 1280 px.
 */
export async function captureLearningPages(
  browser: Browser,
  baseUrl: string,
  save: Save,
  learner = '13800000001',
): Promise<void> {
  for (const [language, width] of [
    ['zh-CN', 1280],
    ['zh-CN', 375],
    ['en', 1280],
  ] as const) {
    const suffix = `${language === 'en' ? 'en' : 'zh'}-${width}`;
    const context = await newContext(browser, { baseUrl, language, width });
    try {
      const page = await context.newPage();
      await signIn(page, learner);
      const classId = await waitForLearnableClass(context);
      const lessons = await progressOf(context, classId);
      const first = lessons[0];
      const other = lessons.find((l) => l.courseId !== first.courseId && l.durationMs) ?? lessons[1];

      await page.goto(`/learn/${classId}`);
      await page.locator('[data-testid=lesson-row]').first().waitFor();
      await save(page, `learning-lessons-${suffix}`);

      await page
        .locator(`[data-testid=lesson-row][data-lesson-id="${first.lessonId}"] [data-testid=lesson-start]`)
        .click();
      await page.locator('[data-testid=learning-player][data-status=running]').waitFor();
      const tap = page.locator('[data-testid=video-tap-to-play]');
      await page.waitForFunction(
        () => (document.querySelector<HTMLVideoElement>('[data-testid=learning-video]')?.readyState ?? 0) >= 2,
      );
      if (await tap.isVisible()) await tap.click();
      await page.waitForTimeout(3000);
      await reportNow(page);
      await page.locator('[data-testid=credit-status]:not([data-tone=waiting])').waitFor();
      await save(page, `learning-player-${suffix}`);

      await page.route('**/api/learning/sessions/*/heartbeats', async (route) => {
        const response = await route.fetch();
        const json = await response.json();
        json.check = {
          id: 'screenshot',
          kind: 'code',
          code: '4827',
          deadline: new Date(Date.now() + 60_000).toISOString(),
          failed: false,
          attemptsLeft: 3,
        };
        await route.fulfill({ response, json });
      });
      await reportNow(page);
      await page.locator('[data-testid=check-dialog]').waitFor();
      await save(page, `learning-check-${suffix}`, false);
      await page.unroute('**/api/learning/sessions/*/heartbeats');

      const second = await context.newPage();
      await second.goto(`/learn/${classId}/${other.lessonId}`);
      await second.locator('[data-testid=learning-player][data-status=running]').waitFor();
      await reportNow(page);
      await page.locator('[data-testid=session-ended]').waitFor();
      await save(page, `learning-superseded-${suffix}`);
      await second.close();

      await page.goto(`/learn/${classId}?tab=records`);
      await page.locator('[data-testid=session-open]').first().waitFor();
      await save(page, `learning-records-${suffix}`);
      await page.locator('[data-testid=session-open]').first().click();
      await page.locator('[data-testid=records-drawer] .ant-table-row').first().waitFor();
      await save(page, `learning-records-drawer-${suffix}`, false);
    } finally {
      await context.close();
    }
  }
}
