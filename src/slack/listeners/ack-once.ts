import type { BotDeps } from '../bot-deps';

/**
 * Acknowledge at once, drop a redelivery Slack already sent (same key), then do the work in the
 * background, so an acknowledgement never waits for DNS, Slack or a mail server.
 */
export async function ackOnceThenRun(deps: BotDeps, ack: () => Promise<void>, key: string, name: string, work: () => Promise<void>): Promise<void> {
  await ack();
  if (!deps.seen.firstTime(key)) {
    deps.logger.info('duplicate request ignored', { action: name });
    return;
  }
  deps.tasks.run(name, work);
}
