import type { Capability, PortProbeResult } from '../probe/types';
import { serverText } from './text';

/** Keywords compare case-insensitively (RFC 5321 section 2.4). */
export function keywordOf(capability: Capability): string {
  return capability.keyword.toUpperCase();
}

export function findCapability(capabilities: readonly Capability[], keyword: string): Capability | undefined {
  const wanted = keyword.toUpperCase();
  return capabilities.find((c) => keywordOf(c) === wanted);
}

export function hasCapability(capabilities: readonly Capability[], keyword: string): boolean {
  return findCapability(capabilities, keyword) !== undefined;
}

/** "SIZE 62423040", "AUTH NTLM", "PIPELINING". */
export function formatCapability(capability: Capability): string {
  return serverText([capability.keyword, ...capability.params].join(' '), 80);
}

/** "SIZE 62423040, PIPELINING, DSN" or "(none)". */
export function formatCapabilities(capabilities: readonly Capability[]): string {
  return capabilities.length ? capabilities.map(formatCapability).join(', ') : '(none)';
}

/** Capabilities from the EHLO sent before any STARTTLS (for implicit TLS: the only EHLO). */
export function preTlsCapabilities(probe: PortProbeResult): Capability[] {
  return probe.ehlo?.capabilities ?? [];
}

/** Whether the EHLO answer announced STARTTLS. */
export function advertisesStartTls(probe: PortProbeResult): boolean {
  return probe.starttls.advertised || hasCapability(preTlsCapabilities(probe), 'STARTTLS');
}

/**
 * AUTH mechanisms from "AUTH PLAIN LOGIN" and the pre-RFC "AUTH=LOGIN" form, upper-cased,
 * without duplicates, in the order advertised.
 */
export function authMechanisms(capabilities: readonly Capability[]): string[] {
  const mechanisms: string[] = [];
  for (const c of capabilities) {
    const keyword = keywordOf(c);
    let found: string[] = [];
    if (keyword === 'AUTH') found = c.params;
    else if (keyword.startsWith('AUTH=')) found = [c.keyword.slice(5), ...c.params];
    for (const m of found) {
      const upper = m.toUpperCase();
      if (upper && !mechanisms.includes(upper)) mechanisms.push(upper);
    }
  }
  return mechanisms;
}

/** The first word of an SMTP reply line: the host name a server announces in its banner or EHLO. */
export function announcedHost(line: string | undefined): string | undefined {
  const first = line?.trim().split(/\s+/)[0];
  return first ? first : undefined;
}
