import type { Report } from '../report/types';

/** Recent reports by Slack message, for the buttons; a later issue puts them in SQLite behind the same interface. */
export interface ReportStore {
  get(key: string): Promise<Report | undefined>;
  put(key: string, report: Report): Promise<void>;
}

export function messageKey(channel: string, ts: string): string {
  return `${channel}/${ts}`;
}

/** The newest `max` reports in memory; the oldest is dropped first. */
export class MemoryReportStore implements ReportStore {
  private readonly reports = new Map<string, Report>();

  constructor(private readonly max = 200) {}

  async get(key: string): Promise<Report | undefined> {
    return this.reports.get(key);
  }

  async put(key: string, report: Report): Promise<void> {
    this.reports.delete(key);
    this.reports.set(key, report);
    while (this.reports.size > this.max) this.reports.delete(this.reports.keys().next().value as string);
  }
}
