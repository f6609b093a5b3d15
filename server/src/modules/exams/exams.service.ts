import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/index.js';
import { canSeeClass, classPolicy } from '../classes/index.js';
import type { PoliciesService } from '../policies/index.js';
import { examRules } from './attempts.service.js';
import { countedAttempt, markOutOf100 } from './exam-rules.js';
import { examPermissions, examScope } from './exams.policy.js';
import { enrolled, type ExamRow } from './exams.repository.js';
import type { AttemptStatus, CountedAttempt, ExamKind } from './exams.tables.js';
import type { QuestionSource } from './question-source.js';

export type ExamInput = {
  paperId: string;
  title: string;
  windowStart: string;
  windowEnd: string;
  timeLimitMinutes: number | null;
  maxAttempts: number | null;
  passMark?: number;
  counts?: CountedAttempt;
};
export type ExamView = {
  id: string;
  classId: string;
  paperId: string;
  kind: ExamKind;
  title: string;
  windowStart: string;
  windowEnd: string;
  timeLimitMinutes: number | null;
  maxAttempts: number | null;
  passMark: number;
  counts: CountedAttempt;
  totalScore: number;
  createdAt: string;
  /** The signed-in learner's attempts (null for staff). */
  mine: {
    attempts: number;
    running: { id: string; status: AttemptStatus } | null;
    counted: { attemptNo: number; mark: number | null; passed: boolean | null } | null;
  } | null;
};
export type AttemptSummary = {
  id: string;
  learnerId: string;
  learnerName: string;
  attemptNo: number;
  status: AttemptStatus;
  startedAt: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  mark: number | null;
  pendingManual: number;
  focusLosses: number;
  ip: string;
};

const viewOf = (e: ExamRow): Omit<ExamView, 'mine'> => ({
  id: e.id,
  classId: e.class_id,
  paperId: e.paper_id,
  kind: e.kind,
  title: e.title,
  windowStart: e.window_start,
  windowEnd: e.window_end,
  timeLimitMinutes: e.time_limit_minutes,
  maxAttempts: e.max_attempts,
  passMark: e.pass_mark,
  counts: e.counts,
  totalScore: e.total_score,
  createdAt: e.created_at,
});

