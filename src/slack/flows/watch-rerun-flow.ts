import { judgeActor } from '../../admission/actor-policy';
import { errorMessage } from '../blocks/help-blocks';
import { section } from '../blocks/limits';
import { inlineCode } from '../blocks/escape';
import { tellUser } from './reply';
import type { AlertClickContext } from './watch-action-context';

/** "Re-run" on an alert: the watch runs now through the scheduler, so what it finds lands in the thread like any run. */
export async function watchRerunFlow(ctx: AlertClickContext): Promise<void> {
  const { watches, respond, logger } = ctx;
  judgeActor(ctx.config.actorPolicy, ctx.channel, ctx.user);
  const incident = await watches.incident(ctx.incidentId);
  const watch = incident?.watchId != null ? await watches.watchById(incident.watchId) : undefined;
  if (!incident || !watch) return tellUser(respond, errorMessage('this host is no longer watched'), logger);
  await ctx.limiter.take(ctx.user);
  const started = await watches.rerun(watch.host);
  const text = started
    ? `🔁 Re-running the watch of ${inlineCode(watch.host)} now; any change lands in the alert's thread.`
    : `🔁 The watch of ${inlineCode(watch.host)} is running right now; any change lands in the alert's thread.`;
  await tellUser(respond, { text, blocks: [section(text)] }, logger);
}
