import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/index.js';
import type { WorkCalendar } from './working-days.js';
import { beijingDate } from '../../platform/time.js';
import { PUBLIC_HOLIDAY_NOTICES } from './data/public-holidays.js';
import { calendarOf, checkYear, expandNotice, type CalendarDay } from './work-calendar.js';

export const calendarPermissions = declarePermissions({
  'calendar.read': ['institution_admin', 'teacher', 'regulator', 'operator'],
  'calendar.manage': ['operator'],
});

export type CalendarYear = { year: number; days: (CalendarDay & { source: string; updatedAt: string })[] };

/** Deadlines reach at most a few weeks ahead: this much of the calendar is read for one. */
const LOOKAHEAD_DAYS = 120;

/**
 * The calendar a deadline counts with, from the day of `from` on. Read per deadline (one indexed range read): review
 * submissions are rare, and every node then sees the operator's latest change at once.
 */
export async function workCalendarFrom(db: DbOrTrx, from: Date): Promise<WorkCalendar> {
  const first = beijingDate(from);
  const last = beijingDate(from.getTime() + LOOKAHEAD_DAYS * 86_400_000);
  const rows = await db
    .selectFrom('work_calendar')
    .select(['day', 'kind', 'name'])
    .where('day', '>=', first)
    .where('day', '<=', last)
    .execute();
  return calendarOf(rows);
}

/** Ships the State Council notices the platform knows: a year is written only if it has no days yet (operator edits win). */
export async function seedWorkCalendar(db: Kysely<Database>, clock: Clock): Promise<void> {
  for (const notice of PUBLIC_HOLIDAY_NOTICES) {
    const existing = await db
      .selectFrom('work_calendar')
      .select('day')
      .where('day', '>=', `${notice.year}-01-01`)
      .where('day', '<=', `${notice.year}-12-31`)
      .executeTakeFirst();
    if (existing) continue;
    const now = clock.now().toISOString();
    await db
      .insertInto('work_calendar')
      .values(expandNotice(notice).map((d) => ({ ...d, source: notice.source, updated_at: now, updated_by: null })))
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
  }
}

/** The working-day calendar: read by staff, kept by the operator a year at a time. */
export class CalendarService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }) {}

  async year(actor: Actor, year: number): Promise<CalendarYear> {
    requirePermission(actor, calendarPermissions['calendar.read']);
    return this.read(this.deps.db, year);
  }

  /** Replaces a year's days as a whole (what the operator's page edits), audited with what was before. */
  async replaceYear(actor: Actor, year: number, days: CalendarDay[], meta: RequestMeta): Promise<CalendarYear> {
    requirePermission(actor, calendarPermissions['calendar.manage']);
    const issues = checkYear(year, days);
    if (issues.length > 0) {
      const first = issues[0];
      throw new AppError(
        first.problem === 'workday_not_weekend' ? 'CALENDAR_WORKDAY_NOT_WEEKEND' : 'CALENDAR_DAY_INVALID',
        {
          field: `days.${first.index}.day`,
          params: { day: first.day },
          details: { issues },
        },
      );
    }
    const now = this.deps.clock.now().toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const before = await this.read(trx, year);
      const kept = new Map(before.days.map((d) => [d.day, d]));
      await trx
        .deleteFrom('work_calendar')
        .where('day', '>=', `${year}-01-01`)
        .where('day', '<=', `${year}-12-31`)
        .execute();
      if (days.length > 0) {
        await trx
          .insertInto('work_calendar')
          .values(
            days.map((d) => {
              // A day left as it was keeps where it came from; a new or changed one is the operator's.
              const old = kept.get(d.day);
              const same = old && old.kind === d.kind && old.name === d.name;
              return {
                day: d.day,
                kind: d.kind,
                name: d.name,
                source: same ? old.source : 'operator',
                updated_at: same ? old.updatedAt : now,
                updated_by: same ? null : actor.userId,
              };
            }),
          )
          .execute();
      }
      const added = days.filter((d) => !kept.has(d.day)).map((d) => d.day);
      const removed = before.days.filter((d) => !days.some((n) => n.day === d.day)).map((d) => d.day);
      await this.deps.audit.record(trx, {
        actor,
        action: 'calendar.year_replaced',
        targetType: 'work_calendar',
        targetId: String(year),
        meta,
        details: {
          year,
          holidays: days.filter((d) => d.kind === 'holiday').length,
          workdays: days.filter((d) => d.kind === 'workday').length,
          added,
          removed,
        },
      });
      return this.read(trx, year);
    });
  }

  private async read(db: DbOrTrx, year: number): Promise<CalendarYear> {
    const rows = await db
      .selectFrom('work_calendar')
      .selectAll()
      .where('day', '>=', `${year}-01-01`)
      .where('day', '<=', `${year}-12-31`)
      .orderBy('day')
      .execute();
    return {
      year,
      days: rows.map((r) => ({ day: r.day, kind: r.kind, name: r.name, source: r.source, updatedAt: r.updated_at })),
    };
  }
}
