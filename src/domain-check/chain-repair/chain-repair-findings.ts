import type { Platform } from '../../fix-commands/types';
import { domainFinding } from '../domain-finding';
import type { ChainRepair, DomainFinding } from '../types';
import { intermediateInstallSteps } from './install-steps';

export interface RepairOnPlatform {
  repair: ChainRepair;
  platform: Platform;
}

/**
 * One chain-incomplete-intermediate finding per distinct fix: hosts missing
 * the same intermediates on the same platform share a finding.
 */
export function chainRepairFindings(repairs: RepairOnPlatform[]): DomainFinding[] {
  const groups = new Map<string, RepairOnPlatform[]>();
  // A leaf issued straight by an untrusted root is a trust problem (cert-untrusted), not a missing intermediate.
  for (const r of repairs.filter((x) => x.repair.problem?.code !== 'AIA_ISSUER_IS_ROOT')) {
    const key = [r.platform, r.repair.problem?.code ?? '', ...r.repair.intermediates.map((i) => i.sha256Fingerprint)].join('|');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((group) => {
    const { repair, platform } = group[0];
    const hosts = group.map((g) => g.repair.host);
    const first = repair.intermediates[0];
    const verb = hosts.length > 1 ? 'do' : 'does';
    const title = first
      ? `${hosts.join(', ')} ${verb} not send the intermediate certificate ${first.subject}`
      : `${hosts.join(', ')} ${verb} not send the intermediate that issued ${hosts.length > 1 ? 'their certificates' : 'its certificate'}`;
    const evidence = [
      `leaf: ${repair.leafSubject}, issued by ${repair.leafIssuer}`,
      ...repair.intermediates.map(
        (i) => `missing: ${i.subject} (issuer ${i.issuer}; SHA-256 ${i.sha256Fingerprint}; SHA-1 ${i.sha1Thumbprint}; valid until ${i.notAfter}), published at ${i.url}`,
      ),
      ...(repair.caIssuersUrls.length > 0 ? [`caIssuers URL in the leaf: ${repair.caIssuersUrls.join(', ')}`] : []),
      ...(repair.problem ? [`${repair.problem.code}: ${repair.problem.message}`] : []),
    ];
    const remediation = first
      ? intermediateInstallSteps(repair, platform)
      : [
          {
            platform: 'any' as const,
            steps: [
              `Download the intermediate certificate named "${repair.leafIssuer}" from your CA's repository and serve it after the leaf.`,
            ],
            commands: [],
          },
        ];
    return domainFinding('chain-incomplete-intermediate', 'warning', hosts, title, evidence, remediation);
  });
}
