import type { MxHostOutcome, MxSet } from '../../domain-check';
import { inlineCode, mrkdwn, userMention } from './escape';
import { hostOutcomeLine } from './domain-host-line';
import { clip, context, LIMITS, section, type Block } from './limits';
import type { SlackMessage } from './message';

export interface DomainProgressView {
  domain: string;
  port: number;
  requestedBy: string;
  /** Known once the MX lookup answered. */
  mx?: MxSet;
  /** Host reports so far, in the order they finished. */
  done: MxHostOutcome[];
  /** How many hosts are probed (the most preferred ones). */
  probed?: number;
}

const HOSTS_SHOWN = 20;

/** The visible "checking…" message of `/starttls mx`, updated as each MX host's report arrives. */
export function domainProgressMessage(view: DomainProgressView): SlackMessage {
  const probed = view.probed ?? view.mx?.hosts.length ?? 0;
  const stage = !view.mx
    ? 'looking up the MX records'
    : view.done.length < probed
      ? `${view.done.length}/${probed} MX hosts done`
      : 'all MX hosts done; checking MTA-STS, TLS-RPT, DANE and certificate chains';
  const blocks: Block[] = [section(`⏳ Checking the mail hosts of ${inlineCode(view.domain)} on port ${view.port} for ${userMention(view.requestedBy)}… (${stage})`)];
  if (view.mx) blocks.push(section(clip(hostLines(view.mx, view.done, probed), LIMITS.sectionText)));
  return { text: clip(`Checking ${mrkdwn(view.domain)}… (${stage})`, LIMITS.fallbackText), blocks: [...blocks, context(['Each host\'s STARTTLS answer shows here as it arrives; the domain report replaces this message.'])] };
}

function hostLines(mx: MxSet, done: MxHostOutcome[], probed: number): string {
  const lines = mx.hosts.slice(0, Math.min(probed, HOSTS_SHOWN)).map((h) => {
    const outcome = done.find((o) => o.host === h.exchange);
    return outcome ? hostOutcomeLine(outcome) : `*${h.priority}* ${inlineCode(h.exchange)} · ⏳ probing…`;
  });
  if (probed > HOSTS_SHOWN) lines.push(`… and ${probed - HOSTS_SHOWN} more`);
  return lines.join('\n');
}
