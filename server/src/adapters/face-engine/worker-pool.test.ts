import { afterEach, describe, expect, it } from 'vitest';
import { QueueFullError, WorkerPool } from './worker-pool.js';

type Req = { id: number; op: 'echo' | 'crash' | 'hang'; value?: number };
type Res = { id: number; value: number; threadId: number };

const file = new URL('./worker-pool.fixture.mjs', import.meta.url);
let pool: WorkerPool<Req, Res>;
let next = 1;
const job = (op: Req['op'], value = 0): Req => ({ id: next++, op, value });

afterEach(async () => {
  await pool?.close();
});

describe('worker pool', () => {
  it('answers every job, spreading them over its workers', async () => {
    pool = new WorkerPool<Req, Res>({ file, size: 2, maxQueue: 10, jobTimeoutMs: 60_000 });
    const answers = await Promise.all([1, 2, 3, 4, 5].map((v) => pool.run(job('echo', v))));
    expect(answers.map((a) => a.value)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(answers.map((a) => a.threadId)).size).toBe(2);
  });

  it('refuses jobs beyond the queue at once', async () => {
    pool = new WorkerPool<Req, Res>({ file, size: 1, maxQueue: 1, jobTimeoutMs: 60_000 });
    const running = pool.run(job('echo', 1));
    const queued = pool.run(job('echo', 2));
    expect(pool.waiting).toBe(1);
    await expect(pool.run(job('echo', 3))).rejects.toBeInstanceOf(QueueFullError);
    expect((await running).value).toBe(1);
    expect((await queued).value).toBe(2);
  });

  it('fails only the job of a worker that crashes, and carries on with a fresh worker', async () => {
    pool = new WorkerPool<Req, Res>({ file, size: 1, maxQueue: 10, jobTimeoutMs: 60_000 });
    const first = await pool.run(job('echo', 1));
    const crashed = pool.run(job('crash'));
    const after = pool.run(job('echo', 2));
    await expect(crashed).rejects.toThrow(/crashed on purpose/);
    const second = await after;
    expect(second.value).toBe(2);
    expect(second.threadId).not.toBe(first.threadId);
  });

  it('gives up on a job that never answers and replaces its worker', async () => {
    pool = new WorkerPool<Req, Res>({ file, size: 1, maxQueue: 10, jobTimeoutMs: 300 });
    await expect(pool.run(job('hang'))).rejects.toThrow(/timed out/);
    expect((await pool.run(job('echo', 7))).value).toBe(7);
  });

  it('rejects waiting jobs when closed', async () => {
    pool = new WorkerPool<Req, Res>({ file, size: 1, maxQueue: 10, jobTimeoutMs: 60_000 });
    const hung = expect(pool.run(job('hang'))).rejects.toThrow(/closed/);
    const waiting = expect(pool.run(job('echo', 1))).rejects.toThrow(/closed/);
    await pool.close();
    await hung;
    await waiting;
    await expect(pool.run(job('echo', 2))).rejects.toThrow(/closed/);
  });
});
