import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { HotState } from '../../adapters/hotstate.js';
import type { Database } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { loginEndedError } from '../identity/index.js';
import { newId } from '../../platform/ids.js';
import { RecentMap } from '../../platform/recent-map.js';
import { NATIONAL_POLICY } from '../catalog/index.js';
import type { PoliciesService, PolicyDocument } from '../policies/index.js';
import { classPolicy, type ClassesService } from '../classes/index.js';
import {
  answerCheck,
  applyHeartbeat,
  carriedOf,
  cstDay,
  endSession,
  lessonComplete,
  reissueCheck,
  requestFinalCheck,
  resumePosition,
  startSession,
  type AnswerResult,
  type Beat,
  type Check,
  type Consequence,
  type Env,
  type LearningRules,
  type NoCreditReason,
  type RefusalReason,
  type SessionState,
} from './crediting.js';
import {
  classStanding,
  consequenceDrafts,
  FACE_FRAMES,
  faceRules,
  type FaceVerdict,
  type FaceVerifier,
} from './face-checks.js';
import {
  chain,
  chainHeadOf,
  GroupCommitWriter,
  type ChainHead,
  type RecordDraft,
  type RecordRow,
  type WriteUnit,
} from './records.js';
import { measure, type Segment } from './segments.js';
import { evidenceDraft, type Evidence, type EvidenceData, type EvidenceKind } from './evidence.js';

export const learningPermissions = declarePermissions({
  'learning.learn': ['learner'],
});

export type { FaceAnswer, FaceVerdict, FaceVerifier, LearningCheckRef } from './face-checks.js';

export function learningRules(policy: PolicyDocument, faceEngine: boolean): LearningRules {
  const l = { ...NATIONAL_POLICY.learning!, ...(policy.learning ?? {}) };
  return {
    heartbeatSeconds: policy.heartbeatSeconds,
    maxPlaybackRate: policy.maxPlaybackRate,
    positionToleranceSeconds: l.positionToleranceSeconds,
    gapFactor: l.gapFactor,
    maxLateSeconds: l.maxLateSeconds,
    completionShare: l.completionShare,
    dailyCapSeconds: Math.round(policy.dailyCapHours * policy.classHourMinutes * 60),
    challenge: {
      minMinutes: l.challengeMinMinutes,
      maxMinutes: Math.max(l.challengeMinMinutes, l.challengeMaxMinutes),
      responseSeconds: l.challengeResponseSeconds,
      attempts: l.challengeAttempts,
      firstMaxMinutes: l.firstChallengeMaxMinutes ?? NATIONAL_POLICY.learning!.firstChallengeMaxMinutes ?? 3,
    },
    face: faceRules(policy, faceEngine),
  };
}

/** What lives in hot state under the learner's key: one active lesson per learner, on every API node. */
type Live = {
  sessionId: string;
  classId: string;
  courseId: string;
  lessonId: string;
  startedAt: string;
  deviceId: string;
  ip: string;
  completedAt: string | null;
  rules: LearningRules;
  state: SessionState;
  head: ChainHead;
  /** Why the session ended, when missed face checks reached a policy limit (the player says so). */
  consequences?: Consequence[];
  /** The sign-in (`sessions.id`) the lesson was started under: its learning token works only with that sign-in. */
  loginSessionId?: string;
  /** Set when that sign-in ended: every later call on the lesson is refused with the sign-in's own error. */
  loginEnded?: true;
};

const GATE_ERRORS: Record<string, 'LEARNING_NOT_ENROLLED' | 'LEARNING_CLASS_NOT_APPROVED' | 'LEARNING_OUTSIDE_PERIOD'> =
  {
    not_enrolled: 'LEARNING_NOT_ENROLLED',
    not_approved: 'LEARNING_CLASS_NOT_APPROVED',
    outside_period: 'LEARNING_OUTSIDE_PERIOD',
  };

const LIVE_TTL_SECONDS = 30 * 60;
/** Parsed live states kept per node (about 4 kB each): the learners playing on this node at once. */
const PARSED_LIVE_STATES = 20_000;
/** The learner's live-state key; a credit revocation (revocation.ts) clears it so the next start reloads progress. */
export const liveKey = (userId: string) => `learn:${userId}`;

