import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { PHOTO_MAX_BYTES } from './attendance.service.js';
import { attendanceResponses } from './attendance.contract.js';

const tags = ['attendance'];
const Id = Type.String({ minLength: 1, maxLength: 64 });
// The photo travels as base64 in the JSON body: 4/3 of its bytes, plus room for a data: URL prefix. Anything longer
// is refused by the schema; the decoded size is checked against PHOTO_MAX_BYTES by the service.
const PHOTO_BASE64_MAX = Math.ceil(PHOTO_MAX_BYTES / 3) * 4 + 64;

const ScanBody = StrictObject({
  token: Type.String({ minLength: 1, maxLength: 300, description: 'The code scanned from the venue screen' }),
  latitude: Type.Number({ minimum: -90, maximum: 90 }),
  longitude: Type.Number({ minimum: -180, maximum: 180 }),
  accuracy: Type.Number({
    minimum: 0,
    maximum: 100_000,
    description: 'Reported accuracy of the position, metres (recorded, not judged)',
  }),
  photo: Type.String({
    minLength: 1,
    maxLength: PHOTO_BASE64_MAX,
    description: 'Live photo: base64 JPEG or PNG (a data: URL is accepted), at most 2 MB',
  }),
});

export function attendanceRoutes(app: App, services: Services) {
  const session = { access: 'session' as const };
  // The service is looked up per request rather than captured here, so a test can swap in one with a fake
  // theory-progress port.
  const attendance = () => services.attendance;

  app.get(
    '/classes/:id/sessions/:sessionId/qr',
    {
      config: session,
      schema: {
        tags,
        summary: 'The venue screen code for a session, rotating every minute (institution staff)',
        params: StrictObject({ id: Id, sessionId: Id }),
        response: attendanceResponses['GET /classes/:id/sessions/:sessionId/qr'],
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return attendance().venueCode(requireActor(request), request.params.id, request.params.sessionId);
    },
  );

  const bodyLimit = PHOTO_BASE64_MAX + 4096;
  app.post(
    '/attendance/check-in',
    {
      bodyLimit,
      config: session,
      schema: {
        tags,
        summary: 'Check in to an offline session by scanning the venue code',
        body: ScanBody,
        response: attendanceResponses['POST /attendance/check-in'],
      },
    },
    async (request, reply) => {
      const record = await attendance().checkIn(requireActor(request), request.body, requestMeta(request));
      reply.code(201);
      return { attendance: record };
    },
  );
  app.post(
    '/attendance/check-out',
    {
      bodyLimit,
      config: session,
      schema: {
        tags,
        summary: 'Check out of an offline session by scanning the venue code',
        body: ScanBody,
        response: attendanceResponses['POST /attendance/check-out'],
      },
    },
    async (request) => ({
      attendance: await attendance().checkOut(requireActor(request), request.body, requestMeta(request)),
    }),
  );

  app.get(
    '/classes/:id/attendance',
    {
      config: session,
      schema: {
        tags,
        summary: 'Attendance of a class per learner and session, with offline class hours',
        params: StrictObject({ id: Id }),
        response: attendanceResponses['GET /classes/:id/attendance'],
      },
    },
    async (request) => ({ attendance: await attendance().classAttendance(requireActor(request), request.params.id) }),
  );

  app.get(
    '/attendance/mine',
    {
      config: session,
      schema: {
        tags,
        summary: 'The signed-in learner’s sessions and attendance in a class',
        querystring: StrictObject({ classId: Id }),
        response: attendanceResponses['GET /attendance/mine'],
      },
    },
    async (request) => ({ attendance: await attendance().mine(requireActor(request), request.query.classId) }),
  );
}
