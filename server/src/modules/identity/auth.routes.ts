import { Type } from 'typebox';
import { clearSessionCookies, requestMeta, requireActor, setSessionCookies } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { permissionsOf } from '../../platform/access.js';
import type { Services } from '../../services.js';
import { findUserById, userRowToUser } from './users.repository.js';
import { authResponses } from './auth.contract.js';

const tags = ['auth'];

export function authRoutes(app: App, services: Services, options: { secureCookies: boolean }) {
  const { auth } = services;

  app.post(
    '/auth/register',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Real-name registration of a learner',
        body: StrictObject({
          name: Type.String({ maxLength: 60 }),
          idNumber: Type.String({ maxLength: 40 }),
          phone: Type.String({ maxLength: 20 }),
          password: Type.String({ maxLength: 128 }),
        }),
        response: authResponses['POST /auth/register'],
      },
    },
    async (request, reply) => {
      const user = await auth.register(request.body, requestMeta(request));
      return reply.status(201).send({ user });
    },
  );

  app.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Sign in with phone or resident ID number and password',
        body: StrictObject({
          login: Type.String({ minLength: 1, maxLength: 40 }),
          password: Type.String({ maxLength: 128 }),
          device: Type.Optional(Type.String({ maxLength: 128 })),
        }),
        response: authResponses['POST /auth/login'],
      },
    },
    async (request, reply) => {
      const result = await auth.login(request.body, requestMeta(request));
      // Secure when configured, or when the request itself came over https (directly or via a trusted proxy).
      setSessionCookies(reply, result, options.secureCookies || request.protocol === 'https');
      return {
        user: result.user,
        session: result.session,
        permissions: permissionsOf(result.user),
        csrfToken: result.session.csrfToken,
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'session' },
      schema: { tags, body: Type.Optional(StrictObject({})), response: authResponses['POST /auth/logout'] },
    },
    async (request, reply) => {
      await auth.logout(requireActor(request), requestMeta(request));
      clearSessionCookies(reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: 'session' },
      schema: { tags, summary: 'The signed-in user, session and permissions', response: authResponses['GET /auth/me'] },
    },
    async (request) => {
      const actor = requireActor(request);
      const user = userRowToUser((await findUserById(services.infra.db, actor.userId))!);
      // A session route: the session is there (the auth hook answered 401 otherwise).
      const session = request.session!;
      return { user, session, permissions: permissionsOf(actor), csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/auth/password-reset/request',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Send a verification code to the phone (same answer whether or not it is registered)',
        body: StrictObject({ phone: Type.String({ maxLength: 20 }) }),
        response: authResponses['POST /auth/password-reset/request'],
      },
    },
    async (request, reply) => {
      const { expiresInSeconds } = await auth.requestPasswordReset(request.body.phone, requestMeta(request));
      return reply.status(202).send({ sent: true, expiresInSeconds });
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        body: StrictObject({
          phone: Type.String({ maxLength: 20 }),
          code: Type.String({ minLength: 4, maxLength: 8 }),
          newPassword: Type.String({ maxLength: 128 }),
        }),
        response: authResponses['POST /auth/password-reset/confirm'],
      },
    },
    async (request, reply) => {
      await auth.confirmPasswordReset(request.body, requestMeta(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'session' },
      schema: {
        tags,
        body: StrictObject({
          currentPassword: Type.String({ maxLength: 128 }),
          newPassword: Type.String({ maxLength: 128 }),
        }),
        response: authResponses['POST /auth/password'],
      },
    },
    async (request, reply) => {
      await auth.changePassword(requireActor(request), request.body, requestMeta(request));
      return reply.status(204).send();
    },
  );
}
