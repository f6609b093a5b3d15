import { beatsBySession } from './digest.js';
import {
  capEvidence,
  cstDay,
  type EvidenceRef,
  type Finding,
  type LearnerDigest,
  type SessionFact,
  type Thresholds,
} from './types.js';

/** User agents of automation and HTTP libraries (a browser's own never says these). */
export const AUTOMATION_UA =
  /HeadlessChrome|PhantomJS|Puppeteer|Playwright|Selenium|WebDriver|python-requests|python-urllib|aiohttp|httpx|curl\/|Wget|okhttp|Go-http-client|node-fetch|axios|undici|^node$|Java\/|libwww-perl|Apache-HttpClient/i;

/** Answers needed before their spread means anything (four human answers fall within 250 ms about once in a thousand days). */
export const CONSTANT_ANSWERS = 5;

/** Answers faster than this are not typed by a person; this many within the window are a signal whatever the policy. */
export const INHUMAN_ANSWER_MS = 1000;
export const INHUMAN_ANSWERS = 2;

/** Fast answers are counted within this window (the learner job reads two days). */
export const FAST_ANSWER_WINDOW_MS = 48 * 3_600_000;

/** Fewer periodic reports than this say nothing about timing. */
export const MIN_TIMING_SAMPLES = 15;

export type ScriptSignal =
  'automation' | 'forged_clock' | 'clock_positions' | 'fast_answers' | 'constant_answers' | 'impossible_positions';

/**
 * Scripted players. A person's browser reports on a timer that jitters by milliseconds, a video's position follows the
 * media clock (not always: see clock_positions below), and a person needs seconds to read and type a check code. Signals:
 * - automation: the player reported navigator.webdriver, or the user agent is a headless browser or an HTTP library;
 * - forged_clock: every periodic report of a session exactly `heartbeatSeconds` apart by the client's clock;
 * - clock_positions: a video's position advancing by exactly the client clock's difference, report after report;
 * - fast_answers: `fastAnswerCount` click-to-continue checks of a class answered faster than `answerMinSeconds` within two
 *   days, or two answered in under a second — scheduled checks only (not the one at the end of a lesson, the one the
 *   learner asked for before leaving, or a retry: those are expected, and a quick typist answers them fast);
 * - constant_answers: five or more answers of a day within a quarter of a second of the same delay;
 * - impossible_positions: three or more reports refused for positions past the end or a clock running backwards.
 * Any one signal raises a finding (per class and day) except clock_positions, which a real Chromium player of a silent
 * video produces too and so only corroborates; two or more make it high. A tool that imitates all of this is left to
 * the face checks.
 */
