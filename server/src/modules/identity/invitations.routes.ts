import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { RoleSchema } from '../../http/contract.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { invitationsResponses } from './invitations.contract.js';

const tags = ['invitations'];
const TokenParams = StrictObject({ token: Type.String({ minLength: 20, maxLength: 100 }) });

export function invitationRoutes(app: App, { invitations }: Services) {
  app.post(
    '/invitations',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Invite a staff member (from the level above)',
        body: StrictObject({
          role: RoleSchema,
          name: Type.String({ maxLength: 60 }),
          phone: Type.String({ maxLength: 20 }),
          regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
          institutionId: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: invitationsResponses['POST /invitations'],
      },
    },
    async (request, reply) => {
      const { invitation, token, url } = await invitations.create(
        requireActor(request),
        request.body,
        requestMeta(request),
      );
      return reply.status(201).send({ invitation: { ...invitation, token, url } });
    },
  );

  app.get(
    '/invitations',
    { config: { access: 'session' }, schema: { tags, response: invitationsResponses['GET /invitations'] } },
    async (request) => ({
      items: await invitations.list(requireActor(request)),
    }),
  );

  app.get(
    '/invitations/:token',
    {
      config: { access: 'public' },
      schema: { tags, params: TokenParams, response: invitationsResponses['GET /invitations/:token'] },
    },
    async (request) => ({
      invitation: await invitations.preview(request.params.token),
    }),
  );

  app.post(
    '/invitations/:token/accept',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        params: TokenParams,
        body: StrictObject({ idNumber: Type.String({ maxLength: 40 }), password: Type.String({ maxLength: 128 }) }),
        response: invitationsResponses['POST /invitations/:token/accept'],
      },
    },
    async (request, reply) => {
      const user = await invitations.accept(request.params.token, request.body, requestMeta(request));
      return reply.status(201).send({ user });
    },
  );
}
