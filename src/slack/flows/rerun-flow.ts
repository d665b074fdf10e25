import { diffReports } from '../../report/diff-reports';
import { progressMessage } from '../blocks/progress-blocks';
import { reportMessage } from '../blocks/report-blocks';
import { rerunMessage } from '../blocks/rerun-blocks';
import type { ReportClickContext } from './action-context';
import { admitRequest } from './admit-request';
import { checkWithProgress } from './check-with-progress';
import { reportFailure } from './reply';

/** "Re-run": probe again with progress in the thread, say what changed, and bring the parent report up to date. */
export async function rerunFlow(ctx: ReportClickContext): Promise<void> {
  const { api, channel, user, parentTs } = ctx;
  const log = { channel, user, action: 'rerun' };
  try {
    const { host, ports, implicitTls } = ctx.target;
    const address = await admitRequest(ctx, { channel, user, host, ports });
    const previous = await ctx.store.get(ctx.parentKey);
    const named = ctx.target.servername ? { servername: ctx.target.servername } : {};
    const view = { host, ports, implicitTls, ...named, requestedBy: user, trigger: 'rerun' as const };
    const ts = await api.post(channel, progressMessage({ ...view, done: [] }), parentTs);
    const report = await checkWithProgress(ctx, { channel, ts, address, ...view });
    const changes = previous ? diffReports(previous, report) : undefined;
    await api.update(channel, ts, rerunMessage(report, changes, user));
    await api.update(channel, parentTs, reportMessage(report, { requestedBy: user, trigger: 'rerun', actions: true }));
    await ctx.store.put(ctx.parentKey, report);
    ctx.logger.info('re-run finished', { ...log, host, verdict: report.verdict, changes: changes?.length });
  } catch (err) {
    await reportFailure(ctx.respond, err, ctx.logger, log);
  }
}
