import { judgeActor } from '../../admission/actor-policy';
import type { WatchService } from '../../watch/watch-service';
import { errorMessage } from '../blocks/help-blocks';
import { inlineCode } from '../blocks/escape';
import { section } from '../blocks/limits';
import { decodeMenuValue } from '../blocks/watch-list-blocks';
import type { RequestContext } from './flow-context';
import { publishHome } from './home-flow';
import { reportFailure, tellUser } from './reply';

export interface WatchMenuContext extends RequestContext {
  user: string;
  /** Where the list was: a channel for `/starttls watches`, undefined on the Home tab. */
  channel?: string;
  value: string;
  onHome: boolean;
}

/** The watch list's menu: re-run or unwatch; on the Home tab the list is published again to show the result. */
export async function watchMenuFlow(ctx: WatchMenuContext): Promise<void> {
  const service = ctx.watches;
  if (!service) return;
  try {
    await chosen(ctx, service);
  } catch (err) {
    if (ctx.onHome) ctx.logger.warn('watch menu failed on the Home tab', { err });
    else await reportFailure(ctx.respond, err, ctx.logger, { action: 'watch menu' });
  }
}

async function chosen(ctx: WatchMenuContext, service: WatchService): Promise<void> {
  // The Home tab is no channel: there only the person is judged.
  if (ctx.channel) judgeActor(ctx.config.actorPolicy, ctx.channel, ctx.user);
  else judgeActor({ ...ctx.config.actorPolicy, allowedChannels: [] }, '', ctx.user);
  const { action, watchId } = decodeMenuValue(ctx.value);
  const watch = await service.watchById(watchId);
  let note: string;
  if (!watch) note = 'That watch no longer exists.';
  else if (action === 'rerun') {
    await ctx.limiter.take(ctx.user);
    note = (await service.rerun(watch.host)) ? `🔁 Re-running ${inlineCode(watch.host)} now.` : `🔁 ${inlineCode(watch.host)} is running right now.`;
  } else {
    await service.unwatch(watch.host, ctx.user);
    ctx.logger.info('watch removed', { host: watch.host, user: ctx.user, from: ctx.onHome ? 'home' : 'list' });
    note = `🛑 Stopped watching ${inlineCode(watch.host)}.`;
  }
  if (ctx.onHome) await publishHome(ctx, ctx.user);
  else if (!watch) await tellUser(ctx.respond, errorMessage('that watch no longer exists'), ctx.logger);
  else await tellUser(ctx.respond, { text: note, blocks: [section(note)] }, ctx.logger);
}
