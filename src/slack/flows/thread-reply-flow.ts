import { checkRequest } from '../../check/check-request';
import type { Report } from '../../report/types';
import { detailsMessages } from '../blocks/details-blocks';
import type { SlackMessage } from '../blocks/message';
import { remediationMessages } from '../blocks/remediation-blocks';
import type { ReportClickContext } from './action-context';
import { admitRequest } from './admit-request';
import { reportFailure } from './reply';

/** "Show remediation": the steps for the platform the server looks like, ending with what to paste in the thread. */
export function remediationFlow(ctx: ReportClickContext): Promise<void> {
  return replyUnderReport(ctx, (report, user) => remediationMessages(report, user, { askForExchangePaste: true }));
}

/** "Details": the TLS versions each port accepted and the full transcript. */
export function detailsFlow(ctx: ReportClickContext): Promise<void> {
  return replyUnderReport(ctx, detailsMessages);
}

/**
 * Render the report behind the clicked message into the thread.
 * When the report is no longer kept (restart, eviction), check again.
 */
async function replyUnderReport(ctx: ReportClickContext, render: (report: Report, requestedBy: string) => SlackMessage[]): Promise<void> {
  const log = { channel: ctx.channel, user: ctx.user, action: 'thread-reply' };
  try {
    const report = (await ctx.store.get(ctx.parentKey)) ?? (await checkAgain(ctx));
    for (const message of render(report, ctx.user)) await ctx.api.post(ctx.channel, message, ctx.parentTs);
  } catch (err) {
    await reportFailure(ctx.respond, err, ctx.logger, log);
  }
}

async function checkAgain(ctx: ReportClickContext): Promise<Report> {
  const address = await admitRequest(ctx, { channel: ctx.channel, user: ctx.user, host: ctx.target.host, ports: ctx.target.ports });
  const named = ctx.target.servername ? { servername: ctx.target.servername } : {};
  const report = await ctx.checker(checkRequest(ctx.target.host, ctx.target.ports, { address, implicitTls: ctx.target.implicitTls === true, ...named }));
  await ctx.store.put(ctx.parentKey, report);
  return report;
}
