import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/index.js';
import { examPermissions, examScope } from './exams.policy.js';
import { examById, itemsOf } from './exams.repository.js';
import type { QuestionSource } from './question-source.js';

export type GradingItem = {
  attemptId: string;
  index: number;
  learnerName: string;
  stem: string;
  answer: string[];
  maxScore: number;
  /** The question's explanation: the rubric the teacher grades by. */
  rubric: string;
  referenceAnswer: string[];
  savedAt: string;
};
export type GradeResult = {
  attemptId: string;
  index: number;
  score: number;
  pendingManual: number;
  attemptScore: number | null;
};

/**
 * The grading queue for answers the server cannot mark (short answers): the teachers of the class's institution see
 * each with the rubric and decide once; a second decision is refused. Every decision is audited, and the attempt is
 * graded when its last answer is decided.
 */
export class GradingService {
  constructor(
    private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService; questions: QuestionSource },
  ) {}

  private async exam(actor: Actor, examId: string) {
    requirePermission(actor, examPermissions['exams.grade']);
    const exam = await examById(this.deps.db, examId);
    if (!exam || !examScope.allows(actor, exam)) throw new AppError('NOT_FOUND');
    return exam;
  }

  async queue(actor: Actor, examId: string): Promise<GradingItem[]> {
    await this.exam(actor, examId);
    const { db } = this.deps;
    const rows = await db
      .selectFrom('exam_answers')
      .innerJoin('exam_attempts', 'exam_attempts.id', 'exam_answers.attempt_id')
      .innerJoin('users', 'users.id', 'exam_attempts.user_id')
      .select([
        'exam_answers.attempt_id',
        'exam_answers.item_index',
        'exam_answers.version_id',
        'exam_answers.answer',
        'exam_answers.max_score',
        'exam_answers.saved_at',
        'users.name',
      ])
      .where('exam_attempts.exam_id', '=', examId)
      .where('exam_answers.needs_person', '=', 1)
      .where('exam_answers.decided_at', 'is', null)
      .orderBy('exam_answers.saved_at')
      .limit(500)
      .execute();
    const ids = [...new Set(rows.map((r) => r.version_id))];
    const [versions, keys] = await Promise.all([
      this.deps.questions.versionsByIds(db, ids),
      this.deps.questions.keysByIds(db, ids),
    ]);
    return rows.map((r) => ({
      attemptId: r.attempt_id,
      index: r.item_index,
      learnerName: r.name,
      stem: versions.find((v) => v.id === r.version_id)?.stem ?? '',
      answer: JSON.parse(r.answer) as string[],
      maxScore: r.max_score,
      rubric: keys.find((k) => k.versionId === r.version_id)?.explanation ?? '',
      referenceAnswer: keys.find((k) => k.versionId === r.version_id)?.answer ?? [],
      savedAt: r.saved_at,
    }));
  }

  /** One decision per answer: a conditional update from "undecided", so a second decision (or a race) is refused. */
  async decide(
    actor: Actor,
    attemptId: string,
    index: number,
    input: { score: number },
    meta: RequestMeta,
  ): Promise<GradeResult> {
    const { db, clock } = this.deps;
    const attempt = await db
      .selectFrom('exam_attempts')
      .select(['exam_id', 'items'])
      .where('id', '=', attemptId)
      .executeTakeFirst();
    if (!attempt) throw new AppError('NOT_FOUND');
    const exam = await this.exam(actor, attempt.exam_id);
    if (!itemsOf(attempt)[index]) throw new AppError('NOT_FOUND');
    return db.transaction().execute(async (trx) => {
      const answer = await trx
        .selectFrom('exam_answers')
        .select(['max_score', 'needs_person', 'decided_at'])
        .where('attempt_id', '=', attemptId)
        .where('item_index', '=', index)
        .executeTakeFirst();
      if (!answer || answer.needs_person !== 1) throw new AppError('EXAM_NOT_GRADABLE');
      if (input.score < 0 || input.score > answer.max_score)
        throw new AppError('EXAM_SCORE_OUT_OF_RANGE', { field: 'score', details: { max: answer.max_score } });
      const at = clock.now().toISOString();
      const decided = await trx
        .updateTable('exam_answers')
        .set({ graded_score: input.score, grader_id: actor.userId, decided_at: at })
        .where('attempt_id', '=', attemptId)
        .where('item_index', '=', index)
        .where('needs_person', '=', 1)
        .where('decided_at', 'is', null)
        .executeTakeFirst();
      if (Number(decided.numUpdatedRows) !== 1) throw new AppError('EXAM_ALREADY_GRADED');
      await trx
        .updateTable('exam_attempts')
        .set((eb) => ({
          score: eb(eb.fn.coalesce('score', eb.lit(0)), '+', input.score),
          pending_manual: eb('pending_manual', '-', 1),
        }))
        .where('id', '=', attemptId)
        .execute();
      const after = await trx
        .selectFrom('exam_attempts')
        .select(['score', 'pending_manual', 'status'])
        .where('id', '=', attemptId)
        .executeTakeFirstOrThrow();
      if (after.pending_manual === 0 && after.status === 'submitted')
        await trx.updateTable('exam_attempts').set({ status: 'graded' }).where('id', '=', attemptId).execute();
      await this.deps.audit.record(trx, {
        actor,
        action: 'exam.answer.grade',
        targetType: 'exam_attempt',
        targetId: attemptId,
        regionCode: exam.region_code,
        institutionId: exam.institution_id,
        meta,
        details: { examId: exam.id, index, score: input.score, maxScore: answer.max_score },
      });
      return {
        attemptId,
        index,
        score: input.score,
        pendingManual: after.pending_manual,
        attemptScore: after.pending_manual === 0 ? after.score : null,
      };
    });
  }
}
