import { prose } from '../blocks/escape';
import { section } from '../blocks/limits';
import type { BotDeps } from '../bot-deps';
import type { SlackApi } from '../slack-api';
import { reasonFor } from './reply';

/** The visible message must not stay at "probing…" forever when the check or the final update failed. */
export async function markFailed(api: SlackApi, channel: string, ts: string, err: unknown, deps: BotDeps): Promise<void> {
  try {
    await api.update(channel, ts, { text: 'The check did not finish', blocks: [section(`⛔ The check did not finish: ${prose(reasonFor(err))}`)] });
  } catch (updateErr) {
    deps.logger.warn('could not mark the progress message as failed', { err: updateErr });
  }
}
