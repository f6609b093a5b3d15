import { randomInt } from 'node:crypto';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../platform/errors.js';
import type { HotState } from '../../adapters/hotstate.js';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { TheoryProgress } from '../attendance/index.js';
import { NATIONAL_POLICY } from '../catalog/index.js';
import { classPolicy } from '../classes/index.js';
import { defineJob, type JobContext, type LocalJobRunner } from '../jobs/index.js';
import { appendEvidence, evidenceDraft, type Evidence, type RecordDraft } from '../learning/index.js';
import type { PoliciesService, PolicyDocument } from '../policies/index.js';
import {
  deadlineOf,
  dueCheck,
  expireChecks,
  focusDecision,
  markOutOf100,
  planDuring,
  saveVerdict,
  type FacePlan,
  type FocusDecision,
  type PlannedCheck,
} from './exam-rules.js';
import type { ExamFaceVerifier } from './face-check.js';
import { examPermissions } from './exams.policy.js';
import {
  attemptById,
  attemptsOf,
  enrolled,
  examById,
  itemsOf,
  planOf,
  savedAnswers,
  takeOpenAttempt,
  type AttemptRow,
  type ExamRow,
} from './exams.repository.js';
import type { AttemptStatus, ExamEventKind, ExamKind, SubmittedBy } from './exams.tables.js';
import type { QuestionSource, QuestionType } from './question-source.js';

/** Submits an attempt whose deadline has passed (enqueued at its start, due just after the deadline). */
export const EXAM_DEADLINE_JOB = defineJob({
  id: 'exams.deadline',
  payload: Type.Object({ attemptId: Type.String({ maxLength: 36 }) }, { additionalProperties: false }),
  maxAttempts: 5,
  leaseSeconds: 120,
  handler: ({ attemptId }, { services }: JobContext<{ examAttempts: AttemptsService }>) =>
    services.examAttempts.expire(attemptId).then(() => undefined),
});

/** The policy's exam rules; documents published before them take the national defaults. */
export function examRules(policy: PolicyDocument) {
  return { ...NATIONAL_POLICY.exam!, ...(policy.exam ?? {}) };
}

export type FaceCheckView = {
  id: string;
  moment: 'start' | 'during';
  action: 'turn_left' | 'turn_right' | null;
  /** Answer by then (a check during the exam); null at the start, where the clock has not started. */
  deadline: string | null;
};
export type AttemptItemView = {
  index: number;
  type: QuestionType;
  stem: string;
  options: { key: string; text: string }[];
  score: number;
};
export type AttemptView = {
  id: string;
  examId: string;
  title: string;
  kind: ExamKind;
  attemptNo: number;
  status: AttemptStatus;
  startedAt: string | null;
  deadlineAt: string | null;
  serverNow: string;
  remainingMs: number | null;
  items: AttemptItemView[];
  saved: { index: number; answer: string[]; savedAt: string }[];
  faceCheck: FaceCheckView | null;
  focus: { count: number; warnings: number; limit: number };
  outcome: {
    submittedAt: string;
    submittedBy: SubmittedBy;
    points: number | null;
    totalScore: number;
    mark: number | null;
    pendingManual: number;
    passed: boolean | null;
  } | null;
};
export type SaveResult = { index: number; savedAt: string; remainingMs: number; faceCheck: FaceCheckView | null };
export type EventResult = { count: number; decision: FocusDecision; submitted: boolean };
export type FaceResult = {
  outcome: 'pass' | 'fail' | 'retake';
  reason: string | null;
  attempt: AttemptView;
};
export type ReviewItem = AttemptItemView & {
  answer: string[] | null;
  correctAnswer: string[];
  explanation: string;
  awarded: number | null;
  needsPerson: boolean;
};
export type PracticeFeedback = { index: number; correct: boolean | null; correctAnswer: string[]; explanation: string };

type Deps = {
  db: Kysely<Database>;
  clock: Clock;
  hot: HotState;
  policies: PoliciesService;
  questions: QuestionSource;
  theory: TheoryProgress;
  face: ExamFaceVerifier | null;
  jobs: LocalJobRunner;
  random?: () => number;
};

const STARTED: AttemptStatus[] = ['open', 'submitted', 'graded'];

