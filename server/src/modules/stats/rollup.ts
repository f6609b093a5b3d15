// Pure parts of the statistics roll-up: which China Standard Time day a record belongs to, how grouped records fold
// into learner-days, the id bound that separates settled records from ones that may still be committing, and the
// scope keys of the distinct-learner counts.

import { CST_OFFSET_MS } from '../../platform/time.js';

const DAY_MS = 86_400_000;

/** The CST day of a UTC hour written 'YYYY-MM-DDTHH' (the first 13 characters of a stored ISO timestamp). */
export function cstDayOfUtcHour(hour: string): string {
  return new Date(Date.parse(`${hour}:00:00.000Z`) + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a CST day starts and the next one starts, as stored timestamps (ISO UTC). */
export function cstDayBounds(day: string): { from: string; to: string } {
  const start = Date.parse(`${day}T00:00:00.000Z`) - CST_OFFSET_MS;
  return { from: new Date(start).toISOString(), to: new Date(start + DAY_MS).toISOString() };
}

/** `n` CST days ending with `last`, oldest first. */
export function daysEndingWith(last: string, n: number): string[] {
  const end = Date.parse(`${last}T00:00:00.000Z`);
  return Array.from({ length: n }, (_, i) => new Date(end - (n - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

export function addDaysTo(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export { idFloor } from '../../platform/ids.js';

/** The creation time of a UUIDv7 id, in ms. */
export function idTime(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** Records of one session in one UTC hour, as the roll-up query groups them. */
export type RecordGroup = { sessionId: string; hour: string; records: number; started: number; creditedMs: number };
export type SessionOwner = { userId: string; classId: string };
export type ClassAttributes = { regionCode: string; institutionId: string; occupationCode: string };

export type LearnerDay = ClassAttributes & {
  day: string;
  classId: string;
  userId: string;
  creditedMs: number;
  sessions: number;
  records: number;
};

export const learnerDayKey = (r: { day: string; classId: string; userId: string }) =>
  `${r.day}|${r.classId}|${r.userId}`;

/**
 * Folds grouped records into one row per learner, class and CST day. Groups of a session or class the lookups do not
 * know are left out (and returned, so the caller can tell).
 */
export function foldLearnerDays(
  groups: RecordGroup[],
  sessions: Map<string, SessionOwner>,
  classes: Map<string, ClassAttributes>,
): { rows: LearnerDay[]; unknown: RecordGroup[] } {
  const out = new Map<string, LearnerDay>();
  const unknown: RecordGroup[] = [];
  for (const g of groups) {
    const owner = sessions.get(g.sessionId);
    const klass = owner ? classes.get(owner.classId) : undefined;
    if (!owner || !klass) {
      unknown.push(g);
      continue;
    }
    const row = { day: cstDayOfUtcHour(g.hour), classId: owner.classId, userId: owner.userId };
    const key = learnerDayKey(row);
    const have = out.get(key);
    if (have) {
      have.creditedMs += g.creditedMs;
      have.sessions += g.started;
      have.records += g.records;
    } else {
      out.set(key, { ...row, ...klass, creditedMs: g.creditedMs, sessions: g.started, records: g.records });
    }
  }
  return { rows: [...out.values()], unknown };
}

/** Adds learner-days together (the roll-up's upsert does the same in SQL). */
export function mergeLearnerDays(...parts: LearnerDay[][]): LearnerDay[] {
  const out = new Map<string, LearnerDay>();
  for (const row of parts.flat()) {
    const key = learnerDayKey(row);
    const have = out.get(key);
    if (have)
      out.set(key, {
        ...have,
        creditedMs: have.creditedMs + row.creditedMs,
        sessions: have.sessions + row.sessions,
        records: have.records + row.records,
      });
    else out.set(key, { ...row });
  }
  return [...out.values()];
}

/**
 * What a dashboard covers: a region subtree by code prefix ('' for the whole country) or one institution. The key
 * names the scope's row in stats_active_daily.
 */
export type StatsScope = { kind: 'region'; prefix: string } | { kind: 'institution'; institutionId: string };

export function scopeKey(scope: StatsScope): string {
  if (scope.kind === 'institution') return `i:${scope.institutionId}`;
  return scope.prefix === '' ? 'n' : `r:${scope.prefix}`;
}

/** Whether a learner-day (through its class) lies inside a scope. */
export function inScope(row: { regionCode: string; institutionId: string }, scope: StatsScope): boolean {
  return scope.kind === 'institution'
    ? row.institutionId === scope.institutionId
    : row.regionCode.startsWith(scope.prefix);
}

/** Every scope key a class's learning counts towards: the nation, its province, city and county prefixes, its institution. */
export function scopeKeysOf(row: { regionCode: string; institutionId: string }): string[] {
  const code = row.regionCode;
  return ['n', `r:${code.slice(0, 2)}`, `r:${code.slice(0, 4)}`, `r:${code}`, `i:${row.institutionId}`];
}

export const hoursOf = (ms: number): number => Math.round(ms / 360_000) / 10;
