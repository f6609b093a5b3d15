// Whom each role may invite (docs/api.md; the server's invitation rules):
// operators invite operators, provincial regulators and institution administrators; a regulator invites regulators
// of its direct sub-regions and institution administrators in its region; an institution administrator invites its
// own teachers and administrators.
import type { Role } from '../../api/types';

export const INVITABLE: Partial<Record<Role, Role[]>> = {
  operator: ['regulator', 'institution_admin', 'operator'],
  regulator: ['regulator', 'institution_admin'],
  institution_admin: ['teacher', 'institution_admin'],
};

export type ScopeField = 'regionCode' | 'institutionId' | null;

/** Which scope the form must ask for, given the inviter and the invited role. */
export function scopeField(inviter: Role, invited: Role | undefined): ScopeField {
  if (invited === 'regulator') return 'regionCode';
  if ((invited === 'institution_admin' || invited === 'teacher') && inviter !== 'institution_admin')
    return 'institutionId';
  return null;
}
