import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../adapters/db.js';
import { createScratchDatabase } from '../testing/platform.js';
import { AppError } from './errors.js';
import { transition } from './transition.js';

// Scratch tables, not real ones: the helper is domain-free. Runs on the dialect chosen by TEST_DB.
type ProbeDb = {
  probe_items: { id: string; status: string; updated_at: string; decided_by: string | null };
  probe_reviews: { id: string; item_id: string; action: string; actor: string };
  probe_audit: { id: string; item_id: string; action: string; actor: string };
  probe_marks: { user_id: string; class_id: string; marked_at: string | null; lifted_by: string | null };
};

let db: Kysely<ProbeDb>;
let close: () => Promise<void>;
let drop: () => Promise<void>;

beforeAll(async () => {
  const scratch = await createScratchDatabase();
  drop = scratch.drop;
  const handle = openDatabase(scratch.url, { checkpoint: false });
  db = handle.db as unknown as Kysely<ProbeDb>;
  close = handle.close;
  await db.schema
    .createTable('probe_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .execute();
  for (const table of ['probe_reviews', 'probe_audit'] as const)
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .execute();
  await db.schema
    .createTable('probe_marks')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('class_id', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text')
    .addColumn('lifted_by', 'text')
    .addPrimaryKeyConstraint('probe_marks_pk', ['user_id', 'class_id'])
    .execute();
});
afterAll(async () => {
  await close?.();
  await drop?.();
});
beforeEach(async () => {
  await db.deleteFrom('probe_items').execute();
  await db.deleteFrom('probe_reviews').execute();
  await db.deleteFrom('probe_audit').execute();
  await db
    .insertInto('probe_items')
    .values({ id: 'c1', status: 'submitted', updated_at: 't0', decided_by: null })
    .execute();
});

const conflict = () => new AppError('CLASS_ILLEGAL_TRANSITION', { params: { status: 'changed', action: 'decide' } });

/** One reviewer's decision as the services make it: read the row, then move it in a transaction. */
async function decide(reviewer: string, to: string, read: { status: string; updated_at: string }) {
  await db.transaction().execute(async (trx) => {
    await transition(
      trx,
      {
        table: 'probe_items',
        id: 'c1',
        from: [read.status].filter((s) => s === 'submitted'),
        set: { status: to, decided_by: reviewer, updated_at: `t-${reviewer}` },
        unchanged: { updated_at: read.updated_at },
        conflict,
      },
      {
        history: (t) =>
          t
            .insertInto('probe_reviews')
            .values({ id: `r-${reviewer}`, item_id: 'c1', action: to, actor: reviewer })
            .execute(),
        audit: (t) =>
          t
            .insertInto('probe_audit')
            .values({ id: `a-${reviewer}`, item_id: 'c1', action: `item.${to}`, actor: reviewer })
            .execute(),
      },
    );
  });
}

async function state() {
  const item = await db.selectFrom('probe_items').selectAll().where('id', '=', 'c1').executeTakeFirstOrThrow();
  const reviews = await db.selectFrom('probe_reviews').selectAll().execute();
  const audit = await db.selectFrom('probe_audit').selectAll().execute();
  return { item, reviews, audit };
}

describe('transition: a conditional move with its review row and audit entry', () => {
  it('two concurrent decisions on the same row: exactly one wins, the other gets the conflict error', async () => {
    // Both reviewers read the row while it is still submitted, then decide at the same time.
    const read = await db.selectFrom('probe_items').select(['status', 'updated_at']).where('id', '=', 'c1').execute();
    const [first, second] = [read[0], { ...read[0] }];
    const results = await Promise.allSettled([decide('alice', 'approved', first), decide('bob', 'rejected', second)]);

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(AppError);
    expect((lost[0].reason as AppError).code).toBe('CLASS_ILLEGAL_TRANSITION');

    const { item, reviews, audit } = await state();
    const winner = results[0].status === 'fulfilled' ? 'alice' : 'bob';
    expect(item.decided_by).toBe(winner);
    expect(item.status).toBe(winner === 'alice' ? 'approved' : 'rejected');
    expect(reviews).toEqual([expect.objectContaining({ actor: winner, action: item.status })]);
    expect(audit).toEqual([expect.objectContaining({ actor: winner, action: `item.${item.status}` })]);
  });

  it('refuses a row outside the allowed states and writes nothing, rolling back what the caller wrote before', async () => {
    await db.updateTable('probe_items').set({ status: 'approved' }).where('id', '=', 'c1').execute();
    const attempt = db.transaction().execute(async (trx) => {
      await trx
        .insertInto('probe_reviews')
        .values({ id: 'before', item_id: 'c1', action: 'x', actor: 'carol' })
        .execute();
      await transition(
        trx,
        { table: 'probe_items', id: 'c1', from: ['submitted'], set: { status: 'rejected' }, conflict },
        {
          audit: (t) =>
            t.insertInto('probe_audit').values({ id: 'a', item_id: 'c1', action: 'x', actor: 'carol' }).execute(),
        },
      );
    });
    await expect(attempt).rejects.toMatchObject({ code: 'CLASS_ILLEGAL_TRANSITION' });
    const { item, reviews, audit } = await state();
    expect(item.status).toBe('approved');
    expect(reviews).toEqual([]);
    expect(audit).toEqual([]);
  });

  it('refuses a row edited since it was read (the `unchanged` guard), and a move allowed from no state', async () => {
    await db.updateTable('probe_items').set({ updated_at: 't1' }).where('id', '=', 'c1').execute();
    await expect(decide('dave', 'approved', { status: 'submitted', updated_at: 't0' })).rejects.toMatchObject({
      code: 'CLASS_ILLEGAL_TRANSITION',
    });
    await expect(decide('erin', 'approved', { status: 'draft', updated_at: 't1' })).rejects.toMatchObject({
      code: 'CLASS_ILLEGAL_TRANSITION',
    });
    const { item, reviews, audit } = await state();
    expect(item).toMatchObject({ status: 'submitted', decided_by: null });
    expect(reviews).toEqual([]);
    expect(audit).toEqual([]);
    await decide('frank', 'approved', { status: 'submitted', updated_at: 't1' });
    expect((await state()).item).toMatchObject({ status: 'approved', decided_by: 'frank' });
  });

  it('moves a row keyed by several columns on what was read alone (no state column): one of two racing moves wins', async () => {
    await db.deleteFrom('probe_marks').execute();
    await db
      .insertInto('probe_marks')
      .values([
        { user_id: 'u1', class_id: 'k1', marked_at: 't0', lifted_by: null },
        { user_id: 'u1', class_id: 'k2', marked_at: 't0', lifted_by: null },
      ])
      .execute();
    const lift = (who: string) =>
      db.transaction().execute(async (trx) => {
        await transition(
          trx,
          {
            table: 'probe_marks',
            key: { user_id: 'u1', class_id: 'k1' },
            set: { marked_at: null, lifted_by: who },
            unchanged: { marked_at: 't0' },
            conflict,
          },
          {
            audit: (t) =>
              t
                .insertInto('probe_audit')
                .values({ id: `a-${who}`, item_id: 'k1', action: 'lift', actor: who })
                .execute(),
          },
        );
      });
    const results = await Promise.allSettled([lift('gina'), lift('hugo')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = results[0].status === 'fulfilled' ? 'gina' : 'hugo';
    const marks = await db.selectFrom('probe_marks').selectAll().orderBy('class_id').execute();
    expect(marks).toEqual([
      { user_id: 'u1', class_id: 'k1', marked_at: null, lifted_by: winner },
      { user_id: 'u1', class_id: 'k2', marked_at: 't0', lifted_by: null },
    ]);
    expect((await state()).audit).toEqual([expect.objectContaining({ actor: winner })]);
    // Lifted already: nothing left to move.
    await expect(lift('ivan')).rejects.toMatchObject({ code: 'CLASS_ILLEGAL_TRANSITION' });
  });
});
