import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { progressResponses } from './progress.contract.js';

const tags = ['classes'];
const Id = Type.String({ minLength: 1, maxLength: 64 });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 6266 attachment header: an ASCII fallback name and the real (Chinese) name in UTF-8. */
function attachment(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function progressRoutes(app: App, services: Services) {
  const session = { access: 'session' as const };
  // Looked up per request, so a test can put a fake learning engine behind the same routes.
  const progress = () => services.progress;
  app.get(
    '/classes/:id/progress',
    {
      config: session,
      schema: {
        tags,
        summary: 'Hours per learner: online credited, offline attended, total against required, stage',
        params: StrictObject({ id: Id }),
        response: progressResponses['GET /classes/:id/progress'],
      },
    },
    async (request) => ({ progress: await progress().classProgress(requireActor(request), request.params.id) }),
  );

  app.get(
    '/classes/:id/learners/:userId/progress',
    {
      config: session,
      schema: {
        tags,
        summary: 'One learner of the class: each online lesson and each offline session',
        params: StrictObject({ id: Id, userId: Id }),
        response: progressResponses['GET /classes/:id/learners/:userId/progress'],
      },
    },
    async (request) => ({
      progress: await progress().learnerProgress(requireActor(request), request.params.id, request.params.userId),
    }),
  );

  app.get(
    '/classes/:id/progress.xlsx',
    {
      config: session,
      schema: {
        tags,
        summary: 'The hours of the class as an Excel file (personal data: the export is audited)',
        params: StrictObject({ id: Id }),
        response: progressResponses['GET /classes/:id/progress.xlsx'],
      },
    },
    async (request, reply) => {
      const { fileName, bytes } = await progress().exportXlsx(
        requireActor(request),
        request.params.id,
        requestMeta(request),
      );
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(fileName, 'class-progress.xlsx'))
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );
}
