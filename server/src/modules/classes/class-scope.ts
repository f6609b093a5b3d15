import type { DbOrTrx } from '../../database/schema.js';
import type { Actor } from '../../platform/context.js';
import type { PoliciesService } from '../policies/index.js';
import { isWithinRegion } from '../regions/index.js';
import type { ClassStatus } from './classes.tables.js';

/**
 * Who may see a class: its institution's staff, the regulators of its region subtree once it is submitted (drafts
 * are the institution's own business), the operator. Callers check the permission first.
 */
export function canSeeClass(
  actor: Actor,
  klass: { institution_id: string; region_code: string; status: ClassStatus },
): boolean {
  if (actor.role === 'operator') return true;
  if (actor.role === 'regulator')
    return klass.status !== 'draft' && isWithinRegion(klass.region_code, actor.regionCode!);
  return (
    (actor.role === 'institution_admin' || actor.role === 'teacher') &&
    !!actor.institutionId &&
    actor.institutionId === klass.institution_id
  );
}

/** The rules of a class: the policy versions it was approved under, or its region's current policy before approval. */
export function classPolicy(
  policies: PoliciesService,
  db: DbOrTrx,
  klass: { policy_refs: string | null; region_code: string },
) {
  return klass.policy_refs
    ? policies.atVersions(
        db,
        JSON.parse(klass.policy_refs) as Parameters<PoliciesService['atVersions']>[1],
        klass.region_code,
      )
    : policies.effective(db, klass.region_code);
}
