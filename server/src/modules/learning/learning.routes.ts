import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { requestMeta, requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Actor } from '../../platform/context.js';
import { decodeBase64Photo } from '../../platform/photo.js';
import type { Services } from '../../services.js';
import { learningResponses } from './learning.contract.js';

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

// The face photo travels as base64 JPEG; 2 MB decoded at most. Frames of a head-turn check are camera stills the
// player scales to 720 px (≈ 60–120 kB each): 512 kB decoded at most, up to 8 of them.
const PHOTO_BASE64_MAX = Math.ceil((2 * 1024 * 1024) / 3) * 4 + 64;
const FRAME_BASE64_MAX = Math.ceil((512 * 1024) / 3) * 4 + 64;
const MAX_FRAMES = 8;
// Text that is not base64 reaches the face check as no image at all, which refuses it as photo_invalid.
const decodePhoto = (text: string) => decodeBase64Photo(text) ?? Buffer.alloc(0);

export function learningRoutes(app: App, services: Services) {
  const session = { access: 'session' as const };
  // The calls of one running lesson: they accept its learning token (x-learning-token) instead of the session lookup.
  const live = { access: 'session' as const, learningToken: true };
  const { learningRecords, learningTokens } = services;
  const token = (actor: Actor, sessionId: string) =>
    learningTokens.issue(actor.sessionId, { userId: actor.userId, sessionId });
  // A call that came with the cookie alone (no token, or one due for renewal) is answered with a fresh token.
  const renewed = <T extends { sessionId: string; ended: boolean }>(
    request: FastifyRequest,
    view: T,
  ): T & { learningToken?: string } =>
    request.session && !view.ended ? { ...view, learningToken: token(request.actor!, view.sessionId) } : view;
  // Looked up per request so a test can swap in an engine with a fake face verifier.
  const learning = () => services.learning;

  app.post(
    '/learning/sessions',
    {
      config: session,
      schema: {
        tags,
        summary:
          'Starts a lesson: checks enrolment, class period and lesson order; ends any other lesson of this learner',
        body: StrictObject({
          classId: Id,
          lessonId: Id,
          positionMs: Type.Optional(Type.Integer({ minimum: 0, maximum: DAY_MS })),
          deviceId: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
          clientTimeMs: Type.Integer({ minimum: 0, maximum: 10_000_000_000_000 }),
          webdriver: Type.Optional(
            Type.Boolean({ description: 'navigator.webdriver as the player read it (early warning)' }),
          ),
        }),
        response: learningResponses['POST /learning/sessions'],
      },
    },
    async (request, reply) => {
      reply.code(201);
      const actor = requireActor(request);
      const started = await learning().start(actor, request.body, requestMeta(request));
      return { session: { ...started, learningToken: token(actor, started.sessionId) } };
    },
  );

  app.post(
    '/learning/sessions/:id/heartbeats',
    {
      config: live,
      schema: {
        tags,
        summary: 'Reports playback; buffered reports may be sent together, in order',
        params: StrictObject({ id: Id }),
        body: StrictObject({ beats: Type.Array(BeatSchema, { minItems: 1, maxItems: 30 }) }),
        response: learningResponses['POST /learning/sessions/:id/heartbeats'],
      },
    },
    async (request) =>
      renewed(request, await learning().heartbeat(requireActor(request), request.params.id, request.body.beats)),
  );

  app.post(
    '/learning/sessions/:id/checks/retry',
    {
      config: live,
      schema: {
        tags,
        summary: 'Asks for a new check after a failed one',
        params: StrictObject({ id: Id }),
        response: learningResponses['POST /learning/sessions/:id/checks/retry'],
      },
    },
    async (request) => renewed(request, await learning().retryCheck(requireActor(request), request.params.id)),
  );

  app.post(
    '/learning/sessions/:id/checks/final',
    {
      config: live,
      schema: {
        tags,
        summary: 'Asks for a final check before leaving, so the time held since the last passed check can count',
        params: StrictObject({ id: Id }),
        response: learningResponses['POST /learning/sessions/:id/checks/final'],
      },
    },
    async (request) => renewed(request, await learning().finalCheck(requireActor(request), request.params.id)),
  );

  app.post(
    '/learning/sessions/:id/checks/:checkId',
    {
      bodyLimit: Math.max(PHOTO_BASE64_MAX, FRAME_BASE64_MAX * MAX_FRAMES) + 4096,
      config: live,
      schema: {
        tags,
        summary:
          'Answers the outstanding check: the displayed code, or for a face check a live photo or the frames filmed while the head turned as asked',
        params: StrictObject({ id: Id, checkId: Id }),
        body: StrictObject({
          code: Type.Optional(Type.String({ maxLength: 8 })),
          photo: Type.Optional(Type.String({ maxLength: PHOTO_BASE64_MAX })),
          frames: Type.Optional(
            Type.Array(Type.String({ maxLength: FRAME_BASE64_MAX }), {
              minItems: 1,
              maxItems: MAX_FRAMES,
              description: 'JPEG frames (base64) in the order filmed',
            }),
          ),
        }),
        response: learningResponses['POST /learning/sessions/:id/checks/:checkId'],
      },
    },
    async (request) => {
      const { code, photo, frames } = request.body;
      return renewed(
        request,
        await learning().answer(requireActor(request), request.params.id, request.params.checkId, {
          code,
          photo: photo ? decodePhoto(photo) : undefined,
          frames: frames?.map(decodePhoto),
        }),
      );
    },
  );

  app.post(
    '/learning/sessions/:id/end',
    {
      config: live,
      schema: {
        tags,
        summary: 'Ends the lesson (closing the player)',
        params: StrictObject({ id: Id }),
        response: learningResponses['POST /learning/sessions/:id/end'],
      },
    },
    async (request) => learning().end(requireActor(request), request.params.id),
  );

  app.get(
    '/learning/classes/:classId/progress',
    {
      config: session,
      schema: {
        tags,
        summary: "The signed-in learner's progress per lesson of a class",
        params: StrictObject({ classId: Id }),
        response: learningResponses['GET /learning/classes/:classId/progress'],
      },
    },
    async (request) => ({ items: await learningRecords.progress(requireActor(request), request.params.classId) }),
  );

  app.get(
    '/learning/classes/:classId/sessions',
    {
      config: session,
      schema: {
        tags,
        summary: "The signed-in learner's learning sessions in a class",
        params: StrictObject({ classId: Id }),
        response: learningResponses['GET /learning/classes/:classId/sessions'],
      },
    },
    async (request) => ({ items: await learningRecords.sessions(requireActor(request), request.params.classId) }),
  );

  app.get(
    '/classes/:classId/learners/:userId/learning',
    {
      config: session,
      schema: {
        tags,
        summary: "A learner's progress and sessions, for institution staff and regulators in scope",
        params: StrictObject({ classId: Id, userId: Id }),
        response: learningResponses['GET /classes/:classId/learners/:userId/learning'],
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { classId, userId } = request.params;
      return {
        progress: await learningRecords.progress(actor, classId, userId),
        sessions: await learningRecords.sessions(actor, classId, userId),
      };
    },
  );

  app.get(
    '/learning/sessions/:id/records',
    {
      config: session,
      schema: {
        tags,
        summary: 'The evidence of one session, in chain order',
        params: StrictObject({ id: Id }),
        response: learningResponses['GET /learning/sessions/:id/records'],
      },
    },
    async (request) => ({ items: await learningRecords.records(requireActor(request), request.params.id) }),
  );

  // Learning suspended after too many missed face checks (policy faceCheck.maxMissesPerClass), and lifting it.
  app.get(
    '/classes/:classId/learning-suspensions',
    {
      config: session,
      schema: {
        tags,
        summary: 'Learners of a class whose online learning is suspended after missed face checks',
        params: StrictObject({ classId: Id }),
        response: learningResponses['GET /classes/:classId/learning-suspensions'],
      },
    },
    async (request) => ({
      items: await services.learningSuspensions.list(requireActor(request), request.params.classId),
    }),
  );

  app.post(
    '/classes/:classId/learners/:userId/learning-suspension/lift',
    {
      config: session,
      schema: {
        tags,
        summary:
          "The institution lifts a learner's suspension after looking into it (audited); the count of misses starts again",
        params: StrictObject({ classId: Id, userId: Id }),
        body: StrictObject({ note: Type.String({ minLength: 2, maxLength: 500 }) }),
        response: learningResponses['POST /classes/:classId/learners/:userId/learning-suspension/lift'],
      },
    },
    async (request) => {
      const { classId, userId } = request.params;
      await services.learningSuspensions.lift(
        requireActor(request),
        classId,
        userId,
        request.body.note.trim(),
        requestMeta(request),
      );
      return { ok: true };
    },
  );
}