/**
 * The exam engine: attempts with the server's clock. The deadline is fixed when the clock starts (after the face check
 * at the start of a formal exam), answers are saved one by one and refused after it, a crashed browser resumes the same
 * attempt with the time left, and the deadline job submits what was saved. No key or correct answer reaches the
 * learner before the attempt is submitted (practice shows them at once by design, through its own call). Every event
 * of an attempt joins the learner's hash-chained evidence (learning's appendEvidence).
 */
export class AttemptsService {
  constructor(private readonly deps: Deps) {}

  private random(): number {
    return this.deps.random ? this.deps.random() : randomInt(0, 2 ** 30) / 2 ** 30;
  }

  private async rulesOf(db: DbOrTrx, exam: ExamRow) {
    const klass = await db
      .selectFrom('classes')
      .select(['policy_refs', 'region_code'])
      .where('id', '=', exam.class_id)
      .executeTakeFirstOrThrow();
    const policy = (await classPolicy(this.deps.policies, db, klass)).document;
    return {
      exam: examRules(policy),
      liveness: policy.faceCheck.liveness ?? NATIONAL_POLICY.faceCheck.liveness ?? true,
    };
  }

  private evidence(userId: string, attemptId: string, at: string, items: Evidence[]): RecordDraft[] {
    return items.map((e) => evidenceDraft({ userId, sessionId: attemptId, at }, e));
  }

  // ---- starting and resuming -------------------------------------------------------------------------------------

