export { regionPrefix, isWithinRegion, regionLevelOf } from './region-scope.js';
export { findRegion, listChildRegions, type Region } from './regions.repository.js';
export { regionsResponses } from './regions.contract.js';
