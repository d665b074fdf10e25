import type { RespondFn } from '@slack/bolt';
import { judgeActor } from '../../policy/actor-policy';
import type { WatchService } from '../../watch/watch-service';
import { errorMessage } from '../blocks/help-blocks';
import { remediationMessages } from '../blocks/remediation-blocks';
import type { BotDeps } from '../bot-deps';
import type { SlackApi } from '../slack-api';
import { tellUser } from './reply';
import type { WatchActionContext } from './watch-action-context';

/** "Show remediation" on an alert: the fix for the incident's latest run, in its thread (no new probe needed). */
export async function watchRemediationFlow(deps: BotDeps, service: WatchService, api: SlackApi, respond: RespondFn, ctx: WatchActionContext): Promise<void> {
  judgeActor(deps.config.actorPolicy, ctx.channel, ctx.user);
  const incident = await service.incident(ctx.incidentId);
  const report = incident && (await service.latestReport(incident));
  if (!incident || !report) return tellUser(respond, errorMessage('the result behind this alert is no longer kept; run `/starttls history <host>` or check again'), deps.logger);
  for (const message of remediationMessages(report, ctx.user)) await api.post(incident.channel, message, incident.parentTs ?? undefined);
}
