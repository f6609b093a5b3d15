import type { HotState } from '../../adapters/hotstate.js';
import type { DbOrTrx } from '../../database/schema.js';
import { decodeRecord, decodeRecordOf, evidenceDraft, type Evidence } from './evidence.js';
import { cstDay } from './crediting.js';
import { liveKey } from './learning.service.js';
import { chain, chainHeadOf, type RecordRow } from './records.js';
import { addSegment, measure, mergeSegments, trimToNewGround, type Segment } from './segments.js';

// A confirmed fraud removes the credit it tainted. The evidence stays: the decision is a new `credit_revoked` record
// on the learner's chain naming the sessions it strikes out, and the derived progress (lesson_progress, learning_daily)
// is rebuilt from the records of the sessions that remain — so class hours and the theory gate see the change, and a
// later rebuild (or `npm run verify:learning`) reaches the same figures from the chain alone.

export const CREDIT_REVOKED = 'credit_revoked' as const;

export type CompletionRule = { completionShare: number; faceMinPerLesson: number };
export type RevocationInput = {
  userId: string;
  classId: string;
  /** Sessions whose credit is struck out; 'all' = every session of the class so far. */
  sessions: string[] | 'all';
  decisionId: string;
  reason: string;
  decidedBy: string;
  at: Date;
};
export type LessonChange = {
  lessonId: string;
  creditedMsBefore: number;
  creditedMsAfter: number;
  completeBefore: boolean;
  completeAfter: boolean;
};
export type RevocationResult = {
  revokedMs: number;
  sessionIds: string[];
  lessons: LessonChange[];
  recordId: string;
  chainSeq: number;
};

/** Ends the learner's live lesson so the next start reloads the rebuilt progress (a live state would write back its own). */
export async function dropLiveLesson(hot: HotState, userId: string): Promise<void> {
  await hot.del(liveKey(userId));
}

type Parsed = { row: RecordRow; evidence: Evidence };

