import type { AlertKind, Severity } from './detectors/types.js';
import type { AlertStatus } from './risk.js';

// Early warning (预警): alerts raised by the detectors over learning records and face checks, their evidence and
// workflow, in-app notifications, subsidy holds (the subsidy issue reads them) and the periodic scan's bookmark.

export type SubjectType = 'learner' | 'class' | 'institution' | 'teacher';

export interface AlertsTable {
  id: string;
  kind: AlertKind;
  severity: Severity;
  /** open → under_review → confirmed | dismissed. */
  status: AlertStatus;
  subject_type: SubjectType;
  subject_id: string;
  /** The learner concerned (learner subjects). */
  user_id: string | null;
  class_id: string | null;
  /** Scope: the class's institution and region (or the learner's, when no class is known). */
  institution_id: string | null;
  region_code: string | null;
  /** kind | subject | class | window: a detector finding the same thing again updates this alert. */
  dedupe_key: string;
  window_start: string;
  window_end: string;
  /** JSON: the figures that explain the alert (counts, thresholds, addresses). */
  facts: string;
  /** JSON: learning sessions whose credit the alert puts in doubt. */
  session_ids: string;
  /** How many times a detector has reported it. */
  detections: number;
  first_seen_at: string;
  last_seen_at: string;
  /** The institution's proposal (it reviews; the regulator decides). */
  proposal: 'confirm' | 'dismiss' | null;
  proposal_reason: string | null;
  proposed_by: string | null;
  proposed_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  /** Credit removed by the confirmation (ms). */
  revoked_ms: number;
  created_at: string;
  updated_at: string;
}

export type EvidenceType =
  'learning_record' | 'learning_session' | 'face_check' | 'face_alert' | 'alert' | 'attendance';

export interface AlertEvidenceTable {
  alert_id: string;
  ref_type: EvidenceType;
  ref_id: string;
  user_id: string | null;
  at: string;
  note: string | null;
}

export type AlertAction = 'raised' | 'escalated' | 'review_started' | 'proposed' | 'confirmed' | 'dismissed';

/** The alert's history: every workflow step with its reason, and every escalation by a detector. */
export interface AlertEventsTable {
  id: string;
  alert_id: string;
  action: AlertAction;
  actor_id: string | null;
  actor_role: string | null;
  reason: string | null;
  /** JSON */
  details: string;
  at: string;
}

/** In-app notifications, one row per recipient. */
export interface NotificationsTable {
  id: string;
  user_id: string;
  /** e.g. alert_raised, alert_proposed, alert_decided */
  kind: string;
  ref_type: string | null;
  ref_id: string | null;
  /** JSON: what the message needs (alert kind, severity, learner or class name, decision). */
  params: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

/** A learner's subsidy eligibility held by a confirmed alert; the subsidy work reads `status = 'held'`. */
export interface SubsidyHoldsTable {
  id: string;
  user_id: string;
  class_id: string | null;
  alert_id: string;
  status: 'held' | 'released';
  reason: string;
  created_by: string;
  created_at: string;
  released_by: string | null;
  released_at: string | null;
  release_reason: string | null;
}

/** The periodic scan's bookmark and lease (one runner at a time across nodes). */
export interface AlertScansTable {
  name: string;
  scanned_until: string;
  locked_by: string | null;
  locked_until: string | null;
}
