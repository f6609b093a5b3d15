import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, type TestPlatform } from '../../testing/platform.js';
import { beijingDate } from '../../platform/time.js';
import { createStatsWorld, writeSession, type StatsWorld } from './stats.testkit.js';

// Dashboards over the roll-ups on the configured dialect: the roll-up against a direct count of the evidence (also
// when cut into small batches and run twice), the live part beyond the cursor, scoping of every role, platform
// statistics.

const beats = (n: number, ms = 20_000) => Array.from({ length: n }, () => ms);

describe('statistics roll-ups and dashboards', () => {
  let p: TestPlatform;
  let w: StatsWorld;
  let today: string;
  let yesterday: string;
  const hour = (day: string, h: number, m = 0) =>
    new Date(`${day}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00.000+08:00`);
  const dashboard = async (phone: string, query = '') =>
    call(p, await login(p, phone), 'GET', `/api/stats/dashboard${query}`);

  /** The same figures counted straight from the evidence: records → session → class, by the record's CST day. */
  async function directCount() {
    const rows = await p.database.db
      .selectFrom('learning_records')
      .innerJoin('learning_sessions', 'learning_sessions.id', 'learning_records.session_id')
      .innerJoin('classes', 'classes.id', 'learning_sessions.class_id')
      .select([
        'learning_records.at',
        'learning_records.kind',
        'learning_records.credited_ms',
        'learning_sessions.user_id',
        'learning_sessions.class_id',
        'classes.region_code',
      ])
      .execute();
    const byKey = new Map<string, { credited: number; sessions: number; records: number }>();
    for (const r of rows) {
      const key = `${beijingDate(r.at)}|${r.class_id}|${r.user_id}`;
      const v = byKey.get(key) ?? { credited: 0, sessions: 0, records: 0 };
      v.credited += r.credited_ms;
      v.sessions += r.kind === 'session_started' ? 1 : 0;
      v.records += 1;
      byKey.set(key, v);
    }
    return { byKey, rows };
  }
  async function rolledUp() {
    const rows = await p.database.db.selectFrom('stats_learner_daily').selectAll().execute();
    return new Map(
      rows.map((r) => [
        `${r.day}|${r.class_id}|${r.user_id}`,
        { credited: Number(r.credited_ms), sessions: r.sessions, records: r.records },
      ]),
    );
  }

  beforeAll(async () => {
    p = await createTestPlatform();
    // Noon in Beijing today, so "today" and "yesterday" are plain calendar days.
    today = beijingDate(Date.now());
    p.clock.set(new Date(`${today}T04:00:00.000Z`));
    yesterday = beijingDate(p.clock.now().getTime() - 86_400_000);
    const twoDaysAgo = beijingDate(p.clock.now().getTime() - 2 * 86_400_000);
    w = await createStatsWorld(p);
    const { classes: c, learners: l, course, lessons } = w;
    const s = (userId: string, classId: string, startAt: Date, n: number, extra: object = {}) =>
      writeSession(p, { userId, classId, course, lesson: lessons[0], startAt, beats: beats(n), ...extra });
    await s(l.a1, c.A, hour(twoDaysAgo, 9), 30);
    await s(l.a1, c.A, hour(twoDaysAgo, 14), 20);
    // Across midnight: the first beat lands on yesterday, the next two on today.
    await s(l.a1, c.A, hour(yesterday, 23, 59), 3);
    await s(l.a1, c.A, hour(today, 8), 30);
    // The same learner in another class of the same school, the same day: one learner, two learner-days.
    await s(l.a1, c.A2, hour(today, 9), 10);
    await s(l.a2, c.A, hour(today, 10), 25, { refused: 2, check: 'failed' });
    await s(l.b1, c.B, hour(today, 7), 40);
    await s(l.b2, c.B, hour(yesterday, 20), 15, { check: 'missed', end: 'open' });
  });
  afterAll(async () => {
    await p?.drop();
  });

  it('folds the evidence into learner-days that match a direct count, however it is batched, and only once', async () => {
    const small = await p.services.stats.rollup.run({ lagMs: 0, batchSize: 7, maxBatches: 3 });
    expect(small).toMatchObject({ skipped: false, batches: 3, caughtUp: false });
    const rest = await p.services.stats.rollup.run({ lagMs: 0, batchSize: 7, maxBatches: 1000 });
    expect(rest.caughtUp).toBe(true);
    const { byKey, rows } = await directCount();
    expect(small.records + rest.records).toBe(rows.length);
    expect(await rolledUp()).toEqual(byKey);
    // A second run finds nothing new and changes nothing.
    expect((await p.services.stats.rollup.run({ lagMs: 0 })).records).toBe(0);
    expect(await rolledUp()).toEqual(byKey);
    // The midnight session is split between the days.
    expect([...byKey.keys()].filter((k) => k.endsWith(`|${w.classes.A}|${w.learners.a1}`)).length).toBe(3);
    // Day totals and distinct learners per scope, derived from the learner rows.
    const daily = await p.database.db.selectFrom('stats_daily').selectAll().where('day', '=', today).execute();
    const xihu = daily.filter((d) => d.region_code === '330106');
    expect(xihu.reduce((s, d) => s + d.active_learners, 0)).toBe(3); // a1 in two occupations, a2
    expect(xihu.reduce((s, d) => s + Number(d.credited_ms), 0)).toBe((30 + 10 + 25 + 1) * 20_000);
    const active = await p.database.db.selectFrom('stats_active_daily').selectAll().where('day', '=', today).execute();
    const of = (scope: string) => active.find((a) => a.scope === scope)?.active_learners;
    expect([
      of('n'),
      of('r:33'),
      of('r:3301'),
      of('r:330106'),
      of('r:3302'),
      of(`i:${w.institutions.A}`),
      of(`i:${w.institutions.B}`),
    ]).toEqual([3, 3, 2, 2, 1, 2, 1]);
  });

  it('shows a region’s figures, adding records the roll-up has not reached yet', async () => {
    const before = (await dashboard(DEMO.hangzhouRegulator)).body.dashboard;
    expect(before.scope).toMatchObject({ level: 'city', name: '杭州市', regionCode: '330100' });
    expect(before.cards).toMatchObject({
      activeLearnersToday: 2,
      sessionsToday: 3,
      learners: 10,
      institutions: 1,
      activeClasses: 2,
    });
    expect(before.trend).toHaveLength(30);
    expect(before.trend.at(-1)).toMatchObject({ day: today, activeLearners: 2, sessions: 3 });
    // a3 learns now; the cursor has not moved: the dashboard counts the new session at once.
    await writeSession(p, {
      userId: w.learners.a3,
      classId: w.classes.A,
      course: w.course,
      lesson: w.lessons[1],
      startAt: hour(today, 11),
      beats: beats(18),
    });
    const withA3 = (await dashboard(DEMO.hangzhouRegulator)).body.dashboard;
    expect(withA3.cards.activeLearnersToday).toBe(3);
    expect(withA3.cards.sessionsToday).toBe(4);
    expect(withA3.cards.creditedHoursToday).toBeCloseTo(before.cards.creditedHoursToday + 0.1, 5);
    // a1 learning again today is not a new learner.
    await writeSession(p, {
      userId: w.learners.a1,
      classId: w.classes.A,
      course: w.course,
      lesson: w.lessons[1],
      startAt: hour(today, 11, 30),
      beats: beats(1),
    });
    const live = (await dashboard(DEMO.hangzhouRegulator)).body.dashboard;
    expect(live.cards).toMatchObject({ activeLearnersToday: 3, sessionsToday: 5 });
    // Once the roll-up has folded them, the same figures come from the roll-ups.
    await p.services.stats.rollup.run({ lagMs: 0 });
    const after = (await dashboard(DEMO.hangzhouRegulator)).body.dashboard;
    expect(after.cards).toEqual(live.cards);
    expect(after.trend).toEqual(live.trend);
    expect(after.breakdown.by).toBe('region');
    expect(after.breakdown.rows.find((r: { key: string }) => r.key === '330106')).toMatchObject({
      name: '西湖区',
      learners: 10,
      activeClasses: 2,
    });
  });

  it('keeps each regulator to its subtree and each institution to itself', async () => {
    const ningbo = (await dashboard(DEMO.ningboRegulator)).body.dashboard;
    expect(ningbo.cards).toMatchObject({
      activeLearnersToday: 1,
      sessionsToday: 1,
      learners: 10,
      institutions: 1,
      activeClasses: 1,
    });
    expect(ningbo.cards.creditedHoursTotal).toBe(Math.round(((40 + 15) * 20_000) / 360_000) / 10);
    expect(ningbo.byOccupation.map((o: { code: string }) => o.code)).toEqual(['4-12-03-01']);
    expect(ningbo.breakdown.rows.map((r: { key: string }) => r.key)).not.toContain('330106');
    // Nothing of Hangzhou, however it is asked for.
    expect((await dashboard(DEMO.ningboRegulator, '?region=330100')).status).toBe(404);
    expect((await dashboard(DEMO.ningboRegulator, `?institutionId=${w.institutions.A}`)).status).toBe(404);
    expect((await dashboard(DEMO.ningboRegulator, '?region=330203')).body.dashboard.scope).toMatchObject({
      level: 'county',
      up: { region: '330200' },
    });

    const province = (await dashboard(DEMO.provinceRegulator)).body.dashboard;
    expect(province.cards.activeLearnersToday).toBe(4);
    expect(
      province.breakdown.rows
        .map((r: { key: string }) => r.key)
        .slice(0, 2)
        .sort(),
    ).toEqual(['330100', '330200']);
    const county = (await dashboard(DEMO.xihuRegulator)).body.dashboard;
    expect(county.breakdown).toMatchObject({ by: 'institution', rows: [{ key: w.institutions.A, learners: 10 }] });

    const school = (await dashboard(DEMO.adminA)).body.dashboard;
    expect(school.scope).toMatchObject({ level: 'institution', institutionId: w.institutions.A, up: null });
    expect(school.cards).toMatchObject({ activeLearnersToday: 3, institutions: null });
    expect(school.breakdown.by).toBe('class');
    expect(school.breakdown.rows.map((r: { key: string }) => r.key).sort()).toEqual([w.classes.A, w.classes.A2].sort());
    expect((await dashboard(DEMO.adminA, `?institutionId=${w.institutions.B}`)).status).toBe(404);
    expect((await dashboard(DEMO.adminA, '?region=330106')).status).toBe(404);
    expect((await dashboard(DEMO.teacherA)).status).toBe(403);
    expect((await dashboard(DEMO.learnerA)).status).toBe(403);
    expect((await dashboard(DEMO.operator, '?region=33')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await dashboard(DEMO.hangzhouRegulator, '?extra=1')).body.error.code).toBe('UNKNOWN_FIELD');

    const nation = (await dashboard(DEMO.operator)).body.dashboard;
    expect(nation.scope.level).toBe('nation');
    expect(nation.cards.activeLearnersToday).toBe(4);
    expect(nation.breakdown.rows.map((r: { key: string }) => r.key)).toEqual(['330000']);
  });

  it('gives the operator platform statistics: visits, registrations, active users, hours', async () => {
    expect((await call(p, await login(p, DEMO.provinceRegulator), 'GET', '/api/stats/platform')).status).toBe(403);
    const operator = await login(p, DEMO.operator);
    const { stats } = (await call(p, operator, 'GET', '/api/stats/platform')).body;
    const since = new Date(`${today}T00:00:00.000+08:00`).toISOString();
    const logins = (
      await p.database.db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow()
    ).n;
    expect(stats.cards.visitsToday).toBe(Number(logins));
    const registered = (
      await p.database.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow()
    ).n;
    expect(stats.cards.registrationsToday).toBe(Number(registered));
    // Signed in today (every account that logged in above) or learnt today (a1, a2, a3, b1).
    const signedIn = await p.database.db
      .selectFrom('sessions')
      .select('user_id')
      .distinct()
      .where('created_at', '>=', since)
      .execute();
    const learnt = [w.learners.a1, w.learners.a2, w.learners.a3, w.learners.b1];
    expect(stats.cards.activeUsersToday).toBe(new Set([...signedIn.map((s) => s.user_id), ...learnt]).size);
    expect(stats.trend).toHaveLength(30);
    expect(stats.byProvince.map((r: { code: string }) => r.code)).toEqual(['330000']);
    expect(stats.byProvince[0].learners).toBe(20);
  });
});
