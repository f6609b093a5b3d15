import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/audit.service.js';
import { isWithinRegion } from '../regions/index.js';

export const teacherPermissions = declarePermissions({
  'teachers.qualifications.read': ['institution_admin', 'teacher', 'regulator', 'operator'],
  'teachers.qualifications.manage': ['institution_admin'],
  'teachers.disqualify': ['regulator', 'operator'],
});

export type Qualification = {
  id: string; occupationCode: string; occupationName: string; level: number; certificateNo: string; validUntil: string | null;
  status: 'valid' | 'disqualified'; createdAt: string;
};

/**
 * Teachers' vocational qualifications: recorded by their institution, withdrawn (disqualified) by a regulator of
 * the region or the operator. Class pre-checks accept only valid qualifications in the class's occupation.
 */
export class TeachersService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }) {}

  private async teacher(actor: Actor, teacherId: string) {
    const row = await this.deps.db.selectFrom('users').select(['id', 'name', 'role', 'institution_id', 'region_code'])
      .where('id', '=', teacherId).where('role', '=', 'teacher').executeTakeFirst();
    const visible = row && (actor.role === 'operator'
      || (actor.role === 'regulator' && isWithinRegion(row.region_code, actor.regionCode!))
      || (!!actor.institutionId && actor.institutionId === row.institution_id));
    if (!row || !visible) throw new AppError('NOT_FOUND');
    return row;
  }

  async list(actor: Actor, teacherId: string): Promise<Qualification[]> {
    requirePermission(actor, teacherPermissions['teachers.qualifications.read']);
    await this.teacher(actor, teacherId);
    const rows = await this.deps.db.selectFrom('teacher_qualifications').innerJoin('occupations', 'occupations.code', 'teacher_qualifications.occupation_code')
      .selectAll('teacher_qualifications').select('occupations.name_zh').where('user_id', '=', teacherId).orderBy('created_at', 'desc').execute();
    return rows.map((r) => ({ id: r.id, occupationCode: r.occupation_code, occupationName: r.name_zh, level: r.level, certificateNo: r.certificate_no,
      validUntil: r.valid_until, status: r.status, createdAt: r.created_at }));
  }

  async add(actor: Actor, teacherId: string, input: { occupationCode: string; level: number; certificateNo: string; validUntil: string | null }, meta: RequestMeta): Promise<Qualification[]> {
    requirePermission(actor, teacherPermissions['teachers.qualifications.manage']);
    const teacher = await this.teacher(actor, teacherId);
    if (!(await this.deps.db.selectFrom('occupations').select('code').where('code', '=', input.occupationCode).executeTakeFirst())) {
      throw new AppError('VALIDATION_FAILED', { field: 'occupationCode' });
    }
    const id = newId();
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.insertInto('teacher_qualifications').values({
        id, user_id: teacherId, occupation_code: input.occupationCode, level: input.level, certificate_no: input.certificateNo.trim(),
        valid_until: input.validUntil, status: 'valid', created_at: this.deps.clock.now().toISOString(),
      }).execute();
      await this.deps.audit.record(trx, { actor, action: 'teacher.qualification_added', targetType: 'user', targetId: teacherId, institutionId: teacher.institution_id,
        regionCode: teacher.region_code, meta, details: { qualificationId: id, occupationCode: input.occupationCode, level: input.level } });
    });
    return this.list(actor, teacherId);
  }

  async disqualify(actor: Actor, qualificationId: string, reason: string, meta: RequestMeta): Promise<void> {
    requirePermission(actor, teacherPermissions['teachers.disqualify']);
    if (reason.trim().length < 2) throw new AppError('CLASS_REASON_REQUIRED', { field: 'reason' });
    const row = await this.deps.db.selectFrom('teacher_qualifications').select(['id', 'user_id', 'status']).where('id', '=', qualificationId).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const teacher = await this.teacher(actor, row.user_id);
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('teacher_qualifications').set({ status: 'disqualified' }).where('id', '=', qualificationId).execute();
      await this.deps.audit.record(trx, { actor, action: 'teacher.disqualified', targetType: 'user', targetId: teacher.id, institutionId: teacher.institution_id,
        regionCode: teacher.region_code, meta, details: { qualificationId, reason: reason.trim() } });
    });
  }
}
