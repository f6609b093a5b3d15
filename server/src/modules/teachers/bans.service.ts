import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError, isUniqueViolation } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { transition } from '../../platform/transition.js';
import type { AuditService } from '../audit/index.js';
import { teacherPermissions, teacherScope } from './teachers.policy.js';

// Platform-wide disqualification (取消任教资格) of a teacher found organising or doing proxy learning: a confirmed
// finding whose subject is the teacher (early warning calls disqualifyForFinding through the hook services.ts
// wires), or a regulator's reasoned action. It is kept by the person's ID lookup hash, so it follows the person into
// every institution: each of their valid qualifications is withdrawn (pointing back to it), the class pre-checks say
// `teachers: disqualified`, and no new qualification can be recorded. A regulator lifts it with a reason; the
// qualifications it withdrew are valid again.

export type TeacherBan = {
  id: string;
  userId: string;
  teacherName: string;
  regionCode: string | null;
  alertId: string | null;
  status: 'active' | 'lifted';
  reason: string;
  createdByName: string | null;
  createdAt: string;
  liftedAt: string | null;
  liftReason: string | null;
  withdrawnQualifications: number;
};

type BanInput = { userId: string; alertId: string | null; reason: string; actor: Actor; at: Date; meta: RequestMeta };

/** The teacher's row (ID lookup hash and region), or null when the user is not a teacher. */
function teacherRow(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'institution_id', 'region_code', 'id_number_hash'])
    .where('id', '=', userId)
    .where('role', '=', 'teacher')
    .executeTakeFirst();
}

/**
 * Disqualifies the person behind this teacher account platform-wide, on the caller's transaction; audited.
 * Returns null when they are already disqualified (a second finding changes nothing).
 */
export async function applyTeacherBan(trx: DbOrTrx, audit: AuditService, input: BanInput): Promise<string | null> {
  const teacher = await teacherRow(trx, input.userId);
  if (!teacher) return null;
  const active = await trx
    .selectFrom('teacher_disqualifications')
    .select('id')
    .where('person_hash', '=', teacher.id_number_hash)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (active) return null;
  const id = newId();
  const at = input.at.toISOString();
  await trx
    .insertInto('teacher_disqualifications')
    .values({
      id,
      person_hash: teacher.id_number_hash,
      user_id: teacher.id,
      region_code: teacher.region_code,
      alert_id: input.alertId,
      status: 'active',
      reason: input.reason,
      created_by: input.actor.userId,
      created_at: at,
      lifted_by: null,
      lifted_at: null,
      lift_reason: null,
    })
    .execute();
  // Every valid qualification of the person's teacher accounts, in whatever institution.
  const withdrawn = await trx
    .updateTable('teacher_qualifications')
    .set({
      status: 'disqualified',
      disqualified_at: at,
      disqualified_by: input.actor.userId,
      disqualified_reason: input.reason,
      disqualification_id: id,
    })
    .where('status', '=', 'valid')
    .where('user_id', 'in', (eb) =>
      eb.selectFrom('users').select('id').where('id_number_hash', '=', teacher.id_number_hash),
    )
    .executeTakeFirst();
  await audit.record(trx, {
    actor: input.actor,
    action: 'teacher.banned',
    targetType: 'user',
    targetId: teacher.id,
    institutionId: teacher.institution_id,
    regionCode: teacher.region_code,
    meta: input.meta,
    details: {
      disqualificationId: id,
      alertId: input.alertId,
      reason: input.reason,
      withdrawnQualifications: Number(withdrawn.numUpdatedRows),
    },
  });
  return id;
}

/** For early warning's confirmation hook: a confirmed finding about a teacher disqualifies them platform-wide. */
export function disqualifyForFinding(
  trx: DbOrTrx,
  audit: AuditService,
  finding: {
    alertId: string;
    subjectType: string;
    subjectId: string;
    reason: string;
    at: Date;
    actor: Actor;
    meta: RequestMeta;
  },
): Promise<string | null> {
  if (finding.subjectType !== 'teacher') return Promise.resolve(null);
  return applyTeacherBan(trx, audit, {
    userId: finding.subjectId,
    alertId: finding.alertId,
    reason: finding.reason,
    actor: finding.actor,
    at: finding.at,
    meta: finding.meta,
  });
}

