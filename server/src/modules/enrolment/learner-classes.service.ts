import type { Kysely, Selectable } from 'kysely';
import { containsText } from '../../adapters/db.js';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import type { PiiCipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/index.js';
import type { CoursesService } from '../catalog/index.js';
import type { PoliciesService } from '../policies/index.js';
import { validateResidentId } from '../identity/index.js';
import { regionLike } from '../regions/index.js';
import { offlineClassHours, type TheoryProgress } from '../attendance/index.js';
import {
  classPolicy,
  type ClassesService,
  type ClassesTable,
  type ClassStatus,
  type EnrolmentsTable,
  countEnrolled,
  overlappingEnrolments,
} from '../classes/index.js';
import { beijingDate } from '../../platform/time.js';

// The learner's side of classes: the classes they are on the roster of, and self-enrolment (自主报名) in approved
// classes that their institution opened to it. Learners see only their own enrolments; open classes are public facts.

export const learnerClassPermissions = declarePermissions({
  'classes.mine': ['learner'],
  'classes.self_enrol': ['learner'],
});

type ClassRow = Selectable<ClassesTable>;
type Named = ClassRow & { institution_name: string; occupation_name: string; occupation_name_en: string };

/** Classes a learner sees on "my classes": submitted for review or later; drafts are the institution's business. */
const SHOWN_TO_LEARNERS: readonly ClassStatus[] = ['submitted', 'returned', 'approved', 'closed'];

export type Phase = 'upcoming' | 'running' | 'ended';
export type LearningGate = Awaited<ReturnType<ClassesService['learningAllowed']>>;
type ClassHead = {
  id: string;
  name: string;
  institutionName: string;
  regionCode: string;
  occupationCode: string;
  occupationName: string;
  occupationNameEn: string;
  level: number;
  startDate: string;
  endDate: string;
  status: ClassStatus;
  phase: Phase;
  offlineHours: number;
};
export type MyAttendanceSummary = { sessions: number; attended: number; minutes: number; classHours: number };
export type MyClassSummary = ClassHead & {
  learning: LearningGate;
  source: EnrolmentsTable['source'];
  courseCount: number;
  attendance: MyAttendanceSummary;
};
export type MySession = {
  id: string;
  title: string;
  venueName: string;
  address: string;
  startsAt: string;
  endsAt: string;
  attendance: { checkInAt: string; checkOutAt: string | null; minutes: number } | null;
};
export type MyClassDetail = MyClassSummary & {
  classHourMinutes: number;
  radiusMeters: number;
  theoryComplete: boolean;
  withdrawable: boolean;
  courses: { id: string; title: string; classHours: number; lessons: number }[];
  sessions: MySession[];
};
export type OpenClass = ClassHead & {
  capacity: number;
  enrolled: number;
  placesLeft: number;
  courseCount: number;
  sessionCount: number;
  mine: boolean;
};
export type OpenClassQuery = { occupation?: string; region?: string; q?: string };

function phaseOf(row: Pick<ClassRow, 'start_date' | 'end_date'>, today: string): Phase {
  return today < row.start_date ? 'upcoming' : today > row.end_date ? 'ended' : 'running';
}

function classRowToHead(r: Named, today: string): ClassHead {
  return {
    id: r.id,
    name: r.name,
    institutionName: r.institution_name,
    regionCode: r.region_code,
    occupationCode: r.occupation_code,
    occupationName: r.occupation_name,
    occupationNameEn: r.occupation_name_en,
    level: r.level,
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    phase: phaseOf(r, today),
    offlineHours: r.offline_hours,
  };
}

/** Counts per class id of a `class_id`-keyed table, in one grouped query. */
async function countsBy(
  db: DbOrTrx,
  table: 'class_courses' | 'class_sessions',
  classIds: string[],
): Promise<Map<string, number>> {
  if (classIds.length === 0) return new Map();
  const rows = await db
    .selectFrom(table)
    .select(['class_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('class_id', 'in', classIds)
    .groupBy('class_id')
    .execute();
  return new Map(rows.map((r) => [r.class_id, Number(r.n)]));
}

export class LearnerClassesService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      cipher: PiiCipher;
      audit: AuditService;
      courses: CoursesService;
      policies: PoliciesService;
      classes: ClassesService;
      theory: TheoryProgress;
    },
  ) {}

  private today(): string {
    return beijingDate(this.deps.clock.now());
  }

  private named(db: DbOrTrx = this.deps.db) {
    return db
      .selectFrom('classes')
      .innerJoin('institutions', 'institutions.id', 'classes.institution_id')
      .innerJoin('occupations', 'occupations.code', 'classes.occupation_code')
      .selectAll('classes')
      .select([
        'institutions.name as institution_name',
        'occupations.name_zh as occupation_name',
        'occupations.name_en as occupation_name_en',
      ]);
  }

  // ---- my classes ----------------------------------------------------------------------------------------------

  private myClassesQuery(actor: Actor) {
    return this.named()
      .innerJoin('enrolments', 'enrolments.class_id', 'classes.id')
      .select('enrolments.source')
      .where('enrolments.user_id', '=', actor.userId)
      .where('enrolments.status', '=', 'enrolled')
      .where('classes.status', 'in', [...SHOWN_TO_LEARNERS]);
  }

  private async summarize(
    actor: Actor,
    rows: (Named & { source: EnrolmentsTable['source'] })[],
  ): Promise<MyClassSummary[]> {
    const { db } = this.deps;
    const ids = rows.map((r) => r.id);
    const [courses, sessions, attendance] = await Promise.all([
      countsBy(db, 'class_courses', ids),
      countsBy(db, 'class_sessions', ids),
      ids.length === 0
        ? []
        : db
            .selectFrom('attendance')
            .select(['class_id', 'minutes'])
            .where('user_id', '=', actor.userId)
            .where('class_id', 'in', ids)
            .execute(),
    ]);
    const today = this.today();
    const out: MyClassSummary[] = [];
    for (const r of rows) {
      const policy = await classPolicy(this.deps.policies, db, r);
      const mine = attendance.filter((a) => a.class_id === r.id);
      const minutes = mine.reduce((sum, a) => sum + (a.minutes ?? 0), 0);
      out.push({
        ...classRowToHead(r, today),
        source: r.source,
        learning: await this.deps.classes.learningAllowed(actor.userId, r.id),
        courseCount: courses.get(r.id) ?? 0,
        attendance: {
          sessions: sessions.get(r.id) ?? 0,
          attended: mine.length,
          minutes,
          classHours: offlineClassHours(minutes, policy.document.classHourMinutes),
        },
      });
    }
    return out;
  }

  async mine(actor: Actor): Promise<MyClassSummary[]> {
    requirePermission(actor, learnerClassPermissions['classes.mine']);
    const rows = await this.myClassesQuery(actor).orderBy('classes.start_date', 'desc').limit(200).execute();
    return this.summarize(actor, rows);
  }

  /** One of the learner's classes with its courses, sessions and their own attendance; NOT_FOUND unless enrolled. */
  async myClass(actor: Actor, classId: string): Promise<MyClassDetail> {
    requirePermission(actor, learnerClassPermissions['classes.mine']);
    const row = await this.myClassesQuery(actor).where('classes.id', '=', classId).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const { db } = this.deps;
    const policy = (await classPolicy(this.deps.policies, db, row)).document;
    const [[summary], links, lessons, sessions, records, theoryComplete] = await Promise.all([
      this.summarize(actor, [row]),
      db.selectFrom('class_courses').select('course_id').where('class_id', '=', classId).orderBy('sort').execute(),
      db
        .selectFrom('lessons')
        .innerJoin('class_courses', 'class_courses.course_id', 'lessons.course_id')
        .select(['lessons.course_id', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('class_courses.class_id', '=', classId)
        .groupBy('lessons.course_id')
        .execute(),
      db.selectFrom('class_sessions').selectAll().where('class_id', '=', classId).orderBy('starts_at').execute(),
      db
        .selectFrom('attendance')
        .select(['session_id', 'check_in_at', 'check_out_at', 'minutes'])
        .where('class_id', '=', classId)
        .where('user_id', '=', actor.userId)
        .execute(),
      this.deps.theory.isTheoryComplete(actor.userId, classId),
    ]);
    const courses = [];
    for (const { course_id } of links) {
      const hours = await this.deps.courses.hoursUnder(course_id, policy.classHourMinutes);
      courses.push({
        id: course_id,
        title: hours.title,
        classHours: hours.classHours,
        lessons: Number(lessons.find((l) => l.course_id === course_id)?.n ?? 0),
      });
    }
    return {
      ...summary,
      classHourMinutes: policy.classHourMinutes,
      radiusMeters: policy.attendanceRadiusMeters,
      theoryComplete,
      withdrawable: row.source === 'self' && row.status === 'approved' && this.today() < row.start_date,
      courses,
      sessions: sessions.map((s) => {
        const r = records.find((a) => a.session_id === s.id);
        return {
          id: s.id,
          title: s.title,
          venueName: s.venue_name,
          address: s.address,
          startsAt: s.starts_at,
          endsAt: s.ends_at,
          attendance: r ? { checkInAt: r.check_in_at, checkOutAt: r.check_out_at, minutes: r.minutes ?? 0 } : null,
        };
      }),
    };
  }

  // ---- open classes and self-enrolment -------------------------------------------------------------------------

  /**
   * Approved classes open to self-enrolment that have not ended and still have places; a class the learner is
   * already in stays listed (full or not) so that they can find it and withdraw.
   */
  async openClasses(actor: Actor, query: OpenClassQuery): Promise<OpenClass[]> {
    requirePermission(actor, learnerClassPermissions['classes.self_enrol']);
    const today = this.today();
    let qb = this.named()
      .select((eb) =>
        eb
          .selectFrom('enrolments')
          .select(eb.fn.countAll<string | number>().as('n'))
          .whereRef('enrolments.class_id', '=', 'classes.id')
          .where('enrolments.status', '=', 'enrolled')
          .as('enrolled'),
      )
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('enrolments')
              .select('enrolments.id')
              .whereRef('enrolments.class_id', '=', 'classes.id')
              .where('enrolments.user_id', '=', actor.userId)
              .where('enrolments.status', '=', 'enrolled'),
          )
          .as('mine'),
      )
      .where('classes.status', '=', 'approved')
      .where('classes.self_enrol', '=', 1)
      .where('classes.end_date', '>=', today);
    if (query.occupation) qb = qb.where('classes.occupation_code', '=', query.occupation);
    if (query.region) qb = qb.where('classes.region_code', 'like', regionLike(query.region));
    const q = query.q?.trim();
    if (q)
      qb = qb.where((eb) =>
        eb.or([
          containsText('classes.name', q),
          containsText('institutions.name', q),
          containsText('occupations.name_zh', q),
        ]),
      );
    const rows = await qb.orderBy('classes.start_date').orderBy('classes.id').limit(200).execute();
    const listed = rows
      .map((r) => ({ ...r, enrolled: Number(r.enrolled ?? 0), mine: !!r.mine }))
      .filter((r) => r.mine || r.enrolled < r.capacity);
    const ids = listed.map((r) => r.id);
    const [courses, sessions] = await Promise.all([
      countsBy(this.deps.db, 'class_courses', ids),
      countsBy(this.deps.db, 'class_sessions', ids),
    ]);
    return listed.map((r) => ({
      ...classRowToHead(r, today),
      capacity: r.capacity,
      enrolled: r.enrolled,
      placesLeft: Math.max(0, r.capacity - r.enrolled),
      courseCount: courses.get(r.id) ?? 0,
      sessionCount: sessions.get(r.id) ?? 0,
      mine: r.mine,
    }));
  }

  /**
   * Row-locks the class (and then the learner) for the rest of the transaction with a no-op update: on PostgreSQL
   * concurrent enrolments in one class, and one learner's enrolments in several classes, run one after the other,
   * so capacity and overlaps are counted on committed data. SQLite runs one write transaction at a time anyway.
   */
  private async lockClassAndLearner(trx: DbOrTrx, classId: string, userId: string): Promise<ClassRow | undefined> {
    const locked = await trx
      .updateTable('classes')
      .set((eb) => ({ capacity: eb.ref('capacity') }))
      .where('id', '=', classId)
      .executeTakeFirst();
    if (Number(locked.numUpdatedRows) === 0) return undefined;
    await trx
      .updateTable('users')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', userId)
      .execute();
    return trx.selectFrom('classes').selectAll().where('id', '=', classId).executeTakeFirst();
  }

  /** A class a learner may ask to join: approved or closed (ended); drafts and applications stay invisible. */
  private openable(klass: ClassRow | undefined): ClassRow {
    if (!klass || (klass.status !== 'approved' && klass.status !== 'closed')) throw new AppError('NOT_FOUND');
    return klass;
  }

  async enrol(actor: Actor, classId: string, meta: RequestMeta): Promise<MyClassDetail> {
    requirePermission(actor, learnerClassPermissions['classes.self_enrol']);
    const { db, cipher, clock, audit } = this.deps;
    // Real-name learners only: an active account whose resident ID number is valid (invited accounts have not
    // confirmed themselves yet, disabled ones may not train).
    const me = await db
      .selectFrom('users')
      .select(['status', 'id_number_enc'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    if (me.status !== 'active' || !validateResidentId(cipher.decrypt(me.id_number_enc), clock.now()).ok)
      throw new AppError('ENROLMENT_REAL_NAME_REQUIRED');
    await db.transaction().execute(async (trx) => {
      const klass = this.openable(await this.lockClassAndLearner(trx, classId, actor.userId));
      const today = this.today();
      if (klass.status === 'closed' || today > klass.end_date)
        throw new AppError('ENROLMENT_CLASS_ENDED', { params: { endDate: klass.end_date } });
      if (!klass.self_enrol) throw new AppError('ENROLMENT_NOT_OPEN');
      const existing = await trx
        .selectFrom('enrolments')
        .select(['id', 'status'])
        .where('class_id', '=', classId)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      if (existing?.status === 'enrolled') throw new AppError('ENROLMENT_ALREADY_ENROLLED');
      const overlap = (await overlappingEnrolments(trx, klass, [actor.userId])).get(actor.userId);
      if (overlap)
        throw new AppError('ENROLMENT_OVERLAPPING_CLASS', {
          params: { className: overlap.className },
          details: { classId: overlap.classId, className: overlap.className },
        });
      const enrolled = await countEnrolled(trx, classId);
      if (enrolled >= klass.capacity)
        throw new AppError('ENROLMENT_CLASS_FULL', {
          params: { capacity: klass.capacity },
          details: { capacity: klass.capacity, enrolled },
        });
      const now = clock.now().toISOString();
      if (existing) {
        await trx
          .updateTable('enrolments')
          .set({ status: 'enrolled', source: 'self', created_by: actor.userId, created_at: now })
          .where('id', '=', existing.id)
          .execute();
      } else {
        await trx
          .insertInto('enrolments')
          .values({
            id: newId(),
            class_id: classId,
            user_id: actor.userId,
            status: 'enrolled',
            source: 'self',
            created_by: actor.userId,
            created_at: now,
          })
          .execute();
      }
      await audit.record(trx, {
        actor,
        action: 'enrolment.self_enrolled',
        targetType: 'class',
        targetId: classId,
        institutionId: klass.institution_id,
        regionCode: klass.region_code,
        meta,
        details: { enrolledBefore: enrolled, capacity: klass.capacity },
      });
    });
    return this.myClass(actor, classId);
  }

  /** Leaves a class the learner joined by themselves, before it starts; other enrolments are the institution's. */
  async withdraw(actor: Actor, classId: string, meta: RequestMeta): Promise<void> {
    requirePermission(actor, learnerClassPermissions['classes.self_enrol']);
    await this.deps.db.transaction().execute(async (trx) => {
      const klass = this.openable(await this.lockClassAndLearner(trx, classId, actor.userId));
      const enrolment = await trx
        .selectFrom('enrolments')
        .select(['id', 'source'])
        .where('class_id', '=', classId)
        .where('user_id', '=', actor.userId)
        .where('status', '=', 'enrolled')
        .executeTakeFirst();
      if (!enrolment) throw new AppError('NOT_FOUND');
      if (enrolment.source !== 'self') throw new AppError('ENROLMENT_WITHDRAW_BY_INSTITUTION');
      if (klass.status !== 'approved' || this.today() >= klass.start_date)
        throw new AppError('ENROLMENT_WITHDRAW_STARTED', { params: { startDate: klass.start_date } });
      await trx.updateTable('enrolments').set({ status: 'withdrawn' }).where('id', '=', enrolment.id).execute();
      await this.deps.audit.record(trx, {
        actor,
        action: 'enrolment.self_withdrawn',
        targetType: 'class',
        targetId: classId,
        institutionId: klass.institution_id,
        regionCode: klass.region_code,
        meta,
      });
    });
  }
}
