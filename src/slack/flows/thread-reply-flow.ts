import type { RespondFn } from '@slack/bolt';
import { checkRequest } from '../../check/check-request';
import type { Report } from '../../report/types';
import type { SlackMessage } from '../blocks/message';
import type { BotDeps } from '../bot-deps';
import type { SlackApi } from '../slack-api';
import type { ActionContext } from './action-context';
import { admitRequest } from './admit-request';
import { reportFailure } from './reply';

/**
 * "Show remediation" and "Details": render the report behind the clicked message
 * into the thread. When the report is no longer kept (restart, eviction), check again.
 */
export async function threadReplyFlow(
  deps: BotDeps,
  api: SlackApi,
  respond: RespondFn,
  ctx: ActionContext,
  render: (report: Report, requestedBy: string) => SlackMessage[],
): Promise<void> {
  const log = { channel: ctx.channel, user: ctx.user, action: 'thread-reply' };
  try {
    const report = (await deps.store.get(ctx.parentKey)) ?? (await checkAgain(deps, ctx));
    for (const message of render(report, ctx.user)) await api.post(ctx.channel, message, ctx.parentTs);
  } catch (err) {
    await reportFailure(respond, err, deps.logger, log);
  }
}

async function checkAgain(deps: BotDeps, ctx: ActionContext): Promise<Report> {
  const address = await admitRequest(deps, ctx, ctx.target.host, ctx.target.ports);
  const named = ctx.target.servername ? { servername: ctx.target.servername } : {};
  const report = await deps.checker(checkRequest(ctx.target.host, ctx.target.ports, { address, implicitTls: ctx.target.implicitTls === true, ...named }));
  await deps.store.put(ctx.parentKey, report);
  return report;
}