  /** Starts an attempt, or resumes the one still running (a crashed browser gets the same attempt and the time left). */
  async start(actor: Actor, examId: string, input: { deviceId: string }, meta: RequestMeta): Promise<AttemptView> {
    requirePermission(actor, examPermissions['exams.take']);
    const { db, clock } = this.deps;
    const exam = await examById(db, examId);
    if (!exam || !(await enrolled(db, exam.class_id, actor.userId))) throw new AppError('NOT_FOUND');
    const klass = await db
      .selectFrom('classes')
      .innerJoin('institutions', 'institutions.id', 'classes.institution_id')
      .select(['classes.status', 'institutions.status as institution_status'])
      .where('classes.id', '=', exam.class_id)
      .executeTakeFirstOrThrow();
    if (klass.status !== 'approved' || klass.institution_status !== 'active') throw new AppError('EXAM_NOT_ENROLLED');

    for (let round = 0; round < 3; round++) {
      const now = clock.now();
      const attempts = await attemptsOf(db, examId, actor.userId);
      const running = attempts.find((a) => a.status === 'open' || a.status === 'awaiting_face');
      if (running) {
        if (running.status === 'open' && Date.parse(running.deadline_at!) < now.getTime()) {
          await this.finalize(running.id, 'deadline');
          continue;
        }
        return this.resume(actor, running, input.deviceId, meta);
      }
      if (now.getTime() < Date.parse(exam.window_start) || now.getTime() > Date.parse(exam.window_end))
        throw new AppError('EXAM_OUTSIDE_WINDOW');
      const used = attempts.filter((a) => STARTED.includes(a.status)).length;
      if (exam.max_attempts !== null && used >= exam.max_attempts) throw new AppError('EXAM_NO_ATTEMPTS_LEFT');

      const formal = exam.kind === 'formal';
      // The formal exam opens only when the class's online theory is complete under the learning engine.
      if (formal && !(await this.deps.theory.isTheoryComplete(actor.userId, exam.class_id)))
        throw new AppError('EXAM_THEORY_INCOMPLETE');
      const rules = await this.rulesOf(db, exam);
      const faceAtStart = formal && this.deps.face !== null;
      if (faceAtStart && !(await this.deps.face!.isEnrolled(actor.userId)))
        throw new AppError('EXAM_FACE_NOT_ENROLLED');

      const seed = newId();
      const drawn = await this.deps.questions.drawForAttempt(db, exam.paper_id, seed);
      const id = newId();
      const at = now.toISOString();
      const plan: FacePlan = {
        start: faceAtStart
          ? { id: newId(), dueAt: now.getTime(), action: this.action(rules.liveness), state: 'pending' }
          : null,
        during: [],
        responseMs: rules.exam.faceResponseSeconds * 1000,
      };
      const row: AttemptRow = {
        id,
        exam_id: exam.id,
        class_id: exam.class_id,
        user_id: actor.userId,
        attempt_no: (attempts.at(-1)?.attempt_no ?? 0) + 1,
        seed,
        items: JSON.stringify(drawn.items),
        status: 'awaiting_face',
        created_at: at,
        started_at: null,
        deadline_at: null,
        submitted_at: null,
        submitted_by: null,
        score: null,
        pending_manual: 0,
        device_id: input.deviceId,
        login_session_id: actor.sessionId,
        ip: meta.ip,
        focus_losses: 0,
        face_plan: JSON.stringify(plan),
      };
      try {
        const started = await db.transaction().execute(async (trx) => {
          await trx.insertInto('exam_attempts').values(row).execute();
          return faceAtStart ? row : this.startClock(trx, exam, row, plan, now, rules);
        });
        if (started.status === 'open') await this.scheduleDeadline(started);
        return this.view(started, exam);
      } catch (error) {
        // Two starts at once: the other one created the attempt; resume it on the next round.
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new AppError('EXAM_NO_ATTEMPTS_LEFT');
  }

  private action(liveness: boolean): PlannedCheck['action'] {
    return liveness ? (this.random() < 0.5 ? 'turn_left' : 'turn_right') : null;
  }

  /** The clock starts: the deadline is fixed, the checks during the attempt planned and the start recorded. */
  private async startClock(
    trx: DbOrTrx,
    exam: ExamRow,
    row: AttemptRow,
    plan: FacePlan,
    now: Date,
    rules: Awaited<ReturnType<AttemptsService['rulesOf']>>,
  ): Promise<AttemptRow> {
    const startMs = now.getTime();
    const deadline = deadlineOf(startMs, exam.time_limit_minutes, Date.parse(exam.window_end));
    const during =
      exam.kind === 'formal' && this.deps.face
        ? planDuring(startMs, deadline, rules.exam.faceChecks, () => this.random(), newId, rules.liveness)
        : [];
    const started: AttemptRow = {
      ...row,
      status: 'open',
      started_at: now.toISOString(),
      deadline_at: new Date(deadline).toISOString(),
      face_plan: JSON.stringify({ ...plan, during }),
    };
    await trx
      .updateTable('exam_attempts')
      .set({
        status: 'open',
        started_at: started.started_at,
        deadline_at: started.deadline_at,
        face_plan: started.face_plan,
      })
      .where('id', '=', row.id)
      .execute();
    await appendEvidence(
      trx,
      this.deps.hot,
      row.user_id,
      this.evidence(row.user_id, row.id, started.started_at!, [
        {
          kind: 'exam_started',
          data: {
            examId: exam.id,
            classId: exam.class_id,
            kind: exam.kind,
            attemptNo: row.attempt_no,
            items: itemsOf(row).length,
            deadline: started.deadline_at!,
            deviceId: row.device_id,
            ip: row.ip,
          },
        },
      ]),
    );
    return started;
  }

  private async scheduleDeadline(row: AttemptRow): Promise<void> {
    const delayMs = Date.parse(row.deadline_at!) - this.deps.clock.now().getTime();
    await this.deps.jobs.enqueue(
      this.deps.db,
      EXAM_DEADLINE_JOB,
      { attemptId: row.id },
      { delaySeconds: Math.max(0, Math.ceil(delayMs / 1000) + 1) },
    );
  }

  /**
   * The same attempt again. One device at a time: under the sign-in it was started with, only that device; after a new
   * sign-in (which ended the old one everywhere) the attempt moves to the new device, recorded as a resumption.
   */
  private async resume(actor: Actor, row: AttemptRow, deviceId: string, meta: RequestMeta): Promise<AttemptView> {
    const exam = (await examById(this.deps.db, row.exam_id))!;
    if (row.login_session_id === actor.sessionId && row.device_id !== deviceId) throw new AppError('EXAM_OTHER_DEVICE');
    if (row.login_session_id !== actor.sessionId) {
      const at = this.deps.clock.now().toISOString();
      await this.deps.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('exam_attempts')
          .set({ login_session_id: actor.sessionId, device_id: deviceId, ip: meta.ip })
          .where('id', '=', row.id)
          .execute();
        await this.event(trx, row, 'resumed', at, { deviceId, ip: meta.ip, previousDeviceId: row.device_id });
      });
      row = { ...row, login_session_id: actor.sessionId, device_id: deviceId, ip: meta.ip };
    }
    return this.view(row, exam);
  }

