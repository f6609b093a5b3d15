import { declarePermissions } from '../../platform/access.js';
import { defineScope, scopeRule, type Scope } from '../../platform/scope.js';
import { authoredScope } from '../catalog/index.js';
import { regionPrefixOf } from '../regions/index.js';

export const questionBankPermissions = declarePermissions({
  // Reading includes the answers: authors and supervisors only; learners meet questions only through an exam.
  'question_banks.read': ['institution_admin', 'teacher', 'regulator', 'operator'],
  'question_banks.manage': ['institution_admin', 'teacher', 'operator'],
  'papers.read': ['institution_admin', 'teacher', 'regulator', 'operator'],
  'papers.manage': ['institution_admin', 'teacher', 'operator'],
});

/**
 * Banks and papers belong to an institution or, with institution_id null, to the platform (shared, kept by the
 * operator). Reading: an institution's people see their own and the shared ones, a regulator those of institutions
 * in the region subtree and the shared ones, the operator all. Managing: the owner only (the operator the shared).
 */
function readScope(table: string): Scope<'institution_id' | 'region_code'> {
  const shared = scopeRule.is<'institution_id' | 'region_code'>('institution_id', null);
  return defineScope<'institution_id' | 'region_code'>(table, {
    operator: scopeRule.all,
    regulator: scopeRule.or(scopeRule.prefix('region_code', regionPrefixOf), shared),
    institution_admin: scopeRule.or(
      scopeRule.eq('institution_id', (a) => a.institutionId),
      shared,
    ),
    teacher: scopeRule.or(
      scopeRule.eq('institution_id', (a) => a.institutionId),
      shared,
    ),
  });
}

export const bankReadScope = readScope('question_banks');
/** Managing is authoring: catalog's rule for all authored content (the operator the platform's, an institution its own). */
export const bankManageScope = authoredScope('question_banks');
export const paperReadScope = readScope('papers');
export const paperManageScope = authoredScope('papers');
