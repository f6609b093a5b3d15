import { intervalsOf, type Interval } from './intervals.js';
import { capEvidence, cstDay, cstTimeOfDay, HOUR, MINUTE, type Finding, type LearnerDigest, type Thresholds } from './types.js';

/** The night, in China Standard Time: from midnight to six. */
export const NIGHT_END_MS = 6 * HOUR;

function group(intervals: Interval[], keyOf: (i: Interval) => string | null) {
  const out = new Map<string, Interval[]>();
  for (const i of intervals) {
    const key = keyOf(i);
    if (key === null) continue;
    out.set(key, [...(out.get(key) ?? []), i]);
  }
  return out;
}

/**
 * Daily cap overrun: once the day's cap is reached nothing more is credited and the page says so; a person stops.
 * A page that keeps playing for `capOverrunMinutes` after the cap is a page nobody watches (hang-up).
 */
export function detectCapOverrun(digest: LearnerDigest, t: Thresholds): Finding[] {
  const maxGap = t.heartbeatSeconds * t.gapFactor * 1000;
  const over = intervalsOf(digest, maxGap).filter((i) => i.playing && i.beat.reason === 'daily_cap');
  const findings: Finding[] = [];
  for (const [key, list] of group(over, (i) => `${i.session.classId}|${cstDay(i.to)}`)) {
    const ms = list.reduce((sum, i) => sum + (i.to - i.from), 0);
    if (ms < t.capOverrunMinutes * MINUTE) continue;
    const [classId, day] = key.split('|') as [string, string];
    findings.push({
      kind: 'cap_overrun', subject: { type: 'learner', id: digest.userId }, userId: digest.userId, classId,
      severity: ms >= 2 * t.capOverrunMinutes * MINUTE ? 'medium' : 'low',
      windowKey: day, windowStart: list[0]!.from, windowEnd: list[list.length - 1]!.to,
      facts: { minutesAfterCap: Math.round(ms / MINUTE), threshold: t.capOverrunMinutes },
      evidence: capEvidence(list.map((i) => ({ type: 'learning_record' as const, id: i.beat.recordId, at: i.beat.at, note: 'daily_cap' }))),
      sessionIds: [...new Set(list.map((i) => i.session.sessionId))],
    });
  }
  return findings;
}

/**
 * All-night learning: `allNightMinutes` of playing between midnight and six (CST) in one night. Night owls and shift
 * workers learn an hour or two at night; a lesson that plays through the night is a hang-up or a machine.
 */
export function detectAllNight(digest: LearnerDigest, t: Thresholds): Finding[] {
  const maxGap = t.heartbeatSeconds * t.gapFactor * 1000;
  const night = intervalsOf(digest, maxGap).filter((i) => i.playing && cstTimeOfDay(i.to) < NIGHT_END_MS);
  const findings: Finding[] = [];
  for (const [key, list] of group(night, (i) => `${i.session.classId}|${cstDay(i.to)}`)) {
    const ms = list.reduce((sum, i) => sum + Math.min(i.to - i.from, cstTimeOfDay(i.to)), 0);
    if (ms < t.allNightMinutes * MINUTE) continue;
    const [classId, day] = key.split('|') as [string, string];
    const sessions = [...new Set(list.map((i) => i.session))];
    findings.push({
      kind: 'all_night', subject: { type: 'learner', id: digest.userId }, userId: digest.userId, classId,
      severity: ms >= 5 * HOUR ? 'high' : 'medium',
      windowKey: day, windowStart: list[0]!.from, windowEnd: list[list.length - 1]!.to,
      facts: { nightMinutes: Math.round(ms / MINUTE), threshold: t.allNightMinutes },
      evidence: capEvidence(sessions.flatMap((s) => (s.recordId ? [{ type: 'learning_record' as const, id: s.recordId, at: s.startedAt, note: 'session_started' }] : []))),
      sessionIds: sessions.map((s) => s.sessionId),
    });
  }
  return findings;
}

/**
 * Repeated attempts to get ahead: reports the engine judged as skipped ahead or ahead of the watched ground, and
 * reports refused for positions past the end, `seekAheadPerDay` or more in a day. The player snaps back after each,
 * so a person who tries gives up after a few.
 */
export function detectSeekAhead(digest: LearnerDigest, t: Thresholds): Finding[] {
  const sessions = new Map(digest.sessions.map((s) => [s.sessionId, s]));
  const tries = digest.beats.filter((b) => (!b.refused && (b.reason === 'skipped_ahead' || b.reason === 'ahead_of_frontier')) || (b.refused && b.reason === 'bad_position'));
  const groups = new Map<string, typeof tries>();
  for (const b of tries) {
    const s = sessions.get(b.sessionId);
    if (!s) continue;
    const key = `${s.classId}|${cstDay(b.at)}`;
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  const findings: Finding[] = [];
  for (const [key, list] of groups) {
    if (list.length < t.seekAheadPerDay) continue;
    const [classId, day] = key.split('|') as [string, string];
    findings.push({
      kind: 'seek_ahead', subject: { type: 'learner', id: digest.userId }, userId: digest.userId, classId,
      severity: list.length >= 3 * t.seekAheadPerDay ? 'medium' : 'low',
      windowKey: day, windowStart: list[0]!.at, windowEnd: list[list.length - 1]!.at,
      facts: { attempts: list.length, threshold: t.seekAheadPerDay },
      evidence: capEvidence(list.map((b) => ({ type: 'learning_record' as const, id: b.recordId, at: b.at, note: b.reason ?? '' }))),
      sessionIds: [...new Set(list.map((b) => b.sessionId))],
    });
  }
  return findings;
}
