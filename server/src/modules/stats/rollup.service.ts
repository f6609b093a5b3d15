import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { Type } from 'typebox';
import { defineJob, type JobContext, type LocalJobRunner } from '../jobs/index.js';
import { beijingDate } from '../../platform/time.js';
import {
  addDaysTo,
  cstDayBounds,
  foldLearnerDays,
  idFloor,
  idTime,
  inScope,
  mergeLearnerDays,
  type ClassAttributes,
  type LearnerDay,
  type RecordGroup,
  type SessionOwner,
  type StatsScope,
} from './rollup.js';

/** The roll-up's schedule: each run queues the next (registered in jobs.registry.ts). */
export const ROLLUP_JOB = defineJob({
  id: 'stats.rollup',
  payload: Type.Object({}, { additionalProperties: false }),
  maxAttempts: 3,
  leaseSeconds: 600,
  handler: (_payload, { services }: JobContext<{ rollup: RollupService }>) => services.rollup.scheduledRun(),
});
const RECORDS_CURSOR = 'learning_records';
const PLATFORM_CURSOR = 'platform_day';
const LEASE = 'rollup.lease';
export const USER_COUNTS_CURSOR = 'user_counts';
const CHUNK = 500;

export type RollupOptions = {
  /** Records younger than this may still be committing on another node: the cursor stays behind them. */
  lagMs: number;
  /** Records folded per transaction. */
  batchSize: number;
  /** Batches per run before the run yields (the next run follows at once). */
  maxBatches: number;
  intervalSeconds: number;
  /** Records read per statement when folding (see `fold`). */
  foldPage: number;
};
export const DEFAULT_ROLLUP_OPTIONS: RollupOptions = {
  lagMs: 60_000,
  batchSize: 20_000,
  maxBatches: 100,
  intervalSeconds: 60,
  foldPage: 10_000,
};

export type RollupResult = {
  skipped: boolean;
  records: number;
  batches: number;
  caughtUp: boolean;
  days: string[];
  cursor: string;
};

const chunks = <T>(items: T[], size = CHUNK): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

class CursorMoved extends Error {}

/**
 * Folds the learning evidence into the statistics roll-ups (ADR-style notes in docs/performance.md, "Dashboards").
 *
 * A cursor follows learning_records by id. Ids are UUIDv7, so their order is their creation order, and the cursor only
 * passes records older than `lagMs` (by the id's own clock): a record still in an open transaction on another node is
 * younger than that, so nothing is skipped. Each batch adds its learner-days and moves the cursor in one transaction,
 * the cursor by compare-and-set, so a batch counts once even when two nodes run the job. Day totals and distinct counts
 * are then derived again for the days the batch touched. Dashboards add what lies beyond the cursor (`pending`).
 */
