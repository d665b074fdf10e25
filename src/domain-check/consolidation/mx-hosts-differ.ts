import { domainFinding } from '../domain-finding';
import type { DomainFinding, MxComparison } from '../types';

/**
 * mx-hosts-differ when the MX hosts do not all answer alike. A warning when
 * a sender's outcome depends on which host it reaches (STARTTLS, the set of
 * capability keywords, or whether the certificate validates); info when only
 * parameters or certificate identity differ.
 */
export function mxHostsDifferFinding(comparison: MxComparison): DomainFinding | undefined {
  const differing = comparison.aspects.filter((a) => !a.agree);
  if (differing.length === 0) return undefined;
  const keywordSets = new Set(comparison.hosts.filter((h) => comparison.capabilityHosts.includes(h.host)).map((h) => keywordsOf(h.capabilities)));
  const validity = new Set(comparison.hosts.filter((h) => h.certificate).map((h) => h.certificate!.nameMatch && h.certificate!.trusted));
  const matters = differing.some((a) => a.aspect === 'starttls') || keywordSets.size > 1 || validity.size > 1;
  const hosts = [...new Set(differing.flatMap((a) => a.groups.slice(1).flatMap((g) => g.hosts)))];
  return domainFinding(
    'mx-hosts-differ',
    matters ? 'warning' : 'info',
    hosts,
    `The MX hosts differ in ${differing.map((a) => a.aspect).join(', ')}: what a sender sees depends on which host it reaches`,
    differing.flatMap((a) => a.groups.map((g) => `${a.aspect}: ${g.hosts.join(', ')}: ${g.value}`)),
    [
      {
        platform: 'any',
        steps: [
          'Senders try MX hosts in preference order and spread over hosts of equal preference, so every MX host should offer STARTTLS with a valid certificate for its own name and the same capabilities.',
          'Compare the per-host reports above and bring the odd hosts in line (a host behind a different firewall, load balancer or connector often explains it).',
        ],
        commands: [],
      },
    ],
  );
}

function keywordsOf(capabilities: string[]): string {
  return capabilities
    .map((c) => c.split(' ')[0])
    .sort()
    .join(',');
}
