import { Worker } from 'node:worker_threads';

type Job<Req, Res> = { request: Req; transfer: ArrayBuffer[]; resolve: (r: Res) => void; reject: (e: Error) => void };
type Slot<Req, Res> = { worker: Worker; job: Job<Req, Res> | null; timer: NodeJS.Timeout | null; online: boolean };

/**
 * A fixed number of worker threads, each doing one job at a time, with a bounded queue in front. Workers start on
 * the first job; an idle worker is unref'd so that it never keeps a finished process alive. A worker that crashes or
 * overruns its time is replaced, and only its own job fails.
 */
export class WorkerPool<Req extends { id: number }, Res extends { id: number }> {
  private readonly slots: (Slot<Req, Res> | null)[];
  private readonly queue: Job<Req, Res>[] = [];
  private closed = false;

  constructor(
    private readonly options: { file: URL; size: number; maxQueue: number; jobTimeoutMs: number; workerData?: unknown },
  ) {
    if (!Number.isInteger(options.size) || options.size < 1)
      throw new Error(`Worker pool size must be a positive integer, got ${options.size}`);
    this.slots = Array.from({ length: options.size }, () => null);
  }

  /** Jobs waiting for a worker (not counting the ones running). */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with the worker's answer; rejects with `QueueFullError` at once when the queue is full. */
  run(request: Req, transfer: ArrayBuffer[] = []): Promise<Res> {
    if (this.closed) return Promise.reject(new Error('Worker pool is closed'));
    if (this.queue.length >= this.options.maxQueue) return Promise.reject(new QueueFullError());
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ request, transfer, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('Worker pool closed'));
    await Promise.all(
      this.slots.map(async (slot, i) => {
        if (!slot) return;
        this.slots[i] = null;
        if (slot.timer) clearTimeout(slot.timer);
        slot.job?.reject(new Error('Worker pool closed'));
        await slot.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    for (let i = 0; i < this.slots.length && this.queue.length > 0; i++) {
      const slot = this.slots[i] ?? this.spawn(i);
      if (slot.job) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      if (slot.online) this.startTimer(i, slot);
      slot.worker.postMessage(job.request, job.transfer);
    }
  }

  /** A job's time counts from when its worker is running: starting a thread on a busy machine is not the job's fault. */
  private startTimer(i: number, slot: Slot<Req, Res>): void {
    slot.timer = setTimeout(
      () => this.fail(i, slot, new Error(`Worker job timed out after ${this.options.jobTimeoutMs} ms`)),
      this.options.jobTimeoutMs,
    );
  }

  private spawn(i: number): Slot<Req, Res> {
    const worker = new Worker(this.options.file, { workerData: this.options.workerData });
    const slot: Slot<Req, Res> = { worker, job: null, timer: null, online: false };
    worker.unref();
    worker.on('online', () => {
      slot.online = true;
      if (slot.job && !slot.timer) this.startTimer(i, slot);
    });
    worker.on('message', (response: Res) => {
      const job = slot.job;
      if (!job || response.id !== job.request.id) return;
      if (slot.timer) clearTimeout(slot.timer);
      slot.job = null;
      slot.timer = null;
      worker.unref();
      job.resolve(response);
      this.dispatch();
    });
    worker.on('error', (error) => this.fail(i, slot, error));
    worker.on('exit', (code) => this.fail(i, slot, new Error(`Worker exited with code ${code}`)));
    this.slots[i] = slot;
    return slot;
  }

  /** Drops a broken worker: its job fails, the next job starts a fresh one. */
  private fail(i: number, slot: Slot<Req, Res>, error: Error): void {
    if (this.slots[i] !== slot) return;
    this.slots[i] = null;
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    void slot.worker.terminate();
    job?.reject(error);
    if (!this.closed) this.dispatch();
  }
}

export class QueueFullError extends Error {
  constructor() {
    super('Worker pool queue is full');
    this.name = 'QueueFullError';
  }
}
