import { checkDomain, DEFAULT_MAX_HOSTS, type MxHostOutcome, type MxSet } from '../../domain-check';
import { judgeActor } from '../../admission/actor-policy';
import { judgeHostName, judgePorts } from '../../admission/target-policy';
import { domainProgressMessage } from '../blocks/domain-progress-blocks';
import { domainReportMessage } from '../blocks/domain-report-blocks';
import type { SlackMessage } from '../blocks/message';
import { messageKey } from '../report-store';
import { admittedChecker } from './admitted-checker';
import type { CommandContext, FlowContext } from './flow-context';
import { markFailed } from './mark-failed';
import { policyDispatcher } from './policy-dispatcher';
import { reportFailure } from './reply';

export interface MxCommandContext extends CommandContext {
  domain: string;
  port: number;
}

/**
 * `/starttls mx <domain> [port]`, after the ack: post "checking…", update it as the MX set and
 * each host's report arrive, then replace it with the consolidated domain report. Every MX host
 * passes the target policy before it is probed; a refused host shows as not checked.
 */
export async function mxCommandFlow(ctx: MxCommandContext): Promise<void> {
  const { api, command, domain, port } = ctx;
  const who = { channel: command.channel_id, user: command.user_id };
  const log = { channel: who.channel, user: who.user, command: 'starttls mx' };
  let ts: string | undefined;
  const dispatcher = policyDispatcher(ctx.config.targetPolicy, ctx.domainResolver);
  try {
    judgeActor(ctx.config.actorPolicy, who.channel, who.user);
    judgePorts(ctx.config.targetPolicy, [port]);
    judgeHostName(ctx.config.targetPolicy, domain);
    await ctx.limiter.take(who.user);
    ctx.logger.info('domain check started', { ...log, domain, port });
    const base = { domain, port, requestedBy: who.user };
    ts = await api.post(who.channel, domainProgressMessage({ ...base, done: [] }));
    const progress = progressUpdates(ctx, who.channel, ts);
    let mx: MxSet | undefined;
    const done: MxHostOutcome[] = [];
    const view = () => ({ ...base, done: [...done], ...(mx ? { mx, probed: Math.min(mx.hosts.length, DEFAULT_MAX_HOSTS) } : {}) });
    const report = await checkDomain(domain, {
      checker: admittedChecker(ctx.config.targetPolicy, ctx.domainResolver, ctx.checker),
      resolver: ctx.domainResolver,
      request: { ports: [port] },
      dispatcher,
      onMx: (set) => {
        mx = set;
        progress.push(domainProgressMessage(view()));
      },
      onHostReport: (outcome) => {
        done.push(outcome);
        progress.push(domainProgressMessage(view()));
      },
    }).finally(() => progress.settled());
    await api.update(who.channel, ts, domainReportMessage(report, { requestedBy: who.user, port, actions: true }));
    await ctx.domainReports.put(messageKey(who.channel, ts), report);
    ctx.logger.info('domain check finished', { ...log, domain, verdict: report.verdict, hosts: report.hosts.length, durationMs: report.durationMs });
  } catch (err) {
    if (ts !== undefined) await markFailed(ctx, { channel: who.channel, ts }, err);
    await reportFailure(ctx.respond, err, ctx.logger, log);
  } finally {
    await dispatcher.close();
  }
}

/** Progress updates go out one at a time, in order; all are done before the final update. A failed one is only logged. */
function progressUpdates(ctx: FlowContext, channel: string, ts: string) {
  let chain = Promise.resolve();
  return {
    push(message: SlackMessage) {
      chain = chain.then(() => ctx.api.update(channel, ts, message)).catch((err) => ctx.logger.warn('progress update failed', { err }));
    },
    settled: () => chain,
  };
}
