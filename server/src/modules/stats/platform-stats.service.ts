import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor } from '../../platform/context.js';
import { beijingDate } from '../../platform/time.js';
import { listChildRegions } from '../regions/index.js';
import type { DashboardService } from './dashboard.service.js';
import { TREND_DAYS } from './dashboard.service.js';
import { cstDayBounds, daysEndingWith, hoursOf, type LearnerDay } from './rollup.js';
import type { RollupService } from './rollup.service.js';
import { countUsers, countUsersBy } from './user-counts.js';
import { statsPermissions } from './stats.scope.js';

export type PlatformStats = {
  today: string;
  asOf: string;
  rolledUpTo: string | null;
  cards: {
    users: number;
    learners: number;
    institutions: number;
    visitsToday: number;
    registrationsToday: number;
    activeUsersToday: number;
    creditedHoursToday: number;
    creditedHoursTotal: number;
  };
  trend: {
    day: string;
    visits: number;
    registrations: number;
    activeUsers: number;
    activeLearners: number;
    creditedHours: number;
  }[];
  byProvince: {
    code: string;
    name: string;
    learners: number;
    institutions: number;
    visits: number;
    registrations: number;
    avgDailyActiveUsers: number;
    creditedHours: number;
  }[];
};

const n = (v: unknown) => Number(v ?? 0);

/**
 * Platform statistics for the operator, nationwide: visits (sign-ins: each new session is a visit), registrations,
 * daily active users (signed in or learnt that day) and learning hours, per day and per province. Past days come from
 * stats_platform_daily; today is counted live.
 */
export class PlatformStatsService {
  constructor(
    private readonly deps: { db: Kysely<Database>; clock: Clock; rollup: RollupService; dashboards: DashboardService },
  ) {}

