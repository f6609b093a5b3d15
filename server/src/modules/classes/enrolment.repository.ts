import type { DbOrTrx } from '../../database/schema.js';
import type { ClassStatus, EnrolmentStatus } from './classes.tables.js';

// Queries of the roster. Lookups take whole lists and run one `in (…)` query per chunk, so checking a
// 5,000-row file costs a few dozen queries, not tens of thousands.

/** Well under SQLite's and PostgreSQL's limits on bound parameters per statement. */
export const CHUNK = 500;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Classes whose learners are committed: a learner may be in only one of these per occupation and level at a time. */
export const LIVE_CLASS_STATUSES: readonly ClassStatus[] = ['draft', 'submitted', 'returned', 'approved'];

export type AccountMatch = {
  id: string;
  role: string;
  status: string;
  name: string;
  phone_hash: string;
  id_number_hash: string;
};

export async function usersByIdNumberHashes(db: DbOrTrx, hashes: string[]): Promise<Map<string, AccountMatch>> {
  const found = new Map<string, AccountMatch>();
  for (const part of chunks(hashes)) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'role', 'status', 'name', 'phone_hash', 'id_number_hash'])
      .where('id_number_hash', 'in', part)
      .execute();
    for (const row of rows) found.set(row.id_number_hash, row);
  }
  return found;
}

/** phone hash -> id of the account holding that phone. */
export async function phoneOwners(db: DbOrTrx, hashes: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks(hashes)) {
    const rows = await db.selectFrom('users').select(['id', 'phone_hash']).where('phone_hash', 'in', part).execute();
    for (const row of rows) found.set(row.phone_hash, row.id);
  }
  return found;
}

/** user id -> status of their enrolment in the class (enrolled or withdrawn), for the given users. */
export async function enrolmentStatuses(
  db: DbOrTrx,
  classId: string,
  userIds: string[],
): Promise<Map<string, EnrolmentStatus>> {
  const found = new Map<string, EnrolmentStatus>();
  for (const part of chunks(userIds)) {
    const rows = await db
      .selectFrom('enrolments')
      .select(['user_id', 'status'])
      .where('class_id', '=', classId)
      .where('user_id', 'in', part)
      .execute();
    for (const row of rows) found.set(row.user_id, row.status);
  }
  return found;
}

export async function countEnrolled(db: DbOrTrx, classId: string): Promise<number> {
  const { n } = await db
    .selectFrom('enrolments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('class_id', '=', classId)
    .where('status', '=', 'enrolled')
    .executeTakeFirstOrThrow();
  return Number(n);
}

export type OverlapProbe = { id: string; occupation_code: string; level: number; start_date: string; end_date: string };

/**
 * Which of the users are enrolled in another live class of the same occupation and level whose dates intersect
 * the given class's (dates are inclusive YYYY-MM-DD, so text comparison orders them). user id -> that class.
 */
export async function overlappingEnrolments(
  db: DbOrTrx,
  klass: OverlapProbe,
  userIds: string[],
): Promise<Map<string, { classId: string; className: string; institutionId: string }>> {
  const found = new Map<string, { classId: string; className: string; institutionId: string }>();
  for (const part of chunks(userIds)) {
    const rows = await db
      .selectFrom('enrolments')
      .innerJoin('classes', 'classes.id', 'enrolments.class_id')
      .select(['enrolments.user_id', 'classes.id as class_id', 'classes.name as class_name', 'classes.institution_id'])
      .where('enrolments.user_id', 'in', part)
      .where('enrolments.status', '=', 'enrolled')
      .where('classes.id', '!=', klass.id)
      .where('classes.occupation_code', '=', klass.occupation_code)
      .where('classes.level', '=', klass.level)
      .where('classes.status', 'in', [...LIVE_CLASS_STATUSES])
      .where('classes.start_date', '<=', klass.end_date)
      .where('classes.end_date', '>=', klass.start_date)
      .execute();
    for (const row of rows)
      found.set(row.user_id, { classId: row.class_id, className: row.class_name, institutionId: row.institution_id });
  }
  return found;
}