/** Exams of a class: set by the institution on a paper of the question banks; listed to staff in scope and learners. */
export class ExamsService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      audit: AuditService;
      policies: PoliciesService;
      questions: QuestionSource;
    },
  ) {}

  private async classFor(actor: Actor, classId: string) {
    const klass = await this.deps.db
      .selectFrom('classes')
      .select(['id', 'institution_id', 'region_code', 'status', 'policy_refs'])
      .where('id', '=', classId)
      .executeTakeFirst();
    if (!klass || !canSeeClass(actor, klass)) throw new AppError('NOT_FOUND');
    return klass;
  }

  async create(actor: Actor, classId: string, input: ExamInput, meta: RequestMeta): Promise<ExamView> {
    requirePermission(actor, examPermissions['exams.manage']);
    const { db, clock } = this.deps;
    const klass = await this.classFor(actor, classId);
    if (klass.status !== 'approved') throw new AppError('EXAM_CLASS_NOT_APPROVED');
    const start = Date.parse(input.windowStart);
    const end = Date.parse(input.windowEnd);
    if (!(start < end)) throw new AppError('EXAM_WINDOW_INVALID', { field: 'windowEnd' });
    let drawn;
    try {
      drawn = await this.deps.questions.drawForAttempt(db, input.paperId, `check-${newId()}`);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'EXAM_PAPER_NOT_FOUND'))
        throw new AppError('EXAM_PAPER_NOT_FOUND', { field: 'paperId' });
      throw error;
    }
    const kind = drawn.paper.kind;
    if (kind !== 'practice' && input.timeLimitMinutes === null)
      throw new AppError('EXAM_TIME_LIMIT_REQUIRED', { field: 'timeLimitMinutes' });
    const rules = examRules((await classPolicy(this.deps.policies, db, klass)).document);
    const row: ExamRow = {
      id: newId(),
      class_id: classId,
      institution_id: klass.institution_id,
      region_code: klass.region_code,
      paper_id: input.paperId,
      kind,
      title: input.title,
      window_start: new Date(start).toISOString(),
      window_end: new Date(end).toISOString(),
      time_limit_minutes: input.timeLimitMinutes,
      // Practice is unlimited (issue 16).
      max_attempts: kind === 'practice' ? null : input.maxAttempts,
      pass_mark: input.passMark ?? rules.passMark,
      counts: input.counts ?? 'best',
      total_score: drawn.paper.totalScore,
      created_by: actor.userId,
      created_at: clock.now().toISOString(),
    };
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('exams').values(row).execute();
      await this.deps.audit.record(trx, {
        actor,
        action: 'exam.create',
        targetType: 'exam',
        targetId: row.id,
        regionCode: row.region_code,
        institutionId: row.institution_id,
        meta,
        details: {
          classId,
          kind,
          paperId: row.paper_id,
          passMark: row.pass_mark,
          window: [row.window_start, row.window_end],
        },
      });
    });
    return { ...viewOf(row), mine: null };
  }

  /** A class's exams: staff in scope see them all; an enrolled learner sees them with their own attempts. */
  async list(actor: Actor, classId: string): Promise<ExamView[]> {
    const { db } = this.deps;
    if (actor.role === 'learner') {
      requirePermission(actor, examPermissions['exams.take']);
      if (!(await enrolled(db, classId, actor.userId))) throw new AppError('NOT_FOUND');
      const exams = await db
        .selectFrom('exams')
        .selectAll()
        .where('class_id', '=', classId)
        .orderBy('window_start')
        .execute();
      const attempts = await db
        .selectFrom('exam_attempts')
        .select(['id', 'exam_id', 'attempt_no', 'status', 'score', 'pending_manual'])
        .where('class_id', '=', classId)
        .where('user_id', '=', actor.userId)
        .execute();
      return exams.map((e) => {
        const mine = attempts.filter((a) => a.exam_id === e.id);
        const running = mine.find((a) => a.status === 'open' || a.status === 'awaiting_face');
        const counted = countedAttempt(
          mine.map((a) => ({
            attemptNo: a.attempt_no,
            status: a.status,
            score: a.score,
            pendingManual: a.pending_manual,
          })),
          e.counts,
        );
        const mark =
          counted && counted.pendingManual === 0 && counted.score !== null
            ? markOutOf100(counted.score, e.total_score)
            : null;
        return {
          ...viewOf(e),
          mine: {
            attempts: mine.filter((a) => a.status !== 'awaiting_face').length,
            running: running ? { id: running.id, status: running.status } : null,
            counted: counted
              ? { attemptNo: counted.attemptNo, mark, passed: mark === null ? null : mark >= e.pass_mark }
              : null,
          },
        };
      });
    }
    requirePermission(actor, examPermissions['exams.read']);
    await this.classFor(actor, classId);
    const exams = await db
      .selectFrom('exams')
      .selectAll()
      .where('class_id', '=', classId)
      .where((eb) => examScope.where(eb, actor))
      .orderBy('window_start')
      .execute();
    return exams.map((e) => ({ ...viewOf(e), mine: null }));
  }

  /** Every attempt of an exam (staff in scope; the regulator sees all of it). */
  async attempts(actor: Actor, examId: string): Promise<AttemptSummary[]> {
    requirePermission(actor, examPermissions['exams.read']);
    const exam = await this.deps.db.selectFrom('exams').selectAll().where('id', '=', examId).executeTakeFirst();
    if (!exam || !examScope.allows(actor, exam)) throw new AppError('NOT_FOUND');
    const rows = await this.deps.db
      .selectFrom('exam_attempts')
      .innerJoin('users', 'users.id', 'exam_attempts.user_id')
      .select([
        'exam_attempts.id',
        'exam_attempts.user_id',
        'users.name',
        'exam_attempts.attempt_no',
        'exam_attempts.status',
        'exam_attempts.started_at',
        'exam_attempts.submitted_at',
        'exam_attempts.submitted_by',
        'exam_attempts.score',
        'exam_attempts.pending_manual',
        'exam_attempts.focus_losses',
        'exam_attempts.ip',
      ])
      .where('exam_attempts.exam_id', '=', examId)
      .orderBy('users.name')
      .orderBy('exam_attempts.attempt_no')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      learnerId: r.user_id,
      learnerName: r.name,
      attemptNo: r.attempt_no,
      status: r.status,
      startedAt: r.started_at,
      submittedAt: r.submitted_at,
      submittedBy: r.submitted_by,
      mark: r.status === 'graded' && r.score !== null ? markOutOf100(r.score, exam.total_score) : null,
      pendingManual: r.pending_manual,
      focusLosses: r.focus_losses,
      ip: r.ip,
    }));
  }
}