  private event(trx: DbOrTrx, row: AttemptRow, kind: ExamEventKind, at: string, data: object) {
    return trx
      .insertInto('exam_events')
      .values({
        id: newId(),
        attempt_id: row.id,
        user_id: row.user_id,
        class_id: row.class_id,
        kind,
        at,
        data: JSON.stringify(data),
      })
      .execute();
  }

  /** The learner's own attempt, after the deadline has done its work (an expired attempt is submitted first). */
  private async own(actor: Actor, attemptId: string): Promise<{ row: AttemptRow; exam: ExamRow }> {
    requirePermission(actor, examPermissions['exams.take']);
    let row = await attemptById(this.deps.db, attemptId);
    if (!row || row.user_id !== actor.userId) throw new AppError('NOT_FOUND');
    if (row.status === 'open' && Date.parse(row.deadline_at!) < this.deps.clock.now().getTime()) {
      await this.finalize(row.id, 'deadline');
      row = (await attemptById(this.deps.db, attemptId))!;
    }
    return { row, exam: (await examById(this.deps.db, row.exam_id))! };
  }

  /** The same sign-in and device the attempt runs on; anything else is another device. */
  private sameDevice(actor: Actor, row: AttemptRow, deviceId: string): void {
    if (row.login_session_id !== actor.sessionId || row.device_id !== deviceId) throw new AppError('EXAM_OTHER_DEVICE');
  }

  async get(actor: Actor, attemptId: string): Promise<AttemptView> {
    const { row, exam } = await this.own(actor, attemptId);
    return this.view(row, exam);
  }

  // ---- answers ---------------------------------------------------------------------------------------------------

  /** Saves one answer as it is given. Refused after the deadline (by the server's clock): such an answer never counts. */
  async save(
    actor: Actor,
    attemptId: string,
    input: { index: number; answer: string[]; deviceId: string },
  ): Promise<SaveResult> {
    requirePermission(actor, examPermissions['exams.take']);
    const { db, clock } = this.deps;
    const now = clock.now();
    const at = now.toISOString();
    const result = await db.transaction().execute(async (trx) => {
      const taken = await takeOpenAttempt(trx, attemptId, at);
      const row = await attemptById(trx, attemptId);
      if (!row || row.user_id !== actor.userId) throw new AppError('NOT_FOUND');
      if (!taken)
        return {
          row,
          refused: saveVerdict(row.status, row.deadline_at ? Date.parse(row.deadline_at) : null, now.getTime()),
        };
      this.sameDevice(actor, row, input.deviceId);
      const item = itemsOf(row)[input.index];
      if (!item) throw new AppError('NOT_FOUND', { field: 'index' });
      const answer = [...new Set(input.answer)];
      if (item.optionOrder.length > 0 && answer.some((a) => !item.optionOrder.includes(a)))
        throw new AppError('EXAM_ANSWER_INVALID', { field: 'answer' });
      await trx
        .insertInto('exam_answers')
        .values({
          attempt_id: attemptId,
          item_index: input.index,
          version_id: item.versionId,
          answer: JSON.stringify(answer),
          saved_at: at,
          max_score: item.score,
          graded_score: null,
          needs_person: 0,
          grader_id: null,
          decided_at: null,
        })
        .onConflict((oc) =>
          oc.columns(['attempt_id', 'item_index']).doUpdateSet({ answer: JSON.stringify(answer), saved_at: at }),
        )
        .execute();
      const records: Evidence[] = [
        { kind: 'exam_answer_saved', data: { itemIndex: input.index, versionId: item.versionId, answer } },
      ];
      const plan = await this.expireMissed(trx, row, now, records);
      await appendEvidence(trx, this.deps.hot, row.user_id, this.evidence(row.user_id, row.id, at, records));
      return { row, refused: null, plan };
    });
    if (result.refused === 'past_deadline') {
      await this.finalize(attemptId, 'deadline');
      throw new AppError('EXAM_PAST_DEADLINE');
    }
    if (result.refused === 'not_started') throw new AppError('EXAM_FACE_REQUIRED');
    if (result.refused) throw new AppError('EXAM_SUBMITTED');
    const deadline = Date.parse(result.row.deadline_at!);
    return {
      index: input.index,
      savedAt: at,
      remainingMs: Math.max(0, deadline - now.getTime()),
      faceCheck: faceCheckView(result.plan, now.getTime(), result.row.status),
    };
  }

