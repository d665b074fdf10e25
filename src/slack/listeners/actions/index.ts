import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION } from '../../action-ids';
import { detailsMessages } from '../../blocks/details-blocks';
import { remediationMessages } from '../../blocks/remediation-blocks';
import type { BotDeps } from '../../bot-deps';
import { rerunFlow } from '../../flows/rerun-flow';
import { threadReplyFlow } from '../../flows/thread-reply-flow';
import { buttonListener } from './button-listener';

export function registerActions(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION.rerun, buttonListener(deps, 'rerun', rerunFlow));
  app.action<BlockAction<ButtonAction>>(
    ACTION.remediation,
    buttonListener(deps, 'remediation', (d, api, respond, ctx) => threadReplyFlow(d, api, respond, ctx, remediationMessages)),
  );
  app.action<BlockAction<ButtonAction>>(
    ACTION.details,
    buttonListener(deps, 'details', (d, api, respond, ctx) => threadReplyFlow(d, api, respond, ctx, detailsMessages)),
  );
}
