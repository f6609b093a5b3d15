import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { Nullable, Paging, StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { CERTIFICATE_KINDS } from './teachers.service.js';
import { teachersResponses } from './teachers.contract.js';

const tags = ['teachers'];
const IdParams = StrictObject({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function teacherRoutes(app: App, { teachers, teacherBans }: Services) {
  const session = { access: 'session' as const };
  app.get(
    '/teachers',
    {
      config: session,
      schema: {
        tags,
        summary: 'Teachers in scope (own institution, region subtree or all) with their qualifications',
        querystring: StrictObject({
          q: Type.Optional(Type.String({ maxLength: 50 })),
          institutionId: Type.Optional(Type.String({ maxLength: 64 })),
          ...Paging,
        }),
        response: teachersResponses['GET /teachers'],
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, ...rest } = request.query;
      return teachers.teachers(requireActor(request), { ...rest, page, pageSize });
    },
  );
  app.get(
    '/teachers/:id/qualifications',
    {
      config: session,
      schema: { tags, params: IdParams, response: teachersResponses['GET /teachers/:id/qualifications'] },
    },
    async (request) => ({
      items: await teachers.list(requireActor(request), request.params.id),
    }),
  );
  app.post(
    '/teachers/:id/qualifications',
    {
      config: session,
      schema: {
        tags,
        params: IdParams,
        body: StrictObject({
          certificateKind: Type.Optional(Type.Union(CERTIFICATE_KINDS.map((k) => Type.Literal(k)))),
          occupationCode: Type.String({ pattern: '^[1-8]-\\d{2}-\\d{2}-\\d{2}$' }),
          level: Type.Integer({ minimum: 1, maximum: 5 }),
          certificateNo: Type.String({ minLength: 4, maxLength: 64 }),
          validUntil: Nullable(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
        }),
        response: teachersResponses['POST /teachers/:id/qualifications'],
      },
    },
    async (request, reply) => {
      reply.code(201);
      return {
        items: await teachers.add(requireActor(request), request.params.id, request.body, requestMeta(request)),
      };
    },
  );
  app.post(
    '/teacher-qualifications/:id/disqualify',
    {
      config: session,
      schema: {
        tags,
        params: IdParams,
        body: StrictObject({ reason: Type.String({ maxLength: 500 }) }),
        response: teachersResponses['POST /teacher-qualifications/:id/disqualify'],
      },
    },
    async (request) => {
      await teachers.disqualify(requireActor(request), request.params.id, request.body.reason, requestMeta(request));
      return { ok: true };
    },
  );

  // ---- platform-wide disqualification (organising or doing proxy learning) -------------------------------------
  const Reason = StrictObject({ reason: Type.String({ minLength: 2, maxLength: 500 }) });
  app.get(
    '/teachers/:id/bans',
    {
      config: session,
      schema: {
        tags,
        summary: "The teacher's platform-wide disqualifications, newest first",
        params: IdParams,
        response: teachersResponses['GET /teachers/:id/bans'],
      },
    },
    async (request) => ({ items: await teacherBans.ofTeacher(requireActor(request), request.params.id) }),
  );
  app.post(
    '/teachers/:id/ban',
    {
      config: session,
      schema: {
        tags,
        summary:
          'Disqualifies the teacher platform-wide with a reason: every qualification withdrawn, no class (regulators of the subtree; audited)',
        params: IdParams,
        body: Reason,
        response: teachersResponses['POST /teachers/:id/ban'],
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await teacherBans.disqualify(
            requireActor(request),
            request.params.id,
            request.body.reason,
            requestMeta(request),
          ),
        ),
  );
  app.post(
    '/teachers/:id/ban/lift',
    {
      config: session,
      schema: {
        tags,
        summary: 'Lifts the disqualification with a reason; the qualifications it withdrew are valid again (audited)',
        params: IdParams,
        body: Reason,
        response: teachersResponses['POST /teachers/:id/ban/lift'],
      },
    },
    async (request) =>
      teacherBans.lift(requireActor(request), request.params.id, request.body.reason, requestMeta(request)),
  );
}
