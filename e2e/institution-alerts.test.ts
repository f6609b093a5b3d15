// Institution and teacher alerts and declared training rooms in a real browser. The platform runs in this process (as
// the server tests build it) so the hourly institution/teacher scan can be run at once: ten flagged learners make the
// institution the subject, one phone checking in three learners makes the class's teacher the subject. The district
// regulator finds them in the queue by name and kind; the institution's administrator declares a training room, a
// badly written range being refused on the field. Screenshots go to SHOTS_DIR (default /tmp/shots-detect).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApprovedClass, prepareClassWorld, topUpSession } from '../server/src/modules/classes/classes.testkit';
import { beijingDate } from '../server/src/platform/time';
import type { Finding } from '../server/src/modules/alerts/detectors/types';
import { systemMeta } from '../server/src/platform/context';
import { newId } from '../server/src/platform/ids';
import { createTestPlatform, login, type TestPlatform } from '../server/src/testing/platform';
import { launchBrowser, newContext } from './helpers/browser';
import { ensureWebBuilt } from './helpers/server';
import { signIn } from './helpers/ui';

const ADMIN = '13900000021';
const XIHU = '13900000014';
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-detect';
const VENUE = { latitude: 30.2741, longitude: 120.1551 };

let p: TestPlatform;
let browser: Browser;
let baseUrl: string;
let institutionName: string;

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ensureWebBuilt();
  p = await createTestPlatform();
  const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
  const learnerIds: string[] = [];
  for (let i = 1; i <= 10; i++) learnerIds.push((await login(p, `138000000${String(i).padStart(2, '0')}`)).userId);
  const world = await prepareClassWorld(p);
  const klass = await openApprovedClass(p, world, {
    name: '电工（五级）2026 年第 3 期',
    startDate: day(1),
    endDate: day(30),
    sessions: topUpSession(world, [], `${day(2)}T01:00:00.000Z`, VENUE),
    learnerIds,
  });
  const admin = await login(p, ADMIN);
  const inst = await p.database.db
    .selectFrom('users')
    .innerJoin('institutions', 'institutions.id', 'users.institution_id')
    .select(['institutions.id', 'institutions.name'])
    .where('users.id', '=', admin.userId)
    .executeTakeFirstOrThrow();
  institutionName = inst.name;
  // Learner alerts as the learner detectors raise them (through the same store), then a phone checking in three.
  const now = p.clock.now().getTime();
  const findings: Finding[] = learnerIds.map((userId, i) => ({
    kind: i % 3 ? 'group_ip' : 'concurrent_lessons',
    subject: { type: 'learner', id: userId },
    userId,
    classId: klass.id,
    severity: i % 4 ? 'medium' : 'high',
    windowKey: `e2e|${i}`,
    windowStart: now - 3_600_000,
    windowEnd: now - 60_000,
    facts: {
      ip: `36.112.0.${i + 1}`,
      accounts: 8,
      institutions: 2,
      threshold: 6,
      windowMinutes: 60,
      replacements: 3,
      devices: 2,
      lessons: 2,
    },
    evidence: [],
    sessionIds: [],
  }));
  await (
    p.services.detection as unknown as { deps: { store: { upsertAll(f: Finding[]): Promise<unknown> } } }
  ).deps.store.upsertAll(findings);
  const offline = klass.sessions[klass.sessions.length - 1];
  for (const [i, userId] of learnerIds.slice(0, 3).entries()) {
    const id = newId();
    await p.database.db
      .insertInto('attendance')
      .values({
        id,
        class_id: klass.id,
        session_id: offline.id,
        user_id: userId,
        check_in_at: new Date(Date.parse(offline.startsAt) + i * 20_000).toISOString(),
        check_in_latitude: VENUE.latitude + 0.0001,
        check_in_longitude: VENUE.longitude,
        check_in_photo_key: `attendance/${id}/check-in.jpg.enc`,
        check_out_at: null,
        check_out_latitude: null,
        check_out_longitude: null,
        check_out_photo_key: null,
        minutes: null,
      })
      .execute();
    await p.services.audit.record(p.database.db, {
      actor: { userId, role: 'learner', institutionId: inst.id, regionCode: null } as never,
      action: 'attendance.checked_in',
      targetType: 'attendance',
      targetId: id,
      institutionId: inst.id,
      regionCode: '330106',
      meta: { ...systemMeta, ip: '36.112.9.9', userAgent: 'Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36' },
      details: {},
    });
  }
  p.clock.set(new Date(Date.parse(offline.endsAt) + 60_000));
  const wide = await p.services.detection.scanWide(now - 86_400_000, p.clock.now().getTime());
  expect(wide.alerts.filter((a) => a.created)).toHaveLength(2);
  baseUrl = await p.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await p?.drop();
});

