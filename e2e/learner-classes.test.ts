// The learner's side of classes in a real browser against the real server: a class an institution applied for and a
// regulator approved appears in the learner's "my classes"; self-enrolment and withdrawal; the venue QR screen shows
// a code that decodes to the server's token; the attendance scanner reads that code through a (fake) camera and shows
// the server's refusals, then checks in with a pasted code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newContext } from './helpers/browser';
import {
  apiSignIn,
  beijingDay,
  makePeople,
  passingClassBody,
  prepareClassWorld,
  rosterCsv,
  type ApiSession,
  type ClassWorld,
  type Person,
} from './helpers/classes';
import { decodeQrImage, launchWithFakeCamera, writeQrCameraFile } from './helpers/qr-camera';
import { startServer, type RunningServer } from './helpers/server';
import { DEMO_PASSWORD, signIn } from './helpers/ui';
import { facePhotos } from '../server/src/testing/face-photos';

let server: RunningServer;
let browser: Browser;
let world: ClassWorld;
let regulator: ApiSession;
let workDir: string;
const contexts: BrowserContext[] = [];
const VENUE = { latitude: 30.2741, longitude: 120.1551 }; // passingClassBody's venue

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'yx-e2e-learner-classes-'));
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  world = await prepareClassWorld(server.baseUrl);
  regulator = await apiSignIn(server.baseUrl, '13900000014');
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function openPage(on: Browser = browser, language: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const context = await newContext(on, { baseUrl: server.baseUrl, language });
  contexts.push(context);
  return context.newPage();
}

