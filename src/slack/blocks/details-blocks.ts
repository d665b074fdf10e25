import type { TlsVersionResult, TranscriptEntry } from '../../probe/types';
import { TLS_VERSION_LABEL, tls12Sentence } from '../../report/tls-versions';
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

const VERSION_MARK: Record<TlsVersionResult['status'], string> = { accepted: '✅', refused: '❌', 'not-tested': '❔' };

/** Which TLS versions the port accepted, one handshake each, and whether TLS 1.2 is among them. */
function versionsLine(p: PortReport): string {
  if (!p.tlsVersions) return '';
  const marks = p.tlsVersions.map((r) => `${VERSION_MARK[r.status]} ${TLS_VERSION_LABEL[r.version]}`).join(' · ');
  return `*TLS versions*: ${marks} — ${tls12Sentence(p.tlsVersions)}\n`;
}

function portTranscript(p: PortReport): Block[] {
  const lines = p.transcript.map((e) => `${String(e.at).padStart(6)}ms ${DIRECTION[e.dir]} ${e.text}`);
  const title = `*Port ${p.port}* (${p.mode}${p.address ? ` at ${mrkdwn(p.address)}` : ''}, ${p.transcript.length} lines)\n${versionsLine(p)}`;
  if (lines.length === 0) return [section(`${title}(no transcript)`)];
  return codeSections(codeBlockContent(lines.join('\n')), title);
}
