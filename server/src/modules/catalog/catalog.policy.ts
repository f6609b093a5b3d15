import { defineScope, scopeRule, type Scope } from '../../platform/scope.js';

/**
 * Authored content (courses here, media files in media/) belongs to an institution or, with `institution_id` null,
 * to the platform. Its authors are the operator for the platform's own content and an institution's administrators
 * and teachers for that institution's. Declared once for every authored table; learners and regulators author nothing.
 */
export function authoredScope(table: string): Scope<'institution_id'> {
  return defineScope<'institution_id'>(table, {
    operator: scopeRule.is('institution_id', null),
    institution_admin: scopeRule.eq('institution_id', (a) => a.institutionId),
    teacher: scopeRule.eq('institution_id', (a) => a.institutionId),
  });
}

/** Who edits a course: its authors. */
export const courseScope = authoredScope('courses');