export type StartInput = {
  classId: string;
  lessonId: string;
  positionMs?: number;
  deviceId: string;
  clientTimeMs: number;
  /** What the player read from navigator.webdriver: recorded for the scripted-player detector, never trusted for credit. */
  webdriver?: boolean;
};
/** A check's answer: its result and, for a face check, what the faces module decided and why (the player shows it). */
export type AnswerExtra = {
  result: AnswerResult;
  face: { outcome: FaceVerdict['outcome']; reason: string | null } | null;
};
export type HeartbeatResult = {
  seq: number;
  accepted: boolean;
  creditedMs: number;
  heldMs: number;
  reason: NoCreditReason | RefusalReason | null;
};

export type LiveView = {
  sessionId: string;
  lessonId: string;
  durationMs: number;
  heartbeatSeconds: number;
  lesson: { creditedMs: number; watchedMs: number; complete: boolean };
  sessionCreditedMs: number;
  heldMs: number;
  day: { creditedMs: number; capMs: number };
  resumeAtMs: number;
  check: {
    id: string;
    kind: Check['kind'];
    code: string | null;
    deadline: string;
    failed: boolean;
    attemptsLeft: number;
    /** A face check's head turn to film (liveness); null for a still photo or a code. */
    action: Check['action'] | null;
  } | null;
  ended: boolean;
  /** Set when missed face checks ended the session: the lesson was reset and/or learning in the class suspended. */
  consequences: Consequence[];
};

/** What the start tells the player about face checks in this lesson. */
export type FaceChecksInfo = { on: boolean; liveness: boolean; enrolled: boolean };

/**
 * The supervised learning engine: starts lessons (one at a time per learner), judges every heartbeat with the pure
 * rules in crediting.ts, keeps the live state in hot state (shared by all API nodes, updated by compare-and-set) and
 * writes every report, check and decision as hash-chained evidence before acknowledging it.
 */
