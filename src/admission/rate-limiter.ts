import { PolicyError } from './policy-error';

export interface RateLimit {
  checks: number;
  perSeconds: number;
}

/** Sliding windows of hits per key; the store's shares them across replicas (src/storage/rate-window-store.ts). */
export interface RateWindows {
  /** Counts a hit at `now` unless `max` hits already lie within `windowMs`. */
  hit(key: string, now: number, windowMs: number, max: number): Promise<{ taken: boolean; count: number; oldest: number }>;
}

/** Per-user sliding window: at most `checks` in any `perSeconds`. The clock is injectable for tests. */
export class RateLimiter {
  constructor(
    readonly limit: RateLimit,
    private readonly windows: RateWindows = new MemoryRateWindows(),
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one check for the user, or throws POLICY_RATE_LIMITED saying when to try again. */
  async take(userId: string): Promise<void> {
    const now = this.now();
    const windowMs = this.limit.perSeconds * 1000;
    const hit = await this.windows.hit(`user:${userId}`, now, windowMs, this.limit.checks);
    if (hit.taken) return;
    const waitSec = Math.max(1, Math.ceil((hit.oldest + windowMs - now) / 1000));
    throw new PolicyError('POLICY_RATE_LIMITED', `you have run ${hit.count} checks in the last ${this.limit.perSeconds} s; try again in ${waitSec} s`);
  }
}

/** One process's windows (a bot without a store, and tests). */
export class MemoryRateWindows implements RateWindows {
  private readonly recent = new Map<string, number[]>();

  async hit(key: string, now: number, windowMs: number, max: number): Promise<{ taken: boolean; count: number; oldest: number }> {
    const times = (this.recent.get(key) ?? []).filter((t) => now - t < windowMs);
    const taken = times.length < max;
    if (taken) times.push(now);
    this.recent.set(key, times);
    this.prune(now, windowMs);
    return { taken, count: times.length, oldest: times[0] ?? now };
  }

  private prune(now: number, windowMs: number): void {
    if (this.recent.size < 1000) return;
    for (const [key, times] of this.recent) if (times.every((t) => now - t >= windowMs)) this.recent.delete(key);
  }
}
