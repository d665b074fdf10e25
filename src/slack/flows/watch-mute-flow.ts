import { judgeActor } from '../../admission/actor-policy';
import { errorMessage } from '../blocks/help-blocks';
import { tellUser } from './reply';
import type { AlertClickContext } from './watch-action-context';

/** "Mute for a while": no new alerts for the watch for the configured time; the thread says so and keeps updating. */
export async function watchMuteFlow(ctx: AlertClickContext): Promise<void> {
  const { watches, respond, logger } = ctx;
  judgeActor(ctx.config.actorPolicy, ctx.channel, ctx.user);
  const incident = await watches.incident(ctx.incidentId);
  const until = incident ? await watches.mute(incident.host, ctx.user, undefined, incident.id) : undefined;
  if (until === undefined) return tellUser(respond, errorMessage('this host is no longer watched'), logger);
  logger.info('watch muted', { host: incident?.host, user: ctx.user, until });
}
