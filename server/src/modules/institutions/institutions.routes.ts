import { Type } from 'typebox';
import { requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';

const tags = ['institutions'];

export function institutionRoutes(app: App, { institutions }: Services) {
  app.get('/institutions', {
    config: { access: 'session' },
    schema: { tags, querystring: StrictObject({ q: Type.Optional(Type.String({ maxLength: 60 })) }) },
  }, async (request) => ({ items: await institutions.list(requireActor(request), request.query) }));

  app.get('/institutions/:id', {
    config: { access: 'session' },
    schema: { tags, params: StrictObject({ id: Type.String({ maxLength: 64 }) }) },
  }, async (request) => ({ institution: await institutions.get(requireActor(request), request.params.id) }));
}
