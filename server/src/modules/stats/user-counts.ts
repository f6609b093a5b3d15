import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import type { StatsScope } from './rollup.js';
import { USER_COUNTS_CURSOR } from './rollup.service.js';
import { prefixRange } from './stats.scope.js';

// Registered users without counting the users table at read time: the roll-up job's counts per role, region and
// institution (stats_user_counts, over the users created before its bound) plus the users created since, found
// through the created_at index. The bound is passed as a value, not a subquery, so that the planner knows the range is
// small (with a subquery it scanned all users); it is read again afterwards, and a roll-up that committed new counts
// in between makes the read start over, so no user counts twice or not at all. A user moved to another region (their
// institution's region corrected) is counted where they are once the next run has counted again (within a minute).

export type UserCountFilter = { role?: 'learner'; scope?: StatsScope; institutionIds?: string[]; withRegion?: boolean };
export type UserCountKey = { regionLength: number } | 'institution';

const region = sql<string>`coalesce(region_code, '')`;
const institution = sql<string>`coalesce(institution_id, '')`;

function keyOf(key: UserCountKey): RawBuilder<string> {
  return key === 'institution' ? institution : sql<string>`substr(${region}, 1, ${sql.lit(key.regionLength)})`;
}

function filtered<TB extends 'stats_user_counts' | 'users', O>(
  qb: SelectQueryBuilder<Database, TB, O>,
  f: UserCountFilter,
  columns: { region: RawBuilder<string>; institution: RawBuilder<string> },
): SelectQueryBuilder<Database, TB, O> {
  let q = qb;
  if (f.role) q = q.where(sql.ref('role'), '=', f.role);
  if (f.withRegion) q = q.where(columns.region, '<>', '');
  if (f.institutionIds) q = q.where(columns.institution, 'in', f.institutionIds.length ? f.institutionIds : ['']);
  if (f.scope?.kind === 'institution') q = q.where(columns.institution, '=', f.scope.institutionId);
  if (f.scope?.kind === 'region' && f.scope.prefix) {
    const [from, to] = prefixRange(f.scope.prefix);
    q = q.where(columns.region, '>=', from).where(columns.region, '<', to);
  }
  return q;
}

// The snapshot's columns are never null; the users table's are compared as they are, so its indexes still apply.
const snapshotColumns = { region: sql<string>`region_code`, institution: sql<string>`institution_id` };
const userColumns = { region: sql<string>`region_code`, institution: sql<string>`institution_id` };

async function currentBound(db: DbOrTrx): Promise<string> {
  return (
    (await db.selectFrom('stats_cursors').select('position').where('name', '=', USER_COUNTS_CURSOR).executeTakeFirst())
      ?.position ?? ''
  );
}

/** Runs a read of counts and users since the bound until the bound is the same before and after it (it only grows). */
async function atBound<T>(db: DbOrTrx, read: (bound: string) => Promise<T>): Promise<T> {
  let bound = await currentBound(db);
  for (let attempt = 1; ; attempt++) {
    const result = await read(bound);
    const after = await currentBound(db);
    if (after === bound || attempt === 3) return result;
    bound = after;
  }
}

/** Registered users matching the filter. */
export async function countUsers(db: DbOrTrx, f: UserCountFilter): Promise<number> {
  return atBound(db, async (bound) => {
    const [counted, since] = await Promise.all([
      filtered(
        db.selectFrom('stats_user_counts').select(sql<string | number>`coalesce(sum(users), 0)`.as('n')),
        f,
        snapshotColumns,
      ).executeTakeFirst(),
      filtered(
        db
          .selectFrom('users')
          .select(sql<string | number>`count(*)`.as('n'))
          .where('created_at', '>=', bound),
        f,
        userColumns,
      ).executeTakeFirst(),
    ]);
    return Number(counted?.n ?? 0) + Number(since?.n ?? 0);
  });
}

/** Registered users matching the filter, per region prefix of a length or per institution. */
export async function countUsersBy(db: DbOrTrx, f: UserCountFilter, key: UserCountKey): Promise<Map<string, number>> {
  const k = keyOf(key);
  return atBound(db, async (bound) => {
    const [counted, since] = await Promise.all([
      filtered(
        db.selectFrom('stats_user_counts').select((eb) => [k.as('k'), eb.fn.sum<string | number>('users').as('n')]),
        f,
        snapshotColumns,
      )
        .groupBy(k)
        .execute(),
      filtered(
        db
          .selectFrom('users')
          .select((eb) => [k.as('k'), eb.fn.countAll<string | number>().as('n')])
          .where('created_at', '>=', bound),
        f,
        userColumns,
      )
        .groupBy(k)
        .execute(),
    ]);
    const out = new Map<string, number>();
    for (const r of [...counted, ...since]) out.set(r.k, (out.get(r.k) ?? 0) + Number(r.n));
    return out;
  });
}
