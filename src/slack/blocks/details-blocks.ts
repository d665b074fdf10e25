import type { TranscriptEntry } from '../../probe/types';
import type { PortReport, Report } from '../../report/types';
import { codeBlockContent, inlineCode, mrkdwn, userMention } from './escape';
import { codeSections, section, type Block } from './limits';
import type { SlackMessage } from './message';
import { paginate } from './paginate';

const MAX_MESSAGES = 8;
const DIRECTION: Record<TranscriptEntry['dir'], string> = { client: 'C:', server: 'S:', info: '*' };

/** The full transcript of every port, split over as many thread messages as it takes. */
export function detailsMessages(report: Report, requestedBy: string): SlackMessage[] {
  const blocks: Block[] = [section(`📜 *Transcripts for ${inlineCode(report.host)}* — requested by ${userMention(requestedBy)}`)];
  for (const port of report.ports) blocks.push(...portTranscript(port));
  return paginate(blocks, `Transcripts for ${mrkdwn(report.host)}`, MAX_MESSAGES);
}

function portTranscript(p: PortReport): Block[] {
  const lines = p.transcript.map((e) => `${String(e.at).padStart(6)}ms ${DIRECTION[e.dir]} ${e.text}`);
  const title = `*Port ${p.port}* (${p.mode}${p.address ? ` at ${mrkdwn(p.address)}` : ''}, ${p.transcript.length} lines)\n`;
  if (lines.length === 0) return [section(`${title}(no transcript)`)];
  return codeSections(codeBlockContent(lines.join('\n')), title);
}
