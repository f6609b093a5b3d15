import { Redis } from 'ioredis';

/**
 * Short-lived shared state (throttling counters, code-resend guards). In-process by default; Redis when several API
 * nodes must agree. Values expire; nothing here is a record of truth.
 */
export interface HotState {
  /** Adds one to a counter that expires `windowSeconds` after its first increment; returns the new value. */
  increment(key: string, windowSeconds: number): Promise<number>;
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

export class RedisHotState implements HotState {
  readonly kind = 'redis' as const;
  constructor(
    readonly redis: Redis,
    private readonly prefix = 'yx:',
  ) {}

  async increment(key: string, windowSeconds: number): Promise<number> {
    const k = this.prefix + key;
    // INCR then EXPIRE NX in one round trip: the window starts at the first increment and is not extended.
    const results = await this.redis.multi().incr(k).expire(k, windowSeconds, 'NX').exec();
    const [err, value] = results![0];
    if (err) throw err;
    return Number(value);
  }
  async get(key: string): Promise<string | null> {
    return this.redis.get(this.prefix + key);
  }
  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.prefix + key, value, 'EX', ttlSeconds);
  }
  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(this.prefix + key, value, 'EX', ttlSeconds, 'NX')) === 'OK';
  }
  async compareAndSet(key: string, expected: string | null, value: string, ttlSeconds: number): Promise<boolean> {
    const done =
      expected === null
        ? await this.redis.set(this.prefix + key, value, 'EX', ttlSeconds, 'NX')
        : await this.redis.eval(COMPARE_AND_SET, 1, this.prefix + key, expected, value, String(ttlSeconds));
    return done === 'OK' || done === 1;
  }
  async del(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
  async close(): Promise<void> {
    await this.redis.quit();
  }
}

export function openHotState(redisUrl: string | undefined, prefix?: string): HotState {
  if (!redisUrl) return new MemoryHotState();
  return new RedisHotState(new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false }), prefix);
}
