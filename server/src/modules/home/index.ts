// Front door of modules/home (the per-role home summary); other modules import only from here.
export { homeRoutes } from './home.routes.js';
export { HomeService } from './home.service.js';
