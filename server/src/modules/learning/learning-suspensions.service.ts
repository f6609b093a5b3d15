import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { transition } from '../../platform/transition.js';
import type { AuditService } from '../audit/index.js';
import { canSeeClass } from '../classes/index.js';

export const learningSuspensionPermissions = declarePermissions({
  'learning.suspensions.read': ['institution_admin', 'teacher', 'regulator', 'operator'],
  'learning.suspensions.lift': ['institution_admin'],
});

export type LearningSuspension = {
  userId: string;
  name: string;
  idNumberMasked: string;
  classId: string;
  faceMisses: number;
  suspendedAt: string;
  /** Why: the misses and limit, and the session and lesson where the limit was reached (the learner's evidence chain has the rest). */
  reason: { kind?: 'class_suspended'; misses?: number; limit?: number; sessionId?: string; lessonId?: string };
};

/**
 * Learners whose online learning in a class was suspended after too many missed face checks (policy
 * faceCheck.maxMissesPerClass; the learning engine records `learning_suspended` on their chain). Staff in scope see
 * them; the class's institution lifts a suspension after looking into it, which is audited and starts the count again.
 */
export class LearningSuspensionsService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }) {}

  private async klass(actor: Actor, classId: string) {
    const klass = await this.deps.db
      .selectFrom('classes')
      .select(['id', 'institution_id', 'region_code', 'status'])
      .where('id', '=', classId)
      .executeTakeFirst();
    if (!klass || !canSeeClass(actor, klass)) throw new AppError('NOT_FOUND');
    return klass;
  }

  async list(actor: Actor, classId: string): Promise<LearningSuspension[]> {
    requirePermission(actor, learningSuspensionPermissions['learning.suspensions.read']);
    await this.klass(actor, classId);
    const rows = await this.deps.db
      .selectFrom('learning_class_status')
      .innerJoin('users', 'users.id', 'learning_class_status.user_id')
      .select([
        'learning_class_status.user_id',
        'users.name',
        'users.id_number_masked',
        'learning_class_status.face_misses',
        'learning_class_status.suspended_at',
        'learning_class_status.suspension',
      ])
      .where('learning_class_status.class_id', '=', classId)
      .where('learning_class_status.suspended_at', 'is not', null)
      .orderBy('learning_class_status.suspended_at', 'desc')
      .execute();
    return rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      idNumberMasked: r.id_number_masked,
      classId,
      faceMisses: r.face_misses,
      suspendedAt: r.suspended_at!,
      reason: r.suspension ? (JSON.parse(r.suspension) as LearningSuspension['reason']) : {},
    }));
  }

  async lift(actor: Actor, classId: string, userId: string, note: string, meta: RequestMeta): Promise<void> {
    requirePermission(actor, learningSuspensionPermissions['learning.suspensions.lift']);
    const klass = await this.klass(actor, classId);
    const { db, clock, audit } = this.deps;
    const at = clock.now().toISOString();
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('learning_class_status')
        .select(['face_misses', 'suspended_at', 'suspension'])
        .where('user_id', '=', userId)
        .where('class_id', '=', classId)
        .executeTakeFirst();
      if (!row?.suspended_at) throw new AppError('LEARNING_NOT_SUSPENDED');
      // Conditional on the suspension still being there: two staff lifting at once lift it once.
      await transition(
        trx,
        {
          table: 'learning_class_status',
          key: { user_id: userId, class_id: classId },
          set: {
            suspended_at: null,
            suspension: null,
            face_misses: 0,
            lifted_at: at,
            lifted_by: actor.userId,
            lift_note: note,
            updated_at: at,
          },
          unchanged: { suspended_at: row.suspended_at },
          conflict: () => new AppError('LEARNING_NOT_SUSPENDED'),
        },
        {
          audit: (t) =>
            audit.record(t, {
              actor,
              action: 'learning.suspension_lifted',
              targetType: 'user',
              targetId: userId,
              institutionId: klass.institution_id,
              regionCode: klass.region_code,
              meta,
              details: {
                classId,
                suspendedAt: row.suspended_at,
                faceMisses: row.face_misses,
                suspension: row.suspension ? JSON.parse(row.suspension) : null,
                note,
              },
            }),
        },
      );
    });
  }
}
