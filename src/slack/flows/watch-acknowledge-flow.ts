import { judgeActor } from '../../admission/actor-policy';
import { errorMessage } from '../blocks/help-blocks';
import { tellUser } from './reply';
import type { AlertClickContext } from './watch-action-context';

/** "Acknowledge": recorded, said in the thread and shown on the alert (both through the outbox). */
export async function watchAcknowledgeFlow(ctx: AlertClickContext): Promise<void> {
  const { watches, respond, logger } = ctx;
  judgeActor(ctx.config.actorPolicy, ctx.channel, ctx.user);
  const outcome = await watches.acknowledge(ctx.incidentId, ctx.user);
  logger.info('incident acknowledge', { incident: ctx.incidentId, user: ctx.user, outcome: outcome.kind });
  if (outcome.kind === 'already') await tellUser(respond, errorMessage('this incident was already acknowledged'), logger);
  if (outcome.kind === 'resolved') await tellUser(respond, errorMessage('this incident is already resolved'), logger);
  if (outcome.kind === 'unknown') await tellUser(respond, errorMessage('this incident is no longer known to the bot'), logger);
}
