// The player's side of a supervised learning session, free of React: it starts the session, reports playback on a
// timer and on every change, keeps reports the network could not take in an ordered queue and sends them when it
// comes back, and tells the page what the server decided. The server alone decides what is credited.
import { isApiError } from '../../api/client';
import type { LearningTransport } from './api';
import type { AnswerReply, Beat, CheckResult, HeartbeatResult, LiveView, SessionEnd, StartedSession } from './types';

/** What the page reads from the video or the document reader. */
export type Playback = { positionMs: number; playing: boolean; rate: number };
/** Null while the media is not on screen yet: the report then repeats the last position, not playing. */
export type PlaybackReader = () => Playback | null;

export type ControllerState = {
  status: 'idle' | 'starting' | 'running' | 'ended' | 'refused' | 'closed';
  live: LiveView | null;
  /** Where this session started playing from (the server's resume point). */
  startedAtMs: number;
  /** The server's verdict on the newest report, with the report before it (to tell why it was not credited). */
  last: { result: HeartbeatResult; previous: Beat | null } | null;
  offline: boolean;
  queued: number;
  superseded: StartedSession['superseded'];
  /** Whether the lesson has face checks, from the start's answer. */
  faceChecks: StartedSession['faceChecks'] | null;
  end: SessionEnd | null;
  error: unknown;
};

export type ControllerDeps = {
  transport: LearningTransport;
  read: PlaybackReader;
  visible: () => boolean;
  focused: () => boolean;
  now: () => number;
};

export const MAX_BATCH = 30;
// Reports older than the server's late limit (5 min) earn nothing; keep enough for a long outage, not forever.
const MAX_QUEUE = 600;
const RETRY_MS = [2_000, 4_000, 8_000, 15_000];
const MEANINGFUL_MS = 1_000;

const INITIAL: ControllerState = {
  status: 'idle',
  live: null,
  startedAtMs: 0,
  last: null,
  offline: false,
  queued: 0,
  superseded: null,
  faceChecks: null,
  end: null,
  error: null,
};

export class SessionController {
  private state: ControllerState = INITIAL;
  private listeners = new Set<() => void>();
  private queue: Beat[] = [];
  private sent = new Map<number, Beat>();
  private seq = 0;
  private lastClientTime = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private inflight: Promise<void> | null = null;
  private generation = 0;

  constructor(
    private readonly deps: ControllerDeps,
    private readonly target: { classId: string; lessonId: string; deviceId: string },
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): ControllerState => this.state;

  private set(patch: Partial<ControllerState>): void {
    this.state = { ...this.state, ...patch, queued: this.queue.length };
    for (const listener of this.listeners) listener();
  }

  private get sessionId(): string | null {
    return this.state.live?.sessionId ?? null;
  }

  /** Starts (or, after the session was ended elsewhere, starts again) and schedules the reports. */
  async start(): Promise<void> {
    const generation = ++this.generation;
    this.stopTimers();
    // An exchange of the previous session may still be under way; it sees the new generation and stops.
    this.inflight = null;
    this.queue = [];
    this.sent.clear();
    this.seq = 0;
    this.set({ ...INITIAL, status: 'starting' });
    const clientTimeMs = this.deps.now();
    try {
      const session = await this.deps.transport.start({ ...this.target, clientTimeMs });
      if (generation !== this.generation) {
        // The page went away while the start was on its way: end what it opened.
        this.deps.transport.endOnLeave(session.sessionId);
        return;
      }
      this.lastClientTime = clientTimeMs;
      const { superseded, faceChecks, ...live } = session;
      this.set({ status: 'running', live, startedAtMs: live.resumeAtMs, superseded, faceChecks: faceChecks ?? null });
      this.timer = setInterval(() => this.report(), Math.max(1, live.heartbeatSeconds) * 1000);
    } catch (error) {
      if (generation === this.generation) this.set({ status: 'refused', error });
    }
  }

  /** Reports the playback now: called by the timer and on every play, pause, seek, rate, visibility or focus change. */
  report(): void {
    if (this.state.status !== 'running') return;
    this.enqueue();
    void this.flush();
  }

