// Types from docs/api.md (the HTTP contract between server and web).

export type Role = 'learner' | 'teacher' | 'institution_admin' | 'regulator' | 'operator';
export const ROLES: readonly Role[] = ['learner', 'teacher', 'institution_admin', 'regulator', 'operator'];

export type User = {
  id: string;
  name: string;
  role: Role;
  /** invited: created by the institution's roster import; activated when its holder sets a password by SMS. */
  status: 'active' | 'disabled' | 'invited';
  phoneMasked: string;
  idNumberMasked: string;
  gender: 'male' | 'female';
  birthDate: string;
  regionCode: string | null;
  regionName: string | null;
  institutionId: string | null;
  institutionName: string | null;
  createdAt: string;
};

export type Session = { id: string; createdAt: string; ip: string; device: string };

export type Me = { user: User; session: Session; permissions: string[]; csrfToken: string };

export type HomeSummary = {
  role: Role;
  cards: { key: string; value: number | string }[];
  actions: { key: string; path: string }[];
};

export type Region = { code: string; name: string; level: string | number; parentCode: string | null };

export type InstitutionKind = 'training' | 'enterprise' | 'college';
export type Institution = {
  id: string;
  name: string;
  kind: InstitutionKind;
  regionCode: string;
  regionName: string;
  creditCode: string;
  status: 'draft' | 'submitted' | 'returned' | 'rejected' | 'active' | 'suspended';
  createdAt: string;
};

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';
export type Invitation = {
  id: string;
  role: Role;
  name: string;
  phoneMasked: string;
  regionCode: string | null;
  institutionId: string | null;
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
  token?: string;
};
export type CreatedInvitation = { id: string; token: string; role: Role; expiresAt: string; url: string };
export type PublicInvitation = {
  role: Role;
  name: string;
  phoneMasked: string;
  regionName: string | null;
  institutionName: string | null;
  expiresAt: string;
  status: InvitationStatus;
};

export type AuditEntry = {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  regionCode: string | null;
  institutionId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
};

export type Page<T> = { items: T[]; total: number };
