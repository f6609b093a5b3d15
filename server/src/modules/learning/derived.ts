import type { DbOrTrx } from '../../database/schema.js';
import { cstDay } from './crediting.js';
import { decodeRecord, type Evidence } from './evidence.js';
import type { RecordRow } from './records.js';
import { CREDIT_REVOKED, replayCredit } from './revocation.js';
import { measure, type Segment } from './segments.js';

// The derived tables (lesson_progress, learning_daily; class hours are sums of lesson_progress) are caches of the
// evidence chain: everything in them can be recomputed from the records. Verification recomputes them and names every
// difference, so an edit of a derived row — an hour added to lesson_progress — is found even though the chain is
// intact. `npm run verify:learning` does this for every learner; class progress answers compare each learner's figure
// with the chain on every read (`chainCreditByLearner`, one aggregate query per class).

export type DerivedDifference =
  | {
      table: 'lesson_progress';
      classId: string;
      lessonId: string;
      field: 'credited_ms' | 'face_passes' | 'watched_ms';
      stored: number;
      chain: number;
    }
  | { table: 'learning_daily'; day: string; field: 'credited_ms'; stored: number; chain: number }
  | { table: 'class_hours'; classId: string; field: 'credited_ms'; stored: number; chain: number };

type Parsed = { row: RecordRow; evidence: Evidence };
export type SessionPlace = { classId: string; lessonId: string };
export type ChainFigures = {
  lessons: Map<
    string,
    { classId: string; lessonId: string; creditedMs: number; facePasses: number; watchedMs: number }
  >;
  days: Map<string, number>;
  classes: Map<string, number>;
};

const lessonKey = (classId: string, lessonId: string) => `${classId}|${lessonId}`;

/** Sessions struck out by confirmed alerts (`credit_revoked` records), per class. */
function revokedSessions(records: readonly Parsed[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { evidence } of records) {
    if (evidence.kind !== CREDIT_REVOKED) continue;
    const { classId, sessionIds } = evidence.data;
    const set = out.get(classId) ?? new Set<string>();
    for (const id of sessionIds) set.add(id);
    out.set(classId, set);
  }
  return out;
}

/**
 * What the chain says the derived tables should hold (pure): lesson credit, face passes and watched ground by the
 * engine's replay (revocation.ts, the same replay a confirmed alert rebuilds progress with), per class; credit per
 * Beijing day — a report's credit on the day of the moment it describes, credit committed by a passed check on the
 * session's current day — leaving out sessions struck out by a decision.
 */
export function chainFigures(records: readonly Parsed[], sessions: ReadonlyMap<string, SessionPlace>): ChainFigures {
  const revoked = revokedSessions(records);
  const byClass = new Map<string, Parsed[]>();
  for (const r of records) {
    const place = sessions.get(r.row.session_id);
    if (!place) continue;
    const list = byClass.get(place.classId);
    if (list) list.push(r);
    else byClass.set(place.classId, [r]);
  }
  const lessons: ChainFigures['lessons'] = new Map();
  const classes = new Map<string, number>();
  for (const [classId, list] of byClass) {
    const lessonOf = new Map([...sessions].filter(([, p]) => p.classId === classId).map(([id, p]) => [id, p.lessonId]));
    const replay = replayCredit(list, lessonOf, revoked.get(classId) ?? new Set());
    let total = 0;
    for (const [lessonId, s] of replay) {
      lessons.set(lessonKey(classId, lessonId), {
        classId,
        lessonId,
        creditedMs: s.credited,
        facePasses: s.facePasses,
        watchedMs: measure(s.coverage),
      });
      total += s.credited;
    }
    classes.set(classId, total);
  }
  const days = new Map<string, number>();
  const currentDay = new Map<string, string>();
  for (const { row, evidence } of records) {
    const place = sessions.get(row.session_id);
    if (!place) continue;
    const effectiveAt = evidence.kind === 'heartbeat' ? evidence.data.effectiveAt : undefined;
    const at = Date.parse(effectiveAt ?? row.at);
    if (row.kind === 'session_started' || row.kind === 'heartbeat') currentDay.set(row.session_id, cstDay(at));
    if (row.credited_ms <= 0 || revoked.get(place.classId)?.has(row.session_id)) continue;
    const day = row.kind === 'heartbeat' ? cstDay(at) : (currentDay.get(row.session_id) ?? cstDay(at));
    days.set(day, (days.get(day) ?? 0) + row.credited_ms);
  }
  return { lessons, days, classes };
}