  async platform(actor: Actor): Promise<PlatformStats> {
    requirePermission(actor, statsPermissions['stats.platform']);
    const { db, clock, rollup, dashboards } = this.deps;
    const now = clock.now();
    const today = beijingDate(now);
    const window = daysEndingWith(today, TREND_DAYS);
    const { from } = cstDayBounds(today);
    const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }) =>
      n((await q.executeTakeFirstOrThrow()).n);
    // What lies beyond the roll-up's cursor is read once and used for both the hours and the active users.
    const pending = await rollup.pending();
    // Independent reads run side by side on the pool's connections.
    const [
      learning,
      past,
      byProvince,
      rolledUpTo,
      users,
      learners,
      institutions,
      visitsToday,
      registrationsToday,
      activeToday,
    ] = await Promise.all([
      dashboards.learning({ kind: 'region', prefix: '' }, today, pending),
      db
        .selectFrom('stats_platform_daily')
        .select((eb) => [
          'day',
          eb.fn.sum<string | number>('logins').as('logins'),
          eb.fn.sum<string | number>('registrations').as('registrations'),
          eb.fn.sum<string | number>('active_users').as('active'),
        ])
        .where('day', '>=', window[0])
        .where('day', '<', today)
        .groupBy('day')
        .execute(),
      this.byProvince(window),
      rollup.rolledUpTo(),
      countUsers(db, {}),
      countUsers(db, { role: 'learner' }),
      count(
        db
          .selectFrom('institutions')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'active'),
      ),
      count(
        db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('created_at', '>=', from),
      ),
      count(
        db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('created_at', '>=', from),
      ),
      this.activeUsersToday(today, from, pending),
    ]);
    const trend = window.map((day) => {
      const p = past.find((r) => r.day === day);
      const l = learning.byDay.get(day);
      const isToday = day === today;
      return {
        day,
        visits: isToday ? visitsToday : n(p?.logins),
        registrations: isToday ? registrationsToday : n(p?.registrations),
        activeUsers: isToday ? activeToday : n(p?.active),
        activeLearners: l?.active ?? 0,
        creditedHours: hoursOf(l?.creditedMs ?? 0),
      };
    });
    return {
      today,
      asOf: now.toISOString(),
      rolledUpTo,
      cards: {
        users,
        learners,
        institutions,
        visitsToday,
        registrationsToday,
        activeUsersToday: activeToday,
        creditedHoursToday: hoursOf(learning.byDay.get(today)?.creditedMs ?? 0),
        creditedHoursTotal: hoursOf(learning.totalMs),
      },
      trend,
      byProvince,
    };
  }

  /** Signed in today, or learnt today (rolled-up learner rows and the records beyond the cursor). */
  private async activeUsersToday(today: string, from: string, pending: LearnerDay[]): Promise<number> {
    const { db } = this.deps;
    const union = db
      .selectFrom('sessions')
      .select('user_id')
      .where('created_at', '>=', from)
      .union(db.selectFrom('stats_learner_daily').select('user_id').where('day', '=', today));
    const base = n(
      (
        await db
          .selectFrom(union.as('u'))
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const live = [...new Set(pending.filter((r) => r.day === today).map((r) => r.userId))];
    let newcomers = live.length;
    for (let i = 0; i < live.length; i += 500) {
      const part = live.slice(i, i + 500);
      const known = await db
        .selectFrom(
          db
            .selectFrom('sessions')
            .select('user_id')
            .where('created_at', '>=', from)
            .where('user_id', 'in', part)
            .union(
              db
                .selectFrom('stats_learner_daily')
                .select('user_id')
                .where('day', '=', today)
                .where('user_id', 'in', part),
            )
            .as('k'),
        )
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      newcomers -= n(known.n);
    }
    return base + newcomers;
  }

  /** Per province over the trend window (roll-ups as of the last run), with registered learners and institutions now. */
  private async byProvince(window: string[]): Promise<PlatformStats['byProvince']> {
    const { db } = this.deps;
    const [from, to] = [window[0], window[window.length - 1]];
    const province = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 2)`;
    const [provinces, learners, institutions, platform, learning] = await Promise.all([
      listChildRegions(db, null),
      countUsersBy(db, { role: 'learner', withRegion: true }, { regionLength: 2 }),
      db
        .selectFrom('institutions')
        .select((eb) => [province('institutions.region_code').as('k'), eb.fn.countAll<string | number>().as('n')])
        .where('status', '=', 'active')
        .groupBy(province('institutions.region_code'))
        .execute(),
      db
        .selectFrom('stats_platform_daily')
        .select((eb) => [
          'province',
          eb.fn.sum<string | number>('logins').as('logins'),
          eb.fn.sum<string | number>('registrations').as('registrations'),
          eb.fn.sum<string | number>('active_users').as('active'),
        ])
        .where('day', '>=', from)
        .where('day', '<=', to)
        .groupBy('province')
        .execute(),
      // The provinces' own rows ('r:' and two digits), not stats_daily over the whole country.
      db
        .selectFrom('stats_active_daily')
        .select((eb) => [
          sql<string>`substr(scope, 3, 2)`.as('k'),
          eb.fn.sum<string | number>('credited_ms').as('credited'),
        ])
        .where('scope', '>=', 'r:')
        .where('scope', '<', 'r;')
        .where(sql<number>`length(scope)`, '=', 4)
        .where('day', '>=', from)
        .where('day', '<=', to)
        .groupBy(sql`substr(scope, 3, 2)`)
        .execute(),
    ]);
    return provinces
      .map((p) => {
        const k = p.code.slice(0, 2);
        const pl = platform.find((r) => r.province === k);
        return {
          code: p.code,
          name: p.name,
          learners: learners.get(k) ?? 0,
          institutions: n(institutions.find((r) => r.k === k)?.n),
          visits: n(pl?.logins),
          registrations: n(pl?.registrations),
          avgDailyActiveUsers: Math.round((n(pl?.active) / window.length) * 10) / 10,
          creditedHours: hoursOf(n(learning.find((r) => r.k === k)?.credited)),
        };
      })
      .filter((r) => r.learners || r.institutions || r.visits || r.registrations || r.creditedHours)
      .sort((a, b) => b.creditedHours - a.creditedHours || b.learners - a.learners);
  }
}
