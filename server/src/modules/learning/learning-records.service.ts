import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { canSeeClass } from '../classes/index.js';
import { decodeRecord } from './evidence.js';
import { verifyChain, type ChainVerdict } from './records.js';

export const learningRecordPermissions = declarePermissions({
  'learning.mine': ['learner'],
  'learning.trace': ['institution_admin', 'teacher', 'regulator', 'operator'],
});

export type LessonProgressView = {
  lessonId: string;
  title: string;
  courseId: string;
  courseTitle: string;
  chapterTitle: string;
  kind: string;
  durationMs: number | null;
  creditedMs: number;
  complete: boolean;
  completedAt: string | null;
  order: number;
};
export type SessionSummary = {
  id: string;
  lessonId: string;
  lessonTitle: string;
  startedAt: string;
  lastAt: string;
  ended: boolean;
  creditedMs: number;
  ip: string;
  userAgent: string;
  deviceId: string;
  heartbeats: number;
  refused: number;
  checksIssued: number;
  checksMissed: number;
};
export type RecordView = {
  chainSeq: number;
  kind: string;
  at: string;
  creditedMs: number;
  data: unknown;
  hash: string;
};

/** Learners read their own progress and records; institution staff and regulators trace them within their scope. */
export class LearningRecordsService {
  constructor(private readonly deps: { db: Kysely<Database> }) {}

  /** The learner (or a staff member in scope) sees whose records: returns the learner id after checking. */
  private async subject(actor: Actor, classId: string, userId?: string): Promise<string> {
    const { db } = this.deps;
    if (actor.role === 'learner') {
      requirePermission(actor, learningRecordPermissions['learning.mine']);
      if (userId && userId !== actor.userId) throw new AppError('NOT_FOUND');
      const enrolled = await db
        .selectFrom('enrolments')
        .select('user_id')
        .where('class_id', '=', classId)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      if (!enrolled) throw new AppError('NOT_FOUND');
      return actor.userId;
    }
    requirePermission(actor, learningRecordPermissions['learning.trace']);
    const klass = await db
      .selectFrom('classes')
      .select(['institution_id', 'region_code', 'status'])
      .where('id', '=', classId)
      .executeTakeFirst();
    if (!klass || !canSeeClass(actor, klass) || !userId) throw new AppError('NOT_FOUND');
    const enrolled = await db
      .selectFrom('enrolments')
      .select('user_id')
      .where('class_id', '=', classId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!enrolled) throw new AppError('NOT_FOUND');
    return userId;
  }

  async progress(actor: Actor, classId: string, userId?: string): Promise<LessonProgressView[]> {
    const learner = await this.subject(actor, classId, userId);
    const rows = await this.deps.db
      .selectFrom('class_courses')
      .innerJoin('courses', 'courses.id', 'class_courses.course_id')
      .innerJoin('lessons', 'lessons.course_id', 'courses.id')
      .innerJoin('chapters', 'chapters.id', 'lessons.chapter_id')
      .leftJoin('media', 'media.id', 'lessons.media_id')
      .leftJoin('lesson_progress', (join) =>
        join
          .onRef('lesson_progress.lesson_id', '=', 'lessons.id')
          .on('lesson_progress.user_id', '=', learner)
          .on('lesson_progress.class_id', '=', classId),
      )
      .select([
        'lessons.id',
        'lessons.title',
        'lessons.kind',
        'lessons.document_minutes',
        'courses.id as course_id',
        'courses.title as course_title',
        'chapters.title as chapter_title',
        'media.duration_ms',
        'lesson_progress.credited_ms',
        'lesson_progress.completed_at',
      ])
      .where('class_courses.class_id', '=', classId)
      .orderBy('courses.title')
      .orderBy('chapters.sort')
      .orderBy('lessons.sort')
      .execute();
    return rows.map((r, order) => ({
      lessonId: r.id,
      title: r.title,
      courseId: r.course_id,
      courseTitle: r.course_title,
      chapterTitle: r.chapter_title,
      kind: r.kind,
      durationMs: r.kind === 'video' ? r.duration_ms : (r.document_minutes ?? 0) * 60_000,
      creditedMs: r.credited_ms ?? 0,
      complete: r.completed_at !== null && r.completed_at !== undefined,
      completedAt: r.completed_at ?? null,
      order,
    }));
  }

  async sessions(actor: Actor, classId: string, userId?: string): Promise<SessionSummary[]> {
    const learner = await this.subject(actor, classId, userId);
    const { db } = this.deps;
    const sessions = await db
      .selectFrom('learning_sessions')
      .innerJoin('lessons', 'lessons.id', 'learning_sessions.lesson_id')
      .select([
        'learning_sessions.id',
        'learning_sessions.lesson_id',
        'lessons.title',
        'learning_sessions.started_at',
        'learning_sessions.ip',
        'learning_sessions.user_agent',
        'learning_sessions.device_id',
      ])
      .where('learning_sessions.user_id', '=', learner)
      .where('learning_sessions.class_id', '=', classId)
      .orderBy('learning_sessions.started_at', 'desc')
      .limit(500)
      .execute();
    if (sessions.length === 0) return [];
    const tallies = await db
      .selectFrom('learning_records')
      .select((eb) => [
        'session_id',
        'kind',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('credited_ms').as('credited'),
        eb.fn.max('at').as('last_at'),
      ])
      .where('user_id', '=', learner)
      .where(
        'session_id',
        'in',
        sessions.map((s) => s.id),
      )
      .groupBy(['session_id', 'kind'])
      .execute();
    return sessions.map((s) => {
      const mine = tallies.filter((t) => t.session_id === s.id);
      const count = (kind: string) => Number(mine.find((t) => t.kind === kind)?.n ?? 0);
      return {
        id: s.id,
        lessonId: s.lesson_id,
        lessonTitle: s.title,
        startedAt: s.started_at,
        lastAt: mine.reduce((last, t) => (String(t.last_at) > last ? String(t.last_at) : last), s.started_at),
        ended: count('session_ended') + count('session_superseded') > 0,
        creditedMs: mine.reduce((sum, t) => sum + Number(t.credited ?? 0), 0),
        ip: s.ip,
        userAgent: s.user_agent,
        deviceId: s.device_id,
        heartbeats: count('heartbeat'),
        refused: count('heartbeat_refused'),
        checksIssued: count('check_issued'),
        checksMissed: count('check_missed'),
      };
    });
  }

  async records(actor: Actor, sessionId: string): Promise<RecordView[]> {
    const session = await this.deps.db
      .selectFrom('learning_sessions')
      .select(['class_id', 'user_id'])
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (!session) throw new AppError('NOT_FOUND');
    await this.subject(
      actor,
      session.class_id,
      actor.role === 'learner' ? (session.user_id === actor.userId ? undefined : session.user_id) : session.user_id,
    );
    const rows = await this.deps.db
      .selectFrom('learning_records')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('chain_seq')
      .limit(5000)
      .execute();
    return rows.map((r) => ({
      chainSeq: r.chain_seq,
      kind: r.kind,
      at: r.at,
      creditedMs: r.credited_ms,
      data: decodeRecord(r).data,
      hash: r.hash,
    }));
  }

  /** Operators check a learner's chain on demand; the CLI checks all of them. */
  async verify(actor: Actor, userId: string): Promise<ChainVerdict> {
    requirePermission(actor, learningRecordPermissions['learning.trace']);
    if (actor.role !== 'operator') throw new AppError('FORBIDDEN');
    return verifyChain(this.deps.db, userId);
  }
}
