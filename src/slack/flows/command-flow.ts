import type { RespondFn, SlashCommand } from '@slack/bolt';
import { analyzeHelpMessage } from '../blocks/exchange-analysis-blocks';
import { helpMessage } from '../blocks/help-blocks';
import { progressMessage } from '../blocks/progress-blocks';
import { reportMessage } from '../blocks/report-blocks';
import type { BotDeps } from '../bot-deps';
import { helpFacts } from '../config';
import { parseCommandText } from '../command-text';
import { messageKey } from '../report-store';
import type { SlackApi } from '../slack-api';
import { admitRequest } from './admit-request';
import { checkWithProgress } from './check-with-progress';
import { markFailed } from './mark-failed';
import { mxCommandFlow } from './mx-command-flow';
import { reportFailure, tellUser } from './reply';
import { watchCommandFlow } from './watch-command-flow';

/** `/starttls`, after the ack: validate, post "probing…", probe with progress, replace it with the report. */
export async function commandFlow(deps: BotDeps, api: SlackApi, respond: RespondFn, command: SlashCommand): Promise<void> {
  const who = { channel: command.channel_id, user: command.user_id };
  const log = { channel: who.channel, user: who.user, command: 'starttls' };
  let ts: string | undefined;
  try {
    const input = parseCommandText(command.text, deps.watches?.settings.minIntervalMs);
    if (input.kind === 'help') return await tellUser(respond, helpMessage(helpFacts(deps.config)), deps.logger);
    if (input.kind === 'watch') return await watchCommandFlow(deps, api, respond, command, input.command);
    if (input.kind === 'mx') return await mxCommandFlow(deps, api, respond, command, input.domain, input.port);
    if (input.kind === 'analyze') return await tellUser(respond, analyzeHelpMessage(), deps.logger);
    const address = await admitRequest(deps, who, input.host, input.ports);
    deps.logger.info('check started', { ...log, host: input.host, ports: input.ports });
    const view = { host: input.host, ports: input.ports, implicitTls: input.implicitTls, requestedBy: who.user, trigger: 'command' as const };
    ts = await api.post(who.channel, progressMessage({ ...view, done: [] }));
    const named = input.servername ? { servername: input.servername } : {};
    const report = await checkWithProgress(deps, { api, channel: who.channel, ts, address, ...view, ...named });
    await api.update(who.channel, ts, reportMessage(report, { requestedBy: who.user, trigger: 'command', actions: true }));
    await deps.store.put(messageKey(who.channel, ts), report);
    deps.logger.info('check finished', { ...log, host: report.host, verdict: report.verdict, durationMs: report.durationMs });
  } catch (err) {
    if (ts !== undefined) await markFailed(api, who.channel, ts, err, deps);
    await reportFailure(respond, err, deps.logger, log);
  }
}

