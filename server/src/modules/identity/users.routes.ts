import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { RoleSchema } from '../../http/contract.js';
import { Paging, StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { usersResponses } from './users.contract.js';

const tags = ['users'];
const IdParams = StrictObject({ id: Type.String({ maxLength: 64 }) });

export function userRoutes(app: App, { users }: Services) {
  app.get(
    '/users',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Users the caller may see (institution, region subtree or platform)',
        querystring: StrictObject({
          role: Type.Optional(RoleSchema),
          q: Type.Optional(Type.String({ maxLength: 60 })),
          institutionId: Type.Optional(Type.String({ maxLength: 64 })),
          ...Paging,
        }),
        response: usersResponses['GET /users'],
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, ...filters } = request.query;
      return users.list(requireActor(request), { ...filters, page, pageSize });
    },
  );

  app.get(
    '/users/:id',
    { config: { access: 'session' }, schema: { tags, params: IdParams, response: usersResponses['GET /users/:id'] } },
    async (request) => ({
      user: await users.get(requireActor(request), request.params.id),
    }),
  );

  app.post(
    '/users/:id/reveal-id-number',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Unmasked resident ID number (audited; a reason is required)',
        params: IdParams,
        body: StrictObject({ reason: Type.String({ minLength: 2, maxLength: 200 }) }),
        response: usersResponses['POST /users/:id/reveal-id-number'],
      },
    },
    async (request) => ({
      idNumber: await users.revealIdNumber(
        requireActor(request),
        request.params.id,
        request.body.reason,
        requestMeta(request),
      ),
    }),
  );

  app.patch(
    '/users/:id/status',
    {
      config: { access: 'session' },
      schema: {
        tags,
        params: IdParams,
        body: StrictObject({
          status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
          reason: Type.String({ minLength: 2, maxLength: 200 }),
        }),
        response: usersResponses['PATCH /users/:id/status'],
      },
    },
    async (request) => ({
      user: await users.setStatus(requireActor(request), request.params.id, request.body, requestMeta(request)),
    }),
  );
}
