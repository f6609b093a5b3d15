import type { AlertKind, Severity } from './detectors/types.js';

// Risk scores for learners, classes and institutions, explained by the alerts behind them. Pure: the service passes
// the alerts in scope, the score is recomputed on every read (no stored number to go stale).

export type AlertStatus = 'open' | 'under_review' | 'confirmed' | 'dismissed';
export type SubjectKind = 'learner' | 'class' | 'institution' | 'teacher';
export type RiskAlert = {
  id: string;
  kind: AlertKind;
  severity: Severity;
  status: AlertStatus;
  lastSeenAt: number;
  userId: string | null;
  classId: string | null;
  subjectType?: SubjectKind;
};

/** One alert's share of a score; `subjectType` says whose alert it is (a group's own list mixes class, teacher and institution alerts). */
export type Contribution = {
  alertId: string;
  kind: AlertKind;
  severity: Severity;
  status: AlertStatus;
  points: number;
  subjectType?: SubjectKind;
};
export type RiskLevel = 'none' | 'low' | 'medium' | 'high';
export type LearnerRisk = { score: number; level: RiskLevel; contributions: Contribution[] };
export type GroupRisk = {
  score: number;
  level: RiskLevel;
  /** Alerts on the class or institution itself. */
  own: Contribution[];
  /** Members (learners of a class, classes of an institution) with their scores, highest first. */
  members: { id: string; score: number }[];
  flaggedShare: number;
};

export const SEVERITY_POINTS: Record<Severity, number> = { low: 5, medium: 15, high: 35 };
/** An unreviewed alert counts less than a confirmed one; a dismissed one not at all. */
export const STATUS_FACTOR: Record<AlertStatus, number> = { open: 0.6, under_review: 0.8, confirmed: 1, dismissed: 0 };
/** Older alerts fade: half the weight after this many days. */
export const HALF_LIFE_DAYS = 30;
/** A member at or above this score counts as flagged. */
export const FLAGGED_SCORE = 30;

export function levelOf(score: number): RiskLevel {
  if (score >= 60) return 'high';
  if (score >= 30) return 'medium';
  if (score > 0) return 'low';
  return 'none';
}

function contribution(a: RiskAlert, now: number): Contribution {
  const ageDays = Math.max(0, (now - a.lastSeenAt) / 86_400_000);
  const points = SEVERITY_POINTS[a.severity] * STATUS_FACTOR[a.status] * 0.5 ** (ageDays / HALF_LIFE_DAYS);
  return {
    alertId: a.id,
    kind: a.kind,
    severity: a.severity,
    status: a.status,
    points: Math.round(points * 10) / 10,
    ...(a.subjectType ? { subjectType: a.subjectType } : {}),
  };
}

/** A learner: the sum of the alerts' points (severity × status × age), at most 100. */
export function learnerRisk(alerts: readonly RiskAlert[], now: number): LearnerRisk {
  const contributions = alerts
    .map((a) => contribution(a, now))
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points);
  const score = Math.min(100, Math.round(contributions.reduce((sum, c) => sum + c.points, 0)));
  return { score, level: levelOf(score), contributions };
}

/**
 * A class (members = its learners) or an institution (members = its classes): its own alerts' points, plus half of
 * its riskiest member's score, plus up to 50 for the share of members that are flagged — so one bad learner marks a
 * class a little, a class where a third are flagged a lot.
 */
export function groupRisk(
  ownAlerts: readonly RiskAlert[],
  memberScores: ReadonlyMap<string, number>,
  memberCount: number,
  now: number,
): GroupRisk {
  const own = ownAlerts
    .map((a) => contribution(a, now))
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points);
  const members = [...memberScores]
    .map(([id, score]) => ({ id, score }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score);
  const flagged = members.filter((m) => m.score >= FLAGGED_SCORE).length;
  const flaggedShare = memberCount > 0 ? flagged / memberCount : 0;
  const raw =
    own.reduce((sum, c) => sum + c.points, 0) + (members[0]?.score ?? 0) * 0.5 + Math.min(50, flaggedShare * 150);
  const score = Math.min(100, Math.round(raw));
  return {
    score,
    level: levelOf(score),
    own,
    members: members.slice(0, 20),
    flaggedShare: Math.round(flaggedShare * 1000) / 1000,
  };
}