export class LearningService {
  readonly writer: GroupCommitWriter;

  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      hot: HotState;
      policies: PoliciesService;
      classes: ClassesService;
      face: FaceVerifier | null;
      random?: () => number;
      /** Told about every committed batch of records (early warning watches them); must not throw or block. */
      onRecords?: (records: readonly RecordRow[]) => void;
    },
  ) {
    this.writer = new GroupCommitWriter(deps.db);
  }

  private env(): Env {
    return { random: this.deps.random ?? (() => randomInt(0, 2 ** 30) / 2 ** 30), newId };
  }

  /**
   * The live state this node last wrote or read, per learner, already parsed: parsing the ~1.5 kB text was the
   * engine's largest cost per heartbeat (docs/performance.md). Used only while hot state still holds exactly that
   * text, so a change made on another node is always seen; the objects are never mutated (the rules are pure and
   * updates copy), so sharing them is safe.
   */
  private readonly parsed = new RecentMap<string, { raw: string; live: Live }>(PARSED_LIVE_STATES);

  private liveOf(userId: string, raw: string): Live {
    const known = this.parsed.get(userId);
    if (known && known.raw === raw) return known.live;
    const live = JSON.parse(raw) as Live;
    this.parsed.set(userId, { raw, live });
    return live;
  }

  // ---- starting a lesson ----------------------------------------------------------------------------------------

  async start(
    actor: Actor,
    input: StartInput,
    meta: RequestMeta,
  ): Promise<LiveView & { superseded: { lessonId: string; deviceId: string } | null; faceChecks: FaceChecksInfo }> {
    requirePermission(actor, learningPermissions['learning.learn']);
    const { db, clock } = this.deps;
    const gate = await this.deps.classes.learningAllowed(actor.userId, input.classId);
    if (!gate.allowed)
      throw new AppError(GATE_ERRORS[gate.reason] ?? 'LEARNING_NOT_ALLOWED', { details: { reason: gate.reason } });

    const lesson = await db
      .selectFrom('lessons')
      .innerJoin('class_courses', 'class_courses.course_id', 'lessons.course_id')
      .innerJoin('courses', 'courses.id', 'lessons.course_id')
      .innerJoin('chapters', 'chapters.id', 'lessons.chapter_id')
      .leftJoin('media', 'media.id', 'lessons.media_id')
      .select([
        'lessons.id',
        'lessons.course_id',
        'lessons.kind',
        'lessons.sort',
        'lessons.document_minutes',
        'lessons.title',
        'chapters.sort as chapter_sort',
        'courses.lessons_in_order',
        'media.status as media_status',
        'media.duration_ms',
      ])
      .where('lessons.id', '=', input.lessonId)
      .where('class_courses.class_id', '=', input.classId)
      .executeTakeFirst();
    if (!lesson) throw new AppError('NOT_FOUND');
    const durationMs =
      lesson.kind === 'video'
        ? lesson.media_status === 'ready'
          ? lesson.duration_ms
          : null
        : (lesson.document_minutes ?? 0) * 60_000;
    if (!durationMs) throw new AppError('LEARNING_LESSON_UNAVAILABLE');

    if (lesson.lessons_in_order) {
      const earlier = await db
        .selectFrom('lessons')
        .innerJoin('chapters', 'chapters.id', 'lessons.chapter_id')
        .leftJoin('lesson_progress', (join) =>
          join
            .onRef('lesson_progress.lesson_id', '=', 'lessons.id')
            .on('lesson_progress.user_id', '=', actor.userId)
            .on('lesson_progress.class_id', '=', input.classId),
        )
        .select(['lessons.title'])
        .where('lessons.course_id', '=', lesson.course_id)
        .where((eb) =>
          eb.or([
            eb('chapters.sort', '<', lesson.chapter_sort),
            eb.and([eb('chapters.sort', '=', lesson.chapter_sort), eb('lessons.sort', '<', lesson.sort)]),
          ]),
        )
        .where('lesson_progress.completed_at', 'is', null)
        .orderBy('chapters.sort')
        .orderBy('lessons.sort')
        .limit(1)
        .executeTakeFirst();
      if (earlier) throw new AppError('LEARNING_EARLIER_LESSON', { params: { title: earlier.title } });
    }

    const klass = await db
      .selectFrom('classes')
      .select(['policy_refs', 'region_code'])
      .where('id', '=', input.classId)
      .executeTakeFirstOrThrow();
    const rules = learningRules((await classPolicy(this.deps.policies, db, klass)).document, this.deps.face !== null);
    // Too many missed face checks in this class: learning waits for the institution (face-checks.ts).
    const standing = await classStanding(db, actor.userId, input.classId);
    if (standing.suspendedAt)
      throw new AppError('LEARNING_SUSPENDED', { details: { suspendedAt: standing.suspendedAt } });
    const faceChecks: FaceChecksInfo = {
      on: rules.face.enabled,
      liveness: rules.face.enabled && rules.face.liveness,
      enrolled: rules.face.enabled && this.deps.face ? await this.deps.face.isEnrolled(actor.userId) : false,
    };
    // Face checks compare with the learner's enrolled face: without one the lesson does not start (faces module).
    if (faceChecks.on && !faceChecks.enrolled) throw new AppError('LEARNING_FACE_NOT_ENROLLED');
    const now = clock.now();
    const progress = await db
      .selectFrom('lesson_progress')
      .selectAll()
      .where('user_id', '=', actor.userId)
      .where('class_id', '=', input.classId)
      .where('lesson_id', '=', input.lessonId)
      .executeTakeFirst();
    const coverage: Segment[] = progress ? (JSON.parse(progress.coverage) as Segment[]) : [];
    // What the last session of this lesson left (ADR 0008): held ground and the check still outstanding.
    const carried = {
      pending: progress?.held ? (JSON.parse(progress.held) as Segment[]) : [],
      check: progress?.open_check ? (JSON.parse(progress.open_check) as Check) : null,
    };
    const today = await db
      .selectFrom('learning_daily')
      .select('credited_ms')
      .where('user_id', '=', actor.userId)
      .where('day', '=', cstDay(now.getTime()))
      .executeTakeFirst();

    const sessionId = newId();
    // The end of what was watched, held ground included (it is the learner's, waiting for the next check).
    const frontier = resumePosition({ coverage, pending: carried.pending });
    const requested = input.positionMs ?? (frontier >= durationMs * rules.completionShare ? 0 : frontier);
    const position = Math.min(requested, frontier, durationMs);
    const state = startSession(
      {
        sessionId,
        userId: actor.userId,
        lessonId: input.lessonId,
        durationMs,
        at: now.getTime(),
        positionMs: position,
        clientTimeMs: input.clientTimeMs,
        coverage,
        lessonCreditMs: progress?.credited_ms ?? 0,
        lessonFacePasses: progress?.face_passes ?? 0,
        dayCreditMs: today?.credited_ms ?? 0,
        lessonFaceMisses: progress?.face_misses ?? 0,
        classFaceMisses: standing.faceMisses,
        carried,
      },
      rules,
      this.env(),
    );

    // One lesson at a time: a new start ends whatever this learner had open, on any node (compare-and-set).
    for (let attempt = 0; attempt < 3; attempt++) {
      const raw = await this.deps.hot.get(liveKey(actor.userId));
      const previous: Live | null = raw ? (JSON.parse(raw) as Live) : null;
      const head = previous ? previous.head : await chainHeadOf(db, actor.userId);
      const drafts: RecordDraft[] = [];
      const at = now.toISOString();
      if (previous && previous.state.endedAt === null) {
        drafts.push(
          draft(actor.userId, previous.sessionId, 'session_superseded', at, {
            bySession: sessionId,
            lessonId: input.lessonId,
            deviceId: input.deviceId,
            ip: meta.ip,
            // Carried with the lesson (ADR 0008), and so is an open check, its deadline running.
            heldMsCarried: previous.state.pendingCreditMs,
            openCheckId: previous.state.check && !previous.state.check.failed ? previous.state.check.id : null,
          }),
        );
      }
      drafts.push(
        draft(actor.userId, sessionId, 'session_started', at, {
          classId: input.classId,
          courseId: lesson.course_id,
          lessonId: input.lessonId,
          durationMs,
          positionMs: position,
          deviceId: input.deviceId,
          ip: meta.ip,
          userAgent: meta.userAgent,
          clientTimeMs: input.clientTimeMs,
          policyRefs: klass.policy_refs ? JSON.parse(klass.policy_refs) : null,
          ...(state.pendingCreditMs > 0 ? { heldMsCarried: state.pendingCreditMs } : {}),
          ...(state.check ? { carriedCheckId: state.check.id, carriedCheckFailed: state.check.failed } : {}),
          ...(input.webdriver === undefined ? {} : { webdriver: input.webdriver }),
        }),
      );
      const linked = chain(head, drafts);
      const live: Live = {
        sessionId,
        classId: input.classId,
        courseId: lesson.course_id,
        lessonId: input.lessonId,
        startedAt: at,
        deviceId: input.deviceId,
        ip: meta.ip,
        completedAt: progress?.completed_at ?? null,
        rules,
        state,
        head: linked.head,
        loginSessionId: actor.sessionId,
      };
      if (!(await this.deps.hot.compareAndSet(liveKey(actor.userId), raw, JSON.stringify(live), LIVE_TTL_SECONDS)))
        continue;
      await this.persist(actor.userId, live, {
        records: linked.rows,
        session: {
          id: sessionId,
          user_id: actor.userId,
          class_id: input.classId,
          course_id: lesson.course_id,
          lesson_id: input.lessonId,
          login_session_id: actor.sessionId,
          started_at: at,
          ip: meta.ip,
          user_agent: meta.userAgent.slice(0, 400),
          device_id: input.deviceId,
          start_position_ms: position,
        },
      });
      // A sign-out committed while this start was under way ran its clean-up before the state above existed: look
      // again now that it does, so a lesson never outlives its sign-in (the other order is handled by that clean-up).
      const ended = await loginEndedError(db, actor.sessionId);
      if (ended) {
        await this.endLessonOfEndedLogin(actor.userId);
        throw ended;
      }
      const superseded =
        previous && previous.state.endedAt === null
          ? { lessonId: previous.lessonId, deviceId: previous.deviceId }
          : null;
      return { ...view(live), superseded, faceChecks };
    }
    throw new AppError('LEARNING_BUSY');
  }

  // ---- heartbeats and checks ----------------------------------------------------------------------------------

  async heartbeat(actor: Actor, sessionId: string, beats: Beat[]): Promise<LiveView & { results: HeartbeatResult[] }> {
    requirePermission(actor, learningPermissions['learning.learn']);
    return this.update(actor, sessionId, (live, receivedAt, env) => {
      const results: HeartbeatResult[] = [];
      const drafts: RecordDraft[] = [];
      let consequences: Consequence[] = [];
      let state = live.state;
      const at = new Date(receivedAt).toISOString();
      for (const beat of [...beats].sort((a, b) => a.seq - b.seq)) {
        const out = applyHeartbeat(state, beat, receivedAt, live.rules, env);
        if (!out.accepted) {
          results.push({ seq: beat.seq, accepted: false, creditedMs: 0, heldMs: 0, reason: out.reason });
          drafts.push(draft(live.state.userId, sessionId, 'heartbeat_refused', at, { ...beat, reason: out.reason }));
          continue;
        }
        state = out.state;
        results.push({
          seq: beat.seq,
          accepted: true,
          creditedMs: out.creditedMs,
          heldMs: out.heldMs,
          reason: out.reason,
        });
        if (out.expired)
          drafts.push(
            draft(live.state.userId, sessionId, 'check_missed', at, {
              checkId: out.expired.id,
              kind: out.expired.kind,
              deadline: new Date(out.expired.deadline).toISOString(),
            }),
          );
        drafts.push(
          draft(
            live.state.userId,
            sessionId,
            'heartbeat',
            at,
            {
              ...beat,
              effectiveAt: new Date(out.interval.toAt).toISOString(),
              fromPositionMs: out.interval.fromPos,
              heldMs: out.heldMs,
              reason: out.reason,
            },
            out.creditedMs,
          ),
        );
        if (out.issued) drafts.push(draft(live.state.userId, sessionId, 'check_issued', at, issuedData(out.issued)));
        if (out.consequences.length > 0) {
          drafts.push(
            ...consequenceDrafts(
              { userId: live.state.userId, sessionId, classId: live.classId, lessonId: live.lessonId, at },
              live.state,
              out.consequences,
            ),
          );
          consequences = out.consequences;
        }
      }
      return { state, drafts, extra: { results }, consequences };
    });
  }

  /**
   * Answers the open check: the code typed back, or for a face check the frames the player filmed. The face engine
   * runs before the compare-and-set loop (it is slow and must not be repeated on a retry); a busy engine refuses the
   * answer without using an attempt. The deadline is judged at the answer's arrival, not after the engine's work.
   */
  async answer(
    actor: Actor,
    sessionId: string,
    checkId: string,
    answer: { code?: string; photo?: Buffer; frames?: Buffer[] },
  ): Promise<LiveView & AnswerExtra> {
    requirePermission(actor, learningPermissions['learning.learn']);
    const arrivedAt = this.deps.clock.now().getTime();
    const raw = await this.deps.hot.get(liveKey(actor.userId));
    const current: Live | null = raw ? (JSON.parse(raw) as Live) : null;
    const open = current?.sessionId === sessionId ? current.state.check : null;
    let face: FaceVerdict | null = null;
    if (
      open?.kind === 'face' &&
      open.id === checkId &&
      !open.failed &&
      arrivedAt <= open.deadline &&
      current!.state.endedAt === null
    ) {
      if (!this.deps.face) throw new AppError('LEARNING_FACE_UNAVAILABLE');
      const frames = answer.frames ?? (answer.photo ? [answer.photo] : []);
      const action = open.action ?? null;
      const bounds = action ? FACE_FRAMES.liveness : FACE_FRAMES.still;
      if (frames.length < bounds.min || frames.length > bounds.max)
        throw new AppError('LEARNING_FACE_FRAMES', { field: 'frames', params: bounds, details: bounds });
      try {
        face = await this.deps.face.verifyLearning(actor.userId, { frames, action }, { sessionId, checkId });
      } catch (error) {
        if (error instanceof AppError && error.code === 'FACE_ENGINE_BUSY')
          throw new AppError('LEARNING_FACE_BUSY', { details: { attemptUsed: false } });
        throw error;
      }
    }
    return this.update(actor, sessionId, (live, receivedAt, env) => {
      const check = live.state.check;
      if (!check || check.id !== checkId) throw new AppError('LEARNING_CHECK_NOT_OPEN');
      const due = !check.failed && arrivedAt <= check.deadline;
      // The check changed under the engine's feet (it cannot within one session, but never judge a face unseen).
      if (check.kind === 'face' && due && !face) throw new AppError('LEARNING_CHECK_NOT_OPEN');
      const correct =
        check.kind === 'face'
          ? face?.outcome === 'pass'
            ? true
            : face?.outcome === 'retake'
              ? ('retake' as const)
              : false
          : answer.code !== undefined && answer.code.trim() === check.code;
      const out = answerCheck(live.state, checkId, correct, Math.min(receivedAt, arrivedAt), live.rules, env);
      if (!out.accepted) throw new AppError('LEARNING_CHECK_NOT_OPEN');
      const at = new Date(receivedAt).toISOString();
      const drafts = [
        draft(
          live.state.userId,
          sessionId,
          'check_answered',
          at,
          {
            checkId,
            kind: check.kind,
            result: out.result,
            attempt: out.check.attempts,
            committedMs: out.committedMs,
            ...(face
              ? {
                  face: {
                    faceCheckId: face.faceCheckId,
                    outcome: face.outcome,
                    reason: face.reason,
                    distance: face.distance,
                    threshold: face.threshold,
                    liveness: face.liveness,
                  },
                  retakes: out.check.retakes ?? 0,
                }
              : {}),
          },
          out.committedMs,
        ),
      ];
      drafts.push(
        ...consequenceDrafts(
          { userId: live.state.userId, sessionId, classId: live.classId, lessonId: live.lessonId, at },
          live.state,
          out.consequences,
        ),
      );
      return {
        state: out.state,
        drafts,
        extra: { result: out.result, face: face ? { outcome: face.outcome, reason: face.reason } : null },
        consequences: out.consequences,
      };
    });
  }

  /** A failed check can be taken again with a new one (the failure stays on record). */
  async retryCheck(actor: Actor, sessionId: string): Promise<LiveView> {
    requirePermission(actor, learningPermissions['learning.learn']);
    return this.update(actor, sessionId, (live, receivedAt, env) => {
      if (!live.state.check?.failed) throw new AppError('LEARNING_CHECK_NOT_OPEN');
      const state = reissueCheck(live.state, receivedAt, live.rules, env);
      const at = new Date(receivedAt).toISOString();
      return {
        state,
        drafts: [
          draft(live.state.userId, sessionId, 'check_issued', at, {
            ...issuedData(state.check!),
            retryOf: live.state.check.id,
          }),
        ],
        extra: {},
      };
    });
  }

  /**
   * Ends the session (ADR 0008): held ground is carried to the learner's next session of the lesson; a check still open
   * counts as a miss now (its held ground dropped) and is carried over failed.
   */
  /**
   * The learner asks to confirm the time held before leaving (ADR 0008): a final check is issued now (none when nothing
   * is held or a check is already out; the view then says why).
   */
  async finalCheck(actor: Actor, sessionId: string): Promise<LiveView> {
    requirePermission(actor, learningPermissions['learning.learn']);
    return this.update(actor, sessionId, (live, receivedAt, env) => {
      const state = requestFinalCheck(live.state, receivedAt, live.rules, env);
      if (state === live.state) return { state, drafts: [], extra: {} };
      const at = new Date(receivedAt).toISOString();
      return {
        state,
        drafts: [draft(live.state.userId, sessionId, 'check_issued', at, { ...issuedData(state.check!), final: true })],
        extra: {},
      };
    });
  }

  async end(actor: Actor, sessionId: string): Promise<LiveView> {
    requirePermission(actor, learningPermissions['learning.learn']);
    return this.update(actor, sessionId, (live, receivedAt) => {
      if (live.state.endedAt !== null) return { state: live.state, drafts: [], extra: {} };
      const out = endSession(live.state, receivedAt, live.rules);
      const at = new Date(receivedAt).toISOString();
      const drafts: RecordDraft[] = [];
      if (out.missed)
        drafts.push(
          draft(live.state.userId, sessionId, 'check_missed', at, {
            checkId: out.missed.id,
            kind: out.missed.kind,
            deadline: new Date(out.missed.deadline).toISOString(),
            reason: 'session_ended',
            heldMsDropped: live.state.pendingCreditMs,
          }),
        );
      if (out.consequences.length > 0) {
        drafts.push(
          ...consequenceDrafts(
            { userId: live.state.userId, sessionId, classId: live.classId, lessonId: live.lessonId, at },
            { ...live.state, pendingCreditMs: 0 },
            out.consequences,
          ),
        );
      } else {
        drafts.push(
          draft(live.state.userId, sessionId, 'session_ended', at, {
            creditedMs: live.state.sessionCreditMs,
            heldMsCarried: out.state.pendingCreditMs,
            ...(out.state.check ? { openCheckId: out.state.check.id, openCheckMissed: out.missed !== null } : {}),
          }),
        );
      }
      return { state: out.state, drafts, extra: {}, consequences: out.consequences };
    });
  }

  /** Loads the learner's live state, applies `change`, stores it by compare-and-set and persists the evidence. */
  private async update<T extends object>(
    actor: Actor,
    sessionId: string,
    change: (
      live: Live,
      receivedAt: number,
      env: Env,
    ) => { state: SessionState; drafts: RecordDraft[]; extra: T; consequences?: Consequence[] },
  ): Promise<LiveView & T> {
    const env = this.env();
    // A refused call from a device whose sign-in has ended is told that first (a learning token skips the session
    // lookup, so it is done here, on refusals only).
    const refuse = async (error: AppError): Promise<never> => {
      throw (await loginEndedError(this.deps.db, actor.sessionId)) ?? error;
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const raw = await this.deps.hot.get(liveKey(actor.userId));
      if (!raw)
        return refuse(
          new AppError('LEARNING_SESSION_ENDED', { params: { reason: 'expired' }, details: { reason: 'expired' } }),
        );
      const live = this.liveOf(actor.userId, raw);
      if (live.sessionId !== sessionId) {
        return refuse(
          new AppError('LEARNING_SESSION_ENDED', {
            params: { reason: 'superseded' },
            details: { reason: 'superseded', startedAt: live.startedAt, lessonId: live.lessonId, ip: live.ip },
          }),
        );
      }
      if (live.loginEnded || (live.loginSessionId !== undefined && live.loginSessionId !== actor.sessionId)) {
        return refuse(
          new AppError('LEARNING_SESSION_ENDED', {
            params: { reason: 'signed_out' },
            details: { reason: 'signed_out' },
          }),
        );
      }
      const receivedAt = this.deps.clock.now().getTime();
      const { state, drafts, extra, consequences } = change(live, receivedAt, env);
      const linked = chain(live.head, drafts);
      const complete =
        live.completedAt ?? (lessonComplete(state, live.rules) ? new Date(receivedAt).toISOString() : null);
      const next: Live = {
        ...live,
        state,
        head: linked.head,
        completedAt: complete,
        ...(consequences?.length ? { consequences } : {}),
      };
      const nextRaw = JSON.stringify(next);
      if (!(await this.deps.hot.compareAndSet(liveKey(actor.userId), raw, nextRaw, LIVE_TTL_SECONDS))) continue;
      this.parsed.set(actor.userId, { raw: nextRaw, live: next });
      const progressChanged =
        state.lessonCreditMs !== live.state.lessonCreditMs ||
        state.pending !== live.state.pending ||
        state.check !== live.state.check ||
        state.lessonFacePasses !== live.state.lessonFacePasses ||
        complete !== live.completedAt ||
        (state.lessonFaceMisses ?? 0) !== (live.state.lessonFaceMisses ?? 0) ||
        state.coverage.length !== live.state.coverage.length;
      const suspended = consequences?.find((c) => c.kind === 'class_suspended');
      await this.persist(actor.userId, next, {
        records: linked.rows,
        progress: progressChanged
          ? {
              user_id: actor.userId,
              class_id: live.classId,
              lesson_id: live.lessonId,
              course_id: live.courseId,
              coverage: JSON.stringify(state.coverage),
              credited_ms: state.lessonCreditMs,
              duration_ms: state.durationMs,
              face_passes: state.lessonFacePasses,
              face_misses: state.lessonFaceMisses ?? 0,
              completed_at: complete,
              updated_at: new Date(receivedAt).toISOString(),
              ...carriedColumns(state),
            }
          : undefined,
        classStatus:
          (state.classFaceMisses ?? 0) !== (live.state.classFaceMisses ?? 0) || suspended
            ? {
                user_id: actor.userId,
                class_id: live.classId,
                face_misses: state.classFaceMisses ?? 0,
                updated_at: new Date(receivedAt).toISOString(),
                suspended_at: suspended ? new Date(receivedAt).toISOString() : null,
                suspension: suspended ? JSON.stringify({ ...suspended, sessionId, lessonId: live.lessonId }) : null,
              }
            : undefined,
        daily:
          state.dayCreditMs !== live.state.dayCreditMs || state.day !== live.state.day
            ? { user_id: actor.userId, day: state.day, credited_ms: state.dayCreditMs }
            : undefined,
      });
      return { ...view(next), ...extra };
    }
    throw new AppError('LEARNING_BUSY');
  }

  /**
   * Ends the learner's live lesson if the sign-in it was started under has ended: called after every commit that
   * ends sign-ins (AuthService.onLoginsEnded) and by `start` when it finds its own sign-in ended. The state stays in
   * hot state, marked, so the chain continues from it and the device is told why.
   */
  async endLessonOfEndedLogin(userId: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const raw = await this.deps.hot.get(liveKey(userId));
      if (!raw) return;
      const live = JSON.parse(raw) as Live;
      if (live.loginEnded || live.loginSessionId === undefined) return;
      // A password change ends the other sign-ins, not the one this lesson runs under.
      if (!(await loginEndedError(this.deps.db, live.loginSessionId))) return;
      const at = this.deps.clock.now().getTime();
      const drafts =
        live.state.endedAt === null
          ? [
              draft(userId, live.sessionId, 'session_ended', new Date(at).toISOString(), {
                reason: 'signed_out',
                creditedMs: live.state.sessionCreditMs,
                // Held ground and an open check stay with the lesson (ADR 0008; already in its progress row).
                heldMsCarried: live.state.pendingCreditMs,
              }),
            ]
          : [];
      const linked = chain(live.head, drafts);
      const next: Live = {
        ...live,
        state: live.state.endedAt === null ? { ...live.state, endedAt: at } : live.state,
        head: linked.head,
        loginEnded: true,
      };
      if (!(await this.deps.hot.compareAndSet(liveKey(userId), raw, JSON.stringify(next), LIVE_TTL_SECONDS))) continue;
      if (linked.rows.length > 0) await this.persist(userId, next, { records: linked.rows });
      return;
    }
    throw new AppError('LEARNING_BUSY');
  }

  private async persist(userId: string, live: Live, unit: WriteUnit): Promise<void> {
    try {
      await this.writer.write(unit);
    } catch (error) {
      // The live state already moved on: drop it so the chain is resumed from what the database holds.
      await this.deps.hot.compareAndSet(liveKey(userId), JSON.stringify(live), '', 1).catch(() => undefined);
      throw error;
    }
    // Early warning is told after the commit; its trouble is never the learner's.
    try {
      this.deps.onRecords?.(unit.records);
    } catch {
      // ignored: the periodic scan reads the same records
    }
  }
}

