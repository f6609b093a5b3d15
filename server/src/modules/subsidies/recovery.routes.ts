import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { RECOVERY_STATUSES, recoveryResponses } from './recovery.contract.js';

const tags = ['subsidies'];
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Reason = Type.String({ minLength: 2, maxLength: 500 });
/** A recovered amount in fen: at most CNY 1,000,000 at once. */
const AmountFen = Type.Integer({ minimum: 1, maximum: 100_000_000 });

export function recoveryRoutes(app: App, services: Services) {
  const session = { access: 'session' as const };
  const recovery = () => services.subsidyRecovery;

  app.get(
    '/subsidies/recovery-orders',
    {
      config: session,
      schema: {
        tags,
        summary: 'Recovery orders in scope (regulators: region subtree; an institution: its own), newest first',
        querystring: StrictObject({
          status: Type.Optional(Type.Union(RECOVERY_STATUSES.map((s) => Type.Literal(s)))),
          institutionId: Type.Optional(Id),
          classId: Type.Optional(Id),
        }),
        response: recoveryResponses['GET /subsidies/recovery-orders'],
      },
    },
    async (request) => ({ orders: await recovery().list(requireActor(request), request.query) }),
  );

  app.get(
    '/subsidies/recovery-orders/:id',
    {
      config: session,
      schema: {
        tags,
        summary: 'A recovery order with its history',
        params: StrictObject({ id: Id }),
        response: recoveryResponses['GET /subsidies/recovery-orders/:id'],
      },
    },
    async (request) => ({ order: await recovery().detail(requireActor(request), request.params.id) }),
  );

  app.post(
    '/subsidies/recovery-orders/:id/recovered',
    {
      config: session,
      schema: {
        tags,
        summary: 'Records an amount recovered (all or part of what is outstanding) with a reason (regulators; audited)',
        params: StrictObject({ id: Id }),
        body: StrictObject({ amountFen: AmountFen, reason: Reason }),
        response: recoveryResponses['POST /subsidies/recovery-orders/:id/recovered'],
      },
    },
    async (request) => ({
      order: await recovery().recover(requireActor(request), request.params.id, request.body, requestMeta(request)),
    }),
  );

  app.post(
    '/subsidies/recovery-orders/:id/write-off',
    {
      config: session,
      schema: {
        tags,
        summary: 'Writes off what is outstanding with a reason (regulators; audited)',
        params: StrictObject({ id: Id }),
        body: StrictObject({ reason: Reason }),
        response: recoveryResponses['POST /subsidies/recovery-orders/:id/write-off'],
      },
    },
    async (request) => ({
      order: await recovery().writeOff(
        requireActor(request),
        request.params.id,
        request.body.reason,
        requestMeta(request),
      ),
    }),
  );
}
