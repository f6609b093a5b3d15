// The early-warning API's shapes: the server's contracts (server/src/modules/alerts/alerts.contract.ts), as types.
import type { AlertKind, AlertStatus, ApiAnswer, SubjectType } from '@contracts';

export type {
  AlertKind,
  AlertStatus,
  AlertView as Alert,
  Contribution,
  EventView as AlertEvent,
  EvidenceView as Evidence,
  Notification,
  RiskLevel,
  Severity,
  SubjectType,
} from '@contracts';

/** The kinds the filter offers (values for the page; the compiler checks the list against the server's kinds). */
export const ALERT_KINDS = [
  'concurrent_lessons',
  'group_ip',
  'foreign_ip',
  'many_ips',
  'scripted_player',
  'face_failures',
  'face_mismatch',
  'shared_face',
  'shared_device',
  'cap_overrun',
  'all_night',
  'seek_ahead',
  'check_evasion',
  'class_cluster',
  'institution_flagged_learners',
  'institution_clusters',
  'institution_ip_concentration',
  'attendance_anomaly',
  'exam_identical_answers',
  'exam_shared_ip',
  'exam_face_mismatch',
] as const satisfies readonly AlertKind[];
// Fails to compile when the server adds a kind this list does not offer.
const _everyKind: [Exclude<AlertKind, (typeof ALERT_KINDS)[number]>] extends [never] ? true : never = true;
export const SUBJECT_TYPES: SubjectType[] = ['learner', 'class', 'institution', 'teacher'];
export const ALERT_STATUSES: AlertStatus[] = ['open', 'under_review', 'confirmed', 'dismissed'];

export type AlertPage = ApiAnswer<'GET /alerts'>;
export type AlertDetail = ApiAnswer<'GET /alerts/:id'>;
export type RankedLearner = ApiAnswer<'GET /alerts/risk/top-learners'>['items'][number];