/** The progress row's copy of what a session leaves for the next one (ADR 0008); SQL is its truth across nodes. */
function carriedColumns(state: SessionState): { held: string; held_ms: number; open_check: string | null } {
  const carried = carriedOf(state);
  return {
    held: JSON.stringify(carried.pending),
    held_ms: state.pendingCreditMs,
    open_check: carried.check ? JSON.stringify(carried.check) : null,
  };
}

function draft<K extends EvidenceKind>(
  userId: string,
  sessionId: string,
  kind: K,
  at: string,
  data: EvidenceData<K>,
  creditedMs = 0,
): RecordDraft {
  return evidenceDraft({ userId, sessionId, at }, { kind, data } as Evidence, creditedMs);
}

function view(live: Live): LiveView {
  const s = live.state;
  const check = s.check;
  const limit = check?.kind === 'face' ? live.rules.face.retries + 1 : live.rules.challenge.attempts;
  return {
    sessionId: live.sessionId,
    lessonId: live.lessonId,
    durationMs: s.durationMs,
    heartbeatSeconds: live.rules.heartbeatSeconds,
    lesson: { creditedMs: s.lessonCreditMs, watchedMs: measure(s.coverage), complete: live.completedAt !== null },
    sessionCreditedMs: s.sessionCreditMs,
    heldMs: s.pendingCreditMs,
    day: { creditedMs: s.dayCreditMs, capMs: live.rules.dailyCapSeconds * 1000 },
    resumeAtMs: resumePosition(s),
    check: check
      ? {
          id: check.id,
          kind: check.kind,
          code: check.code,
          deadline: new Date(check.deadline).toISOString(),
          failed: check.failed,
          attemptsLeft: Math.max(0, limit - check.attempts),
          action: check.action ?? null,
        }
      : null,
    ended: s.endedAt !== null,
    consequences: live.consequences ?? [],
  };
}

function issuedData(check: Check): EvidenceData<'check_issued'> {
  return {
    checkId: check.id,
    kind: check.kind,
    code: check.code,
    deadline: new Date(check.deadline).toISOString(),
    ...(check.action ? { action: check.action } : {}),
    ...(check.lessonEnd ? { lessonEnd: true } : {}),
  };
}
