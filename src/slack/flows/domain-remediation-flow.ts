import type { RespondFn } from '@slack/bolt';
import { judgeActor } from '../../policy/actor-policy';
import { domainRemediationMessages } from '../blocks/domain-remediation-blocks';
import { errorMessage } from '../blocks/help-blocks';
import type { BotDeps } from '../bot-deps';
import type { SlackApi } from '../slack-api';
import type { ActionContext } from './action-context';
import { reportFailure, tellUser } from './reply';

/** "Show remediation" on a domain report: the fixes into its thread. A forgotten report is not checked again: a whole domain is too much for one click. */
export async function domainRemediationFlow(deps: BotDeps, api: SlackApi, respond: RespondFn, ctx: ActionContext): Promise<void> {
  const log = { channel: ctx.channel, user: ctx.user, action: 'domain-remediation' };
  try {
    judgeActor(deps.config.actorPolicy, ctx.channel, ctx.user);
    const report = await deps.domainReports.get(ctx.parentKey);
    if (!report) return await tellUser(respond, errorMessage(`this report is no longer kept; run /starttls mx ${ctx.target.host} again`), deps.logger);
    for (const message of domainRemediationMessages(report, ctx.user)) await api.post(ctx.channel, message, ctx.parentTs);
  } catch (err) {
    await reportFailure(respond, err, deps.logger, log);
  }
}
