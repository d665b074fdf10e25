import type { ProbeLimits } from './limits';
import type { TranscriptDirection, TranscriptEntry } from './types';

/** Bounded record of what was said, for the Details view and debugging. */
export class Transcript {
  readonly entries: TranscriptEntry[] = [];
  private dropped = 0;

  constructor(
    private readonly limits: ProbeLimits,
    private readonly startedAt: number,
  ) {}

  add(dir: TranscriptDirection, text: string): void {
    if (this.entries.length >= this.limits.maxTranscriptEntries) {
      this.dropped++;
      return;
    }
    const max = this.limits.maxTranscriptText;
    const cut = text.length > max ? `${text.slice(0, max)}… [${text.length - max} more characters]` : text;
    this.entries.push({ at: Date.now() - this.startedAt, dir, text: cut });
  }

  finish(): TranscriptEntry[] {
    if (this.dropped > 0) {
      this.entries.push({ at: Date.now() - this.startedAt, dir: 'info', text: `${this.dropped} more lines not kept` });
      this.dropped = 0;
    }
    return this.entries;
  }
}