  /** Face checks during the attempt left unanswered past their time become misses (recorded with the caller's write). */
  private async expireMissed(trx: DbOrTrx, row: AttemptRow, now: Date, records: Evidence[]): Promise<FacePlan> {
    const { plan, missed } = expireChecks(planOf(row), now.getTime());
    if (missed.length === 0) return plan;
    await trx
      .updateTable('exam_attempts')
      .set({ face_plan: JSON.stringify(plan) })
      .where('id', '=', row.id)
      .execute();
    for (const m of missed) {
      await this.event(trx, row, 'face_check', now.toISOString(), { checkId: m.id, outcome: 'missed' });
      records.push({
        kind: 'exam_face_check',
        data: { checkId: m.id, moment: 'during', outcome: 'missed', reason: null, faceCheckId: null, distance: null },
      });
    }
    return plan;
  }

  /** Focus lost or the page hidden: counted; from the policy's count on the learner is warned; at its limit, submitted. */
  async report(
    actor: Actor,
    attemptId: string,
    input: { kind: 'focus_lost' | 'hidden'; durationMs: number | null; deviceId: string },
  ): Promise<EventResult> {
    requirePermission(actor, examPermissions['exams.take']);
    const { db, clock } = this.deps;
    const now = clock.now();
    const at = now.toISOString();
    const outcome = await db.transaction().execute(async (trx) => {
      const taken = await takeOpenAttempt(trx, attemptId, at);
      const row = await attemptById(trx, attemptId);
      if (!row || row.user_id !== actor.userId) throw new AppError('NOT_FOUND');
      if (!taken) return null;
      this.sameDevice(actor, row, input.deviceId);
      const exam = (await examById(trx, row.exam_id))!;
      const rules = (await this.rulesOf(trx, exam)).exam;
      const count = row.focus_losses + 1;
      // Only the formal exam is supervised; practice and mock count losses but never end the attempt for them.
      const decision =
        exam.kind === 'formal'
          ? focusDecision(count, { warnings: rules.focusLossWarnings, limit: rules.focusLossLimit })
          : 'counted';
      await trx.updateTable('exam_attempts').set({ focus_losses: count }).where('id', '=', row.id).execute();
      await this.event(trx, row, input.kind, at, { count, durationMs: input.durationMs, decision });
      await appendEvidence(
        trx,
        this.deps.hot,
        row.user_id,
        this.evidence(row.user_id, row.id, at, [
          { kind: 'exam_focus_lost', data: { kind: input.kind, count, durationMs: input.durationMs, decision } },
        ]),
      );
      return { count, decision };
    });
    if (!outcome) {
      const row = await this.own(actor, attemptId);
      throw new AppError(row.row.status === 'awaiting_face' ? 'EXAM_FACE_REQUIRED' : 'EXAM_SUBMITTED');
    }
    if (outcome.decision === 'submit') await this.finalize(attemptId, 'focus_limit');
    return { ...outcome, submitted: outcome.decision === 'submit' };
  }

  // ---- face checks -----------------------------------------------------------------------------------------------

