// The pages before sign-in, in a real browser against the real server.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newContext } from './helpers/browser';
import { breakChecksum, checkCharacter, makeIdNumber, makeName, makePhone } from './helpers/identity';
import { startServer, type RunningServer } from './helpers/server';
import { fieldError, fillRegistration } from './helpers/ui';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterEach(async () => {
  await context?.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(language?: 'zh-CN' | 'en'): Promise<Page> {
  context = await newContext(browser, { baseUrl: server.baseUrl, language });
  return context.newPage();
}

const password = 'Study2026go';

describe('registration', () => {
  test('an ID number with a wrong check character is refused on the ID field', async () => {
    const page = await openPage('zh-CN');
    await fillRegistration(page, {
      name: makeName(),
      idNumber: breakChecksum(makeIdNumber()),
      phone: makePhone(),
      password,
    });
    await expect.poll(() => fieldError(page, 'register_idNumber').textContent()).toContain('校验位');
    expect(new URL(page.url()).pathname).toBe('/register');
  });

  test("an ID number only the server can refuse (birth date in the future) shows the server's reason on the ID field", async () => {
    const page = await openPage('zh-CN');
    const first17 = `330106${new Date().getFullYear() + 1}0101001`;
    const idNumber = first17 + checkCharacter(first17);
    const registered: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/api/auth/register')) registered.push(String(response.status()));
    });
    await fillRegistration(page, { name: makeName(), idNumber, phone: makePhone(), password });
    await expect.poll(() => fieldError(page, 'register_idNumber').textContent()).toContain('身份证号码无效');
    expect(registered).toEqual(['400']);
    expect(new URL(page.url()).pathname).toBe('/register');
  });

  test('registering the same ID number or phone twice says it is already registered', async () => {
    const first = { name: makeName(), idNumber: makeIdNumber(), phone: makePhone(), password };
    const created = await fetch(`${server.baseUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(first),
    });
    expect(created.status).toBe(201);

    const page = await openPage('zh-CN');
    await fillRegistration(page, { ...first, phone: makePhone() });
    await expect.poll(() => fieldError(page, 'register_idNumber').textContent()).toContain('该身份证号已注册账号');
    expect(new URL(page.url()).pathname).toBe('/register');

    await fillRegistration(page, { ...first, idNumber: makeIdNumber() });
    await expect.poll(() => fieldError(page, 'register_phone').textContent()).toContain('该手机号已被其他账号使用');
  });
});

describe('language', () => {
  test('switching to English changes the login page, is remembered, and server messages follow', async () => {
    const page = await openPage();
    await page.goto('/login');
    const heading = page.locator('.yx-auth-title');
    const submit = page.locator('form#login button[type=submit]');
    expect(await heading.textContent()).toBe('登录');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await page.locator('.yx-language-switch').getByText('English', { exact: true }).click();
    await expect.poll(() => heading.textContent()).toBe('Sign in');
    expect((await submit.textContent())?.trim()).toBe('Sign in');
    expect(await page.locator('label[for=login_password]').textContent()).toBe('Password');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.reload();
    await expect.poll(() => heading.textContent()).toBe('Sign in');

    // The API client sends x-locale, so the server answers in English too.
    await page.locator('#login_login').fill('13800000001');
    await page.locator('#login_password').fill('not-the-password1');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
      submit.click(),
    ]);
    expect(response.request().headers()['x-locale']).toBe('en');
    expect((await response.json()).error.message).toBe('Wrong account or password');
    await expect
      .poll(() => page.locator('[data-testid=error-alert]').textContent())
      .toContain('Wrong account or password');

    await page.locator('.yx-language-switch').getByText('中文', { exact: true }).click();
    await expect.poll(() => heading.textContent()).toBe('登录');
  });
});