export class RollupService {
  private readonly options: RollupOptions;
  private readonly systemNow: () => number;
  /** The records beyond the cursor as last read by this process (`pending`), to be extended rather than read again. */
  private live: { cursor: string; upTo: string; rows: LearnerDay[]; since: number } | null = null;

  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      jobs?: LocalJobRunner;
      options?: Partial<RollupOptions>;
      systemNow?: () => number;
    },
  ) {
    this.options = { ...DEFAULT_ROLLUP_OPTIONS, ...deps.options };
    // Record ids carry the system clock (uuid v7), so the settle bound is taken from the same clock, not the injected one.
    this.systemNow = deps.systemNow ?? Date.now;
  }

  /** One run of the ROLLUP_JOB schedule. */
  async scheduledRun(): Promise<void> {
    // The next run is queued first, so a failing run never ends the schedule.
    await this.schedule(this.options.intervalSeconds);
    const result = await this.run();
    if (!result.skipped && !result.caughtUp)
      await this.deps.db
        .updateTable('jobs')
        .set({ run_at: this.deps.clock.now().toISOString() })
        .where('type', '=', ROLLUP_JOB.id)
        .where('status', '=', 'queued')
        .execute();
  }

  /** Queues the next run unless one is already queued; old finished runs are cleared away. */
  async schedule(delaySeconds = 0): Promise<void> {
    const { db, jobs } = this.deps;
    await jobs?.queueNext(db, ROLLUP_JOB, {}, { delaySeconds });
  }

  /** One run: fold settled records batch by batch, then derive the touched days again and the platform figures. */
  async run(overrides: Partial<Pick<RollupOptions, 'lagMs' | 'maxBatches' | 'batchSize'>> = {}): Promise<RollupResult> {
    const options = { ...this.options, ...overrides };
    const holder = newId();
    if (!(await this.acquireLease(holder)))
      return { skipped: true, records: 0, batches: 0, caughtUp: false, days: [], cursor: await this.cursor() };
    try {
      await this.ensureCursor(RECORDS_CURSOR);
      const settledBefore = this.systemNow() - options.lagMs;
      const watermark = idFloor(settledBefore);
      let records = 0;
      let batches = 0;
      let caughtUp = false;
      while (batches < options.maxBatches) {
        // A long catch-up keeps its lease alive batch by batch.
        if (batches > 0 && batches % 10 === 0 && !(await this.renewLease(holder))) break;
        const step = await this.step(watermark, options.batchSize);
        if (step === null) {
          caughtUp = true;
          break;
        }
        records += step;
        batches += 1;
      }
      const days = await this.deriveDirtyDays();
      await this.platformDays(days, caughtUp ? settledBefore : null);
      await deriveUserCounts(this.deps.db, new Date(this.deps.clock.now().getTime() - options.lagMs).toISOString());
      return { skipped: false, records, batches, caughtUp, days, cursor: await this.cursor() };
    } finally {
      await this.deps.db
        .updateTable('stats_cursors')
        .set({ position: '' })
        .where('name', '=', LEASE)
        .where('position', 'like', `%|${holder}`)
        .execute();
    }
  }

  /** Where the cursor stands: the id of the last folded record ('' before the first run). */
  async cursor(): Promise<string> {
    const row = await this.deps.db
      .selectFrom('stats_cursors')
      .select('position')
      .where('name', '=', RECORDS_CURSOR)
      .executeTakeFirst();
    return row?.position ?? '';
  }

  /** The creation time of the last folded record, or null before any. */
  async rolledUpTo(): Promise<string | null> {
    const cursor = await this.cursor();
    return cursor ? new Date(idTime(cursor)).toISOString() : null;
  }

  /** Days whose totals wait to be derived again (their learner rows changed after the last derivation). */
  async dirtyDays(): Promise<string[]> {
    return (await this.deps.db.selectFrom('stats_dirty_days').select('day').execute()).map((r) => r.day);
  }

  /** Learner-days of the records beyond the cursor: what the roll-up has not folded yet, read live. */
  async pending(scope?: StatsScope): Promise<LearnerDay[]> {
    const { db } = this.deps;
    const [cursor, top] = await Promise.all([
      this.cursor(),
      db
        .selectFrom('learning_records')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst()
        .then((r) => (r?.id as string | null) ?? ''),
    ]);
    let rows: LearnerDay[];
    if (!top || top <= cursor) {
      rows = [];
    } else if (
      this.live &&
      this.live.cursor === cursor &&
      this.live.upTo <= top &&
      this.systemNow() - this.live.since < 60_000
    ) {
      // Only what arrived since the last read is folded and added. A record committed late below that mark is missed
      // here until the cursor moves (within a minute or two), when everything beyond it is read again.
      rows =
        this.live.upTo === top
          ? this.live.rows
          : mergeLearnerDays(this.live.rows, await this.fold(db, this.live.upTo, top));
      this.live = { ...this.live, upTo: top, rows };
    } else {
      rows = await this.fold(db, cursor, top);
      this.live = { cursor, upTo: top, rows, since: this.systemNow() };
    }
    return scope ? rows.filter((r) => inScope(r, scope)) : rows;
  }

  // ---- folding -------------------------------------------------------------------------------------------------

  private async ensureCursor(name: string): Promise<void> {
    await this.deps.db
      .insertInto('stats_cursors')
      .values({ name, position: '', updated_at: this.deps.clock.now().toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  /** A lease row keeps runs of several nodes from deriving the same days at once; a crashed holder's lease expires. */
  private async acquireLease(holder: string): Promise<boolean> {
    await this.ensureCursor(LEASE);
    const now = this.deps.clock.now();
    const until = new Date(now.getTime() + 10 * 60_000).toISOString();
    const taken = await this.deps.db
      .updateTable('stats_cursors')
      .set({ position: `${until}|${holder}`, updated_at: now.toISOString() })
      .where('name', '=', LEASE)
      .where('position', '<', now.toISOString())
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1;
  }

  private async renewLease(holder: string): Promise<boolean> {
    const now = this.deps.clock.now();
    const until = new Date(now.getTime() + 10 * 60_000).toISOString();
    const renewed = await this.deps.db
      .updateTable('stats_cursors')
      .set({ position: `${until}|${holder}`, updated_at: now.toISOString() })
      .where('name', '=', LEASE)
      .where('position', 'like', `%|${holder}`)
      .executeTakeFirst();
    return Number(renewed.numUpdatedRows) === 1;
  }

  /** Folds the next batch below the watermark; returns how many records it folded, or null when there were none. */
  private async step(watermark: string, batchSize: number): Promise<number | null> {
    const { db, clock } = this.deps;
    const cursor = await this.cursor();
    const nth = await db
      .selectFrom('learning_records')
      .select('id')
      .where('id', '>', cursor)
      .where('id', '<', watermark)
      .orderBy('id')
      .offset(batchSize - 1)
      .limit(1)
      .executeTakeFirst();
    const upper =
      nth?.id ??
      (
        await db
          .selectFrom('learning_records')
          .select((eb) => eb.fn.max('id').as('id'))
          .where('id', '>', cursor)
          .where('id', '<', watermark)
          .executeTakeFirst()
      )?.id;
    if (!upper) return null;
    const rows = await this.fold(db, cursor, upper);
    const folded = rows.reduce((sum, r) => sum + r.records, 0);
    try {
      await db.transaction().execute(async (trx) => {
        await upsertLearnerDays(trx, rows);
        const days = [...new Set(rows.map((r) => r.day))];
        if (days.length)
          await trx
            .insertInto('stats_dirty_days')
            .values(days.map((day) => ({ day })))
            .onConflict((oc) => oc.column('day').doNothing())
            .execute();
        const moved = await trx
          .updateTable('stats_cursors')
          .set({ position: upper, updated_at: clock.now().toISOString() })
          .where('name', '=', RECORDS_CURSOR)
          .where('position', '=', cursor)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new CursorMoved();
      });
    } catch (error) {
      // Another run folded this batch first: nothing was written here, and its cursor is where to go on from.
      if (error instanceof CursorMoved) return 0;
      throw error;
    }
    return folded;
  }

  /**
   * The records in (after, upTo] as learner-days: grouped by session and UTC hour in SQL, the sessions' learners and
   * classes then looked up by primary key (a join lets the planner hash all sessions when it overestimates the range),
   * folded by CST day. Read in pages of ids under a LIMIT: the records beyond the cursor are the newest, beyond the
   * planner's statistics, and for 20,000 of them PostgreSQL guessed 100,000 and chose a parallel plan compiled by JIT
   * (0.6 s instead of 0.08 s); a LIMIT bounds its guess.
   */
  private async fold(db: DbOrTrx, after: string, upTo: string | null): Promise<LearnerDay[]> {
    const hour = sql<string>`substr(${sql.ref('r.at')}, 1, 13)`;
    const groups: RecordGroup[] = [];
    for (let from = after; ;) {
      let page = db
        .selectFrom('learning_records')
        .select(['id', 'session_id', 'at', 'kind', 'credited_ms'])
        .where('id', '>', from);
      if (upTo !== null) page = page.where('id', '<=', upTo);
      const grouped = await db
        .selectFrom(page.orderBy('id').limit(this.options.foldPage).as('r'))
        .select((eb) => [
          'r.session_id',
          hour.as('hour'),
          eb.fn.countAll<string | number>().as('records'),
          eb.fn
            .sum<string | number>(eb.case().when('r.kind', '=', 'session_started').then(1).else(0).end())
            .as('started'),
          eb.fn.sum<string | number>('r.credited_ms').as('credited'),
          eb.fn.max('r.id').as('last'),
        ])
        .groupBy(['r.session_id', hour])
        .execute();
      let records = 0;
      for (const g of grouped) {
        // A session's hour cut by a page boundary comes as two groups; the fold adds them up.
        groups.push({
          sessionId: g.session_id,
          hour: g.hour,
          records: Number(g.records),
          started: Number(g.started),
          creditedMs: Number(g.credited ?? 0),
        });
        records += Number(g.records);
        if (g.last > from) from = g.last;
      }
      if (records < this.options.foldPage) break;
    }
    if (groups.length === 0) return [];
    const sessions = new Map<string, SessionOwner>();
    for (const found of await Promise.all(
      chunks([...new Set(groups.map((g) => g.sessionId))], 1000).map((ids) =>
        db.selectFrom('learning_sessions').select(['id', 'user_id', 'class_id']).where('id', 'in', ids).execute(),
      ),
    )) {
      for (const s of found) sessions.set(s.id, { userId: s.user_id, classId: s.class_id });
    }
    const classes = new Map<string, ClassAttributes>();
    for (const found of await Promise.all(
      chunks([...new Set([...sessions.values()].map((s) => s.classId))], 1000).map((ids) =>
        db
          .selectFrom('classes')
          .select(['id', 'region_code', 'institution_id', 'occupation_code'])
          .where('id', 'in', ids)
          .execute(),
      ),
    )) {
      for (const c of found)
        classes.set(c.id, {
          regionCode: c.region_code,
          institutionId: c.institution_id,
          occupationCode: c.occupation_code,
        });
    }
    return foldLearnerDays(groups, sessions, classes).rows;
  }

  // ---- deriving day totals -------------------------------------------------------------------------------------

  /** Derives stats_daily and stats_active_daily again for every dirty day, each day in one transaction. */
  private async deriveDirtyDays(): Promise<string[]> {
    const days = (await this.dirtyDays()).sort();
    for (const day of days) {
      await this.deps.db.transaction().execute(async (trx) => {
        await deriveDay(trx, day);
        await trx.deleteFrom('stats_dirty_days').where('day', '=', day).execute();
      });
    }
    return days;
  }

  /**
   * Platform figures per day: every day since the last closed one, and the days whose learning changed. A day is
   * closed once the records cursor has passed its end.
   */
  private async platformDays(changed: string[], settledBefore: number | null): Promise<void> {
    const { db, clock } = this.deps;
    await this.ensureCursor(PLATFORM_CURSOR);
    const today = beijingDate(clock.now());
    const closed = (
      await db
        .selectFrom('stats_cursors')
        .select('position')
        .where('name', '=', PLATFORM_CURSOR)
        .executeTakeFirstOrThrow()
    ).position;
    let first = closed ? addDaysTo(closed, 1) : null;
    if (!first) {
      const oldest = await db
        .selectFrom('users')
        .select((eb) => eb.fn.min('created_at').as('at'))
        .executeTakeFirst();
      first = oldest?.at ? beijingDate(String(oldest.at)) : today;
      const floor = addDaysTo(today, -400);
      if (first < floor) first = floor;
    }
    const days = new Set(changed.filter((d) => d <= today));
    for (let day = first; day <= today; day = addDaysTo(day, 1)) days.add(day);
    for (const day of [...days].sort()) await db.transaction().execute((trx) => derivePlatformDay(trx, day));
    // Once every record made before `settledBefore` is folded, the days before that one are over.
    if (settledBefore !== null) {
      const last = addDaysTo(beijingDate(Math.min(settledBefore, clock.now().getTime())), -1);
      if (last > closed)
        await db
          .updateTable('stats_cursors')
          .set({ position: last, updated_at: clock.now().toISOString() })
          .where('name', '=', PLATFORM_CURSOR)
          .execute();
    }
  }
}

async function upsertLearnerDays(trx: DbOrTrx, rows: LearnerDay[]): Promise<void> {
  for (const part of chunks(rows)) {
    await trx
      .insertInto('stats_learner_daily')
      .values(
        part.map((r) => ({
          day: r.day,
          class_id: r.classId,
          user_id: r.userId,
          region_code: r.regionCode,
          institution_id: r.institutionId,
          occupation_code: r.occupationCode,
          credited_ms: r.creditedMs,
          sessions: r.sessions,
          records: r.records,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['day', 'class_id', 'user_id']).doUpdateSet((eb) => ({
          credited_ms: eb(eb.ref('stats_learner_daily.credited_ms'), '+', eb.ref('excluded.credited_ms')),
          sessions: eb(eb.ref('stats_learner_daily.sessions'), '+', eb.ref('excluded.sessions')),
          records: eb(eb.ref('stats_learner_daily.records'), '+', eb.ref('excluded.records')),
        })),
      )
      .execute();
  }
}

/**
 * One day's totals per region, institution and occupation (stats_daily), and per scope — the nation, each province,
 * city and county prefix, each institution — its distinct learners with its totals (stats_active_daily) and its
 * totals per occupation for the region scopes (stats_occupation_daily), all from the learner rows. Dashboards read a
 * scope's own rows instead of summing stats_daily over a subtree.
 */
export async function deriveDay(trx: DbOrTrx, day: string): Promise<void> {
  await trx.deleteFrom('stats_daily').where('day', '=', day).execute();
  await trx
    .insertInto('stats_daily')
    .columns(['day', 'region_code', 'institution_id', 'occupation_code', 'active_learners', 'credited_ms', 'sessions'])
    .expression(
      trx
        .selectFrom('stats_learner_daily')
        .select((eb) => [
          'day',
          'region_code',
          'institution_id',
          'occupation_code',
          eb.fn.count<number>('user_id').distinct().as('active_learners'),
          eb.fn.sum<number>('credited_ms').as('credited_ms'),
          eb.fn.sum<number>('sessions').as('sessions'),
        ])
        .where('day', '=', day)
        .groupBy(['day', 'region_code', 'institution_id', 'occupation_code']),
    )
    .execute();

  type Totals = { learner_days: number; credited_ms: number; sessions: number };
  const scopes = new Map<string, Totals & { active_learners: number }>();
  const occupations = new Map<string, Totals & { scope: string; occupation_code: string }>();
  // The nation is grouped by day: a constant is not something PostgreSQL groups by.
  const levels: { key: (k: string) => string; expr: RawBuilder<string> }[] = [
    { key: () => 'n', expr: sql<string>`day` },
    { key: (k) => `r:${k}`, expr: sql<string>`substr(region_code, 1, 2)` },
    { key: (k) => `r:${k}`, expr: sql<string>`substr(region_code, 1, 4)` },
    { key: (k) => `r:${k}`, expr: sql<string>`region_code` },
    { key: (k) => `i:${k}`, expr: sql<string>`institution_id` },
  ];
  for (const [i, level] of levels.entries()) {
    const [active, totals] = await Promise.all([
      trx
        .selectFrom('stats_learner_daily')
        .select((eb) => [level.expr.as('k'), eb.fn.count<string | number>('user_id').distinct().as('n')])
        .where('day', '=', day)
        .groupBy(level.expr)
        .execute(),
      trx
        .selectFrom('stats_daily')
        .select((eb) => [
          level.expr.as('k'),
          'occupation_code',
          eb.fn.sum<string | number>('active_learners').as('learner_days'),
          eb.fn.sum<string | number>('credited_ms').as('credited_ms'),
          eb.fn.sum<string | number>('sessions').as('sessions'),
        ])
        .where('day', '=', day)
        .groupBy([level.expr, 'occupation_code'])
        .execute(),
    ]);
    for (const r of active)
      scopes.set(level.key(r.k), { active_learners: Number(r.n), learner_days: 0, credited_ms: 0, sessions: 0 });
    for (const r of totals) {
      const scope = level.key(r.k);
      const t = {
        learner_days: Number(r.learner_days),
        credited_ms: Number(r.credited_ms),
        sessions: Number(r.sessions),
      };
      const row = scopes.get(scope);
      if (row) {
        row.learner_days += t.learner_days;
        row.credited_ms += t.credited_ms;
        row.sessions += t.sessions;
      }
      // Institutions have their own stats_daily rows (by institution_id); only region scopes get occupation rows.
      if (i < 4) occupations.set(`${scope}|${r.occupation_code}`, { scope, occupation_code: r.occupation_code, ...t });
    }
  }
  await trx.deleteFrom('stats_active_daily').where('day', '=', day).execute();
  for (const part of chunks([...scopes]))
    await trx
      .insertInto('stats_active_daily')
      .values(part.map(([scope, v]) => ({ scope, day, ...v })))
      .execute();
  await trx.deleteFrom('stats_occupation_daily').where('day', '=', day).execute();
  for (const part of chunks([...occupations.values()]))
    await trx
      .insertInto('stats_occupation_daily')
      .values(part.map((v) => ({ day, ...v })))
      .execute();
}

/**
 * Registered users per role, region and institution, counted again over the users created before `bound`, with the
 * bound itself in the same transaction (readers add the users created at or after it: user-counts.ts). Counting again
 * on every run, rather than adjusting, keeps moves between regions and late commits right within a run.
 */
export async function deriveUserCounts(db: Kysely<Database>, bound: string): Promise<void> {
  const region = sql<string>`coalesce(region_code, '')`;
  const institution = sql<string>`coalesce(institution_id, '')`;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('stats_user_counts').execute();
    await trx
      .insertInto('stats_user_counts')
      .columns(['role', 'region_code', 'institution_id', 'users'])
      .expression(
        trx
          .selectFrom('users')
          .select((eb) => [
            'role',
            region.as('region_code'),
            institution.as('institution_id'),
            eb.fn.countAll<number>().as('users'),
          ])
          .where('created_at', '<', bound)
          .groupBy(['role', region, institution]),
      )
      .execute();
    await trx
      .insertInto('stats_cursors')
      .values({ name: USER_COUNTS_CURSOR, position: bound, updated_at: bound })
      .onConflict((oc) => oc.column('name').doUpdateSet({ position: bound, updated_at: bound }))
      .execute();
  });
}

/**
 * One day of platform figures per province of the user: sign-ins (new sessions: the platform's "visits"),
 * registrations, and active users — those who signed in or learnt that day.
 */
export async function derivePlatformDay(trx: DbOrTrx, day: string): Promise<void> {
  const { from, to } = cstDayBounds(day);
  const province = sql<string>`substr(coalesce(${sql.ref('users.region_code')}, ''), 1, 2)`;
  const [logins, registrations, active] = await Promise.all([
    trx
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select((eb) => [province.as('province'), eb.fn.countAll<string | number>().as('n')])
      .where('sessions.created_at', '>=', from)
      .where('sessions.created_at', '<', to)
      .groupBy(province)
      .execute(),
    trx
      .selectFrom('users')
      .select((eb) => [province.as('province'), eb.fn.countAll<string | number>().as('n')])
      .where('users.created_at', '>=', from)
      .where('users.created_at', '<', to)
      .groupBy(province)
      .execute(),
    trx
      .selectFrom('users')
      .select((eb) => [province.as('province'), eb.fn.countAll<string | number>().as('n')])
      .where(
        'users.id',
        'in',
        trx
          .selectFrom('sessions')
          .select('user_id')
          .where('created_at', '>=', from)
          .where('created_at', '<', to)
          .union(trx.selectFrom('stats_learner_daily').select('user_id').where('day', '=', day)),
      )
      .groupBy(province)
      .execute(),
  ]);
  const rows = new Map<string, { logins: number; registrations: number; active_users: number }>();
  const row = (p: string) => rows.get(p) ?? rows.set(p, { logins: 0, registrations: 0, active_users: 0 }).get(p)!;
  for (const r of logins) row(r.province).logins = Number(r.n);
  for (const r of registrations) row(r.province).registrations = Number(r.n);
  for (const r of active) row(r.province).active_users = Number(r.n);
  await trx.deleteFrom('stats_platform_daily').where('day', '=', day).execute();
  if (rows.size)
    await trx
      .insertInto('stats_platform_daily')
      .values([...rows].map(([p, v]) => ({ day, province: p, ...v })))
      .execute();
}
