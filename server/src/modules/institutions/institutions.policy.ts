import { declarePermissions } from '../../platform/access.js';
import type { Actor } from '../../platform/context.js';
import { defineScope, scopeRule } from '../../platform/scope.js';
import { regionPrefixOf } from '../regions/index.js';
import type { InstitutionStatus } from './institutions.tables.js';

export const institutionPermissions = declarePermissions({
  'institutions.read': ['teacher', 'institution_admin', 'regulator', 'operator'],
  /** The administrator completes the institution's own application: fields, documents, submission. */
  'institutions.apply': ['institution_admin'],
  /** Approve, return or reject an application: the regulators of the institution's region subtree. */
  'institutions.review': ['regulator'],
  /** The review queue, suspension and reinstatement: regulators (subtree) and the operator (platform). */
  'institutions.oversee': ['regulator', 'operator'],
  'institutions.documents.read': ['institution_admin', 'regulator', 'operator'],
  /** The credit record (信用记录): the institution's own administrators, regulators (subtree), the operator. */
  'institutions.credit.read': ['institution_admin', 'regulator', 'operator'],
  /** Record false materials on an institution's credit record: the regulators of its region subtree. */
  'institutions.credit.record': ['regulator'],
});

/**
 * Institution people see their own institution; regulators their region subtree once an application is submitted
 * (drafts are the applicant's own business); operators all. Declared once (platform/scope.ts): `canSeeInstitution`
 * for one institution, `institutionScope.where` for lists. Callers check the permission first.
 */
export const institutionScope = defineScope<'id' | 'region_code' | 'status'>('institutions', {
  operator: scopeRule.all,
  regulator: scopeRule.and(scopeRule.isNot('status', 'draft'), scopeRule.prefix('region_code', regionPrefixOf)),
  institution_admin: scopeRule.eq('id', (a) => a.institutionId),
  teacher: scopeRule.eq('id', (a) => a.institutionId),
  learner: scopeRule.eq('id', (a) => a.institutionId),
});

export function canSeeInstitution(
  actor: Actor,
  institution: { id: string; region_code: string; status?: InstitutionStatus },
): boolean {
  // A caller that did not load the status is treated as a submitted application (as before).
  return institutionScope.allows(actor, { ...institution, status: institution.status ?? 'submitted' });
}
