import type { Insertable, Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { PiiCipher } from '../../platform/crypto.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { beijingDate } from '../../platform/time.js';
import { transition, type TransitionEffects } from '../../platform/transition.js';
import type { AuditService } from '../audit/index.js';
import type { CoursesService } from '../catalog/index.js';
import type { PoliciesService } from '../policies/index.js';
import { validateResidentId } from '../identity/index.js';
import { creditStandingOf, requireActiveInstitution } from '../institutions/index.js';
import {
  changeContext,
  changeRowToChange,
  changeSnapshot,
  type ClassChange,
  type ClassChangeInput,
} from './class-changes.js';
import { canSeeClass, classPolicy } from './class-scope.js';
import { allowedActions, changedMeanwhile, nextStatus, statusesAllowing, type ClassAction } from './class-state.js';
import { overlappingEnrolments } from './enrolment.repository.js';
import {
  changesOfClass,
  classCourseIds,
  classReviews,
  classSessions,
  classSummary,
  classTeachers,
  coursesOwners,
  enrolAll,
  enrolledCounts,
  enrolledLearners,
  findChange,
  findClass,
  hasPendingChange,
  insertChange,
  insertClass,
  insertReview,
  institutionOf,
  institutionPeople,
  learningGateRow,
  occupationExists,
  activeTeacherBans,
  qualificationsOf,
  replaceClassParts,
  replaceClassTeachers,
  replaceUnattendedSessions,
  skillStandard,
  submittedChanges,
  submittedClassSummaries,
  updateClass,
  visibleClassSummaries,
  withdrawAll,
  type ClassRow,
  type ClassSummaryRow,
} from './classes.repository.js';
import type { ClassSessionsTable, ClassStatus } from './classes.tables.js';
import { allPassed, runPrechecks, type PrecheckInput, type PrecheckItem } from './prechecks.js';
import { addWorkingDays, isOverdue, workCalendarFrom } from '../calendar/index.js';

export const classPermissions = declarePermissions({
  'classes.read': ['institution_admin', 'teacher', 'regulator', 'operator'],
  'classes.manage': ['institution_admin'],
  'classes.review': ['regulator'],
});

export type SessionInput = {
  title: string;
  venueName: string;
  address: string;
  latitude: number;
  longitude: number;
  startsAt: string;
  endsAt: string;
};
export type ClassInput = {
  name: string;
  occupationCode: string;
  level: number;
  startDate: string;
  endDate: string;
  offlineHours: number;
  assessmentPlan: string;
  selfEnrol: boolean;
  capacity: number;
  courseIds: string[];
  teacherIds: string[];
  sessions: SessionInput[];
};

export type ClassSummary = {
  id: string;
  name: string;
  institutionId: string;
  institutionName: string;
  regionCode: string;
  occupationCode: string;
  occupationName: string;
  level: number;
  startDate: string;
  endDate: string;
  status: ClassStatus;
  submittedAt: string | null;
  reviewDueAt: string | null;
  overdue: boolean;
  learnerCount: number;
};
export type ClassDetail = ClassSummary & {
  offlineHours: number;
  assessmentPlan: string;
  selfEnrol: boolean;
  capacity: number;
  policyRefs: unknown;
  courses: { id: string; title: string; classHours: number; generalModuleCode: string | null }[];
  teachers: { id: string; name: string }[];
  sessions: (SessionInput & { id: string })[];
  prechecks: PrecheckItem[];
  actions: ClassAction[];
  reviews: { action: string; comment: string; actorName: string; at: string }[];
};

export type { ClassChange, ClassChangeInput } from './class-changes.js';

/**
 * Class opening (开班): institutions prepare a class, the automatic pre-checks say item by item whether it may be
 * submitted, and the regulators of its region subtree approve, return or reject it within a working-day deadline.
 * An approved class keeps the policy versions it was approved under.
 */
export class ClassesService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      cipher: PiiCipher;
      audit: AuditService;
      courses: CoursesService;
      policies: PoliciesService;
    },
  ) {}

  // ---- scope -----------------------------------------------------------------------------------------------

  private async visibleClass(actor: Actor, id: string, db: DbOrTrx = this.deps.db): Promise<ClassRow> {
    requirePermission(actor, classPermissions['classes.read']);
    const row = await findClass(db, id);
    if (!row || !canSeeClass(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  private async ownClass(actor: Actor, id: string, db: DbOrTrx): Promise<ClassRow> {
    requirePermission(actor, classPermissions['classes.manage']);
    await requireActiveInstitution(db, actor);
    const row = await this.visibleClass(actor, id, db);
    if (row.institution_id !== actor.institutionId) throw new AppError('NOT_FOUND');
    return row;
  }

  // ---- institution: prepare and submit -----------------------------------------------------------------------

  private async checkRefs(db: DbOrTrx, actor: Actor, input: ClassInput): Promise<void> {
    if (!(await occupationExists(db, input.occupationCode)))
      throw new AppError('VALIDATION_FAILED', { field: 'occupationCode' });
    const courseIds = [...new Set(input.courseIds)];
    // The institution's own courses and the shared platform courses; never another institution's.
    const found = await coursesOwners(db, courseIds);
    if (
      found.length !== courseIds.length ||
      found.some((c) => c.institution_id !== null && c.institution_id !== actor.institutionId)
    ) {
      throw new AppError('VALIDATION_FAILED', { field: 'courseIds' });
    }
    const teacherIds = [...new Set(input.teacherIds)];
    if ((await institutionPeople(db, teacherIds, 'teacher', actor.institutionId)).length !== teacherIds.length)
      throw new AppError('VALIDATION_FAILED', { field: 'teacherIds' });
    for (const [i, s] of input.sessions.entries()) {
      if (Number.isNaN(Date.parse(s.startsAt)) || Number.isNaN(Date.parse(s.endsAt)))
        throw new AppError('VALIDATION_FAILED', { field: `sessions.${i}` });
    }
  }

  private writeParts(trx: DbOrTrx, classId: string, input: ClassInput): Promise<void> {
    return replaceClassParts(trx, classId, {
      courseIds: [...new Set(input.courseIds)],
      teacherIds: [...new Set(input.teacherIds)],
      sessions: sessionRows(classId, input.sessions),
    });
  }

  private columns(input: ClassInput) {
    return {
      name: input.name.trim(),
      occupation_code: input.occupationCode,
      level: input.level,
      start_date: input.startDate,
      end_date: input.endDate,
      offline_hours: input.offlineHours,
      assessment_plan: input.assessmentPlan.trim(),
      self_enrol: input.selfEnrol ? 1 : 0,
      capacity: input.capacity,
    };
  }

  async create(actor: Actor, input: ClassInput, meta: RequestMeta): Promise<ClassDetail> {
    requirePermission(actor, classPermissions['classes.manage']);
    await requireActiveInstitution(this.deps.db, actor);
    const institution = await institutionOf(this.deps.db, actor.institutionId);
    if (!institution || institution.status !== 'active') throw new AppError('FORBIDDEN');
    const id = newId();
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.checkRefs(trx, actor, input);
      await insertClass(trx, {
        id,
        institution_id: institution.id,
        region_code: institution.region_code,
        ...this.columns(input),
        status: 'draft',
        policy_refs: null,
        submitted_at: null,
        review_due_at: null,
        decided_at: null,
        decided_by: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      await this.writeParts(trx, id, input);
      await this.deps.audit.record(trx, {
        actor,
        action: 'class.created',
        targetType: 'class',
        targetId: id,
        institutionId: institution.id,
        regionCode: institution.region_code,
        meta,
        details: { name: input.name },
      });
    });
    return this.detail(actor, id);
  }

  async update(actor: Actor, id: string, input: ClassInput, meta: RequestMeta): Promise<ClassDetail> {
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.ownClass(actor, id, trx);
      nextStatus(row.status, 'edit');
      await this.checkRefs(trx, actor, input);
      await updateClass(trx, id, { ...this.columns(input), updated_at: this.deps.clock.now().toISOString() });
      await this.writeParts(trx, id, input);
      await this.deps.audit.record(trx, {
        actor,
        action: 'class.updated',
        targetType: 'class',
        targetId: id,
        institutionId: row.institution_id,
        regionCode: row.region_code,
        meta,
      });
    });
    return this.detail(actor, id);
  }

  async submit(actor: Actor, id: string, meta: RequestMeta): Promise<ClassDetail> {
    const row = await this.ownClass(actor, id, this.deps.db);
    const status = nextStatus(row.status, 'submit');
    // Checked before the write transaction (course hours are read through the catalogue); the conditional update
    // below refuses the submission if the class changed in between.
    const assessment = await this.assess(this.deps.db, row);
    const { prechecks } = assessment;
    if (!allPassed(prechecks)) throw new AppError('CLASS_PRECHECKS_FAILED', { details: { prechecks } });
    const now = this.deps.clock.now();
    // Before approval a class's rules are its region's current policy: the one the pre-checks just used.
    const policy = row.policy_refs
      ? await this.deps.policies.effective(this.deps.db, row.region_code)
      : assessment.policy;
    const due = addWorkingDays(
      now,
      policy.document.reviewDeadlineWorkingDays,
      await workCalendarFrom(this.deps.db, now),
    ).toISOString();
    const changes = { status, submitted_at: now.toISOString(), review_due_at: due, updated_at: now.toISOString() };
    await this.deps.db.transaction().execute(async (trx) => {
      await transition(
        trx,
        {
          table: 'classes',
          id,
          from: statusesAllowing('submit'),
          set: changes,
          unchanged: { updated_at: row.updated_at },
          conflict: () => changedMeanwhile('submit'),
        },
        this.reviewEffects(actor, row, 'submitted', '', prechecks, meta),
      );
    });
    // The answer is built from what was computed above: the write changed none of the pre-checks' inputs.
    return this.detailOf(actor, { ...row, ...changes }, assessment);
  }

  // ---- regulator: review -------------------------------------------------------------------------------------

  /** Applications waiting in the regulator's region subtree, oldest deadline first, overdue ones flagged. */
  async reviewQueue(actor: Actor): Promise<ClassSummary[]> {
    requirePermission(actor, classPermissions['classes.review']);
    return this.toSummaries(await submittedClassSummaries(this.deps.db, actor, 500));
  }

  async decide(
    actor: Actor,
    id: string,
    decision: 'approve' | 'return' | 'reject',
    comment: string,
    meta: RequestMeta,
  ): Promise<ClassDetail> {
    requirePermission(actor, classPermissions['classes.review']);
    if (decision !== 'approve' && comment.trim().length < 2)
      throw new AppError('CLASS_REASON_REQUIRED', { field: 'comment' });
    const row = await this.visibleClass(actor, id);
    const status = nextStatus(row.status, decision);
    const assessment = await this.assess(this.deps.db, row);
    const { prechecks } = assessment;
    // Things may have changed since submission (a teacher disqualified, a course archived): approval re-checks.
    if (decision === 'approve' && !allPassed(prechecks))
      throw new AppError('CLASS_PRECHECKS_FAILED', { details: { prechecks } });
    // Approval pins the region's current policy — the one the pre-checks used while the class had none pinned.
    const policy =
      decision !== 'approve'
        ? null
        : row.policy_refs
          ? await this.deps.policies.effective(this.deps.db, row.region_code)
          : assessment.policy;
    const now = this.deps.clock.now().toISOString();
    const changes = {
      status,
      decided_at: now,
      decided_by: actor.userId,
      updated_at: now,
      ...(policy ? { policy_refs: JSON.stringify({ national: policy.national, applied: policy.applied }) } : {}),
    };
    const action = decision === 'approve' ? 'approved' : decision === 'return' ? 'returned' : 'rejected';
    await this.deps.db.transaction().execute(async (trx) => {
      // Another reviewer decided (or the institution changed something) in the meantime: the conflict error.
      await transition(
        trx,
        {
          table: 'classes',
          id,
          from: statusesAllowing(decision),
          set: changes,
          unchanged: { updated_at: row.updated_at },
          conflict: () => changedMeanwhile(decision),
        },
        this.reviewEffects(actor, row, action, comment.trim(), prechecks, meta),
      );
    });
    return this.detailOf(actor, { ...row, ...changes }, { ...assessment, policy: policy ?? assessment.policy });
  }

  private readonly closedListeners: ((actor: Actor, classId: string, meta: RequestMeta) => Promise<unknown>)[] = [];

  /**
   * Called after a class is closed and the close committed, in order (certificates are issued then: services.ts).
   * A listener that fails fails the request; the class stays closed and what the listener does can be run again.
   */
  onClosed(listener: (actor: Actor, classId: string, meta: RequestMeta) => Promise<unknown>): void {
    this.closedListeners.push(listener);
  }

  /** The institution closes (结班) an approved class once its end date has come (Beijing time). */
  async close(actor: Actor, id: string, meta: RequestMeta): Promise<ClassDetail> {
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.ownClass(actor, id, trx);
      const status = nextStatus(row.status, 'close');
      if (beijingDate(this.deps.clock.now()) < row.end_date)
        throw new AppError('CLASS_NOT_ENDED', {
          params: { endDate: row.end_date },
          details: { endDate: row.end_date },
        });
      await transition(
        trx,
        {
          table: 'classes',
          id,
          from: statusesAllowing('close'),
          set: { status, updated_at: this.deps.clock.now().toISOString() },
          conflict: () => changedMeanwhile('close'),
        },
        {
          audit: (t) =>
            this.deps.audit.record(t, {
              actor,
              action: 'class.closed',
              targetType: 'class',
              targetId: id,
              institutionId: row.institution_id,
              regionCode: row.region_code,
              meta,
            }),
        },
      );
    });
    for (const listener of this.closedListeners) await listener(actor, id, meta);
    return this.detail(actor, id);
  }

  /** The review row and the audit entry of a submission or decision, written by transition() once the move matched. */
  private reviewEffects(
    actor: Actor,
    row: ClassRow,
    action: 'submitted' | 'approved' | 'returned' | 'rejected',
    comment: string,
    prechecks: PrecheckItem[],
    meta: RequestMeta,
  ): TransitionEffects<DbOrTrx> {
    return {
      history: (trx) =>
        insertReview(trx, {
          id: newId(),
          class_id: row.id,
          change_id: null,
          action,
          comment,
          prechecks: JSON.stringify(prechecks),
          actor_id: actor.userId,
          at: this.deps.clock.now().toISOString(),
        }),
      audit: (trx) =>
        this.deps.audit.record(trx, {
          actor,
          action: `class.${action}`,
          targetType: 'class',
          targetId: row.id,
          institutionId: row.institution_id,
          regionCode: row.region_code,
          meta,
          details: { comment, passed: allPassed(prechecks) },
        }),
    };
  }

  // ---- changes after approval ----------------------------------------------------------------------------------

  /** Proposes a change to an approved class; it takes effect only when a regulator approves it. */
  async proposeChange(
    actor: Actor,
    classId: string,
    change: ClassChangeInput,
    reason: string,
    meta: RequestMeta,
  ): Promise<ClassChange> {
    if (reason.trim().length < 2) throw new AppError('CLASS_REASON_REQUIRED', { field: 'reason' });
    const id = newId();
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.ownClass(actor, classId, trx);
      nextStatus(row.status, 'propose_change');
      if (await hasPendingChange(trx, classId)) throw new AppError('CLASS_CHANGE_PENDING');
      await this.checkChange(trx, actor, row, change);
      const now = this.deps.clock.now();
      const policy = await this.deps.policies.effective(trx, row.region_code);
      await insertChange(trx, {
        id,
        class_id: classId,
        kind: change.kind,
        payload: JSON.stringify(change),
        reason: reason.trim(),
        status: 'submitted',
        submitted_by: actor.userId,
        submitted_at: now.toISOString(),
        review_due_at: addWorkingDays(
          now,
          policy.document.reviewDeadlineWorkingDays,
          await workCalendarFrom(trx, now),
        ).toISOString(),
        decided_at: null,
        decided_by: null,
        before_payload: JSON.stringify(await changeSnapshot(trx, classId, change.kind)),
      });
      await insertReview(trx, {
        id: newId(),
        class_id: classId,
        change_id: id,
        action: 'change_submitted',
        comment: reason.trim(),
        prechecks: null,
        actor_id: actor.userId,
        at: now.toISOString(),
      });
      await this.deps.audit.record(trx, {
        actor,
        action: 'class.change_submitted',
        targetType: 'class',
        targetId: classId,
        institutionId: row.institution_id,
        regionCode: row.region_code,
        meta,
        details: { changeId: id, kind: change.kind },
      });
    });
    return (await this.changes(actor, classId)).find((c) => c.id === id)!;
  }

  private async checkChange(db: DbOrTrx, actor: Actor, row: ClassRow, change: ClassChangeInput): Promise<void> {
    if (change.kind === 'teachers') {
      const ids = [...new Set(change.teacherIds)];
      const found = await institutionPeople(db, ids, 'teacher', row.institution_id);
      if (ids.length === 0 || found.length !== ids.length)
        throw new AppError('VALIDATION_FAILED', { field: 'teacherIds' });
    } else if (change.kind === 'dates') {
      if (change.endDate < change.startDate) throw new AppError('VALIDATION_FAILED', { field: 'endDate' });
    } else if (change.kind === 'roster') {
      const ids = [...new Set([...change.add, ...change.remove])];
      const learners = await institutionPeople(db, ids, 'learner', row.institution_id);
      if (ids.length === 0 || learners.length !== ids.length) throw new AppError('VALIDATION_FAILED', { field: 'add' });
    } else if (change.sessions.length === 0) throw new AppError('VALIDATION_FAILED', { field: 'sessions' });
  }

  async decideChange(
    actor: Actor,
    changeId: string,
    decision: 'approve' | 'return' | 'reject',
    comment: string,
    meta: RequestMeta,
  ): Promise<ClassChange> {
    requirePermission(actor, classPermissions['classes.review']);
    if (decision !== 'approve' && comment.trim().length < 2)
      throw new AppError('CLASS_REASON_REQUIRED', { field: 'comment' });
    const change = await findChange(this.deps.db, changeId);
    if (!change) throw new AppError('NOT_FOUND');
    const row = await this.visibleClass(actor, change.class_id);
    if (change.status !== 'submitted')
      throw new AppError('CLASS_ILLEGAL_TRANSITION', { params: { status: change.status, action: decision } });
    const status = decision === 'approve' ? 'approved' : decision === 'return' ? 'returned' : 'rejected';
    await this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock.now().toISOString();
      await transition(
        trx,
        {
          table: 'class_changes',
          id: changeId,
          from: ['submitted'],
          set: { status, decided_at: now, decided_by: actor.userId },
          conflict: () => changedMeanwhile(decision),
        },
        {
          history: (t) =>
            insertReview(t, {
              id: newId(),
              class_id: row.id,
              change_id: changeId,
              action: `change_${status}`,
              comment: comment.trim(),
              prechecks: null,
              actor_id: actor.userId,
              at: now,
            }),
          audit: (t) =>
            this.deps.audit.record(t, {
              actor,
              action: `class.change_${status}`,
              targetType: 'class',
              targetId: row.id,
              institutionId: row.institution_id,
              regionCode: row.region_code,
              meta,
              details: { changeId, kind: change.kind, comment: comment.trim() },
            }),
        },
      );
      // Only the decision that won the move applies the change, in the same transaction.
      if (decision === 'approve') await this.applyChange(trx, row, JSON.parse(change.payload) as ClassChangeInput, now);
    });
    return (await this.changes(actor, row.id)).find((c) => c.id === changeId)!;
  }

  private async applyChange(trx: DbOrTrx, row: ClassRow, change: ClassChangeInput, now: string): Promise<void> {
    if (change.kind === 'teachers') await replaceClassTeachers(trx, row.id, [...new Set(change.teacherIds)]);
    else if (change.kind === 'dates')
      await updateClass(trx, row.id, { start_date: change.startDate, end_date: change.endDate, updated_at: now });
    // Sessions with attendance stay (they are evidence); the others are replaced by the approved plan.
    else if (change.kind === 'sessions')
      await replaceUnattendedSessions(trx, row.id, sessionRows(row.id, change.sessions));
    else {
      await enrolAll(trx, row.id, change.add, newId, now);
      await withdrawAll(trx, row.id, change.remove);
    }
  }

  async changes(actor: Actor, classId: string): Promise<ClassChange[]> {
    await this.visibleClass(actor, classId);
    const rows = await changesOfClass(this.deps.db, classId);
    const [context, now] = [await changeContext(this.deps.db, rows), this.deps.clock.now()];
    return rows.map((r) => changeRowToChange(r, context, now));
  }

  /** Changes waiting for the regulator's region subtree. */
  async changeQueue(actor: Actor): Promise<(ClassChange & { className: string; institutionName: string })[]> {
    requirePermission(actor, classPermissions['classes.review']);
    const rows = await submittedChanges(this.deps.db, actor, 500);
    const [context, now] = [await changeContext(this.deps.db, rows), this.deps.clock.now()];
    return rows.map((r) => ({
      ...changeRowToChange(r, context, now),
      className: r.class_name,
      institutionName: r.institution_name,
    }));
  }

  // ---- learning gate -----------------------------------------------------------------------------------------

  /** Whether a learner may learn in this class now: enrolled, class approved, institution not suspended, today inside the class period. */
  async learningAllowed(
    userId: string,
    classId: string,
  ): Promise<{
    allowed: boolean;
    reason: 'ok' | 'not_enrolled' | 'not_approved' | 'institution_suspended' | 'outside_period';
  }> {
    const row = await learningGateRow(this.deps.db, userId, classId);
    if (!row || row.enrolment !== 'enrolled') return { allowed: false, reason: 'not_enrolled' };
    if (row.status !== 'approved') return { allowed: false, reason: 'not_approved' };
    if (row.institution_status !== 'active') return { allowed: false, reason: 'institution_suspended' };
    const today = beijingDate(this.deps.clock.now());
    if (today < row.start_date || today > row.end_date) return { allowed: false, reason: 'outside_period' };
    return { allowed: true, reason: 'ok' };
  }

  // ---- reading -----------------------------------------------------------------------------------------------

  private async toSummaries(rows: ClassSummaryRow[]): Promise<ClassSummary[]> {
    const counts = await enrolledCounts(
      this.deps.db,
      rows.map((r) => r.id),
    );
    const now = this.deps.clock.now();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      institutionId: r.institution_id,
      institutionName: r.institution_name,
      regionCode: r.region_code,
      occupationCode: r.occupation_code,
      occupationName: r.occupation_name,
      level: r.level,
      startDate: r.start_date,
      endDate: r.end_date,
      status: r.status,
      submittedAt: r.submitted_at,
      reviewDueAt: r.review_due_at,
      overdue: r.status === 'submitted' && isOverdue(r.review_due_at, now),
      learnerCount: counts.get(r.id) ?? 0,
    }));
  }

  async list(actor: Actor, query: { status?: ClassStatus }): Promise<ClassSummary[]> {
    requirePermission(actor, classPermissions['classes.read']);
    return this.toSummaries(await visibleClassSummaries(this.deps.db, actor, query, 500));
  }

  async detail(actor: Actor, id: string): Promise<ClassDetail> {
    const row = await this.visibleClass(actor, id);
    return this.detailOf(actor, row, await this.assess(this.deps.db, row));
  }

  /** The detail of a class the actor may see, from its pre-checks, policy and course hours computed once. */
  private async detailOf(actor: Actor, row: ClassRow, assessment: Assessment): Promise<ClassDetail> {
    const { id } = row;
    const [summary] = await this.toSummaries([await classSummary(this.deps.db, id)]);
    const { db } = this.deps;
    const { courses, prechecks } = assessment;
    const [teachers, sessions, reviews] = await Promise.all([
      classTeachers(db, id),
      classSessions(db, id),
      classReviews(db, id),
    ]);
    const mayAct = (a: ClassAction) =>
      ['approve', 'return', 'reject'].includes(a) ? actor.role === 'regulator' : actor.role === 'institution_admin';
    return {
      ...summary,
      offlineHours: row.offline_hours,
      assessmentPlan: row.assessment_plan,
      selfEnrol: !!row.self_enrol,
      capacity: row.capacity,
      policyRefs: row.policy_refs ? JSON.parse(row.policy_refs) : null,
      courses: courses.map((c) => ({
        id: c.id,
        title: c.title,
        classHours: c.classHours,
        generalModuleCode: c.generalModuleCode,
      })),
      teachers: teachers.map((t) => ({ id: t.id, name: t.name })),
      sessions: sessions.map((s) => ({
        id: s.id,
        title: s.title,
        venueName: s.venue_name,
        address: s.address,
        latitude: Number(s.latitude),
        longitude: Number(s.longitude),
        startsAt: s.starts_at,
        endsAt: s.ends_at,
      })),
      prechecks,
      actions: allowedActions(row.status).filter(mayAct),
      reviews: reviews.map((r) => ({ action: r.action, comment: r.comment, actorName: r.name, at: r.at })),
    };
  }

  private async classCourses(db: DbOrTrx, row: ClassRow, classHourMinutes: number) {
    const links = await classCourseIds(db, row.id);
    const out = [];
    for (const { course_id } of links) out.push(await this.deps.courses.hoursUnder(course_id, classHourMinutes));
    return out;
  }

  async prechecks(actor: Actor, id: string): Promise<PrecheckItem[]> {
    const row = await this.visibleClass(actor, id);
    return (await this.assess(this.deps.db, row)).prechecks;
  }

  /** The class's rules, course hours and pre-checks (each learner's ID decrypted once): computed once per request. */
  private async assess(db: DbOrTrx, row: ClassRow): Promise<Assessment> {
    const { cipher } = this.deps;
    const policy = await classPolicy(this.deps.policies, db, row);
    const standard = await skillStandard(db, row.occupation_code, row.level);
    const courses = await this.classCourses(db, row, policy.document.classHourMinutes);
    const sessions = await classSessions(db, row.id);
    const teacherRows = await classTeachers(db, row.id);
    const qualifications = await qualificationsOf(
      db,
      teacherRows.map((t) => t.id),
    );
    // A decided class is judged as of its decision: "the start is not in the past" is a rule of the application,
    // and a class running now started, rightly, after it was approved.
    const decided = row.status === 'approved' || row.status === 'rejected' || row.status === 'closed';
    const decidedAt = decided && row.decided_at ? new Date(row.decided_at) : null;
    const bans = await activeTeacherBans(
      db,
      teacherRows.map((t) => t.id),
    );
    const learnerRows = await enrolledLearners(db, row.id);
    const now = this.deps.clock.now();
    // Judged as of the decision too: a restriction that began after approval does not undo it.
    const standing = await creditStandingOf(db, row.institution_id, decidedAt ?? now);
    const overlaps = await overlappingEnrolments(
      db,
      row,
      learnerRows.map((l) => l.id),
    );
    const input: PrecheckInput = {
      today: beijingDate(decidedAt ?? now),
      credit: {
        score: standing.score,
        restricted: standing.restricted,
        until: standing.restriction?.until ?? null,
      },
      klass: {
        occupationCode: row.occupation_code,
        level: row.level,
        startDate: row.start_date,
        endDate: row.end_date,
        offlineHours: row.offline_hours,
      },
      standard: standard ? { minHours: standard.min_hours, maxOnlinePercent: standard.max_online_percent } : null,
      policy: policy.document,
      courses,
      sessions: sessions.map((s) => ({
        title: s.title,
        startsAt: s.starts_at,
        endsAt: s.ends_at,
        latitude: Number(s.latitude),
        longitude: Number(s.longitude),
      })),
      teachers: teacherRows.map((t) => ({
        id: t.id,
        name: t.name,
        status: t.status,
        disqualified: bans.has(t.id),
        qualifications: qualifications
          .filter((q) => q.user_id === t.id)
          .map((q) => ({
            occupationCode: q.occupation_code,
            level: q.level,
            status: q.status,
            validUntil: q.valid_until,
          })),
      })),
      learners: learnerRows.map((l) => ({
        id: l.id,
        name: l.name,
        status: l.status,
        idNumberValid: validateResidentId(cipher.decrypt(l.id_number_enc), now).ok,
      })),
      overlaps: learnerRows
        .filter((l) => overlaps.has(l.id))
        .map((l) => ({ userId: l.id, name: l.name, className: overlaps.get(l.id)!.className })),
    };
    return { prechecks: runPrechecks(input), policy, courses };
  }
}

type Assessment = {
  prechecks: PrecheckItem[];
  policy: Awaited<ReturnType<typeof classPolicy>>;
  courses: Awaited<ReturnType<CoursesService['hoursUnder']>>[];
};

/** The rows of planned sessions (text trimmed, times normalised to UTC ISO). */
function sessionRows(classId: string, sessions: SessionInput[]): Insertable<ClassSessionsTable>[] {
  return sessions.map((s) => ({
    id: newId(),
    class_id: classId,
    title: s.title.trim(),
    venue_name: s.venueName.trim(),
    address: s.address.trim(),
    latitude: s.latitude,
    longitude: s.longitude,
    starts_at: new Date(s.startsAt).toISOString(),
    ends_at: new Date(s.endsAt).toISOString(),
  }));
}
