// The learner-facing catalogue, for visitors (/explore) and signed-in learners (/catalog), against the demo courses.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newContext } from './helpers/browser';
import { waitForCourses } from './helpers/catalog';
import { startServer, type RunningServer } from './helpers/server';
import { signIn } from './helpers/ui';

const ELECTRICIAN = '电工（五级）安全用电与电工基础';
const ELDERLY_CARE = '养老护理员（五级/初级工）理论课程';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startServer({ env: { YX_DEMO_CONTENT: 'true' } });
  browser = await launchBrowser();
  // Both courses must exist before the search, or "not found" would prove nothing. Transcoding is not awaited.
  await waitForCourses(server.baseUrl, { q: '电工' });
  await waitForCourses(server.baseUrl, { q: '养老护理' });
});

afterEach(async () => {
  await context?.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(language: 'zh-CN' | 'en' = 'zh-CN', width?: number): Promise<Page> {
  context = await newContext(browser, { baseUrl: server.baseUrl, language, width });
  return context.newPage();
}

function cardTitles(page: Page): Promise<string[]> {
  return page.locator('[data-testid=course-card-title]').allTextContents();
}

async function electricianId(): Promise<string> {
  const { items } = await waitForCourses(server.baseUrl, { q: '电工' });
  const course = items.find((c) => c.title === ELECTRICIAN);
  if (!course) throw new Error(`${ELECTRICIAN} is not in the demo data`);
  return course.id;
}

describe('visitors', () => {
  test('searching 电工 on /explore finds the electrician course and not the elderly-care one, without asking for a session', async () => {
    const page = await openPage('zh-CN', 375);
    const sessionCalls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/auth/')) sessionCalls.push(request.url());
    });
    await page.goto('/explore');
    await page.locator('[data-testid=course-card]').first().waitFor();
    expect(await cardTitles(page)).toContain(ELDERLY_CARE);

    const search = page.locator('[data-testid=catalog-search] input');
    await search.fill('电工');
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().includes('/api/catalog/courses?') && new URL(r.url()).searchParams.get('q') === '电工',
      ),
      search.press('Enter'),
    ]);
    const found = ((await response.json()) as { items: { title: string }[] }).items.map((c) => c.title);
    // The list keeps the previous results while the search runs: wait until it shows exactly what the server found.
    await expect.poll(() => cardTitles(page)).toEqual(found);
    expect(found).toContain(ELECTRICIAN);
    expect(found).not.toContain(ELDERLY_CARE);
    expect(new URL(page.url()).searchParams.get('q')).toBe('电工');
    expect(new URL(page.url()).pathname).toBe('/explore');
    expect(sessionCalls).toEqual([]);
  });

  test('a course page asks visitors to sign in to learn and comes back to the course after signing in', async () => {
    const id = await electricianId();
    const page = await openPage('zh-CN');
    await page.goto(`/explore/courses/${id}`);
    await expect.poll(() => page.locator('[data-testid=course-title]').textContent()).toBe(ELECTRICIAN);
    expect(await page.locator('[data-testid=lesson-play]').count()).toBe(0);
    await page.locator('[data-testid=sign-in-to-learn]').click();
    await page.waitForURL(/\/login\?/);
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/catalog/courses/${id}`);
    await page.locator('#login_login').fill('13800000001');
    await page.locator('#login_password').fill('Yunxue@2026');
    await page.locator('form#login button[type=submit]').click();
    // The demo learner has no enrolled face: the enrolment page comes first and keeps where the learner was going.
    await page.waitForURL((url) => url.pathname === '/face-enrolment');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/catalog/courses/${id}`);
    await page.locator('[data-testid=face-later]').click();
    await page.waitForURL(`**/catalog/courses/${id}`);
    await expect.poll(() => page.locator('[data-testid=course-title]').textContent()).toBe(ELECTRICIAN);
  });
});

describe('signed-in learners', () => {
  test('a learner opens a course from the catalogue and sees its chapters and the standard check', async () => {
    const page = await openPage('zh-CN');
    await signIn(page, '13800000001');
    await page.goto('/catalog');
    // The learner's region (杭州市西湖区) filters the list by default; the electrician course is from a school there.
    await page.locator('[data-testid=region-tag]').waitFor();
    await page.locator('[data-testid=course-grid] [data-testid=course-card]', { hasText: ELECTRICIAN }).click();
    await page.waitForURL(/\/catalog\/courses\//);
    await expect.poll(() => page.locator('[data-testid=course-title]').textContent()).toBe(ELECTRICIAN);

    const chapters = page.locator('[data-testid=chapter]');
    expect(await chapters.count()).toBe(2);
    expect(await chapters.locator('h5').allTextContents()).toEqual(['第一章 电工基础', '第二章 安全用电']);
    expect(await page.locator('[data-testid=lesson]').count()).toBe(3);

    // 电工 五级 has a national standard, so the course is checked against its online hours.
    const standard = page.locator('[data-testid=standard-check]');
    expect(['met', 'below']).toContain(await standard.getAttribute('data-status'));
    expect(await standard.textContent()).toContain('国家职业技能标准线上学时要求');
    expect(await page.locator('[data-testid=course-hours]').textContent()).toContain('按 45 分钟/学时计');
  });
});
