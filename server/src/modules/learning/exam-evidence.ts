import { PostgresAdapter, sql } from 'kysely';
import type { HotState } from '../../adapters/hotstate.js';
import type { DbOrTrx } from '../../database/schema.js';
import { liveKey } from './learning.service.js';
import { chain, chainHeadOf, type RecordDraft, type RecordRow } from './records.js';

/**
 * Evidence written outside a lesson (an exam attempt's events) joins the learner's one chain here, inside the caller's
 * transaction. A running lesson keeps the chain's head in its live state, so the lesson is ended first (one activity at
 * a time: the next start reloads the head); on PostgreSQL a per-learner advisory lock makes concurrent appends of one
 * learner (two answers saved at once) take turns instead of colliding on the chain's sequence.
 */
export async function appendEvidence(
  trx: DbOrTrx,
  hot: HotState,
  userId: string,
  drafts: RecordDraft[],
): Promise<RecordRow[]> {
  if (drafts.length === 0) return [];
  if (trx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select pg_advisory_xact_lock(hashtext(${`learning_records:${userId}`}))`.execute(trx);
  await hot.del(liveKey(userId));
  const linked = chain(await chainHeadOf(trx, userId), drafts);
  await trx.insertInto('learning_records').values(linked.rows).execute();
  return linked.rows;
}
