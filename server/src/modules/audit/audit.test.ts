import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, type TestPlatform } from '../../testing/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => {
  await p?.drop();
});

describe('audit log', () => {
  it('records logins, failed logins, logouts and role grants with who, where and from which IP', async () => {
    const s = await login(p, DEMO.learnerA);
    await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: DEMO.learnerA, password: 'wrong-pass1' },
      remoteAddress: '198.51.100.9',
    });
    await call(p, s, 'POST', '/api/auth/logout', {});
    const rows = await p.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_id', '=', s.userId)
      .orderBy('seq')
      .execute();
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed', 'auth.logout']));
    const failed = rows.find((r) => r.action === 'auth.login_failed')!;
    expect(failed.ip).toBe('198.51.100.9');
    expect(failed.region_code).toBe('330106');
    expect(
      await p.database.db.selectFrom('audit_log').select('id').where('action', '=', 'user.role_granted').execute(),
    ).toHaveLength(30);
  });

  it('is queryable by operators (everything) and regulators (their subtree), with filters', async () => {
    const operator = await login(p, DEMO.operator);
    const all = await call(p, operator, 'GET', '/api/audit?action=auth.login&pageSize=100');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(0);
    expect(all.body.items.every((e: { action: string }) => e.action === 'auth.login')).toBe(true);
    expect(all.body.items[0]).toHaveProperty('actorName');
    const ningbo = await login(p, DEMO.ningboRegulator);
    const scoped = await call(p, ningbo, 'GET', '/api/audit?pageSize=200');
    expect(scoped.body.items.every((e: { regionCode: string }) => e.regionCode?.startsWith('3302'))).toBe(true);
  });

  it('is a hash chain: any edit or deletion is detected', async () => {
    await login(p, DEMO.teacherA);
    expect(await p.services.audit.verifyChain()).toMatchObject({ ok: true });
    const victim = await p.database.db
      .selectFrom('audit_log')
      .select(['seq'])
      .where('action', '=', 'auth.login_failed')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirstOrThrow();
    await p.database.db.updateTable('audit_log').set({ ip: '127.0.0.1' }).where('seq', '=', victim.seq).execute();
    expect(await p.services.audit.verifyChain()).toEqual({ ok: false, brokenAtSeq: victim.seq });
  });

  it('exposes no endpoint that changes or deletes entries', async () => {
    const operator = await login(p, DEMO.operator);
    for (const method of ['DELETE', 'PATCH', 'PUT'] as const) {
      expect((await call(p, operator, method, '/api/audit', {})).status).toBe(404);
    }
  });
});
