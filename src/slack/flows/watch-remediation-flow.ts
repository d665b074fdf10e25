import { judgeActor } from '../../admission/actor-policy';
import { errorMessage } from '../blocks/help-blocks';
import { remediationMessages } from '../blocks/remediation-blocks';
import { tellUser } from './reply';
import type { AlertClickContext } from './watch-action-context';

/** "Show remediation" on an alert: the fix for the incident's latest run, in its thread (no new probe needed). */
export async function watchRemediationFlow(ctx: AlertClickContext): Promise<void> {
  const { watches, respond, logger } = ctx;
  judgeActor(ctx.config.actorPolicy, ctx.channel, ctx.user);
  const incident = await watches.incident(ctx.incidentId);
  const report = incident && (await watches.latestReport(incident));
  if (!incident || !report) return tellUser(respond, errorMessage('the result behind this alert is no longer kept; run `/starttls history <host>` or check again'), logger);
  for (const message of remediationMessages(report, ctx.user)) await ctx.api.post(incident.channel, message, incident.parentTs ?? undefined);
}
