// Shapes of /api/stats/*: the server's contracts (server/src/modules/stats/stats.contract.ts), as types.
export type { ScopeLevel, DayFigures, BreakdownRow, Dashboard, PlatformStats } from '@contracts';
