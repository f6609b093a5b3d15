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
  type QualityReason,
  type QualityRules,
} from './quality.js';
export { AccountSharing, type CheckEvidence, type SameFace } from './account-sharing.js';
export { FACE_INDEX_PARAMS, FaceIndexHasher, type FaceIndexParams } from './face-index.js';
export { facesResponses } from './faces.contract.js';
