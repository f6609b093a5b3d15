// Course authoring and policy management in a real browser against the real server, whose job runner transcodes
// the uploaded video for real (ffmpeg).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { makeTestPatternVideo } from '../server/src/modules/media/index';
import { launchBrowser, newContext } from './helpers/browser';
import { startServer, type RunningServer } from './helpers/server';
import { signIn } from './helpers/ui';

const VIDEO_SECONDS = 8;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let workDir: string;
let video: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'yx-e2e-authoring-'));
  video = path.join(workDir, '触电急救.mp4');
  // The default test server has no demo courses, whose videos would queue ahead of ours in the job runner.
  [server, browser] = await Promise.all([
    startServer(),
    launchBrowser(),
    makeTestPatternVideo({ out: video, seconds: VIDEO_SECONDS, width: 640, height: 360 }),
  ]);
});

afterEach(async () => {
  await context?.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function openPage(): Promise<Page> {
  context = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN' });
  return context.newPage();
}

/** The OK button of the dialog that is open. */
function dialogOk(page: Page) {
  return page.locator('.ant-modal-wrap:visible .ant-modal-footer .ant-btn-primary');
}

describe('course authoring', () => {
  test('an institution admin creates a course, uploads a video with progress, adds the lesson and publishes', async () => {
    const page = await openPage();
    await signIn(page, '13900000021');
    await page.goto('/courses');
    const title = `电工安全用电 E2E ${Date.now() % 100000}`;

    await page.locator('[data-testid=new-course]').click();
    await page.locator('#course_title').fill(title);
    await page.locator('#course_summary').fill('端到端测试创建的课程');
    await dialogOk(page).click();
    await page.waitForURL(/\/courses\/[\w-]+$/);
    await expect.poll(() => page.locator('[data-testid=editor-title]').textContent()).toBe(title);
    expect(await page.locator('[data-testid=course-status]').getAttribute('data-status')).toBe('draft');

    // An empty course cannot be published, and the page says why.
    await page.locator('[data-testid=publish-course]').click();
    await expect.poll(() => page.locator('[data-testid=publish-error]').getAttribute('data-code')).toBe('COURSE_EMPTY');

    await page.locator('[data-testid=add-chapter]').click();
    await page.locator('#chapter_title').fill('第一章 安全用电');
    await dialogOk(page).click();
    await expect.poll(() => page.locator('[data-testid=chapter-title]').textContent()).toBe('第一章 安全用电');

    await page.locator('[data-testid=add-video-lesson]').click();
    // Slow the upload down so its progress is visible between 0 and 100%.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1024 * 1024,
    });
    await page.locator('[data-testid=media-file-input]').setInputFiles(video);
    const upload = page.locator('[data-testid=upload-progress]');
    await upload.waitFor();
    await page.waitForFunction(() => {
      const percent = Number(document.querySelector('[data-testid=upload-progress]')?.getAttribute('data-percent'));
      return percent > 0 && percent < 100;
    });
    expect(await upload.textContent()).toMatch(/上传中 \d+%/);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    // Then the server's transcoding progress, polled until the video is ready with its probed duration.
    const transcoding = page.locator('[data-testid=transcode-progress]');
    await transcoding.waitFor({ timeout: 60_000 });
    expect(await transcoding.textContent()).toMatch(/转码中 \d+%|等待转码/);
    const duration = page.locator('[data-testid=media-duration]');
    await duration.waitFor({ timeout: 90_000 });
    expect(Number(await duration.getAttribute('data-seconds'))).toBeCloseTo(VIDEO_SECONDS, 0);
    expect(await duration.textContent()).toContain(`0:0${VIDEO_SECONDS}`);
    expect(await page.locator('#lesson_title').inputValue()).toBe('触电急救');

    await page.locator('#lesson-submit').click();
    const lesson = page.locator('[data-testid=lesson]');
    await expect.poll(() => lesson.getAttribute('data-status')).toBe('ready');
    expect(await lesson.textContent()).toContain('触电急救');
    expect(await lesson.textContent()).toContain(`0:0${VIDEO_SECONDS}`);

    await page.locator('[data-testid=publish-course]').click();
    await expect.poll(() => page.locator('[data-testid=course-status]').getAttribute('data-status')).toBe('published');
    expect(await page.locator('[data-testid=publish-error]').count()).toBe(0);

    // The list shows it published.
    await page.goto('/courses');
    const row = page.locator('.ant-table-row', { hasText: title });
    await expect.poll(() => row.locator('[data-testid=course-status]').getAttribute('data-status')).toBe('published');
  });
});

describe('policy management', () => {
  test('an operator publishes a new national policy version and sees it at the top of the history', async () => {
    const page = await openPage();
    await signIn(page, '13900000001');
    await page.goto('/policies');
    const history = page.locator('[data-testid=policy-history] [data-testid=policy-version]');
    await history.first().waitFor();
    const before = Number(await history.first().getAttribute('data-version'));

    await page.locator('[data-testid=policy-publish]').click();
    const heartbeat = page.locator('#policy_heartbeatSeconds');
    await expect.poll(() => heartbeat.inputValue()).toBe('20');
    await heartbeat.fill('25');
    const note = `端到端测试：心跳间隔调整为 25 秒 ${Date.now() % 100000}`;
    await page.locator('#policy_note').fill(note);
    await page.locator('#policy-submit').click();

    await expect.poll(() => history.first().getAttribute('data-version')).toBe(String(before + 1));
    expect(await history.first().locator('[data-testid=policy-note]').textContent()).toBe(note);
    expect(await history.first().textContent()).toContain('25 秒');
    expect(await history.first().textContent()).toContain('许平安');
    expect(await history.count()).toBe(before + 1);
  });
});
