import { declarePermissions } from '../../platform/access.js';
import { defineScope, scopeRule } from '../../platform/scope.js';
import { regionPrefixOf } from '../regions/index.js';

export const examPermissions = declarePermissions({
  /** Set exams and the practical items of the institution's classes. */
  'exams.manage': ['institution_admin'],
  /** See a class's exams, attempts and assessment results. */
  'exams.read': ['institution_admin', 'teacher', 'regulator', 'operator'],
  'exams.take': ['learner'],
  /** Decide short answers in the grading queue. */
  'exams.grade': ['institution_admin', 'teacher'],
  /** The assessor of the practical skills assessment (技能操作考核) enters per-item scores with evidence. */
  'exams.assess': ['institution_admin', 'teacher'],
});

/** Staff see the exams of their institution's classes; regulators those of their region subtree; the operator all. */
export const examScope = defineScope<'institution_id' | 'region_code'>('exams', {
  operator: scopeRule.all,
  regulator: scopeRule.prefix('region_code', regionPrefixOf),
  institution_admin: scopeRule.eq('institution_id', (a) => a.institutionId),
  teacher: scopeRule.eq('institution_id', (a) => a.institutionId),
});
