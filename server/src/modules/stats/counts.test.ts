import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { call, createTestPlatform, DEMO, login, type TestPlatform } from '../../testing/platform.js';
import { beijingDate } from '../../platform/time.js';
import { mergeLearnerDays, type LearnerDay } from './rollup.js';
import { RollupService } from './rollup.service.js';
import { createStatsWorld, writeSession, type StatsWorld } from './stats.testkit.js';

// What the roll-up keeps so that dashboards need not count big tables at read time (migration 0013): each scope's
// day totals and its totals per occupation, and registered users per role, region and institution.

const beats = (n: number) => Array.from({ length: n }, () => 20_000);

describe('counts kept by the roll-up for the dashboards', () => {
  let p: TestPlatform;
  let w: StatsWorld;
  let today: string;
  const hour = (day: string, h: number) => new Date(`${day}T${String(h).padStart(2, '0')}:00:00.000+08:00`);
  const dashboard = async (phone: string, query = '') =>
    (await call(p, await login(p, phone), 'GET', `/api/stats/dashboard${query}`)).body.dashboard;
  const platform = async () => (await call(p, await login(p, DEMO.operator), 'GET', '/api/stats/platform')).body.stats;

  /** A learner registered now, as invitations and enrolment imports make them: with their institution's region. */
  async function registerLearner(regionCode: string, institutionId: string): Promise<string> {
    const id = newId();
    const at = p.clock.now().toISOString();
    await p.database.db
      .insertInto('users')
      .values({
        id,
        role: 'learner',
        name: '新学员',
        id_number_enc: 'enc',
        id_number_hash: `idh-${id}`,
        id_number_masked: '330106********0000',
        phone_enc: 'enc',
        phone_hash: `ph-${id}`,
        phone_masked: '138****0000',
        gender: 'female',
        birth_date: '1995-01-01',
        password_hash: 'x',
        status: 'active',
        region_code: regionCode,
        institution_id: institutionId,
        locked_until: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  }

  beforeAll(async () => {
    p = await createTestPlatform();
    today = beijingDate(Date.now());
    // Noon in Beijing, so today's morning sessions are over — or now, if later: never before the demo users were
    // registered (at the platform's start), or the roll-up's count would not include them.
    p.clock.set(new Date(Math.max(Date.now(), Date.parse(`${today}T04:00:00.000Z`))));
    const yesterday = beijingDate(p.clock.now().getTime() - 86_400_000);
    w = await createStatsWorld(p);
    const { classes: c, learners: l, course, lessons } = w;
    const s = (userId: string, classId: string, startAt: Date, n: number) =>
      writeSession(p, { userId, classId, course, lesson: lessons[0], startAt, beats: beats(n) });
    await s(l.a1, c.A, hour(yesterday, 9), 12);
    await s(l.a1, c.A2, hour(today, 8), 10);
    await s(l.a1, c.A, hour(today, 9), 6);
    await s(l.a2, c.A, hour(today, 10), 25);
    await s(l.b1, c.B, hour(today, 7), 40);
    await s(l.b2, c.B, hour(yesterday, 20), 15);
    await p.services.stats.rollup.run({ lagMs: 0 });
  });
  afterAll(async () => {
    await p?.drop();
  });

  it('keeps each scope’s day totals and occupation totals equal to the sums of its stats_daily rows', async () => {
    const { db } = p.database;
    const daily = await db.selectFrom('stats_daily').selectAll().execute();
    const scopesOf = (r: { region_code: string; institution_id: string }) => [
      'n',
      `r:${r.region_code.slice(0, 2)}`,
      `r:${r.region_code.slice(0, 4)}`,
      `r:${r.region_code}`,
      `i:${r.institution_id}`,
    ];
    const expected = new Map<string, { learner_days: number; credited_ms: number; sessions: number }>();
    const expectedOccupations = new Map<string, { learner_days: number; credited_ms: number; sessions: number }>();
    const add = (map: typeof expected, key: string, r: (typeof daily)[number]) => {
      const v = map.get(key) ?? { learner_days: 0, credited_ms: 0, sessions: 0 };
      map.set(key, {
        learner_days: v.learner_days + r.active_learners,
        credited_ms: v.credited_ms + Number(r.credited_ms),
        sessions: v.sessions + r.sessions,
      });
    };
    for (const r of daily) {
      for (const scope of scopesOf(r)) {
        add(expected, `${scope}|${r.day}`, r);
        if (!scope.startsWith('i:')) add(expectedOccupations, `${scope}|${r.day}|${r.occupation_code}`, r);
      }
    }
    const active = await db.selectFrom('stats_active_daily').selectAll().execute();
    expect(
      new Map(
        active.map((a) => [
          `${a.scope}|${a.day}`,
          { learner_days: a.learner_days, credited_ms: Number(a.credited_ms), sessions: a.sessions },
        ]),
      ),
    ).toEqual(expected);
    const occupations = await db.selectFrom('stats_occupation_daily').selectAll().execute();
    expect(
      new Map(
        occupations.map((o) => [
          `${o.scope}|${o.day}|${o.occupation_code}`,
          { learner_days: o.learner_days, credited_ms: Number(o.credited_ms), sessions: o.sessions },
        ]),
      ),
    ).toEqual(expectedOccupations);
    // Not vacuous: a1 learnt in two classes of two occupations today — one learner, two learner-days in Xihu.
    const xihu = active.find((a) => a.scope === 'r:330106' && a.day === today)!;
    expect({ ...xihu, credited_ms: Number(xihu.credited_ms) }).toMatchObject({
      active_learners: 2,
      learner_days: 3,
      sessions: 3,
      credited_ms: (10 + 6 + 25) * 20_000,
    });
    // The dashboards read them: the city's occupation ranking and the province's breakdown by city.
    const province = await dashboard(DEMO.provinceRegulator);
    expect(province.byOccupation.map((o: { code: string }) => o.code).sort()).toEqual(['4-12-03-01', '6-31-01-03']);
    expect(province.breakdown.rows.find((r: { key: string }) => r.key === '330100')).toMatchObject({
      learnerDays: 4,
      sessions: 4,
    });
    expect(province.cards.creditedHoursTotal).toBe(Math.round(((12 + 10 + 6 + 25 + 40 + 15) * 20_000) / 360_000) / 10);
  });

  it('counts registered learners from the roll-up plus those registered since, each once', async () => {
    const { db } = p.database;
    const counted = await db
      .selectFrom('stats_user_counts')
      .selectAll()
      .where('role', '=', 'learner')
      .where('region_code', '=', '330106')
      .execute();
    expect(counted).toEqual([{ role: 'learner', region_code: '330106', institution_id: w.institutions.A, users: 10 }]);
    const before = {
      city: (await dashboard(DEMO.hangzhouRegulator)).cards.learners,
      school: (await dashboard(DEMO.adminA)).cards.learners,
      platform: await platform(),
    };
    expect(before.city).toBe(10);

    // Registered after the roll-up counted: shown at once.
    await registerLearner('330106', w.institutions.A);
    const city = await dashboard(DEMO.hangzhouRegulator);
    expect(city.cards.learners).toBe(11);
    expect(city.breakdown.rows.find((r: { key: string }) => r.key === '330106')).toMatchObject({ learners: 11 });
    expect(
      (await dashboard(DEMO.xihuRegulator)).breakdown.rows.find((r: { key: string }) => r.key === w.institutions.A),
    ).toMatchObject({ learners: 11 });
    expect((await dashboard(DEMO.adminA)).cards.learners).toBe(before.school + 1);
    const after = await platform();
    expect(after.cards).toMatchObject({
      users: before.platform.cards.users + 1,
      learners: before.platform.cards.learners + 1,
    });
    expect(after.byProvince[0].learners).toBe(before.platform.byProvince[0].learners + 1);

    // Counted by the next run, and not counted twice.
    p.clock.advance(60_000);
    await p.services.stats.rollup.run({ lagMs: 0 });
    expect(
      (
        await db
          .selectFrom('stats_user_counts')
          .select('users')
          .where('role', '=', 'learner')
          .where('region_code', '=', '330106')
          .executeTakeFirstOrThrow()
      ).users,
    ).toBe(11);
    expect((await dashboard(DEMO.hangzhouRegulator)).cards.learners).toBe(11);
    expect((await platform()).cards).toMatchObject({ users: after.cards.users, learners: after.cards.learners });
  });

  it('counts a learner moved to another region where they are once the roll-up has counted again', async () => {
    // A learner of the demo world, counted by the roll-up (its clock past the time the world was made).
    const moved = w.learners.a3;
    p.clock.set(new Date(Math.max(Date.now(), p.clock.now().getTime()) + 3_600_000));
    await p.services.stats.rollup.run({ lagMs: 0 });
    const bound = (
      await p.database.db
        .selectFrom('stats_cursors')
        .select('position')
        .where('name', '=', 'user_counts')
        .executeTakeFirstOrThrow()
    ).position;
    expect(
      (await p.database.db.selectFrom('users').select('created_at').where('id', '=', moved).executeTakeFirstOrThrow())
        .created_at < bound,
    ).toBe(true);
    const before = {
      hangzhou: (await dashboard(DEMO.hangzhouRegulator)).cards.learners,
      ningbo: (await dashboard(DEMO.ningboRegulator)).cards.learners,
    };
    // What correcting an institution's region does to its people (institutions/registration.service.ts).
    await p.database.db
      .updateTable('users')
      .set({ region_code: '330203', updated_at: p.clock.now().toISOString() })
      .where('id', '=', moved)
      .execute();
    p.clock.advance(60_000);
    await p.services.stats.rollup.run({ lagMs: 0 });
    expect((await dashboard(DEMO.hangzhouRegulator)).cards.learners).toBe(before.hangzhou - 1);
    expect((await dashboard(DEMO.ningboRegulator)).cards.learners).toBe(before.ningbo + 1);
    const province = await dashboard(DEMO.provinceRegulator);
    expect(province.breakdown.rows.find((r: { key: string }) => r.key === '330200')).toMatchObject({
      learners: before.ningbo + 1,
    });
  });

  it('folds the records beyond the cursor the same in pages of any size', async () => {
    const { db, clock } = { db: p.database.db, clock: p.clock };
    await writeSession(p, {
      userId: w.learners.a3,
      classId: w.classes.A,
      course: w.course,
      lesson: w.lessons[1],
      startAt: hour(today, 11),
      beats: beats(8),
    });
    await writeSession(p, {
      userId: w.learners.b2,
      classId: w.classes.B,
      course: w.course,
      lesson: w.lessons[1],
      startAt: hour(today, 11),
      beats: beats(5),
    });
    const sorted = (rows: LearnerDay[]) =>
      mergeLearnerDays(rows).sort((a, b) =>
        `${a.day}${a.classId}${a.userId}`.localeCompare(`${b.day}${b.classId}${b.userId}`),
      );
    const whole = await new RollupService({ db, clock }).pending();
    expect(whole.reduce((sum, r) => sum + r.records, 0)).toBe(2 + 8 + 5 + 2);
    for (const foldPage of [1, 3, 7])
      expect(sorted(await new RollupService({ db, clock, options: { foldPage } }).pending())).toEqual(sorted(whole));
  });
});
