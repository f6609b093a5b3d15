import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '../platform/time.js';
import { openApprovedClass, prepareClassWorld, topUpSession, userId } from '../modules/classes/classes.testkit.js';
import {
  call,
  createTestPlatform,
  DEMO,
  login,
  testDialect,
  type Session,
  type TestPlatform,
} from '../testing/platform.js';

// PostgreSQL going away under load (restart, failover, an operator's pg_terminate_backend): the API process must
// survive, answer 503 DB_UNAVAILABLE while it lasts, reconnect by itself and lose nothing it acknowledged. Only the
// PostgreSQL leg runs it (a *.cluster.test.ts file, vitest.config.ts).
if (testDialect !== 'postgres') throw new Error('The database fault test needs TEST_DB=postgres');

const S = 1000;

describe('PostgreSQL backends terminated mid-traffic', () => {
  let p: TestPlatform;
  let admin: pg.Client;
  let classId: string;
  const phones = ['13800000004', '13800000005', '13800000006'];
  const learners: { session: Session; sessionId: string; seq: number; clientTime: number; position: number }[] = [];
  /** Heartbeats the API acknowledged as accepted, per learning session. */
  const acknowledged = new Map<string, number>();

  beforeAll(async () => {
    p = await createTestPlatform();
    const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
    const world = await prepareClassWorld(p);
    const policy = await call(p, await login(p, DEMO.operator), 'POST', '/api/policies/330106', {
      document: { faceCheck: { minPerLesson: 0 } },
      note: '故障测试：不做人脸核验',
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    const ids = await Promise.all(phones.map((phone) => userId(p, phone)));
    const klass = await openApprovedClass(p, world, {
      name: '电工（五级）故障班',
      startDate: day(1),
      endDate: day(30),
      learnerIds: ids,
      sessions: topUpSession(world, [], `${day(20)}T00:00:00.000Z`, { latitude: 30.2741, longitude: 120.1551 }),
    });
    classId = klass.id;
    p.clock.set(new Date(`${day(2)}T01:00:00.000Z`));
    for (const phone of phones)
      learners.push({ session: await login(p, phone), sessionId: '', seq: 0, clientTime: 0, position: 0 });
    const lessonId = (await call(p, learners[0].session, 'GET', `/api/learning/classes/${classId}/progress`)).body
      .items[0].lessonId;
    for (const [i, l] of learners.entries()) {
      l.clientTime = p.clock.now().getTime();
      const started = await call(p, l.session, 'POST', '/api/learning/sessions', {
        classId,
        lessonId,
        deviceId: `device-fault-${i}`,
        clientTimeMs: l.clientTime,
      });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      l.sessionId = started.body.session.sessionId;
    }
    // A second connection to the test's own database, as an operator's psql would be.
    const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(p.database.db);
    const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    url.pathname = `/${rows[0].db}`;
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await p?.drop();
  });

  /** Every learner reports 20 s of play at once; returns the answers. */
  async function beatAll() {
    p.clock.advance(20 * S);
    return Promise.all(
      learners.map(async (l) => {
        l.clientTime += 20 * S;
        const beat = {
          seq: l.seq + 1,
          positionMs: l.position + 20 * S,
          playing: true,
          rate: 1,
          visible: true,
          focused: true,
          clientTimeMs: l.clientTime,
        };
        const answer = await call(p, l.session, 'POST', `/api/learning/sessions/${l.sessionId}/heartbeats`, {
          beats: [beat],
        });
        if (answer.status === 200 && answer.body.results[0].accepted) {
          acknowledged.set(l.sessionId, (acknowledged.get(l.sessionId) ?? 0) + 1);
          l.seq += 1;
          l.position += 20 * S;
        }
        return answer;
      }),
    );
  }

  const terminateOthers = async () =>
    (
      await admin.query(
        'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      )
    ).rows[0].n as number;

  it('answers 503 DB_UNAVAILABLE while the connections are gone, then recovers without a restart', async () => {
    p.clock.advance(S);
    for (const a of await beatAll()) expect(a.status, JSON.stringify(a.body)).toBe(200);

    // Idle pool connections terminated: the pool drops them and opens new ones (no request needs to fail).
    expect(await terminateOthers()).toBeGreaterThan(0);
    const afterIdle = await beatAll();
    for (const a of afterIdle) expect([200, 503]).toContain(a.status);

    // Requests caught inside the database when their backends end: hold the evidence table so each heartbeat waits
    // there, then terminate every other backend of this database.
    await admin.query('begin');
    await admin.query('lock table learning_records in access exclusive mode');
    const inFlight = beatAll();
    let waiting = 0;
    // Bounded wait (at most 20 s, for a loaded machine) until the heartbeats' writes queue behind the lock.
    for (let i = 0; i < 400 && waiting < learners.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      waiting = (
        await admin.query(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
        )
      ).rows[0].n;
    }
    expect(waiting).toBeGreaterThan(0);
    expect(await terminateOthers()).toBeGreaterThan(0);
    await admin.query('commit');
    const during = await inFlight;
    const unavailable = during.filter((a) => a.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const a of unavailable) expect(a.body.error.code).toBe('DB_UNAVAILABLE');
    for (const a of during) expect([200, 503]).toContain(a.status);

    // Same process, no restart: the pool has reconnected by itself.
    const health = await p.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', database: 'up' });
    const operator = await login(p, DEMO.operator);
    expect((await call(p, operator, 'GET', '/api/users?page=1&pageSize=5')).status).toBe(200);

    // Learners keep reporting: no answer is a server error once the database is back.
    for (const a of await beatAll()) expect(a.status, JSON.stringify(a.body)).toBeLessThan(500);

    // Nothing acknowledged is lost: every heartbeat answered as accepted is stored as evidence.
    const stored = await p.database.db
      .selectFrom('learning_records')
      .select(['session_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('kind', '=', 'heartbeat')
      .where(
        'session_id',
        'in',
        learners.map((l) => l.sessionId),
      )
      .groupBy('session_id')
      .execute();
    const storedBySession = new Map(stored.map((r) => [r.session_id, Number(r.n)]));
    for (const l of learners)
      expect(storedBySession.get(l.sessionId) ?? 0).toBeGreaterThanOrEqual(acknowledged.get(l.sessionId)!);
  });
});
