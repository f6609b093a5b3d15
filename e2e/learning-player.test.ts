// The supervised learning player in a real browser against the real server: a learner opens a class's lessons,
// starts the first one (a PDF lesson read with the reading timer), sees the server credit time and why it stops
// when the page goes to the background, keeps learning through a network drop, and learns that starting another
// lesson in a second tab ends the first. Another learner answers a learning check the server issues.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { launchBrowser, newContext } from './helpers/browser';
import { apiSignIn, prepareClassWorld } from './helpers/classes';
import { progressOf, runningClassWith, setPageHidden, shortHeartbeatPolicy, type LessonItem } from './helpers/learning';
import { repoRoot, startServer, type RunningServer } from './helpers/server';
import { signIn } from './helpers/ui';

const LEARNER = '13800000001';
const CHECKED_LEARNER = '13800000002';
const SIGNED_OUT_LEARNER = '13800000003';
const shots = path.join(repoRoot, 'docs/screenshots');
let server: RunningServer;
let browser: Browser;
let classId: string;
let checkClassId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const world = await prepareClassWorld(server.baseUrl);
  // Classes keep the policy versions they were approved under: the first has its first learning check 20–27 minutes
  // in (after this test), the second (approved after the next version) gets its first check within a minute.
  await shortHeartbeatPolicy(world, 5, { firstChallengeMaxMinutes: 60 });
  classId = await runningClassWith(server.baseUrl, world, `电工（五级）学习 E2E ${Date.now() % 100000} 期`, LEARNER);
  await shortHeartbeatPolicy(world, 5, { challengeMinMinutes: 1, challengeMaxMinutes: 1, firstChallengeMaxMinutes: 1 });
  checkClassId = await runningClassWith(
    server.baseUrl,
    world,
    `电工（五级）验证 E2E ${Date.now() % 100000} 期`,
    CHECKED_LEARNER,
  );
  // A third learner joins the first class by themselves (it is open to self-enrolment).
  const person = await apiSignIn(server.baseUrl, SIGNED_OUT_LEARNER);
  const enrolled = await person.call('POST', `/api/open-classes/${classId}/enrol`);
  if (enrolled.status >= 300) throw new Error(`enrol: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  await person.call('POST', '/api/auth/logout', {});
});

/** The player as it is, at the given width (ADR 0008's held figure in view). */
async function save(page: Page, name: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: width < 600 ? 812 : 900 });
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  mkdirSync(shots, { recursive: true });
  await page.locator('[data-testid=held-credit]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function sessionsOf(context: BrowserContext, klass: string) {
  const response = await context.request.get(`/api/learning/classes/${klass}/sessions`);
  return (
    (await response.json()) as {
      items: { id: string; refused: number; heartbeats: number; checksIssued: number; checksMissed: number }[];
    }
  ).items;
}

describe.concurrent('learning player', () => {
  test('credits reading time, says why a hidden page earns nothing, survives a network drop, and one lesson at a time ends the first tab', async ({
    expect,
  }) => {
    const context = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN' });
    try {
      const page = await context.newPage();
      await signIn(page, LEARNER);

      // The lesson list: courses → lessons, the first of each course open and the rest locked until it is complete.
      await page.goto(`/learn/${classId}`);
      const rows = page.locator('[data-testid=lesson-row]');
      await rows.first().waitFor();
      const lessons: LessonItem[] = await progressOf(context, classId);
      expect(await rows.count()).toBe(lessons.length);
      const first = lessons[0];
      const other = lessons.find((l) => l.courseId !== first.courseId)!;
      expect(await rows.first().getAttribute('data-lesson-id')).toBe(first.lessonId);
      expect(await rows.first().getAttribute('data-state')).toBe('open');
      const sameCourse = lessons.filter((l) => l.courseId === first.courseId);
      if (sameCourse.length > 1) {
        expect(
          await page
            .locator(`[data-testid=lesson-row][data-lesson-id="${sameCourse[1].lessonId}"]`)
            .getAttribute('data-state'),
        ).toBe('locked');
      }

      // Start: the session runs and the reading timer advances while the page is in front.
      await rows.first().locator('[data-testid=lesson-start]').click();
      await page.waitForURL(new RegExp(`/learn/${classId}/${first.lessonId}$`));
      await page.locator('[data-testid=learning-player][data-status=running]').waitFor();
      expect(await page.locator('[data-testid=player-title]').textContent()).toBe(first.title);
      await page.locator('[data-testid=reading-timer][data-running=true]').waitFor();

      // After a heartbeat interval the server has earned time for the learner, held until the next learning check
      // confirms it (ADR 0008): the page shows it as awaiting confirmation, and nothing is credited yet (as the API says).
      const shown = async () => Number(await page.locator('[data-testid=held-credit]').getAttribute('data-ms'));
      const apiCredit = async () =>
        (await progressOf(context, classId)).find((l) => l.lessonId === first.lessonId)!.creditedMs;
      await expect.poll(shown, { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await page.locator('[data-testid=held-credit]').textContent()).toMatch(/待确认 \d+ 秒/);
      expect(await page.locator('[data-testid=credit-status]').getAttribute('data-tone')).toBe('held');
      expect(Number(await page.locator('[data-testid=lesson-credited]').getAttribute('data-ms'))).toBe(0);
      expect(Number(await page.locator('[data-testid=session-credited]').getAttribute('data-ms'))).toBe(0);
      expect(await apiCredit()).toBe(0);
      await save(page, 'learning-player-held-zh-1280', 1280);
      await save(page, 'learning-player-held-zh-375', 375);
      await page.setViewportSize({ width: 1280, height: 900 });

      // The tab goes to the background: the timer stops and the next verdict says why nothing is credited.
      await setPageHidden(page, true);
      await page.locator('[data-testid=reading-timer][data-running=false]').waitFor();
      const status = page.locator('[data-testid=credit-status][data-reason=hidden]');
      await status.waitFor({ timeout: 20_000 });
      expect(await status.textContent()).toContain('页面不在前台，暂停计时');
      const frozen = await shown();

      // Back in front, the timer runs again and credit resumes.
      await setPageHidden(page, false);
      await page.locator('[data-testid=reading-timer][data-running=true]').waitFor();
      await expect.poll(shown, { timeout: 20_000 }).toBeGreaterThan(frozen);

      // The network drops: reports wait on the device, in order, and are credited when it returns.
      const sessionId = await page.locator('[data-testid=learning-player]').getAttribute('data-session-id');
      await context.setOffline(true);
      const offline = page.locator('[data-testid=offline-notice]');
      await offline.waitFor({ timeout: 20_000 });
      await expect
        .poll(async () => Number(await offline.getAttribute('data-queued')), { timeout: 20_000 })
        .toBeGreaterThanOrEqual(2);
      const beforeReturn = await shown();
      await context.setOffline(false);
      await offline.waitFor({ state: 'detached', timeout: 20_000 });
      await expect.poll(shown, { timeout: 20_000 }).toBeGreaterThan(beforeReturn);
      expect((await sessionsOf(context, classId)).find((s) => s.id === sessionId)).toMatchObject({ refused: 0 });

      // Another lesson in a second tab: one lesson at a time, so the first tab's session ends and it says why.
      const second = await context.newPage();
      await second.goto(`/learn/${classId}/${other.lessonId}`);
      await second.locator('[data-testid=learning-player][data-status=running]').waitFor();
      const ended = page.locator('[data-testid=session-ended]');
      await ended.waitFor({ timeout: 20_000 });
      expect(await ended.getAttribute('data-reason')).toBe('superseded');
      expect(await ended.textContent()).toContain(other.title);
      expect(await ended.textContent()).toContain('同一时间只能学习一个课时');

      // Resuming here starts a new session, which in turn ends the second tab's.
      await page.locator('[data-testid=session-resume]').click();
      await page.locator('[data-testid=learning-player][data-status=running]').waitFor();
      await second.locator('[data-testid=session-ended][data-reason=superseded]').waitFor({ timeout: 20_000 });

      // My records: the sessions of this class with what each earned, each opening its evidence.
      await second.goto(`/learn/${classId}?tab=records`);
      const sessionRows = second.locator('[data-testid=session-table] .ant-table-row');
      await sessionRows.first().waitFor();
      expect(await sessionRows.count()).toBeGreaterThanOrEqual(3);
      await second.locator('[data-testid=session-open]').last().click();
      await second.locator('[data-testid=records-drawer] .ant-table-row').first().waitFor();
      expect(await second.locator('[data-testid=records-drawer]').textContent()).toContain('开始学习');
    } finally {
      await context.close();
    }
  }, 240_000);

  test('the player reports with its learning token, and a sign-in on another device stops it at the next report', async ({
    expect,
  }) => {
    const context = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN' });
    try {
      const page = await context.newPage();
      await signIn(page, SIGNED_OUT_LEARNER);
      const [first] = await progressOf(context, classId);
      const reports: { token: string | undefined; status: number }[] = [];
      page.on('response', (response) => {
        if (/\/heartbeats$/.test(response.url()))
          reports.push({ token: response.request().headers()['x-learning-token'], status: response.status() });
      });
      await page.goto(`/learn/${classId}/${first.lessonId}`);
      await page.locator('[data-testid=reading-timer][data-running=true]').waitFor();
      await expect
        .poll(async () => Number(await page.locator('[data-testid=held-credit]').getAttribute('data-ms')), {
          timeout: 20_000,
        })
        .toBeGreaterThan(0);
      // The reports carry the token the start handed out (the server skips the sign-in lookup for them).
      expect(reports.length).toBeGreaterThan(0);
      expect(reports.every((r) => r.status === 200 && r.token?.startsWith('lt1.'))).toBe(true);

      // The learner signs in on another device: this device's next report, token and all, is refused, and the page
      // says when and from where, as for any other request of a signed-out device.
      await apiSignIn(server.baseUrl, SIGNED_OUT_LEARNER);
      await page.waitForURL((url) => url.pathname === '/signed-out-elsewhere', { timeout: 20_000 });
      expect(await page.locator('[data-testid=signed-out-message]').textContent()).toContain('在另一台设备');
      const refused = reports.at(-1)!;
      expect(refused).toMatchObject({ status: 401, token: expect.stringMatching(/^lt1\./) });
    } finally {
      await context.close();
    }
  }, 120_000);

  test('a learning check stops the timer until the code shown is typed back; a wrong code says how many tries are left', async ({
    expect,
  }) => {
    const context = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN', width: 375 });
    try {
      const page = await context.newPage();
      await signIn(page, CHECKED_LEARNER);
      const [first] = await progressOf(context, checkClassId);
      await page.goto(`/learn/${checkClassId}/${first.lessonId}`);
      await page.locator('[data-testid=reading-timer][data-running=true]').waitFor();

      // The server issues the check about a minute in (this class's policy); reading stops while it is open.
      const dialog = page.locator('[data-testid=check-dialog]');
      await dialog.waitFor({ timeout: 150_000 });
      expect(await dialog.getAttribute('data-kind')).toBe('code');
      await page.locator('[data-testid=reading-timer][data-running=false]').waitFor();
      const code = (await page.locator('[data-testid=check-code]').textContent())!.trim();
      expect(code).toMatch(/^\d{4}$/);

      await page.locator('[data-testid=check-input]').fill(code === '1111' ? '2222' : '1111');
      await page.locator('[data-testid=check-submit]').click();
      const wrong = page.locator('[data-testid=check-wrong]');
      await wrong.waitFor();
      expect(await wrong.textContent()).toContain('验证码不正确，还可尝试 2 次');

      await page.locator('[data-testid=check-input]').fill(code);
      await page.locator('[data-testid=check-submit]').click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('[data-testid=reading-timer][data-running=true]').waitFor();
      // The pass commits the time held until it (ADR 0008); what plays next is held again, awaiting the next check.
      const afterCheck = Number(await page.locator('[data-testid=lesson-credited]').getAttribute('data-ms'));
      expect(afterCheck).toBeGreaterThan(0);
      await expect
        .poll(async () => Number(await page.locator('[data-testid=held-credit]').getAttribute('data-ms')), {
          timeout: 20_000,
        })
        .toBeGreaterThan(0);
      const [mine] = await sessionsOf(context, checkClassId);
      expect(mine).toMatchObject({ checksIssued: 1, checksMissed: 0 });
    } finally {
      await context.close();
    }
  }, 240_000);
});
