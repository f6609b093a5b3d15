import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { Database, DbOrTrx } from '../../database/schema.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { addSeconds } from '../../platform/time.js';

/** What a run of a job is given: its id, the attempt (1, 2 …) and the services its definition asked for. */
export type JobContext<D> = { jobId: string; attempt: number; services: D };

/**
 * A background job: its id, the schema of its payload (TypeBox), and a handler over the payload and the services it
 * names (`D`), retried with exponential backoff. Declared once with `defineJob` beside the code it runs, registered in
 * one place (jobs.registry.ts) with those services, enqueued by the definition itself — the shape a queue provider
 * such as BullMQ would run as well.
 */
export type JobDefinition<S extends TSchema = TSchema, D = never> = {
  id: string;
  payload: S;
  maxAttempts?: number;
  /** Longest a single run may hold the job before another runner may take it over (crash recovery). */
  leaseSeconds?: number;
  handler: (payload: Static<S>, context: JobContext<D>) => Promise<unknown>;
};

export function defineJob<S extends TSchema, D>(definition: JobDefinition<S, D>): JobDefinition<S, D> {
  return definition;
}

/** A payload that does not match its job's schema: refused at enqueue, and fails a stored job for good. */
export class JobPayloadError extends Error {
  constructor(jobId: string, detail: string) {
    super(`payload of job ${jobId} does not match its schema: ${detail}`);
    this.name = 'JobPayloadError';
  }
}

type Validator = { Check(value: unknown): boolean; Errors(value: unknown): Iterable<unknown> };
type Registered = { definition: JobDefinition; services: unknown; validator: Validator };

function payloadProblem(validator: Validator, payload: unknown): string | null {
  if (validator.Check(payload)) return null;
  const first = [...validator.Errors(payload)][0] as { instancePath?: string; message?: string } | undefined;
  return `${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}`;
}

type Logger = { info: (obj: object, msg?: string) => void; error: (obj: object, msg?: string) => void };

/**
 * The embedded job runner: jobs are rows in `jobs`, claimed with a conditional update so several processes (or API
 * nodes) can run it against one database without double execution. A job is enqueued in the same transaction as the
 * change that needs it, so it is never lost and never runs for a change that rolled back.
 */
export class LocalJobRunner {
  private readonly definitions = new Map<string, Registered>();
  private readonly workerId = `${hostname()}:${process.pid}:${newId().slice(-6)}`;
  private timer: NodeJS.Timeout | null = null;
  private running = 0;
  private stopped = true;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: { db: Kysely<Database>; clock: Clock; log?: Logger; concurrency?: number; pollMs?: number },
  ) {}

  /** Registers a job with the services its handler needs (jobs.registry.ts registers every job of the platform). */
  register<S extends TSchema, D>(definition: JobDefinition<S, D>, services: D): void {
    if (this.definitions.has(definition.id)) throw new Error(`Job ${definition.id} is registered twice`);
    this.definitions.set(definition.id, {
      definition,
      services,
      validator: Compile(definition.payload),
    });
  }

  /** Queues a run of a registered job; the payload is checked against the job's schema (JobPayloadError). */
  async enqueue<S extends TSchema>(
    db: DbOrTrx,
    job: JobDefinition<S>,
    payload: Static<S>,
    options: { delaySeconds?: number } = {},
  ): Promise<string> {
    const type = job.id;
    const registered = this.definitions.get(type);
    if (!registered) throw new Error(`Unknown job type: ${type}`);
    const problem = payloadProblem(registered.validator, payload);
    if (problem) throw new JobPayloadError(type, problem);
    const definition = registered.definition;
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

  /**
   * Queues the next run of a job that reschedules itself, unless one is queued already (the running one calls this to
   * queue its successor, so a running run does not count); finished runs older than a day are cleared away.
   */
  async queueNext<S extends TSchema>(
    db: DbOrTrx,
    job: JobDefinition<S>,
    payload: Static<S>,
    options: { delaySeconds?: number } = {},
  ): Promise<void> {
    const queued = await db
      .selectFrom('jobs')
      .select('id')
      .where('type', '=', job.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (!queued) await this.enqueue(db, job, payload, options);
    await db
      .deleteFrom('jobs')
      .where('type', '=', job.id)
      .where('status', '=', 'done')
      .where('updated_at', '<', new Date(this.deps.clock.now().getTime() - 86_400_000).toISOString())
      .execute();
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
  async drain(options: { type?: JobDefinition; limit?: number } = {}): Promise<number> {
    let ran = 0;
    while (ran < (options.limit ?? Infinity) && (await this.runOne(options.type?.id))) ran++;
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
      const lease = this.definitions.get(candidate.type)?.definition.leaseSeconds ?? 600;
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
    const registered = this.definitions.get(job.type);
    let final = job.attempts >= job.max_attempts;
    try {
      if (!registered) throw new Error(`No handler registered for job type ${job.type}`);
      const payload = parsePayload(registered, job);
      await registered.definition.handler(payload, {
        jobId: job.id,
        attempt: job.attempts,
        services: registered.services as never,
      });
      await db
        .updateTable('jobs')
        .set({ status: 'done', locked_by: null, locked_until: null, updated_at: clock.now().toISOString() })
        .where('id', '=', job.id)
        .execute();
    } catch (err) {
      const message = String((err as Error)?.message ?? err).slice(0, 2000);
      // A payload that does not match its schema will not match on a retry either.
      if (err instanceof JobPayloadError) final = true;
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

function parsePayload(registered: Registered, job: { type: string; payload: string }): unknown {
  let payload: unknown;
  try {
    payload = JSON.parse(job.payload);
  } catch {
    throw new JobPayloadError(job.type, 'not JSON');
  }
  const problem = payloadProblem(registered.validator, payload);
  if (problem) throw new JobPayloadError(job.type, problem);
  return payload;
}
