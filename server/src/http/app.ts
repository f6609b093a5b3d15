import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Redis } from 'ioredis';
import { RedisHotState } from '../adapters/hotstate.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { catalogRoutes } from '../modules/catalog/catalog.routes.js';
import { calendarRoutes } from '../modules/calendar/calendar.routes.js';
import { classRoutes } from '../modules/classes/classes.routes.js';
import { teacherRoutes } from '../modules/classes/teachers.routes.js';
import { enrolmentRoutes } from '../modules/classes/enrolment.routes.js';
import { attendanceRoutes } from '../modules/classes/attendance.routes.js';
import { learningRoutes } from '../modules/learning/learning.routes.js';
import { progressRoutes } from '../modules/classes/progress.routes.js';
import { learnerClassRoutes } from '../modules/classes/learner-classes.routes.js';
import { homeRoutes } from '../modules/home/home.routes.js';
import { authRoutes } from '../modules/identity/auth.routes.js';
import { invitationRoutes } from '../modules/identity/invitations.routes.js';
import { userRoutes } from '../modules/identity/users.routes.js';
import { institutionRoutes } from '../modules/institutions/institutions.routes.js';
import { trainingRoomRoutes } from '../modules/institutions/training-rooms.routes.js';
import { mediaRoutes } from '../modules/media/media.routes.js';
import { faceRoutes } from '../modules/faces/faces.routes.js';
import { alertRoutes } from '../modules/alerts/alerts.routes.js';
import { regionRoutes } from '../modules/regions/regions.routes.js';
import { statsRoutes } from '../modules/stats/stats.routes.js';
import { AppError, pickLocale } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { Services } from '../services.js';
import { authHook, SESSION_COOKIE } from './auth.js';
import { sha256 } from '../platform/crypto.js';
import { handleError } from './errors.js';
import { securityHeaders } from './security-headers.js';
import { HealthSchema } from './contract.js';
import { UserSchema } from './schemas.js';
import type { App } from './types.js';

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
    genReqId: (req) =>
      typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 64
        ? req.headers['x-request-id']
        : newId(),
    bodyLimit: 1024 * 1024,
    // Fastify's default Ajv strips unknown properties; we reject them instead (DESIGN.md principle 6).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    request.locale = pickLocale(request.headers['x-locale'] as string | undefined, request.headers['accept-language']);
    reply.header('x-request-id', request.id);
  });
  app.setErrorHandler(handleError);

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
    allowList: (request) => !request.url.startsWith('/api/'),
    // Signed-in clients are counted per session, so a classroom of learners behind one NAT address is not one client.
    keyGenerator: (request) => {
      const sid = request.cookies?.[SESSION_COOKIE];
      return sid ? `s:${sha256(sid).slice(0, 24)}` : `ip:${request.ip}`;
    },
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
      typed.get(
        '/health',
        { config: { access: 'public' }, schema: { tags: ['platform'], response: { 200: HealthSchema } } },
        async () => ({
          status: 'ok' as const,
          db: services.infra.dialect,
          version: options.version ?? '0.1.0',
        }),
      );
      authRoutes(typed, services, { secureCookies: options.secureCookies ?? false });
      userRoutes(typed, services);
      invitationRoutes(typed, services);
      institutionRoutes(typed, services);
      trainingRoomRoutes(typed, services);
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
