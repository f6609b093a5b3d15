import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { FACE_PHOTO_MAX_BYTES, readFacePhoto } from './face-evidence.js';
import { facesResponses } from './faces.contract.js';

const tags = ['faces'];
const Id = Type.String({ minLength: 1, maxLength: 64 });
// The photo travels as base64 in the JSON body: 4/3 of its bytes plus room for a data: URL prefix; the decoded size
// is checked by the service.
const PHOTO_BASE64_MAX = Math.ceil(FACE_PHOTO_MAX_BYTES / 3) * 4 + 64;
const Photo = Type.String({
  minLength: 1,
  maxLength: PHOTO_BASE64_MAX,
  description: 'Base64 JPEG or PNG (a data: URL is accepted), at most 2 MB',
});
const bodyLimit = PHOTO_BASE64_MAX + 4096;

export function faceRoutes(app: App, services: Services) {
  const session = { access: 'session' as const };
  const faces = () => services.faces;

  app.get(
    '/faces/enrolment',
    {
      config: session,
      schema: {
        tags,
        summary: 'The signed-in learner’s face enrolment status (never the face data itself)',
        response: facesResponses['GET /faces/enrolment'],
      },
    },
    async (request) => ({ enrolment: await faces().mine(requireActor(request)) }),
  );

  app.post(
    '/faces/enrolment',
    {
      bodyLimit,
      config: session,
      schema: {
        tags,
        summary: 'Enrol the signed-in learner’s face from a live photo (first time only; quality checked)',
        body: StrictObject({ photo: Photo }),
        response: facesResponses['POST /faces/enrolment'],
      },
    },
    async (request, reply) => {
      const enrolment = await faces().enrol(
        requireActor(request),
        await readFacePhoto(request.body.photo),
        requestMeta(request),
      );
      reply.code(201);
      return { enrolment };
    },
  );

  app.post(
    '/faces/re-enrolment',
    {
      bodyLimit,
      config: session,
      schema: {
        tags,
        summary: 'Ask the institution to replace the enrolled face with a new live photo',
        body: StrictObject({ photo: Photo, reason: Type.String({ minLength: 2, maxLength: 500 }) }),
        response: facesResponses['POST /faces/re-enrolment'],
      },
    },
    async (request, reply) => {
      const enrolment = await faces().requestReenrolment(
        requireActor(request),
        await readFacePhoto(request.body.photo),
        request.body.reason,
        requestMeta(request),
      );
      reply.code(201);
      return { enrolment };
    },
  );

  app.get(
    '/faces/re-enrolments',
    {
      config: session,
      schema: {
        tags,
        summary: 'Re-enrolment requests of the learners in scope (institution, region subtree, platform)',
        querystring: StrictObject({
          status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('decided')], { default: 'pending' })),
        }),
        response: facesResponses['GET /faces/re-enrolments'],
      },
    },
    async (request) => ({ requests: await faces().requests(requireActor(request), request.query.status ?? 'pending') }),
  );

  const Decision = StrictObject({ note: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) });
  app.post(
    '/faces/re-enrolments/:id/approve',
    {
      config: session,
      schema: {
        tags,
        summary: 'Approve a re-enrolment: the new face replaces the enrolled one (audited)',
        params: StrictObject({ id: Id }),
        body: Decision,
        response: facesResponses['POST /faces/re-enrolments/:id/approve'],
      },
    },
    async (request) => ({
      faces: await faces().decide(
        requireActor(request),
        request.params.id,
        'approve',
        request.body.note ?? null,
        requestMeta(request),
      ),
    }),
  );

  app.post(
    '/faces/re-enrolments/:id/reject',
    {
      config: session,
      schema: {
        tags,
        summary: 'Reject a re-enrolment with a reason (audited)',
        params: StrictObject({ id: Id }),
        body: StrictObject({ note: Type.String({ minLength: 2, maxLength: 500 }) }),
        response: facesResponses['POST /faces/re-enrolments/:id/reject'],
      },
    },
    async (request) => ({
      faces: await faces().decide(
        requireActor(request),
        request.params.id,
        'reject',
        request.body.note,
        requestMeta(request),
      ),
    }),
  );

  app.get(
    '/faces/users/:userId',
    {
      config: session,
      schema: {
        tags,
        summary: 'A learner’s enrolled faces as staff see them: quality and distances',
        params: StrictObject({ userId: Id }),
        response: facesResponses['GET /faces/users/:userId'],
      },
    },
    async (request) => ({ faces: await faces().learnerFaces(requireActor(request), request.params.userId) }),
  );

  app.post(
    '/faces/users/:userId/id-photo',
    {
      bodyLimit,
      config: session,
      schema: {
        tags,
        summary: 'Upload a learner’s ID photo; it is compared with the live face and the distance recorded',
        params: StrictObject({ userId: Id }),
        body: StrictObject({ photo: Photo }),
        response: facesResponses['POST /faces/users/:userId/id-photo'],
      },
    },
    async (request, reply) => {
      const result = await faces().uploadIdPhoto(
        requireActor(request),
        request.params.userId,
        await readFacePhoto(request.body.photo),
        requestMeta(request),
      );
      reply.code(201);
      return { faces: result };
    },
  );

  app.get(
    '/faces/enrolments/:id/photo',
    {
      config: session,
      schema: {
        tags,
        summary: 'An enrolment photo, for review (every viewing is audited)',
        params: StrictObject({ id: Id }),
        response: facesResponses['GET /faces/enrolments/:id/photo'],
      },
    },
    async (request, reply) => {
      const bytes = await faces().photo(requireActor(request), request.params.id, requestMeta(request));
      reply.header('content-type', bytes[0] === 0x89 ? 'image/png' : 'image/jpeg').header('cache-control', 'no-store');
      return reply.send(bytes);
    },
  );

  app.get(
    '/faces/alerts',
    {
      config: session,
      schema: {
        tags,
        summary: 'Face alerts in scope: one face on several accounts, ID photo not matching the live face',
        querystring: StrictObject({ userId: Type.Optional(Id) }),
        response: facesResponses['GET /faces/alerts'],
      },
    },
    async (request) => ({
      alerts: await services.faceAlerts.list(requireActor(request), { userId: request.query.userId }),
    }),
  );
}
