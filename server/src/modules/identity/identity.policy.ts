import { declarePermissions } from '../../platform/access.js';
import type { Actor } from '../../platform/context.js';
import { defineScope, scopeRule } from '../../platform/scope.js';
import { isWithinRegion, regionPrefixOf } from '../regions/index.js';
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
 * Who may see whom, declared once (platform/scope.ts): institution people see their own institution (teachers only
 * its learners); regulators their region subtree (users carry their institution's region); operators everybody;
 * learners themselves. Lists filter with `userScope.where`, single users are checked with `canSeeUser`.
 */
export const userScope = defineScope<'id' | 'role' | 'region_code' | 'institution_id'>('users', {
  operator: scopeRule.all,
  regulator: scopeRule.prefix('region_code', regionPrefixOf),
  institution_admin: scopeRule.eq('institution_id', (a) => a.institutionId),
  teacher: scopeRule.and(
    scopeRule.eq('institution_id', (a) => a.institutionId),
    scopeRule.is('role', 'learner'),
  ),
  learner: scopeRule.eq('id', (a) => a.userId),
});

/** `userScope` for one user; everyone also sees themselves (a teacher is not among the learners it lists). */
export function canSeeUser(actor: Actor, user: ScopedUser): boolean {
  return actor.userId === user.id || userScope.allows(actor, user);
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

/** Invitations: regulators see those into their region subtree, administrators their institution's, operators all. */
export const invitationScope = defineScope<'region_code' | 'institution_id'>('invitations', {
  operator: scopeRule.all,
  regulator: scopeRule.prefix('region_code', regionPrefixOf),
  institution_admin: scopeRule.eq('institution_id', (a) => a.institutionId),
});
