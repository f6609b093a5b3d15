import { declarePermissions } from '../../platform/access.js';
import { defineScope, scopeRule } from '../../platform/scope.js';
import { regionPrefixOf } from '../regions/index.js';

export const teacherPermissions = declarePermissions({
  'teachers.qualifications.read': ['institution_admin', 'teacher', 'regulator', 'operator'],
  'teachers.qualifications.manage': ['institution_admin'],
  'teachers.disqualify': ['regulator', 'operator'],
  'teachers.list': ['institution_admin', 'regulator', 'operator'],
});

/**
 * Which teachers (users of role teacher) an actor reaches, declared once (platform/scope.ts): their institution's
 * administrators and teachers, the regulators of the region subtree (users carry their institution's region), the
 * operator. `teacherScope.where` filters the list (on the `users` table), `teacherScope.allows` checks one teacher.
 */
export const teacherScope = defineScope<'institution_id' | 'region_code'>('users', {
  operator: scopeRule.all,
  regulator: scopeRule.prefix('region_code', regionPrefixOf),
  institution_admin: scopeRule.eq('institution_id', (a) => a.institutionId),
  teacher: scopeRule.eq('institution_id', (a) => a.institutionId),
});
