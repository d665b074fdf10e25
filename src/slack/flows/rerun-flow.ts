import type { RespondFn } from '@slack/bolt';
import { diffReports } from '../../report/diff-reports';
import { progressMessage } from '../blocks/progress-blocks';
import { reportMessage } from '../blocks/report-blocks';
import { rerunMessage } from '../blocks/rerun-blocks';
import type { BotDeps } from '../bot-deps';
import type { SlackApi } from '../slack-api';
import type { ActionContext } from './action-context';
import { admitRequest } from './admit-request';
import { checkWithProgress } from './check-with-progress';
import { reportFailure } from './reply';

/** "Re-run": probe again with progress in the thread, say what changed, and bring the parent report up to date. */
export async function rerunFlow(deps: BotDeps, api: SlackApi, respond: RespondFn, ctx: ActionContext): Promise<void> {
  const log = { channel: ctx.channel, user: ctx.user, action: 'rerun' };
  try {
    const { host, ports, implicitTls } = ctx.target;
    const address = await admitRequest(deps, ctx, host, ports);
    const previous = await deps.store.get(ctx.parentKey);
    const view = { host, ports, implicitTls, requestedBy: ctx.user, trigger: 'rerun' as const };
    const ts = await api.post(ctx.channel, progressMessage({ ...view, done: [] }), ctx.parentTs);
    const named = ctx.target.servername ? { servername: ctx.target.servername } : {};
    const report = await checkWithProgress(deps, { api, channel: ctx.channel, ts, address, ...view, ...named });
    const changes = previous ? diffReports(previous, report) : undefined;
    await api.update(ctx.channel, ts, rerunMessage(report, changes, ctx.user));
    await api.update(ctx.channel, ctx.parentTs, reportMessage(report, { requestedBy: ctx.user, trigger: 'rerun', actions: true }));
    await deps.store.put(ctx.parentKey, report);
    deps.logger.info('re-run finished', { ...log, host, verdict: report.verdict, changes: changes?.length });
  } catch (err) {
    await reportFailure(respond, err, deps.logger, log);
  }
}
