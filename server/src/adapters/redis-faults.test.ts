import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySmsProvider } from './sms.js';
import { createPlatform, type Platform } from '../bootstrap.js';
import { DEMO_PASSWORD } from '../database/seed/demo.js';
import { ManualClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import { ThrowawayRedis, sparePort } from '../testing/redis-server.js';
import { call, createScratchDatabase, DEMO, login, nextIp } from '../testing/platform.js';
import { openHotState, type HotState } from './hotstate.js';

// Redis restarted under a running API (hot state: throttles, lockout guards, rate limits, live lessons). The process
// must survive, refuse what depends on the shared state (fail closed, 503 HOT_STATE_UNAVAILABLE) and carry on by
// itself once Redis is back. The test runs its own redis-server on a spare port, so it can stop and start it.

describe('Redis restarted under a running API', () => {
  let redis: ThrowawayRedis;
  let p: Platform;
  let hot: HotState;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    redis = new ThrowawayRedis(await sparePort());
    await redis.start();
    const scratch = await createScratchDatabase();
    const varDir = mkdtempSync(path.join(tmpdir(), 'yx-redis-faults-'));
    const config = loadConfig({
      YX_VAR_DIR: varDir,
      YX_RUN_JOBS: 'false',
      YX_DEMO_CONTENT: 'false',
      NODE_ENV: 'test',
      DATABASE_URL: scratch.url,
      YX_SEED_DEMO: 'true',
      YX_PII_KEY: randomBytes(32).toString('base64'),
      YX_HASH_KEY: randomBytes(32).toString('base64'),
      YX_PUBLIC_URL: 'http://yunxue.test',
    });
    hot = openHotState(redis.url);
    p = await createPlatform(config, { clock: new ManualClock(new Date()), sms: new MemorySmsProvider(), hot });
    drop = async () => {
      await p.close();
      await scratch.drop();
      rmSync(varDir, { recursive: true, force: true });
    };
  }, 60_000);
  afterAll(async () => {
    await drop?.();
    await redis?.stop();
  });

  const health = async () => (await p.app.inject({ method: 'GET', url: '/api/health' })).json();
  const wrongPassword = () =>
    p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: DEMO.learnerA, password: 'wrong-password-1' },
      remoteAddress: nextIp(),
    });

  it('fails closed while Redis is away and recovers without a restart', async () => {
    const operator = await login(p, DEMO.operator);
    expect((await call(p, operator, 'GET', '/api/users?page=1&pageSize=5')).status).toBe(200);
    expect(await health()).toMatchObject({ status: 'ok', hotState: { kind: 'redis', state: 'up' } });

    await redis.stop();

    // The shared counters cannot be read: nothing is let through on a guess.
    const during = await wrongPassword();
    expect(during.statusCode).toBe(503);
    expect(during.json().error.code).toBe('HOT_STATE_UNAVAILABLE');
    const signIn = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: DEMO.operator, password: DEMO_PASSWORD },
      remoteAddress: nextIp(),
    });
    expect(signIn.statusCode).toBe(503);
    const read = await call(p, operator, 'GET', '/api/users?page=1&pageSize=5');
    expect(read.status).toBe(503);
    expect(read.body.error.code).toBe('HOT_STATE_UNAVAILABLE');
    // The adapter itself refuses rather than answering "nothing counted yet".
    await expect(hot.increment('login-fail-ip:192.0.2.1', 60)).rejects.toBeInstanceOf(AppError);
    await expect(hot.get('live:someone')).rejects.toMatchObject({ code: 'HOT_STATE_UNAVAILABLE' });
    // The process is alive and says what is missing.
    expect(await health()).toMatchObject({ status: 'degraded', database: 'up', hotState: { state: 'down' } });

    await redis.start();
    // ioredis reconnects on its own (at most a second between attempts); wait for it, boundedly.
    let state = 'down';
    for (let i = 0; i < 100 && state !== 'up'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = (await health()).hotState.state;
    }
    expect(state).toBe('up');
    expect((await call(p, operator, 'GET', '/api/users?page=1&pageSize=5')).status).toBe(200);
    expect((await wrongPassword()).statusCode).toBe(401);
    expect((await login(p, DEMO.adminA)).userId).toBeTruthy();
  });
});
