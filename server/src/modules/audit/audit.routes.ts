import { Type } from 'typebox';
import { requireActor } from '../../http/auth.js';
import { Paging, StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { auditResponses } from './audit.contract.js';

export function auditRoutes(app: App, { audit }: Services) {
  app.get(
    '/audit',
    {
      config: { access: 'session' },
      schema: {
        tags: ['audit'],
        summary: 'Audit log (operators: all; regulators: their region subtree)',
        querystring: StrictObject({
          action: Type.Optional(Type.String({ maxLength: 64 })),
          actorId: Type.Optional(Type.String({ maxLength: 64 })),
          targetId: Type.Optional(Type.String({ maxLength: 64 })),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          ...Paging,
        }),
        response: auditResponses['GET /audit'],
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50, ...filters } = request.query;
      return audit.query(requireActor(request), { ...filters, page, pageSize });
    },
  );
}
