// Face enrolments (one active per learner and source), face check results (append-only evidence) and alerts.
// Descriptors and photos are biometric data: the descriptor is sealed with the PII key, the photo is stored sealed
// in the blob store (see faces.service.ts).

export type EnrolmentSource = 'live' | 'id_photo';
/** pending: a re-enrolment waiting for the institution; superseded: replaced by a newer one of the same source. */
export type EnrolmentStatus = 'active' | 'pending' | 'superseded' | 'rejected';

export interface FaceEnrolmentsTable {
  id: string;
  user_id: string;
  source: EnrolmentSource;
  status: EnrolmentStatus;
  /**
   * `<source>:<status>` while active or pending, null afterwards: unique with user_id, so one learner never has two
   * active (or two pending) enrolments of a source even when requests race on several nodes.
   */
  slot: string | null;
  /** AES-GCM sealed base64 of the 128 float32 numbers. */
  descriptor_enc: string;
  photo_key: string;
  engine: string;
  /** JSON: the quality measures at enrolment (face share, score, yaw, pitch, brightness, sharpness). */
  quality: string;
  /**
   * Distance to the face this one was compared with when stored: for an ID photo, the active live enrolment; for a
   * live enrolment, the active ID photo; for a re-enrolment, the live enrolment it would replace.
   */
  compared_distance: number | null;
  compared_threshold: number | null;
  /** The learner's reason for a re-enrolment. */
  reason: string | null;
  created_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export type FaceCheckResult = 'pass' | 'fail' | 'rejected' | 'not_enrolled';

export interface FaceChecksTable {
  id: string;
  user_id: string;
  enrolment_id: string | null;
  /** What asked for the check: 'learning' (a face check while watching), 'attendance', … */
  context_kind: string;
  context_id: string | null;
  engine: string;
  distance: number | null;
  threshold: number;
  result: FaceCheckResult;
  /** Why it did not pass: a quality reason, 'mismatch', 'not_enrolled', 'photo_invalid'. */
  reason: string | null;
  photo_key: string | null;
  at: string;
}

export type FaceAlertKind = 'same_face_other_account' | 'id_photo_mismatch';

export interface FaceAlertsTable {
  id: string;
  kind: FaceAlertKind;
  user_id: string;
  enrolment_id: string;
  other_user_id: string | null;
  other_enrolment_id: string | null;
  distance: number;
  threshold: number;
  /** The learner's institution and region, so that alerts are scoped like the learner. */
  institution_id: string | null;
  region_code: string | null;
  created_at: string;
}
