// Front door of modules/regions (administrative regions and region-subtree scoping); other modules import only from here.
export { regionPrefix, regionPrefixOf, regionLike, isWithinRegion, regionLevelOf } from './region-scope.js';
export { findRegion, listChildRegions, type Region } from './regions.repository.js';
export { regionRoutes } from './regions.routes.js';
export { type RegionsTable } from './regions.tables.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as regionsContract from './regions.contract.js';
