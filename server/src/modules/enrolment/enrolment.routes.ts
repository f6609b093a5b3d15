import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { Paging, StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { readRosterUpload } from './enrolment.service.js';
import { enrolmentResponses } from './enrolment.contract.js';
import { cleanFileName } from '../../platform/file-name.js';
import { receiveUpload } from '../../http/upload.js';

const tags = ['enrolment'];
const Id = Type.String({ minLength: 1, maxLength: 64 });
const ClassParams = StrictObject({ id: Id });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 6266 attachment header: an ASCII fallback name and the real (Chinese) name in UTF-8. */
function attachment(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function enrolmentRoutes(app: App, { enrolment }: Services) {
  const session = { access: 'session' as const };

  app.get(
    '/classes/:id/enrolment-template.xlsx',
    {
      config: session,
      schema: {
        tags,
        summary: 'The roster template: header, an example row and the rules (zh-CN and English)',
        params: ClassParams,
        response: enrolmentResponses['GET /classes/:id/enrolment-template.xlsx'],
      },
    },
    async (request, reply) => {
      const { fileName, bytes } = await enrolment.template(requireActor(request), request.params.id);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(fileName, 'enrolment-template.xlsx'))
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );

  // The file arrives as the raw body in its own scope (any Content-Type), read under the roster size limit by the
  // service rather than Fastify's JSON body limit; its type is decided by its content.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.post(
      '/classes/:id/enrolments/import',
      {
        config: session,
        schema: {
          tags,
          summary: 'Check or import a roster file (.xlsx or CSV) row by row',
          params: ClassParams,
          querystring: StrictObject({
            mode: Type.Union([Type.Literal('check'), Type.Literal('all'), Type.Literal('valid-only')]),
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
          }),
          response: enrolmentResponses['POST /classes/:id/enrolments/import'],
        },
      },
      async (request, reply) => {
        const { mode, name } = request.query as { mode: 'check' | 'all' | 'valid-only'; name?: string };
        return receiveUpload(request, reply, async ({ body, declaredBytes }) => {
          const bytes = await readRosterUpload(body, declaredBytes);
          return enrolment.importRoster(
            requireActor(request),
            (request.params as { id: string }).id,
            { mode, fileName: cleanFileName(name), bytes },
            requestMeta(request),
          );
        });
      },
    );
  });

  app.get(
    '/classes/:id/enrolments',
    {
      config: session,
      schema: {
        tags,
        summary: 'The class roster with masked personal data',
        params: ClassParams,
        querystring: StrictObject({
          status: Type.Optional(Type.Union([Type.Literal('enrolled'), Type.Literal('withdrawn')])),
          ...Paging,
        }),
        response: enrolmentResponses['GET /classes/:id/enrolments'],
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50, status } = request.query;
      return enrolment.roster(requireActor(request), request.params.id, { status, page, pageSize });
    },
  );

  app.delete(
    '/classes/:id/enrolments/:userId',
    {
      config: session,
      schema: {
        tags,
        summary: 'Withdraw a learner while the class is a draft or returned',
        params: StrictObject({ id: Id, userId: Id }),
        response: enrolmentResponses['DELETE /classes/:id/enrolments/:userId'],
      },
    },
    async (request, reply) => {
      await enrolment.withdraw(requireActor(request), request.params.id, request.params.userId, requestMeta(request));
      return reply.code(204).send();
    },
  );
}

/** Only a display name: no folders, no control characters. */
