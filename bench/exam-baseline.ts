// The baseline for bench/exam.ts, run as its own process: bare Fastify with one JSON PUT route of the autosave's shape
// (the same path, parameters and body schema, validated by Ajv with the app's options) answering what an autosave
// answers, and no other work: no plugins, no authentication, no database.
import Fastify from 'fastify';
import { Type } from 'typebox';
import { StrictObject } from '../server/src/http/schemas.js';

const app = Fastify({
  logger: false,
  ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
});
app.get('/api/health', async () => ({ status: 'ok' }));
app.put<{ Params: { id: string; index: number }; Body: { answer: string[]; deviceId: string } }>(
  '/api/exam-attempts/:id/answers/:index',
  {
    schema: {
      params: StrictObject({
        id: Type.String({ minLength: 1, maxLength: 64 }),
        index: Type.Integer({ minimum: 0, maximum: 999 }),
      }),
      body: StrictObject({
        answer: Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 20 }),
        deviceId: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
      }),
    },
  },
  async (request) => ({
    index: request.params.index,
    savedAt: new Date().toISOString(),
    remainingMs: 3_600_000,
    faceCheck: null,
  }),
);
await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