async function classRecords(db: DbOrTrx, userId: string, classId: string) {
  const sessions = await db
    .selectFrom('learning_sessions')
    .select(['id', 'lesson_id'])
    .where('user_id', '=', userId)
    .where('class_id', '=', classId)
    .execute();
  const lessonOf = new Map(sessions.map((s) => [s.id, s.lesson_id]));
  const ids = sessions.map((s) => s.id);
  const rows: RecordRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('learning_records')
        .selectAll()
        .where('user_id', '=', userId)
        .where('session_id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  const decisions = await db
    .selectFrom('learning_records')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', CREDIT_REVOKED)
    .execute();
  rows.sort((a, b) => a.chain_seq - b.chain_seq);
  const revoked = new Set<string>();
  for (const d of decisions) {
    const decision = decodeRecordOf(CREDIT_REVOKED, d);
    if (decision.classId === classId) for (const id of decision.sessionIds) revoked.add(id);
  }
  return {
    lessonOf,
    records: rows.map((row) => ({ row, evidence: decodeRecord(row) })),
    revoked,
  };
}

type LessonState = { coverage: Segment[]; credited: number; facePasses: number; faceIssued: boolean };

/** Replays the engine's committed credit from the records of the sessions that are not struck out. */
export function replayCredit(
  records: readonly Parsed[],
  lessonOf: ReadonlyMap<string, string>,
  excluded: ReadonlySet<string>,
): Map<string, LessonState> {
  const lessons = new Map<string, LessonState>();
  // Held ground belongs to the lesson, not the session (ADR 0008): carried from one session to the next.
  const pending = new Map<string, Segment[]>();
  const lesson = (id: string) => {
    let s = lessons.get(id);
    if (!s) lessons.set(id, (s = { coverage: [], credited: 0, facePasses: 0, faceIssued: false }));
    return s;
  };
  for (const { row, evidence } of records) {
    const lessonId = lessonOf.get(row.session_id);
    // A lesson reset (too many missed face checks, face-checks.ts) wiped the lesson's ground and credit when it
    // happened, whatever is struck out later.
    if (evidence.kind === 'lesson_reset' && lessonId) {
      lessons.set(lessonId, { coverage: [], credited: 0, facePasses: 0, faceIssued: lesson(lessonId).faceIssued });
      pending.delete(lessonId);
      continue;
    }
    if (!lessonId || excluded.has(row.session_id)) continue;
    const s = lesson(lessonId);
    const held = pending.get(lessonId) ?? [];
    switch (evidence.kind) {
      case 'heartbeat': {
        const { data } = evidence;
        // Heartbeats the demo seed wrote carry no starting position: they are ground no replay can place.
        const from = data.fromPositionMs ?? NaN;
        const to = data.positionMs;
        const heldMs = data.heldMs ?? 0;
        if (!(to > from)) break;
        const watched = mergeSegments(s.coverage, held);
        if (row.credited_ms > 0) {
          s.coverage = addSegment(s.coverage, trimToNewGround(watched, [from, to], row.credited_ms));
          s.credited += row.credited_ms;
        } else if (heldMs > 0) {
          pending.set(lessonId, addSegment(held, trimToNewGround(watched, [from, to], heldMs)));
        }
        break;
      }
      case 'check_issued':
        if (evidence.data.kind === 'face') s.faceIssued = true;
        break;
      case 'check_answered':
        if (evidence.data.result === 'passed') {
          s.coverage = mergeSegments(s.coverage, held);
          s.credited += row.credited_ms;
          if (evidence.data.kind === 'face') s.facePasses += 1;
          pending.delete(lessonId);
        } else if (evidence.data.result !== 'wrong' && evidence.data.result !== 'retake') pending.delete(lessonId);
        break;
      case 'check_missed':
        pending.delete(lessonId);
        break;
      case 'session_ended':
      case 'session_superseded':
        // Records written before ADR 0008 dropped the held ground here (they say how much); later ones carry it.
        if ((evidence.data.heldMsDropped ?? 0) > 0) pending.delete(lessonId);
        break;
      default:
        break;
    }
  }
  return lessons;
}

/**
 * Rebuilds the learner's progress rows of a class from the chain (idempotent). `extraExcluded` are sessions a decision
 * being written strikes out. Returns the change per lesson.
 */
export async function rebuildClassProgress(
  db: DbOrTrx,
  userId: string,
  classId: string,
  rule: CompletionRule,
  at: Date,
  extraExcluded: ReadonlySet<string> = new Set(),
) {
  const { lessonOf, records, revoked } = await classRecords(db, userId, classId);
  const excluded = new Set([...revoked, ...extraExcluded]);
  const replay = replayCredit(records, lessonOf, excluded);
  const rows = await db
    .selectFrom('lesson_progress')
    .selectAll()
    .where('user_id', '=', userId)
    .where('class_id', '=', classId)
    .execute();
  const changes: LessonChange[] = [];
  for (const row of rows) {
    const s = replay.get(row.lesson_id) ?? { coverage: [], credited: 0, facePasses: 0, faceIssued: false };
    const facesOk = !s.faceIssued || s.facePasses >= rule.faceMinPerLesson;
    const complete = facesOk && measure(s.coverage) >= row.duration_ms * rule.completionShare;
    const completedAt = complete ? (row.completed_at ?? at.toISOString()) : null;
    changes.push({
      lessonId: row.lesson_id,
      creditedMsBefore: row.credited_ms,
      creditedMsAfter: s.credited,
      completeBefore: row.completed_at !== null,
      completeAfter: complete,
    });
    if (
      row.credited_ms === s.credited &&
      row.completed_at === completedAt &&
      row.coverage === JSON.stringify(s.coverage) &&
      row.face_passes === s.facePasses
    )
      continue;
    await db
      .updateTable('lesson_progress')
      .set({
        coverage: JSON.stringify(s.coverage),
        credited_ms: s.credited,
        face_passes: s.facePasses,
        completed_at: completedAt,
        updated_at: at.toISOString(),
      })
      .where('user_id', '=', userId)
      .where('class_id', '=', classId)
      .where('lesson_id', '=', row.lesson_id)
      .execute();
  }
  return { changes, records, lessonOf, revoked };
}

/**
 * Strikes out the credit of the given sessions: appends `credit_revoked` to the learner's chain, rebuilds the class's
 * progress and takes the struck-out credit off the days it was earned on. Run inside the caller's transaction, after
 * `dropLiveLesson`; a heartbeat committed concurrently takes the same chain position and one of the two fails on the
 * chain's unique key (the caller retries).
 */
export async function revokeCredit(
  trx: DbOrTrx,
  input: RevocationInput,
  rule: CompletionRule,
): Promise<RevocationResult> {
  const before = await classRecords(trx, input.userId, input.classId);
  const sessionIds =
    input.sessions === 'all'
      ? [...new Set(before.records.map((r) => r.row.session_id))]
      : input.sessions.filter((id) => before.lessonOf.has(id));
  const newly = new Set(sessionIds.filter((id) => !before.revoked.has(id)));

  // Credit of the struck-out sessions per Beijing day, for learning_daily.
  const byDay = new Map<string, number>();
  for (const { row, evidence } of before.records) {
    if (!newly.has(row.session_id) || row.credited_ms <= 0) continue;
    // Credit is carried by heartbeats (dated by the moment they describe) and passed checks (dated by the record).
    const effectiveAt = evidence.kind === 'heartbeat' ? evidence.data.effectiveAt : undefined;
    const when = effectiveAt !== undefined ? Date.parse(effectiveAt) : Date.parse(row.at);
    byDay.set(cstDay(when), (byDay.get(cstDay(when)) ?? 0) + row.credited_ms);
  }

  const { changes } = await rebuildClassProgress(trx, input.userId, input.classId, rule, input.at, newly);
  const revokedMs = changes.reduce((sum, c) => sum + Math.max(0, c.creditedMsBefore - c.creditedMsAfter), 0);

  for (const [day, ms] of byDay) {
    const row = await trx
      .selectFrom('learning_daily')
      .select('credited_ms')
      .where('user_id', '=', input.userId)
      .where('day', '=', day)
      .executeTakeFirst();
    if (row)
      await trx
        .updateTable('learning_daily')
        .set({ credited_ms: Math.max(0, row.credited_ms - ms) })
        .where('user_id', '=', input.userId)
        .where('day', '=', day)
        .execute();
  }

  const head = await chainHeadOf(trx, input.userId);
  const linked = chain(head, [
    evidenceDraft(
      { userId: input.userId, sessionId: input.decisionId, at: input.at.toISOString() },
      {
        kind: CREDIT_REVOKED,
        data: {
          decisionId: input.decisionId,
          classId: input.classId,
          sessionIds: [...newly],
          revokedMs,
          reason: input.reason,
          decidedBy: input.decidedBy,
          lessons: changes.filter(
            (c) => c.creditedMsBefore !== c.creditedMsAfter || c.completeBefore !== c.completeAfter,
          ),
        },
      },
      -revokedMs,
    ),
  ]);
  await trx.insertInto('learning_records').values(linked.rows).execute();
  return {
    revokedMs,
    sessionIds: [...newly],
    lessons: changes,
    recordId: linked.rows[0].id,
    chainSeq: linked.head.seq,
  };
}
