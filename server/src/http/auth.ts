import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoginResult } from '../modules/identity/index.js';
import type { Actor, RequestMeta } from '../platform/context.js';
import { safeEqual } from '../platform/crypto.js';
import { AppError } from '../platform/errors.js';
import type { Services } from '../services.js';

export const SESSION_COOKIE = 'yx_sid';
export const CSRF_COOKIE = 'yx_csrf';
export const LEARNING_TOKEN_HEADER = 'x-learning-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? ''), requestId: String(request.id) };
}

/**
 * Resolves the session cookie on every route that needs one, and enforces CSRF on cookie-authenticated writes:
 * the `x-csrf-token` header must equal the session's token (readable by our own pages through the yx_csrf cookie,
 * not by other sites), on top of SameSite=Lax cookies.
 */
export function authHook(services: Services) {
  return async (request: FastifyRequest) => {
    request.actor = null;
    request.session = null;
    const access = request.routeOptions.config?.access;
    if (access === 'optional') {
      // Reads that show more to a signed-in user (an author's own unpublished poster); a bad session means anonymous.
      const token = request.cookies[SESSION_COOKIE];
      if (!token || !SAFE_METHODS.has(request.method)) return;
      try {
        ({ actor: request.actor, session: request.session } = await services.auth.authenticate(token));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
      return;
    }
    if (access !== 'session') return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('AUTH_REQUIRED');
    if (request.routeOptions.config.learningToken) {
      const actor = learningTokenActor(services, request, token);
      if (actor) {
        request.actor = actor;
        return;
      }
    }
    const { actor, session } = await services.auth.authenticate(token);
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, session.csrfToken)) throw new AppError('CSRF_INVALID');
    }
    request.actor = actor;
    request.session = session;
  };
}

/**
 * A lesson's heartbeats, answers and end may carry the learning token `start` issued instead of being looked up in
 * SQL: valid, for this URL's session, signed for this request's cookie and not yet due for renewal. The cookie still
 * has to come with it (a token alone is nothing), and the token doubles as the CSRF proof: it is only ever handed to
 * our own page in a response body and travels in a custom header, which another site can neither read nor send. The
 * engine then refuses the call unless the lesson is still live under this sign-in (hot state). Anything else takes
 * the ordinary cookie path below, and the route hands out a fresh token.
 */
function learningTokenActor(services: Services, request: FastifyRequest, cookie: string): Actor | null {
  const header = request.headers[LEARNING_TOKEN_HEADER];
  const sessionId = (request.params as { id?: string } | undefined)?.id;
  if (typeof header !== 'string' || !sessionId) return null;
  const { check, loginSessionId } = services.learningTokens.checkRequest(header, cookie, sessionId);
  if (!check.ok || check.refresh) return null;
  // Only learners are issued tokens (starting a lesson needs `learning.learn`); the name and scope are not needed here.
  return {
    userId: check.userId,
    role: 'learner',
    name: '',
    regionCode: null,
    institutionId: null,
    sessionId: loginSessionId,
  };
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('AUTH_REQUIRED');
  return request.actor;
}

export function setSessionCookies(reply: FastifyReply, login: LoginResult, secure: boolean): void {
  const base = { path: '/', sameSite: 'lax' as const, secure };
  reply.setCookie(SESSION_COOKIE, login.token, { ...base, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, login.session.csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
