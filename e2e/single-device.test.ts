// One account, one device: a second sign-in ends the first device's session, and the first device says so.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newContext } from './helpers/browser';
import { makeIdNumber, makeName, makePhone } from './helpers/identity';
import { startServer, type RunningServer } from './helpers/server';
import { fillRegistration, signIn } from './helpers/ui';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The time as the page prints it (zh-CN, 24 h, the browser's time zone Asia/Shanghai). */
function shownTime(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  }).format(new Date(iso));
}

describe('single device per learner', () => {
  test('signing in on device B signs device A out, A shows when and from where, B stays signed in', async () => {
    const person = { name: makeName(), idNumber: makeIdNumber(), phone: makePhone(), password: 'Study2026go' };
    const deviceA = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN' });
    const deviceB = await newContext(browser, { baseUrl: server.baseUrl, language: 'zh-CN', width: 375 });
    const pageA = await deviceA.newPage();
    const pageB = await deviceB.newPage();

    // Real-name registration through the form, then back on the login page with a notice.
    await fillRegistration(pageA, person);
    await pageA.waitForURL((url) => url.pathname === '/login');
    await expect.poll(() => pageA.locator('[data-testid=login-notice]').textContent()).toContain('注册成功');

    // Device A signs in with the phone number. A new learner has no enrolled face yet, so the platform leads to the
    // face enrolment page first; "later" goes on to the learner's own home.
    await signIn(pageA, person.phone, person.password);
    await pageA.waitForURL((url) => url.pathname === '/face-enrolment');
    await pageA.locator('[data-testid=face-later]').click();
    expect(await pageA.locator('[data-testid=home-greeting]').textContent()).toContain(person.name);
    expect(await pageA.locator('[data-testid=shell-user-name]').textContent()).toBe(person.name);
    const meA = await deviceA.request.get('/api/auth/me');
    expect(meA.status()).toBe(200);

    // Device B signs in with the ID number (the other accepted login).
    await signIn(pageB, person.idNumber, person.password);
    await pageB.waitForURL((url) => url.pathname === '/face-enrolment');
    await pageB.locator('[data-testid=face-later]').click();
    expect(await pageB.locator('[data-testid=home-greeting]').textContent()).toContain(person.name);
    const meB = await deviceB.request.get('/api/auth/me');
    expect(meB.status()).toBe(200);
    const sessionB = (await meB.json()).session as { createdAt: string; ip: string };

    // Device A's next in-app navigation lands on the signed-out screen with B's sign-in time and IP.
    await pageA.locator('.ant-menu-item').filter({ hasText: '个人信息' }).click();
    await pageA.waitForURL((url) => url.pathname === '/signed-out-elsewhere');
    const message = await pageA.locator('[data-testid=signed-out-message]').textContent();
    expect(message).toBe(
      `您的账号已于 ${shownTime(sessionB.createdAt)} 在另一台设备（IP ${sessionB.ip}）登录，本设备已退出。如非本人操作，请立即修改密码。`,
    );
    expect(sessionB.ip).toMatch(/^[\d.:a-f]+$/);

    // A's cookie is really dead on the server, with the reason.
    const afterA = await deviceA.request.get('/api/auth/me');
    expect(afterA.status()).toBe(401);
    expect((await afterA.json()).error.code).toBe('AUTH_SIGNED_IN_ELSEWHERE');

    // A reload keeps showing the screen (the details survive in the URL).
    await pageA.reload();
    expect(await pageA.locator('[data-testid=signed-out-message]').textContent()).toBe(message);

    // Device B is still signed in, in the browser and on the server.
    await pageB.reload();
    await pageB.locator('[data-testid=home-greeting]').waitFor();
    expect(pageB.url()).toBe(`${server.baseUrl}/`);
    expect((await deviceB.request.get('/api/auth/me')).status()).toBe(200);

    // "Sign in again" on A leads to the login page.
    await pageA.getByRole('button', { name: '重新登录' }).click();
    await pageA.waitForURL((url) => url.pathname === '/login');

    await deviceA.close();
    await deviceB.close();
  });
});
