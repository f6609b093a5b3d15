import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { formatBeijingTime } from '../../platform/time.js';
import type { AuditService } from '../audit/index.js';
import type { CoursesService } from '../catalog/index.js';
import type { PoliciesService } from '../policies/index.js';
import { offlineClassHours } from '../attendance/index.js';
import { canSeeClass, classPolicy, type ClassesTable } from '../classes/index.js';
import type { OnlineProgressReader } from './online-progress.js';
import {
  hoursPlan,
  learnerFigures,
  onlineClassHours,
  progressWorkbook,
  type HoursPlan,
  type LearnerFigures,
} from './progress.js';

export const progressPermissions = declarePermissions({
  'classes.progress.read': ['institution_admin', 'teacher', 'regulator', 'operator'],
  // The export carries personal data out of the platform: the institution's administrators and supervisors only.
  'classes.progress.export': ['institution_admin', 'regulator', 'operator'],
});

type ClassRow = Selectable<ClassesTable>;

/**
 * Whether a learner's online figure is the evidence chain's: recomputed from the chain at every read (issue 14).
 * `mismatch`: the stored progress differs from the chain (an edited derived row); the chain's figure is given beside.
 */
export type Verification = { status: 'verified' | 'mismatch' | 'unverified'; chainOnlineSeconds: number | null };
export type LearnerProgress = LearnerFigures & {
  userId: string;
  name: string;
  idNumberMasked: string;
  enrolment: 'enrolled' | 'withdrawn';
  verification: Verification;
};
export type ClassProgress = {
  classId: string;
  className: string;
  plan: HoursPlan;
  learners: LearnerProgress[];
  /** When the figures were compared with the chain and how many learners' figures differ. */
  verification: { checkedAt: string; mismatches: number };
};
export type LessonProgress = {
  lessonId: string;
  courseTitle: string;
  chapterTitle: string;
  title: string;
  kind: 'video' | 'document';
  /** How long the lesson is (probed video duration or the document's planned minutes); null while a video is processing. */
  durationSeconds: number | null;
  creditedSeconds: number;
  creditedHours: number;
  completed: boolean;
  verification: Verification;
};
export type SessionProgress = {
  sessionId: string;
  title: string;
  venueName: string;
  startsAt: string;
  endsAt: string;
  checkInAt: string | null;
  checkOutAt: string | null;
  minutes: number;
  classHours: number;
};
export type LearnerProgressDetail = {
  classId: string;
  className: string;
  plan: HoursPlan;
  learner: LearnerProgress;
  lessons: LessonProgress[];
  sessions: SessionProgress[];
};

function verificationOf(chain: { creditedSeconds: number; matches: boolean } | undefined): Verification {
  if (!chain) return { status: 'unverified', chainOnlineSeconds: null };
  return { status: chain.matches ? 'verified' : 'mismatch', chainOnlineSeconds: chain.creditedSeconds };
}

const byEnrolmentThenName = (a: LearnerProgress, b: LearnerProgress) =>
  (a.enrolment === b.enrolment ? 0 : a.enrolment === 'enrolled' ? -1 : 1) || a.name.localeCompare(b.name, 'zh-CN');

/**
 * Hours and progress of a class (学时): per learner, online hours credited by the learning engine and offline hours
 * attended, against what the class requires; the detail per lesson and session; an Excel export that is audited.
 */
