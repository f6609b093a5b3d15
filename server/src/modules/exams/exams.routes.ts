import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { Nullable, StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { decodeBase64Photo } from '../../platform/photo.js';
import type { Services } from '../../services.js';
import { examsResponses } from './exams.contract.js';

const tags = ['exams'];
const Id = Type.String({ minLength: 1, maxLength: 64 });
const DeviceId = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const Index = Type.Integer({ minimum: 0, maximum: 999 });
const Instant = Type.String({ format: 'date-time', maxLength: 40 });
const FRAME_BASE64_MAX = Math.ceil((512 * 1024) / 3) * 4 + 64;
const MAX_FRAMES = 8;

export function examRoutes(app: App, services: Services) {
  // Looked up per call: tests swap the services (a question source of their own).
  const exams = () => services.exams;
  const examAttempts = () => services.examAttempts;
  const grading = () => services.grading;
  const practical = () => services.practical;
  const session = { access: 'session' as const };

  // ---- setting exams (the institution) and following them (staff, regulators) ----
  app.post(
    '/classes/:classId/exams',
    {
      config: session,
      schema: {
        tags,
        summary: 'Sets an exam of the class on a paper of the question banks (kind from the paper)',
        params: StrictObject({ classId: Id }),
        body: StrictObject({
          paperId: Id,
          title: Type.String({ minLength: 1, maxLength: 100 }),
          windowStart: Instant,
          windowEnd: Instant,
          timeLimitMinutes: Nullable(Type.Integer({ minimum: 1, maximum: 600 })),
          maxAttempts: Nullable(Type.Integer({ minimum: 1, maximum: 20 })),
          passMark: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          counts: Type.Optional(Type.Union([Type.Literal('best'), Type.Literal('last')])),
        }),
        response: examsResponses['POST /classes/:classId/exams'],
      },
    },
    async (request, reply) => {
      reply.code(201);
      return exams().create(requireActor(request), request.params.classId, request.body, requestMeta(request));
    },
  );
  app.get(
    '/classes/:classId/exams',
    {
      config: session,
      schema: {
        tags,
        summary: "The class's exams (a learner sees their own attempts with them)",
        params: StrictObject({ classId: Id }),
        response: examsResponses['GET /classes/:classId/exams'],
      },
    },
    async (request) => ({ items: await exams().list(requireActor(request), request.params.classId) }),
  );
  app.get(
    '/exams/:id/attempts',
    {
      config: session,
      schema: {
        tags,
        summary: 'Every attempt of an exam (staff of the institution, regulators of the region)',
        params: StrictObject({ id: Id }),
        response: examsResponses['GET /exams/:id/attempts'],
      },
    },
    async (request) => ({ items: await exams().attempts(requireActor(request), request.params.id) }),
  );

  // ---- taking an exam (the learner) ----
  app.post(
    '/exams/:id/attempts',
    {
      config: session,
      schema: {
        tags,
        summary: 'Starts an attempt, or resumes the running one with the time left',
        params: StrictObject({ id: Id }),
        body: StrictObject({ deviceId: DeviceId }),
        response: examsResponses['POST /exams/:id/attempts'],
      },
    },
    async (request) =>
      examAttempts().start(requireActor(request), request.params.id, request.body, requestMeta(request)),
  );
  app.get(
    '/exam-attempts/:id',
    {
      config: session,
      schema: {
        tags,
        summary: 'The attempt as it stands on the server: paper, saved answers, time left, face check due',
        params: StrictObject({ id: Id }),
        response: examsResponses['GET /exam-attempts/:id'],
      },
    },
    async (request) => examAttempts().get(requireActor(request), request.params.id),
  );
  app.put(
    '/exam-attempts/:id/answers/:index',
    {
      config: session,
      schema: {
        tags,
        summary: 'Saves one answer (refused after the deadline by the server clock)',
        params: StrictObject({ id: Id, index: Index }),
        body: StrictObject({
          answer: Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 20 }),
          deviceId: DeviceId,
        }),
        response: examsResponses['PUT /exam-attempts/:id/answers/:index'],
      },
    },
    async (request) =>
      examAttempts().save(requireActor(request), request.params.id, { index: request.params.index, ...request.body }),
  );
  app.post(
    '/exam-attempts/:id/events',
    {
      config: session,
      schema: {
        tags,
        summary: 'Reports focus lost or the page hidden (counted; warned, then submitted at the limit)',
        params: StrictObject({ id: Id }),
        body: StrictObject({
          kind: Type.Union([Type.Literal('focus_lost'), Type.Literal('hidden')]),
          durationMs: Nullable(Type.Integer({ minimum: 0, maximum: 86_400_000 })),
          deviceId: DeviceId,
        }),
        response: examsResponses['POST /exam-attempts/:id/events'],
      },
    },
    async (request) => examAttempts().report(requireActor(request), request.params.id, request.body),
  );
  app.post(
    '/exam-attempts/:id/face',
    {
      bodyLimit: FRAME_BASE64_MAX * MAX_FRAMES + 4096,
      config: session,
      schema: {
        tags,
        summary: 'Answers the face check due (at the start it starts the clock)',
        params: StrictObject({ id: Id }),
        body: StrictObject({
          frames: Type.Array(Type.String({ maxLength: FRAME_BASE64_MAX }), { minItems: 1, maxItems: MAX_FRAMES }),
          deviceId: DeviceId,
        }),
        response: examsResponses['POST /exam-attempts/:id/face'],
      },
    },
    async (request) =>
      examAttempts().answerFace(requireActor(request), request.params.id, {
        frames: request.body.frames.map((f) => decodeBase64Photo(f) ?? Buffer.alloc(0)),
        deviceId: request.body.deviceId,
      }),
  );
  app.post(
    '/exam-attempts/:id/submit',
    {
      config: session,
      schema: {
        tags,
        summary: 'Submits the attempt (what was saved by the deadline counts)',
        params: StrictObject({ id: Id }),
        body: StrictObject({ deviceId: DeviceId }),
        response: examsResponses['POST /exam-attempts/:id/submit'],
      },
    },
    async (request) => examAttempts().submit(requireActor(request), request.params.id, request.body),
  );
  app.get(
    '/exam-attempts/:id/review',
    {
      config: session,
      schema: {
        tags,
        summary: 'The submitted paper with the correct answers and explanations',
        params: StrictObject({ id: Id }),
        response: examsResponses['GET /exam-attempts/:id/review'],
      },
    },
    async (request) => examAttempts().review(requireActor(request), request.params.id),
  );
  app.get(
    '/exam-attempts/:id/practice/:index',
    {
      config: session,
      schema: {
        tags,
        summary: 'Practice only: the answer and explanation of a question just answered',
        params: StrictObject({ id: Id, index: Index }),
        response: examsResponses['GET /exam-attempts/:id/practice/:index'],
      },
    },
    async (request) => examAttempts().practiceFeedback(requireActor(request), request.params.id, request.params.index),
  );

  // ---- grading (teachers) ----
  app.get(
    '/exams/:id/grading',
    {
      config: session,
      schema: {
        tags,
        summary: 'Answers waiting for a teacher, with the rubric',
        params: StrictObject({ id: Id }),
        response: examsResponses['GET /exams/:id/grading'],
      },
    },
    async (request) => ({ items: await grading().queue(requireActor(request), request.params.id) }),
  );
  app.post(
    '/exam-attempts/:id/answers/:index/grade',
    {
      config: session,
      schema: {
        tags,
        summary: 'Grades one answer (one decision per answer; audited)',
        params: StrictObject({ id: Id, index: Index }),
        body: StrictObject({ score: Type.Number({ minimum: 0, maximum: 1000 }) }),
        response: examsResponses['POST /exam-attempts/:id/answers/:index/grade'],
      },
    },
    async (request) =>
      grading().decide(
        requireActor(request),
        request.params.id,
        request.params.index,
        request.body,
        requestMeta(request),
      ),
  );

  // ---- practical skills assessment ----
  app.put(
    '/classes/:classId/practical-items',
    {
      config: session,
      schema: {
        tags,
        summary: 'Sets the items of the practical assessment (before any score is entered)',
        params: StrictObject({ classId: Id }),
        body: StrictObject({
          items: Type.Array(
            StrictObject({
              title: Type.String({ minLength: 1, maxLength: 100 }),
              maxScore: Type.Integer({ minimum: 1, maximum: 100 }),
            }),
            { minItems: 1, maxItems: 30 },
          ),
        }),
        response: examsResponses['PUT /classes/:classId/practical-items'],
      },
    },
    async (request) => ({
      items: await practical().setItems(
        requireActor(request),
        request.params.classId,
        request.body.items,
        requestMeta(request),
      ),
    }),
  );
  app.post(
    '/classes/:classId/practical-scores',
    {
      config: session,
      schema: {
        tags,
        summary: "The assessor enters a learner's score for one item with evidence (media ids)",
        params: StrictObject({ classId: Id }),
        body: StrictObject({
          learnerId: Id,
          itemId: Id,
          score: Type.Number({ minimum: 0, maximum: 100 }),
          evidenceMediaIds: Type.Array(Id, { maxItems: 10 }),
        }),
        response: examsResponses['POST /classes/:classId/practical-scores'],
      },
    },
    async (request) =>
      practical().enterScore(requireActor(request), request.params.classId, request.body, requestMeta(request)),
  );
  app.get(
    '/classes/:classId/assessment',
    {
      config: session,
      schema: {
        tags,
        summary: 'Theory, practical and the outcome per learner (passed only when both reach the pass mark)',
        params: StrictObject({ classId: Id }),
        response: examsResponses['GET /classes/:classId/assessment'],
      },
    },
    async (request) => practical().classAssessment(requireActor(request), request.params.classId),
  );
}
