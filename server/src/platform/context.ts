import type { Role } from '../modules/identity/identity.tables.js';

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
