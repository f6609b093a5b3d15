import type { BeatFact, CheckFact, LearnerDigest, SessionFact, SupersedeFact } from './types.js';

// Turns a learner's learning records (the shapes learning.service.ts writes) into the facts the detectors read.
// Pure: the service passes rows from `learning_records`, the bench passes simulated rows of the same shape.

export type RecordLike = {
  id: string;
  user_id: string;
  session_id: string;
  kind: string;
  at: string;
  data: string | Record<string, unknown>;
  credited_ms: number;
};

export type SessionContext = {
  /** Lesson id → how its position is measured. */
  lessonMedia?: ReadonlyMap<string, 'video' | 'document'>;
  /** Class id → institution id. */
  classInstitution?: ReadonlyMap<string, string>;
};

const PAGE_KINDS = new Set(['heartbeat', 'heartbeat_refused', 'check_answered']);
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function digestRecords(
  userId: string,
  records: readonly RecordLike[],
  context: SessionContext = {},
): LearnerDigest {
  const sessions = new Map<string, SessionFact>();
  const beats: BeatFact[] = [];
  const supersessions: SupersedeFact[] = [];
  const checks: CheckFact[] = [];
  for (const r of records) {
    const at = Date.parse(r.at);
    const d = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown>;
    // A session's last activity is the last thing its page sent (a supersession is written by the next start).
    const session = sessions.get(r.session_id);
    if (session && at > session.lastAt && PAGE_KINDS.has(r.kind)) session.lastAt = at;
    switch (r.kind) {
      case 'session_started': {
        const classId = str(d.classId) ?? '';
        const lessonId = str(d.lessonId) ?? '';
        sessions.set(r.session_id, {
          sessionId: r.session_id,
          userId,
          classId,
          lessonId,
          startedAt: at,
          lastAt: at,
          ip: str(d.ip) ?? '',
          userAgent: str(d.userAgent) ?? '',
          deviceId: str(d.deviceId) ?? '',
          webdriver: typeof d.webdriver === 'boolean' ? d.webdriver : null,
          media: context.lessonMedia?.get(lessonId) ?? null,
          institutionId: context.classInstitution?.get(classId) ?? null,
          recordId: r.id,
        });
        break;
      }
      case 'heartbeat':
      case 'heartbeat_refused':
        beats.push({
          recordId: r.id,
          sessionId: r.session_id,
          at,
          seq: num(d.seq),
          clientTimeMs: num(d.clientTimeMs),
          positionMs: num(d.positionMs),
          playing: d.playing === true,
          visible: d.visible === true,
          focused: d.focused === true,
          rate: num(d.rate, 1),
          effectiveAt: typeof d.effectiveAt === 'string' ? Date.parse(d.effectiveAt) : null,
          fromPositionMs: typeof d.fromPositionMs === 'number' ? d.fromPositionMs : null,
          creditedMs: r.credited_ms,
          heldMs: num(d.heldMs),
          reason: str(d.reason),
          refused: r.kind === 'heartbeat_refused',
        });
        break;
      case 'session_superseded':
        supersessions.push({
          recordId: r.id,
          sessionId: r.session_id,
          at,
          bySession: str(d.bySession) ?? '',
          lessonId: str(d.lessonId),
          deviceId: str(d.deviceId),
          ip: str(d.ip),
        });
        break;
      case 'check_issued':
      case 'check_answered':
      case 'check_missed':
        checks.push({
          recordId: r.id,
          sessionId: r.session_id,
          checkId: str(d.checkId) ?? '',
          kind: str(d.kind) ?? 'code',
          event: r.kind === 'check_issued' ? 'issued' : r.kind === 'check_answered' ? 'answered' : 'missed',
          at,
          result: str(d.result),
          ...(r.kind === 'check_missed' ? { reason: str(d.reason) } : {}),
        });
        break;
      default:
        break;
    }
  }
  return { userId, sessions: [...sessions.values()], beats, supersessions, checks };
}

/** A learner's accepted beats grouped by session, in order. */
export function beatsBySession(digest: LearnerDigest): Map<string, BeatFact[]> {
  const out = new Map<string, BeatFact[]>();
  for (const b of digest.beats) {
    const list = out.get(b.sessionId);
    if (list) list.push(b);
    else out.set(b.sessionId, [b]);
  }
  return out;
}
