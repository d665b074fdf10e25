import type { App, BlockAction, ButtonAction, OverflowAction } from '@slack/bolt';
import { ACTION } from '../../action-ids';
import type { BotDeps } from '../../bot-deps';
import { domainRemediationFlow } from '../../flows/domain-remediation-flow';
import { rerunFlow } from '../../flows/rerun-flow';
import { detailsFlow, remediationFlow } from '../../flows/thread-reply-flow';
import { watchAcknowledgeFlow } from '../../flows/watch-acknowledge-flow';
import { watchMuteFlow } from '../../flows/watch-mute-flow';
import { watchRemediationFlow } from '../../flows/watch-remediation-flow';
import { watchRerunFlow } from '../../flows/watch-rerun-flow';
import { buttonListener } from './button-listener';
import { watchButtonListener } from './watch-button-listener';
import { watchMenuListener } from './watch-menu-listener';

export function registerActions(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION.rerun, buttonListener(deps, 'rerun', rerunFlow));
  app.action<BlockAction<ButtonAction>>(ACTION.remediation, buttonListener(deps, 'remediation', remediationFlow));
  app.action<BlockAction<ButtonAction>>(ACTION.domainRemediation, buttonListener(deps, 'domain remediation', domainRemediationFlow));
  app.action<BlockAction<ButtonAction>>(ACTION.details, buttonListener(deps, 'details', detailsFlow));
  app.action<BlockAction<ButtonAction>>(ACTION.watchAcknowledge, watchButtonListener(deps, 'watch acknowledge', watchAcknowledgeFlow));
  app.action<BlockAction<ButtonAction>>(ACTION.watchRemediation, watchButtonListener(deps, 'watch remediation', watchRemediationFlow));
  app.action<BlockAction<ButtonAction>>(ACTION.watchRerun, watchButtonListener(deps, 'watch rerun', watchRerunFlow));
  app.action<BlockAction<ButtonAction>>(ACTION.watchMute, watchButtonListener(deps, 'watch mute', watchMuteFlow));
  app.action<BlockAction<OverflowAction>>(ACTION.watchMenu, watchMenuListener(deps));
}
