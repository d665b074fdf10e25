import type { RespondFn } from '@slack/bolt';
import { judgeActor } from '../../policy/actor-policy';
import type { WatchService } from '../../watch/watch-service';
import { errorMessage } from '../blocks/help-blocks';
import type { BotDeps } from '../bot-deps';
import type { SlackApi } from '../slack-api';
import { tellUser } from './reply';
import type { WatchActionContext } from './watch-action-context';

/** "Mute for a while": no new alerts for the watch for the configured time; the thread says so and keeps updating. */
export async function watchMuteFlow(deps: BotDeps, service: WatchService, _api: SlackApi, respond: RespondFn, ctx: WatchActionContext): Promise<void> {
  judgeActor(deps.config.actorPolicy, ctx.channel, ctx.user);
  const incident = await service.incident(ctx.incidentId);
  const until = incident ? await service.mute(incident.host, ctx.user, undefined, incident.id) : undefined;
  if (until === undefined) return tellUser(respond, errorMessage('this host is no longer watched'), deps.logger);
  deps.logger.info('watch muted', { host: incident?.host, user: ctx.user, until });
}
