import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';

// Endpoint by endpoint: institution A cannot read or change anything of institution B, and a county regulator
// cannot see another county. Out-of-scope objects answer 404 (their existence is not revealed).

let p: TestPlatform;
const ids = {
  learnerB: '',
  teacherB: '',
  adminB: '',
  institutionB: '',
  learnerA: '',
  institutionA: '',
  haishuRegulator: '',
};
const s = {} as Record<
  'adminA' | 'teacherA' | 'xihu' | 'hangzhou' | 'ningbo' | 'province' | 'operator' | 'learnerA' | 'adminB',
  Session
>;

beforeAll(async () => {
  p = await createTestPlatform();
  const byPhone = async (phone: string) => {
    const rows = await p.database.db
      .selectFrom('users')
      .select(['id', 'institution_id'])
      .where('phone_hash', '=', p.services.infra.cipher.lookupHash('phone', phone))
      .execute();
    return rows[0];
  };
  const lb = await byPhone(DEMO.learnerB);
  ids.learnerB = lb.id;
  ids.institutionB = lb.institution_id!;
  ids.teacherB = (await byPhone(DEMO.teacherB)).id;
  ids.adminB = (await byPhone(DEMO.adminB)).id;
  const la = await byPhone(DEMO.learnerA);
  ids.learnerA = la.id;
  ids.institutionA = la.institution_id!;
  ids.haishuRegulator = (await byPhone(DEMO.haishuRegulator)).id;
  s.adminA = await login(p, DEMO.adminA);
  s.adminB = await login(p, DEMO.adminB);
  s.teacherA = await login(p, DEMO.teacherA);
  s.xihu = await login(p, DEMO.xihuRegulator);
  s.hangzhou = await login(p, DEMO.hangzhouRegulator);
  s.ningbo = await login(p, DEMO.ningboRegulator);
  s.province = await login(p, DEMO.provinceRegulator);
  s.operator = await login(p, DEMO.operator);
  s.learnerA = await login(p, DEMO.learnerA);
  // Some activity in institution B and Haishu county for the audit and invitation checks.
  await login(p, DEMO.learnerB);
  await call(p, s.adminB, 'POST', '/api/invitations', { role: 'teacher', name: '宁波老师', phone: '13766660001' });
});
afterAll(async () => {
  await p?.drop();
});

describe('institution A cannot reach institution B', () => {
  const outsiders = ['adminA', 'teacherA'] as const;
  for (const who of outsiders) {
    it(`${who}: GET /api/users/:id of B's people is 404`, async () => {
      for (const id of [ids.learnerB, ids.teacherB, ids.adminB])
        expect((await call(p, s[who], 'GET', `/api/users/${id}`)).status).toBe(404);
    });
    it(`${who}: GET /api/users lists none of B's people`, async () => {
      const res = await call(p, s[who], 'GET', '/api/users?pageSize=200');
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((u: { institutionId: string }) => u.institutionId === ids.institutionA)).toBe(true);
      const filtered = await call(p, s[who], 'GET', `/api/users?institutionId=${ids.institutionB}`);
      expect(filtered.body.items).toHaveLength(0);
    });
    it(`${who}: GET /api/institutions/:id of B is 404 and the list holds only A`, async () => {
      expect((await call(p, s[who], 'GET', `/api/institutions/${ids.institutionB}`)).status).toBe(404);
      const list = await call(p, s[who], 'GET', '/api/institutions');
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([ids.institutionA]);
    });
  }
  it("adminA: POST reveal-id-number of B's learner is 404 and not audited as a reveal", async () => {
    const res = await call(p, s.adminA, 'POST', `/api/users/${ids.learnerB}/reveal-id-number`, { reason: '核对' });
    expect(res.status).toBe(404);
  });
  it("adminA: PATCH status of B's learner is 404 and changes nothing", async () => {
    const res = await call(p, s.adminA, 'PATCH', `/api/users/${ids.learnerB}/status`, {
      status: 'disabled',
      reason: '测试',
    });
    expect(res.status).toBe(404);
    const row = await p.database.db
      .selectFrom('users')
      .select('status')
      .where('id', '=', ids.learnerB)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
  });
  it('adminA: POST /api/invitations for institution B is refused (invitations go to the own institution only)', async () => {
    const res = await call(p, s.adminA, 'POST', '/api/invitations', {
      role: 'teacher',
      name: '越权老师',
      phone: '13766660002',
      institutionId: ids.institutionB,
    });
    expect(res.status).toBe(201);
    expect(res.body.invitation.institutionId).toBe(ids.institutionA);
  });
  it("adminA: GET /api/invitations does not list B's invitations", async () => {
    const res = await call(p, s.adminA, 'GET', '/api/invitations');
    expect(res.body.items.every((i: { institutionId: string }) => i.institutionId === ids.institutionA)).toBe(true);
    const own = await call(p, s.adminB, 'GET', '/api/invitations');
    expect(own.body.items.some((i: { name: string }) => i.name === '宁波老师')).toBe(true);
  });
  it('adminA: GET /api/audit is forbidden (operators and regulators only)', async () => {
    expect((await call(p, s.adminA, 'GET', '/api/audit')).status).toBe(403);
  });
  it('adminA: GET /api/home counts only its own institution', async () => {
    const res = await call(p, s.adminA, 'GET', '/api/home');
    expect(res.body.cards.find((c: { key: string }) => c.key === 'learners').value).toBe(10);
  });
  it('teacherA: may not reveal ID numbers, change status or invite', async () => {
    expect(
      (await call(p, s.teacherA, 'POST', `/api/users/${ids.learnerA}/reveal-id-number`, { reason: '核对' })).status,
    ).toBe(403);
    expect(
      (await call(p, s.teacherA, 'PATCH', `/api/users/${ids.learnerA}/status`, { status: 'disabled', reason: '测试' }))
        .status,
    ).toBe(403);
    expect(
      (await call(p, s.teacherA, 'POST', '/api/invitations', { role: 'teacher', name: '某某', phone: '13766660003' }))
        .status,
    ).toBe(403);
  });
  it('a learner sees only itself', async () => {
    expect((await call(p, s.learnerA, 'GET', '/api/users')).status).toBe(403);
    expect((await call(p, s.learnerA, 'GET', `/api/users/${ids.learnerA}`)).status).toBe(200);
    expect((await call(p, s.learnerA, 'GET', `/api/users/${ids.learnerB}`)).status).toBe(403);
    expect((await call(p, s.learnerA, 'GET', '/api/institutions')).status).toBe(403);
  });
});

