import { checkEvidence, decodeRecord } from '../../learning/index.js';
import type { BeatFact, CheckCause, CheckFact, LearnerDigest, SessionFact, SupersedeFact } from './types.js';

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
    const e = typeof r.data === 'string' ? decodeRecord({ ...r, data: r.data }) : checkEvidence(r.kind, r.data, r.id);
    // A session's last activity is the last thing its page sent (a supersession is written by the next start).
    const session = sessions.get(r.session_id);
    if (session && at > session.lastAt && PAGE_KINDS.has(r.kind)) session.lastAt = at;
    switch (e.kind) {
      case 'session_started': {
        const d = e.data;
        sessions.set(r.session_id, {
          sessionId: r.session_id,
          userId,
          classId: d.classId,
          lessonId: d.lessonId,
          startedAt: at,
          lastAt: at,
          ip: d.ip,
          userAgent: d.userAgent,
          deviceId: d.deviceId,
          webdriver: d.webdriver ?? null,
          media: context.lessonMedia?.get(d.lessonId) ?? null,
          institutionId: context.classInstitution?.get(d.classId) ?? null,
          recordId: r.id,
        });
        break;
      }
      case 'heartbeat':
      case 'heartbeat_refused': {
        const d = e.data;
        const accepted = e.kind === 'heartbeat' ? e.data : null;
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
          effectiveAt: accepted?.effectiveAt !== undefined ? Date.parse(accepted.effectiveAt) : null,
          fromPositionMs: accepted?.fromPositionMs ?? null,
          creditedMs: r.credited_ms,
          heldMs: num(accepted?.heldMs),
          reason: d.reason,
          refused: e.kind === 'heartbeat_refused',
        });
        break;
      }
      case 'session_superseded':
        supersessions.push({
          recordId: r.id,
          sessionId: r.session_id,
          at,
          bySession: e.data.bySession,
          lessonId: e.data.lessonId,
          deviceId: e.data.deviceId,
          ip: e.data.ip,
        });
        break;
      case 'check_issued':
      case 'check_answered':
      case 'check_missed':
        checks.push({
          recordId: r.id,
          sessionId: r.session_id,
          checkId: e.data.checkId,
          kind: e.data.kind,
          event: e.kind === 'check_issued' ? 'issued' : e.kind === 'check_answered' ? 'answered' : 'missed',
          at,
          result: e.kind === 'check_answered' ? e.data.result : null,
          ...(e.kind === 'check_missed' ? { reason: e.data.reason ?? null } : {}),
          ...(e.kind === 'check_issued' ? { cause: causeOf(e.data) } : {}),
        });
        break;
      default:
        break;
    }
  }
  return { userId, sessions: [...sessions.values()], beats, supersessions, checks };
}

/** Why a check was issued, from what its `check_issued` record says. */
function causeOf(d: { final?: boolean; retryOf?: string; lessonEnd?: boolean }): CheckCause {
  if (d.final) return 'final';
  if (d.retryOf) return 'retry';
  if (d.lessonEnd) return 'lesson_end';
  return 'schedule';
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
