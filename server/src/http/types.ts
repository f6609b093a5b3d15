import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Actor } from '../platform/context.js';
import type { Locale } from '../platform/errors.js';
import type { SessionInfo } from '../modules/identity/index.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Per-route access: `public` needs no session, `session` needs one (any role). */
/** public: no session looked at; optional: the session is used when valid and ignored otherwise (GET only); session: required. */
export type RouteAccess = 'public' | 'optional' | 'session';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    actor: Actor | null;
    session: SessionInfo | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * A `session` route of one learning session (`:id`) that also accepts the session's learning token in
     * `x-learning-token` instead of the session lookup (modules/learning/learning-token.ts).
     */
    learningToken?: boolean;
  }
}
