import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps';
import { commandFlow } from '../../flows/command-flow';
import { SlackApi } from '../../slack-api';

/** Acknowledge first, then work in the background: the ack never waits for DNS, Slack or a mail server. */
export function starttlsCommand(deps: BotDeps) {
  return async ({ command, ack, respond, client, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    if (!deps.seen.firstTime(`command:${command.trigger_id}`)) {
      deps.logger.info('duplicate slash command ignored', { retryNum: context.retryNum, channel: command.channel_id });
      return;
    }
    deps.tasks.run('starttls command', () => commandFlow(deps, new SlackApi(client), respond, command));
  };
}
