import {
  capEvidence,
  cstDay,
  MINUTE,
  type Finding,
  type LearnerDigest,
  type SupersedeFact,
  type Thresholds,
} from './types.js';

/**
 * Several lessons at the same time. The engine keeps one lesson per learner: a start ends whatever was open, on any
 * tab, device or API node, and records `session_superseded` on the ended session. One such record is ordinary (a tab
 * left open); a lesson that was still reporting when another one replaced it, again and again within a window, is a
 * learner (or a tool) running lessons side by side. Only "live" replacements count: the ended session had reported
 * within one gap of the replacement and the replacement is another lesson or another device.
 */
export function detectConcurrentLessons(digest: LearnerDigest, t: Thresholds): Finding[] {
  const sessions = new Map(digest.sessions.map((s) => [s.sessionId, s]));
  const lastReport = new Map<string, number>();
  for (const b of digest.beats)
    if (!b.refused) lastReport.set(b.sessionId, Math.max(lastReport.get(b.sessionId) ?? 0, b.at));
  const gapMs = t.heartbeatSeconds * t.gapFactor * 1000;

  const live: SupersedeFact[] = digest.supersessions
    .filter((s) => {
      const old = sessions.get(s.sessionId);
      const reported = lastReport.get(s.sessionId);
      if (!old || reported === undefined || s.at - reported > gapMs) return false;
      return s.lessonId !== old.lessonId || (s.deviceId !== null && s.deviceId !== old.deviceId);
    })
    .sort((a, b) => a.at - b.at);

  // Sliding window over the live replacements: every one that lies in a window holding enough of them counts.
  const windowMs = t.concurrentWindowMinutes * MINUTE;
  const flagged = new Set<SupersedeFact>();
  let start = 0;
  for (let end = 0; end < live.length; end++) {
    while (live[end].at - live[start].at > windowMs) start++;
    if (end - start + 1 >= t.concurrentMinSupersessions) for (let i = start; i <= end; i++) flagged.add(live[i]);
  }
  if (flagged.size === 0) return [];

  // One alert per class and day: the class of the lesson that was ended.
  const groups = new Map<string, SupersedeFact[]>();
  for (const s of flagged) {
    const key = `${sessions.get(s.sessionId)!.classId}|${cstDay(s.at)}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups].map(([key, events]) => {
    const [classId, day] = key.split('|') as [string, string];
    const involved = new Set(events.flatMap((e) => [e.sessionId, e.bySession]));
    const devices = new Set(events.flatMap((e) => [sessions.get(e.sessionId)!.deviceId, e.deviceId]).filter(Boolean));
    const lessons = new Set(events.flatMap((e) => [sessions.get(e.sessionId)!.lessonId, e.lessonId]).filter(Boolean));
    return {
      kind: 'concurrent_lessons' as const,
      subject: { type: 'learner' as const, id: digest.userId },
      userId: digest.userId,
      classId,
      // Two replacements can be a person moving between a computer and a phone twice; more cannot.
      severity:
        events.length >= Math.max(6, 3 * t.concurrentMinSupersessions) || devices.size >= 3
          ? ('high' as const)
          : events.length >= 3
            ? ('medium' as const)
            : ('low' as const),
      windowKey: day,
      windowStart: events[0].at,
      windowEnd: events[events.length - 1].at,
      facts: {
        replacements: events.length,
        lessons: lessons.size,
        devices: devices.size,
        threshold: t.concurrentMinSupersessions,
        windowMinutes: t.concurrentWindowMinutes,
      },
      evidence: capEvidence(
        events.map((e) => ({ type: 'learning_record' as const, id: e.recordId, at: e.at, note: 'session_superseded' })),
      ),
      sessionIds: [...involved].filter((id) => id !== ''),
    };
  });
}
