import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { Nullable, Paging, StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { catalogResponses } from './catalog.contract.js';

const RegionCode = Type.String({ pattern: '^\\d{6}$' });
const OccupationCode = Type.String({ pattern: '^[1-8]-\\d{2}-\\d{2}-\\d{2}$' });
const Level = Type.Integer({ minimum: 1, maximum: 5 });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const IdParams = StrictObject({ id: Id });
const RegionQuery = StrictObject({ region: Type.Optional(RegionCode) });
const Direction = StrictObject({ direction: Type.Union([Type.Literal('up'), Type.Literal('down')]) });
const Module = StrictObject({
  zh: Type.String({ minLength: 1, maxLength: 60 }),
  en: Type.String({ minLength: 1, maxLength: 120 }),
});

const CourseFields = {
  title: Type.String({ minLength: 2, maxLength: 100 }),
  summary: Type.String({ maxLength: 2000 }),
  occupationCode: Type.Optional(Nullable(OccupationCode)),
  level: Type.Optional(Nullable(Level)),
  categoryCode: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
  generalModuleCode: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
};

/** The public catalogue: anyone may browse and search, signed in or not. */
function publicCatalogRoutes(app: App, { courses, reference, campaigns, policies, infra }: Services) {
  const tags = ['catalogue'];
  const open = { access: 'public' as const };
  app.get(
    '/catalog/categories',
    {
      config: open,
      schema: {
        tags,
        summary: 'Platform course categories with their counts',
        response: catalogResponses['GET /catalog/categories'],
      },
    },
    async () => ({ items: await reference.courseCategories() }),
  );
  app.get(
    '/catalog/classification',
    {
      config: open,
      schema: {
        tags,
        summary: 'Major and medium categories of the 2022 occupation classification',
        response: catalogResponses['GET /catalog/classification'],
      },
    },
    async () => ({ items: await reference.classification() }),
  );
  app.get(
    '/catalog/levels',
    { config: open, schema: { tags, response: catalogResponses['GET /catalog/levels'] } },
    async () => ({ items: reference.skillLevels() }),
  );
  app.get(
    '/catalog/general-modules',
    {
      config: open,
      schema: {
        tags,
        summary: 'General modules, which ones the region requires, and the platform courses teaching them',
        querystring: RegionQuery,
        response: catalogResponses['GET /catalog/general-modules'],
      },
    },
    async (request) => ({ items: await reference.generalModules(request.query.region ?? null) }),
  );
  app.get(
    '/catalog/occupations',
    {
      config: open,
      schema: {
        tags,
        querystring: StrictObject({
          q: Type.Optional(Type.String({ maxLength: 40 })),
          category: Type.Optional(Type.String({ maxLength: 32 })),
          major: Type.Optional(Type.String({ pattern: '^[1-8]$' })),
        }),
        response: catalogResponses['GET /catalog/occupations'],
      },
    },
    async (request) => ({
      items: await reference.listOccupations({
        q: request.query.q,
        courseCategory: request.query.category,
        major: request.query.major,
      }),
    }),
  );
  app.get(
    '/catalog/occupations/:code',
    {
      config: open,
      schema: {
        tags,
        params: StrictObject({ code: OccupationCode }),
        response: catalogResponses['GET /catalog/occupations/:code'],
      },
    },
    async (request) => ({ occupation: await reference.occupation(request.params.code) }),
  );
  app.get(
    '/catalog/courses',
    {
      config: open,
      schema: {
        tags,
        summary: 'Published courses: browse by category, occupation, level and region; Chinese full-text search with q',
        querystring: StrictObject({
          q: Type.Optional(Type.String({ maxLength: 60 })),
          category: Type.Optional(Type.String({ maxLength: 32 })),
          occupation: Type.Optional(OccupationCode),
          level: Type.Optional(Level),
          region: Type.Optional(RegionCode),
          ...Paging,
        }),
        response: catalogResponses['GET /catalog/courses'],
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, ...filters } = request.query;
      return courses.browse({ ...filters, page, pageSize });
    },
  );
  app.get(
    '/catalog/courses/:id',
    {
      config: open,
      schema: {
        tags,
        params: IdParams,
        querystring: RegionQuery,
        response: catalogResponses['GET /catalog/courses/:id'],
      },
    },
    async (request) => ({ course: await courses.publicDetail(request.params.id, request.query.region ?? null) }),
  );
  app.get(
    '/catalog/campaigns',
    {
      config: open,
      schema: {
        tags,
        summary: 'Free-access campaigns running now or later in the region',
        querystring: RegionQuery,
        response: catalogResponses['GET /catalog/campaigns'],
      },
    },
    async (request) => ({ items: await campaigns.publicCampaigns(request.query.region ?? null) }),
  );
  app.get(
    '/catalog/columns',
    {
      config: open,
      schema: {
        tags,
        summary: 'Featured columns of the region and its ancestors',
        querystring: StrictObject({ region: RegionCode }),
        response: catalogResponses['GET /catalog/columns'],
      },
    },
    async (request) => ({ items: await campaigns.publicColumns(request.query.region) }),
  );
  app.get(
    '/catalog/policy',
    {
      config: open,
      schema: {
        tags,
        summary: 'The effective policy of a region, with the versions it was resolved from',
        querystring: RegionQuery,
        response: catalogResponses['GET /catalog/policy'],
      },
    },
    async (request) => ({ policy: await policies.effective(infra.db, request.query.region ?? null) }),
  );
}

/** Course authoring by institutions (their own courses) and operators (shared platform courses). */
function authoringRoutes(app: App, { courses }: Services) {
  const tags = ['course authoring'];
  const session = { access: 'session' as const };
  app.get(
    '/courses',
    {
      config: session,
      schema: { tags, summary: 'Courses the caller authors', response: catalogResponses['GET /courses'] },
    },
    async (request) => ({ items: await courses.listOwn(requireActor(request)) }),
  );
  app.post(
    '/courses',
    {
      config: session,
      schema: { tags, body: StrictObject(CourseFields), response: catalogResponses['POST /courses'] },
    },
    async (request, reply) => {
      reply.code(201);
      return { course: await courses.create(requireActor(request), request.body, requestMeta(request)) };
    },
  );
  app.get(
    '/courses/:id',
    { config: session, schema: { tags, params: IdParams, response: catalogResponses['GET /courses/:id'] } },
    async (request) => ({
      course: await courses.detailFor(requireActor(request), request.params.id),
    }),
  );
  app.patch(
    '/courses/:id',
    {
      config: session,
      schema: {
        tags,
        params: IdParams,
        body: StrictObject({
          ...CourseFields,
          title: Type.Optional(CourseFields.title),
          summary: Type.Optional(CourseFields.summary),
        }),
        response: catalogResponses['PATCH /courses/:id'],
      },
    },
    async (request) => ({
      course: await courses.update(requireActor(request), request.params.id, request.body, requestMeta(request)),
    }),
  );
  app.post(
    '/courses/:id/publish',
    { config: session, schema: { tags, params: IdParams, response: catalogResponses['POST /courses/:id/publish'] } },
    async (request) => ({
      course: await courses.setStatus(requireActor(request), request.params.id, 'published', requestMeta(request)),
    }),
  );
  app.post(
    '/courses/:id/archive',
    { config: session, schema: { tags, params: IdParams, response: catalogResponses['POST /courses/:id/archive'] } },
    async (request) => ({
      course: await courses.setStatus(requireActor(request), request.params.id, 'archived', requestMeta(request)),
    }),
  );

  app.post(
    '/courses/:id/chapters',
    {
      config: session,
      schema: {
        tags,
        params: IdParams,
        body: StrictObject({ title: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: catalogResponses['POST /courses/:id/chapters'],
      },
    },
    async (request, reply) => {
      reply.code(201);
      return courses.addChapter(requireActor(request), request.params.id, request.body.title);
    },
  );
  app.patch(
    '/chapters/:id',
    {
      config: session,
      schema: {
        tags,
        params: IdParams,
        body: StrictObject({ title: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: catalogResponses['PATCH /chapters/:id'],
      },
    },
    async (request) => {
      await courses.updateChapter(requireActor(request), request.params.id, request.body.title);
      return { ok: true };
    },
  );
  app.delete(
    '/chapters/:id',
    { config: session, schema: { tags, params: IdParams, response: catalogResponses['DELETE /chapters/:id'] } },
    async (request) => {
      await courses.removeChapter(requireActor(request), request.params.id);
      return { ok: true };
    },
  );
  app.post(
    '/chapters/:id/move',
    {
      config: session,
      schema: { tags, params: IdParams, body: Direction, response: catalogResponses['POST /chapters/:id/move'] },
    },
    async (request) => {
      await courses.move(requireActor(request), 'chapter', request.params.id, request.body.direction);
      return { ok: true };
    },
  );
  app.post(
    '/chapters/:id/lessons',
    {
      config: session,
      schema: {
        tags,
        params: IdParams,
        body: StrictObject({
          title: Type.String({ minLength: 1, maxLength: 100 }),
          kind: Type.Union([Type.Literal('video'), Type.Literal('document')]),
          mediaId: Type.Optional(Nullable(Id)),
          documentMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 600 }))),
        }),
        response: catalogResponses['POST /chapters/:id/lessons'],
      },
    },
    async (request, reply) => {
      reply.code(201);
      return courses.addLesson(requireActor(request), request.params.id, request.body);
    },
  );
  app.patch(
    '/lessons/:id',
    {
      config: session,
      schema: {
        tags,
        params: IdParams,
        body: StrictObject({
          title: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          mediaId: Type.Optional(Nullable(Id)),
          documentMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 600 }))),
        }),
        response: catalogResponses['PATCH /lessons/:id'],
      },
    },
    async (request) => {
      await courses.updateLesson(requireActor(request), request.params.id, request.body);
      return { ok: true };
    },
  );
  app.delete(
    '/lessons/:id',
    { config: session, schema: { tags, params: IdParams, response: catalogResponses['DELETE /lessons/:id'] } },
    async (request) => {
      await courses.removeLesson(requireActor(request), request.params.id);
      return { ok: true };
    },
  );
  app.post(
    '/lessons/:id/move',
    {
      config: session,
      schema: { tags, params: IdParams, body: Direction, response: catalogResponses['POST /lessons/:id/move'] },
    },
    async (request) => {
      await courses.move(requireActor(request), 'lesson', request.params.id, request.body.direction);
      return { ok: true };
    },
  );
}

