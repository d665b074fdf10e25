import type { RespondFn } from '@slack/bolt';
import { judgeActor } from '../../policy/actor-policy';
import type { WatchService } from '../../watch/watch-service';
import { errorMessage } from '../blocks/help-blocks';
import { homeView } from '../blocks/home-blocks';
import { inlineCode } from '../blocks/escape';
import { section } from '../blocks/limits';
import { decodeMenuValue } from '../blocks/watch-list-blocks';
import type { BotDeps } from '../bot-deps';
import { helpFacts } from '../config';
import type { SlackApi } from '../slack-api';
import { tellUser } from './reply';

export interface WatchMenuContext {
  user: string;
  /** Where the list was: a channel for `/starttls watches`, undefined on the Home tab. */
  channel?: string;
  value: string;
  onHome: boolean;
}

/** The watch list's menu: re-run or unwatch; on the Home tab the list is published again to show the result. */
export async function watchMenuFlow(deps: BotDeps, service: WatchService, api: SlackApi, respond: RespondFn, ctx: WatchMenuContext): Promise<void> {
  // The Home tab is no channel: there only the person is judged.
  if (ctx.channel) judgeActor(deps.config.actorPolicy, ctx.channel, ctx.user);
  else judgeActor({ ...deps.config.actorPolicy, allowedChannels: [] }, '', ctx.user);
  const { action, watchId } = decodeMenuValue(ctx.value);
  const watch = await service.watchById(watchId);
  let note: string;
  if (!watch) note = 'That watch no longer exists.';
  else if (action === 'rerun') {
    await deps.limiter.take(ctx.user);
    note = (await service.rerun(watch.host)) ? `🔁 Re-running ${inlineCode(watch.host)} now.` : `🔁 ${inlineCode(watch.host)} is running right now.`;
  } else {
    await service.unwatch(watch.host, ctx.user);
    deps.logger.info('watch removed', { host: watch.host, user: ctx.user, from: ctx.onHome ? 'home' : 'list' });
    note = `🛑 Stopped watching ${inlineCode(watch.host)}.`;
  }
  if (ctx.onHome) await api.publishHome(ctx.user, homeView(helpFacts(deps.config), await service.list()));
  else if (!watch) await tellUser(respond, errorMessage('that watch no longer exists'), deps.logger);
  else await tellUser(respond, { text: note, blocks: [section(note)] }, deps.logger);
}
