import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { subsidiesResponses } from './subsidies.contract.js';

const tags = ['subsidies'];
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Reason = Type.String({ minLength: 2, maxLength: 500 });
/** The enterprise's actual training cost per person (cost share), in fen: at most CNY 1,000,000. */
const CostFen = Type.Integer({ minimum: 0, maximum: 100_000_000 });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 6266 attachment header: an ASCII fallback name and the real (Chinese) name in UTF-8. */
function attachment(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function subsidyRoutes(app: App, services: Services) {
  const session = { access: 'session' as const };
  // Looked up per request, so a test can put claims with fake ports (subsidies.testkit.ts) behind the same routes.
  const claims = () => services.subsidyClaims;
  const payments = () => services.subsidyPayments;

  app.get(
    '/subsidies/classes/:classId/preview',
    {
      config: session,
      schema: {
        tags,
        summary: "The class's roster with what each learner would get now and why (nothing is written)",
        params: StrictObject({ classId: Id }),
        querystring: StrictObject({ enterpriseCostFen: Type.Optional(CostFen) }),
        response: subsidiesResponses['GET /subsidies/classes/:classId/preview'],
      },
    },
    async (request) => ({
      preview: await claims().preview(
        requireActor(request),
        request.params.classId,
        request.query.enterpriseCostFen ?? null,
      ),
    }),
  );

  app.post(
    '/subsidies/classes/:classId/claims',
    {
      config: session,
      schema: {
        tags,
        summary: 'Claim the subsidies of a class: every line computed and reserved under the person-level limits',
        params: StrictObject({ classId: Id }),
        body: StrictObject({ enterpriseCostFen: Type.Optional(CostFen) }),
        response: subsidiesResponses['POST /subsidies/classes/:classId/claims'],
      },
    },
    async (request, reply) => {
      reply.code(201);
      return {
        claim: await claims().submit(requireActor(request), request.params.classId, request.body, requestMeta(request)),
      };
    },
  );

  app.get(
    '/subsidies/claims',
    {
      config: session,
      schema: {
        tags,
        summary: 'Subsidy claims in scope (institution: its own; regulator: region subtree), oldest deadline first',
        querystring: StrictObject({
          status: Type.Optional(
            Type.Union([Type.Literal('submitted'), Type.Literal('returned'), Type.Literal('closed')]),
          ),
          classId: Type.Optional(Id),
        }),
        response: subsidiesResponses['GET /subsidies/claims'],
      },
    },
    async (request) => ({ claims: await claims().list(requireActor(request), request.query) }),
  );

  app.get(
    '/subsidies/claims/:id',
    {
      config: session,
      schema: {
        tags,
        summary: 'A claim with every line, its amount and explanation',
        params: StrictObject({ id: Id }),
        response: subsidiesResponses['GET /subsidies/claims/:id'],
      },
    },
    async (request) => ({ claim: await claims().detail(requireActor(request), request.params.id) }),
  );

  app.post(
    '/subsidies/claims/:id/approve',
    {
      config: session,
      schema: {
        tags,
        summary: 'Approve pending lines (all pending lines when none are named)',
        params: StrictObject({ id: Id }),
        body: StrictObject({ lineIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 5000 })) }),
        response: subsidiesResponses['POST /subsidies/claims/:id/approve'],
      },
    },
    async (request) => ({
      claim: await claims().approve(
        requireActor(request),
        request.params.id,
        request.body.lineIds,
        requestMeta(request),
      ),
    }),
  );

  app.post(
    '/subsidies/claims/:id/lines/:lineId/reject',
    {
      config: session,
      schema: {
        tags,
        summary: "Reject one learner's line with a reason (its reservation is released)",
        params: StrictObject({ id: Id, lineId: Id }),
        body: StrictObject({ reason: Reason }),
        response: subsidiesResponses['POST /subsidies/claims/:id/lines/:lineId/reject'],
      },
    },
    async (request) => ({
      claim: await claims().reject(
        requireActor(request),
        request.params.id,
        request.params.lineId,
        request.body.reason,
        requestMeta(request),
      ),
    }),
  );

  app.post(
    '/subsidies/claims/:id/return',
    {
      config: session,
      schema: {
        tags,
        summary: 'Return the claim to the institution with a reason',
        params: StrictObject({ id: Id }),
        body: StrictObject({ reason: Reason }),
        response: subsidiesResponses['POST /subsidies/claims/:id/return'],
      },
    },
    async (request) => ({
      claim: await claims().returnClaim(
        requireActor(request),
        request.params.id,
        request.body.reason,
        requestMeta(request),
      ),
    }),
  );

  app.post(
    '/subsidies/claims/:id/resubmit',
    {
      config: session,
      schema: {
        tags,
        summary: 'Submit a returned claim again (the review deadline starts again)',
        params: StrictObject({ id: Id }),
        response: subsidiesResponses['POST /subsidies/claims/:id/resubmit'],
      },
    },
    async (request) => ({
      claim: await claims().resubmit(requireActor(request), request.params.id, requestMeta(request)),
    }),
  );

  app.get(
    '/subsidies/mine',
    {
      config: session,
      schema: {
        tags,
        summary: "The learner's subsidies: every claim line about them, its status and explanation (我的补贴)",
        response: subsidiesResponses['GET /subsidies/mine'],
      },
    },
    async (request) => ({ subsidies: await claims().mine(requireActor(request)) }),
  );

  app.get(
    '/subsidies/batches',
    {
      config: session,
      schema: {
        tags,
        summary: 'Payment batches of the region subtree',
        response: subsidiesResponses['GET /subsidies/batches'],
      },
    },
    async (request) => ({ batches: await payments().list(requireActor(request)) }),
  );

  app.post(
    '/subsidies/batches',
    {
      config: session,
      schema: {
        tags,
        summary: 'Form a payment batch of every approved, unbatched line of the region subtree',
        response: subsidiesResponses['POST /subsidies/batches'],
      },
    },
    async (request, reply) => {
      reply.code(201);
      return { batch: await payments().create(requireActor(request), requestMeta(request)) };
    },
  );

  app.get(
    '/subsidies/batches/:id/export.xlsx',
    {
      config: session,
      schema: {
        tags,
        summary: 'The batch as an Excel file for the finance system (personal data: the export is audited)',
        params: StrictObject({ id: Id }),
        response: subsidiesResponses['GET /subsidies/batches/:id/export.xlsx'],
      },
    },
    async (request, reply) => {
      const { fileName, bytes } = await payments().exportXlsx(
        requireActor(request),
        request.params.id,
        requestMeta(request),
      );
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(fileName, 'subsidy-batch.xlsx'))
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );

  app.post(
    '/subsidies/batches/:id/paid',
    {
      config: session,
      schema: {
        tags,
        summary: 'Mark the batch paid with the finance voucher number (every line of it becomes paid)',
        params: StrictObject({ id: Id }),
        body: StrictObject({ voucherNo: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: subsidiesResponses['POST /subsidies/batches/:id/paid'],
      },
    },
    async (request) => ({
      batch: await payments().markPaid(
        requireActor(request),
        request.params.id,
        request.body.voucherNo,
        requestMeta(request),
      ),
    }),
  );
}