  /** Answers the face check due: the one at the start (which starts the clock) or one during the attempt. */
  async answerFace(
    actor: Actor,
    attemptId: string,
    input: { frames: Buffer[]; deviceId: string },
  ): Promise<FaceResult> {
    const { row, exam } = await this.own(actor, attemptId);
    const face = this.deps.face;
    if (!face) throw new AppError('EXAM_NO_FACE_CHECK_DUE');
    const now = this.deps.clock.now();
    const plan = planOf(row);
    const check =
      row.status === 'awaiting_face' ? plan.start : row.status === 'open' ? dueCheck(plan, now.getTime()) : null;
    if (!check)
      throw new AppError(
        row.status === 'open' || row.status === 'awaiting_face' ? 'EXAM_NO_FACE_CHECK_DUE' : 'EXAM_SUBMITTED',
      );
    this.sameDevice(actor, row, input.deviceId);
    const bounds = check.action ? { min: 3, max: 8 } : { min: 1, max: 8 };
    if (input.frames.length < bounds.min || input.frames.length > bounds.max)
      throw new AppError('LEARNING_FACE_FRAMES', { field: 'frames', params: bounds, details: bounds });
    const verdict = await face.verifyExam(
      actor.userId,
      { frames: input.frames, action: check.action },
      {
        attemptId,
        checkId: check.id,
      },
    );
    const moment = row.status === 'awaiting_face' ? ('start' as const) : ('during' as const);
    const at = this.deps.clock.now();
    const rules = await this.rulesOf(this.deps.db, exam);
    const updated = await this.deps.db.transaction().execute(async (trx) => {
      // Recorded whatever the verdict; a retake (photo not judged) leaves the check open.
      await this.event(trx, row, 'face_check', at.toISOString(), {
        checkId: check.id,
        moment,
        outcome: verdict.outcome,
        reason: verdict.reason,
        faceCheckId: verdict.faceCheckId,
        distance: verdict.distance,
      });
      const records: RecordDraft[] = this.evidence(row.user_id, row.id, at.toISOString(), [
        {
          kind: 'exam_face_check',
          data: {
            checkId: check.id,
            moment,
            outcome: verdict.outcome,
            reason: verdict.reason,
            faceCheckId: verdict.faceCheckId,
            distance: verdict.distance,
          },
        },
      ]);
      if (moment === 'start') {
        await appendEvidence(trx, this.deps.hot, row.user_id, records);
        if (verdict.outcome !== 'pass') {
          // A new head turn for the next try, so a recording of this one does not pass it.
          const next: FacePlan = { ...plan, start: { ...check, id: newId(), action: this.action(rules.liveness) } };
          await trx
            .updateTable('exam_attempts')
            .set({ face_plan: JSON.stringify(next) })
            .where('id', '=', row.id)
            .execute();
          return { ...row, face_plan: JSON.stringify(next) };
        }
        const passed: FacePlan = { ...plan, start: { ...check, state: 'passed' } };
        const moved = await trx
          .updateTable('exam_attempts')
          .set({ status: 'open' })
          .where('id', '=', row.id)
          .where('status', '=', 'awaiting_face')
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new AppError('EXAM_NO_FACE_CHECK_DUE');
        return this.startClock(trx, exam, row, passed, at, rules);
      }
      if (!(await takeOpenAttempt(trx, row.id, at.toISOString()))) throw new AppError('EXAM_SUBMITTED');
      await appendEvidence(trx, this.deps.hot, row.user_id, records);
      if (verdict.outcome === 'retake') return row;
      const next: FacePlan = {
        ...plan,
        during: plan.during.map((c) =>
          c.id === check.id ? { ...c, state: verdict.outcome === 'pass' ? 'passed' : 'failed' } : c,
        ),
      };
      await trx
        .updateTable('exam_attempts')
        .set({ face_plan: JSON.stringify(next) })
        .where('id', '=', row.id)
        .execute();
      return { ...row, face_plan: JSON.stringify(next) };
    });
    if (moment === 'start' && updated.status === 'open') await this.scheduleDeadline(updated);
    return { outcome: verdict.outcome, reason: verdict.reason, attempt: await this.view(updated, exam) };
  }

  // ---- submission ------------------------------------------------------------------------------------------------

  async submit(actor: Actor, attemptId: string, input: { deviceId: string }): Promise<AttemptView> {
    const { row } = await this.own(actor, attemptId);
    if (row.status === 'awaiting_face') throw new AppError('EXAM_FACE_REQUIRED');
    if (row.status === 'open') {
      this.sameDevice(actor, row, input.deviceId);
      await this.finalize(attemptId, 'learner');
    }
    const { row: done, exam } = await this.own(actor, attemptId);
    return this.view(done, exam);
  }

  /** The deadline job: submits the attempt if it is still running past its deadline. Returns whether it did. */
  async expire(attemptId: string): Promise<boolean> {
    const row = await attemptById(this.deps.db, attemptId);
    if (!row || row.status !== 'open' || Date.parse(row.deadline_at!) >= this.deps.clock.now().getTime()) return false;
    return this.finalize(attemptId, 'deadline');
  }

