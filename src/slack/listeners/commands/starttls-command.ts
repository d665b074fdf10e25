import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps';
import { commandFlow } from '../../flows/command-flow';
import { requestContext } from '../../flows/flow-context';
import { ackOnceThenRun } from '../ack-once';

/** `/starttls`: a command Slack redelivers (X-Slack-Retry-Num) keeps its trigger_id, so it runs once. */
export function starttlsCommand(deps: BotDeps) {
  return ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> =>
    ackOnceThenRun(deps, ack, `command:${command.trigger_id}`, 'starttls command', () => commandFlow({ ...requestContext(deps, client, respond), command }));
}