  private enqueue(): void {
    const live = this.state.live;
    if (!live) return;
    const previous = this.queue[this.queue.length - 1] ?? this.sent.get(this.seq);
    const playback = this.deps.read() ?? {
      positionMs: previous?.positionMs ?? this.state.startedAtMs,
      playing: false,
      rate: 1,
    };
    // Reports must move forward in time even when two events share a millisecond.
    const clientTimeMs = Math.max(Math.round(this.deps.now()), this.lastClientTime + 1);
    this.lastClientTime = clientTimeMs;
    this.queue.push({
      seq: ++this.seq,
      positionMs: Math.max(0, Math.min(Math.round(playback.positionMs), live.durationMs)),
      playing: playback.playing,
      rate: Math.max(0.0625, Math.min(16, playback.rate || 1)),
      visible: this.deps.visible(),
      focused: this.deps.focused(),
      clientTimeMs,
    });
    if (this.queue.length > MAX_QUEUE) this.queue.splice(0, this.queue.length - MAX_QUEUE);
    this.set({});
  }

  /** The network is back (or may be): send what is waiting. */
  resume(): void {
    this.failures = 0;
    void this.flush();
  }

  private flush(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    const run: Promise<void> = this.drain().finally(() => {
      if (this.inflight === run) this.inflight = null;
    });
    this.inflight = run;
    return run;
  }

