import { createHash } from 'node:crypto';
import { PostgresAdapter, type Insertable, type Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { writeTables, type TableWrite } from '../../database/write-many.js';
import type {
  LearningClassStatusTable,
  LearningDailyTable,
  LearningRecordsTable,
  LearningSessionsTable,
  LessonProgressTable,
} from './learning.tables.js';

// Learning evidence is append-only and each learner's records form one hash chain (DESIGN.md principle 2): every
// record's hash covers the previous record's hash and all of its own stored fields, so editing, deleting or inserting
// a record anywhere breaks every hash after it.

export const GENESIS_HASH = '0'.repeat(64);

export type ChainHead = { seq: number; hash: string };
export type RecordRow = LearningRecordsTable;
export type RecordDraft = Omit<RecordRow, 'chain_seq' | 'prev_hash' | 'hash'>;
/** A lesson's progress as the live state writes it: every column, misses included. */
export type ProgressRow = Omit<LessonProgressTable, 'face_misses' | 'held' | 'held_ms' | 'open_check'> & {
  face_misses: number;
  held: string;
  held_ms: number;
  open_check: string | null;
};

export function recordHash(prevHash: string, row: Omit<RecordRow, 'hash' | 'prev_hash'>): string {
  const fields = [row.id, row.user_id, row.chain_seq, row.session_id, row.kind, row.at, row.data, row.credited_ms];
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

/** Links drafts onto a learner's chain; returns the rows and the new head. */
export function chain(head: ChainHead, drafts: RecordDraft[]): { rows: RecordRow[]; head: ChainHead } {
  const rows: RecordRow[] = [];
  let { seq, hash } = head;
  for (const draft of drafts) {
    seq += 1;
    const row = { ...draft, chain_seq: seq, prev_hash: hash };
    hash = recordHash(hash, row);
    rows.push({ ...row, hash });
  }
  return { rows, head: { seq, hash } };
}

export async function chainHeadOf(db: DbOrTrx, userId: string): Promise<ChainHead> {
  const last = await db
    .selectFrom('learning_records')
    .select(['chain_seq', 'hash'])
    .where('user_id', '=', userId)
    .orderBy('chain_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last ? { seq: last.chain_seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
}

export type ChainVerdict = {
  userId: string;
  records: number;
  ok: boolean;
  brokenAt?: { chainSeq: number; reason: 'hash' | 'link' | 'gap' };
};

/** Walks one learner's chain from the start, in pages. */
export async function verifyChain(db: DbOrTrx, userId: string): Promise<ChainVerdict> {
  let expected: ChainHead = { seq: 0, hash: GENESIS_HASH };
  let records = 0;
  for (;;) {
    const page = await db
      .selectFrom('learning_records')
      .selectAll()
      .where('user_id', '=', userId)
      .where('chain_seq', '>', expected.seq)
      .orderBy('chain_seq')
      .limit(2000)
      .execute();
    if (page.length === 0) return { userId, records, ok: true };
    for (const row of page) {
      if (row.chain_seq !== expected.seq + 1)
        return { userId, records, ok: false, brokenAt: { chainSeq: row.chain_seq, reason: 'gap' } };
      if (row.prev_hash !== expected.hash)
        return { userId, records, ok: false, brokenAt: { chainSeq: row.chain_seq, reason: 'link' } };
      const { hash, prev_hash, ...rest } = row;
      if (recordHash(prev_hash, rest) !== hash)
        return { userId, records, ok: false, brokenAt: { chainSeq: row.chain_seq, reason: 'hash' } };
      expected = { seq: row.chain_seq, hash };
      records += 1;
    }
  }
}

/** Every learner's chain (or the given learners'): what `npm run verify:learning` prints. */
export async function verifyAllChains(
  db: DbOrTrx,
  userIds?: string[],
): Promise<{ learners: number; records: number; broken: ChainVerdict[] }> {
  const users = userIds?.length
    ? userIds
    : (await db.selectFrom('learning_records').select('user_id').distinct().execute()).map((r) => r.user_id);
  const verdicts = [];
  for (const userId of users) verdicts.push(await verifyChain(db, userId));
  return {
    learners: users.length,
    records: verdicts.reduce((sum, v) => sum + v.records, 0),
    broken: verdicts.filter((v) => !v.ok),
  };
}

// ---- group commit -------------------------------------------------------------------------------------------

export type WriteUnit = {
  session?: Insertable<LearningSessionsTable>;
  records: RecordRow[];
  progress?: ProgressRow;
  daily?: LearningDailyTable;
  /** The learner's face-check misses in the class and, at the policy's limit, the suspension (face-checks.ts). */
  classStatus?: Pick<
    LearningClassStatusTable,
    'user_id' | 'class_id' | 'face_misses' | 'suspended_at' | 'suspension' | 'updated_at'
  >;
};

/**
 * Writes learning evidence in group commits: reports arriving together share one transaction, and each caller's
 * promise settles only after its rows are committed, so an acknowledged heartbeat is never lost. A batch that fails
 * is retried unit by unit, so one bad unit cannot fail its neighbours.
 */
export class GroupCommitWriter {
  private queue: { unit: WriteUnit; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxBatch = 256,
  ) {}

  write(unit: WriteUnit): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ unit, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await commitUnits(
          this.db,
          batch.map((b) => b.unit),
        );
        for (const b of batch) b.resolve();
      } catch (batchError) {
        if (batch.length === 1) {
          batch[0].reject(batchError);
          continue;
        }
        for (const b of batch) {
          try {
            await commitUnits(this.db, [b.unit]);
            b.resolve();
          } catch (error) {
            b.reject(error);
          }
        }
      }
    }
    this.flushing = false;
  }
}

