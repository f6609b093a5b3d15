// The baseline for bench/heartbeat.ts, run as its own process: bare Fastify with one JSON POST route whose body
// schema has the heartbeat's shape, validated by Ajv with the same options as the real app, and no other work.
// BASELINE_PLUGINS=1 adds what the app puts around every API request — request ids, locale, the security headers,
// cookies and the rate limit — still with no authentication and no learning engine (bench/heartbeat.ts --plugins).
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import { Type } from 'typebox';
import { securityHeaders } from '../server/src/http/security-headers.js';
import { StrictObject } from '../server/src/http/schemas.js';
import { sha256 } from '../server/src/platform/crypto.js';
import { pickLocale } from '../server/src/platform/errors.js';
import { newId } from '../server/src/platform/ids.js';

const Beat = StrictObject({
  seq: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
  positionMs: Type.Integer({ minimum: 0, maximum: 86_400_000 }),
  playing: Type.Boolean(),
  rate: Type.Number({ minimum: 0.0625, maximum: 16 }),
  visible: Type.Boolean(),
  focused: Type.Boolean(),
  clientTimeMs: Type.Integer({ minimum: 0, maximum: 10_000_000_000_000 }),
});
type Body = { beats: { seq: number }[] };

const plugins = process.env.BASELINE_PLUGINS === '1';
const app = Fastify({
  logger: false,
  ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  ...(plugins ? { genReqId: () => newId() } : {}),
});
if (plugins) {
  // As server/src/http/app.ts does it (same options, the limit raised as the bench raises the app's).
  app.addHook('onRequest', async (request, reply) => {
    pickLocale(request.headers['x-locale'] as string | undefined, request.headers['accept-language']);
    reply.header('x-request-id', request.id);
  });
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
  await app.register(fastifyRateLimit, {
    max: 1_000_000_000,
    timeWindow: '1 minute',
    allowList: (request) => !request.url.startsWith('/api/'),
    keyGenerator: (request) => {
      const sid = request.cookies?.yx_sid;
      return sid ? `s:${sha256(sid).slice(0, 24)}` : `ip:${request.ip}`;
    },
  });
}
app.get('/api/health', async () => ({ status: 'ok' }));
app.post<{ Params: { id: string }; Body: Body }>(
  '/api/learning/sessions/:id/heartbeats',
  {
    schema: {
      params: StrictObject({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
      body: StrictObject({ beats: Type.Array(Beat, { minItems: 1, maxItems: 30 }) }),
    },
  },
  async (request) => ({
    sessionId: request.params.id,
    results: request.body.beats.map((b) => ({ seq: b.seq, accepted: true, creditedMs: 0, heldMs: 0, reason: null })),
  }),
);
await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
