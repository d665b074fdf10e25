import type { RespondFn, SlashCommand } from '@slack/bolt';
import { checkDomain, DEFAULT_MAX_HOSTS, type MxHostOutcome, type MxSet } from '../../domain-policy';
import { judgeActor } from '../../policy/actor-policy';
import { judgeHostName, judgePorts } from '../../policy/target-policy';
import { domainProgressMessage } from '../blocks/domain-progress-blocks';
import { domainReportMessage } from '../blocks/domain-report-blocks';
import type { SlackMessage } from '../blocks/message';
import type { BotDeps } from '../bot-deps';
import { messageKey } from '../report-store';
import type { SlackApi } from '../slack-api';
import { admittedChecker } from './admitted-checker';
import { markFailed } from './mark-failed';
import { policyDispatcher } from './policy-dispatcher';
import { reportFailure } from './reply';

/**
 * `/starttls mx <domain> [port]`, after the ack: post "checking…", update it as the MX set and
 * each host's report arrive, then replace it with the consolidated domain report. Every MX host
 * passes the target policy before it is probed; a refused host shows as not checked.
 */
export async function mxCommandFlow(deps: BotDeps, api: SlackApi, respond: RespondFn, command: SlashCommand, domain: string, port: number): Promise<void> {
  const who = { channel: command.channel_id, user: command.user_id };
  const log = { channel: who.channel, user: who.user, command: 'starttls mx' };
  let ts: string | undefined;
  const dispatcher = policyDispatcher(deps.config.targetPolicy, deps.domainResolver);
  try {
    judgeActor(deps.config.actorPolicy, who.channel, who.user);
    judgePorts(deps.config.targetPolicy, [port]);
    judgeHostName(deps.config.targetPolicy, domain);
    await deps.limiter.take(who.user);
    deps.logger.info('domain check started', { ...log, domain, port });
    const base = { domain, port, requestedBy: who.user };
    ts = await api.post(who.channel, domainProgressMessage({ ...base, done: [] }));
    const progress = progressUpdates(deps, api, who.channel, ts);
    let mx: MxSet | undefined;
    const done: MxHostOutcome[] = [];
    const view = () => ({ ...base, done: [...done], ...(mx ? { mx, probed: Math.min(mx.hosts.length, DEFAULT_MAX_HOSTS) } : {}) });
    const report = await checkDomain(domain, {
      checker: admittedChecker(deps.config.targetPolicy, deps.domainResolver, deps.checker),
      resolver: deps.domainResolver,
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
    await deps.domainReports.put(messageKey(who.channel, ts), report);
    deps.logger.info('domain check finished', { ...log, domain, verdict: report.verdict, hosts: report.hosts.length, durationMs: report.durationMs });
  } catch (err) {
    if (ts !== undefined) await markFailed(api, who.channel, ts, err, deps);
    await reportFailure(respond, err, deps.logger, log);
  } finally {
    await dispatcher.close();
  }
}

/** Progress updates go out one at a time, in order; all are done before the final update. A failed one is only logged. */
function progressUpdates(deps: BotDeps, api: SlackApi, channel: string, ts: string) {
  let chain = Promise.resolve();
  return {
    push(message: SlackMessage) {
      chain = chain.then(() => api.update(channel, ts, message)).catch((err) => deps.logger.warn('progress update failed', { err }));
    },
    settled: () => chain,
  };
}
