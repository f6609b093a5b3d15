import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { makeResidentId } from './resident-id.js';

let p: TestPlatform;
let operator: Session;
beforeAll(async () => {
  p = await createTestPlatform();
  operator = await login(p, DEMO.operator);
});
afterAll(async () => {
  await p?.drop();
});

async function userIdOf(phone: string) {
  return (
    await p.database.db
      .selectFrom('users')
      .select('id')
      .where('phone_hash', '=', p.services.infra.cipher.lookupHash('phone', phone))
      .executeTakeFirstOrThrow()
  ).id;
}

describe('personal data at rest and in output', () => {
  it('stores ID numbers and phones encrypted, never in plain text', async () => {
    const idNumber = makeResidentId({ regionCode: '330106', birthDate: '1990-01-02', sequence: 321 });
    await call(p, null, 'POST', '/api/auth/register', {
      name: '加密测试',
      idNumber,
      phone: '13712340000',
      password: 'Secret2026',
    });
    const row = await p.database.db
      .selectFrom('users')
      .selectAll()
      .where('name', '=', '加密测试')
      .executeTakeFirstOrThrow();
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(idNumber);
    expect(raw).not.toContain('13712340000');
    expect(row.id_number_enc.startsWith('v1.')).toBe(true);
    expect(p.services.infra.cipher.decrypt(row.id_number_enc)).toBe(idNumber);
  });

  it('masks ID numbers in lists', async () => {
    const admin = await login(p, DEMO.adminA);
    const res = await call(p, admin, 'GET', '/api/users');
    for (const u of res.body.items) expect(u.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(JSON.stringify(res.body)).not.toMatch(/\d{17}[\dX]/);
  });

  it('reveals the full ID number only with a reason, and audits it', async () => {
    const admin = await login(p, DEMO.adminA);
    const learnerId = await userIdOf(DEMO.learnerA);
    const res = await call(p, admin, 'POST', `/api/users/${learnerId}/reveal-id-number`, {
      reason: '办理补贴核对身份',
    });
    expect(res.status).toBe(200);
    expect(res.body.idNumber).toMatch(/^\d{17}[\dX]$/);
    const entry = await p.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'pii.id_number_revealed')
      .where('target_id', '=', learnerId)
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(admin.userId);
    expect(JSON.parse(entry.details)).toEqual({ reason: '办理补贴核对身份' });
    expect((await call(p, admin, 'POST', `/api/users/${learnerId}/reveal-id-number`, {})).body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'reason',
    });
  });
});

describe('staff invitations from the level above', () => {
  async function invite(by: Session, body: object) {
    return call(p, by, 'POST', '/api/invitations', body);
  }
  async function accept(token: string, birth: string, seq: number) {
    return call(p, null, 'POST', `/api/invitations/${token}/accept`, {
      idNumber: makeResidentId({ regionCode: '330102', birthDate: birth, sequence: seq }),
      password: 'Staff2026ok',
    });
  }

  it('operator → province regulator → city regulator → county regulator, each able to sign in', async () => {
    const prov = await invite(operator, {
      role: 'regulator',
      name: '江苏监管',
      phone: '13766661001',
      regionCode: '320000',
    });
    expect(prov.status).toBe(201);
    expect(prov.body.invitation.url).toMatch(/^http:\/\/yunxue\.test\/invite\//);
    const preview = await call(p, null, 'GET', `/api/invitations/${prov.body.invitation.token}`);
    expect(preview.body.invitation).toMatchObject({
      role: 'regulator',
      regionName: '江苏省',
      phoneMasked: '137****1001',
    });
    expect((await accept(prov.body.invitation.token, '1980-01-01', 11)).status).toBe(201);
    const provSession = await login(p, '13766661001', 'Staff2026ok');

    const city = await invite(provSession, {
      role: 'regulator',
      name: '南京监管',
      phone: '13766661002',
      regionCode: '320100',
    });
    expect(city.status).toBe(201);
    await accept(city.body.invitation.token, '1981-01-01', 12);
    const citySession = await login(p, '13766661002', 'Staff2026ok');
    const county = await invite(citySession, {
      role: 'regulator',
      name: '玄武监管',
      phone: '13766661003',
      regionCode: '320102',
    });
    expect(county.status).toBe(201);

    // Not from two levels above, not sideways, not upwards.
    expect(
      (await invite(provSession, { role: 'regulator', name: '跨级监管', phone: '13766661004', regionCode: '320102' }))
        .status,
    ).toBe(403);
    expect(
      (await invite(citySession, { role: 'regulator', name: '外省监管', phone: '13766661005', regionCode: '330100' }))
        .status,
    ).toBe(403);
    expect((await invite(citySession, { role: 'operator', name: '越权运营', phone: '13766661006' })).status).toBe(403);
    const granted = await p.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.role_granted')
      .where('region_code', '=', '320000')
      .executeTakeFirst();
    expect(granted).toBeDefined();
  });

  it('an invitation is used once, and a taken ID number is refused', async () => {
    const admin = await login(p, DEMO.adminA);
    const inv = await invite(admin, { role: 'teacher', name: '李老师', phone: '13766662001' });
    const first = await accept(inv.body.invitation.token, '1990-02-02', 21);
    expect(first.status).toBe(201);
    expect(first.body.user).toMatchObject({ role: 'teacher', institutionName: '杭州西湖职业技能培训学校' });
    expect((await accept(inv.body.invitation.token, '1990-02-03', 22)).body.error.code).toBe('INVITATION_NOT_FOUND');
    const inv2 = await invite(admin, { role: 'teacher', name: '王老师', phone: '13766662002' });
    const dup = await accept(inv2.body.invitation.token, '1990-02-02', 21);
    expect(dup.body.error.code).toBe('IDENTITY_ID_NUMBER_TAKEN');
  });

  it('refuses inviting a phone that already has an account', async () => {
    const admin = await login(p, DEMO.adminA);
    expect((await invite(admin, { role: 'teacher', name: '重复老师', phone: DEMO.learnerA })).body.error.code).toBe(
      'IDENTITY_PHONE_TAKEN',
    );
  });

  it('expires invitations after seven days', async () => {
    const admin = await login(p, DEMO.adminA);
    const inv = await invite(admin, { role: 'teacher', name: '过期老师', phone: '13766663001' });
    p.clock.advance(8 * 86_400_000);
    expect((await call(p, null, 'GET', `/api/invitations/${inv.body.invitation.token}`)).status).toBe(404);
  });
});

describe('disabling an account', () => {
  it('ends its sessions, is audited with the reason, and a regulator can re-enable', async () => {
    const learner = await login(p, '13800000003');
    const admin = await login(p, DEMO.adminA);
    const res = await call(p, admin, 'PATCH', `/api/users/${learner.userId}/status`, {
      status: 'disabled',
      reason: '冒名学习',
    });
    expect(res.body.user.status).toBe('disabled');
    expect((await call(p, learner, 'GET', '/api/auth/me')).status).toBe(401);
    const loginAgain = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: '13800000003', password: 'Yunxue@2026' },
    });
    expect(loginAgain.json().error.code).toBe('AUTH_ACCOUNT_DISABLED');
    const regulator = await login(p, DEMO.xihuRegulator);
    expect(
      (
        await call(p, regulator, 'PATCH', `/api/users/${learner.userId}/status`, {
          status: 'active',
          reason: '核实后恢复',
        })
      ).body.user.status,
    ).toBe('active');
    const actions = (
      await p.database.db.selectFrom('audit_log').select('action').where('target_id', '=', learner.userId).execute()
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled']));
  });
});
