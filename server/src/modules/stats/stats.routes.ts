import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { Paging, StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { cstDayBounds } from './rollup.js';
import { statsResponses } from './stats.contract.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A China Standard Time date, YYYY-MM-DD' });
const RegionCode = Type.String({ pattern: '^\\d{6}$' });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 6266 attachment header: an ASCII fallback name and the real (Chinese) name in UTF-8. */
const attachment = (fileName: string, fallback: string) =>
  `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export function statsRoutes(app: App, services: Services) {
  const session = { access: 'session' as const };
  const { stats } = services;

  app.get(
    '/stats/dashboard',
    {
      config: session,
      schema: {
        tags: ['stats'],
        summary:
          'Supervision dashboard of a region subtree or an institution: cards, alerts by type, 30-day trend, breakdowns',
        querystring: StrictObject({ region: Type.Optional(RegionCode), institutionId: Type.Optional(Id) }),
        response: statsResponses['GET /stats/dashboard'],
      },
    },
    async (request) => ({ dashboard: await stats.dashboards.dashboard(requireActor(request), request.query) }),
  );

  app.get(
    '/stats/platform',
    {
      config: session,
      schema: {
        tags: ['stats'],
        summary: 'Platform statistics (operator): visits, registrations, daily active users, learning hours',
        response: statsResponses['GET /stats/platform'],
      },
    },
    async (request) => ({ stats: await stats.platform.platform(requireActor(request)) }),
  );

  app.get(
    '/trace/learners',
    {
      config: session,
      schema: {
        tags: ['trace'],
        summary: 'Learners the caller may trace, by name, full phone number or ID number',
        querystring: StrictObject({ q: Type.Optional(Type.String({ maxLength: 60 })), ...Paging }),
        response: statsResponses['GET /trace/learners'],
      },
    },
    async (request) => {
      const { q, page = 1, pageSize = 20 } = request.query;
      return stats.trace.search(requireActor(request), { q, page, pageSize });
    },
  );

  app.get(
    '/trace/learners/:id',
    {
      config: session,
      schema: {
        tags: ['trace'],
        summary:
          'A learner’s timeline: sessions with IP, device, credit, checks and answers, refused reports, face checks',
        params: StrictObject({ id: Id }),
        querystring: StrictObject({ from: Type.Optional(Day), to: Type.Optional(Day) }),
        response: statsResponses['GET /trace/learners/:id'],
      },
    },
    async (request) => {
      const { from, to } = request.query;
      return {
        timeline: await stats.trace.timeline(requireActor(request), request.params.id, {
          from: from ? cstDayBounds(from).from : undefined,
          to: to ? cstDayBounds(to).to : undefined,
        }),
      };
    },
  );

  app.get(
    '/trace/face-checks/:id/photo',
    {
      config: session,
      schema: {
        tags: ['trace'],
        summary: 'The photo of a face check (regulators and the learner’s institution; every viewing is audited)',
        params: StrictObject({ id: Id }),
        response: statsResponses['GET /trace/face-checks/:id/photo'],
      },
    },
    async (request, reply) => {
      const { bytes, contentType } = await stats.trace.faceCheckPhoto(
        requireActor(request),
        request.params.id,
        requestMeta(request),
      );
      return reply.header('content-type', contentType).header('cache-control', 'no-store').send(bytes);
    },
  );

  const Period = StrictObject({ institutionId: Type.Optional(Id), from: Day, to: Day });
  app.get(
    '/inspection',
    {
      config: session,
      schema: {
        tags: ['inspection'],
        summary: 'Data self-inspection report of an institution for a period, per class and learner',
        querystring: Period,
        response: statsResponses['GET /inspection'],
      },
    },
    async (request) => ({ report: await stats.inspection.report(requireActor(request), request.query) }),
  );

  app.get(
    '/inspection.xlsx',
    {
      config: session,
      schema: {
        tags: ['inspection'],
        summary: 'The self-inspection report as an Excel file (personal data: the export is audited)',
        querystring: Period,
        response: statsResponses['GET /inspection.xlsx'],
      },
    },
    async (request, reply) => {
      const { fileName, bytes } = await stats.inspection.exportXlsx(
        requireActor(request),
        request.query,
        requestMeta(request),
      );
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(fileName, 'self-inspection.xlsx'))
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );
}
