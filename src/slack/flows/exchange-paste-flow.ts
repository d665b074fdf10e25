import { analyzeExchangeText, decodePastedBytes } from '../../exchange-config';
import { plainTextFromSlack } from '../pasted-text';
import { judgeActor } from '../../admission/actor-policy';
import { PolicyError } from '../../admission/policy-error';
import type { Report } from '../../report/types';
import { StarttlsError } from '../../starttls-error';
import { prose } from '../blocks/escape';
import { exchangeAnalysisMessages } from '../blocks/exchange-analysis-blocks';
import { clip, section } from '../blocks/limits';
import { downloadSlackFile, MAX_FILE_BYTES } from '../file-download';
import { messageKey } from '../report-store';
import type { FlowContext } from './flow-context';
import { reasonFor } from './reply';
import { looksLikePaste, type PastedFile, type ThreadPaste } from './thread-paste';

export interface PasteContext extends FlowContext {
  paste: ThreadPaste;
}

/**
 * A reply in the thread of one of the bot's reports: read it (and its text files) as Exchange
 * cmdlet output, joined with the host report, and answer in the thread. Silent when the thread
 * is not a report's or the reply does not look like an attempt, so ordinary chat gets no answer.
 */
export async function exchangePasteFlow(ctx: PasteContext): Promise<void> {
  const { paste, api, logger } = ctx;
  const log = { channel: paste.channel, user: paste.user, flow: 'exchange-paste' };
  const key = messageKey(paste.channel, paste.threadTs);
  const report: Report | undefined = await ctx.store.get(key);
  if (!report && !(await ctx.domainReports.get(key))) return logger.debug('thread reply not under a report', log);
  if (paste.files.length === 0 && !looksLikePaste(paste.text)) return logger.debug('thread reply is not a paste', log);
  try {
    judgeActor(ctx.config.actorPolicy, paste.channel, paste.user);
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    logger.info('paste ignored', { ...log, code: err.code });
    return;
  }
  try {
    const texts = [plainTextFromSlack(paste.text)];
    for (const file of paste.files) texts.push(await readFile(ctx, file));
    const analysis = analyzeExchangeText(texts.join('\n\n'), report);
    logger.info('exchange paste analysed', { ...log, recognised: analysis.recognised, joined: analysis.joined, findings: analysis.findings.length });
    for (const message of exchangeAnalysisMessages(analysis, paste.user)) await api.post(paste.channel, message, paste.threadTs);
  } catch (err) {
    logger.warn('exchange paste failed', { ...log, err });
    await api.post(paste.channel, { text: 'Could not analyse the paste', blocks: [section(`⚠️ Could not analyse this reply: ${prose(clip(reasonFor(err), 500))}`)] }, paste.threadTs);
  }
}

/** A pasted file the bot cannot read; one line fit to show the person who pasted it. */
class FileUnreadable extends StarttlsError {
  static override readonly codes = ['EXCHANGE_PASTE_FILE_UNREADABLE'] as const;
  readonly code = 'EXCHANGE_PASTE_FILE_UNREADABLE';
  readonly userVisible = true;
}

async function readFile(ctx: FlowContext, file: PastedFile): Promise<string> {
  if (file.size !== undefined && file.size > MAX_FILE_BYTES) throw new FileUnreadable(`${file.name} is larger than 4 MiB`);
  if (!file.url) throw new FileUnreadable(`${file.name} has no download link`);
  try {
    const bytes = await downloadSlackFile(file.url, { botToken: ctx.config.botToken, ...(ctx.config.apiUrl ? { apiUrl: ctx.config.apiUrl } : {}) });
    return decodePastedBytes(bytes);
  } catch (err) {
    throw new FileUnreadable(`could not download ${file.name}: ${(err as Error).message}`);
  }
}