export class ProgressService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      audit: AuditService;
      courses: CoursesService;
      policies: PoliciesService;
      online: OnlineProgressReader;
    },
  ) {}

  private async visibleClass(
    actor: Actor,
    classId: string,
    permission: 'classes.progress.read' | 'classes.progress.export',
  ): Promise<ClassRow> {
    requirePermission(actor, progressPermissions[permission]);
    const row = await this.deps.db.selectFrom('classes').selectAll().where('id', '=', classId).executeTakeFirst();
    if (!row || !canSeeClass(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  /** What the class requires, under the policy versions it keeps (the region's current ones before approval). */
  private async plan(row: ClassRow): Promise<HoursPlan> {
    const { document } = await classPolicy(this.deps.policies, this.deps.db, row);
    const links = await this.deps.db
      .selectFrom('class_courses')
      .select('course_id')
      .where('class_id', '=', row.id)
      .orderBy('sort')
      .execute();
    const courseHours: number[] = [];
    for (const { course_id } of links)
      courseHours.push((await this.deps.courses.hoursUnder(course_id, document.classHourMinutes)).classHours);
    return hoursPlan({
      classHourMinutes: document.classHourMinutes,
      onlineHourFactor: document.onlineHourFactor,
      courseHours,
      offlineHours: row.offline_hours,
    });
  }

  /** Attended minutes per learner, as attendance recorded them at check-out (no check-out, no minutes). */
  private async offlineMinutes(classId: string): Promise<Map<string, number>> {
    const rows = await this.deps.db
      .selectFrom('attendance')
      .select(['user_id', 'minutes'])
      .where('class_id', '=', classId)
      .execute();
    const out = new Map<string, number>();
    for (const r of rows) out.set(r.user_id, (out.get(r.user_id) ?? 0) + (r.minutes ?? 0));
    return out;
  }

  private roster(classId: string) {
    return this.deps.db
      .selectFrom('enrolments')
      .innerJoin('users', 'users.id', 'enrolments.user_id')
      .select(['users.id', 'users.name', 'users.id_number_masked', 'enrolments.status'])
      .where('enrolments.class_id', '=', classId);
  }

  async classProgress(actor: Actor, classId: string): Promise<ClassProgress> {
    return this.readClassProgress(await this.visibleClass(actor, classId, 'classes.progress.read'));
  }

  private async readClassProgress(row: ClassRow): Promise<ClassProgress> {
    const [plan, roster, credits, minutes, lessonsTotal] = await Promise.all([
      this.plan(row),
      this.roster(row.id).execute(),
      this.deps.online.forClass(row.id),
      this.offlineMinutes(row.id),
      this.lessonCount(row.id),
    ]);
    const learners = roster.map((r) => {
      const credit = credits.get(r.id) ?? { creditedSeconds: 0, lessonsCompleted: 0, lessonsTotal };
      return {
        userId: r.id,
        name: r.name,
        idNumberMasked: r.id_number_masked,
        enrolment: r.status,
        ...learnerFigures(credit, minutes.get(r.id) ?? 0, plan),
        verification: verificationOf(credit.chain),
      };
    });
    return {
      classId: row.id,
      className: row.name,
      plan,
      learners: learners.sort(byEnrolmentThenName),
      verification: {
        checkedAt: this.deps.clock.now().toISOString(),
        mismatches: learners.filter((l) => l.verification.status === 'mismatch').length,
      },
    };
  }

  private async lessonCount(classId: string): Promise<number> {
    const { n } = await this.deps.db
      .selectFrom('lessons')
      .innerJoin('class_courses', 'class_courses.course_id', 'lessons.course_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('class_courses.class_id', '=', classId)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** One learner of the class (on its roster now or before): each online lesson and each offline session. */
  async learnerProgress(actor: Actor, classId: string, userId: string): Promise<LearnerProgressDetail> {
    const row = await this.visibleClass(actor, classId, 'classes.progress.read');
    const person = await this.roster(classId).where('enrolments.user_id', '=', userId).executeTakeFirst();
    if (!person) throw new AppError('NOT_FOUND');
    const { db } = this.deps;
    const [plan, credits, lessons, sessions, attendance] = await Promise.all([
      this.plan(row),
      this.deps.online.forLearner(classId, userId),
      db
        .selectFrom('lessons')
        .innerJoin('class_courses', 'class_courses.course_id', 'lessons.course_id')
        .innerJoin('courses', 'courses.id', 'lessons.course_id')
        .innerJoin('chapters', 'chapters.id', 'lessons.chapter_id')
        .leftJoin('media', 'media.id', 'lessons.media_id')
        .select([
          'lessons.id',
          'lessons.title',
          'lessons.kind',
          'lessons.document_minutes',
          'courses.title as course_title',
          'chapters.title as chapter_title',
          'media.status as media_status',
          'media.duration_ms',
        ])
        .where('class_courses.class_id', '=', classId)
        .orderBy('class_courses.sort')
        .orderBy('chapters.sort')
        .orderBy('lessons.sort')
        .execute(),
      db.selectFrom('class_sessions').selectAll().where('class_id', '=', classId).orderBy('starts_at').execute(),
      db.selectFrom('attendance').selectAll().where('class_id', '=', classId).where('user_id', '=', userId).execute(),
    ]);
    const creditOf = new Map(credits.map((c) => [c.lessonId, c]));
    const lessonRows: LessonProgress[] = lessons.map((l) => {
      const credit = creditOf.get(l.id);
      const durationSeconds =
        l.kind === 'document'
          ? (l.document_minutes ?? 0) * 60
          : l.media_status === 'ready' && l.duration_ms !== null
            ? Math.round(Number(l.duration_ms) / 1000)
            : null;
      return {
        lessonId: l.id,
        courseTitle: l.course_title,
        chapterTitle: l.chapter_title,
        title: l.title,
        kind: l.kind,
        durationSeconds,
        creditedSeconds: credit?.creditedSeconds ?? 0,
        creditedHours: onlineClassHours(credit?.creditedSeconds ?? 0, plan.classHourMinutes),
        completed: credit?.completed ?? false,
        verification: verificationOf(credit?.chain ?? { creditedSeconds: 0, matches: true }),
      };
    });
    const sessionRows: SessionProgress[] = sessions.map((s) => {
      const record = attendance.find((a) => a.session_id === s.id);
      const minutes = record?.minutes ?? 0;
      return {
        sessionId: s.id,
        title: s.title,
        venueName: s.venue_name,
        startsAt: s.starts_at,
        endsAt: s.ends_at,
        checkInAt: record?.check_in_at ?? null,
        checkOutAt: record?.check_out_at ?? null,
        minutes,
        classHours: offlineClassHours(minutes, plan.classHourMinutes),
      };
    });
    const credit = {
      creditedSeconds: lessonRows.reduce((sum, l) => sum + l.creditedSeconds, 0),
      lessonsCompleted: lessonRows.filter((l) => l.completed).length,
      lessonsTotal: lessonRows.length,
    };
    // Attended minutes of sessions no longer planned (an approved schedule change keeps attended ones) still count.
    const minutes = attendance.reduce((sum, a) => sum + (a.minutes ?? 0), 0);
    const learner = {
      userId,
      name: person.name,
      idNumberMasked: person.id_number_masked,
      enrolment: person.status,
      ...learnerFigures(credit, minutes, plan),
      verification: lessonRows.every((l) => l.verification.status === 'verified')
        ? verificationOf({ creditedSeconds: credit.creditedSeconds, matches: true })
        : {
            status: 'mismatch' as const,
            chainOnlineSeconds: lessonRows.reduce((sum, l) => sum + (l.verification.chainOnlineSeconds ?? 0), 0),
          },
    };
    return { classId, className: row.name, plan, learner, lessons: lessonRows, sessions: sessionRows };
  }

  /** The class's hours as an .xlsx file; taking personal data out of the platform is audited. */
  async exportXlsx(actor: Actor, classId: string, meta: RequestMeta): Promise<{ fileName: string; bytes: Buffer }> {
    const row = await this.visibleClass(actor, classId, 'classes.progress.export');
    const progress = await this.readClassProgress(row);
    const [institution, exporter] = await Promise.all([
      this.deps.db
        .selectFrom('institutions')
        .select('name')
        .where('id', '=', row.institution_id)
        .executeTakeFirstOrThrow(),
      this.deps.db.selectFrom('users').select('name').where('id', '=', actor.userId).executeTakeFirstOrThrow(),
    ]);
    const now = this.deps.clock.now();
    const bytes = await progressWorkbook({
      className: row.name,
      institutionName: institution.name,
      plan: progress.plan,
      exportedAt: formatBeijingTime(now),
      exportedBy: exporter.name,
      rows: progress.learners,
    });
    await this.deps.audit.record(this.deps.db, {
      actor,
      action: 'pii.class_progress_exported',
      targetType: 'class',
      targetId: row.id,
      institutionId: row.institution_id,
      regionCode: row.region_code,
      meta,
      details: { format: 'xlsx', learners: progress.learners.length, fields: ['name', 'idNumberMasked', 'hours'] },
    });
    return { fileName: `${row.name}-学时进度-${formatBeijingTime(now).slice(0, 10)}.xlsx`, bytes };
  }
}
