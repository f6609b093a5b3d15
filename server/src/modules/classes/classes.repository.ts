import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../database/schema.js';
import type { Actor } from '../../platform/context.js';
import { classScope } from './class-scope.js';
import type {
  ClassChangesTable,
  ClassReviewsTable,
  ClassSessionsTable,
  ClassStatus,
  ClassesTable,
} from './classes.tables.js';

// The queries of class opening (classes.service.ts): each takes the database or the transaction it runs in, so the
// service decides where a transaction begins and these only read or write. Lists of classes are filtered by the
// scope declared once in class-scope.ts.

export type ClassRow = Selectable<ClassesTable>;
export type ClassSummaryRow = ClassRow & { institution_name: string; occupation_name: string };
/** A class's parts as the institution plans them (replaced as a whole while the class is prepared). */
export type ClassParts = { courseIds: string[]; teacherIds: string[]; sessions: Insertable<ClassSessionsTable>[] };

// ---- classes -------------------------------------------------------------------------------------------------------

export function findClass(db: DbOrTrx, id: string): Promise<ClassRow | undefined> {
  return db.selectFrom('classes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertClass(db: DbOrTrx, row: Insertable<ClassesTable>): Promise<void> {
  await db.insertInto('classes').values(row).execute();
}

export async function updateClass(db: DbOrTrx, id: string, set: Updateable<ClassesTable>): Promise<void> {
  await db.updateTable('classes').set(set).where('id', '=', id).execute();
}

function summaries(db: DbOrTrx) {
  return db
    .selectFrom('classes')
    .innerJoin('institutions', 'institutions.id', 'classes.institution_id')
    .innerJoin('occupations', 'occupations.code', 'classes.occupation_code')
    .selectAll('classes')
    .select(['institutions.name as institution_name', 'occupations.name_zh as occupation_name']);
}

export function classSummary(db: DbOrTrx, id: string): Promise<ClassSummaryRow> {
  return summaries(db).where('classes.id', '=', id).executeTakeFirstOrThrow();
}

/** The classes an actor may see (`classScope`), most recently changed first. */
export function visibleClassSummaries(
  db: DbOrTrx,
  actor: Actor,
  filter: { status?: ClassStatus },
  limit: number,
): Promise<ClassSummaryRow[]> {
  let qb = summaries(db).where((eb) => classScope.where(eb, actor));
  if (filter.status) qb = qb.where('classes.status', '=', filter.status);
  return qb.orderBy('classes.updated_at', 'desc').limit(limit).execute();
}

/** Submitted classes the actor may see (a regulator: its region subtree), oldest deadline first. */
export function submittedClassSummaries(db: DbOrTrx, actor: Actor, limit: number): Promise<ClassSummaryRow[]> {
  return summaries(db)
    .where('classes.status', '=', 'submitted')
    .where((eb) => classScope.where(eb, actor))
    .orderBy('classes.review_due_at')
    .limit(limit)
    .execute();
}

/** class id -> learners enrolled (withdrawn ones not counted). */
export async function enrolledCounts(db: DbOrTrx, classIds: string[]): Promise<Map<string, number>> {
  if (classIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('enrolments')
    .select(['class_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('class_id', 'in', classIds)
    .where('status', '=', 'enrolled')
    .groupBy('class_id')
    .execute();
  return new Map(rows.map((r) => [r.class_id, Number(r.n)]));
}

/** What the learning gate needs of a learner's place in a class; undefined when the learner was never enrolled. */
export function learningGateRow(db: DbOrTrx, userId: string, classId: string) {
  return db
    .selectFrom('classes')
    .innerJoin('enrolments', 'enrolments.class_id', 'classes.id')
    .innerJoin('institutions', 'institutions.id', 'classes.institution_id')
    .select([
      'classes.status',
      'classes.start_date',
      'classes.end_date',
      'enrolments.status as enrolment',
      'institutions.status as institution_status',
    ])
    .where('classes.id', '=', classId)
    .where('enrolments.user_id', '=', userId)
    .executeTakeFirst();
}

// ---- references a class is built from ------------------------------------------------------------------------------

export function institutionOf(db: DbOrTrx, institutionId: string | null) {
  return db
    .selectFrom('institutions')
    .select(['id', 'region_code', 'status'])
    .where('id', '=', institutionId ?? '-')
    .executeTakeFirst();
}

export async function occupationExists(db: DbOrTrx, code: string): Promise<boolean> {
  return !!(await db.selectFrom('occupations').select('code').where('code', '=', code).executeTakeFirst());
}

export function coursesOwners(db: DbOrTrx, courseIds: string[]) {
  if (courseIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('courses').select(['id', 'institution_id']).where('id', 'in', courseIds).execute();
}

/** Which of the users are people of this role in this institution. */
export async function institutionPeople(
  db: DbOrTrx,
  userIds: string[],
  role: 'teacher' | 'learner',
  institutionId: string | null,
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', userIds)
    .where('role', '=', role)
    .where('institution_id', '=', institutionId ?? '-')
    .execute();
  return rows.map((r) => r.id);
}

export function skillStandard(db: DbOrTrx, occupationCode: string, level: number) {
  return db
    .selectFrom('skill_standards')
    .select(['min_hours', 'max_online_percent'])
    .where('occupation_code', '=', occupationCode)
    .where('level', '=', level)
    .executeTakeFirst();
}

// ---- a class's parts -----------------------------------------------------------------------------------------------

/** Replaces the courses, teachers and sessions of a class being prepared. */
export async function replaceClassParts(db: DbOrTrx, classId: string, parts: ClassParts): Promise<void> {
  await db.deleteFrom('class_courses').where('class_id', '=', classId).execute();
  await db.deleteFrom('class_sessions').where('class_id', '=', classId).execute();
  if (parts.courseIds.length)
    await db
      .insertInto('class_courses')
      .values(parts.courseIds.map((course_id, i) => ({ class_id: classId, course_id, sort: i + 1 })))
      .execute();
  await replaceClassTeachers(db, classId, parts.teacherIds);
  if (parts.sessions.length) await db.insertInto('class_sessions').values(parts.sessions).execute();
}

export async function replaceClassTeachers(db: DbOrTrx, classId: string, teacherIds: string[]): Promise<void> {
  await db.deleteFrom('class_teachers').where('class_id', '=', classId).execute();
  if (teacherIds.length)
    await db
      .insertInto('class_teachers')
      .values(teacherIds.map((user_id) => ({ class_id: classId, user_id })))
      .execute();
}

/** Replaces the sessions of a class except those with attendance (they are evidence and stay). */
export async function replaceUnattendedSessions(
  db: DbOrTrx,
  classId: string,
  sessions: Insertable<ClassSessionsTable>[],
): Promise<void> {
  const attended = (
    await db.selectFrom('attendance').select('session_id').distinct().where('class_id', '=', classId).execute()
  ).map((a) => a.session_id);
  let remove = db.deleteFrom('class_sessions').where('class_id', '=', classId);
  if (attended.length) remove = remove.where('id', 'not in', attended);
  await remove.execute();
  if (sessions.length) await db.insertInto('class_sessions').values(sessions).execute();
}

export function classCourseIds(db: DbOrTrx, classId: string): Promise<{ course_id: string }[]> {
  return db.selectFrom('class_courses').select('course_id').where('class_id', '=', classId).orderBy('sort').execute();
}

export function classSessions(db: DbOrTrx, classId: string) {
  return db.selectFrom('class_sessions').selectAll().where('class_id', '=', classId).orderBy('starts_at').execute();
}

export function classTeachers(db: DbOrTrx, classId: string) {
  return db
    .selectFrom('class_teachers')
    .innerJoin('users', 'users.id', 'class_teachers.user_id')
    .select(['users.id', 'users.name', 'users.status'])
    .where('class_id', '=', classId)
    .execute();
}

export function qualificationsOf(db: DbOrTrx, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('teacher_qualifications').selectAll().where('user_id', 'in', userIds).execute();
}

/** The platform-wide disqualifications in force of these teachers (by the person's ID lookup hash), by user id. */
export async function activeTeacherBans(db: DbOrTrx, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .innerJoin('teacher_disqualifications', 'teacher_disqualifications.person_hash', 'users.id_number_hash')
    .select(['users.id', 'teacher_disqualifications.reason'])
    .where('users.id', 'in', userIds)
    .where('teacher_disqualifications.status', '=', 'active')
    .execute();
  return new Map(rows.map((r) => [r.id, r.reason]));
}

/** The learners enrolled in a class (withdrawn ones left out), with their encrypted ID numbers for the pre-checks. */
export function enrolledLearners(db: DbOrTrx, classId: string) {
  return db
    .selectFrom('enrolments')
    .innerJoin('users', 'users.id', 'enrolments.user_id')
    .select(['users.id', 'users.name', 'users.status', 'users.id_number_enc'])
    .where('enrolments.class_id', '=', classId)
    .where('enrolments.status', '=', 'enrolled')
    .execute();
}

/** Enrols the users (again, for those withdrawn) as an approved roster change does. */
export async function enrolAll(db: DbOrTrx, classId: string, userIds: string[], ids: () => string, now: string) {
  for (const userId of new Set(userIds)) {
    const existing = await db
      .selectFrom('enrolments')
      .select('id')
      .where('class_id', '=', classId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (existing)
      await db.updateTable('enrolments').set({ status: 'enrolled' }).where('id', '=', existing.id).execute();
    else
      await db
        .insertInto('enrolments')
        .values({
          id: ids(),
          class_id: classId,
          user_id: userId,
          status: 'enrolled',
          source: 'manual',
          created_by: null,
          created_at: now,
        })
        .execute();
  }
}

export async function withdrawAll(db: DbOrTrx, classId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .updateTable('enrolments')
    .set({ status: 'withdrawn' })
    .where('class_id', '=', classId)
    .where('user_id', 'in', userIds)
    .execute();
}

// ---- reviews and changes -------------------------------------------------------------------------------------------

export async function insertReview(db: DbOrTrx, row: Insertable<ClassReviewsTable>): Promise<void> {
  await db.insertInto('class_reviews').values(row).execute();
}

export function classReviews(db: DbOrTrx, classId: string) {
  return db
    .selectFrom('class_reviews')
    .innerJoin('users', 'users.id', 'class_reviews.actor_id')
    .select(['action', 'comment', 'users.name', 'at'])
    .where('class_id', '=', classId)
    .orderBy('at')
    .execute();
}

export async function hasPendingChange(db: DbOrTrx, classId: string): Promise<boolean> {
  return !!(await db
    .selectFrom('class_changes')
    .select('id')
    .where('class_id', '=', classId)
    .where('status', '=', 'submitted')
    .executeTakeFirst());
}

export async function insertChange(db: DbOrTrx, row: Insertable<ClassChangesTable>): Promise<void> {
  await db.insertInto('class_changes').values(row).execute();
}

export function findChange(db: DbOrTrx, id: string): Promise<Selectable<ClassChangesTable> | undefined> {
  return db.selectFrom('class_changes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function changesOfClass(db: DbOrTrx, classId: string): Promise<Selectable<ClassChangesTable>[]> {
  return db
    .selectFrom('class_changes')
    .selectAll()
    .where('class_id', '=', classId)
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Changes waiting for a decision in the classes the actor may see, oldest deadline first. */
export function submittedChanges(db: DbOrTrx, actor: Actor, limit: number) {
  return db
    .selectFrom('class_changes')
    .innerJoin('classes', 'classes.id', 'class_changes.class_id')
    .innerJoin('institutions', 'institutions.id', 'classes.institution_id')
    .selectAll('class_changes')
    .select(['classes.name as class_name', 'institutions.name as institution_name'])
    .where('class_changes.status', '=', 'submitted')
    .where((eb) => classScope.where(eb, actor))
    .orderBy('class_changes.review_due_at')
    .limit(limit)
    .execute();
}
