import type { ExchangeAnalysis, ExchangeFinding, ReadOnlyCmdlet } from '../../exchange-config';
import { READ_ONLY_CMDLETS } from '../../exchange-config';
import { commandLines } from '../../fix-commands/command';
import { readOnlyCommand } from '../../exchange-config/commands';
import { codeBlock, codeBlockContent, inlineCode, mrkdwn, prose, userMention, verbatim } from './escape';
import { fixBlocks } from './fix-blocks';
import { SEVERITY_LABEL, VERDICT_LABEL } from './labels';
import { clip, context, LIMITS, section, type Block } from './limits';
import type { SlackMessage } from './message';
import { paginate } from './paginate';

const MAX_MESSAGES = 5;
const EVIDENCE_SHOWN = 8;
/** What explains a missing STARTTLS on Exchange: the connectors and the certificates, whole. */
const CAUSE_CMDLETS: ReadOnlyCmdlet['key'][] = ['enumeration-limit', 'receive-connectors', 'certificates'];

/** One section per read-only cmdlet: the shell, what it shows, and the command in a code block. */
export function cmdletBlocks(cmdlets: readonly ReadOnlyCmdlet[]): Block[] {
  return cmdlets.map((c) => section(`_${c.shell}_: ${mrkdwn(c.purpose)}\n${codeBlock(codeBlockContent(commandLines([readOnlyCommand(c)]).join('\n')))}`));
}

/** `/starttls analyze`: what to run on the Exchange server and where to paste it. */
export function analyzeHelpMessage(): SlackMessage {
  return {
    text: 'Exchange configuration analysis: run the read-only cmdlets, then paste their output in a report thread',
    blocks: [
      section(
        '🔎 *Exchange configuration analysis.* Run these read-only cmdlets (they change nothing), then paste their output — or upload it as a `.txt` file — as a reply in the thread of a `/starttls &lt;host&gt;` report of that server. The bot reads the connectors and certificates and joins them with what the probe saw: which connector answered each port, and why STARTTLS is missing.',
      ),
      ...cmdletBlocks(READ_ONLY_CMDLETS),
      context(['Files up to 4 MiB; UTF-16 output of `> file.txt` in Windows PowerShell is fine. Nothing leaves Slack: the text is analysed in the bot.']),
    ],
  };
}

/** The closing part of a report's remediation when Exchange may be behind it: ask for the configuration in the thread. */
export function pasteRequestBlocks(): Block[] {
  return [
    section('📋 *To see the cause*, paste the output of these read-only cmdlets as a reply in this thread (or upload it as a `.txt` file); the bot answers with what in the configuration explains this report.'),
    ...cmdletBlocks(READ_ONLY_CMDLETS.filter((c) => CAUSE_CMDLETS.includes(c.key))),
  ];
}

/** The answer to a paste in a report's thread: summary, findings with evidence and commands, what to paste next. */
export function exchangeAnalysisMessages(analysis: ExchangeAnalysis, postedBy: string): SlackMessage[] {
  const fallback = `Exchange configuration: ${prose(analysis.summary)}`;
  const head = analysis.recognised ? `${VERDICT_LABEL[analysis.verdict]} · ` : '🤷 ';
  const blocks: Block[] = [section(`🔎 *Exchange configuration* pasted by ${userMention(postedBy)}\n${head}${prose(clip(analysis.summary, 1000))}`)];
  for (const finding of analysis.findings) blocks.push(...findingBlocks(finding));
  if (analysis.config.notes.length > 0) blocks.push(context(analysis.config.notes.slice(0, LIMITS.contextElements).map((n) => prose(clip(n, 500)))));
  if (analysis.nextSteps.length > 0) {
    blocks.push(section(analysis.recognised ? '*To check more*, run these read-only commands and reply with their output:' : '*Run these read-only commands* and reply with their output:'));
    blocks.push(...cmdletBlocks(analysis.nextSteps));
  }
  return paginate(blocks, clip(fallback, LIMITS.fallbackText), MAX_MESSAGES);
}

function findingBlocks(f: ExchangeFinding): Block[] {
  const ports = f.ports.length > 0 ? ` (port${f.ports.length > 1 ? 's' : ''} ${f.ports.join(', ')})` : '';
  const evidence = f.evidence.slice(0, EVIDENCE_SHOWN).map((e) => `• ${verbatim(clip(e, 400))}`);
  if (f.evidence.length > EVIDENCE_SHOWN) evidence.push(`• … ${f.evidence.length - EVIDENCE_SHOWN} more`);
  const blocks: Block[] = [section(clip([`${SEVERITY_LABEL[f.severity]} · *${prose(clip(f.title, 200))}* ${inlineCode(f.id)}${ports}`, ...evidence].join('\n'), LIMITS.sectionText))];
  for (const r of f.remediation) blocks.push(...fixBlocks(r));
  return blocks;
}