/** Operator management: occupations and standards, policies, campaigns and regional columns. */
function managementRoutes(app: App, { reference, policies, campaigns }: Services) {
  const tags = ['catalogue management'];
  const session = { access: 'session' as const };
  app.patch(
    '/catalog/occupations/:code',
    {
      config: session,
      schema: {
        tags,
        params: StrictObject({ code: OccupationCode }),
        body: StrictObject({
          nameZh: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
          nameEn: Type.Optional(Type.String({ minLength: 2, maxLength: 120 })),
          tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 20 })),
        }),
        response: catalogResponses['PATCH /catalog/occupations/:code'],
      },
    },
    async (request) => ({
      occupation: await reference.updateOccupation(
        requireActor(request),
        request.params.code,
        request.body,
        requestMeta(request),
      ),
    }),
  );
  app.put(
    '/catalog/occupations/:code/standards/:level',
    {
      config: session,
      schema: {
        tags,
        params: StrictObject({ code: OccupationCode, level: Level }),
        body: StrictObject({
          minHours: Type.Integer({ minimum: 1, maximum: 2000 }),
          maxOnlinePercent: Type.Integer({ minimum: 0, maximum: 100 }),
          modules: Type.Array(Module, { minItems: 1, maxItems: 30 }),
          basis: Type.String({ minLength: 2, maxLength: 500 }),
        }),
        response: catalogResponses['PUT /catalog/occupations/:code/standards/:level'],
      },
    },
    async (request) => ({
      occupation: await reference.putStandard(
        requireActor(request),
        request.params.code,
        request.params.level,
        request.body,
        requestMeta(request),
      ),
    }),
  );

  const Scope = StrictObject({ scope: Type.Union([Type.Literal('national'), RegionCode]) });
  app.get(
    '/policies',
    {
      config: session,
      schema: { tags, summary: 'Policy scopes with their latest version', response: catalogResponses['GET /policies'] },
    },
    async (request) => ({ items: await policies.scopes(requireActor(request)) }),
  );
  app.get(
    '/policies/:scope',
    {
      config: session,
      schema: {
        tags,
        params: Scope,
        summary: 'Every version of one scope, newest first',
        response: catalogResponses['GET /policies/:scope'],
      },
    },
    async (request) => ({ items: await policies.history(requireActor(request), request.params.scope) }),
  );
  app.post(
    '/policies/:scope',
    {
      config: session,
      schema: {
        tags,
        params: Scope,
        summary: 'Publishes a new version (national: a whole document; a region: a partial override)',
        body: StrictObject({
          document: Type.Object({}, { additionalProperties: true }),
          note: Type.String({ minLength: 2, maxLength: 500 }),
        }),
        response: catalogResponses['POST /policies/:scope'],
      },
    },
    async (request, reply) => {
      reply.code(201);
      return {
        policy: await policies.publish(
          requireActor(request),
          { scope: request.params.scope, document: request.body.document, note: request.body.note },
          requestMeta(request),
        ),
      };
    },
  );

  const CampaignBody = StrictObject({
    nameZh: Type.String({ minLength: 2, maxLength: 60 }),
    nameEn: Type.String({ minLength: 2, maxLength: 120 }),
    regionCode: Nullable(RegionCode),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    courseIds: Type.Array(Id, { maxItems: 200 }),
    categoryCodes: Type.Array(Type.String({ maxLength: 32 }), { maxItems: 30 }),
  });
  app.get(
    '/campaigns',
    { config: session, schema: { tags, response: catalogResponses['GET /campaigns'] } },
    async (request) => ({
      items: await campaigns.listCampaigns(requireActor(request)),
    }),
  );
  app.post(
    '/campaigns',
    { config: session, schema: { tags, body: CampaignBody, response: catalogResponses['POST /campaigns'] } },
    async (request, reply) => {
      reply.code(201);
      return {
        campaign: await campaigns.saveCampaign(requireActor(request), null, request.body, requestMeta(request)),
      };
    },
  );
  app.put(
    '/campaigns/:id',
    {
      config: session,
      schema: { tags, params: IdParams, body: CampaignBody, response: catalogResponses['PUT /campaigns/:id'] },
    },
    async (request) => ({
      campaign: await campaigns.saveCampaign(
        requireActor(request),
        request.params.id,
        request.body,
        requestMeta(request),
      ),
    }),
  );
  app.delete(
    '/campaigns/:id',
    { config: session, schema: { tags, params: IdParams, response: catalogResponses['DELETE /campaigns/:id'] } },
    async (request) => {
      await campaigns.deleteCampaign(requireActor(request), request.params.id, requestMeta(request));
      return { ok: true };
    },
  );

  const ColumnBody = StrictObject({
    regionCode: RegionCode,
    titleZh: Type.String({ minLength: 2, maxLength: 60 }),
    titleEn: Type.String({ minLength: 2, maxLength: 120 }),
    sort: Type.Integer({ minimum: 0, maximum: 1000 }),
    courseIds: Type.Array(Id, { maxItems: 50 }),
  });
  app.get(
    '/columns',
    { config: session, schema: { tags, response: catalogResponses['GET /columns'] } },
    async (request) => ({
      items: await campaigns.listColumns(requireActor(request)),
    }),
  );
  app.post(
    '/columns',
    { config: session, schema: { tags, body: ColumnBody, response: catalogResponses['POST /columns'] } },
    async (request, reply) => {
      reply.code(201);
      return { column: await campaigns.saveColumn(requireActor(request), null, request.body, requestMeta(request)) };
    },
  );
  app.put(
    '/columns/:id',
    {
      config: session,
      schema: { tags, params: IdParams, body: ColumnBody, response: catalogResponses['PUT /columns/:id'] },
    },
    async (request) => ({
      column: await campaigns.saveColumn(requireActor(request), request.params.id, request.body, requestMeta(request)),
    }),
  );
  app.delete(
    '/columns/:id',
    { config: session, schema: { tags, params: IdParams, response: catalogResponses['DELETE /columns/:id'] } },
    async (request) => {
      await campaigns.deleteColumn(requireActor(request), request.params.id, requestMeta(request));
      return { ok: true };
    },
  );
}

export function catalogRoutes(app: App, services: Services) {
  publicCatalogRoutes(app, services);
  authoringRoutes(app, services);
  managementRoutes(app, services);
}
