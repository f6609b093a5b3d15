import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import { RedisHotState } from '../adapters/hotstate.js';
import { auditRoutes } from '../modules/audit/index.js';
import { catalogRoutes } from '../modules/catalog/index.js';
import { calendarRoutes } from '../modules/calendar/index.js';
import { certificateRoutes } from '../modules/certificates/index.js';
import { classRoutes } from '../modules/classes/index.js';
import { teacherRoutes } from '../modules/teachers/index.js';
import { enrolmentRoutes, learnerClassRoutes } from '../modules/enrolment/index.js';
import { attendanceRoutes } from '../modules/attendance/index.js';
import { learningRoutes } from '../modules/learning/index.js';
import { progressRoutes } from '../modules/class-progress/index.js';
import { homeRoutes } from '../modules/home/index.js';
import { authRoutes, invitationRoutes, userRoutes } from '../modules/identity/index.js';
import { creditRoutes, institutionRoutes, trainingRoomRoutes } from '../modules/institutions/index.js';
import { mediaRoutes } from '../modules/media/index.js';
import { faceRoutes } from '../modules/faces/index.js';
import { alertRoutes } from '../modules/alerts/index.js';
import { regionRoutes } from '../modules/regions/index.js';
import { statsRoutes } from '../modules/stats/index.js';
import { examRoutes } from '../modules/exams/index.js';
import { questionBankRoutes } from '../modules/question-banks/index.js';
import { recoveryRoutes, subsidyRoutes } from '../modules/subsidies/index.js';
import { sealRoutes } from '../modules/seal/index.js';
import { AppError, pickLocale } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { Services } from '../services.js';
import { authHook } from './auth.js';
import { handleError } from './errors.js';
import { securityHeaders } from './security-headers.js';
import { HealthSchema } from './contract.js';
import { requestValidatorCompiler } from './validation.js';
import { UserSchema } from './schemas.js';
import type { App } from './types.js';

/** Request ids accepted from callers: letters, digits and `._:-`, at most 64 characters (a UUID, a trace id). */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export type HttpOptions = {
  logger?: FastifyServerOptions['logger'];
  trustProxy?: boolean;
  secureCookies?: boolean;
  /** Folder with the built web app (index.html); served with SPA fallback when present. */
  webDist?: string;
  rateLimitPerMinute?: number;
  version?: string;
};

export async function buildHttpApp(services: Services, options: HttpOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    // A caller's request id is kept (it ties our logs and audit entries to theirs) only when it is a plain token;
    // anything else — spaces, quotes, control characters, markup — gets an id of our own.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : newId();
    },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Unknown properties rejected (Fastify's default strips them), no coercion of bodies, bounded integers, no control
  // characters in text (http/validation.ts).
  app.setValidatorCompiler(requestValidatorCompiler(() => app.getSchemas()));

  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    request.locale = pickLocale(request.headers['x-locale'] as string | undefined, request.headers['accept-language']);
    reply.header('x-request-id', request.id);
  });
  app.setErrorHandler(handleError);
  // API answers are about someone (a session, a learner, a class) and must not be kept by browsers or proxies: every
  // /api answer is `no-store` unless its route chose a caching rule itself (media files: `private, max-age`).
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  // What @fastify/helmet sends with these options, worked out once: the plugin rebuilds helmet on every request.
  const headers = await securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    },
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(fastifyCookie);
  const hot = services.infra.hot;
  await app.register(fastifyRateLimit, {
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: '1 minute',
    // The API is what needs protecting; the web app's static files (a page load fetches dozens) are not counted.
    // The health probe is not counted either, so it can still report while the shared counters (Redis) are away.
    allowList: (request) => !request.url.startsWith('/api/') || request.url === '/api/health',
    // Signed-in clients are counted per session, so a classroom of learners behind one NAT address is not one client.
    // Only a session the auth hook has verified counts as one (that hook runs before this route-level one): any other
    // cookie value — unknown, ended, made up afresh for every request — is counted as its address.
    keyGenerator: (request) => (request.actor?.sessionId ? `s:${request.actor.sessionId}` : `ip:${request.ip}`),
    // With several API nodes the limit must be shared, so it lives in Redis when Redis is configured.
    ...(hot instanceof RedisHotState ? { redis: hot.redis, nameSpace: 'yx:rl:' } : {}),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Yunxue API',
        description: '云学 — supervised online vocational skills training',
        version: options.version ?? '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yx_sid' } } },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.addSchema(UserSchema);

  app.addHook('onRequest', authHook(services));

  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<TypeBoxTypeProvider>();
      // Reports whether the stores answer: 200 when the database does, 503 when it does not (a load balancer then
      // sends traffic elsewhere); Redis away is 'degraded' (security-relevant calls fail closed meanwhile).
      typed.get(
        '/health',
        {
          config: { access: 'public' },
          schema: { tags: ['platform'], response: { 200: HealthSchema, 503: HealthSchema } },
        },
        async (_request, reply) => {
          const [database, hotState] = await Promise.all([
            probe(sql`select 1`.execute(services.infra.db).then(() => true)),
            probe(services.infra.hot.ping()),
          ]);
          const status = !database ? 'unavailable' : !hotState ? 'degraded' : 'ok';
          return reply.status(database ? 200 : 503).send({
            status,
            db: services.infra.dialect,
            database: database ? 'up' : 'down',
            hotState: { kind: services.infra.hot.kind, state: hotState ? 'up' : 'down' },
            version: options.version ?? '0.1.0',
          });
        },
      );
      authRoutes(typed, services, { secureCookies: options.secureCookies ?? false });
      userRoutes(typed, services);
      invitationRoutes(typed, services);
      institutionRoutes(typed, services);
      trainingRoomRoutes(typed, services);
      creditRoutes(typed, services);
      regionRoutes(typed, services);
      auditRoutes(typed, services);
      homeRoutes(typed, services);
      catalogRoutes(typed, services);
      calendarRoutes(typed, services);
      classRoutes(typed, services);
      teacherRoutes(typed, services);
      enrolmentRoutes(typed, services);
      attendanceRoutes(typed, services);
      learningRoutes(typed, services);
      progressRoutes(typed, services);
      learnerClassRoutes(typed, services);
      mediaRoutes(typed, services);
      faceRoutes(typed, services);
      alertRoutes(typed, services);
      statsRoutes(typed, services);
      examRoutes(typed, services);
      certificateRoutes(typed, services);
      questionBankRoutes(typed, services);
      subsidyRoutes(typed, services);
      recoveryRoutes(typed, services);
      sealRoutes(typed, services);
    },
    { prefix: '/api' },
  );

  const hasWeb = !!options.webDist && existsSync(path.join(options.webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: options.webDist!, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (/login, /users/…) all load the single page; unknown API paths get a coded 404.
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/docs')) {
      return reply.sendFile('index.html');
    }
    return handleError(new AppError('NOT_FOUND'), request, reply);
  });
  return app;
}

/** True when the check answers true within two seconds; false when it fails or takes longer. */
async function probe(check: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 2000)));
  try {
    return await Promise.race([check.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
