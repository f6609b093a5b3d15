// Shapes of /api/trace/*: the server's contracts (server/src/modules/stats/stats.contract.ts), as types.
export type { TracedLearner, CheckTrace, FaceCheckTrace, SessionTrace, Timeline } from '@contracts';
