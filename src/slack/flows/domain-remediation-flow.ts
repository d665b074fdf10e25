import { judgeActor } from '../../admission/actor-policy';
import { domainRemediationMessages } from '../blocks/domain-remediation-blocks';
import { errorMessage } from '../blocks/help-blocks';
import type { ReportClickContext } from './action-context';
import { reportFailure, tellUser } from './reply';

/** "Show remediation" on a domain report: the fixes into its thread. A forgotten report is not checked again: a whole domain is too much for one click. */
export async function domainRemediationFlow(ctx: ReportClickContext): Promise<void> {
  const log = { channel: ctx.channel, user: ctx.user, action: 'domain-remediation' };
  try {
    judgeActor(ctx.config.actorPolicy, ctx.channel, ctx.user);
    const report = await ctx.domainReports.get(ctx.parentKey);
    if (!report) return await tellUser(ctx.respond, errorMessage(`this report is no longer kept; run /starttls mx ${ctx.target.host} again`), ctx.logger);
    for (const message of domainRemediationMessages(report, ctx.user)) await ctx.api.post(ctx.channel, message, ctx.parentTs);
  } catch (err) {
    await reportFailure(ctx.respond, err, ctx.logger, log);
  }
}
