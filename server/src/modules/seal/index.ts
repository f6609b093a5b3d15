// Front door of modules/seal (issue 18, docs/evidence-seal.md): signed checkpoints over the append-only evidence —
// an RFC 6962 Merkle tree of learning records, face checks, alert events and audit entries, its Ed25519-signed tree
// heads, inclusion and consistency proofs, and the export a regulator verifies offline (npm run verify:seal).
export { sealRoutes } from './seal.routes.js';
export { SEAL_JOB, SealService, sealPermissions, type TreeHead } from './seal.service.js';
export { type SealHeadsTable, type SealLeavesTable } from './seal.tables.js';
export { SEAL_KINDS, SEAL_SOURCES, type SealKind } from './leaves.js';
export { describeProblems, verifyExport, type SealProblem, type SealReport } from './verify.js';
export {
  CompactRange,
  consistencyProof,
  inclusionProof,
  rootOf,
  treeHasher,
  verifyConsistency,
  verifyInclusion,
  type HashAlgorithm,
} from './merkle.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as sealContract from './seal.contract.js';
