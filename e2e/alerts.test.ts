// Early warning in a real browser against the real server: a learner (through the API, as a script would) runs two
// lessons side by side from a headless browser; the server's detectors raise alerts within a minute; the institution's
// administrator finds them in the queue, reads the evidence, takes one under review and proposes to confirm; the
// district regulator confirms it and sees the removed hours. Screenshots go to /tmp/shots-detect (SHOTS_DIR).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { launchBrowser, newContext } from './helpers/browser';
import { apiSignIn, prepareClassWorld, type ApiSession } from './helpers/classes';
import { runningClassWith, shortHeartbeatPolicy, type LessonItem } from './helpers/learning';
import { startServer, type RunningServer } from './helpers/server';
import { signIn } from './helpers/ui';

const LEARNER = '13800000004';
const ADMIN = '13900000021';
const XIHU = '13900000014';
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-detect';
const HEADLESS =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36';

let server: RunningServer;
let browser: Browser;
let classId: string;

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Starts a lesson and reports once, as a page playing it would (with a headless browser's user agent). */
async function startAndReport(
  baseUrl: string,
  cookie: { session: ApiSession; raw: { cookie: string; csrf: string } },
  lessonId: string,
  deviceId: string,
) {
  const now = Date.now();
  const post = async (url: string, body: unknown) => {
    const res = await fetch(new URL(url, baseUrl), {
      method: 'POST',
      body: JSON.stringify(body),
      headers: {
        cookie: cookie.raw.cookie,
        'x-csrf-token': cookie.raw.csrf,
        'content-type': 'application/json',
        'user-agent': HEADLESS,
      },
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const { session } = await post('/api/learning/sessions', {
    classId,
    lessonId,
    deviceId,
    clientTimeMs: now,
    webdriver: true,
  });
  await new Promise((resolve) => setTimeout(resolve, 1200));
  await post(`/api/learning/sessions/${session.sessionId}/heartbeats`, {
    beats: [{ seq: 1, positionMs: 0, playing: true, rate: 1, visible: true, focused: true, clientTimeMs: now + 1200 }],
  });
}

async function rawSignIn(baseUrl: string, login: string) {
  const response = await fetch(new URL('/api/auth/login', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: 'Yunxue@2026' }),
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  return {
    cookie: cookies.join('; '),
    csrf: decodeURIComponent(cookies.find((c) => c.startsWith('yx_csrf='))!.slice('yx_csrf='.length)),
  };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const world = await prepareClassWorld(server.baseUrl);
  await shortHeartbeatPolicy(world, 5, { firstChallengeMaxMinutes: 60 });
  classId = await runningClassWith(server.baseUrl, world, `电工（五级）预警 E2E ${Date.now() % 100000} 期`, LEARNER);
  // The "script": one sign-in, lessons of two courses started in turn from two devices while the other still reports.
  const raw = await rawSignIn(server.baseUrl, LEARNER);
  const session = await apiSignIn(server.baseUrl, ADMIN);
  const progress = await fetch(new URL(`/api/learning/classes/${classId}/progress`, server.baseUrl), {
    headers: { cookie: raw.cookie },
  });
  const lessons = ((await progress.json()) as { items: LessonItem[] }).items;
  const firsts = lessons.filter((l, i) => lessons.findIndex((x) => x.courseId === l.courseId) === i);
  for (let i = 0; i < 4; i++)
    await startAndReport(
      server.baseUrl,
      { session, raw },
      firsts[i % 2].lessonId,
      i % 2 ? 'device-bbbb-0002' : 'device-aaaa-0001',
    );
  // The learner's detectors run in a job about half a minute after the events.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const list = await session.call<{ items: { kind: string }[] }>('GET', '/api/alerts');
    const kinds = new Set(list.body.items.map((a) => a.kind));
    if (kinds.has('concurrent_lessons') && kinds.has('scripted_player')) break;
    if (Date.now() > deadline) throw new Error(`alerts not raised in time: ${JSON.stringify(list.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('early warning pages', () => {
  test('the institution reviews and proposes, the regulator confirms and the hours are removed', async ({ expect }) => {
    const admin = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN' });
    const page = await admin.newPage();
    await signIn(page, ADMIN);
    await page.goto('/alerts');
    const rows = page.locator('[data-testid=alert-link]');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    await shot(page, 'alerts-queue-zh-1280');
    await page.getByRole('tab', { name: /通知/ }).click();
    await page.locator('[data-testid=notification]').first().waitFor();
    expect(await page.locator('[data-testid=notification]').first().textContent()).toContain('新预警');
    await shot(page, 'alerts-notifications-zh-1280');

    await page.goto('/alerts');
    await page.getByRole('link', { name: '多课时同时学习' }).click();
    await page.locator('[data-testid=facts]').waitFor();
    expect(await page.locator('[data-testid=facts]').textContent()).toMatch(/被另一课时顶替/);
    expect(await page.locator('[data-testid=evidence] tbody tr').count()).toBeGreaterThanOrEqual(3);
    await shot(page, 'alert-detail-zh-1280');

    await page.locator('[data-testid=action-review]').click();
    await page.locator('[data-testid=reason]').fill('已联系学员核实：同时在电脑和手机上打开课程');
    await page.locator('[data-testid=workflow-submit]').click();
    await page.locator('[data-testid=action-propose-confirm]').click();
    await page.locator('[data-testid=reason]').fill('学员承认挂课，建议确认');
    await page.locator('[data-testid=workflow-submit]').click();
    await page.getByText('机构建议：确认违规').waitFor();
    await admin.close();

    const regulator = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN' });
    const rpage = await regulator.newPage();
    await signIn(rpage, XIHU);
    await rpage.goto('/alerts?tab=notifications');
    await rpage
      .getByText(/机构建议确认违规/)
      .first()
      .waitFor();
    await rpage.getByRole('button', { name: '查看' }).first().click();
    await rpage.locator('[data-testid=action-confirm]').click();
    await rpage.locator('[data-testid=reason]').fill('证据确凿：多设备同时学习');
    await shot(rpage, 'alert-confirm-dialog-zh-1280');
    await rpage.locator('[data-testid=workflow-submit]').click();
    await rpage.getByText('补贴资格已暂停').waitFor();
    expect(await rpage.getByText('已确认').count()).toBeGreaterThanOrEqual(1);
    await shot(rpage, 'alert-confirmed-zh-1280');
    await regulator.close();

    // English and a phone-sized queue.
    const en = await newContext(browser, { baseUrl: server.baseUrl, language: 'en' });
    const epage = await en.newPage();
    await signIn(epage, XIHU);
    await epage.goto('/alerts?tab=risk');
    await epage.getByText('Risk ranking').waitFor();
    await shot(epage, 'alerts-risk-en-1280');
    await epage.goto('/alerts');
    await epage.getByRole('tab', { name: /All/ }).click();
    await epage.locator('[data-testid=alert-link]').first().waitFor();
    await shot(epage, 'alerts-queue-en-1280');
    await en.close();
    const phone = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN', width: 375 });
    const ppage = await phone.newPage();
    await signIn(ppage, XIHU);
    await ppage.goto('/alerts');
    await ppage.locator('[data-testid=status-filter]').click();
    await ppage.locator('.ant-select-item-option', { hasText: '全部' }).click();
    await ppage.locator('[data-testid=alert-link]').first().waitFor();
    await shot(ppage, 'alerts-queue-zh-375');
    await phone.close();

    // The thresholds are policy: the operator's policy form has the early-warning block.
    const operator = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN' });
    const opage = await operator.newPage();
    await signIn(opage, '13900000001');
    await opage.goto('/policies');
    await opage.locator('[data-testid=policy-publish]').click();
    const legend = opage.locator('legend', { hasText: '学习预警阈值' });
    await legend.waitFor();
    await legend.scrollIntoViewIfNeeded();
    await opage.waitForTimeout(300);
    await opage.screenshot({ path: path.join(SHOTS, 'policy-alerts-zh-1280.png') });
    await operator.close();
  });
});
