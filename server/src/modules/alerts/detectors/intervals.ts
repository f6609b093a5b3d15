import { beatsBySession } from './digest.js';
import type { BeatFact, LearnerDigest, SessionFact } from './types.js';

/**
 * The judged intervals of a learner's sessions, as the engine saw them: each accepted report closes the interval since
 * the previous accepted one, described by the previous report's state (the player reports every change at once).
 * The first interval of a session starts at the session start, not playing (the player was loading).
 */
export type Interval = {
  session: SessionFact;
  prev: BeatFact | null;
  beat: BeatFact;
  from: number;
  to: number;
  /** The learner's page was playing in view during the interval. */
  playing: boolean;
};

export function intervalsOf(digest: LearnerDigest, maxGapMs: number): Interval[] {
  const sessions = new Map(digest.sessions.map((s) => [s.sessionId, s]));
  const out: Interval[] = [];
  for (const [sessionId, beats] of beatsBySession(digest)) {
    const session = sessions.get(sessionId);
    if (!session) continue;
    let prev: BeatFact | null = null;
    let from = session.startedAt;
    for (const beat of beats) {
      if (beat.refused || beat.effectiveAt === null) continue;
      const to = beat.effectiveAt;
      // A gap earns nothing and says nothing about what the page did meanwhile.
      const playing = !!prev && prev.playing && prev.visible && to - from <= maxGapMs;
      out.push({ session, prev, beat, from, to, playing });
      prev = beat;
      from = to;
    }
  }
  return out;
}
