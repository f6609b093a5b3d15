import { beijingDate, CST_OFFSET_MS } from '../../../platform/time.js';

// The shapes the early-warning detectors read and write. Detectors are pure functions over these facts: the service
// builds them from the database (learning records, sessions, face checks), the bench builds them from simulated
// records of the same shape, and tests build them by hand.

/** Every kind of alert, in the order the consoles list them; the type and the answer schema derive from it. */
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
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export type Severity = 'low' | 'medium' | 'high';
export const SEVERITY_RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3 };

/** One lesson session as its `session_started` record and `learning_sessions` row describe it. */
export type SessionFact = {
  sessionId: string;
  userId: string;
  classId: string;
  lessonId: string;
  /** Server time of the start (ms). */
  startedAt: number;
  /** Last record of the session (ms); the start when nothing followed. */
  lastAt: number;
  ip: string;
  userAgent: string;
  deviceId: string;
  /** What the player said about navigator.webdriver (null: not reported). */
  webdriver: boolean | null;
  /** video: the position is the media clock; document: a reading timer driven by the page's own clock. */
  media: 'video' | 'document' | null;
  /** The class's institution (cross-account detectors tell a training room from a studio by it). */
  institutionId: string | null;
  recordId: string | null;
};

/** An accepted heartbeat (`heartbeat` record) or a refused one (`heartbeat_refused`). */
export type BeatFact = {
  recordId: string;
  sessionId: string;
  /** Server receipt time (ms). */
  at: number;
  seq: number;
  clientTimeMs: number;
  positionMs: number;
  playing: boolean;
  visible: boolean;
  focused: boolean;
  rate: number;
  /** Accepted beats: the server time the report is taken to describe, and where the judged interval started. */
  effectiveAt: number | null;
  fromPositionMs: number | null;
  creditedMs: number;
  heldMs: number;
  /** Why less or nothing was credited (accepted) or why it was refused. */
  reason: string | null;
  refused: boolean;
};

export type SupersedeFact = {
  recordId: string;
  sessionId: string;
  at: number;
  bySession: string;
  lessonId: string | null;
  deviceId: string | null;
  ip: string | null;
};

export type CheckFact = {
  recordId: string;
  sessionId: string;
  checkId: string;
  kind: string;
  event: 'issued' | 'answered' | 'missed';
  at: number;
  result: string | null;
  /** Why a check was missed: 'session_ended' when the lesson was left with it open (ADR 0008); otherwise absent. */
  reason?: string | null;
  /**
   * Why an issued check was put (issued events): at a moment the server chose ('schedule'), because the end of the
   * lesson was reached ('lesson_end'), because the learner asked to confirm the time held ('final'), or as the retry of a
   * failed one the learner asked for ('retry'). Only scheduled checks come as a surprise.
   */
  cause?: CheckCause;
};

export type CheckCause = 'schedule' | 'lesson_end' | 'final' | 'retry';

/** A learner's recent evidence, in chain order. */
export type LearnerDigest = {
  userId: string;
  sessions: SessionFact[];
  beats: BeatFact[];
  supersessions: SupersedeFact[];
  checks: CheckFact[];
};

export type FaceCheckFact = {
  id: string;
  userId: string;
  at: number;
  result: string;
  reason: string | null;
  distance: number | null;
  contextId: string | null;
};
export type FaceAlertFact = {
  id: string;
  kind: string;
  userId: string;
  otherUserId: string | null;
  at: number;
  distance: number;
};

export type EvidenceRef = {
  type: 'learning_record' | 'learning_session' | 'face_check' | 'face_alert' | 'alert' | 'attendance';
  id: string;
  at: number;
  /** The learner whose evidence it is (co-accounts of a group are named here). */
  userId?: string;
  note?: string;
};

/** What a detector concluded about one subject in one window. */
export type Finding = {
  kind: AlertKind;
  subject: { type: 'learner' | 'class' | 'institution' | 'teacher'; id: string };
  /** The learner concerned (learner subjects). */
  userId: string | null;
  classId: string | null;
  severity: Severity;
  /** Same detector + subject + class + window key = the same alert, updated rather than raised again. */
  windowKey: string;
  windowStart: number;
  windowEnd: number;
  /** Figures that explain the finding (counts, thresholds, addresses), shown with the alert. */
  facts: Record<string, unknown>;
  evidence: EvidenceRef[];
  /** Learning sessions whose credit the finding puts in doubt (what a confirmation revokes). */
  sessionIds: string[];
};

/** Detector thresholds: the `alerts` block of the regional policy (policies/policy.ts) plus the engine's timing. */
export type Thresholds = {
  heartbeatSeconds: number;
  gapFactor: number;
  concurrentMinSupersessions: number;
  concurrentWindowMinutes: number;
  groupMinAccounts: number;
  groupMinInstitutions: number;
  groupWindowMinutes: number;
  /** Accounts of one institution behind one address that is not one of its declared training rooms. */
  groupInstitutionMinAccounts: number;
  /** On a mobile carrier's shared (carrier-grade NAT) address: accounts needed without a shared user agent. */
  groupMobileMinAccounts: number;
  foreignIpProvince: boolean;
  manyIpsCount: number;
  manyIpsWindowMinutes: number;
  answerMinSeconds: number;
  fastAnswerCount: number;
  faceFailStreak: number;
  faceMismatchCount: number;
  sharedDeviceMinAccounts: number;
  sharedDeviceSwitchesPerDay: number;
  capOverrunMinutes: number;
  allNightMinutes: number;
  seekAheadPerHour: number;
  /** Lessons left (ended or restarted) with a check open, within the window, that raise `check_evasion`. */
  checkDodgeCount: number;
  checkDodgeWindowMinutes: number;
  /** Checks played through (reported playing on after the check was shown) and never passed. */
  playedThroughChecks: number;
  /** Institutions: flagged learners (medium/high alerts in a week), at least this many and this share of the active. */
  institutionMinFlagged: number;
  institutionFlaggedShare: number;
  /** Institutions: classes with a class cluster within 30 days. */
  institutionMinClusterClasses: number;
  /** Institutions: learners on their few busiest undeclared addresses in a week, at least this many and this share. */
  institutionIpMinLearners: number;
  institutionIpShare: number;
  institutionIpTopAddresses: number;
  /** Teachers: learners of one offline session checked in by one device (user agent, address, exact position). */
  attendanceSameDeviceMin: number;
  /** Teachers: learners of one offline session whose check-in photo showed another face. */
  attendanceFaceMismatchMin: number;
  /** The most seats a declared training room is believed to have, whatever it declares. */
  trainingRoomMaxSeats: number;
};

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** China Standard Time calendar day of a server time (the window key of daily detectors). */
export const cstDay = (ms: number): string => beijingDate(ms);

/** Milliseconds since CST midnight. */
export function cstTimeOfDay(ms: number): number {
  return (((ms + CST_OFFSET_MS) % DAY) + DAY) % DAY;
}

/** Evidence lists are bounded: an alert names its first and latest pieces, and counts the rest in its facts. */
export function capEvidence(refs: EvidenceRef[], max = 60): EvidenceRef[] {
  if (refs.length <= max) return refs;
  const half = Math.floor(max / 2);
  return [...refs.slice(0, half), ...refs.slice(refs.length - (max - half))];
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}
