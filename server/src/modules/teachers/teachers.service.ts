import type { Kysely, Selectable } from 'kysely';
import { containsText } from '../../adapters/db.js';
import type { Database } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { transition } from '../../platform/transition.js';
import type { AuditService } from '../audit/index.js';
import { requireActiveInstitution } from '../institutions/index.js';
import { beijingDate } from '../../platform/time.js';
import type { TeacherQualificationsTable } from '../classes/index.js';
import { isTeacherBanned } from './bans.service.js';
import { teacherPermissions, teacherScope } from './teachers.policy.js';

/** 职业资格证书, 职业技能等级证书, 专项职业能力证书, or another certificate the institution vouches for. */
export const CERTIFICATE_KINDS = ['vocational_qualification', 'skill_level', 'special_ability', 'other'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export type Qualification = {
  id: string;
  certificateKind: string;
  occupationCode: string;
  occupationName: string;
  level: number;
  certificateNo: string;
  validUntil: string | null;
  status: 'valid' | 'disqualified';
  createdAt: string;
  /** Past its validity date (Beijing calendar): it no longer counts for a class ending later, whatever its status. */
  expired: boolean;
  disqualifiedAt: string | null;
  disqualifiedReason: string | null;
  disqualifiedByName: string | null;
};
export type TeacherWithQualifications = {
  id: string;
  name: string;
  phoneMasked: string;
  status: string;
  institutionId: string | null;
  institutionName: string | null;
  regionCode: string | null;
  qualifications: Qualification[];
};
export type QualificationInput = {
  certificateKind?: CertificateKind;
  occupationCode: string;
  level: number;
  certificateNo: string;
  validUntil: string | null;
};

/**
 * Teachers' vocational qualifications: recorded by their institution, withdrawn (disqualified) by a regulator of
 * the region or the operator. Class pre-checks accept only valid qualifications in the class's occupation.
 */
export class TeachersService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }) {}

  private async teacher(actor: Actor, teacherId: string) {
    const row = await this.deps.db
      .selectFrom('users')
      .select(['id', 'name', 'role', 'institution_id', 'region_code'])
      .where('id', '=', teacherId)
      .where('role', '=', 'teacher')
      .executeTakeFirst();
    if (!row || !teacherScope.allows(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  /** The qualifications of some teachers, newest first, with who withdrew them. */
  private async qualificationsOf(teacherIds: string[]): Promise<Map<string, Qualification[]>> {
    const out = new Map<string, Qualification[]>(teacherIds.map((id) => [id, []]));
    if (teacherIds.length === 0) return out;
    const rows = await this.deps.db
      .selectFrom('teacher_qualifications')
      .innerJoin('occupations', 'occupations.code', 'teacher_qualifications.occupation_code')
      .leftJoin('users as withdrawer', 'withdrawer.id', 'teacher_qualifications.disqualified_by')
      .selectAll('teacher_qualifications')
      .select(['occupations.name_zh', 'withdrawer.name as withdrawer_name'])
      .where('user_id', 'in', teacherIds)
      .orderBy('created_at', 'desc')
      .orderBy('teacher_qualifications.id', 'desc')
      .execute();
    const today = beijingDate(this.deps.clock.now());
    for (const r of rows) out.get(r.user_id)?.push(qualificationRowToQualification(r, today));
    return out;
  }

  async list(actor: Actor, teacherId: string): Promise<Qualification[]> {
    requirePermission(actor, teacherPermissions['teachers.qualifications.read']);
    await this.teacher(actor, teacherId);
    return (await this.qualificationsOf([teacherId])).get(teacherId)!;
  }

  /** Teachers in scope with their qualifications: the institution's own, a regulator's region subtree, or all. */
  async teachers(
    actor: Actor,
    query: { q?: string; institutionId?: string; page: number; pageSize: number },
  ): Promise<{ items: TeacherWithQualifications[]; total: number }> {
    requirePermission(actor, teacherPermissions['teachers.list']);
    let qb = this.deps.db
      .selectFrom('users')
      .leftJoin('institutions', 'institutions.id', 'users.institution_id')
      .select([
        'users.id',
        'users.name',
        'users.phone_masked',
        'users.status',
        'users.institution_id',
        'users.region_code',
        'institutions.name as institution_name',
      ])
      .where('users.role', '=', 'teacher')
      .where((eb) => teacherScope.where(eb, actor));
    if (query.institutionId) qb = qb.where('users.institution_id', '=', query.institutionId);
    if (query.q?.trim()) qb = qb.where(containsText('users.name', query.q.trim()));
    const { total } = await qb
      .clearSelect()
      .select((eb) => eb.fn.countAll<string | number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await qb
      .orderBy('institutions.name')
      .orderBy('users.name')
      .orderBy('users.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    const qualifications = await this.qualificationsOf(rows.map((r) => r.id));
    return {
      total: Number(total),
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        phoneMasked: r.phone_masked,
        status: r.status,
        institutionId: r.institution_id,
        institutionName: r.institution_name ?? null,
        regionCode: r.region_code,
        qualifications: qualifications.get(r.id)!,
      })),
    };
  }

  async add(actor: Actor, teacherId: string, input: QualificationInput, meta: RequestMeta): Promise<Qualification[]> {
    requirePermission(actor, teacherPermissions['teachers.qualifications.manage']);
    await requireActiveInstitution(this.deps.db, actor);
    const teacher = await this.teacher(actor, teacherId);
    if (await isTeacherBanned(this.deps.db, teacherId)) throw new AppError('TEACHER_BANNED');
    if (
      !(await this.deps.db
        .selectFrom('occupations')
        .select('code')
        .where('code', '=', input.occupationCode)
        .executeTakeFirst())
    ) {
      throw new AppError('VALIDATION_FAILED', { field: 'occupationCode' });
    }
    const id = newId();
    const certificateKind = input.certificateKind ?? 'vocational_qualification';
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('teacher_qualifications')
        .values({
          id,
          user_id: teacherId,
          certificate_kind: certificateKind,
          occupation_code: input.occupationCode,
          level: input.level,
          certificate_no: input.certificateNo.trim(),
          valid_until: input.validUntil,
          status: 'valid',
          created_at: this.deps.clock.now().toISOString(),
        })
        .execute();
      await this.deps.audit.record(trx, {
        actor,
        action: 'teacher.qualification_added',
        targetType: 'user',
        targetId: teacherId,
        institutionId: teacher.institution_id,
        regionCode: teacher.region_code,
        meta,
        details: { qualificationId: id, certificateKind, occupationCode: input.occupationCode, level: input.level },
      });
    });
    return this.list(actor, teacherId);
  }

  async disqualify(actor: Actor, qualificationId: string, reason: string, meta: RequestMeta): Promise<void> {
    requirePermission(actor, teacherPermissions['teachers.disqualify']);
    if (reason.trim().length < 2) throw new AppError('CLASS_REASON_REQUIRED', { field: 'reason' });
    const row = await this.deps.db
      .selectFrom('teacher_qualifications')
      .select(['id', 'user_id', 'status'])
      .where('id', '=', qualificationId)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const teacher = await this.teacher(actor, row.user_id);
    await this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock.now().toISOString();
      // Conditional, so two regulators acting at once cannot overwrite each other's reason.
      await transition(
        trx,
        {
          table: 'teacher_qualifications',
          id: qualificationId,
          from: ['valid'],
          set: {
            status: 'disqualified',
            disqualified_at: now,
            disqualified_by: actor.userId,
            disqualified_reason: reason.trim(),
          },
          conflict: () => new AppError('TEACHER_ALREADY_DISQUALIFIED'),
        },
        {
          audit: (t) =>
            this.deps.audit.record(t, {
              actor,
              action: 'teacher.disqualified',
              targetType: 'user',
              targetId: teacher.id,
              institutionId: teacher.institution_id,
              regionCode: teacher.region_code,
              meta,
              details: { qualificationId, reason: reason.trim() },
            }),
        },
      );
    });
  }
}

type QualificationRow = Selectable<TeacherQualificationsTable> & { name_zh: string; withdrawer_name: string | null };

export function qualificationRowToQualification(r: QualificationRow, today: string): Qualification {
  return {
    id: r.id,
    certificateKind: r.certificate_kind,
    occupationCode: r.occupation_code,
    occupationName: r.name_zh,
    level: r.level,
    certificateNo: r.certificate_no,
    validUntil: r.valid_until,
    status: r.status,
    createdAt: r.created_at,
    expired: r.valid_until !== null && r.valid_until < today,
    disqualifiedAt: r.disqualified_at,
    disqualifiedReason: r.disqualified_reason,
    disqualifiedByName: r.withdrawer_name,
  };
}
