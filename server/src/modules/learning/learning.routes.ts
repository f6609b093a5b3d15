import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';

const tags = ['learning'];
const Id = Type.String({ minLength: 1, maxLength: 64 });
const DAY_MS = 24 * 3_600_000;

const BeatSchema = StrictObject({
  seq: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
  positionMs: Type.Integer({ minimum: 0, maximum: DAY_MS }),
  playing: Type.Boolean(),
  rate: Type.Number({ minimum: 0.0625, maximum: 16 }),
  visible: Type.Boolean(),
  focused: Type.Boolean(),
  clientTimeMs: Type.Integer({ minimum: 0, maximum: 10_000_000_000_000 }),
});

// The face photo travels as base64 JPEG; 2 MB decoded at most.
const PHOTO_BASE64_MAX = Math.ceil((2 * 1024 * 1024) / 3) * 4 + 64;

export function learningRoutes(app: App, services: Services) {
  const session = { access: 'session' as const };
  const { learningRecords } = services;
  // Looked up per request so a test can swap in an engine with a fake face verifier.
  const learning = () => services.learning;

  app.post('/learning/sessions', {
    config: session,
    schema: {
      tags, summary: 'Starts a lesson: checks enrolment, class period and lesson order; ends any other lesson of this learner',
      body: StrictObject({
        classId: Id, lessonId: Id,
        positionMs: Type.Optional(Type.Integer({ minimum: 0, maximum: DAY_MS })),
        deviceId: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
        clientTimeMs: Type.Integer({ minimum: 0, maximum: 10_000_000_000_000 }),
      }),
    },
  }, async (request, reply) => {
    reply.code(201);
    return { session: await learning().start(requireActor(request), request.body, requestMeta(request)) };
  });

  app.post('/learning/sessions/:id/heartbeats', {
    config: session,
    schema: { tags, summary: 'Reports playback; buffered reports may be sent together, in order', params: StrictObject({ id: Id }), body: StrictObject({ beats: Type.Array(BeatSchema, { minItems: 1, maxItems: 30 }) }) },
  }, async (request) => learning().heartbeat(requireActor(request), request.params.id, request.body.beats));

  app.post('/learning/sessions/:id/checks/retry', {
    config: session, schema: { tags, summary: 'Asks for a new check after a failed one', params: StrictObject({ id: Id }) },
  }, async (request) => learning().retryCheck(requireActor(request), request.params.id));

  app.post('/learning/sessions/:id/checks/:checkId', {
    bodyLimit: PHOTO_BASE64_MAX + 4096,
    config: session,
    schema: {
      tags, summary: 'Answers the outstanding check: the displayed code, or a live photo for a face check',
      params: StrictObject({ id: Id, checkId: Id }),
      body: StrictObject({ code: Type.Optional(Type.String({ maxLength: 8 })), photo: Type.Optional(Type.String({ maxLength: PHOTO_BASE64_MAX })) }),
    },
  }, async (request) => {
    const { code, photo } = request.body;
    const bytes = photo ? Buffer.from(photo.replace(/^data:image\/\w+;base64,/, ''), 'base64') : undefined;
    return learning().answer(requireActor(request), request.params.id, request.params.checkId, { code, photo: bytes });
  });

  app.post('/learning/sessions/:id/end', {
    config: session, schema: { tags, summary: 'Ends the lesson (closing the player)', params: StrictObject({ id: Id }) },
  }, async (request) => learning().end(requireActor(request), request.params.id));

  app.get('/learning/classes/:classId/progress', {
    config: session, schema: { tags, summary: 'The signed-in learner\'s progress per lesson of a class', params: StrictObject({ classId: Id }) },
  }, async (request) => ({ items: await learningRecords.progress(requireActor(request), request.params.classId) }));

  app.get('/learning/classes/:classId/sessions', {
    config: session, schema: { tags, summary: 'The signed-in learner\'s learning sessions in a class', params: StrictObject({ classId: Id }) },
  }, async (request) => ({ items: await learningRecords.sessions(requireActor(request), request.params.classId) }));

  app.get('/classes/:classId/learners/:userId/learning', {
    config: session, schema: { tags, summary: 'A learner\'s progress and sessions, for institution staff and regulators in scope', params: StrictObject({ classId: Id, userId: Id }) },
  }, async (request) => {
    const actor = requireActor(request);
    const { classId, userId } = request.params;
    return { progress: await learningRecords.progress(actor, classId, userId), sessions: await learningRecords.sessions(actor, classId, userId) };
  });

  app.get('/learning/sessions/:id/records', {
    config: session, schema: { tags, summary: 'The evidence of one session, in chain order', params: StrictObject({ id: Id }) },
  }, async (request) => ({ items: await learningRecords.records(requireActor(request), request.params.id) }));
}
