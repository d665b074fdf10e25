import type { AgreementGroup, AspectComparison, ComparedAspect, HostCapabilityRow, HostSummary, MxComparison, MxHostOutcome } from '../types';
import { summarizeHost } from './host-summary';

/**
 * The consolidated view of a domain's MX hosts (most preferred first): per
 * host its STARTTLS outcome, capabilities, certificate and worst finding, and
 * per aspect which hosts agree. Pure: works on finished reports.
 */
export function compareMxHosts(outcomes: MxHostOutcome[]): MxComparison {
  const hosts = outcomes.map(summarizeHost);
  const answered = outcomes.filter((o) => o.report?.ports[0]?.ehloCommand !== undefined);
  const answeredSummaries = hosts.filter((h) => answered.some((o) => o.host === h.host));
  const withCertificate = hosts.filter((h) => h.certificate);
  return {
    hosts,
    aspects: [
      compare('starttls', hosts, (h) => h.starttls),
      compare('capabilities', answeredSummaries, (h) => [...h.capabilities].sort().join(', ') || '(none)'),
      compare('certificate', withCertificate, (h) => `${h.certificate!.subject} (SHA-256 ${h.certificate!.sha256Fingerprint})`),
    ],
    capabilityHosts: answered.map((o) => o.host),
    capabilityRows: capabilityRows(answered),
  };
}

function compare(aspect: ComparedAspect, hosts: HostSummary[], valueOf: (h: HostSummary) => string): AspectComparison {
  const groups: AgreementGroup[] = [];
  for (const h of hosts) {
    const value = valueOf(h);
    const group = groups.find((g) => g.value === value);
    if (group) group.hosts.push(h.host);
    else groups.push({ value, hosts: [h.host] });
  }
  // Stable sort keeps first-seen (most preferred host) order among equal sizes.
  groups.sort((a, b) => b.hosts.length - a.hosts.length);
  return { aspect, agree: groups.length <= 1, groups };
}

function capabilityRows(answered: MxHostOutcome[]): HostCapabilityRow[] {
  const caps = answered.map((o) => o.report!.ports[0].capabilities);
  const keywords: string[] = [];
  for (const list of caps) for (const c of list) if (!keywords.includes(c.keyword)) keywords.push(c.keyword);
  return keywords.map((keyword) => {
    const values = caps.map((list) => {
      const cap = list.find((c) => c.keyword === keyword);
      return cap ? cap.params.join(' ') : null;
    });
    return { keyword, values, differs: new Set(values).size > 1 };
  });
}
