// Debian's chromium driven by playwright-core.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export type ContextOptions = { baseUrl: string; language?: 'zh-CN' | 'en'; width?: number; height?: number };

/** A fresh browser profile (own cookies = own "device") with the UI language preset in localStorage. */
export async function newContext(browser: Browser, options: ContextOptions): Promise<BrowserContext> {
  const width = options.width ?? 1280;
  const mobile = width < 768;
  const context = await browser.newContext({
    baseURL: options.baseUrl,
    viewport: { width, height: options.height ?? (mobile ? 812 : 800) },
    deviceScaleFactor: mobile ? 2 : 1,
    isMobile: mobile,
    hasTouch: mobile,
    locale: options.language ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  if (options.language) {
    const language = options.language;
    await context.addInitScript((value) => {
      if (!window.localStorage.getItem('yx_locale')) window.localStorage.setItem('yx_locale', value);
    }, language);
  }
  return context;
}
