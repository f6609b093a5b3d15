export {
  FacesService,
  facesPermissions,
  type Enrolment,
  type LearnerFaces,
  type MyEnrolment,
} from './faces.service.js';
export { FaceVerifierService, type FaceCheckContext, type Verification } from './face-verifier.service.js';
export { FaceAlertsService, type FaceAlert } from './face-alerts.service.js';
export { FaceEvidence, readFacePhoto, sniffFacePhoto, FACE_PHOTO_MAX_BYTES } from './face-evidence.js';
export {
  assessQuality,
  DEFAULT_QUALITY_RULES,
  QUALITY_ERRORS,
  qualityErrorOf,
  type QualityReason,
  type QualityRules,
} from './quality.js';
export { AccountSharing, type CheckEvidence, type SameFace } from './account-sharing.js';
export { FACE_INDEX_PARAMS, FaceIndexHasher, type FaceIndexParams } from './face-index.js';
export { faceRoutes } from './faces.routes.js';
export {
  type FaceAlertsTable,
  type FaceChecksTable,
  type FaceEnrolmentsTable,
  type FaceIndexTable,
} from './faces.tables.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as facesContract from './faces.contract.js';
