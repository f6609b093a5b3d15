import type { DbOrTrx } from '../../database/schema.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { isOperating, statusText } from './institution-state.js';

/**
 * The one check every piece of institution work makes (classes, courses, media, enrolment, teachers, invitations):
 * until its registration is approved, and while it is suspended, an institution's people may only see and complete
 * their application. Regulators and operators act on institutions from outside and are not concerned.
 */
export async function requireActiveInstitution(
  db: DbOrTrx,
  actor: Pick<Actor, 'role' | 'institutionId'>,
): Promise<void> {
  if (actor.role !== 'institution_admin' && actor.role !== 'teacher') return;
  if (!actor.institutionId) return;
  const row = await db
    .selectFrom('institutions')
    .select('status')
    .where('id', '=', actor.institutionId)
    .executeTakeFirst();
  if (row && !isOperating(row.status)) {
    throw new AppError('INSTITUTION_NOT_ACTIVE', {
      params: { status: statusText(row.status) },
      details: { status: row.status },
    });
  }
}
