import { capEvidence, cstDay, DAY, type Finding, type SessionFact, type Thresholds } from './types.js';

/** How far back a device's accounts are counted. */
export const SHARED_DEVICE_WINDOW_DAYS = 7;

/**
 * One device on several accounts. The player keeps one random id per browser; a family may share a computer and a
 * training room's computers serve one learner after another of the institution that runs the room, so neither is
 * flagged. What is: a device that served `sharedDeviceMinAccounts` accounts of at least `groupMinInstitutions`
 * institutions within a week, or that switched accounts `sharedDeviceSwitchesPerDay` times in one day (a studio
 * rotating accounts through one browser), or that two accounts used at the same time (a copied device id).
 */
export function detectSharedDevice(
  sessions: readonly SessionFact[],
  thresholdsOf: (s: SessionFact) => Thresholds,
): Finding[] {
  const byDevice = new Map<string, SessionFact[]>();
  for (const s of sessions) {
    if (!s.deviceId) continue;
    const list = byDevice.get(s.deviceId);
    if (list) list.push(s);
    else byDevice.set(s.deviceId, [s]);
  }
  const findings: Finding[] = [];
  for (const [deviceId, list] of byDevice) {
    const users = new Set(list.map((s) => s.userId));
    if (users.size < 2) continue;
    list.sort((a, b) => a.startedAt - b.startedAt);
    const newest = list[list.length - 1];
    const t = thresholdsOf(newest);
    const reasons = new Map<string, Set<string>>();
    const flag = (s: SessionFact, why: string) => {
      const key = `${s.userId}|${s.classId}|${cstDay(s.startedAt)}`;
      reasons.set(key, (reasons.get(key) ?? new Set()).add(why));
    };

    const recent = list.filter((s) => newest.startedAt - s.startedAt <= SHARED_DEVICE_WINDOW_DAYS * DAY);
    const recentUsers = new Set(recent.map((s) => s.userId));
    const recentInstitutions = new Set(recent.map((s) => s.institutionId ?? `?${s.userId}`));
    if (recentUsers.size >= t.sharedDeviceMinAccounts && recentInstitutions.size >= t.groupMinInstitutions)
      for (const s of recent) flag(s, 'accounts');

    const byDay = new Map<string, SessionFact[]>();
    for (const s of list) byDay.set(cstDay(s.startedAt), [...(byDay.get(cstDay(s.startedAt)) ?? []), s]);
    for (const day of byDay.values()) {
      let switches = 0;
      for (let i = 1; i < day.length; i++) if (day[i].userId !== day[i - 1].userId) switches++;
      if (switches >= t.sharedDeviceSwitchesPerDay) for (const s of day) flag(s, 'switches');
    }
    // Two accounts reporting from one device id at the same time: one browser holds one sign-in, so the id was copied.
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1];
      const b = list[i];
      if (a.userId !== b.userId && b.startedAt < a.lastAt) {
        flag(a, 'overlap');
        flag(b, 'overlap');
      }
    }

    for (const [key, why] of reasons) {
      const [userId, classId, day] = key.split('|') as [string, string, string];
      const own = list.filter((s) => s.userId === userId && s.classId === classId && cstDay(s.startedAt) === day);
      findings.push({
        kind: 'shared_device',
        subject: { type: 'learner', id: userId },
        userId,
        classId,
        severity: why.has('overlap') || why.size >= 2 ? 'high' : 'medium',
        windowKey: `${day}|${deviceId}`,
        windowStart: own[0].startedAt,
        windowEnd: own[own.length - 1].lastAt,
        facts: {
          deviceId,
          accounts: recentUsers.size,
          institutions: recentInstitutions.size,
          signals: [...why].sort(),
          threshold: t.sharedDeviceMinAccounts,
          switchesPerDay: t.sharedDeviceSwitchesPerDay,
        },
        evidence: capEvidence(
          own.map((s) => ({ type: 'learning_session' as const, id: s.sessionId, at: s.startedAt, note: s.deviceId })),
        ),
        sessionIds: own.map((s) => s.sessionId),
      });
    }
  }
  return findings;
}