async function ok<T = any>(what: string, promise: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await promise;
  if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** A person who registered themselves (real-name, active), so the roster import finds their account. */
async function registeredLearner(): Promise<Person> {
  const [person] = makePeople(1);
  const res = await fetch(new URL('/api/auth/register', server.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...person, password: DEMO_PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  return person;
}

/** A passing class of the Hangzhou school with these people (and one more) on its roster, submitted for review. */
async function submittedClass(
  name: string,
  people: Person[],
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const { class: created } = await ok(
    'create',
    world.admin.call('POST', '/api/classes', { ...passingClassBody(world, name), ...overrides }),
  );
  await ok(
    'import',
    world.admin.upload(
      `/api/classes/${created.id}/enrolments/import?mode=all&name=roster.csv`,
      rosterCsv([...people, ...makePeople(1)]),
      'text/csv',
    ),
  );
  await ok('submit', world.admin.call('POST', `/api/classes/${created.id}/submit`));
  return created.id;
}

const approve = (classId: string) =>
  ok('approve', regulator.call('POST', `/api/classes/${classId}/approve`, { comment: '同意开班' }));

/**
 * The server runs on the real clock, and a class can only be approved with a future start: to attend a session now,
 * the test moves the approved class's period and its session to today in the server's database.
 */
function withDatabase<T>(work: (db: Database.Database) => T): T {
  const db = new Database(path.join(server.varDir, 'yunxue.db'));
  try {
    return work(db);
  } finally {
    db.close();
  }
}

function startsNow(classId: string): void {
  const now = Date.now();
  withDatabase((db) => {
    db.prepare('update classes set start_date = ? where id = ?').run(beijingDay(0), classId);
    db.prepare('update class_sessions set starts_at = ?, ends_at = ? where class_id = ?').run(
      new Date(now + 10 * 60_000).toISOString(),
      new Date(now + 3 * 3600_000).toISOString(),
      classId,
    );
  });
}

async function myClassCard(page: Page, classId: string) {
  const card = page.locator(`[data-testid=my-class-card][data-class-id="${classId}"]`);
  await card.waitFor();
  return card;
}

describe('my classes', () => {
  test('an institution applies, a regulator approves, and the enrolled learner sees the class', async () => {
    const learner = await registeredLearner();
    const name = `电工（五级）学员 E2E ${Date.now() % 100000} 期`;
    const classId = await submittedClass(name, [learner]);

    // While the application waits, the learner sees it and why learning has not started.
    const page = await openPage();
    await signIn(page, learner.phone);
    await page.goto('/my/classes');
    let card = await myClassCard(page, classId);
    expect(await card.locator('[data-testid=class-status]').getAttribute('data-status')).toBe('submitted');
    expect(await card.locator('[data-testid=learning-gate]').getAttribute('data-reason')).toBe('not_approved');

    // The county regulator approves it in the browser.
    const reviewer = await openPage();
    await signIn(reviewer, '13900000014');
    await reviewer.goto(`/reviews/${classId}`);
    await reviewer.locator('[data-testid=review-approve]').click();
    await reviewer.locator('#review-submit').click();
    await reviewer.waitForURL(/\/reviews$/);

    await page.reload();
    card = await myClassCard(page, classId);
    await expect.poll(() => card.locator('[data-testid=class-status]').getAttribute('data-status')).toBe('approved');
    expect(await card.locator('[data-testid=my-class-name]').textContent()).toBe(name);
    const gate = card.locator('[data-testid=learning-gate]');
    expect(await gate.getAttribute('data-reason')).toBe('outside_period');
    expect(await gate.textContent()).toContain('培训将于');

    await card.locator('[data-testid=my-class-open]').click();
    await page.waitForURL(new RegExp(`/my/classes/${classId}$`));
    expect(await page.locator('[data-testid=my-class-title]').textContent()).toBe(name);
    await expect.poll(() => page.locator('[data-testid=my-course]').count()).toBe(world.generalCourseIds.length + 1);
    const start = page.locator('[data-testid=start-learning]');
    expect(await start.first().isDisabled()).toBe(true);
    expect(await page.locator('[data-testid=my-session]').count()).toBe(1);
    expect(await page.locator('[data-testid=session-attendance]').getAttribute('data-state')).toBe('none');
    expect(await page.locator('[data-testid=theory-notice]').textContent()).toContain('须先完成本班全部线上理论学习');
  });
});

describe('self-enrolment', () => {
  test('a learner enrols in an open class, is refused an overlapping one, and leaves before the start', async () => {
    const tag = `开放 E2E ${Date.now() % 100000}`;
    const first = await submittedClass(`${tag} 第 1 期`, [], { selfEnrol: true, capacity: 3 });
    const second = await submittedClass(`${tag} 第 2 期`, [], { selfEnrol: true, capacity: 3 });
    await approve(first);
    await approve(second);
    const learner = await registeredLearner();

    const page = await openPage();
    await signIn(page, learner.phone);
    await page.goto('/open-classes');
    await page.locator('#open-class-search').fill(tag);
    await page.locator('#open-class-search').press('Enter');
    const card = (id: string) => page.locator(`[data-testid=open-class-card][data-class-id="${id}"]`);
    await card(first).waitFor();
    await expect.poll(() => page.locator('[data-testid=open-class-card]').count()).toBe(2);
    expect(await card(first).locator('[data-testid=places-left]').getAttribute('data-left')).toBe('2');

    await card(first).locator('[data-testid=enrol]').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => card(first).getAttribute('data-mine')).toBe('true');
    expect(await card(first).locator('[data-testid=places-left]').getAttribute('data-left')).toBe('1');

    // Same occupation, same level, same dates: refused, with the reason in words.
    await card(second).locator('[data-testid=enrol]').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    const refusal = page.locator('[data-testid=enrol-error]');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('ENROLMENT_OVERLAPPING_CLASS');
    expect(await refusal.textContent()).toContain(`${tag} 第 1 期`);
    expect(await card(second).getAttribute('data-mine')).toBe('false');

    // The class is on "my classes"; leaving it there frees the place.
    await page.goto(`/my/classes/${first}`);
    await page.locator('[data-testid=withdraw]').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await page.waitForURL(/\/my\/classes$/);
    await page.locator('[data-testid=my-classes-empty]').waitFor();
    await page.goto('/open-classes');
    await page.locator('#open-class-search').fill(tag);
    await page.locator('#open-class-search').press('Enter');
    await expect.poll(() => card(first).getAttribute('data-mine')).toBe('false');
    expect(await card(first).locator('[data-testid=places-left]').getAttribute('data-left')).toBe('2');
  });
});

describe('offline attendance', () => {
  test('the venue screen shows the server’s code as a QR code; the learner’s scanner reads it and shows what the server says', async () => {
    const learner = await registeredLearner();
    // Check-in photos are compared with the enrolled face: the learner enrols one (a real photo, fetched at test time).
    const photos = await facePhotos();
    const own = await apiSignIn(server.baseUrl, learner.phone);
    await ok(
      'face',
      own.call('POST', '/api/faces/enrolment', { photo: photos.read('franck_01829.jpg').toString('base64') }),
    );
    await own.call('POST', '/api/auth/logout', {});
    const classId = await submittedClass(`电工（五级）考勤 E2E ${Date.now() % 100000} 期`, [learner]);
    await approve(classId);
    startsNow(classId);

    // The institution's screen at the venue: reached from the class page, the QR code decodes to the token.
    const screen = await openPage();
    await signIn(screen, '13900000021');
    await screen.goto(`/classes/${classId}`);
    await screen.locator('[data-testid=venue-qr-link]').click();
    await screen.waitForURL(/\/sessions\/[\w-]+\/qr$/);
    const qr = screen.locator('[data-testid=venue-qr-image]');
    await qr.waitFor();
    await expect
      .poll(async () => {
        const token = await screen.locator('[data-testid=venue-qr]').getAttribute('data-token');
        return token && (await decodeQrImage(await qr.screenshot())) === token;
      })
      .toBe(true);
    expect(await screen.locator('[data-testid=venue-countdown]').textContent()).toMatch(/\d+ 秒后更新/);
    expect(await screen.locator('[data-testid=venue-counts]').getAttribute('data-checked-in')).toBe('0');
    const { sessions } = (await ok('class', world.admin.call('GET', `/api/classes/${classId}`))).class;
    const venueCode = async () =>
      (await ok('qr', world.admin.call('GET', `/api/classes/${classId}/sessions/${sessions[0].id}/qr`)))
        .token as string;

    /**
     * A phone whose camera films `qrText`, at `where`: signs in, takes the live photo, gets its position and scans.
     * Returns the page once the server has answered.
     */
    const scanWithPhone = async (qrText: string, where: { latitude: number; longitude: number }, face?: Buffer) => {
      const y4m = path.join(workDir, `camera-${Date.now()}.y4m`);
      await writeQrCameraFile(qrText, y4m, face);
      const phone = await launchWithFakeCamera(y4m);
      const context = await newContext(phone, { baseUrl: server.baseUrl, language: 'zh-CN', width: 375 });
      contexts.push(context);
      context.on('close', () => void phone.close());
      await context.grantPermissions(['geolocation', 'camera'], { origin: server.baseUrl });
      await context.setGeolocation({ ...where, accuracy: 12 });
      const page = await context.newPage();
      await signIn(page, learner.phone);
      await page.goto(`/my/classes/${classId}`);
      await page.locator('[data-testid=scan-check-in]').click();
      await page.waitForURL(/\/scan\?action=check-in$/);
      await page.locator('[data-testid=photo-consent]').click();
      await page.locator('[data-testid=photo-open]').click();
      await page.locator('[data-testid=front-camera][data-ready=true]').waitFor();
      await page.locator('[data-testid=photo-take]').click();
      await page.locator('[data-testid=photo-taken]').waitFor();
      await page.locator('[data-testid=located]').waitFor();
      await page.locator('[data-testid=scan-error], [data-testid=scan-done]').first().waitFor({ timeout: 30_000 });
      return page;
    };

    // About 1.1 km north of the venue: refused with the distance.
    const far = await scanWithPhone(await venueCode(), { latitude: VENUE.latitude + 0.01, longitude: VENUE.longitude });
    const tooFar = far.locator('[data-testid=scan-error]');
    expect(await tooFar.getAttribute('data-code')).toBe('ATTENDANCE_TOO_FAR');
    expect(await tooFar.textContent()).toMatch(/您距离实训场地约 11\d\d 米，超出考勤范围（\d+ 米）/);

    // At the venue, but the online theory of the class is not complete: refused clearly.
    const near = await scanWithPhone(await venueCode(), {
      latitude: VENUE.latitude + 0.0005,
      longitude: VENUE.longitude,
    });
    const theory = near.locator('[data-testid=scan-error]');
    expect(await theory.getAttribute('data-code')).toBe('ATTENDANCE_THEORY_INCOMPLETE');
    expect(await theory.textContent()).toContain('请先完成本班的线上理论学习');

    // Once the theory is complete (the progress rows the learning engine writes when every lesson is watched — written
    // here directly, since watching hours of lessons is not this test's subject), a QR code that is not a venue code is
    // refused, and the code pasted by hand checks the learner in.
    withDatabase((db) =>
      db
        .prepare(
          `insert into lesson_progress (user_id, class_id, lesson_id, course_id, coverage, credited_ms, duration_ms, face_passes, completed_at, updated_at)
      select e.user_id, e.class_id, l.id, l.course_id, '[]', 0, 0, 0, ?, ? from enrolments e
      join class_courses cc on cc.class_id = e.class_id join lessons l on l.course_id = cc.course_id where e.class_id = ?`,
        )
        .run(new Date().toISOString(), new Date().toISOString(), classId),
    );
    // This phone films the learner's face beside the screen: the live photo is verified against the enrolled face.
    const last = await scanWithPhone(
      'https://example.com/not-a-venue-code',
      { latitude: VENUE.latitude, longitude: VENUE.longitude + 0.0005 },
      photos.read('franck_04035.jpg'),
    );
    expect(await last.locator('[data-testid=scan-error]').getAttribute('data-code')).toBe('ATTENDANCE_TOKEN_INVALID');
    await last.locator('#manual-code').fill(await venueCode());
    await last.locator('[data-testid=manual-submit]').click();
    const done = last.locator('[data-testid=scan-done]');
    await done.waitFor({ timeout: 120_000 }); // the face engine may still be loading its models
    expect(await done.textContent()).toContain('签到成功');
    await last.goto(`/my/classes/${classId}`);
    await expect.poll(() => last.locator('[data-testid=session-attendance]').getAttribute('data-state')).toBe('in');
    expect(await last.locator('[data-testid=scan-check-out]').count()).toBe(1);

    // The venue screen counts the learner (it polls every 15 s).
    await expect
      .poll(() => screen.locator('[data-testid=venue-counts]').getAttribute('data-checked-in'), { timeout: 30_000 })
      .toBe('1');
  }, 300_000); // three phones, each a browser of its own with a camera filming a fresh code
});
