import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BotDeps } from '../../bot-deps';
import { exchangePasteFlow } from '../../flows/exchange-paste-flow';
import { flowContext } from '../../flows/flow-context';
import { threadPaste } from '../../flows/thread-paste';

/** Replies in threads (message.channels, message.groups): pasted Exchange configuration under a report. */
export function threadMessage(deps: BotDeps) {
  return async ({ event, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const paste = threadPaste(event, context);
    if (!paste) return;
    // Slack redelivers an event it thinks was lost: answer each message once.
    if (!(await deps.seen.firstTime(`message:${paste.channel}:${paste.ts}`))) return;
    deps.tasks.run('exchange paste', () => exchangePasteFlow({ ...flowContext(deps, client), paste }));
  };
}
