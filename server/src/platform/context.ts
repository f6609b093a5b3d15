/** The roles of the platform; identity stores one per user, access and scope decisions read it from the Actor. */
export type Role = 'learner' | 'teacher' | 'institution_admin' | 'regulator' | 'operator';
export const ROLES: readonly Role[] = ['learner', 'teacher', 'institution_admin', 'regulator', 'operator'];

/** Who is acting: resolved from the session by the HTTP layer and passed to every service call. */
export type Actor = {
  userId: string;
  role: Role;
  name: string;
  regionCode: string | null;
  institutionId: string | null;
  sessionId: string;
};

/** Where a request came from; recorded with audit entries and sessions. */
export type RequestMeta = { ip: string; userAgent: string; requestId: string };

export const systemMeta: RequestMeta = { ip: '127.0.0.1', userAgent: 'system', requestId: 'system' };
