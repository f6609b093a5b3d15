import type { AlertKind, Finding, Severity } from './types.js';

export const CLUSTER_MIN_LEARNERS = 5;
export const CLUSTER_MIN_SHARE = 0.2;

export type LearnerAlertFact = {
  alertId: string;
  userId: string;
  kind: AlertKind;
  severity: Severity;
  status: string;
  at: number;
};

/**
 * A class where many learners are flagged at once: at least five learners and a fifth of the roster with open or
 * confirmed alerts of medium or high severity. The class (its institution, its teachers) becomes the subject; the
 * learners' alerts are the evidence. One finding per class and window key (the caller's week).
 */
export function detectClassCluster(
  classId: string,
  enrolled: number,
  alerts: readonly LearnerAlertFact[],
  windowKey: string,
): Finding[] {
  const live = alerts.filter((a) => a.status !== 'dismissed' && a.severity !== 'low');
  const learners = new Set(live.map((a) => a.userId));
  if (learners.size < CLUSTER_MIN_LEARNERS || enrolled <= 0 || learners.size / enrolled < CLUSTER_MIN_SHARE) return [];
  const kinds: Record<string, number> = {};
  for (const a of live) kinds[a.kind] = (kinds[a.kind] ?? 0) + 1;
  const share = learners.size / enrolled;
  const sorted = [...live].sort((a, b) => a.at - b.at);
  return [
    {
      kind: 'class_cluster',
      subject: { type: 'class', id: classId },
      userId: null,
      classId,
      severity: share >= 0.5 ? 'high' : 'medium',
      windowKey,
      windowStart: sorted[0].at,
      windowEnd: sorted[sorted.length - 1].at,
      facts: { learners: learners.size, enrolled, share: Math.round(share * 1000) / 1000, kinds },
      evidence: sorted
        .slice(-60)
        .map((a) => ({ type: 'alert' as const, id: a.alertId, at: a.at, userId: a.userId, note: a.kind })),
      sessionIds: [],
    },
  ];
}
