import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Actor } from '../../platform/context.js';
import { canSeeUser } from '../identity/index.js';
import { regionLike } from '../regions/index.js';
import type { CheckEvidence } from './account-sharing.js';
import { facesPermissions } from './faces.service.js';
import type { FaceAlertKind } from './faces.tables.js';

export type FaceAlert = {
  id: string;
  kind: FaceAlertKind;
  enrolmentId: string;
  /**
   * The account whose new face raised the alert and the account it matched, each named only when the actor may see
   * it: another institution's learner stays anonymous (null), though the alert says there is one.
   */
  user: { id: string; name: string } | null;
  otherUser: { id: string; name: string } | null;
  otherAccount: boolean;
  distance: number;
  threshold: number;
  createdAt: string;
  /** For alerts raised by checks: the checks gathered (newest last) and how many there were in all. */
  evidence: CheckEvidence | null;
};

/**
 * Face alerts as the learner's institution, the regulators above it and operators see them. The early-warning
 * console (issue 6, second part) builds on this list.
 */
export class FaceAlertsService {
  constructor(private readonly deps: { db: Kysely<Database> }) {}

  async list(actor: Actor, filter: { userId?: string } = {}): Promise<FaceAlert[]> {
    requirePermission(actor, facesPermissions['faces.read']);
    let q = this.deps.db
      .selectFrom('face_alerts')
      .innerJoin('users', 'users.id', 'face_alerts.user_id')
      .leftJoin('users as other', 'other.id', 'face_alerts.other_user_id')
      .selectAll('face_alerts')
      .select([
        'users.name as user_name',
        'users.role as user_role',
        'users.institution_id as user_institution_id',
        'users.region_code as user_region_code',
        'other.name as other_name',
        'other.role as other_role',
        'other.institution_id as other_institution_id',
        'other.region_code as other_region_code',
      ]);
    // Both accounts' institutions (and regions) see a same-face alert: either may be the one lending its face.
    if (actor.role === 'institution_admin') {
      const own = actor.institutionId ?? '-';
      q = q.where((eb) => eb.or([eb('face_alerts.institution_id', '=', own), eb('other.institution_id', '=', own)]));
    }
    if (actor.role === 'regulator') {
      const prefix = regionLike(actor.regionCode!);
      q = q.where((eb) =>
        eb.or([eb('face_alerts.region_code', 'like', prefix), eb('other.region_code', 'like', prefix)]),
      );
    }
    if (filter.userId)
      q = q.where((eb) =>
        eb.or([eb('face_alerts.user_id', '=', filter.userId!), eb('face_alerts.other_user_id', '=', filter.userId!)]),
      );
    const rows = await q.orderBy('face_alerts.created_at', 'desc').limit(200).execute();
    return rows.map((r) => {
      const other =
        r.other_user_id && r.other_role
          ? {
              id: r.other_user_id,
              role: r.other_role,
              institution_id: r.other_institution_id,
              region_code: r.other_region_code,
            }
          : null;
      const user = {
        id: r.user_id,
        role: r.user_role,
        institution_id: r.user_institution_id,
        region_code: r.user_region_code,
      };
      return {
        id: r.id,
        kind: r.kind,
        enrolmentId: r.enrolment_id,
        user: canSeeUser(actor, user) ? { id: user.id, name: r.user_name } : null,
        otherUser: other && canSeeUser(actor, other) ? { id: other.id, name: r.other_name! } : null,
        otherAccount: !!other,
        distance: Math.round(Number(r.distance) * 1000) / 1000,
        threshold: Number(r.threshold),
        createdAt: r.created_at,
        evidence: r.evidence ? (JSON.parse(r.evidence) as CheckEvidence) : null,
      };
    });
  }
}
