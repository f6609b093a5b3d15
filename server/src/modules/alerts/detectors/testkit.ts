import { encodeRecord, type Evidence, type EvidenceData, type EvidenceKind } from '../../learning/index.js';
import { digestRecords, type RecordLike, type SessionContext } from './digest.js';
import { DEFAULT_THRESHOLDS } from './index.js';
import type { LearnerDigest, SessionFact, Thresholds } from './types.js';

// Hand-made learning records for detector tests, in the shapes learning.service.ts writes.

export const T0 = Date.parse('2026-11-24T02:00:00.000Z'); // 10:00 in Beijing
export const BROWSER_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export const thresholds = (patch: Partial<Thresholds> = {}): Thresholds => ({ ...DEFAULT_THRESHOLDS, ...patch });

type StartOptions = {
  classId?: string;
  lessonId?: string;
  ip?: string;
  userAgent?: string;
  deviceId?: string;
  webdriver?: boolean;
};
type BeatOptions = {
  positionMs: number;
  clientTimeMs?: number;
  playing?: boolean;
  visible?: boolean;
  reason?: string | null;
  creditedMs?: number;
  refused?: string;
};

export class Recorder {
  readonly rows: RecordLike[] = [];
  private n = 0;
  private sessions = new Map<
    string,
    { seq: number; client: number; effective: number; position: number; lessonId: string }
  >();

  constructor(readonly userId = 'u1') {}

  private push<K extends EvidenceKind>(
    sessionId: string,
    kind: K,
    at: number,
    data: EvidenceData<K>,
    credited = 0,
  ): string {
    const id = `${this.userId}-r${++this.n}`;
    this.rows.push({
      id,
      user_id: this.userId,
      session_id: sessionId,
      ...encodeRecord({ kind, data } as Evidence),
      at: new Date(at).toISOString(),
      credited_ms: credited,
    });
    return id;
  }

  start(sessionId: string, at: number, o: StartOptions = {}): string {
    const lessonId = o.lessonId ?? 'lesson-1';
    this.sessions.set(sessionId, { seq: 0, client: at, effective: at, position: 0, lessonId });
    return this.push(sessionId, 'session_started', at, {
      classId: o.classId ?? 'class-1',
      courseId: 'course-1',
      lessonId,
      durationMs: 3_600_000,
      positionMs: 0,
      deviceId: o.deviceId ?? 'device-1',
      ip: o.ip ?? '115.236.9.1',
      userAgent: o.userAgent ?? BROWSER_UA,
      clientTimeMs: at,
      ...(o.webdriver === undefined ? {} : { webdriver: o.webdriver }),
    });
  }

  beat(sessionId: string, at: number, o: BeatOptions): string {
    const s = this.sessions.get(sessionId)!;
    const clientTimeMs = o.clientTimeMs ?? at;
    const base = {
      seq: ++s.seq,
      positionMs: o.positionMs,
      playing: o.playing ?? true,
      rate: 1,
      visible: o.visible ?? true,
      focused: true,
      clientTimeMs,
    };
    if (o.refused) return this.push(sessionId, 'heartbeat_refused', at, { ...base, reason: o.refused });
    const data = {
      ...base,
      effectiveAt: new Date(at).toISOString(),
      fromPositionMs: s.position,
      heldMs: 0,
      reason: o.reason ?? null,
    };
    s.position = o.positionMs;
    s.client = clientTimeMs;
    s.effective = at;
    return this.push(sessionId, 'heartbeat', at, data, o.creditedMs ?? 0);
  }

  /** Plays from `from` for `minutes`, one report every `everySeconds`, clock and position from `clock` (default exact). */
  play(
    sessionId: string,
    from: number,
    minutes: number,
    o: {
      everySeconds?: number;
      jitter?: (i: number) => number;
      reason?: string | null;
      positionJitter?: (i: number) => number;
      forgedClock?: boolean;
    } = {},
  ): number {
    const every = (o.everySeconds ?? 20) * 1000;
    const s = this.sessions.get(sessionId)!;
    let at = from;
    const n = Math.floor((minutes * 60_000) / every);
    for (let i = 0; i < n; i++) {
      at += every + (o.jitter?.(i) ?? 0);
      // A forged clock says exactly `every` whatever the real spacing was; a real one follows the server's.
      const step = o.forgedClock ? every : at - s.effective;
      this.beat(sessionId, at, {
        positionMs: s.position + step + (o.positionJitter?.(i) ?? 0),
        clientTimeMs: s.client + step,
        reason: o.reason ?? null,
        creditedMs: at - s.effective,
      });
    }
    return at;
  }

  supersede(
    sessionId: string,
    at: number,
    by: string,
    o: { lessonId?: string; deviceId?: string; ip?: string } = {},
  ): string {
    return this.push(sessionId, 'session_superseded', at, {
      bySession: by,
      lessonId: o.lessonId ?? 'lesson-2',
      deviceId: o.deviceId ?? 'device-1',
      ip: o.ip ?? '115.236.9.1',
      heldMsDropped: 0,
    });
  }

  /** `why`: what the record says of a check the server did not schedule (the end of the lesson, asked for, a retry). */
  issue(
    sessionId: string,
    at: number,
    checkId: string,
    kind: 'code' | 'face' = 'code',
    why: Pick<EvidenceData<'check_issued'>, 'final' | 'retryOf' | 'lessonEnd'> = {},
  ): string {
    return this.push(sessionId, 'check_issued', at, {
      checkId,
      kind,
      code: kind === 'code' ? '1234' : null,
      deadline: new Date(at + 60_000).toISOString(),
      ...why,
    });
  }

  answer(
    sessionId: string,
    at: number,
    checkId: string,
    result: EvidenceData<'check_answered'>['result'] = 'passed',
    kind: 'code' | 'face' = 'code',
  ): string {
    return this.push(sessionId, 'check_answered', at, { checkId, kind, result, attempt: 1, committedMs: 0 });
  }

  missed(sessionId: string, at: number, checkId: string, kind: 'code' | 'face' = 'face'): string {
    return this.push(sessionId, 'check_missed', at, { checkId, kind, deadline: new Date(at).toISOString() });
  }

  end(sessionId: string, at: number): string {
    return this.push(sessionId, 'session_ended', at, { creditedMs: 0, heldMsDropped: 0 });
  }

  digest(context: SessionContext = {}): LearnerDigest {
    return digestRecords(this.userId, this.rows, context);
  }
}

/** A session fact for the cross-account detectors. */
export function session(userId: string, at: number, o: Partial<SessionFact> = {}): SessionFact {
  return {
    sessionId: `${userId}-${at}`,
    userId,
    classId: 'class-1',
    lessonId: 'lesson-1',
    startedAt: at,
    lastAt: at + 30 * 60_000,
    ip: '115.236.9.1',
    userAgent: 'Mozilla/5.0',
    deviceId: `dev-${userId}`,
    webdriver: false,
    media: 'video',
    institutionId: 'inst-a',
    recordId: null,
    ...o,
  };
}