describe('a county regulator cannot see another county', () => {
  it('GET /api/users/:id of Haishu people is 404', async () => {
    for (const id of [ids.learnerB, ids.teacherB, ids.adminB, ids.haishuRegulator])
      expect((await call(p, s.xihu, 'GET', `/api/users/${id}`)).status).toBe(404);
  });
  it('GET /api/users lists only Xihu people', async () => {
    const res = await call(p, s.xihu, 'GET', '/api/users?pageSize=200');
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((u: { regionCode: string }) => u.regionCode.startsWith('330106'))).toBe(true);
  });
  it('GET /api/institutions and /:id see only Xihu institutions', async () => {
    expect((await call(p, s.xihu, 'GET', `/api/institutions/${ids.institutionB}`)).status).toBe(404);
    expect((await call(p, s.xihu, 'GET', '/api/institutions')).body.items.map((i: { id: string }) => i.id)).toEqual([
      ids.institutionA,
    ]);
  });
  it('reveal-id-number and status changes on Haishu people are 404', async () => {
    expect(
      (await call(p, s.xihu, 'POST', `/api/users/${ids.learnerB}/reveal-id-number`, { reason: '核查' })).status,
    ).toBe(404);
    expect(
      (await call(p, s.xihu, 'PATCH', `/api/users/${ids.learnerB}/status`, { status: 'disabled', reason: '核查' }))
        .status,
    ).toBe(404);
  });
  it('GET /api/audit holds no Haishu entries', async () => {
    const res = await call(p, s.xihu, 'GET', '/api/audit?pageSize=200');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((e: { regionCode: string }) => e.regionCode?.startsWith('330106'))).toBe(true);
  });
  it('GET /api/invitations holds no Haishu invitations', async () => {
    const res = await call(p, s.xihu, 'GET', '/api/invitations');
    expect(res.body.items.some((i: { name: string }) => i.name === '宁波老师')).toBe(false);
  });
  it('POST /api/invitations for a Haishu institution is refused', async () => {
    const res = await call(p, s.xihu, 'POST', '/api/invitations', {
      role: 'institution_admin',
      name: '越权管理员',
      phone: '13766660004',
      institutionId: ids.institutionB,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('INVITATION_NOT_ALLOWED');
  });
  it('GET /api/home counts only Xihu', async () => {
    const res = await call(p, s.xihu, 'GET', '/api/home');
    expect(res.body.cards.find((c: { key: string }) => c.key === 'institutions').value).toBe(1);
  });
});

describe('higher levels see their subtree', () => {
  it('the Hangzhou regulator sees Xihu but not Ningbo; the province sees both', async () => {
    expect((await call(p, s.hangzhou, 'GET', `/api/users/${ids.learnerA}`)).status).toBe(200);
    expect((await call(p, s.hangzhou, 'GET', `/api/users/${ids.learnerB}`)).status).toBe(404);
    expect((await call(p, s.ningbo, 'GET', `/api/users/${ids.learnerB}`)).status).toBe(200);
    expect((await call(p, s.province, 'GET', `/api/users/${ids.learnerA}`)).status).toBe(200);
    expect((await call(p, s.province, 'GET', `/api/users/${ids.learnerB}`)).status).toBe(200);
    expect((await call(p, s.operator, 'GET', `/api/users/${ids.learnerB}`)).status).toBe(200);
  });
  it('a county regulator cannot disable its city regulator', async () => {
    const hz = await p.database.db
      .selectFrom('users')
      .select('id')
      .where('region_code', '=', '330100')
      .executeTakeFirstOrThrow();
    expect(
      (await call(p, s.xihu, 'PATCH', `/api/users/${hz.id}/status`, { status: 'disabled', reason: '越级' })).status,
    ).toBe(404);
  });
});
