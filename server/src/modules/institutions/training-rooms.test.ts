import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';

// Training rooms over HTTP: the institution's administrators declare them, regulators of the subtree read them,
// nobody else sees them; ranges are checked (format, public, not wider than a room) with precise codes; audited.

describe('training rooms', () => {
  let p: TestPlatform;
  let adminA: Session;
  let adminB: Session;
  let teacherA: Session;
  let xihu: Session;
  let haishu: Session;
  let operator: Session;
  let instA: string;
  let instB: string;
  const url = (id: string) => `/api/institutions/${id}/training-rooms`;

  beforeAll(async () => {
    p = await createTestPlatform();
    [adminA, adminB, teacherA, xihu, haishu, operator] = await Promise.all(
      [DEMO.adminA, DEMO.adminB, DEMO.teacherA, DEMO.xihuRegulator, DEMO.haishuRegulator, DEMO.operator].map((ph) =>
        login(p, ph),
      ),
    );
    const users = await p.database.db
      .selectFrom('users')
      .select(['id', 'institution_id'])
      .where('id', 'in', [adminA.userId, adminB.userId])
      .execute();
    instA = users.find((u) => u.id === adminA.userId)!.institution_id!;
    instB = users.find((u) => u.id === adminB.userId)!.institution_id!;
  });
  afterAll(async () => {
    await p?.drop();
  });

  let roomId: string;

  it("lets the institution's administrator declare a room, canonical and audited", async () => {
    const res = await call(p, adminA, 'POST', url(instA), { name: ' 一号实训室 ', cidr: '203.0.113.16/28', seats: 40 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.room).toMatchObject({
      institutionId: instA,
      name: '一号实训室',
      cidr: '203.0.113.16/28',
      seats: 40,
    });
    roomId = res.body.room.id;
    const single = await call(p, adminA, 'POST', url(instA), { name: '机房', cidr: '2001:DB8:0:0::1', seats: 10 });
    expect(single.body.room.cidr).toBe('2001:db8::1/128');
    const audit = await p.database.db
      .selectFrom('audit_log')
      .select(['action', 'institution_id', 'details'])
      .where('target_id', '=', roomId)
      .execute();
    expect(audit).toMatchObject([{ action: 'training_room.created', institution_id: instA }]);
    expect(JSON.parse(audit[0].details)).toMatchObject({ cidr: '203.0.113.16/28', seats: 40 });
  });

  it('refuses bad ranges with precise codes and unknown fields', async () => {
    const cases: [unknown, number, string][] = [
      [{ name: 'x', cidr: '203.0.113', seats: 5 }, 400, 'TRAINING_ROOM_CIDR_INVALID'],
      [{ name: 'x', cidr: '203.0.113.7/24', seats: 5 }, 400, 'TRAINING_ROOM_CIDR_INVALID'],
      [{ name: 'x', cidr: '203.0.113.0/40', seats: 5 }, 400, 'TRAINING_ROOM_CIDR_INVALID'],
      [{ name: 'x', cidr: '192.168.1.0/24', seats: 5 }, 400, 'TRAINING_ROOM_CIDR_PRIVATE'],
      [{ name: 'x', cidr: '203.0.0.0/16', seats: 5 }, 400, 'TRAINING_ROOM_CIDR_TOO_WIDE'],
      [{ name: 'x', cidr: '203.0.113.16/28', seats: 5 }, 409, 'TRAINING_ROOM_DUPLICATE'],
      [{ name: 'x', cidr: '203.0.113.99', seats: 0 }, 400, 'VALIDATION_FAILED'],
      [{ name: '   ', cidr: '203.0.113.99', seats: 3 }, 400, 'VALIDATION_FAILED'],
      [{ name: 'x', cidr: '203.0.113.99', seats: 3, institutionId: instB }, 400, 'UNKNOWN_FIELD'],
    ];
    for (const [body, status, code] of cases) {
      const res = await call(p, adminA, 'POST', url(instA), body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const bad = await call(p, adminA, 'POST', url(instA), { name: 'x', cidr: '203.0.113.7/24', seats: 5 });
    expect(bad.body.error).toMatchObject({ field: 'cidr', details: { reason: 'host_bits' } });
    expect(bad.body.error.messages['zh-CN']).toContain('203.0.113.0/24');
    expect(bad.body.error.messages.en).toContain('network address');
  });

  it('scopes reading and writing: own administrators write, subtree regulators and operators read, others see nothing', async () => {
    expect((await call(p, xihu, 'GET', url(instA))).body.items.map((r: any) => r.id)).toContain(roomId);
    expect((await call(p, operator, 'GET', url(instA))).status).toBe(200);
    expect((await call(p, haishu, 'GET', url(instA))).status).toBe(404);
    expect((await call(p, adminB, 'GET', url(instA))).status).toBe(404);
    expect((await call(p, teacherA, 'GET', url(instA))).status).toBe(403);
    expect((await call(p, adminB, 'POST', url(instA), { name: 'x', cidr: '198.51.100.1', seats: 5 })).status).toBe(404);
    expect((await call(p, xihu, 'POST', url(instA), { name: 'x', cidr: '198.51.100.1', seats: 5 })).status).toBe(403);
    expect((await call(p, adminB, 'PATCH', `${url(instB)}/${roomId}`, { seats: 5 })).status).toBe(404);
    expect((await call(p, adminB, 'DELETE', `${url(instB)}/${roomId}`)).status).toBe(404);
    expect((await call(p, adminB, 'GET', url(instB))).body.items).toEqual([]);
  });

  it('changes and removes a room, audited', async () => {
    const changed = await call(p, adminA, 'PATCH', `${url(instA)}/${roomId}`, { seats: 60, cidr: '203.0.113.0/24' });
    expect(changed.body.room).toMatchObject({ seats: 60, cidr: '203.0.113.0/24', name: '一号实训室' });
    expect((await call(p, adminA, 'PATCH', `${url(instA)}/${roomId}`, { cidr: '10.0.0.1' })).body.error.code).toBe(
      'TRAINING_ROOM_CIDR_PRIVATE',
    );
    expect((await call(p, adminA, 'PATCH', `${url(instA)}/${roomId}`, { floor: 3 })).body.error.code).toBe(
      'UNKNOWN_FIELD',
    );
    expect((await call(p, adminA, 'DELETE', `${url(instA)}/${roomId}`)).status).toBe(204);
    expect((await call(p, adminA, 'GET', url(instA))).body.items.map((r: any) => r.id)).not.toContain(roomId);
    const actions = (
      await p.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', roomId)
        .orderBy('seq')
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(['training_room.created', 'training_room.updated', 'training_room.deleted']);
  });
});
