import { Redis } from 'ioredis';
import { AppError } from '../platform/errors.js';

/**
 * Short-lived shared state (throttling counters, code-resend guards). In-process by default; Redis when several API
 * nodes must agree. Values expire; nothing here is a record of truth.
 */
export interface HotState {
  /** Adds one to a counter that expires `windowSeconds` after its first increment; returns the new value. */
  increment(key: string, windowSeconds: number): Promise<number>;
  /** Takes one back from a counter that still exists (an attempt reserved with `increment` that did not count). */
  decrement(key: string): Promise<void>;
  /** Whether the store answers just now (health reports). */
  ping(): Promise<boolean>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Sets only when absent; true when this call set it (a cluster-wide "first one wins"). */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /**
   * Replaces the value only if it is still `expected` (null: absent); true when this call replaced it. Lets several
   * API nodes update one learner's live state without losing each other's writes.
   */
  compareAndSet(key: string, expected: string | null, value: string, ttlSeconds: number): Promise<boolean>;
  del(key: string): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'memory' | 'redis';
}

export class MemoryHotState implements HotState {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private writes = 0;
  constructor(private readonly now: () => number = Date.now) {}

  private live(key: string) {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
  async increment(key: string, windowSeconds: number): Promise<number> {
    const entry = this.live(key);
    const value = Number(entry?.value ?? 0) + 1;
    this.entries.set(key, { value: String(value), expiresAt: entry?.expiresAt ?? this.now() + windowSeconds * 1000 });
    return value;
  }
  async decrement(key: string): Promise<void> {
    const entry = this.live(key);
    if (entry) entry.value = String(Math.max(0, Number(entry.value) - 1));
  }
  async ping(): Promise<boolean> {
    return true;
  }
  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }
  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
    // Keys nobody reads again (a learner who left) would stay forever: sweep the expired ones now and then.
    if (++this.writes % 4096 === 0) this.sweep();
  }
  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
  /** Entries held, expired or not (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }
  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    if (this.live(key)) return false;
    await this.set(key, value, ttlSeconds);
    return true;
  }
  async compareAndSet(key: string, expected: string | null, value: string, ttlSeconds: number): Promise<boolean> {
    if ((this.live(key)?.value ?? null) !== expected) return false;
    await this.set(key, value, ttlSeconds);
    return true;
  }
  async del(key: string): Promise<void> {
    this.entries.delete(key);
  }
  async close(): Promise<void> {
    this.entries.clear();
  }
}

// Atomic in Redis: compare the current value and replace it with a fresh expiry.
const COMPARE_AND_SET = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[3])) return 1 else return 0 end`;

/**
 * True when an error says Redis cannot be reached just now: ioredis gave up on the command after its retries while
 * reconnecting, or the connection closed under it (the rate-limit plugin's store hands these on unchanged).
 */
export function isHotStateUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { name?: unknown; message?: unknown; code?: unknown };
  if (e.name === 'MaxRetriesPerRequestError') return true;
  return (
    typeof e.message === 'string' &&
    /Connection is closed|Stream isn't writeable|enableOfflineQueue|Redis connection lost/i.test(e.message)
  );
}

// Atomic in Redis: take one back only from a counter that still exists (an expired window stays expired).
const DECREMENT_IF_PRESENT = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) else return 0 end`;

export class RedisHotState implements HotState {
  readonly kind = 'redis' as const;
  constructor(
    readonly redis: Redis,
    private readonly prefix = 'yx:',
  ) {}

  /**
   * Every call fails closed: when Redis cannot answer, the caller gets HOT_STATE_UNAVAILABLE (503) — never a default
   * such as "no failures counted yet" or "no live lesson", which would grant what the state is there to limit.
   */
  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw new AppError('HOT_STATE_UNAVAILABLE', { details: { reason: (err as Error)?.name ?? 'error' } });
    }
  }

  increment(key: string, windowSeconds: number): Promise<number> {
    return this.guard(async () => {
      const k = this.prefix + key;
      // INCR then EXPIRE NX in one round trip: the window starts at the first increment and is not extended.
      const results = await this.redis.multi().incr(k).expire(k, windowSeconds, 'NX').exec();
      if (!results) throw new Error('Redis transaction aborted');
      const [err, value] = results[0];
      if (err) throw err;
      return Number(value);
    });
  }
  decrement(key: string): Promise<void> {
    return this.guard(async () => {
      await this.redis.eval(DECREMENT_IF_PRESENT, 1, this.prefix + key);
    });
  }
  async ping(): Promise<boolean> {
    if (this.redis.status !== 'ready') return false;
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }
  get(key: string): Promise<string | null> {
    return this.guard(() => this.redis.get(this.prefix + key));
  }
  set(key: string, value: string, ttlSeconds: number): Promise<void> {
    return this.guard(async () => {
      await this.redis.set(this.prefix + key, value, 'EX', ttlSeconds);
    });
  }
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    return this.guard(async () => (await this.redis.set(this.prefix + key, value, 'EX', ttlSeconds, 'NX')) === 'OK');
  }
  compareAndSet(key: string, expected: string | null, value: string, ttlSeconds: number): Promise<boolean> {
    return this.guard(async () => {
      const done =
        expected === null
          ? await this.redis.set(this.prefix + key, value, 'EX', ttlSeconds, 'NX')
          : await this.redis.eval(COMPARE_AND_SET, 1, this.prefix + key, expected, value, String(ttlSeconds));
      return done === 'OK' || done === 1;
    });
  }
  del(key: string): Promise<void> {
    return this.guard(async () => {
      await this.redis.del(this.prefix + key);
    });
  }
  async close(): Promise<void> {
    // quit() waits for a reply that never comes while Redis is away; disconnect() ends at once.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

export function openHotState(
  redisUrl: string | undefined,
  prefix?: string,
  onConnectionError?: (err: Error) => void,
): HotState {
  if (!redisUrl) return new MemoryHotState();
  const redis = new Redis(redisUrl, {
    // A command waits through at most two reconnection attempts, then fails (503) rather than hanging the request.
    maxRetriesPerRequest: 2,
    lazyConnect: false,
    // Reconnect forever, at most a second apart, so service resumes soon after Redis is back.
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  // Without a listener ioredis prints every failed reconnection attempt; the API keeps running either way.
  let last = 0;
  redis.on('error', (err: Error) => {
    if (Date.now() - last > 10_000) {
      last = Date.now();
      onConnectionError?.(err);
    }
  });
  return new RedisHotState(redis, prefix);
}
