import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHotState } from '../../adapters/hotstate.js';
import { MemorySmsProvider } from '../../adapters/sms.js';
import { createPlatform, type Platform } from '../../bootstrap.js';
import { DEMO_PASSWORD } from '../../database/seed/demo.js';
import { ManualClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { createScratchDatabase, createTestPlatform, nextIp, testDialect } from '../../testing/platform.js';
import { ThrowawayRedis, sparePort } from '../../testing/redis-server.js';

// The login lockout and the per-address throttle under a burst sent all at once: the limits must hold whatever the
// concurrency, on the configured database (SQLite or PostgreSQL) with in-process hot state and with Redis.

function races(name: string, open: () => Promise<{ p: Platform; drop: () => Promise<void> }>) {
  describe(`login limits under concurrency (${testDialect}, ${name})`, () => {
    let p: Platform;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ p, drop } = await open());
    }, 60_000);
    afterAll(async () => {
      await drop?.();
    });

    const attempt = (login: string, password: string, remoteAddress: string) =>
      p.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password }, remoteAddress });

    it('locks the account at its limit when 12 wrong passwords arrive at once', async () => {
      const phone = '13800000009';
      const max = p.services.infra.auth.maxFailedLogins;
      const answers = await Promise.all(Array.from({ length: 12 }, () => attempt(phone, 'Wrong-pass-1', nextIp())));
      const codes = answers.map((a) => a.json().error.code as string);
      // At most max - 1 plain "wrong password" answers; every other attempt is told the account is locked.
      expect(codes.filter((c) => c === 'AUTH_INVALID_CREDENTIALS').length).toBeLessThanOrEqual(max - 1);
      expect(codes.filter((c) => c === 'AUTH_ACCOUNT_LOCKED').length).toBeGreaterThanOrEqual(12 - (max - 1));
      expect(new Set(codes)).toEqual(new Set(['AUTH_INVALID_CREDENTIALS', 'AUTH_ACCOUNT_LOCKED']));
      const row = await p.database.db
        .selectFrom('users')
        .innerJoin('audit_log', 'audit_log.target_id', 'users.id')
        .select(['users.locked_until', 'audit_log.action', 'audit_log.details'])
        .where('users.phone_hash', '=', p.services.infra.cipher.lookupHash('phone', phone))
        .where('audit_log.action', 'in', ['auth.login_failed', 'auth.account_locked'])
        .execute();
      expect(row[0].locked_until).not.toBeNull();
      // No more password checks than the limit allows, and the lock is recorded once.
      expect(
        row.filter((r) => r.action === 'auth.login_failed' && String(r.details).includes('wrong_password')).length,
      ).toBeLessThanOrEqual(max);
      expect(row.filter((r) => r.action === 'auth.account_locked').length).toBe(1);
      // The right password is refused too while the lock lasts.
      expect((await attempt(phone, DEMO_PASSWORD, nextIp())).json().error.code).toBe('AUTH_ACCOUNT_LOCKED');
    });

    it('stops at the per-address limit when more failures than it allows arrive at once from one address', async () => {
      const settings = p.services.infra.auth;
      const limit = settings.failedLoginsPerIpPerWindow;
      // Below the login route's generic limit (30 a minute per address, whose in-process store refuses a whole burst
      // larger than that), so this throttle is what answers: 25 at once against a limit of 20.
      settings.failedLoginsPerIpPerWindow = 20;
      const ip = nextIp();
      try {
        // Unknown accounts, so the account lockout plays no part.
        const answers = await Promise.all(
          Array.from({ length: 25 }, (_, i) => attempt(`1370098${String(i).padStart(4, '0')}`, 'Wrong-pass-1', ip)),
        );
        const statuses = answers.map((a) => a.statusCode);
        expect(statuses.filter((s) => s === 401).length).toBe(20);
        expect(statuses.filter((s) => s === 429).length).toBe(5);
      } finally {
        settings.failedLoginsPerIpPerWindow = limit;
      }
    });
  });
}

races('in-process hot state', async () => {
  const p = await createTestPlatform();
  return { p, drop: p.drop };
});

races('Redis hot state', async () => {
  const redis = new ThrowawayRedis(await sparePort());
  await redis.start();
  const scratch = await createScratchDatabase();
  const varDir = mkdtempSync(path.join(tmpdir(), 'yx-login-races-'));
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
  const p = await createPlatform(config, {
    clock: new ManualClock(new Date()),
    sms: new MemorySmsProvider(),
    hot: openHotState(redis.url),
  });
  return {
    p,
    drop: async () => {
      await p.close();
      await scratch.drop();
      rmSync(varDir, { recursive: true, force: true });
      await redis.stop();
    },
  };
});
