import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { transition } from '../../platform/transition.js';
import type { AuditService } from '../audit/index.js';
import {
  changedMeanwhile,
  institutionStatusesAllowing,
  nextInstitutionStatus,
  type InstitutionAction,
} from './institution-state.js';
import { canSeeInstitution, institutionPermissions } from './institutions.policy.js';
import { findInstitution, loadApplication, type InstitutionApplication } from './institutions.repository.js';
import type { InstitutionReviewAction } from './institutions.tables.js';

export type ReviewDecision = 'approve' | 'return' | 'reject';
export type OversightAction = 'suspend' | 'reinstate';

const RECORDED: Record<ReviewDecision | OversightAction, InstitutionReviewAction> = {
  approve: 'approved',
  return: 'returned',
  reject: 'rejected',
  suspend: 'suspended',
  reinstate: 'reinstated',
};

/**
 * The regulator's side of registration: the regulators of the institution's region subtree approve, return or reject
 * a submitted application; they (and the operator) suspend and reinstate an institution. Every decision carries its
 * reason, is kept in the institution's review history and audited in the same transaction.
 */
export class InstitutionReviewService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }) {}

  async decide(
    actor: Actor,
    id: string,
    decision: ReviewDecision,
    comment: string,
    meta: RequestMeta,
  ): Promise<InstitutionApplication> {
    requirePermission(actor, institutionPermissions['institutions.review']);
    return this.transition(actor, id, decision, comment, meta);
  }

  async oversee(
    actor: Actor,
    id: string,
    action: OversightAction,
    reason: string,
    meta: RequestMeta,
  ): Promise<InstitutionApplication> {
    requirePermission(actor, institutionPermissions['institutions.oversee']);
    return this.transition(actor, id, action, reason, meta);
  }

  private async transition(
    actor: Actor,
    id: string,
    action: ReviewDecision | OversightAction,
    reason: string,
    meta: RequestMeta,
  ) {
    const { db, clock, audit } = this.deps;
    const row = await findInstitution(db, id);
    if (!row || !canSeeInstitution(actor, row)) throw new AppError('NOT_FOUND');
    const isDecision = action === 'approve' || action === 'return' || action === 'reject';
    const text = reason.trim();
    if (text.length < 2)
      throw new AppError('INSTITUTION_REASON_REQUIRED', { field: isDecision ? 'comment' : 'reason' });
    const status = nextInstitutionStatus(row.status, action satisfies InstitutionAction);
    await db.transaction().execute(async (trx) => {
      const now = clock.now().toISOString();
      // Another reviewer decided (or the institution changed something) in the meantime: the conflict error.
      await transition(
        trx,
        {
          table: 'institutions',
          id,
          from: institutionStatusesAllowing(action),
          set: { status, status_reason: text, updated_at: now, ...(isDecision ? { decided_at: now } : {}) },
          unchanged: { updated_at: row.updated_at },
          conflict: () => changedMeanwhile(action),
        },
        {
          history: (t) =>
            t
              .insertInto('institution_reviews')
              .values({
                id: newId(),
                institution_id: id,
                action: RECORDED[action],
                comment: text,
                actor_id: actor.userId,
                at: now,
              })
              .execute(),
          audit: (t) =>
            audit.record(t, {
              actor,
              action: `institution.${RECORDED[action]}`,
              targetType: 'institution',
              targetId: id,
              regionCode: row.region_code,
              institutionId: id,
              meta,
              details: { from: row.status, to: status, reason: text },
            }),
        },
      );
    });
    return loadApplication(db, actor, (await findInstitution(db, id))!, clock.now());
  }
}
