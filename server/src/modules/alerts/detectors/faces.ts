import {
  capEvidence,
  cstDay,
  DAY,
  type CheckFact,
  type EvidenceRef,
  type FaceAlertFact,
  type FaceCheckFact,
  type Finding,
  type Thresholds,
} from './types.js';

/** Mismatches are counted over this many days. */
export const FACE_MISMATCH_WINDOW_DAYS = 7;

type FaceEvent = { at: number; ok: boolean; ref: EvidenceRef; contextId: string | null };

/**
 * Face failure streaks: `faceFailStreak` face checks in a row that did not pass — refused photos (no face, dark,
 * another person in view), mismatches, or face checks left unanswered while learning. A dark room costs an honest
 * learner a retry or two; nobody in front of the camera fails every one. One finding per streak, keyed by its first day.
 */
export function detectFaceFailures(
  userId: string,
  checks: readonly FaceCheckFact[],
  missed: readonly CheckFact[],
  t: Thresholds,
  classOf: (contextId: string | null) => string | null,
): Finding[] {
  const events: FaceEvent[] = [
    ...checks.map((c) => ({
      at: c.at,
      ok: c.result === 'pass',
      contextId: c.contextId,
      ref: { type: 'face_check' as const, id: c.id, at: c.at, note: c.reason ?? c.result },
    })),
    ...missed
      .filter((m) => m.kind === 'face' && m.event === 'missed')
      .map((m) => ({
        at: m.at,
        ok: false,
        contextId: m.sessionId,
        ref: { type: 'learning_record' as const, id: m.recordId, at: m.at, note: 'check_missed' },
      })),
  ].sort((a, b) => a.at - b.at);
  const findings: Finding[] = [];
  let run: FaceEvent[] = [];
  const close = () => {
    if (run.length >= t.faceFailStreak) {
      const classId = run.map((e) => classOf(e.contextId)).find((c) => c !== null) ?? null;
      findings.push({
        kind: 'face_failures',
        subject: { type: 'learner', id: userId },
        userId,
        classId,
        severity: run.length >= 2 * t.faceFailStreak ? 'high' : 'medium',
        windowKey: cstDay(run[0].at),
        windowStart: run[0].at,
        windowEnd: run[run.length - 1].at,
        facts: { streak: run.length, threshold: t.faceFailStreak },
        evidence: capEvidence(run.map((e) => e.ref)),
        sessionIds: [...new Set(run.map((e) => e.contextId).filter((c): c is string => !!c && classOf(c) !== null))],
      });
    }
    run = [];
  };
  for (const e of events) {
    if (e.ok) close();
    else run.push(e);
  }
  close();
  return findings;
}

/**
 * A different face on one account: `faceMismatchCount` checks whose good-quality photo was not the enrolled face
 * within a week, or the face module's own alert that the ID photo and the live face differ.
 */
export function detectFaceMismatch(
  userId: string,
  checks: readonly FaceCheckFact[],
  alerts: readonly FaceAlertFact[],
  t: Thresholds,
  classOf: (contextId: string | null) => string | null,
): Finding[] {
  const mismatches = checks.filter((c) => c.result === 'fail' && c.reason === 'mismatch').sort((a, b) => a.at - b.at);
  const findings: Finding[] = [];
  let start = 0;
  const flagged = new Set<FaceCheckFact>();
  for (let end = 0; end < mismatches.length; end++) {
    while (mismatches[end].at - mismatches[start].at > FACE_MISMATCH_WINDOW_DAYS * DAY) start++;
    if (end - start + 1 >= t.faceMismatchCount) for (let i = start; i <= end; i++) flagged.add(mismatches[i]);
  }
  const idMismatch = alerts.filter((a) => a.userId === userId && a.kind === 'id_photo_mismatch');
  if (flagged.size === 0 && idMismatch.length === 0) return [];
  const list = [...flagged];
  const first = Math.min(...list.map((c) => c.at), ...idMismatch.map((a) => a.at));
  const last = Math.max(...list.map((c) => c.at), ...idMismatch.map((a) => a.at));
  const classId = list.map((c) => classOf(c.contextId)).find((c) => c !== null) ?? null;
  findings.push({
    kind: 'face_mismatch',
    subject: { type: 'learner', id: userId },
    userId,
    classId,
    severity: list.length >= t.faceMismatchCount || idMismatch.length > 0 ? 'high' : 'medium',
    // A week-long window: the ISO date of the week's first day in CST keeps one alert per learner and week.
    windowKey: weekKey(first),
    windowStart: first,
    windowEnd: last,
    facts: {
      mismatches: list.length,
      idPhotoMismatch: idMismatch.length > 0,
      threshold: t.faceMismatchCount,
      distances: list.slice(-5).map((c) => c.distance),
    },
    evidence: capEvidence(
      [
        ...list.map((c) => ({
          type: 'face_check' as const,
          id: c.id,
          at: c.at,
          note: c.distance === null ? 'mismatch' : `distance ${c.distance.toFixed(3)}`,
        })),
        ...idMismatch.map((a) => ({
          type: 'face_alert' as const,
          id: a.id,
          at: a.at,
          note: `id_photo_mismatch ${a.distance.toFixed(3)}`,
        })),
      ].sort((a, b) => a.at - b.at),
    ),
    sessionIds: [...new Set(list.map((c) => c.contextId).filter((c): c is string => !!c && classOf(c) !== null))],
  });
  return findings;
}

/**
 * One face on several accounts: the face module compares every stored face (and, with the account-sharing index,
 * every check) with other accounts and writes `same_face_other_account`. Each such pair is a high finding for the
 * learner, kept as one alert per pair of accounts.
 */
export function detectSharedFace(
  userId: string,
  alerts: readonly FaceAlertFact[],
  classOf: (contextId: string | null) => string | null,
): Finding[] {
  const byPair = new Map<string, FaceAlertFact[]>();
  for (const a of alerts) {
    if (a.kind !== 'same_face_other_account' || (a.userId !== userId && a.otherUserId !== userId)) continue;
    const other = a.userId === userId ? a.otherUserId : a.userId;
    const key = other ?? a.id;
    byPair.set(key, [...(byPair.get(key) ?? []), a]);
  }
  // The other account is not named in the facts: it may belong to an institution the reader may not see.
  return [...byPair].map(([other, list]) => ({
    kind: 'shared_face' as const,
    subject: { type: 'learner' as const, id: userId },
    userId,
    classId: classOf(null),
    severity: 'high' as const,
    windowKey: `pair:${[userId, other].sort().join('+')}`,
    windowStart: Math.min(...list.map((a) => a.at)),
    windowEnd: Math.max(...list.map((a) => a.at)),
    facts: { matches: list.length, distance: Math.min(...list.map((a) => a.distance)) },
    evidence: list.map((a) => ({
      type: 'face_alert' as const,
      id: a.id,
      at: a.at,
      note: `distance ${a.distance.toFixed(3)}`,
    })),
    sessionIds: [],
  }));
}

function weekKey(ms: number): string {
  const day = new Date(`${cstDay(ms)}T00:00:00Z`);
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY);
  return `week:${monday.toISOString().slice(0, 10)}`;
}
