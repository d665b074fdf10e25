import { PolicyError } from './policy-error';

export interface RateLimit {
  checks: number;
  perSeconds: number;
}

/** Per-user sliding window: at most `checks` in any `perSeconds`. The clock is injectable for tests. */
export class RateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one check for the user, or throws POLICY_RATE_LIMITED saying when to try again. */
  take(userId: string): void {
    const now = this.now();
    const windowMs = this.limit.perSeconds * 1000;
    const times = (this.recent.get(userId) ?? []).filter((t) => now - t < windowMs);
    if (times.length >= this.limit.checks) {
      const waitSec = Math.max(1, Math.ceil((times[0] + windowMs - now) / 1000));
      this.recent.set(userId, times);
      throw new PolicyError('POLICY_RATE_LIMITED', `you have run ${times.length} checks in the last ${this.limit.perSeconds} s; try again in ${waitSec} s`);
    }
    times.push(now);
    this.recent.set(userId, times);
    this.prune(now, windowMs);
  }

  private prune(now: number, windowMs: number): void {
    if (this.recent.size < 1000) return;
    for (const [user, times] of this.recent) if (times.every((t) => now - t >= windowMs)) this.recent.delete(user);
  }
}