/**
 * One commit of a batch. Records, progress and daily totals — all a heartbeat writes — go through `writeTables`
 * (database/write-many.ts): on PostgreSQL one statement, so a batch of heartbeats alone needs no transaction around
 * it and costs one round trip; on SQLite prepared statements of fixed sizes in one transaction.
 */
async function commitUnits(db: Kysely<Database>, units: WriteUnit[]): Promise<void> {
  const writes = heartbeatWrites(units);
  if (
    units.every((u) => !u.session && !u.classStatus) &&
    !db.isTransaction &&
    db.getExecutor().adapter instanceof PostgresAdapter
  ) {
    await writeTables(db, writes);
    return;
  }
  await db.transaction().execute(async (trx) => {
    const sessions = units.flatMap((u) => (u.session ? [u.session] : []));
    if (sessions.length) await trx.insertInto('learning_sessions').values(sessions).execute();
    await writeTables(trx, writes);
    // Rare (a missed face check): one statement per learner is fine. A suspension is never cleared here — only lifted by staff.
    for (const u of units) {
      if (!u.classStatus) continue;
      const status = u.classStatus;
      await trx
        .insertInto('learning_class_status')
        .values(status)
        .onConflict((oc) =>
          oc.columns(['user_id', 'class_id']).doUpdateSet((eb) => ({
            face_misses: eb.ref('excluded.face_misses'),
            updated_at: eb.ref('excluded.updated_at'),
            ...(status.suspended_at
              ? { suspended_at: eb.ref('excluded.suspended_at'), suspension: eb.ref('excluded.suspension') }
              : {}),
          })),
        )
        .execute();
    }
  });
}

function heartbeatWrites(units: WriteUnit[]): TableWrite[] {
  // Progress and daily totals are absolute values from the learner's live state: the last one of a batch wins.
  const progress = new Map<string, ProgressRow>();
  const daily = new Map<string, LearningDailyTable>();
  for (const u of units) {
    if (u.progress) progress.set(`${u.progress.user_id}|${u.progress.class_id}|${u.progress.lesson_id}`, u.progress);
    if (u.daily) daily.set(`${u.daily.user_id}|${u.daily.day}`, u.daily);
  }
  // Multi-row upserts instead of one statement per learner (a batch holds up to one report of every learner). Rows
  // in key order, so two nodes flushing overlapping batches lock them in the same order.
  const progressRows = [...progress].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, p]) => p);
  const dailyRows = [...daily].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, d]) => d);
  return [
    { table: 'learning_records', rows: units.flatMap((u) => u.records) },
    {
      table: 'lesson_progress',
      rows: progressRows,
      upsert: {
        keys: ['user_id', 'class_id', 'lesson_id'],
        update: [
          'coverage',
          'credited_ms',
          'face_passes',
          'face_misses',
          'completed_at',
          'updated_at',
          'held',
          'held_ms',
          'open_check',
        ],
      },
    },
    { table: 'learning_daily', rows: dailyRows, upsert: { keys: ['user_id', 'day'], update: ['credited_ms'] } },
  ];
}
