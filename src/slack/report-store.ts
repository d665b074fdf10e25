import type { DomainReport } from '../domain-check';
import type { Report } from '../report/types';

/** Results by Slack message, for the buttons and thread replies: in the store (SqlDocuments), or in memory without one. */
export interface KeyedStore<T> {
  get(key: string): Promise<T | undefined>;
  put(key: string, value: T): Promise<void>;
}

/** Host reports (`/starttls <host>`), keyed by their message. */
export type ReportStore = KeyedStore<Report>;
/** Domain reports (`/starttls mx <domain>`), keyed by their message. */
export type DomainReportStore = KeyedStore<DomainReport>;

export function messageKey(channel: string, ts: string): string {
  return `${channel}/${ts}`;
}

/** The newest `max` values in memory; the oldest is dropped first. */
export class MemoryStore<T> implements KeyedStore<T> {
  private readonly values = new Map<string, T>();

  constructor(private readonly max = 200) {}

  async get(key: string): Promise<T | undefined> {
    return this.values.get(key);
  }

  async put(key: string, value: T): Promise<void> {
    this.values.delete(key);
    this.values.set(key, value);
    while (this.values.size > this.max) this.values.delete(this.values.keys().next().value as string);
  }
}