  private async drain(): Promise<void> {
    const generation = this.generation;
    while (
      this.queue.length > 0 &&
      this.sessionId &&
      (this.state.status === 'running' || this.state.status === 'closed')
    ) {
      const sessionId = this.sessionId;
      const batch = this.queue.slice(0, MAX_BATCH);
      try {
        const answer = await this.deps.transport.heartbeats(sessionId, batch);
        if (generation !== this.generation) return;
        const lastSeq = batch[batch.length - 1].seq;
        this.queue = this.queue.filter((b) => b.seq > lastSeq);
        this.failures = 0;
        this.remember(batch);
        const { results, ...live } = answer;
        this.set({
          live: this.state.status === 'closed' ? this.state.live : live,
          offline: false,
          last: this.verdict(results),
        });
        if (this.endedByFaceChecks(live)) return;
      } catch (error) {
        if (generation !== this.generation) return;
        if (this.endedBy(error)) return;
        // Signed out (the client is already taking the browser to the sign-in page): nothing more to send.
        if (isApiError(error) && error.status === 401) return;
        if (
          isApiError(error) &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status !== 408 &&
          error.status !== 429 &&
          error.code !== 'LEARNING_BUSY'
        ) {
          // A report the server will never take: drop it rather than block the ones after it.
          const lastSeq = batch[batch.length - 1].seq;
          this.queue = this.queue.filter((b) => b.seq > lastSeq);
          this.set({});
          continue;
        }
        // Offline or a passing server problem: keep the queue and try again a little later.
        const offline = !isApiError(error) || error.status === 0;
        this.set({ offline });
        if (this.state.status === 'running') {
          const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)];
          this.failures += 1;
          this.retryTimer = setTimeout(() => void this.flush(), wait);
        }
        return;
      }
    }
  }

  /**
   * The verdict to show: the newest one, unless it judged a moment too short to mean anything (two events in a row)
   * and earned nothing; the one before it then still stands.
   */
  private verdict(results: HeartbeatResult[]): ControllerState['last'] {
    const newest = [...results].sort((a, b) => b.seq - a.seq)[0];
    if (!newest) return this.state.last;
    const previous = this.sent.get(newest.seq - 1) ?? null;
    const beat = this.sent.get(newest.seq);
    const blink =
      previous &&
      beat &&
      beat.clientTimeMs - previous.clientTimeMs < MEANINGFUL_MS &&
      newest.creditedMs === 0 &&
      newest.heldMs === 0;
    return blink && this.state.last ? this.state.last : { result: newest, previous };
  }

  /** Keeps the reports the server has seen, to read the one before each verdict. */
  private remember(batch: Beat[]): void {
    for (const beat of batch) this.sent.set(beat.seq, beat);
    for (const seq of this.sent.keys()) if (seq < this.seq - MAX_BATCH * 2) this.sent.delete(seq);
  }

  /** LEARNING_SESSION_ENDED: another lesson was started (one at a time) or the session lapsed. */
  private endedBy(error: unknown): boolean {
    if (!isApiError(error, 'LEARNING_SESSION_ENDED')) return false;
    this.stopTimers();
    this.queue = [];
    const reason = error.detail('reason') === 'superseded' ? 'superseded' : 'expired';
    this.set({
      status: 'ended',
      end: { reason, startedAt: error.detail('startedAt'), lessonId: error.detail('lessonId'), ip: error.detail('ip') },
    });
    return true;
  }

  /** Missed face checks reached a policy limit: the server ended the session (lesson reset, or learning suspended). */
  private endedByFaceChecks(live: LiveView): boolean {
    if (!live.ended || !live.consequences?.length || this.state.status !== 'running') return false;
    this.stopTimers();
    this.queue = [];
    this.set({ status: 'ended', end: { reason: 'face_checks', consequences: live.consequences } });
    return true;
  }

  async answer(code: string): Promise<CheckResult | 'closed'> {
    const reply = await this.send({ code });
    return reply === 'closed' ? reply : reply.result;
  }

  /** A face check's frames (JPEG data URLs, in the order filmed); the reply says what the face engine decided. */
  answerFace(frames: string[]): Promise<AnswerReply | 'closed'> {
    return this.send({ frames });
  }

  private async send(body: { code: string } | { frames: string[] }): Promise<AnswerReply | 'closed'> {
    const check = this.state.live?.check;
    const sessionId = this.sessionId;
    if (!check || !sessionId || this.state.status !== 'running') return 'closed';
    try {
      const { result, face, ...live } = await this.deps.transport.answer(sessionId, check.id, body);
      this.set({ live });
      if (this.endedByFaceChecks(live)) return 'closed';
      return { result, face: face ?? null };
    } catch (error) {
      if (this.endedBy(error)) return 'closed';
      if (isApiError(error, 'LEARNING_CHECK_NOT_OPEN')) {
        this.set({ live: this.state.live ? { ...this.state.live, check: null } : null });
        return 'closed';
      }
      throw error;
    }
  }

  async retryCheck(): Promise<void> {
    const sessionId = this.sessionId;
    if (!sessionId || this.state.status !== 'running') return;
    try {
      this.set({ live: await this.deps.transport.retry(sessionId) });
    } catch (error) {
      if (!this.endedBy(error)) throw error;
    }
  }

  /** Before leaving: a last report, then a final check for the time held since the last passed check (ADR 0008). */
  async confirmHeld(): Promise<void> {
    const sessionId = this.sessionId;
    if (!sessionId || this.state.status !== 'running') return;
    this.enqueue();
    await this.flush();
    try {
      this.set({ live: await this.deps.transport.finalCheck(sessionId) });
    } catch (error) {
      if (!this.endedBy(error)) throw error;
    }
  }

  /** The player closes (navigation): a last report for the ground since the previous one, then the end. */
  async close(): Promise<void> {
    const sessionId = this.sessionId;
    this.stopTimers();
    if (this.state.status !== 'running' || !sessionId) {
      // Still starting: the start's answer sees the new generation and ends what it opened.
      this.generation += 1;
      return;
    }
    this.enqueue();
    this.set({ status: 'closed' });
    // The queue drains in order (an exchange already under way included); failures are not retried once closed.
    await this.flush();
    await this.deps.transport.end(sessionId).catch(() => undefined);
  }

  /** The page is being unloaded: no time for a last report, only the keep-alive end. */
  leave(): void {
    const sessionId = this.sessionId;
    const running = this.state.status === 'running';
    this.generation += 1;
    this.stopTimers();
    if (running && sessionId) {
      this.deps.transport.endOnLeave(sessionId);
      this.set({ status: 'closed' });
    }
  }

  private stopTimers(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.timer = null;
    this.retryTimer = null;
  }
}
