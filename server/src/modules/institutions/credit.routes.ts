import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { creditResponses, CREDIT_SEVERITIES } from './credit.contract.js';

const tags = ['institutions'];
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Reason = Type.String({ minLength: 2, maxLength: 500 });

export function creditRoutes(app: App, services: Services) {
  const session = { access: 'session' as const };
  const { credit } = services;

  app.get(
    '/institutions/:id/credit',
    {
      config: session,
      schema: {
        tags,
        summary: "The institution's credit record: score, restriction and the events behind them (docs/credit.md)",
        params: StrictObject({ id: Id }),
        response: creditResponses['GET /institutions/:id/credit'],
      },
    },
    async (request) => credit.record(requireActor(request), request.params.id),
  );

  app.post(
    '/institutions/:id/credit/false-materials',
    {
      config: session,
      schema: {
        tags,
        summary: 'Records false materials on the credit record (regulators of the region subtree; audited)',
        params: StrictObject({ id: Id }),
        body: StrictObject({ severity: Type.Union(CREDIT_SEVERITIES.map((s) => Type.Literal(s))), reason: Reason }),
        response: creditResponses['POST /institutions/:id/credit/false-materials'],
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await credit.recordFalseMaterials(
            requireActor(request),
            request.params.id,
            request.body,
            requestMeta(request),
          ),
        ),
  );

  app.get(
    '/public/credit-restrictions',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Public, no sign-in: institutions under credit restriction today, with the period',
        response: creditResponses['GET /public/credit-restrictions'],
      },
    },
    async () => ({ items: await credit.restrictions() }),
  );
}
