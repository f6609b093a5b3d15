import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/platform.js';
import { LocalJobRunner } from './jobs.js';

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
    runner.register<{ name: string }>({
      type: 'test.flaky',
      maxAttempts: 3,
      handler: async ({ name }) => {
        if (failuresLeft-- > 0) throw new Error('temporary');
        seen.push(name);
      },
    });
    runner.register({
      type: 'test.broken',
      maxAttempts: 2,
      handler: async () => {
        throw new Error('always');
      },
    });
    const flaky = await runner.enqueue(p.database.db, 'test.flaky', { name: 'a' });
    const broken = await runner.enqueue(p.database.db, 'test.broken', {});
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
    runner.register({
      type: 'test.tx',
      handler: async () => {
        ran++;
      },
    });
    await p.database.db
      .transaction()
      .execute(async (trx) => {
        await runner.enqueue(trx, 'test.tx', {});
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
    for (const r of [a, b])
      r.register<{ n: number }>({
        type: 'test.once',
        handler: async ({ n }) => {
          runs.push(String(n));
        },
      });
    for (let n = 0; n < 20; n++) await a.enqueue(p.database.db, 'test.once', { n });
    await Promise.all([a.drain(), b.drain()]);
    expect(runs.sort()).toEqual(Array.from({ length: 20 }, (_, n) => String(n)).sort());
  });

  it('takes over a job whose runner died once its lease expires', async () => {
    const runner = new LocalJobRunner({ db: p.database.db, clock: p.clock });
    let ran = 0;
    runner.register({
      type: 'test.lease',
      leaseSeconds: 30,
      handler: async () => {
        ran++;
      },
    });
    const id = await runner.enqueue(p.database.db, 'test.lease', {});
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
});