  /** Submits every attempt past its deadline (the deadline jobs' safety net; used by operations and tests). */
  async sweepExpired(limit = 500): Promise<number> {
    const rows = await this.deps.db
      .selectFrom('exam_attempts')
      .select('id')
      .where('status', '=', 'open')
      .where('deadline_at', '<', this.deps.clock.now().toISOString())
      .limit(limit)
      .execute();
    let done = 0;
    for (const r of rows) if (await this.finalize(r.id, 'deadline')) done += 1;
    return done;
  }

  /**
   * Submits an attempt once (conditional update from 'open') and grades what was saved by the deadline: objective
   * answers by the server, short answers left for the grading queue. A submission after the deadline is the deadline's.
   */
  async finalize(attemptId: string, by: SubmittedBy): Promise<boolean> {
    const { db, clock } = this.deps;
    return db.transaction().execute(async (trx) => {
      const now = clock.now();
      const row = await attemptById(trx, attemptId);
      if (!row || row.status !== 'open') return false;
      const deadline = Date.parse(row.deadline_at!);
      const late = now.getTime() > deadline;
      const submittedAt = new Date(Math.min(now.getTime(), deadline)).toISOString();
      const moved = await trx
        .updateTable('exam_attempts')
        .set({ status: 'submitted', submitted_at: submittedAt, submitted_by: late ? 'deadline' : by })
        .where('id', '=', attemptId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return false;
      const answers = (await savedAnswers(trx, attemptId)).filter((a) => a.saved_at <= row.deadline_at!);
      const keys = new Map(
        (await this.deps.questions.keysByIds(trx, [...new Set(answers.map((a) => a.version_id))])).map((k) => [
          k.versionId,
          k,
        ]),
      );
      let points = 0;
      let pending = 0;
      for (const a of answers) {
        const key = keys.get(a.version_id);
        const verdict = key
          ? this.deps.questions.gradeObjective(key, JSON.parse(a.answer) as string[])
          : 'needs_person';
        if (verdict === 'needs_person') {
          pending += 1;
          await trx
            .updateTable('exam_answers')
            .set({ needs_person: 1 })
            .where('attempt_id', '=', attemptId)
            .where('item_index', '=', a.item_index)
            .execute();
          continue;
        }
        const score = verdict.correct ? a.max_score : 0;
        points += score;
        await trx
          .updateTable('exam_answers')
          .set({ graded_score: score })
          .where('attempt_id', '=', attemptId)
          .where('item_index', '=', a.item_index)
          .execute();
      }
      await trx
        .updateTable('exam_attempts')
        .set({ score: points, pending_manual: pending, status: pending === 0 ? 'graded' : 'submitted' })
        .where('id', '=', attemptId)
        .execute();
      await appendEvidence(
        trx,
        this.deps.hot,
        row.user_id,
        this.evidence(row.user_id, row.id, now.toISOString(), [
          {
            kind: 'exam_submitted',
            data: {
              by: late ? 'deadline' : by,
              deadline: row.deadline_at!,
              answers: answers.length,
              objectivePoints: points,
              pendingManual: pending,
            },
          },
        ]),
      );
      return true;
    });
  }

  // ---- after submission ------------------------------------------------------------------------------------------

  /** The paper with the correct answers and explanations: only once the attempt is submitted. */
  async review(actor: Actor, attemptId: string): Promise<{ attempt: AttemptView; items: ReviewItem[] }> {
    const { row, exam } = await this.own(actor, attemptId);
    if (row.status !== 'submitted' && row.status !== 'graded') throw new AppError('EXAM_NOT_SUBMITTED');
    const [attempt, answers] = await Promise.all([this.view(row, exam), savedAnswers(this.deps.db, row.id)]);
    const items = itemsOf(row);
    const keys = new Map(
      (await this.deps.questions.keysByIds(this.deps.db, [...new Set(items.map((i) => i.versionId))])).map((k) => [
        k.versionId,
        k,
      ]),
    );
    return {
      attempt,
      items: attempt.items.map((view) => {
        const saved = answers.find((a) => a.item_index === view.index && a.saved_at <= row.deadline_at!);
        const key = keys.get(items[view.index].versionId);
        return {
          ...view,
          answer: saved ? (JSON.parse(saved.answer) as string[]) : null,
          correctAnswer: key?.answer ?? [],
          explanation: key?.explanation ?? '',
          awarded: saved ? saved.graded_score : 0,
          needsPerson: saved ? saved.needs_person === 1 : false,
        };
      }),
    };
  }

  /** Practice shows the answer at once (issue 16): the key of a question whose answer was saved. Practice only. */
  async practiceFeedback(actor: Actor, attemptId: string, index: number): Promise<PracticeFeedback> {
    const { row, exam } = await this.own(actor, attemptId);
    if (exam.kind !== 'practice') throw new AppError('EXAM_NOT_PRACTICE');
    const item = itemsOf(row)[index];
    const saved = (await savedAnswers(this.deps.db, row.id)).find((a) => a.item_index === index);
    if (!item || !saved) throw new AppError('NOT_FOUND', { field: 'index' });
    const [key] = await this.deps.questions.keysByIds(this.deps.db, [item.versionId]);
    const verdict = key
      ? this.deps.questions.gradeObjective(key, JSON.parse(saved.answer) as string[])
      : 'needs_person';
    return {
      index,
      correct: verdict === 'needs_person' ? null : verdict.correct,
      correctAnswer: key?.answer ?? [],
      explanation: key?.explanation ?? '',
    };
  }

  // ---- the learner's view ----------------------------------------------------------------------------------------

  private async view(row: AttemptRow, exam: ExamRow): Promise<AttemptView> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const drawn = itemsOf(row);
    const [versions, answers, rules] = await Promise.all([
      this.deps.questions.versionsByIds(db, [...new Set(drawn.map((i) => i.versionId))]),
      savedAnswers(db, row.id),
      this.rulesOf(db, exam),
    ]);
    const byId = new Map(versions.map((v) => [v.id, v]));
    const items = drawn.map((item, index): AttemptItemView => {
      const v = byId.get(item.versionId);
      const options = v?.options ?? [];
      return {
        index,
        type: v?.type ?? 'short_answer',
        stem: v?.stem ?? '',
        // The drawn order of the options (the paper's shuffle for this attempt).
        options: item.optionOrder.length
          ? item.optionOrder.flatMap((key) => options.filter((o) => o.key === key))
          : options.map((o) => ({ key: o.key, text: o.text })),
        score: item.score,
      };
    });
    const deadline = row.deadline_at ? Date.parse(row.deadline_at) : null;
    const finished = row.status === 'submitted' || row.status === 'graded';
    const points = row.status === 'graded' ? row.score : null;
    const mark = points === null ? null : markOutOf100(points, exam.total_score);
    return {
      id: row.id,
      examId: exam.id,
      title: exam.title,
      kind: exam.kind,
      attemptNo: row.attempt_no,
      status: row.status,
      startedAt: row.started_at,
      deadlineAt: row.deadline_at,
      serverNow: now.toISOString(),
      remainingMs: row.status === 'open' && deadline !== null ? Math.max(0, deadline - now.getTime()) : null,
      items,
      saved: answers
        .filter((a) => deadline === null || a.saved_at <= row.deadline_at!)
        .map((a) => ({ index: a.item_index, answer: JSON.parse(a.answer) as string[], savedAt: a.saved_at })),
      faceCheck: faceCheckView(planOf(row), now.getTime(), row.status),
      focus: { count: row.focus_losses, warnings: rules.exam.focusLossWarnings, limit: rules.exam.focusLossLimit },
      outcome: finished
        ? {
            submittedAt: row.submitted_at!,
            submittedBy: row.submitted_by!,
            points,
            totalScore: exam.total_score,
            mark,
            pendingManual: row.pending_manual,
            passed: mark === null ? null : mark >= exam.pass_mark,
          }
        : null,
    };
  }
}

function faceCheckView(plan: FacePlan, nowMs: number, status: AttemptStatus): FaceCheckView | null {
  if (status === 'awaiting_face' && plan.start)
    return { id: plan.start.id, moment: 'start', action: plan.start.action, deadline: null };
  if (status !== 'open') return null;
  const due = dueCheck(plan, nowMs);
  return due
    ? {
        id: due.id,
        moment: 'during',
        action: due.action,
        deadline: new Date(due.dueAt + plan.responseMs).toISOString(),
      }
    : null;
}
