export { regionPrefix, regionPrefixOf, isWithinRegion, regionLevelOf } from './region-scope.js';
export { findRegion, listChildRegions, type Region } from './regions.repository.js';
