import { judgeActor } from '../../policy/actor-policy';
import type { WatchService } from '../../watch/watch-service';
import { errorMessage } from '../blocks/help-blocks';
import type { BotDeps } from '../bot-deps';
import type { RespondFn } from '@slack/bolt';
import type { SlackApi } from '../slack-api';
import { tellUser } from './reply';
import type { WatchActionContext } from './watch-action-context';

/** "Acknowledge": recorded, said in the thread and shown on the alert (both through the outbox). */
export async function watchAcknowledgeFlow(deps: BotDeps, service: WatchService, _api: SlackApi, respond: RespondFn, ctx: WatchActionContext): Promise<void> {
  judgeActor(deps.config.actorPolicy, ctx.channel, ctx.user);
  const outcome = await service.acknowledge(ctx.incidentId, ctx.user);
  deps.logger.info('incident acknowledge', { incident: ctx.incidentId, user: ctx.user, outcome: outcome.kind });
  if (outcome.kind === 'already') await tellUser(respond, errorMessage('this incident was already acknowledged'), deps.logger);
  if (outcome.kind === 'resolved') await tellUser(respond, errorMessage('this incident is already resolved'), deps.logger);
  if (outcome.kind === 'unknown') await tellUser(respond, errorMessage('this incident is no longer known to the bot'), deps.logger);
}
