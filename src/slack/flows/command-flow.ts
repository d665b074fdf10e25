import { analyzeHelpMessage } from '../blocks/exchange-analysis-blocks';
import { helpMessage } from '../blocks/help-blocks';
import { progressMessage } from '../blocks/progress-blocks';
import { reportMessage } from '../blocks/report-blocks';
import { helpFacts } from '../config';
import { parseCommandText } from '../command-text';
import { messageKey } from '../report-store';
import { admitRequest } from './admit-request';
import { checkWithProgress } from './check-with-progress';
import type { CommandContext } from './flow-context';
import { markFailed } from './mark-failed';
import { mxCommandFlow } from './mx-command-flow';
import { reportFailure, tellUser } from './reply';
import { watchCommandFlow } from './watch-command-flow';

/** `/starttls`, after the ack: validate, post "probing…", probe with progress, replace it with the report. */
export async function commandFlow(ctx: CommandContext): Promise<void> {
  const { api, respond, logger, command } = ctx;
  const who = { channel: command.channel_id, user: command.user_id };
  const log = { channel: who.channel, user: who.user, command: 'starttls' };
  let ts: string | undefined;
  try {
    const input = parseCommandText(command.text, ctx.watches?.settings.minIntervalMs);
    if (input.kind === 'help') return await tellUser(respond, helpMessage(helpFacts(ctx.config)), logger);
    if (input.kind === 'watch') return await watchCommandFlow({ ...ctx, input: input.command });
    if (input.kind === 'mx') return await mxCommandFlow({ ...ctx, domain: input.domain, port: input.port });
    if (input.kind === 'analyze') return await tellUser(respond, analyzeHelpMessage(), logger);
    const address = await admitRequest(ctx, { ...who, host: input.host, ports: input.ports });
    logger.info('check started', { ...log, host: input.host, ports: input.ports });
    const named = input.servername ? { servername: input.servername } : {};
    const view = { host: input.host, ports: input.ports, implicitTls: input.implicitTls, ...named, requestedBy: who.user, trigger: 'command' as const };
    ts = await api.post(who.channel, progressMessage({ ...view, done: [] }));
    const report = await checkWithProgress(ctx, { channel: who.channel, ts, address, ...view });
    await api.update(who.channel, ts, reportMessage(report, { requestedBy: who.user, trigger: 'command', actions: true }));
    await ctx.store.put(messageKey(who.channel, ts), report);
    logger.info('check finished', { ...log, host: report.host, verdict: report.verdict, durationMs: report.durationMs });
  } catch (err) {
    if (ts !== undefined) await markFailed(ctx, { channel: who.channel, ts }, err);
    await reportFailure(respond, err, logger, log);
  }
}
