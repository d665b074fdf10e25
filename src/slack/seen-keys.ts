/**
 * A bounded memory of request keys seen recently, so a redelivered slash command
 * or button click (Slack retries what it thinks was not acknowledged) runs once.
 */
export class SeenKeys {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly max = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time a key is offered within the TTL. */
  firstTime(key: string): boolean {
    const now = this.now();
    for (const [k, at] of this.seen) {
      if (now - at < this.ttlMs && this.seen.size < this.max) break;
      this.seen.delete(k);
    }
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }
}
