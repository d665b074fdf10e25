import { judgeActor } from '../../admission/actor-policy';
import type { WatchCommand } from '../../watch/watch-command';
import { alertChannel } from '../../watch/watch-settings';
import { errorMessage } from '../blocks/help-blocks';
import { unwatchedMessage, watchStartedMessage } from '../blocks/watch-command-blocks';
import { historyMessage } from '../blocks/watch-history-blocks';
import { watchListMessage } from '../blocks/watch-list-blocks';
import { admitRequest } from './admit-request';
import type { CommandContext } from './flow-context';
import { reportFailure, tellUser } from './reply';

export interface WatchCommandContext extends CommandContext {
  input: WatchCommand;
}

/** `/starttls watch|unwatch|watches|history`: changes are said in the channel, lists answered to the asker alone. */
export async function watchCommandFlow(ctx: WatchCommandContext): Promise<void> {
  const { api, respond, logger, command, input } = ctx;
  const who = { channel: command.channel_id, user: command.user_id };
  const log = { channel: who.channel, user: who.user, command: `starttls ${input.kind}` };
  const service = ctx.watches;
  if (!service) return tellUser(respond, errorMessage('watches are not enabled on this bot'), logger);
  try {
    switch (input.kind) {
      case 'watch': {
        // A watch probes on and on: it passes the same checks as a one-off check, and each run is checked again.
        await admitRequest(ctx, { ...who, host: input.host, ports: input.ports });
        const watch = await service.watch(input, who.channel, who.user);
        logger.info('watch added', { ...log, host: watch.host, ports: watch.ports, intervalMs: watch.intervalMs });
        await api.post(who.channel, watchStartedMessage(watch, alertChannel(service.settings, who.channel), who.user));
        return;
      }
      case 'unwatch': {
        judgeActor(ctx.config.actorPolicy, who.channel, who.user);
        if (!(await service.unwatch(input.host, who.user))) return await tellUser(respond, errorMessage(`${input.host} is not being watched`), logger);
        logger.info('watch removed', { ...log, host: input.host });
        await api.post(who.channel, unwatchedMessage(input.host, who.user));
        return;
      }
      case 'watches':
        judgeActor(ctx.config.actorPolicy, who.channel, who.user);
        return await tellUser(respond, watchListMessage(await service.list()), logger);
      case 'history':
        judgeActor(ctx.config.actorPolicy, who.channel, who.user);
        return await tellUser(respond, historyMessage(input.host, await service.history(input.host), await service.incidentsOf(input.host), Date.now()), logger);
    }
  } catch (err) {
    await reportFailure(respond, err, logger, log);
  }
}
