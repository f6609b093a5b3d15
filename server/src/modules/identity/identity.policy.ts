import type { SelectQueryBuilder } from 'kysely';
import type { Database } from '../../database/schema.js';
import { declarePermissions } from '../../platform/access.js';
import type { Actor } from '../../platform/context.js';
import { isWithinRegion, regionLike } from '../regions/index.js';
import type { Role } from './identity.tables.js';

export const identityPermissions = declarePermissions({
  'users.read': ['teacher', 'institution_admin', 'regulator', 'operator'],
  'users.reveal_id_number': ['institution_admin', 'regulator', 'operator'],
  'users.update_status': ['institution_admin', 'regulator', 'operator'],
  'invitations.create': ['institution_admin', 'regulator', 'operator'],
  'invitations.read': ['institution_admin', 'regulator', 'operator'],
});

type ScopedUser = { id: string; role: Role; region_code: string | null; institution_id: string | null };

/**
 * Who may see whom. Institution people see their own institution (teachers only its learners); regulators their
 * region subtree (users carry their institution's region); operators everybody. Everyone sees themselves.
 */
export function canSeeUser(actor: Actor, user: ScopedUser): boolean {
  if (actor.userId === user.id || actor.role === 'operator') return true;
  if (actor.role === 'regulator') return isWithinRegion(user.region_code, actor.regionCode!);
  if (actor.role === 'institution_admin') return !!actor.institutionId && user.institution_id === actor.institutionId;
  if (actor.role === 'teacher')
    return !!actor.institutionId && user.institution_id === actor.institutionId && user.role === 'learner';
  return false;
}

/** Who may change whom: a strict subset of `canSeeUser`, and never oneself or someone of a higher level. */
export function canManageUser(actor: Actor, user: ScopedUser): boolean {
  if (actor.userId === user.id || !canSeeUser(actor, user)) return false;
  if (actor.role === 'operator') return true;
  if (actor.role === 'regulator') {
    // A regulator manages institution people and regulators strictly below its own region.
    if (user.role === 'regulator')
      return user.region_code !== actor.regionCode && isWithinRegion(user.region_code, actor.regionCode!);
    return user.role !== 'operator';
  }
  if (actor.role === 'institution_admin') return user.role === 'teacher' || user.role === 'learner';
  return false;
}

/** The same rule as `canSeeUser`, as a SQL filter for lists. */
export function scopeUsersQuery<O>(
  qb: SelectQueryBuilder<Database, 'users' | 'regions' | 'institutions', O>,
  actor: Actor,
) {
  switch (actor.role) {
    case 'operator':
      return qb;
    case 'regulator':
      return qb.where('users.region_code', 'like', regionLike(actor.regionCode!));
    case 'institution_admin':
      return qb.where('users.institution_id', '=', actor.institutionId ?? '-');
    case 'teacher':
      return qb.where('users.institution_id', '=', actor.institutionId ?? '-').where('users.role', '=', 'learner');
    default:
      return qb.where('users.id', '=', actor.userId);
  }
}
