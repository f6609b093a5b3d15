import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor } from '../../platform/context.js';
import { beijingDate } from '../../platform/time.js';
import { listChildRegions, regionPrefix } from '../regions/index.js';
import { alertCountsByType, type AlertCount } from './alert-counts.js';
import { daysEndingWith, hoursOf, inScope, scopeKey, type LearnerDay, type StatsScope } from './rollup.js';
import type { RollupService } from './rollup.service.js';
import { countUsers, countUsersBy } from './user-counts.js';
import {
  resolveScope,
  statsPermissions,
  wherePrefix,
  whereScope,
  type ResolvedScope,
  type ScopeLevel,
} from './stats.scope.js';

export const TREND_DAYS = 30;

export type DayFigures = { day: string; activeLearners: number; creditedHours: number; sessions: number };
export type BreakdownRow = {
  key: string;
  name: string;
  learners: number | null;
  institutions: number | null;
  activeClasses: number | null;
  creditedHours: number;
  learnerDays: number;
  sessions: number;
  avgDailyActive: number;
};
export type Dashboard = {
  scope: {
    level: ScopeLevel;
    name: string;
    regionCode: string | null;
    institutionId: string | null;
    up: ResolvedScope['up'];
  };
  today: string;
  asOf: string;
  rolledUpTo: string | null;
  cards: {
    learners: number;
    institutions: number | null;
    activeClasses: number;
    activeLearnersToday: number;
    creditedHoursToday: number;
    sessionsToday: number;
    creditedHoursTotal: number;
    alerts: number;
  };
  alertsByType: AlertCount[];
  trend: DayFigures[];
  breakdown: { by: 'region' | 'institution' | 'class'; rows: BreakdownRow[] };
  byOccupation: {
    code: string;
    name: string;
    nameEn: string;
    creditedHours: number;
    learnerDays: number;
    sessions: number;
  }[];
};

type Figures = { active: number; creditedMs: number; sessions: number };
const n = (v: unknown) => Number(v ?? 0);

/**
 * The supervision dashboards: a region subtree (regulators; the operator for any region or the nation) or one
 * institution. Past days come from the roll-ups; today, and any day the roll-up has yet to derive, are counted from
 * the learner rows plus the records beyond the roll-up's cursor, so the cards are current to the last heartbeat.
 * Breakdowns (by region, institution, class, occupation) read the roll-ups only: they are as fresh as the last run.
 */
