import type { ColumnType } from 'kysely';

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
  /** Within the context: the learning check this photo answered (context_id is the learning session). */
  context_step: ColumnType<string | null, string | null | undefined, string | null>;
  engine: string;
  distance: number | null;
  threshold: number;
  result: FaceCheckResult;
  /** Why it did not pass: a quality reason, 'mismatch', a liveness reason ('no_motion', 'wrong_direction', 'flat_image', 'face_changed'), 'not_enrolled', 'photo_invalid'. */
  reason: string | null;
  photo_key: string | null;
  /** JSON: the liveness challenge and what the frames showed (action, head turn per frame, verdict), when one was asked. */
  liveness: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON list of blob keys of the other frames of a liveness check (sealed like the photo). */
  frame_keys: ColumnType<string | null, string | null | undefined, string | null>;
  at: string;
}

/**
 * same_face_other_account: a face (enrolled, or shown at a check) is within the threshold of another account's face;
 * id_photo_mismatch: the ID photo and the live face of one account differ; different_face: a check on the account
 * showed a face that is not the enrolled one (account-sharing.ts).
 */
export type FaceAlertKind = 'same_face_other_account' | 'id_photo_mismatch' | 'different_face';

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
  /** The check that raised it, when a check did (not an enrolment). */
  check_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON (CheckEvidence in account-sharing.ts): the checks gathered by an alert raised by checks, with their distances. */
  evidence: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The platform-wide face index: one row per stored face and table of the LSH (face-index.ts), keyed by bucket. */
export interface FaceIndexTable {
  /** Keyed hash of the bucket (HMAC with the lookup key), never the projections themselves. */
  bucket: string;
  enrolment_id: string;
}
