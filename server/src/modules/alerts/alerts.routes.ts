import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { Paging, StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { ALERT_KINDS } from './detectors/types.js';
import { alertsResponses } from './alerts.contract.js';

const tags = ['alerts'];
const Id = Type.String({ minLength: 1, maxLength: 64 });
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Reason = Type.String({ minLength: 2, maxLength: 1000 });
const Decision = literals(['confirm', 'dismiss'] as const);

export function alertRoutes(app: App, services: Services) {
  const session = { access: 'session' as const };
  const { alerts, notifications } = services;

  app.get(
    '/alerts',
    {
      config: session,
      schema: {
        tags,
        summary:
          'Early-warning alerts in scope (institution: its own; regulator: region subtree; operator: all), newest activity first',
        querystring: StrictObject({
          kind: Type.Optional(literals(ALERT_KINDS)),
          severity: Type.Optional(literals(['low', 'medium', 'high'] as const)),
          status: Type.Optional(literals(['open', 'under_review', 'confirmed', 'dismissed'] as const)),
          subjectType: Type.Optional(literals(['learner', 'class', 'institution', 'teacher'] as const)),
          classId: Type.Optional(Id),
          userId: Type.Optional(Id),
          ...Paging,
        }),
        response: alertsResponses['GET /alerts'],
      },
    },
    async (request) =>
      alerts.list(requireActor(request), {
        ...request.query,
        page: request.query.page ?? 1,
        pageSize: request.query.pageSize ?? 20,
      }),
  );

  app.get(
    '/alerts/risk/top-learners',
    {
      config: session,
      schema: {
        tags,
        summary: 'The riskiest learners in scope, each score explained by its alerts',
        querystring: StrictObject({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }),
        response: alertsResponses['GET /alerts/risk/top-learners'],
      },
    },
    async (request) => ({ items: await alerts.topLearners(requireActor(request), request.query.limit ?? 20) }),
  );

  app.get(
    '/alerts/risk/learners/:userId',
    {
      config: session,
      schema: {
        tags,
        summary: "A learner's risk score and the alerts behind it",
        params: StrictObject({ userId: Id }),
        response: alertsResponses['GET /alerts/risk/learners/:userId'],
      },
    },
    async (request) => ({ risk: await alerts.learnerRisk(requireActor(request), request.params.userId) }),
  );

  app.get(
    '/alerts/risk/classes/:classId',
    {
      config: session,
      schema: {
        tags,
        summary: "A class's risk score: its own alerts, its riskiest learners and the share flagged",
        params: StrictObject({ classId: Id }),
        response: alertsResponses['GET /alerts/risk/classes/:classId'],
      },
    },
    async (request) => ({ risk: await alerts.classRisk(requireActor(request), request.params.classId) }),
  );

  app.get(
    '/alerts/risk/institutions/:institutionId',
    {
      config: session,
      schema: {
        tags,
        summary: "An institution's risk score from its classes",
        params: StrictObject({ institutionId: Id }),
        response: alertsResponses['GET /alerts/risk/institutions/:institutionId'],
      },
    },
    async (request) => ({ risk: await alerts.institutionRisk(requireActor(request), request.params.institutionId) }),
  );

  app.get(
    '/alerts/:id',
    {
      config: session,
      schema: {
        tags,
        summary:
          'An alert with its evidence (records, sessions, face checks), history, doubted sessions and the actions open to the caller',
        params: StrictObject({ id: Id }),
        response: alertsResponses['GET /alerts/:id'],
      },
    },
    async (request) => alerts.get(requireActor(request), request.params.id),
  );

  app.post(
    '/alerts/:id/review',
    {
      config: session,
      schema: {
        tags,
        summary: 'Takes an open alert under review (institution or regulator; audited)',
        params: StrictObject({ id: Id }),
        body: StrictObject({ reason: Reason }),
        response: alertsResponses['POST /alerts/:id/review'],
      },
    },
    async (request) =>
      alerts.review(requireActor(request), request.params.id, request.body.reason, requestMeta(request)),
  );

  app.post(
    '/alerts/:id/propose',
    {
      config: session,
      schema: {
        tags,
        summary: 'The institution proposes to confirm or dismiss, with its reason; the regulators are told (audited)',
        params: StrictObject({ id: Id }),
        body: StrictObject({ decision: Decision, reason: Reason }),
        response: alertsResponses['POST /alerts/:id/propose'],
      },
    },
    async (request) => alerts.propose(requireActor(request), request.params.id, request.body, requestMeta(request)),
  );

  app.post(
    '/alerts/:id/decide',
    {
      config: session,
      schema: {
        tags,
        summary:
          'The regulator confirms or dismisses, with a reason (audited). Confirming a learner alert strikes out the doubted credit and holds the subsidy',
        params: StrictObject({ id: Id }),
        body: StrictObject({
          decision: Decision,
          reason: Reason,
          revoke: Type.Optional(literals(['evidence', 'class', 'none'] as const)),
        }),
        response: alertsResponses['POST /alerts/:id/decide'],
      },
    },
    async (request) => alerts.decide(requireActor(request), request.params.id, request.body, requestMeta(request)),
  );

  app.get(
    '/subsidy-holds',
    {
      config: session,
      schema: {
        tags,
        summary: 'Learners whose subsidy eligibility is held by a confirmed alert (read by the subsidy work)',
        querystring: StrictObject({
          userId: Type.Optional(Id),
          classId: Type.Optional(Id),
          status: Type.Optional(literals(['held', 'released'] as const)),
        }),
        response: alertsResponses['GET /subsidy-holds'],
      },
    },
    async (request) => ({ items: await alerts.holds(requireActor(request), request.query) }),
  );

  app.post(
    '/subsidy-holds/:id/release',
    {
      config: session,
      schema: {
        tags,
        summary: 'The regulator releases a subsidy hold, with a reason (audited)',
        params: StrictObject({ id: Id }),
        body: StrictObject({ reason: Reason }),
        response: alertsResponses['POST /subsidy-holds/:id/release'],
      },
    },
    async (request) => ({
      hold: await alerts.releaseHold(
        requireActor(request),
        request.params.id,
        request.body.reason,
        requestMeta(request),
      ),
    }),
  );

  app.get(
    '/notifications',
    {
      config: session,
      schema: {
        tags,
        summary: "The signed-in user's in-app notifications, newest first, with the unread count",
        querystring: StrictObject({ unread: Type.Optional(Type.Boolean()) }),
        response: alertsResponses['GET /notifications'],
      },
    },
    async (request) => notifications.list(requireActor(request), { unread: request.query.unread }),
  );

  app.post(
    '/notifications/read-all',
    {
      config: session,
      schema: {
        tags,
        summary: "Marks all of the signed-in user's notifications read",
        response: alertsResponses['POST /notifications/read-all'],
      },
    },
    async (request) => notifications.markRead(requireActor(request), 'all'),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: session,
      schema: {
        tags,
        summary: 'Marks one notification read',
        params: StrictObject({ id: Id }),
        response: alertsResponses['POST /notifications/:id/read'],
      },
    },
    async (request) => notifications.markRead(requireActor(request), request.params.id),
  );
}
