import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../database/schema.js';
import type { AttendanceTable, ClassSessionsTable, ClassesTable } from '../classes/index.js';

// The queries of offline attendance (attendance.service.ts): the class and its sessions as attendance reads them,
// the attendance rows, and the roster and names shown beside them.

export type ClassRow = Selectable<ClassesTable>;
export type SessionRow = Selectable<ClassSessionsTable>;
export type AttendanceRow = Selectable<AttendanceTable>;

// ---- the class and its sessions ------------------------------------------------------------------------------------

export function findClassRow(db: DbOrTrx, id: string): Promise<ClassRow | undefined> {
  return db.selectFrom('classes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSession(db: DbOrTrx, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('class_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function sessionsOfClass(db: DbOrTrx, classId: string): Promise<SessionRow[]> {
  return db.selectFrom('class_sessions').selectAll().where('class_id', '=', classId).orderBy('starts_at').execute();
}

// ---- attendance rows -----------------------------------------------------------------------------------------------

export function findAttendance(db: DbOrTrx, id: string): Promise<AttendanceRow | undefined> {
  return db.selectFrom('attendance').selectAll().where('id', '=', id).executeTakeFirst();
}

export function attendanceOf(db: DbOrTrx, sessionId: string, userId: string): Promise<AttendanceRow | undefined> {
  return db
    .selectFrom('attendance')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** A class's attendance, by check-in time. */
export function attendanceOfClass(db: DbOrTrx, classId: string): Promise<AttendanceRow[]> {
  return db.selectFrom('attendance').selectAll().where('class_id', '=', classId).orderBy('check_in_at').execute();
}

export function attendanceOfLearner(db: DbOrTrx, classId: string, userId: string): Promise<AttendanceRow[]> {
  return db
    .selectFrom('attendance')
    .selectAll()
    .where('class_id', '=', classId)
    .where('user_id', '=', userId)
    .execute();
}

/** Inserts a check-in unless the learner has one for the session already; answers whether it was inserted. */
export async function insertCheckIn(db: DbOrTrx, row: Insertable<AttendanceTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('attendance')
    .values(row)
    .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Records the check-out unless one is recorded already; answers whether this call recorded it. */
export async function recordCheckOut(db: DbOrTrx, id: string, set: Updateable<AttendanceTable>): Promise<boolean> {
  const updated = await db
    .updateTable('attendance')
    .set(set)
    .where('id', '=', id)
    .where('check_out_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

// ---- the roster ----------------------------------------------------------------------------------------------------

export function enrolmentsOfClass(db: DbOrTrx, classId: string) {
  return db.selectFrom('enrolments').select(['user_id', 'status']).where('class_id', '=', classId).execute();
}

export function enrolmentOf(db: DbOrTrx, classId: string, userId: string) {
  return db
    .selectFrom('enrolments')
    .select('status')
    .where('class_id', '=', classId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Names of the users, by name. */
export function userNames(db: DbOrTrx, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).orderBy('name').execute();
}
