import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/platform.js';
import { Type } from 'typebox';
import { defineJob, JobPayloadError, LocalJobRunner } from './jobs.js';

const Empty = Type.Object({}, { additionalProperties: false });

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform({ seedDemo: false });
});
afterAll(async () => {
  await p?.drop();
});

describe('local job runner', () => {
  it('runs a job once, retries failures with backoff, and gives up after max attempts', async () => {
    const runner = new LocalJobRunner({ db: p.database.db, clock: p.clock });
    const seen: string[] = [];
    let failuresLeft = 1;
    const FLAKY = defineJob({
      id: 'test.flaky',
      payload: Type.Object({ name: Type.String() }),
      maxAttempts: 3,
      handler: async ({ name }) => {
        if (failuresLeft-- > 0) throw new Error('temporary');
        seen.push(name);
      },
    });
    const BROKEN = defineJob({
      id: 'test.broken',
      payload: Empty,
      maxAttempts: 2,
      handler: async () => {
        throw new Error('always');
      },
    });
    runner.register(FLAKY, {});
    runner.register(BROKEN, {});
    const flaky = await runner.enqueue(p.database.db, FLAKY, { name: 'a' });
    const broken = await runner.enqueue(p.database.db, BROKEN, {});
    await runner.drain();
    expect(seen).toEqual([]);
    p.clock.advance(60_000);
    await runner.drain();
    expect(seen).toEqual(['a']);
    p.clock.advance(60_000);
    await runner.drain();
    const rows = await p.database.db.selectFrom('jobs').selectAll().where('id', 'in', [flaky, broken]).execute();
    expect(rows.find((r) => r.id === flaky)).toMatchObject({ status: 'done', attempts: 2 });
    expect(rows.find((r) => r.id === broken)).toMatchObject({ status: 'failed', attempts: 2, last_error: 'always' });
  });

  it('does not run a job enqueued in a transaction that rolled back', async () => {
    const runner = new LocalJobRunner({ db: p.database.db, clock: p.clock });
    let ran = 0;
    const TX = defineJob({
      id: 'test.tx',
      payload: Empty,
      handler: async () => {
        ran++;
      },
    });
    runner.register(TX, {});
    await p.database.db
      .transaction()
      .execute(async (trx) => {
        await runner.enqueue(trx, TX, {});
        throw new Error('rollback');
      })
      .catch(() => {});
    expect(await runner.drain()).toBe(0);
    expect(ran).toBe(0);
  });

  it('lets two runners share the table without running a job twice', async () => {
    const a = new LocalJobRunner({ db: p.database.db, clock: p.clock });
    const b = new LocalJobRunner({ db: p.database.db, clock: p.clock });
    const runs: string[] = [];
    const ONCE = defineJob({
      id: 'test.once',
      payload: Type.Object({ n: Type.Integer() }),
      handler: async ({ n }) => {
        runs.push(String(n));
      },
    });
    for (const r of [a, b]) r.register(ONCE, {});
    for (let n = 0; n < 20; n++) await a.enqueue(p.database.db, ONCE, { n });
    await Promise.all([a.drain(), b.drain()]);
    expect(runs.sort()).toEqual(Array.from({ length: 20 }, (_, n) => String(n)).sort());
  });

  it('takes over a job whose runner died once its lease expires', async () => {
    const runner = new LocalJobRunner({ db: p.database.db, clock: p.clock });
    let ran = 0;
    const LEASE = defineJob({
      id: 'test.lease',
      payload: Empty,
      leaseSeconds: 30,
      handler: async () => {
        ran++;
      },
    });
    runner.register(LEASE, {});
    const id = await runner.enqueue(p.database.db, LEASE, {});
    await p.database.db
      .updateTable('jobs')
      .set({
        status: 'running',
        locked_by: 'dead-node',
        locked_until: new Date(p.clock.now().getTime() + 30_000).toISOString(),
      })
      .where('id', '=', id)
      .execute();
    expect(await runner.drain()).toBe(0);
    p.clock.advance(31_000);
    expect(await runner.drain()).toBe(1);
    expect(ran).toBe(1);
  });

  it('refuses a payload that does not match the job at enqueue, and queues nothing', async () => {
    const runner = new LocalJobRunner({ db: p.database.db, clock: p.clock });
    const SCAN = defineJob({
      id: 'test.typed',
      payload: Type.Object({ userId: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
      handler: async () => undefined,
    });
    runner.register(SCAN, {});
    const before = await p.database.db.selectFrom('jobs').select('id').where('type', '=', SCAN.id).execute();
    // The types refuse these already; the schema refuses them from untyped callers too.
    const wrong = [{ userId: 42 }, { userId: '' }, { userId: 'u1', extra: true }, {}] as unknown as {
      userId: string;
    }[];
    for (const payload of wrong) {
      await expect(runner.enqueue(p.database.db, SCAN, payload)).rejects.toThrow(JobPayloadError);
    }
    await expect(runner.enqueue(p.database.db, SCAN, { userId: 42 } as unknown as { userId: string })).rejects.toThrow(
      'payload of job test.typed does not match its schema: /userId',
    );
    const after = await p.database.db.selectFrom('jobs').select('id').where('type', '=', SCAN.id).execute();
    expect(after).toHaveLength(before.length);
  });

  it('fails a stored job whose payload does not match, for good and saying why, without running its handler', async () => {
    const runner = new LocalJobRunner({ db: p.database.db, clock: p.clock });
    const seen: unknown[] = [];
    const STORED = defineJob({
      id: 'test.stored',
      payload: Type.Object({ mediaId: Type.String() }, { additionalProperties: false }),
      maxAttempts: 3,
      handler: async (payload) => {
        seen.push(payload);
      },
    });
    runner.register(STORED, {});
    const good = await runner.enqueue(p.database.db, STORED, { mediaId: 'm1' });
    const bad = await runner.enqueue(p.database.db, STORED, { mediaId: 'm2' });
    const garbled = await runner.enqueue(p.database.db, STORED, { mediaId: 'm3' });
    // Written by an older version, or by hand: the row no longer matches the schema.
    await p.database.db.updateTable('jobs').set({ payload: '{"media":"m2"}' }).where('id', '=', bad).execute();
    await p.database.db.updateTable('jobs').set({ payload: '{"mediaId":' }).where('id', '=', garbled).execute();
    expect(await runner.drain({ type: STORED })).toBe(3);
    expect(seen).toEqual([{ mediaId: 'm1' }]);
    const rows = await p.database.db
      .selectFrom('jobs')
      .select(['id', 'status', 'attempts', 'last_error'])
      .where('id', 'in', [good, bad, garbled])
      .execute();
    expect(rows.find((r) => r.id === good)).toMatchObject({ status: 'done' });
    expect(rows.find((r) => r.id === bad)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(rows.find((r) => r.id === bad)!.last_error).toMatch(/^payload of job test.stored does not match its schema/);
    expect(rows.find((r) => r.id === garbled)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'payload of job test.stored does not match its schema: not JSON',
    });
  });
});
