// The baseline for bench/heartbeat.ts, run as its own process: bare Fastify with one JSON POST route whose body
// schema has the heartbeat's shape, validated by Ajv with the same options as the real app, and no other work.
import Fastify from 'fastify';
import { Type } from 'typebox';
import { StrictObject } from '../server/src/http/schemas.js';

const Beat = StrictObject({
  seq: Type.Integer({ minimum: 1, maximum: 10_000_000 }), positionMs: Type.Integer({ minimum: 0, maximum: 86_400_000 }),
  playing: Type.Boolean(), rate: Type.Number({ minimum: 0.0625, maximum: 16 }), visible: Type.Boolean(), focused: Type.Boolean(),
  clientTimeMs: Type.Integer({ minimum: 0, maximum: 10_000_000_000_000 }),
});
type Body = { beats: { seq: number }[] };

const app = Fastify({ logger: false, ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } } });
app.get('/api/health', async () => ({ status: 'ok' }));
app.post<{ Params: { id: string }; Body: Body }>('/api/learning/sessions/:id/heartbeats', {
  schema: { params: StrictObject({ id: Type.String({ minLength: 1, maxLength: 64 }) }), body: StrictObject({ beats: Type.Array(Beat, { minItems: 1, maxItems: 30 }) }) },
}, async (request) => ({
  sessionId: request.params.id,
  results: request.body.beats.map((b) => ({ seq: b.seq, accepted: true, creditedMs: 0, heldMs: 0, reason: null })),
}));
await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
