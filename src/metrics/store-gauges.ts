/**
 * What the metrics need from the store, asked at scrape time. The store
 * implements it (src/storage/ops-gauges.ts, SQLite or PostgreSQL); async so a shared
 * database fits behind it.
 */
export interface StoreGauges {
  /** How overdue the most overdue watch is (0 when none is due). */
  scheduleLagMs(now: number): Promise<number>;
  /** Slack messages waiting to be sent, and how long the oldest has waited (0 when none). */
  outboxBacklog(now: number): Promise<{ rows: number; oldestAgeMs: number }>;
}
