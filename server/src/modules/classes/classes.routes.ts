import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { classesResponses } from './classes.contract.js';

const tags = ['classes'];
const IdParams = StrictObject({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Status = Type.Union(
  ['draft', 'submitted', 'returned', 'rejected', 'approved', 'closed'].map((s) => Type.Literal(s)),
);

const SessionBody = StrictObject({
  title: Type.String({ minLength: 1, maxLength: 100 }),
  venueName: Type.String({ minLength: 1, maxLength: 100 }),
  address: Type.String({ minLength: 1, maxLength: 200 }),
  latitude: Type.Number({ minimum: -90, maximum: 90 }),
  longitude: Type.Number({ minimum: -180, maximum: 180 }),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
});
const Ids = (max: number) => Type.Array(Type.String({ maxLength: 64 }), { maxItems: max });
const ChangeBody = StrictObject({
  reason: Type.String({ maxLength: 500 }),
  change: Type.Union([
    StrictObject({ kind: Type.Literal('teachers'), teacherIds: Ids(50) }),
    StrictObject({ kind: Type.Literal('sessions'), sessions: Type.Array(SessionBody, { maxItems: 200 }) }),
    StrictObject({ kind: Type.Literal('dates'), startDate: DateOnly, endDate: DateOnly }),
    StrictObject({ kind: Type.Literal('roster'), add: Ids(5000), remove: Ids(5000) }),
  ]),
});

const ClassBody = StrictObject({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  occupationCode: Type.String({ pattern: '^[1-8]-\\d{2}-\\d{2}-\\d{2}$' }),
  level: Type.Integer({ minimum: 1, maximum: 5 }),
  startDate: DateOnly,
  endDate: DateOnly,
  offlineHours: Type.Integer({ minimum: 0, maximum: 2000 }),
  assessmentPlan: Type.String({ maxLength: 2000 }),
  selfEnrol: Type.Boolean(),
  capacity: Type.Integer({ minimum: 1, maximum: 5000 }),
  courseIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 }),
  teacherIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 }),
  sessions: Type.Array(SessionBody, { maxItems: 200 }),
});

export function classRoutes(app: App, { classes }: Services) {
  const session = { access: 'session' as const };
  app.get(
    '/classes',
    {
      config: session,
      schema: {
        tags,
        summary: 'Classes in scope: own institution, region subtree (not drafts) or platform',
        querystring: StrictObject({ status: Type.Optional(Status) }),
        response: classesResponses['GET /classes'],
      },
    },
    async (request) => ({ items: await classes.list(requireActor(request), request.query) }),
  );
  app.get(
    '/classes/review-queue',
    {
      config: session,
      schema: {
        tags,
        summary: 'Applications waiting for the regulator, oldest deadline first, overdue flagged',
        response: classesResponses['GET /classes/review-queue'],
      },
    },
    async (request) => ({ items: await classes.reviewQueue(requireActor(request)) }),
  );
  app.post(
    '/classes',
    { config: session, schema: { tags, body: ClassBody, response: classesResponses['POST /classes'] } },
    async (request, reply) => {
      reply.code(201);
      return { class: await classes.create(requireActor(request), request.body, requestMeta(request)) };
    },
  );
  app.get(
    '/classes/:id',
    {
      config: session,
      schema: {
        tags,
        params: IdParams,
        summary: 'The class with its pre-checks, allowed actions and review history',
        response: classesResponses['GET /classes/:id'],
      },
    },
    async (request) => ({ class: await classes.detail(requireActor(request), request.params.id) }),
  );
  app.put(
    '/classes/:id',
    {
      config: session,
      schema: { tags, params: IdParams, body: ClassBody, response: classesResponses['PUT /classes/:id'] },
    },
    async (request) => ({
      class: await classes.update(requireActor(request), request.params.id, request.body, requestMeta(request)),
    }),
  );
  app.get(
    '/classes/:id/prechecks',
    { config: session, schema: { tags, params: IdParams, response: classesResponses['GET /classes/:id/prechecks'] } },
    async (request) => ({
      items: await classes.prechecks(requireActor(request), request.params.id),
    }),
  );
  app.post(
    '/classes/:id/submit',
    { config: session, schema: { tags, params: IdParams, response: classesResponses['POST /classes/:id/submit'] } },
    async (request) => ({
      class: await classes.submit(requireActor(request), request.params.id, requestMeta(request)),
    }),
  );
  for (const decision of ['approve', 'return', 'reject'] as const) {
    app.post(
      `/classes/:id/${decision}`,
      {
        config: session,
        schema: {
          tags,
          params: IdParams,
          body: StrictObject({ comment: Type.String({ maxLength: 1000 }) }),
          response: classesResponses['POST /classes/:id/{decision}'],
        },
      },
      async (request) => ({
        class: await classes.decide(
          requireActor(request),
          request.params.id,
          decision,
          request.body.comment,
          requestMeta(request),
        ),
      }),
    );
  }
  app.get(
    '/classes/:id/changes',
    { config: session, schema: { tags, params: IdParams, response: classesResponses['GET /classes/:id/changes'] } },
    async (request) => ({
      items: await classes.changes(requireActor(request), request.params.id),
    }),
  );
  app.post(
    '/classes/:id/changes',
    {
      config: session,
      schema: {
        tags,
        params: IdParams,
        body: ChangeBody,
        summary: 'Proposes a change to an approved class (reviewed like the application)',
        response: classesResponses['POST /classes/:id/changes'],
      },
    },
    async (request, reply) => {
      reply.code(201);
      return {
        change: await classes.proposeChange(
          requireActor(request),
          request.params.id,
          request.body.change,
          request.body.reason,
          requestMeta(request),
        ),
      };
    },
  );
  app.get(
    '/class-changes/review-queue',
    { config: session, schema: { tags, response: classesResponses['GET /class-changes/review-queue'] } },
    async (request) => ({
      items: await classes.changeQueue(requireActor(request)),
    }),
  );
  for (const decision of ['approve', 'return', 'reject'] as const) {
    app.post(
      `/class-changes/:id/${decision}`,
      {
        config: session,
        schema: {
          tags,
          params: IdParams,
          body: StrictObject({ comment: Type.String({ maxLength: 1000 }) }),
          response: classesResponses['POST /class-changes/:id/{decision}'],
        },
      },
      async (request) => ({
        change: await classes.decideChange(
          requireActor(request),
          request.params.id,
          decision,
          request.body.comment,
          requestMeta(request),
        ),
      }),
    );
  }
  app.post(
    '/classes/:id/close',
    { config: session, schema: { tags, params: IdParams, response: classesResponses['POST /classes/:id/close'] } },
    async (request) => ({
      class: await classes.close(requireActor(request), request.params.id, requestMeta(request)),
    }),
  );
}
