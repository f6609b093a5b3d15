import { requireActor } from '../../http/auth.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { homeResponses } from './home.contract.js';

export function homeRoutes(app: App, { home }: Services) {
  app.get(
    '/home',
    {
      config: { access: 'session' },
      schema: {
        tags: ['home'],
        summary: "The signed-in role's home: figures and actions",
        response: homeResponses['GET /home'],
      },
    },
    async (request) => home.forActor(requireActor(request)),
  );
}
