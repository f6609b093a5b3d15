import {
  capEvidence,
  cstDay,
  MINUTE,
  type CheckFact,
  type EvidenceRef,
  type Finding,
  type LearnerDigest,
  type Thresholds,
} from './types.js';

// Checks dodged or ignored (issue 14, ADR 0008). Credit is held until the next check is passed, so a tool that ends
// or restarts the lesson whenever a check appears, or plays on and never answers, earns nothing; this detector makes
// it visible as its events arrive:
// - a *dodge* is a lesson left while a check was open: ended (`check_missed` with reason `session_ended`) or replaced by
//   a new start (`session_superseded` of the session holding it). Counted per check, in a sliding window.
// - a check *played through*: the real player pauses the lesson the moment a check is shown (its dialog blocks the
//   video or the reading timer), so reports that keep saying "playing, in view" for longer than one heartbeat after a
//   check was issued, on a check never passed, come from something that is not our player looking at the screen.

/** Reports still playing after the check was issued (beyond one heartbeat of grace) that make a check played through. */
const PLAYED_THROUGH_BEATS = 2;

type CheckLife = { issued: CheckFact; closed: CheckFact | null; passed: boolean };

function checkLives(digest: LearnerDigest): Map<string, CheckLife> {
  const lives = new Map<string, CheckLife>();
  for (const c of digest.checks) {
    const life = lives.get(c.checkId);
    if (c.event === 'issued') {
      if (!life) lives.set(c.checkId, { issued: c, closed: null, passed: false });
      continue;
    }
    if (!life || life.closed) continue;
    if (c.event === 'missed') life.closed = c;
    else if (c.result === 'passed') {
      life.closed = c;
      life.passed = true;
    } else if (c.result === 'failed' || c.result === 'late') life.closed = c;
  }
  return lives;
}

/** When the next check after `life` was issued (a retry replaces a failed check). */
function nextIssued(lives: Map<string, CheckLife>, life: CheckLife): number {
  let next = Number.POSITIVE_INFINITY;
  for (const other of lives.values()) if (other.issued.at > life.issued.at) next = Math.min(next, other.issued.at);
  return next;
}

export function detectCheckEvasion(digest: LearnerDigest, t: Thresholds): Finding[] {
  const sessions = new Map(digest.sessions.map((s) => [s.sessionId, s]));
  const lives = checkLives(digest);
  const dodges = new Map<string, { at: number; sessionId: string; ref: EvidenceRef }>();
  for (const life of lives.values()) {
    const c = life.closed;
    if (c?.event === 'missed' && c.reason === 'session_ended')
      dodges.set(life.issued.checkId, {
        at: c.at,
        sessionId: c.sessionId,
        ref: { type: 'learning_record', id: c.recordId, at: c.at, note: 'ended_with_check_open' },
      });
  }
  for (const s of digest.supersessions) {
    for (const life of lives.values()) {
      if (dodges.has(life.issued.checkId) || life.issued.at > s.at) continue;
      const holder = life.issued.sessionId === s.sessionId;
      const open = !life.closed || life.closed.at > s.at;
      if (holder && open)
        dodges.set(life.issued.checkId, {
          at: s.at,
          sessionId: s.sessionId,
          ref: { type: 'learning_record', id: s.recordId, at: s.at, note: 'restarted_with_check_open' },
        });
    }
  }

  const grace = t.heartbeatSeconds * 1000;
  const playedThrough: { at: number; sessionId: string; ref: EvidenceRef }[] = [];
  for (const life of lives.values()) {
    if (life.passed) continue;
    const from = life.issued.at + grace;
    const until = life.closed ? life.closed.at : Number.POSITIVE_INFINITY;
    const playing = digest.beats.filter((b) => {
      const at = b.effectiveAt ?? b.at;
      return !b.refused && b.playing && b.visible && at > from && at <= until;
    });
    // Playing on while the check is failed (the player shows it and blocks the lesson until a new one is passed).
    const after = life.closed && !life.passed ? life.closed.at : Number.POSITIVE_INFINITY;
    const next = nextIssued(lives, life);
    playing.push(
      ...digest.beats.filter((b) => !b.refused && b.reason === 'check_failed' && b.at > after && b.at <= next),
    );
    if (playing.length >= PLAYED_THROUGH_BEATS)
      playedThrough.push({
        at: playing[playing.length - 1].at,
        sessionId: life.issued.sessionId,
        ref: { type: 'learning_record', id: life.issued.recordId, at: life.issued.at, note: 'played_through_check' },
      });
  }

  // The most dodges within one window.
  const window = t.checkDodgeWindowMinutes * MINUTE;
  const times = [...dodges.values()].sort((a, b) => a.at - b.at);
  let widest = 0;
  for (let end = 0, start = 0; end < times.length; end++) {
    while (times[end].at - times[start].at > window) start++;
    widest = Math.max(widest, end - start + 1);
  }
  const dodging = widest >= t.checkDodgeCount;
  const ignoring = playedThrough.length >= t.playedThroughChecks;
  if (!dodging && !ignoring) return [];

  const events = [...(dodging ? times : []), ...(ignoring ? playedThrough : [])].sort((a, b) => a.at - b.at);
  const groups = new Map<string, typeof events>();
  for (const e of events) {
    const classId = sessions.get(e.sessionId)?.classId ?? '';
    const key = `${classId}|${cstDay(e.at)}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups].map(([key, list]) => {
    const [classId, day] = key.split('|') as [string, string];
    return {
      kind: 'check_evasion' as const,
      subject: { type: 'learner' as const, id: digest.userId },
      userId: digest.userId,
      classId: classId || null,
      severity: dodging && ignoring ? ('high' as const) : ('medium' as const),
      windowKey: day,
      windowStart: list[0].at,
      windowEnd: list[list.length - 1].at,
      facts: {
        dodges: dodges.size,
        inWindow: widest,
        windowMinutes: t.checkDodgeWindowMinutes,
        threshold: t.checkDodgeCount,
        playedThrough: playedThrough.length,
        playedThroughThreshold: t.playedThroughChecks,
      },
      evidence: capEvidence(list.map((e) => e.ref)),
      sessionIds: [...new Set(list.map((e) => e.sessionId))],
    };
  });
}