/** Every difference between a learner's derived rows and their chain (empty: the derived figures are the chain's). */
export async function verifyDerived(db: DbOrTrx, userId: string): Promise<DerivedDifference[]> {
  const [rows, sessionRows, progress, daily] = await Promise.all([
    db.selectFrom('learning_records').selectAll().where('user_id', '=', userId).orderBy('chain_seq').execute(),
    db.selectFrom('learning_sessions').select(['id', 'class_id', 'lesson_id']).where('user_id', '=', userId).execute(),
    db
      .selectFrom('lesson_progress')
      .select(['class_id', 'lesson_id', 'credited_ms', 'face_passes', 'coverage'])
      .where('user_id', '=', userId)
      .execute(),
    db.selectFrom('learning_daily').select(['day', 'credited_ms']).where('user_id', '=', userId).execute(),
  ]);
  const sessions = new Map(sessionRows.map((s) => [s.id, { classId: s.class_id, lessonId: s.lesson_id }]));
  const figures = chainFigures(
    rows.map((row) => ({ row, evidence: decodeRecord(row) })),
    sessions,
  );
  const out: DerivedDifference[] = [];
  const storedClasses = new Map<string, number>();
  const seen = new Set<string>();
  for (const p of progress) {
    const key = lessonKey(p.class_id, p.lesson_id);
    seen.add(key);
    const chain = figures.lessons.get(key) ?? { creditedMs: 0, facePasses: 0, watchedMs: 0 };
    const stored = {
      credited_ms: Number(p.credited_ms),
      face_passes: Number(p.face_passes),
      watched_ms: measure(JSON.parse(p.coverage) as Segment[]),
    };
    const expected = { credited_ms: chain.creditedMs, face_passes: chain.facePasses, watched_ms: chain.watchedMs };
    for (const field of ['credited_ms', 'face_passes', 'watched_ms'] as const)
      if (stored[field] !== expected[field])
        out.push({
          table: 'lesson_progress',
          classId: p.class_id,
          lessonId: p.lesson_id,
          field,
          stored: stored[field],
          chain: expected[field],
        });
    storedClasses.set(p.class_id, (storedClasses.get(p.class_id) ?? 0) + stored.credited_ms);
  }
  // Credit in the chain for a lesson whose progress row is missing.
  for (const [key, chain] of figures.lessons)
    if (!seen.has(key) && chain.creditedMs > 0)
      out.push({
        table: 'lesson_progress',
        classId: chain.classId,
        lessonId: chain.lessonId,
        field: 'credited_ms',
        stored: 0,
        chain: chain.creditedMs,
      });
  for (const classId of new Set([...storedClasses.keys(), ...figures.classes.keys()])) {
    const stored = storedClasses.get(classId) ?? 0;
    const chain = figures.classes.get(classId) ?? 0;
    if (stored !== chain) out.push({ table: 'class_hours', classId, field: 'credited_ms', stored, chain });
  }
  const storedDays = new Map(daily.map((d) => [d.day, Number(d.credited_ms)]));
  for (const day of [...new Set([...storedDays.keys(), ...figures.days.keys()])].sort()) {
    const stored = storedDays.get(day) ?? 0;
    const chain = figures.days.get(day) ?? 0;
    if (stored !== chain) out.push({ table: 'learning_daily', day, field: 'credited_ms', stored, chain });
  }
  return out;
}

/**
 * Each learner's online credit in a class as the chain has it, for comparison with `lesson_progress` on every read of
 * class progress. One aggregate over the class's records (credit per session) and the rare records that change credit
 * after the fact (lesson resets, decisions striking sessions out): credit of the sessions not struck out, less what
 * each reset wiped. A learner with both a reset and a struck-out session is replayed in full (the reset may have
 * wiped credit of a session struck out later).
 */
