// Front door of modules/home (the per-role home summary); other modules import only from here.
export { homeRoutes } from './home.routes.js';
export { HomeService } from './home.service.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as homeContract from './home.contract.js';
