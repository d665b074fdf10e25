import { X509Certificate } from 'node:crypto';
import { sh } from '../../fix-commands/command';
import { domainFinding } from '../domain-finding';
import type { DaneHostResult, DomainFinding } from '../types';
import { associationData, describeTlsa } from './tlsa-match';

export const DNSSEC_CAVEAT =
  'DNSSEC validation is done by the configured resolver, not by this tool: "validated" means the resolver set the AD bit. DANE senders use TLSA records only when they validate; an unsigned zone\'s records are ignored.';

/**
 * dane-tlsa-present for hosts that publish TLSA records, dane-tlsa-mismatch
 * for those whose served chain no usable record authenticates. A mismatch is
 * critical when the resolver validated the records (DANE senders will defer
 * mail), a warning otherwise.
 */
export function daneFindings(results: DaneHostResult[], leafPems: Map<string, string>): DomainFinding[] {
  const published = results.filter((r) => r.records.length > 0);
  if (published.length === 0) return [];
  const findings: DomainFinding[] = [];
  const failing = published.filter((r) => !r.authenticatedChain);
  if (failing.length > 0) {
    const validated = failing.some((r) => r.authenticated);
    findings.push(
      domainFinding(
        'dane-tlsa-mismatch',
        validated ? 'critical' : 'warning',
        failing.map((r) => r.host),
        validated
          ? 'TLSA records do not match the served certificate: DANE senders (e.g. Postfix, Exim with DANE, Exchange Online outbound) defer mail'
          : 'TLSA records do not match the served certificate (the resolver did not vouch for them with DNSSEC)',
        [
          ...failing.flatMap((r) => [
            `${r.recordName} (${r.authenticated ? 'DNSSEC-validated' : 'not validated'}):`,
            ...r.matches.map((m) => `  ${describeTlsa(m.record)}: ${m.note}`),
          ]),
          DNSSEC_CAVEAT,
        ],
        [
          {
            platform: 'any',
            steps: [
              'Publish a TLSA record that matches the certificate the host serves now, keeping the old one until every sender has the new one (RFC 7671 section 8.1: publish before you roll the certificate).',
              ...failing.flatMap((r) => {
                const data = suggestedRecord(leafPems.get(r.host));
                return data ? [`${r.recordName}. IN TLSA 3 1 1 ${data}`] : [];
              }),
            ],
            commands: [sh('openssl x509 -in leaf.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256')],
          },
        ],
      ),
    );
  }
  findings.push(
    domainFinding(
      'dane-tlsa-present',
      'info',
      published.map((r) => r.host),
      'MX hosts publish TLSA records: DANE senders authenticate them by DNS, not by public CAs',
      [
        ...published.map(
          (r) =>
            `${r.recordName}: ${r.records.length} record${r.records.length === 1 ? '' : 's'}, ${r.authenticated ? 'DNSSEC-validated by the resolver (AD bit)' : 'not validated by the resolver (no AD bit)'}, ${r.authenticatedChain ? 'matches the served chain' : 'does not match the served chain'}`,
        ),
        DNSSEC_CAVEAT,
      ],
    ),
  );
  return findings;
}

/** The DANE-EE SPKI SHA-256 association data for the leaf, what most MX operators publish. */
function suggestedRecord(leafPem: string | undefined): string | undefined {
  if (!leafPem) return undefined;
  try {
    return associationData(new X509Certificate(leafPem).raw, { selector: 1, matchingType: 1 });
  } catch {
    return undefined;
  }
}
