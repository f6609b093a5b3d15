// What the faces API returns: the server's contracts (server/src/modules/faces/faces.contract.ts), as types.
import type { ApiAnswer } from '@contracts';
export type {
  QualityMeasures,
  MyEnrolment,
  Enrolment,
  LearnerFaces,
  FaceAlertKind as AlertKind,
  CheckEvidence,
  FaceAlert,
} from '@contracts';
export type ReenrolmentRequest = ApiAnswer<'GET /faces/re-enrolments'>['requests'][number];
