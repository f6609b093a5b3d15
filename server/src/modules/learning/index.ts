// Front door of modules/learning (the supervised learning engine: sessions, heartbeats, crediting, evidence, face checks while learning); other modules import only from here.
export {
  EVIDENCE_KINDS,
  EvidenceDecodeError,
  checkEvidence,
  decodeRecord,
  decodeRecordOf,
  encodeRecord,
  evidenceDraft,
  evidenceSchemas,
  isEvidenceKind,
  type Evidence,
  type EvidenceData,
  type EvidenceKind,
  type EvidenceOf,
} from './evidence.js';
export { appendEvidence } from './exam-evidence.js';
export { LearningOnlineProgress, LearningTheoryProgress } from './learning-progress.js';
export { LearningRecordsService } from './learning-records.service.js';
export { LearningSuspensionsService } from './learning-suspensions.service.js';
export { LearningTokens, learningTokenKey } from './learning-token.js';
export { learningRoutes } from './learning.routes.js';
export {
  type FaceAnswer,
  type FaceVerdict,
  type FaceVerifier,
  type LearningCheckRef,
  LearningService,
} from './learning.service.js';
export {
  type LearningClassStatusTable,
  type LearningDailyTable,
  type LearningRecordsTable,
  type LearningSessionsTable,
  type LessonProgressTable,
} from './learning.tables.js';
export { type RecordDraft, type RecordRow, chain, chainHeadOf, verifyAllChains, verifyChain } from './records.js';
export {
  type CompletionRule,
  type RevocationResult,
  dropLiveLesson,
  rebuildClassProgress,
  revokeCredit,
} from './revocation.js';
export { verifyDerived, verifyAllDerived, type DerivedDifference } from './derived.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as learningContract from './learning.contract.js';
