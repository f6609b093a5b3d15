// Shapes of /api/inspection: the server's contracts (server/src/modules/stats/stats.contract.ts), as types.
export type { Finding, InspectionLearner, ClassTotals, InspectionClass, InspectionReport } from '@contracts';
