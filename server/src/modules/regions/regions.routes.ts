import { Type } from 'typebox';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { listChildRegions } from './regions.repository.js';
import { regionsResponses } from './regions.contract.js';

export function regionRoutes(app: App, services: Services) {
  app.get(
    '/regions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['regions'],
        summary: 'Provinces, or the children of a region',
        querystring: StrictObject({ parent: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) }),
        response: regionsResponses['GET /regions'],
      },
    },
    async (request) => ({ items: await listChildRegions(services.infra.db, request.query.parent ?? null) }),
  );
}