export async function chainCreditByLearner(db: DbOrTrx, classId: string): Promise<Map<string, number>> {
  const perSession = await db
    .selectFrom('learning_records')
    .innerJoin('learning_sessions', 'learning_sessions.id', 'learning_records.session_id')
    .select((eb) => [
      'learning_sessions.user_id',
      'learning_sessions.id',
      eb.fn.sum<number>('learning_records.credited_ms').as('credited'),
    ])
    .where('learning_sessions.class_id', '=', classId)
    .groupBy(['learning_sessions.user_id', 'learning_sessions.id'])
    .execute();
  const users = [...new Set(perSession.map((r) => r.user_id))];
  const rare: Pick<RecordRow, 'user_id' | 'kind' | 'session_id' | 'data'>[] = [];
  for (let i = 0; i < users.length; i += 500)
    rare.push(
      ...(await db
        .selectFrom('learning_records')
        .select(['user_id', 'kind', 'session_id', 'data'])
        .where('user_id', 'in', users.slice(i, i + 500))
        .where('kind', 'in', [CREDIT_REVOKED, 'lesson_reset'])
        .execute()),
    );
  const classSessions = new Set(perSession.map((r) => r.id));
  const revoked = new Map<string, Set<string>>();
  const wiped = new Map<string, number>();
  for (const r of rare) {
    const data = JSON.parse(r.data) as { classId?: string; sessionIds?: string[]; revokedMs?: number };
    if (r.kind === CREDIT_REVOKED && data.classId === classId)
      revoked.set(r.user_id, new Set([...(revoked.get(r.user_id) ?? []), ...(data.sessionIds ?? [])]));
    if (r.kind === 'lesson_reset' && classSessions.has(r.session_id))
      wiped.set(r.user_id, (wiped.get(r.user_id) ?? 0) + Number(data.revokedMs ?? 0));
  }
  const out = new Map<string, number>();
  for (const r of perSession) {
    if (revoked.get(r.user_id)?.has(r.id)) continue;
    out.set(r.user_id, (out.get(r.user_id) ?? 0) + Number(r.credited));
  }
  for (const [userId, ms] of wiped) out.set(userId, (out.get(userId) ?? 0) - ms);
  for (const userId of users)
    if (revoked.get(userId)?.size && wiped.has(userId)) out.set(userId, await replayClassCredit(db, userId, classId));
  return out;
}

async function replayClassCredit(db: DbOrTrx, userId: string, classId: string): Promise<number> {
  return (await replayClass(db, userId, classId)).classes.get(classId) ?? 0;
}

/** One learner's credit per lesson of a class, replayed from the chain (a learner's progress page). */
export async function chainLessonCredit(db: DbOrTrx, userId: string, classId: string): Promise<Map<string, number>> {
  const figures = await replayClass(db, userId, classId);
  return new Map([...figures.lessons.values()].map((l) => [l.lessonId, l.creditedMs]));
}

async function replayClass(db: DbOrTrx, userId: string, classId: string): Promise<ChainFigures> {
  const sessionRows = await db
    .selectFrom('learning_sessions')
    .select(['id', 'class_id', 'lesson_id'])
    .where('user_id', '=', userId)
    .where('class_id', '=', classId)
    .execute();
  const rows = await db
    .selectFrom('learning_records')
    .selectAll()
    .where('user_id', '=', userId)
    .where((eb) =>
      eb.or([eb('session_id', 'in', ['', ...sessionRows.map((s) => s.id)]), eb('kind', '=', CREDIT_REVOKED)]),
    )
    .orderBy('chain_seq')
    .execute();
  return chainFigures(
    rows.map((row) => ({ row, evidence: decodeRecord(row) })),
    new Map(sessionRows.map((s) => [s.id, { classId: s.class_id, lessonId: s.lesson_id }])),
  );
}

/** Every learner's derived figures (or the given learners'): what `npm run verify:learning` prints after the chains. */
export async function verifyAllDerived(
  db: DbOrTrx,
  userIds?: string[],
): Promise<{ checked: number; differences: number; learners: { userId: string; differences: DerivedDifference[] }[] }> {
  const users = userIds?.length
    ? userIds
    : [
        ...new Set([
          ...(await db.selectFrom('learning_records').select('user_id').distinct().execute()).map((r) => r.user_id),
          ...(await db.selectFrom('lesson_progress').select('user_id').distinct().execute()).map((r) => r.user_id),
          ...(await db.selectFrom('learning_daily').select('user_id').distinct().execute()).map((r) => r.user_id),
        ]),
      ];
  const learners: { userId: string; differences: DerivedDifference[] }[] = [];
  for (const userId of users) {
    const differences = await verifyDerived(db, userId);
    if (differences.length) learners.push({ userId, differences });
  }
  return { checked: users.length, differences: learners.reduce((n, l) => n + l.differences.length, 0), learners };
}
