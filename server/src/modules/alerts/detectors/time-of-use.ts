import { intervalsOf, type Interval } from './intervals.js';
import {
  capEvidence,
  cstDay,
  cstTimeOfDay,
  HOUR,
  MINUTE,
  type Finding,
  type LearnerDigest,
  type Thresholds,
} from './types.js';

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
      kind: 'cap_overrun',
      subject: { type: 'learner', id: digest.userId },
      userId: digest.userId,
      classId,
      severity: ms >= 2 * t.capOverrunMinutes * MINUTE ? 'medium' : 'low',
      windowKey: day,
      windowStart: list[0].from,
      windowEnd: list[list.length - 1].to,
      facts: { minutesAfterCap: Math.round(ms / MINUTE), threshold: t.capOverrunMinutes },
      evidence: capEvidence(
        list.map((i) => ({ type: 'learning_record' as const, id: i.beat.recordId, at: i.beat.at, note: 'daily_cap' })),
      ),
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
      kind: 'all_night',
      subject: { type: 'learner', id: digest.userId },
      userId: digest.userId,
      classId,
      severity: ms >= 5 * HOUR ? 'high' : 'medium',
      windowKey: day,
      windowStart: list[0].from,
      windowEnd: list[list.length - 1].to,
      facts: { nightMinutes: Math.round(ms / MINUTE), threshold: t.allNightMinutes },
      evidence: capEvidence(
        sessions.flatMap((s) =>
          s.recordId
            ? [{ type: 'learning_record' as const, id: s.recordId, at: s.startedAt, note: 'session_started' }]
            : [],
        ),
      ),
      sessionIds: sessions.map((s) => s.sessionId),
    });
  }
  return findings;
}

/** Seek-ahead attempts are counted in a sliding window of this length. */
export const SEEK_WINDOW_MS = HOUR;

/**
 * Repeated attempts to get ahead: reports the engine judged as skipped ahead or ahead of the watched ground, and
 * reports refused for positions past the end, `seekAheadPerHour` or more within an hour. The player snaps back after
 * each, so a person who tries gives up after a few; a tool (or a determined skipper) tries again within minutes.
 * One finding per class and day.
 */
export function detectSeekAhead(digest: LearnerDigest, t: Thresholds): Finding[] {
  const sessions = new Map(digest.sessions.map((s) => [s.sessionId, s]));
  const tries = digest.beats
    .filter(
      (b) =>
        (!b.refused && (b.reason === 'skipped_ahead' || b.reason === 'ahead_of_frontier')) ||
        (b.refused && b.reason === 'bad_position'),
    )
    .filter((b) => sessions.has(b.sessionId))
    .sort((a, b) => a.at - b.at);
  const flagged = new Set<(typeof tries)[number]>();
  let widest = 0;
  let start = 0;
  for (let end = 0; end < tries.length; end++) {
    while (tries[end].at - tries[start].at > SEEK_WINDOW_MS) start++;
    if (end - start + 1 >= t.seekAheadPerHour) {
      widest = Math.max(widest, end - start + 1);
      for (let i = start; i <= end; i++) flagged.add(tries[i]);
    }
  }
  const groups = new Map<string, typeof tries>();
  for (const b of flagged) {
    const key = `${sessions.get(b.sessionId)!.classId}|${cstDay(b.at)}`;
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  return [...groups].map(([key, list]) => {
    const [classId, day] = key.split('|') as [string, string];
    return {
      kind: 'seek_ahead' as const,
      subject: { type: 'learner' as const, id: digest.userId },
      userId: digest.userId,
      classId,
      severity: widest >= 3 * t.seekAheadPerHour ? ('medium' as const) : ('low' as const),
      windowKey: day,
      windowStart: list[0].at,
      windowEnd: list[list.length - 1].at,
      facts: { attempts: list.length, inAnHour: widest, threshold: t.seekAheadPerHour },
      evidence: capEvidence(
        list.map((b) => ({ type: 'learning_record' as const, id: b.recordId, at: b.at, note: b.reason ?? '' })),
      ),
      sessionIds: [...new Set(list.map((b) => b.sessionId))],
    };
  });
}