export class DashboardService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; rollup: RollupService }) {}

  async dashboard(actor: Actor, query: { region?: string; institutionId?: string }): Promise<Dashboard> {
    requirePermission(actor, statsPermissions['stats.dashboard']);
    const { db, clock, rollup } = this.deps;
    const scope = await resolveScope(db, actor, query);
    const now = clock.now();
    const today = beijingDate(now);
    const window = daysEndingWith(today, TREND_DAYS);
    // Independent reads run side by side on the pool's connections.
    const [learning, cards, alertsByType, breakdown, byOccupation, rolledUpTo] = await Promise.all([
      this.learning(scope.stats, today),
      this.cards(scope, today),
      alertCountsByType(db, scope.stats),
      this.breakdown(scope, window),
      this.byOccupation(scope.stats, window),
      rollup.rolledUpTo(),
    ]);
    const todays = learning.byDay.get(today) ?? { active: 0, creditedMs: 0, sessions: 0 };
    return {
      scope: {
        level: scope.level,
        name: scope.name,
        regionCode: scope.regionCode,
        institutionId: scope.institutionId,
        up: scope.up,
      },
      today,
      asOf: now.toISOString(),
      rolledUpTo,
      cards: {
        ...cards,
        activeLearnersToday: todays.active,
        creditedHoursToday: hoursOf(todays.creditedMs),
        sessionsToday: todays.sessions,
        creditedHoursTotal: hoursOf(learning.totalMs),
        alerts: alertsByType.reduce((sum, a) => sum + a.count, 0),
      },
      alertsByType,
      trend: window.map((day) => {
        const f = learning.byDay.get(day) ?? { active: 0, creditedMs: 0, sessions: 0 };
        return { day, activeLearners: f.active, creditedHours: hoursOf(f.creditedMs), sessions: f.sessions };
      }),
      breakdown,
      byOccupation,
    };
  }

  /**
   * Learning per day over the trend window and the all-time credited total. Days the roll-up has derived are read from
   * the scope's own rows in stats_active_daily; days waiting to be derived again are counted from stats_learner_daily;
   * the records beyond the cursor are added on top (learners already counted that day are not counted twice).
   */
  async learning(
    scope: StatsScope,
    today: string,
    pendingRows?: LearnerDay[],
  ): Promise<{ byDay: Map<string, Figures>; totalMs: number }> {
    const { db, rollup } = this.deps;
    const window = daysEndingWith(today, TREND_DAYS);
    const [pending, dirty] = await Promise.all([pendingRows ?? rollup.pending(scope), rollup.dirtyDays()]);
    const live = pending.filter((r) => inScope(r, scope));
    const key = scopeKey(scope);
    const notDirty = <O>(
      qb: SelectQueryBuilder<Database, 'stats_active_daily', O>,
    ): SelectQueryBuilder<Database, 'stats_active_daily', O> => (dirty.length ? qb.where('day', 'not in', dirty) : qb);
    const liveDays = [...new Set(live.map((r) => r.day))];

    const [settled, older, direct, liveFigures] = await Promise.all([
      notDirty(
        db
          .selectFrom('stats_active_daily')
          .select(['day', 'active_learners', 'credited_ms', 'sessions'])
          .where('scope', '=', key)
          .where('day', '>=', window[0])
          .where('day', '<=', today),
      ).execute(),
      notDirty(
        db
          .selectFrom('stats_active_daily')
          .select((eb) => eb.fn.sum<string | number>('credited_ms').as('credited'))
          .where('scope', '=', key),
      ).executeTakeFirst(),
      Promise.all(dirty.map((day) => this.fromLearnerRows(scope, day))),
      Promise.all(
        liveDays.map((day) =>
          this.liveFigures(
            scope,
            day,
            live.filter((r) => r.day === day),
          ),
        ),
      ),
    ]);
    const byDay = new Map<string, Figures>();
    for (const r of settled)
      byDay.set(r.day, { active: n(r.active_learners), creditedMs: n(r.credited_ms), sessions: n(r.sessions) });
    let totalMs = n(older?.credited);
    dirty.forEach((day, i) => {
      const f = direct[i];
      totalMs += f.creditedMs;
      byDay.set(day, f);
    });
    liveDays.forEach((day, i) => {
      const f = liveFigures[i];
      const base = byDay.get(day) ?? { active: 0, creditedMs: 0, sessions: 0 };
      totalMs += f.creditedMs;
      byDay.set(day, {
        active: base.active + f.active,
        creditedMs: base.creditedMs + f.creditedMs,
        sessions: base.sessions + f.sessions,
      });
    });
    for (const day of byDay.keys()) if (day < window[0] || day > today) byDay.delete(day);
    return { byDay, totalMs };
  }

  /** A day not derived since its learner rows changed, counted from them. */
  private async fromLearnerRows(scope: StatsScope, day: string): Promise<Figures> {
    const rolled = await whereScope(
      this.deps.db
        .selectFrom('stats_learner_daily')
        .select((eb) => [
          eb.fn.count<string | number>('user_id').distinct().as('active'),
          eb.fn.sum<string | number>('credited_ms').as('credited'),
          eb.fn.sum<string | number>('sessions').as('sessions'),
        ])
        .where('day', '=', day),
      scope,
    ).executeTakeFirstOrThrow();
    return { active: n(rolled.active), creditedMs: n(rolled.credited), sessions: n(rolled.sessions) };
  }

  /** What the records beyond the cursor add to a day: their credit and sessions, and learners not yet counted that day. */
  private async liveFigures(scope: StatsScope, day: string, live: LearnerDay[]): Promise<Figures> {
    const { db } = this.deps;
    const liveUsers = [...new Set(live.map((r) => r.userId))];
    let newcomers = liveUsers.length;
    const parts = Array.from({ length: Math.ceil(liveUsers.length / 1000) }, (_, i) =>
      liveUsers.slice(i * 1000, (i + 1) * 1000),
    );
    for (const known of await Promise.all(
      parts.map((part) =>
        whereScope(
          db
            .selectFrom('stats_learner_daily')
            .select('user_id')
            .distinct()
            .where('day', '=', day)
            .where('user_id', 'in', part),
          scope,
        ).execute(),
      ),
    ))
      newcomers -= known.length;
    return {
      active: newcomers,
      creditedMs: live.reduce((sum, r) => sum + r.creditedMs, 0),
      sessions: live.reduce((sum, r) => sum + r.sessions, 0),
    };
  }

  private async cards(scope: ResolvedScope, today: string) {
    const { db } = this.deps;
    const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }) =>
      n((await q.executeTakeFirstOrThrow()).n);
    const classesQ = db
      .selectFrom('classes')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'approved')
      .where('start_date', '<=', today)
      .where('end_date', '>=', today);
    const [learners, institutions, activeClasses] = await Promise.all([
      countUsers(db, { role: 'learner', scope: scope.stats }),
      scope.stats.kind === 'institution'
        ? null
        : count(
            whereScope(
              db
                .selectFrom('institutions')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('status', '=', 'active'),
              scope.stats,
              { region: 'region_code', institution: 'id' },
            ),
          ),
      count(whereScope(classesQ, scope.stats)),
    ]);
    return { learners, institutions, activeClasses };
  }

  /** Per child region (nation → provinces → cities → counties), per institution in a county, per class of an institution. */
  private async breakdown(scope: ResolvedScope, window: string[]): Promise<Dashboard['breakdown']> {
    const { db } = this.deps;
    const [from, to] = [window[0], window[window.length - 1]];
    const days = window.length;
    if (scope.stats.kind === 'institution') {
      const institutionId = scope.stats.institutionId;
      const [classes, enrolled, learning] = await Promise.all([
        db
          .selectFrom('classes')
          .select(['id', 'name', 'status', 'start_date', 'end_date'])
          .where('institution_id', '=', institutionId)
          .where('status', 'in', ['approved', 'closed'])
          .orderBy('start_date', 'desc')
          .limit(200)
          .execute(),
        db
          .selectFrom('enrolments')
          .innerJoin('classes', 'classes.id', 'enrolments.class_id')
          .select((eb) => ['enrolments.class_id', eb.fn.countAll<string | number>().as('n')])
          .where('classes.institution_id', '=', institutionId)
          .where('enrolments.status', '=', 'enrolled')
          .groupBy('enrolments.class_id')
          .execute(),
        db
          .selectFrom('stats_learner_daily')
          .select((eb) => [
            'class_id',
            eb.fn.sum<string | number>('credited_ms').as('credited'),
            eb.fn.countAll<string | number>().as('learner_days'),
            eb.fn.sum<string | number>('sessions').as('sessions'),
          ])
          .where('institution_id', '=', institutionId)
          .where('day', '>=', from)
          .where('day', '<=', to)
          .groupBy('class_id')
          .execute(),
      ]);
      const rows = classes.map((c): BreakdownRow => {
        const l = learning.find((x) => x.class_id === c.id);
        return {
          key: c.id,
          name: c.name,
          learners: n(enrolled.find((e) => e.class_id === c.id)?.n),
          institutions: null,
          activeClasses: null,
          creditedHours: hoursOf(n(l?.credited)),
          learnerDays: n(l?.learner_days),
          sessions: n(l?.sessions),
          avgDailyActive: round1(n(l?.learner_days) / days),
        };
      });
      return { by: 'class', rows: sortRows(rows) };
    }

    const prefix = scope.stats.prefix;
    const today = to;
    if (scope.level === 'county') {
      const institutions = await wherePrefix(
        db.selectFrom('institutions').select(['id', 'name']),
        'region_code',
        prefix,
      )
        .where('status', 'in', ['active', 'suspended'])
        .execute();
      const ids = institutions.map((i) => i.id);
      if (ids.length === 0) return { by: 'institution', rows: [] };
      const [learners, classes, learning] = await Promise.all([
        countUsersBy(db, { role: 'learner', institutionIds: ids }, 'institution'),
        db
          .selectFrom('classes')
          .select((eb) => ['institution_id', eb.fn.countAll<string | number>().as('n')])
          .where('status', '=', 'approved')
          .where('start_date', '<=', today)
          .where('end_date', '>=', today)
          .where('institution_id', 'in', ids)
          .groupBy('institution_id')
          .execute(),
        this.scopeTotals(
          ids.map((id) => `i:${id}`),
          from,
          to,
        ),
      ]);
      const rows = institutions.map((i): BreakdownRow => {
        const l = learning.get(`i:${i.id}`);
        return {
          key: i.id,
          name: i.name,
          learners: learners.get(i.id) ?? 0,
          institutions: null,
          activeClasses: n(classes.find((x) => x.institution_id === i.id)?.n),
          creditedHours: hoursOf(n(l?.credited)),
          learnerDays: n(l?.learner_days),
          sessions: n(l?.sessions),
          avgDailyActive: round1(n(l?.active) / days),
        };
      });
      return { by: 'institution', rows: sortRows(rows) };
    }

    // Child regions: the prefix of each child is two digits longer (the nation's children are provinces).
    const children = await listChildRegions(db, scope.regionCode);
    const length = prefix.length + 2;
    const childPrefix = (code: string) => (length === 2 ? code.slice(0, 2) : regionPrefix(code));
    const part = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, ${sql.lit(length)})`;
    const [learners, institutions, classes, learning] = await Promise.all([
      countUsersBy(db, { role: 'learner', scope: scope.stats }, { regionLength: length }),
      wherePrefix(
        db
          .selectFrom('institutions')
          .select((eb) => [part('region_code').as('k'), eb.fn.countAll<string | number>().as('n')])
          .where('status', '=', 'active'),
        'region_code',
        prefix,
      )
        .groupBy(part('region_code'))
        .execute(),
      wherePrefix(
        db
          .selectFrom('classes')
          .select((eb) => [part('region_code').as('k'), eb.fn.countAll<string | number>().as('n')])
          .where('status', '=', 'approved')
          .where('start_date', '<=', today)
          .where('end_date', '>=', today),
        'region_code',
        prefix,
      )
        .groupBy(part('region_code'))
        .execute(),
      this.scopeTotals(
        children.map((c) => `r:${childPrefix(c.code)}`),
        from,
        to,
      ),
    ]);
    const rows = children.map((c): BreakdownRow => {
      const k = childPrefix(c.code);
      const l = learning.get(`r:${k}`);
      return {
        key: c.code,
        name: c.name,
        learners: learners.get(k) ?? 0,
        institutions: n(institutions.find((x) => x.k === k)?.n),
        activeClasses: n(classes.find((x) => x.k === k)?.n),
        creditedHours: hoursOf(n(l?.credited)),
        learnerDays: n(l?.learner_days),
        sessions: n(l?.sessions),
        avgDailyActive: round1(n(l?.active) / days),
      };
    });
    // Regions with nothing at all are left out of the nation's list (34 provinces, most empty on a regional install).
    const kept = rows.filter((r) => scope.level !== 'nation' || r.learners || r.institutions || r.creditedHours);
    return { by: 'region', rows: sortRows(kept) };
  }

  /** Totals over the window of the given scopes' own rows (stats_active_daily), by scope key. */
  private async scopeTotals(keys: string[], from: string, to: string) {
    if (keys.length === 0)
      return new Map<string, { credited: unknown; learner_days: unknown; sessions: unknown; active: unknown }>();
    const rows = await this.deps.db
      .selectFrom('stats_active_daily')
      .select((eb) => [
        'scope',
        eb.fn.sum<string | number>('credited_ms').as('credited'),
        eb.fn.sum<string | number>('learner_days').as('learner_days'),
        eb.fn.sum<string | number>('sessions').as('sessions'),
        eb.fn.sum<string | number>('active_learners').as('active'),
      ])
      .where('scope', 'in', keys)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy('scope')
      .execute();
    return new Map(rows.map((r) => [r.scope, r]));
  }

  private async byOccupation(scope: StatsScope, window: string[]): Promise<Dashboard['byOccupation']> {
    const { db } = this.deps;
    const [from, to] = [window[0], window[window.length - 1]];
    // A region reads its own rows per occupation; an institution its few rows of stats_daily.
    const rows =
      scope.kind === 'region'
        ? await db
            .selectFrom('stats_occupation_daily')
            .leftJoin('occupations', 'occupations.code', 'stats_occupation_daily.occupation_code')
            .select((eb) => [
              'stats_occupation_daily.occupation_code',
              'occupations.name_zh',
              'occupations.name_en',
              eb.fn.sum<string | number>('stats_occupation_daily.credited_ms').as('credited'),
              eb.fn.sum<string | number>('stats_occupation_daily.learner_days').as('learner_days'),
              eb.fn.sum<string | number>('stats_occupation_daily.sessions').as('sessions'),
            ])
            .where('stats_occupation_daily.scope', '=', scopeKey(scope))
            .where('stats_occupation_daily.day', '>=', from)
            .where('stats_occupation_daily.day', '<=', to)
            .groupBy(['stats_occupation_daily.occupation_code', 'occupations.name_zh', 'occupations.name_en'])
            .execute()
        : await db
            .selectFrom('stats_daily')
            .leftJoin('occupations', 'occupations.code', 'stats_daily.occupation_code')
            .select((eb) => [
              'stats_daily.occupation_code',
              'occupations.name_zh',
              'occupations.name_en',
              eb.fn.sum<string | number>('stats_daily.credited_ms').as('credited'),
              eb.fn.sum<string | number>('stats_daily.active_learners').as('learner_days'),
              eb.fn.sum<string | number>('stats_daily.sessions').as('sessions'),
            ])
            .where('stats_daily.institution_id', '=', scope.institutionId)
            .where('stats_daily.day', '>=', from)
            .where('stats_daily.day', '<=', to)
            .groupBy(['stats_daily.occupation_code', 'occupations.name_zh', 'occupations.name_en'])
            .execute();
    return rows
      .map((r) => ({
        code: r.occupation_code,
        name: r.name_zh ?? r.occupation_code,
        nameEn: r.name_en ?? r.occupation_code,
        creditedHours: hoursOf(n(r.credited)),
        learnerDays: n(r.learner_days),
        sessions: n(r.sessions),
      }))
      .sort((a, b) => b.creditedHours - a.creditedHours || b.learnerDays - a.learnerDays)
      .slice(0, 10);
  }
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const sortRows = (rows: BreakdownRow[]) =>
  rows.sort(
    (a, b) =>
      b.creditedHours - a.creditedHours || b.learnerDays - a.learnerDays || (b.learners ?? 0) - (a.learners ?? 0),
  );
