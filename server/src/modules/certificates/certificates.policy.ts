import { declarePermissions } from '../../platform/access.js';
import { defineScope, scopeRule } from '../../platform/scope.js';
import { regionPrefixOf } from '../regions/index.js';

export const certificatePermissions = declarePermissions({
  'certificates.read': ['learner', 'institution_admin', 'regulator', 'operator'],
  /** Issuing again for a closed class (closing issues at once). */
  'certificates.issue': ['institution_admin'],
  'certificates.revoke': ['regulator'],
  'skill_certificates.read': ['learner', 'regulator', 'operator'],
  'skill_certificates.record': ['regulator', 'operator'],
});

/**
 * Who sees which training certificates: learners their own, an institution's administrators its own, regulators
 * their region subtree (the class's region), the operator all.
 */
export const certificateScope = defineScope<'user_id' | 'institution_id' | 'region_code'>('certificates', {
  operator: scopeRule.all,
  regulator: scopeRule.prefix('region_code', regionPrefixOf),
  institution_admin: scopeRule.eq('institution_id', (a) => a.institutionId),
  learner: scopeRule.eq('user_id', (a) => a.userId),
});

/** Skill-level certificates: the holder, and regulators of the region that recorded them (the operator all). */
export const skillCertificateScope = defineScope<'user_id' | 'region_code'>('skill_certificates', {
  operator: scopeRule.all,
  regulator: scopeRule.prefix('region_code', regionPrefixOf),
  learner: scopeRule.eq('user_id', (a) => a.userId),
});