export function detectScripted(digest: LearnerDigest, t: Thresholds): Finding[] {
  const bySession = beatsBySession(digest);
  const perSession = new Map<string, Set<ScriptSignal>>();
  const extra = new Map<string, EvidenceRef[]>();
  const mark = (sessionId: string, signal: ScriptSignal, refs: EvidenceRef[] = []) => {
    perSession.set(sessionId, (perSession.get(sessionId) ?? new Set()).add(signal));
    extra.set(sessionId, [...(extra.get(sessionId) ?? []), ...refs]);
  };
  const beatMs = t.heartbeatSeconds * 1000;

  for (const s of digest.sessions) {
    if (s.webdriver === true || AUTOMATION_UA.test(s.userAgent) || s.userAgent.trim() === '')
      mark(s.sessionId, 'automation');
    const beats = bySession.get(s.sessionId) ?? [];
    const accepted = beats.filter((b) => !b.refused);
    const clockSteps: number[] = [];
    let exact = 0;
    let playing = 0;
    for (let i = 1; i < accepted.length; i++) {
      const prev = accepted[i - 1];
      const beat = accepted[i];
      if (!prev.playing || !prev.visible) continue;
      const dc = beat.clientTimeMs - prev.clientTimeMs;
      if (dc >= beatMs * 0.5 && dc <= beatMs * 1.5) clockSteps.push(dc);
      const dp = beat.positionMs - prev.positionMs;
      if (dp > 0) {
        playing++;
        if (dp === dc) exact++;
      }
    }
    if (clockSteps.length >= MIN_TIMING_SAMPLES && Math.max(...clockSteps) === Math.min(...clockSteps))
      mark(s.sessionId, 'forged_clock');
    if (s.media === 'video' && playing >= MIN_TIMING_SAMPLES && exact >= playing * 0.9)
      mark(s.sessionId, 'clock_positions');
    const impossible = beats.filter(
      (b) => b.refused && (b.reason === 'bad_position' || b.reason === 'clock_backwards'),
    );
    if (impossible.length >= 3)
      mark(
        s.sessionId,
        'impossible_positions',
        impossible.map((b) => ({ type: 'learning_record', id: b.recordId, at: b.at, note: b.reason ?? '' })),
      );
  }

  // Answer delays of click-to-continue checks, pooled per class and day. Only checks issued at a moment the server
  // chose count: the learner sees the one at the end of the lesson, the one asked for before leaving and a retry coming,
  // and a quick typist answers those fast (an issued record from before causes were written counts as scheduled).
  const issued = new Map(
    digest.checks
      .filter((c) => c.event === 'issued' && (c.cause ?? 'schedule') === 'schedule')
      .map((c) => [c.checkId, c]),
  );
  const sessions = new Map(digest.sessions.map((s) => [s.sessionId, s]));
  const answers = new Map<string, { sessionId: string; delay: number; ref: EvidenceRef }[]>();
  for (const c of digest.checks) {
    if (c.event !== 'answered' || c.kind !== 'code') continue;
    const from = issued.get(c.checkId);
    const session = sessions.get(c.sessionId);
    if (!from || !session) continue;
    const key = `${session.classId}|${cstDay(session.startedAt)}`;
    answers.set(key, [
      ...(answers.get(key) ?? []),
      {
        sessionId: c.sessionId,
        delay: c.at - from.at,
        ref: { type: 'learning_record', id: c.recordId, at: c.at, note: `${((c.at - from.at) / 1000).toFixed(1)} s` },
      },
    ]);
  }
  // Fast answers are counted per class over a sliding two days (a tool may get few checks in a short day): the
  // policy's count under its bound, or two under a second — nobody reads a popup and types four digits that fast.
  const byClass = new Map<string, { sessionId: string; delay: number; ref: EvidenceRef }[]>();
  for (const [key, list] of answers) {
    const classId = key.split('|')[0];
    byClass.set(classId, [...(byClass.get(classId) ?? []), ...list]);
  }
  const sliding = (list: { sessionId: string; delay: number; ref: EvidenceRef }[], count: number) => {
    const sorted = [...list].sort((a, b) => a.ref.at - b.ref.at);
    let start = 0;
    for (let end = 0; end < sorted.length; end++) {
      while (sorted[end].ref.at - sorted[start].ref.at > FAST_ANSWER_WINDOW_MS) start++;
      if (end - start + 1 >= count)
        for (let i = start; i <= end; i++) mark(sorted[i].sessionId, 'fast_answers', [sorted[i].ref]);
    }
  };
  for (const list of byClass.values()) {
    sliding(
      list.filter((a) => a.delay < t.answerMinSeconds * 1000),
      t.fastAnswerCount,
    );
    sliding(
      list.filter((a) => a.delay < INHUMAN_ANSWER_MS),
      INHUMAN_ANSWERS,
    );
  }
  for (const list of answers.values()) {
    if (list.length >= CONSTANT_ANSWERS) {
      const delays = list.map((a) => a.delay);
      if (Math.max(...delays) - Math.min(...delays) < 250)
        for (const a of list) mark(a.sessionId, 'constant_answers', [a.ref]);
    }
  }
  if (perSession.size === 0) return [];

  const groups = new Map<string, SessionFact[]>();
  for (const id of perSession.keys()) {
    const s = sessions.get(id)!;
    const key = `${s.classId}|${cstDay(s.startedAt)}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  // A real player does not always keep the media clock apart from the page clock: Chromium playing a silent video
  // moved its position by exactly the client clock's step in 80 % of a person's reports (npm run measure:real-player,
  // docs/performance.md). Positions that follow the clock corroborate another signal; alone they raise nothing.
  for (const [key, own] of groups)
    if (own.every((s) => [...perSession.get(s.sessionId)!].every((signal) => signal === 'clock_positions')))
      groups.delete(key);
  return [...groups].map(([key, own]) => {
    const [classId, day] = key.split('|') as [string, string];
    own.sort((a, b) => a.startedAt - b.startedAt);
    const signals = new Set(own.flatMap((s) => [...perSession.get(s.sessionId)!]));
    const evidence: EvidenceRef[] = own.flatMap((s) => [
      ...(s.recordId
        ? [
            {
              type: 'learning_record' as const,
              id: s.recordId,
              at: s.startedAt,
              note: [...perSession.get(s.sessionId)!].join(','),
            },
          ]
        : []),
      ...(extra.get(s.sessionId) ?? []),
    ]);
    return {
      kind: 'scripted_player' as const,
      subject: { type: 'learner' as const, id: digest.userId },
      userId: digest.userId,
      classId,
      severity: signals.size >= 2 ? ('high' as const) : ('medium' as const),
      windowKey: day,
      windowStart: own[0].startedAt,
      windowEnd: own[own.length - 1].lastAt,
      facts: {
        signals: [...signals].sort(),
        sessions: own.length,
        answerMinSeconds: t.answerMinSeconds,
        userAgents: [...new Set(own.map((s) => s.userAgent))].slice(0, 3),
      },
      evidence: capEvidence(evidence.sort((a, b) => a.at - b.at)),
      sessionIds: own.map((s) => s.sessionId),
    };
  });
}
