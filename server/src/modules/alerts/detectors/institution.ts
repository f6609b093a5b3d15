import { isPrivateIp } from '../../../adapters/geoip.js';
import type { LearnerAlertFact } from './class-cluster.js';
import type { AlertKind, EvidenceRef, Finding, Thresholds } from './types.js';

// Institution subjects: patterns a regulator wants to see at the level of the institution, not of one learner or one
// class — many of its learners flagged at once, clusters in several of its classes, its learning concentrated on a
// few addresses it has not declared as training rooms. The institution is the subject; the learners' or classes'
// alerts and the addresses are the evidence.

const live = (a: { status: string; severity: string }) => a.status !== 'dismissed' && a.severity !== 'low';
const round3 = (x: number) => Math.round(x * 1000) / 1000;

function finding(
  kind: AlertKind,
  institutionId: string,
  windowKey: string,
  at: number[],
  severity: Finding['severity'],
  facts: Record<string, unknown>,
  evidence: EvidenceRef[],
): Finding {
  return {
    kind,
    subject: { type: 'institution', id: institutionId },
    userId: null,
    classId: null,
    severity,
    windowKey,
    windowStart: Math.min(...at),
    windowEnd: Math.max(...at),
    facts,
    evidence,
    sessionIds: [],
  };
}

/**
 * Many flagged learners: at least `institutionMinFlagged` learners, and `institutionFlaggedShare` of the learners
 * active in its classes, with open, under-review or confirmed alerts of medium or high severity in the window.
 */
export function detectInstitutionFlaggedLearners(
  institutionId: string,
  activeLearners: number,
  alerts: readonly LearnerAlertFact[],
  t: Thresholds,
  windowKey: string,
): Finding[] {
  const flagged = alerts.filter(live);
  const learners = new Set(flagged.map((a) => a.userId));
  if (activeLearners <= 0 || learners.size < t.institutionMinFlagged) return [];
  const share = learners.size / activeLearners;
  if (share < t.institutionFlaggedShare) return [];
  const kinds: Record<string, number> = {};
  for (const a of flagged) kinds[a.kind] = (kinds[a.kind] ?? 0) + 1;
  const sorted = [...flagged].sort((a, b) => a.at - b.at);
  return [
    finding(
      'institution_flagged_learners',
      institutionId,
      windowKey,
      sorted.map((a) => a.at),
      share >= 2 * t.institutionFlaggedShare ? 'high' : 'medium',
      {
        learners: learners.size,
        activeLearners,
        share: round3(share),
        threshold: t.institutionMinFlagged,
        thresholdShare: t.institutionFlaggedShare,
        kinds,
      },
      sorted
        .slice(-60)
        .map((a) => ({ type: 'alert' as const, id: a.alertId, at: a.at, userId: a.userId, note: a.kind })),
    ),
  ];
}

export type ClusterAlertFact = {
  alertId: string;
  classId: string;
  severity: Finding['severity'];
  status: string;
  at: number;
};

/** Clusters in several classes: `institutionMinClusterClasses` classes with a live class-cluster alert in the window. */
export function detectInstitutionClusters(
  institutionId: string,
  clusters: readonly ClusterAlertFact[],
  classCount: number,
  t: Thresholds,
  windowKey: string,
): Finding[] {
  const alive = clusters.filter((c) => c.status !== 'dismissed');
  const classes = new Set(alive.map((c) => c.classId));
  if (classes.size < t.institutionMinClusterClasses) return [];
  const sorted = [...alive].sort((a, b) => a.at - b.at);
  const high = alive.filter((c) => c.severity === 'high').length;
  return [
    finding(
      'institution_clusters',
      institutionId,
      windowKey,
      sorted.map((c) => c.at),
      classes.size >= 2 * t.institutionMinClusterClasses || high >= t.institutionMinClusterClasses ? 'high' : 'medium',
      { classes: classes.size, classCount, highClusters: high, threshold: t.institutionMinClusterClasses },
      sorted.slice(-60).map((c) => ({ type: 'alert' as const, id: c.alertId, at: c.at, note: 'class_cluster' })),
    ),
  ];
}

/** One learner seen on one address (their sessions there, first and last start). */
export type LearnerIpFact = { userId: string; ip: string; sessions: number; firstAt: number; lastAt: number };

/**
 * Learning concentrated on a few addresses: the institution's `institutionIpTopAddresses` busiest public addresses
 * that are not in a training room it declared hold at least `institutionIpMinLearners` learners and
 * `institutionIpShare` of its learners active in the window. Learners at home each bring their own address; a whole
 * roster behind two or three undeclared addresses is a room the regulator has not been told about, or a studio.
 * `declared(ip)` says whether the address lies in one of the institution's declared rooms.
 */
export function detectInstitutionIpConcentration(
  institutionId: string,
  facts: readonly LearnerIpFact[],
  declared: (ip: string) => boolean,
  t: Thresholds,
  windowKey: string,
): Finding[] {
  const active = new Set(facts.map((f) => f.userId));
  if (active.size < t.institutionIpMinLearners) return [];
  const byIp = new Map<string, LearnerIpFact[]>();
  for (const f of facts) {
    if (!f.ip || isPrivateIp(f.ip) || declared(f.ip)) continue;
    byIp.set(f.ip, [...(byIp.get(f.ip) ?? []), f]);
  }
  // An address of one learner is a home, not a place where learning is concentrated.
  const top = [...byIp]
    .map(([ip, list]) => ({ ip, list, learners: new Set(list.map((f) => f.userId)).size }))
    .filter((x) => x.learners >= 2)
    .sort((a, b) => b.learners - a.learners || (a.ip < b.ip ? -1 : 1))
    .slice(0, t.institutionIpTopAddresses);
  const covered = new Set(top.flatMap((x) => x.list.map((f) => f.userId)));
  const share = covered.size / active.size;
  if (covered.size < t.institutionIpMinLearners || share < t.institutionIpShare) return [];
  const at = top.flatMap((x) => x.list.flatMap((f) => [f.firstAt, f.lastAt]));
  return [
    finding(
      'institution_ip_concentration',
      institutionId,
      windowKey,
      at,
      share >= Math.min(1, 1.6 * t.institutionIpShare) ? 'high' : 'medium',
      {
        learners: covered.size,
        activeLearners: active.size,
        share: round3(share),
        addresses: top.map((x) => ({ ip: x.ip, learners: x.learners })),
        threshold: t.institutionIpMinLearners,
        thresholdShare: t.institutionIpShare,
      },
      [],
    ),
  ];
}
