import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { MemoryHotState } from '../adapters/hotstate.js';
import { MemorySmsProvider } from '../adapters/sms.js';
import { createPlatform, type Platform } from '../bootstrap.js';
import { DEMO_PASSWORD } from '../database/seed/demo.js';
import { ManualClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';

/**
 * A fresh platform per test file on the dialect chosen by TEST_DB: `sqlite` (default, in memory) or `postgres`
 * (a new database on the server named by TEST_DATABASE_URL, dropped afterwards).
 */
export const testDialect = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (testDialect === 'sqlite') return { url: 'sqlite://:memory:', drop: async () => {} };
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `yx_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export type TestPlatform = Platform & {
  clock: ManualClock;
  sms: MemorySmsProvider;
  hot: MemoryHotState;
  drop: () => Promise<void>;
};

export async function createTestPlatform(
  options: { seedDemo?: boolean; demoContent?: boolean; env?: Record<string, string> } = {},
): Promise<TestPlatform> {
  const scratch = await createScratchDatabase();
  // Blobs go to a throwaway folder; jobs run only when a test drains them, so every step is deterministic.
  const varDir = mkdtempSync(path.join(tmpdir(), 'yx-test-'));
  const config = loadConfig({
    YX_VAR_DIR: varDir,
    YX_RUN_JOBS: 'false',
    YX_DEMO_CONTENT: options.demoContent ? 'true' : 'false',
    NODE_ENV: 'test',
    DATABASE_URL: scratch.url,
    YX_SEED_DEMO: options.seedDemo === false ? 'false' : 'true',
    YX_PII_KEY: randomBytes(32).toString('base64'),
    YX_HASH_KEY: randomBytes(32).toString('base64'),
    YX_PUBLIC_URL: 'http://yunxue.test',
    ...options.env,
  });
  const clock = new ManualClock(new Date());
  const sms = new MemorySmsProvider();
  const hot = new MemoryHotState(() => clock.now().getTime());
  const platform = await createPlatform(config, { clock, sms, hot });
  return {
    ...platform,
    clock,
    sms,
    hot,
    drop: async () => {
      await platform.close();
      await scratch.drop();
      rmSync(varDir, { recursive: true, force: true });
    },
  };
}

export type Session = { cookie: string; csrf: string; userId: string };

let ipCounter = 1;
/** A distinct client address per call, so per-IP throttles in one test do not leak into another. */
export const nextIp = () => `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

export async function login(
  p: Platform,
  phone: string,
  password = DEMO_PASSWORD,
  headers: Record<string, string> = {},
): Promise<Session> {
  const res = await p.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: phone, password },
    remoteAddress: nextIp(),
    headers,
  });
  if (res.statusCode !== 200) throw new Error(`login ${phone} failed: ${res.statusCode} ${res.body}`);
  const cookies = res.cookies as { name: string; value: string }[];
  const sid = cookies.find((c) => c.name === 'yx_sid')!.value;
  const csrf = cookies.find((c) => c.name === 'yx_csrf')!.value;
  return { cookie: `yx_sid=${sid}; yx_csrf=${csrf}`, csrf, userId: res.json().user.id };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Calls the API as a signed-in session, sending the CSRF header on writes like the web app does. */
export async function call(p: Platform, session: Session | null, method: Method, url: string, payload?: unknown) {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
  }
  const res = await p.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: res.statusCode, body: res.body ? res.json<any>() : null };
}

export const DEMO = {
  operator: '13900000001',
  provinceRegulator: '13900000011',
  hangzhouRegulator: '13900000012',
  ningboRegulator: '13900000013',
  xihuRegulator: '13900000014',
  haishuRegulator: '13900000015',
  adminA: '13900000021',
  adminB: '13900000022',
  teacherA: '13900000031',
  teacherB: '13900000032',
  learnerA: '13800000001',
  learnerB: '13800000011',
} as const;
