import type { RespondFn } from '@slack/bolt';
import { judgeActor } from '../../policy/actor-policy';
import type { WatchService } from '../../watch/watch-service';
import { errorMessage } from '../blocks/help-blocks';
import { section } from '../blocks/limits';
import { inlineCode } from '../blocks/escape';
import type { BotDeps } from '../bot-deps';
import type { SlackApi } from '../slack-api';
import { tellUser } from './reply';
import type { WatchActionContext } from './watch-action-context';

/** "Re-run" on an alert: the watch runs now through the scheduler, so what it finds lands in the thread like any run. */
export async function watchRerunFlow(deps: BotDeps, service: WatchService, _api: SlackApi, respond: RespondFn, ctx: WatchActionContext): Promise<void> {
  judgeActor(deps.config.actorPolicy, ctx.channel, ctx.user);
  const incident = await service.incident(ctx.incidentId);
  const watch = incident?.watchId != null ? await service.watchById(incident.watchId) : undefined;
  if (!incident || !watch) return tellUser(respond, errorMessage('this host is no longer watched'), deps.logger);
  await deps.limiter.take(ctx.user);
  const started = await service.rerun(watch.host);
  const text = started
    ? `🔁 Re-running the watch of ${inlineCode(watch.host)} now; any change lands in the alert's thread.`
    : `🔁 The watch of ${inlineCode(watch.host)} is running right now; any change lands in the alert's thread.`;
  await tellUser(respond, { text, blocks: [section(text)] }, deps.logger);
}
