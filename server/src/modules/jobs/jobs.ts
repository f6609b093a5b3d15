import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { addSeconds } from '../../platform/time.js';

/** A background job: a named handler over a JSON payload, retried with exponential backoff. */
export type JobDefinition<P> = {
  type: string;
  maxAttempts?: number;
  /** Longest a single run may hold the job before another runner may take it over (crash recovery). */
  leaseSeconds?: number;
  handler: (payload: P, context: { jobId: string; attempt: number }) => Promise<void>;
};

type Logger = { info: (obj: object, msg?: string) => void; error: (obj: object, msg?: string) => void };

/**
 * The embedded job runner: jobs are rows in `jobs`, claimed with a conditional update so several processes (or API
 * nodes) can run it against one database without double execution. A job is enqueued in the same transaction as the
 * change that needs it, so it is never lost and never runs for a change that rolled back.
 */
export class LocalJobRunner {
  private readonly definitions = new Map<string, JobDefinition<any>>();
  private readonly workerId = `${hostname()}:${process.pid}:${newId().slice(-6)}`;
  private timer: NodeJS.Timeout | null = null;
  private running = 0;
  private stopped = true;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: { db: Kysely<Database>; clock: Clock; log?: Logger; concurrency?: number; pollMs?: number },
  ) {}

  register<P>(definition: JobDefinition<P>): void {
    this.definitions.set(definition.type, definition);
  }

  async enqueue<P>(db: DbOrTrx, type: string, payload: P, options: { delaySeconds?: number } = {}): Promise<string> {
    const definition = this.definitions.get(type);
    if (!definition) throw new Error(`Unknown job type: ${type}`);
    const now = this.deps.clock.now();
    const id = newId();
    await db
      .insertInto('jobs')
      .values({
        id,
        type,
        payload: JSON.stringify(payload),
        status: 'queued',
        attempts: 0,
        max_attempts: definition.maxAttempts ?? 3,
        run_at: addSeconds(now, options.delaySeconds ?? 0).toISOString(),
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    if (!this.stopped) setImmediate(() => void this.tick());
    return id;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => void this.tick(), this.deps.pollMs ?? 1000);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle;
  }

  /** Runs ready jobs (of one type, when given) until none is left: tests and one-shot scripts. */
  async drain(options: { type?: string; limit?: number } = {}): Promise<number> {
    let ran = 0;
    while (ran < (options.limit ?? Infinity) && (await this.runOne(options.type))) ran++;
    return ran;
  }

  private async tick(): Promise<void> {
    const limit = this.deps.concurrency ?? 1;
    while (!this.stopped && this.running < limit) {
      this.running++;
      const work = this.runOne().finally(() => {
        this.running--;
      });
      this.idle = this.idle.then(() =>
        work.then(
          () => undefined,
          () => undefined,
        ),
      );
      try {
        if (!(await work)) break;
      } catch (err) {
        // The store is away (a database restart): nothing was claimed or the job goes back on its lease; the next
        // tick tries again. Never let it escape — an unhandled rejection would end the process.
        this.deps.log?.error({ err }, 'job runner could not reach the database; retrying on the next tick');
        break;
      }
    }
  }

  private async claim(
    type?: string,
  ): Promise<{ id: string; type: string; payload: string; attempts: number; max_attempts: number } | null> {
    const { db, clock } = this.deps;
    const now = clock.now().toISOString();
    // Jobs whose runner died mid-run come back once their lease expires.
    await db
      .updateTable('jobs')
      .set({ status: 'queued', locked_by: null, locked_until: null, updated_at: now })
      .where('status', '=', 'running')
      .where('locked_until', '<', now)
      .execute();
    for (let tries = 0; tries < 5; tries++) {
      let query = db
        .selectFrom('jobs')
        .select(['id', 'type', 'payload', 'attempts', 'max_attempts'])
        .where('status', '=', 'queued')
        .where('run_at', '<=', now);
      if (type) query = query.where('type', '=', type);
      const candidate = await query.orderBy('run_at').limit(1).executeTakeFirst();
      if (!candidate) return null;
      const lease = this.definitions.get(candidate.type)?.leaseSeconds ?? 600;
      const claimed = await db
        .updateTable('jobs')
        .set({
          status: 'running',
          locked_by: this.workerId,
          locked_until: addSeconds(clock.now(), lease).toISOString(),
          attempts: candidate.attempts + 1,
          updated_at: now,
        })
        .where('id', '=', candidate.id)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) return { ...candidate, attempts: candidate.attempts + 1 };
    }
    return null;
  }

  private async runOne(type?: string): Promise<boolean> {
    const job = await this.claim(type);
    if (!job) return false;
    const { db, clock, log } = this.deps;
    const definition = this.definitions.get(job.type);
    try {
      if (!definition) throw new Error(`No handler registered for job type ${job.type}`);
      await definition.handler(JSON.parse(job.payload), { jobId: job.id, attempt: job.attempts });
      await db
        .updateTable('jobs')
        .set({ status: 'done', locked_by: null, locked_until: null, updated_at: clock.now().toISOString() })
        .where('id', '=', job.id)
        .execute();
    } catch (err) {
      const message = String((err as Error)?.message ?? err).slice(0, 2000);
      const final = job.attempts >= job.max_attempts;
      log?.error(
        { jobId: job.id, type: job.type, attempt: job.attempts, err },
        final ? 'job failed for good' : 'job failed, will retry',
      );
      await db
        .updateTable('jobs')
        .set({
          status: final ? 'failed' : 'queued',
          last_error: message,
          locked_by: null,
          locked_until: null,
          run_at: addSeconds(clock.now(), final ? 0 : 2 ** job.attempts * 5).toISOString(),
          updated_at: clock.now().toISOString(),
        })
        .where('id', '=', job.id)
        .execute();
    }
    return true;
  }
}
