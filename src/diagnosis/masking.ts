import type { PortProbeResult, SmtpReply } from '../probe/types';
import { preTlsCapabilities } from './capabilities';
import { serverText } from './text';
import { isMaskedKeyword } from '../probe/masking';

export { isMaskedKeyword };

/** A greeting whose text is mostly asterisks, as Cisco ASA ESMTP inspection rewrites it. */
export function isMaskedBanner(reply: SmtpReply | undefined): boolean {
  if (!reply) return false;
  const text = reply.lines.join('').replace(/\s/g, '');
  const stars = (text.match(/\*/g) ?? []).length;
  return stars >= 8 && stars / text.length >= 0.6;
}

export function maskedKeywords(probe: PortProbeResult): string[] {
  return preTlsCapabilities(probe)
    .map((c) => c.keyword)
    .filter(isMaskedKeyword);
}

/** Whether anything this port answered shows the marks of a masking middlebox. */
export function showsMasking(probe: PortProbeResult): boolean {
  return isMaskedBanner(probe.greeting) || maskedKeywords(probe).length > 0;
}

/** Evidence lines describing the masking seen on one port (empty when none). */
export function maskingEvidence(probe: PortProbeResult): string[] {
  const lines: string[] = [];
  if (isMaskedBanner(probe.greeting) && probe.greeting) {
    const banner = serverText(probe.greeting.lines[0] ?? '', 40);
    lines.push(`port ${probe.port}: the banner is masked with asterisks (${probe.greeting.code} ${banner})`);
  }
  for (const keyword of maskedKeywords(probe)) {
    const hint = keyword.length === 'STARTTLS'.length ? ', as long as STARTTLS' : '';
    lines.push(`port ${probe.port}: EHLO lists the masked keyword ${serverText(keyword, 40)}${hint}`);
  }
  return lines;
}
