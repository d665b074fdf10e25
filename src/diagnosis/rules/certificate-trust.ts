import type { CertificateReport } from '../../certificate/types';
import { describeCertificate, servedCertificates } from '../certificates';
import { platformOf } from '../fingerprint';
import { selfSignedRemediation, untrustedRemediation } from '../remediation/certificate-trust';
import { formatPorts, serverText } from '../text';
import type { DiagnosisInput, Finding, Platform, Severity } from '../types';
import { certificateContext } from './certificate-context';

/** Ports external parties connect to and validate on: the MX port and the submission ports. */
const PUBLIC_PORTS = new Set([25, 465, 587]);
/** Exchange serves its self-signed certificate on these by design (Client Proxy 465, hub transport 2525). */
const EXCHANGE_INTERNAL_PORTS = new Set([465, 2525]);

/** Verification errors other findings already explain. */
const EXPLAINED_ELSEWHERE = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/**
 * Self-signed severity per port: critical where outside parties validate (25: Exchange Online
 * hybrid connectors, MTA-STS; 465/587: mail clients), except Exchange's own internal ports
 * where the self-signed certificate is the design; warning on any other port.
 */
export function selfSignedSeverity(port: number, platform: Platform): Severity {
  if (platform === 'exchange-onprem' && EXCHANGE_INTERNAL_PORTS.has(port)) return 'warning';
  return PUBLIC_PORTS.has(port) ? 'critical' : 'warning';
}

/** cert-self-signed (critical on 25/465/587, warning elsewhere; see selfSignedSeverity). */
export function certSelfSigned(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  return servedCertificates(input)
    .filter((s) => s.certificate.selfSigned)
    .map((served) => {
      const c = served.certificate;
      const severity: Severity = served.ports.some((p) => selfSignedSeverity(p, platform) === 'critical') ? 'critical' : 'warning';
      const evidence = [`${formatPorts(served.ports)}: certificate ${serverText(c.subject)} is self-signed (issuer and subject are the same)`];
      if (platform === 'exchange-onprem') {
        evidence.push('on Exchange this is usually the self-signed "Microsoft Exchange" certificate made for internal transport');
      }
      const finding: Finding = {
        id: 'cert-self-signed',
        severity,
        ports: served.ports,
        title: `The certificate on ${formatPorts(served.ports)} is self-signed, so senders that validate refuse it`,
        evidence,
        remediation: selfSignedRemediation(certificateContext(input, platform, served)),
      };
      return finding;
    });
}

function untrustedReason(c: CertificateReport): 'chain' | 'untrusted' | undefined {
  if (c.selfSigned) return undefined;
  if (!c.chainComplete) return 'chain';
  if (!c.trusted && !(c.trustError && EXPLAINED_ELSEWHERE.has(c.trustError))) return 'untrusted';
  return undefined;
}

/**
 * cert-untrusted: the chain does not verify to a public root, or an intermediate is missing
 * (critical; warning when our verifier still trusted it). Not raised for self-signed
 * certificates (cert-self-signed) or for pure validity errors (cert-expired, cert-not-yet-valid).
 */
export function certUntrusted(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  const findings: Finding[] = [];
  for (const served of servedCertificates(input)) {
    const c = served.certificate;
    const reason = untrustedReason(c);
    if (!reason) continue;
    const where = formatPorts(served.ports);
    const verdict = c.trustError ? `verification failed: ${serverText(c.trustError)}` : c.trusted ? 'verified by this probe' : 'verification failed';
    const evidence = [`${where}: certificate ${describeCertificate(c)}; ${verdict}`];
    if (reason === 'chain') {
      evidence.push(`${where}: the server did not send the intermediate certificate that issued the leaf (openssl verify error 20, unable to get local issuer certificate)`);
    }
    findings.push({
      id: 'cert-untrusted',
      severity: c.trusted ? 'warning' : 'critical',
      ports: served.ports,
      title:
        reason === 'chain'
          ? `The certificate chain on ${where} is incomplete: an intermediate certificate is missing`
          : `The certificate on ${where} is not issued by a CA senders trust`,
      evidence,
      remediation: untrustedRemediation({ ...certificateContext(input, platform, served), chainIncomplete: reason === 'chain' }),
    });
  }
  return findings;
}
