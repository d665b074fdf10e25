import type { CertificateReport } from '../../certificate/types';
import { describeCertificate, servedCertificates } from '../certificates';
import { platformOf } from '../fingerprint';
import { selfSignedRemediation, untrustedRemediation } from '../remediation/certificate-trust';
import { formatPorts, serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';
import { certificateContext, certificateSeverity } from './certificate-context';
import { isWeakKey, isWeakSignature } from './certificate-strength';

/**
 * Verification errors other findings already explain. The two name errors only appear in
 * reports stored before trust was judged apart from names: a name is never a trust problem.
 */
const EXPLAINED_ELSEWHERE = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/** A chain refused for the leaf's own key or signature: cert-weak-key / cert-weak-signature say so. */
function explainedByStrength(c: CertificateReport): boolean {
  return (c.trustError === 'EE_KEY_TOO_SMALL' && isWeakKey(c)) || (c.trustError === 'CA_MD_TOO_WEAK' && isWeakSignature(c));
}

/** cert-self-signed: severity from the sender's side (critical where validation is known, warning elsewhere). */
export function certSelfSigned(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  return servedCertificates(input)
    .filter((s) => s.certificate.selfSigned)
    .map((served) => {
      const c = served.certificate;
      const severity = certificateSeverity(input, platform, 'cert-self-signed', served.ports);
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

/** Errors of the senders' strength check (src/certificate/sender-strength.ts). */
const STRENGTH_ERRORS = new Set(['EE_KEY_TOO_SMALL', 'CA_KEY_TOO_SMALL', 'CA_MD_TOO_WEAK']);

function untrustedReason(c: CertificateReport): 'chain' | 'weak' | 'untrusted' | undefined {
  if (c.selfSigned) return undefined;
  if (!c.chainComplete) return 'chain';
  if (c.trusted || explainedByStrength(c)) return undefined;
  if (c.trustError && EXPLAINED_ELSEWHERE.has(c.trustError)) return undefined;
  return c.trustError && STRENGTH_ERRORS.has(c.trustError) ? 'weak' : 'untrusted';
}

function untrustedTitle(reason: 'chain' | 'weak' | 'untrusted', where: string): string {
  if (reason === 'chain') return `The certificate chain on ${where} is incomplete: an intermediate certificate is missing`;
  if (reason === 'weak') return `The certificate chain on ${where} is too weak for senders that validate (OpenSSL 3 refuses it)`;
  return `The certificate on ${where} is not issued by a CA senders trust`;
}

/**
 * cert-untrusted: the chain does not verify to a public root, an intermediate is missing, or the
 * chain is too weak for a sender's OpenSSL (severity from the sender's side). Not raised for self-signed
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
    const verdict = c.trustError ? `verification failed: ${serverText(c.trustReason ?? c.trustError)}` : c.trusted ? 'verified by this probe' : 'verification failed';
    const evidence = [`${where}: certificate ${describeCertificate(c)}; ${verdict}`];
    if (reason === 'chain') {
      evidence.push(`${where}: the server did not send the intermediate certificate that issued the leaf (openssl verify error 20, unable to get local issuer certificate)`);
    }
    findings.push({
      id: 'cert-untrusted',
      severity: certificateSeverity(input, platform, 'cert-untrusted', served.ports),
      ports: served.ports,
      title: untrustedTitle(reason, where),
      evidence,
      remediation: untrustedRemediation({ ...certificateContext(input, platform, served), chainIncomplete: reason === 'chain', weakChain: reason === 'weak' }),
    });
  }
  return findings;
}
