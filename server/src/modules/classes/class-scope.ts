import type { DbOrTrx } from '../../database/schema.js';
import type { Actor } from '../../platform/context.js';
import { defineScope, scopeRule } from '../../platform/scope.js';
import type { PoliciesService } from '../policies/index.js';
import { regionPrefixOf } from '../regions/index.js';
import type { ClassStatus } from './classes.tables.js';

/**
 * Who may see a class, declared once (platform/scope.ts): its institution's staff, the regulators of its region
 * subtree once it is submitted (drafts are the institution's own business), the operator. `classScope.where` filters
 * lists (on the `classes` table), `canSeeClass` checks one class. Callers check the permission first.
 */
export const classScope = defineScope<'institution_id' | 'region_code' | 'status'>('classes', {
  operator: scopeRule.all,
  regulator: scopeRule.and(scopeRule.isNot('status', 'draft'), scopeRule.prefix('region_code', regionPrefixOf)),
  institution_admin: scopeRule.eq('institution_id', (a) => a.institutionId),
  teacher: scopeRule.eq('institution_id', (a) => a.institutionId),
});

export function canSeeClass(
  actor: Actor,
  klass: { institution_id: string; region_code: string; status: ClassStatus },
): boolean {
  return classScope.allows(actor, klass);
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