export class TeacherBansService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }) {}

  private async teacher(actor: Actor, teacherId: string) {
    const row = await teacherRow(this.deps.db, teacherId);
    if (!row || !teacherScope.allows(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  private reason(text: string): string {
    const reason = text.trim();
    if (reason.length < 2) throw new AppError('TEACHER_REASON_REQUIRED', { field: 'reason' });
    return reason;
  }

  private async views(db: DbOrTrx, where: { userId?: string; id?: string }): Promise<TeacherBan[]> {
    let q = db
      .selectFrom('teacher_disqualifications as d')
      .innerJoin('users as t', 't.id', 'd.user_id')
      .leftJoin('users as by', 'by.id', 'd.created_by')
      .selectAll('d')
      .select(['t.name as teacher_name', 'by.name as creator_name'])
      .select((eb) =>
        eb
          .selectFrom('teacher_qualifications')
          .select((e) => e.fn.countAll<number | string>().as('n'))
          .whereRef('teacher_qualifications.disqualification_id', '=', 'd.id')
          .as('withdrawn'),
      );
    if (where.userId) q = q.where('d.user_id', '=', where.userId);
    if (where.id) q = q.where('d.id', '=', where.id);
    const rows = await q.orderBy('d.created_at', 'desc').limit(200).execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      teacherName: r.teacher_name,
      regionCode: r.region_code,
      alertId: r.alert_id,
      status: r.status,
      reason: r.reason,
      createdByName: r.creator_name ?? null,
      createdAt: r.created_at,
      liftedAt: r.lifted_at,
      liftReason: r.lift_reason,
      withdrawnQualifications: Number(r.withdrawn ?? 0),
    }));
  }

  /** A teacher's disqualifications, newest first (whoever may see the teacher's qualifications). */
  async ofTeacher(actor: Actor, teacherId: string): Promise<TeacherBan[]> {
    requirePermission(actor, teacherPermissions['teachers.qualifications.read']);
    await this.teacher(actor, teacherId);
    return this.views(this.deps.db, { userId: teacherId });
  }

  /** A regulator (region subtree) or the operator disqualifies a teacher platform-wide, with a reason. */
  async disqualify(actor: Actor, teacherId: string, text: string, meta: RequestMeta): Promise<TeacherBan> {
    requirePermission(actor, teacherPermissions['teachers.disqualify']);
    const reason = this.reason(text);
    await this.teacher(actor, teacherId);
    let id: string | null = null;
    try {
      id = await this.deps.db.transaction().execute((trx) =>
        applyTeacherBan(trx, this.deps.audit, {
          userId: teacherId,
          alertId: null,
          reason,
          actor,
          at: this.deps.clock.now(),
          meta,
        }),
      );
    } catch (error) {
      // Two regulators at once: the partial unique index lets one disqualification per person in force.
      if (isUniqueViolation(error)) throw new AppError('TEACHER_BANNED');
      throw error;
    }
    if (!id) throw new AppError('TEACHER_BANNED');
    return (await this.views(this.deps.db, { id }))[0];
  }

  /** The regulator lifts a disqualification with a reason; the qualifications it withdrew are valid again. */
  async lift(actor: Actor, teacherId: string, text: string, meta: RequestMeta): Promise<TeacherBan> {
    requirePermission(actor, teacherPermissions['teachers.disqualify']);
    const reason = this.reason(text);
    const teacher = await this.teacher(actor, teacherId);
    const active = await this.deps.db
      .selectFrom('teacher_disqualifications')
      .select('id')
      .where('person_hash', '=', teacher.id_number_hash)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!active) throw new AppError('TEACHER_NOT_BANNED');
    await this.deps.db.transaction().execute(async (trx) => {
      const at = this.deps.clock.now().toISOString();
      await transition(
        trx,
        {
          table: 'teacher_disqualifications',
          id: active.id,
          from: ['active'],
          set: { status: 'lifted', lifted_by: actor.userId, lifted_at: at, lift_reason: reason },
          conflict: () => new AppError('TEACHER_NOT_BANNED'),
        },
        {
          history: (t) =>
            t
              .updateTable('teacher_qualifications')
              .set({
                status: 'valid',
                disqualified_at: null,
                disqualified_by: null,
                disqualified_reason: null,
                disqualification_id: null,
              })
              .where('disqualification_id', '=', active.id)
              .execute(),
          audit: (t) =>
            this.deps.audit.record(t, {
              actor,
              action: 'teacher.ban_lifted',
              targetType: 'user',
              targetId: teacher.id,
              institutionId: teacher.institution_id,
              regionCode: teacher.region_code,
              meta,
              details: { disqualificationId: active.id, reason },
            }),
        },
      );
    });
    return (await this.views(this.deps.db, { id: active.id }))[0];
  }
}

/** Whether the person behind this teacher account is disqualified platform-wide (recording qualifications asks). */
export async function isTeacherBanned(db: DbOrTrx, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .innerJoin('teacher_disqualifications', 'teacher_disqualifications.person_hash', 'users.id_number_hash')
    .select('teacher_disqualifications.id')
    .where('users.id', '=', userId)
    .where('teacher_disqualifications.status', '=', 'active')
    .executeTakeFirst();
  return !!row;
}