describe('institution alerts and training rooms in the browser', () => {
  test('the regulator finds the institution and teacher alerts by name and kind, in Chinese and English', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const context = await newContext(browser, { baseUrl, language, width: 1280 });
      const page = await context.newPage();
      await signIn(page, XIHU);
      await page.goto('/alerts');
      // Every row names the institution in its own column; the institution alert names it as the subject.
      const row = page.locator('tr', {
        hasText: language === 'en' ? 'Many learners of an institution' : '机构大量学员异常',
      });
      await row.first().waitFor();
      await expect
        .poll(() => row.first().innerText())
        .toContain(`${institutionName} ${language === 'en' ? 'Institution' : '机构'}`);
      await expect
        .poll(() => page.locator('body').innerText())
        .toContain(language === 'en' ? 'Offline check-in anomalies' : '线下签到异常');
      await shot(page, `alerts-institution-${language === 'en' ? 'en' : 'zh'}-1280`);
      await row.first().locator('[data-testid=alert-link]').click();
      await page.locator('[data-testid=evidence]').waitFor();
      const text = await page.locator('body').innerText();
      expect(text).toContain(
        language === 'en'
          ? "10 of the institution's 10 active learners (100%)"
          : '机构 10 名在训学员中有 10 名（100%）',
      );
      await shot(page, `alert-institution-detail-${language === 'en' ? 'en' : 'zh'}-1280`);
      await context.close();
    }
  });

  test('the institution declares a training room; a badly written range is refused on the field', async () => {
    for (const [language, width] of [
      ['zh-CN', 1280],
      ['en', 1280],
      ['zh-CN', 375],
    ] as const) {
      const context = await newContext(browser, { baseUrl, language, width });
      const page = await context.newPage();
      await signIn(page, ADMIN);
      await page.goto('/my-institution');
      const card = page.locator('[data-testid=training-rooms]');
      await card.waitFor();
      if (language === 'zh-CN' && width === 1280) {
        await card.locator('[data-testid=room-add]').click();
        await page.locator('[data-testid=room-name]').fill('一号实训室（3 楼）');
        await page.locator('[data-testid=room-cidr]').fill('203.0.113.7/24');
        await page.locator('[data-testid=room-seats]').fill('40');
        await page.locator('[data-testid=room-save]').click();
        await expect.poll(() => page.locator('.ant-modal').innerText()).toContain('地址不是该前缀的网络地址');
        await shot(page, 'training-room-error-zh-1280');
        await page.locator('[data-testid=room-cidr]').fill('203.0.113.0/28');
        await page.locator('[data-testid=room-save]').click();
        await card.locator('text=203.0.113.0/28').waitFor();
        // The dialog closes (and its form is destroyed) before the next one opens.
        await page.locator('[data-testid=room-name]').waitFor({ state: 'detached' });
        await card.locator('[data-testid=room-add]').click();
        await page.locator('[data-testid=room-name]').waitFor();
        await page.locator('[data-testid=room-name]').fill('二号机房');
        await page.locator('[data-testid=room-cidr]').fill('2001:db8:20::/48');
        await page.locator('[data-testid=room-seats]').fill('60');
        await page.locator('[data-testid=room-save]').click();
        await card.locator('text=2001:db8:20::/48').waitFor();
      }
      await card.locator('text=203.0.113.0/28').waitFor();
      await card.locator('text=2001:db8:20::/48').waitFor();
      await shot(page, `training-rooms-${language === 'en' ? 'en' : 'zh'}-${width}`);
      await context.close();
    }
  });
});
