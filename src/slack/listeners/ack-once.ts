import type { BotDeps } from '../bot-deps';

/**
 * Acknowledge at once, drop a redelivery Slack already sent (same key), then do the work in the
 * background, so an acknowledgement never waits for DNS, Slack or a mail server.
 */
export async function ackOnceThenRun(deps: BotDeps, ack: () => Promise<void>, key: string, name: string, work: () => Promise<void>): Promise<void> {
  await ack();
  if (!(await firstTime(deps, key, name))) {
    deps.logger.info('duplicate request ignored', { action: name });
    return;
  }
  deps.tasks.run(name, work);
}

/** A store that cannot answer does not drop the request: it may then run twice, never not at all. */
async function firstTime(deps: BotDeps, key: string, name: string): Promise<boolean> {
  try {
    return await deps.seen.firstTime(key);
  } catch (err) {
    deps.logger.warn('could not check for a redelivery; running the request', { action: name, err });
    return true;
  }
}
