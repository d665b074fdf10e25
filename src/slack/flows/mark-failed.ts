import { prose } from '../blocks/escape';
import { section } from '../blocks/limits';
import type { FlowContext } from './flow-context';
import { reasonFor } from './reply';

/** The visible message must not stay at "probing…" forever when the check or the final update failed. */
export async function markFailed(ctx: FlowContext, message: { channel: string; ts: string }, err: unknown): Promise<void> {
  try {
    await ctx.api.update(message.channel, message.ts, { text: 'The check did not finish', blocks: [section(`⛔ The check did not finish: ${prose(reasonFor(err))}`)] });
  } catch (updateErr) {
    ctx.logger.warn('could not mark the progress message as failed', { err: updateErr });
  }
}
