/**
 * Request keys seen recently, so a redelivered slash command, button click or
 * event (Slack retries what it thinks was not acknowledged, maybe to another
 * replica) runs once. The store's version is shared by every replica.
 */
export interface SeenKeys {
  /** True the first time a key is offered within the TTL. */
  firstTime(key: string): Promise<boolean>;
}

export const SEEN_KEYS_TTL_MS = 10 * 60_000;

/** One process's memory of keys: a bot without a store, and tests. */
export class MemorySeenKeys implements SeenKeys {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = SEEN_KEYS_TTL_MS,
    private readonly max = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  async firstTime(key: string): Promise<boolean> {
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
