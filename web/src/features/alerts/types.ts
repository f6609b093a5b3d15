// The early-warning API's shapes (docs/api.md "Early warning"; server/src/modules/alerts/alerts.service.ts).

export type AlertKind =
  | 'concurrent_lessons'
  | 'group_ip'
  | 'foreign_ip'
  | 'many_ips'
  | 'scripted_player'
  | 'face_failures'
  | 'face_mismatch'
  | 'shared_face'
  | 'shared_device'
  | 'cap_overrun'
  | 'all_night'
  | 'seek_ahead'
  | 'check_evasion'
  | 'class_cluster'
  | 'institution_flagged_learners'
  | 'institution_clusters'
  | 'institution_ip_concentration'
  | 'attendance_anomaly';
export const ALERT_KINDS: AlertKind[] = [
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
];
export type SubjectType = 'learner' | 'class' | 'institution' | 'teacher';
export const SUBJECT_TYPES: SubjectType[] = ['learner', 'class', 'institution', 'teacher'];
export type Severity = 'low' | 'medium' | 'high';
export type AlertStatus = 'open' | 'under_review' | 'confirmed' | 'dismissed';
export const ALERT_STATUSES: AlertStatus[] = ['open', 'under_review', 'confirmed', 'dismissed'];

export type Alert = {
  id: string;
  kind: AlertKind;
  severity: Severity;
  status: AlertStatus;
  subject: { type: 'learner' | 'class' | 'institution' | 'teacher'; id: string; name: string | null };
  learner: { id: string; name: string } | null;
  class: { id: string; name: string } | null;
  institution: { id: string; name: string } | null;
  regionCode: string | null;
  windowStart: string;
  windowEnd: string;
  facts: Record<string, unknown>;
  detections: number;
  sessionCount: number;
  firstSeenAt: string;
  lastSeenAt: string;
  proposal: { decision: 'confirm' | 'dismiss'; reason: string; by: string | null; at: string } | null;
  decision: { by: string | null; at: string; reason: string } | null;
  revokedMs: number;
};

export type AlertPage = { items: Alert[]; total: number; counts: Record<AlertStatus, number> };

export type Evidence = {
  type: 'learning_record' | 'learning_session' | 'face_check' | 'face_alert' | 'alert' | 'attendance';
  id: string;
  at: string;
  note: string | null;
  record?: {
    chainSeq: number;
    kind: string;
    sessionId: string;
    creditedMs: number;
    data: Record<string, unknown>;
    hash: string;
  };
  session?: {
    lessonTitle: string;
    startedAt: string;
    ip: string;
    userAgent: string;
    deviceId: string;
    creditedMs: number;
  };
  faceCheck?: { result: string; reason: string | null; distance: number | null; threshold: number };
  faceAlert?: { kind: string; distance: number };
  alert?: { kind: AlertKind; severity: Severity; status: AlertStatus; learner: string | null };
};

export type AlertEvent = {
  action: string;
  actor: { id: string; name: string; role: string | null } | null;
  reason: string | null;
  details: Record<string, unknown>;
  at: string;
};
export type Contribution = {
  alertId: string;
  kind: AlertKind;
  severity: Severity;
  status: AlertStatus;
  points: number;
  subjectType?: SubjectType;
};
export type RiskLevel = 'none' | 'low' | 'medium' | 'high';

export type AlertDetail = {
  alert: Alert;
  evidence: Evidence[];
  events: AlertEvent[];
  sessions: {
    id: string;
    lessonTitle: string | null;
    startedAt: string | null;
    ip: string | null;
    creditedMs: number;
  }[];
  subsidyHold: { id: string; status: 'held' | 'released' } | null;
  risk: { score: number; level: RiskLevel; contributions: Contribution[] } | null;
  actions: { review: boolean; propose: boolean; decide: boolean };
};

export type RankedLearner = {
  userId: string;
  name: string | null;
  score: number;
  level: RiskLevel;
  contributions: Contribution[];
};

export type Notification = {
  id: string;
  kind: string;
  refType: string | null;
  refId: string | null;
  params: Record<string, unknown>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
};
