import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../database/schema.js';
import type { PaperUsage } from '../question-banks/index.js';
import type { FacePlan } from './exam-rules.js';
import type { ExamAttemptsTable, ExamsTable } from './exams.tables.js';

export type ExamRow = Selectable<ExamsTable>;
export type AttemptRow = Selectable<ExamAttemptsTable>;
/** An item of the paper drawn for an attempt, as stored (server side only). */
export type DrawnItem = { versionId: string; score: number; optionOrder: string[] };

export const itemsOf = (row: Pick<AttemptRow, 'items'>) => JSON.parse(row.items) as DrawnItem[];
export const planOf = (row: Pick<AttemptRow, 'face_plan'>) => JSON.parse(row.face_plan) as FacePlan;

export function examById(db: DbOrTrx, id: string): Promise<ExamRow | undefined> {
  return db.selectFrom('exams').selectAll().where('id', '=', id).executeTakeFirst();
}

export function attemptById(db: DbOrTrx, id: string): Promise<AttemptRow | undefined> {
  return db.selectFrom('exam_attempts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function attemptsOf(db: DbOrTrx, examId: string, userId: string): Promise<AttemptRow[]> {
  return db
    .selectFrom('exam_attempts')
    .selectAll()
    .where('exam_id', '=', examId)
    .where('user_id', '=', userId)
    .orderBy('attempt_no')
    .execute();
}

/**
 * Takes the attempt for a write while it runs: a no-op conditional update, so on PostgreSQL the row is locked until
 * the transaction ends and a concurrent submission (the deadline sweep) either comes first — and this finds it no
 * longer open — or waits. The deadline is part of the condition: nothing is taken after it.
 */
export async function takeOpenAttempt(db: DbOrTrx, id: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('exam_attempts')
    .set((eb) => ({ focus_losses: eb.ref('focus_losses') }))
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('deadline_at', '>=', nowIso)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function savedAnswers(db: DbOrTrx, attemptId: string) {
  return db.selectFrom('exam_answers').selectAll().where('attempt_id', '=', attemptId).orderBy('item_index').execute();
}

export function enrolled(db: DbOrTrx, classId: string, userId: string) {
  return db
    .selectFrom('enrolments')
    .select('status')
    .where('class_id', '=', classId)
    .where('user_id', '=', userId)
    .where('status', '=', 'enrolled')
    .executeTakeFirst();
}

/** The question banks' PaperUsage: how many exams are set on a paper (services.ts wires it into the papers service). */
export const examPaperUsage: PaperUsage = {
  async examsOn(db, paperId) {
    const row = await db
      .selectFrom('exams')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('paper_id', '=', paperId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
