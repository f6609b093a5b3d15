import { declarePermissions } from '../../platform/access.js';
import type { Actor } from '../../platform/context.js';
import { isWithinRegion } from '../regions/index.js';
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
});

/**
 * Institution people see their own institution; regulators their region subtree once an application is submitted
 * (drafts are the applicant's own business); operators all. Callers check the permission first.
 */
export function canSeeInstitution(
  actor: Actor,
  institution: { id: string; region_code: string; status?: InstitutionStatus },
): boolean {
  if (actor.role === 'operator') return true;
  if (actor.role === 'regulator')
    return institution.status !== 'draft' && isWithinRegion(institution.region_code, actor.regionCode!);
  return !!actor.institutionId && actor.institutionId === institution.id;
}
