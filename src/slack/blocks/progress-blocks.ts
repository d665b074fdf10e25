import type { PortReport } from '../../report/types';
import { inlineCode, mrkdwn, userMention } from './escape';
import { duration } from './labels';
import { context, section } from './limits';
import type { SlackMessage } from './message';

export interface ProgressView {
  host: string;
  /** --servername: the name sent as SNI and checked on the certificate. */
  servername?: string;
  ports: number[];
  /** Ports finished so far, in the order they finished. */
  done: PortReport[];
  requestedBy: string;
  trigger: 'command' | 'rerun';
}

/** The visible "probing…" message, updated as each port finishes. */
export function progressMessage(view: ProgressView): SlackMessage {
  const verb = view.trigger === 'rerun' ? 'Re-running the check of' : 'Probing';
  const finished = `${view.done.length}/${view.ports.length} ports done`;
  const as = view.servername ? ` as ${inlineCode(view.servername)}` : '';
  return {
    text: `${verb} ${mrkdwn(view.host)}${view.servername ? ` as ${mrkdwn(view.servername)}` : ''}… (${finished})`,
    blocks: [
      section(`⏳ ${verb} ${inlineCode(view.host)}${as} on ports ${view.ports.join(', ')} for ${userMention(view.requestedBy)}… (${finished})`),
      context(view.ports.map((port) => portProgress(port, view.done.find((p) => p.port === port)))),
    ],
  };
}

function portProgress(port: number, report: PortReport | undefined): string {
  if (!report) return `⏳ ${port}: probing…`;
  return `${port}: ${portOutcome(report)} (${duration(report.totalMs)})`;
}

/** A few words on how one port went, e.g. "🔒 TLSv1.3" or "❌ no STARTTLS". */
export function portOutcome(p: PortReport): string {
  if (p.error && !p.starttls.succeeded) return `⛔ ${p.error.code}`;
  if (p.starttls.succeeded) return `🔒 ${mrkdwn(p.starttls.protocol ?? 'TLS')}`;
  if (p.mode === 'starttls' && !p.starttls.advertised) return '❌ no STARTTLS';
  return '❌ TLS failed';
}
