import type { Logger } from './logger';

/**
 * Work started after an acknowledgement. Listeners return at once (so the ack
 * never waits for a probe, even with processBeforeResponse); `idle()` lets
 * shutdown and tests wait for what is still running.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(name: string, work: () => Promise<void>): void {
    const task = work()
      .catch((err: unknown) => this.logger.error('background task failed', { task: name, err }))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
