import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { learnerClassesResponses } from './learner-classes.contract.js';

const tags = ['classes'];
const IdParams = StrictObject({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export function learnerClassRoutes(app: App, { learnerClasses }: Services) {
  const session = { access: 'session' as const };

  app.get(
    '/my/classes',
    {
      config: session,
      schema: {
        tags,
        summary: 'The signed-in learner’s classes: period, whether learning is allowed now, courses, offline hours',
        response: learnerClassesResponses['GET /my/classes'],
      },
    },
    async (request) => ({ items: await learnerClasses.mine(requireActor(request)) }),
  );

  app.get(
    '/my/classes/:id',
    {
      config: session,
      schema: {
        tags,
        summary: 'One of the learner’s classes with its courses, sessions and the learner’s attendance',
        params: IdParams,
        response: learnerClassesResponses['GET /my/classes/:id'],
      },
    },
    async (request) => ({ class: await learnerClasses.myClass(requireActor(request), request.params.id) }),
  );

  app.get(
    '/open-classes',
    {
      config: session,
      schema: {
        tags,
        summary: 'Approved classes open to self-enrolment, not ended, with places left',
        querystring: StrictObject({
          occupation: Type.Optional(Type.String({ pattern: '^[1-8]-\\d{2}-\\d{2}-\\d{2}$' })),
          region: Type.Optional(
            Type.String({ pattern: '^\\d{6}$', description: 'A region code: classes of its subtree' }),
          ),
          q: Type.Optional(Type.String({ maxLength: 50 })),
        }),
        response: learnerClassesResponses['GET /open-classes'],
      },
    },
    async (request) => ({ items: await learnerClasses.openClasses(requireActor(request), request.query) }),
  );

  app.post(
    '/open-classes/:id/enrol',
    {
      config: session,
      schema: {
        tags,
        summary: 'Enrol the signed-in learner in an open class',
        params: IdParams,
        response: learnerClassesResponses['POST /open-classes/:id/enrol'],
      },
    },
    async (request, reply) => {
      const klass = await learnerClasses.enrol(requireActor(request), request.params.id, requestMeta(request));
      reply.code(201);
      return { class: klass };
    },
  );

  app.post(
    '/open-classes/:id/withdraw',
    {
      config: session,
      schema: {
        tags,
        summary: 'Leave a self-enrolled class before it starts',
        params: IdParams,
        response: learnerClassesResponses['POST /open-classes/:id/withdraw'],
      },
    },
    async (request, reply) => {
      await learnerClasses.withdraw(requireActor(request), request.params.id, requestMeta(request));
      return reply.code(204).send();
    },
  );
}
