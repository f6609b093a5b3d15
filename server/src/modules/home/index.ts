export { homeRoutes } from './home.routes.js';
export { HomeService } from './home.service.js';
