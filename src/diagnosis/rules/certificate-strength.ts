import type { CertificateReport } from '../../certificate/types';
import { describeCertificate, servedCertificates } from '../certificates';
import { platformOf } from '../fingerprint';
import { renewalRemediation } from '../remediation/certificate-renewal';
import { formatPorts, serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';
import { certificateContext, certificateSeverity } from './certificate-context';

/** Smallest acceptable key size per key type; types not listed (Ed25519, Ed448) are fine. */
const MIN_BITS: Readonly<Record<string, number>> = { RSA: 2048, 'RSA-PSS': 2048, DSA: 2048, EC: 256 };
const WEAK_HASH = /(md2|md4|md5|sha-?1)(?![0-9])/i;

export function isWeakKey(c: CertificateReport): boolean {
  const min = MIN_BITS[c.keyType.toUpperCase()];
  return min !== undefined && c.keyBits > 0 && c.keyBits < min;
}

/** A leaf signed with MD5 or SHA-1. Self-signed leaves are exempt: nobody verifies that signature. */
export function isWeakSignature(c: CertificateReport): boolean {
  return !c.selfSigned && WEAK_HASH.test(c.signatureAlgorithm);
}

/** cert-weak-key: RSA or DSA under 2048 bits, EC under 256 bits (severity from the sender's side). */
export function certWeakKey(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  return servedCertificates(input)
    .filter((s) => isWeakKey(s.certificate))
    .map((served) => {
      const c = served.certificate;
      const min = MIN_BITS[c.keyType.toUpperCase()];
      const finding: Finding = {
        id: 'cert-weak-key',
        severity: certificateSeverity(input, platform, 'cert-weak-key', served.ports),
        ports: served.ports,
        title: `The certificate on ${formatPorts(served.ports)} has a weak ${c.keyBits}-bit ${serverText(c.keyType)} key`,
        evidence: [
          `${formatPorts(served.ports)}: certificate ${describeCertificate(c)} has a ${c.keyBits}-bit ${serverText(c.keyType)} key; at least ${min} bits are needed (a validating sender's OpenSSL 3 refuses smaller keys)`,
        ],
        remediation: renewalRemediation(certificateContext(input, platform, served), 'weak-key'),
      };
      return finding;
    });
}

/** cert-weak-signature: the leaf is signed with MD5 or SHA-1 (severity from the sender's side). */
export function certWeakSignature(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  return servedCertificates(input)
    .filter((s) => isWeakSignature(s.certificate))
    .map((served) => {
      const c = served.certificate;
      const finding: Finding = {
        id: 'cert-weak-signature',
        severity: certificateSeverity(input, platform, 'cert-weak-signature', served.ports),
        ports: served.ports,
        title: `The certificate on ${formatPorts(served.ports)} is signed with ${serverText(c.signatureAlgorithm)}, which senders no longer accept`,
        evidence: [`${formatPorts(served.ports)}: certificate ${describeCertificate(c)} signature algorithm ${serverText(c.signatureAlgorithm)}`],
        remediation: renewalRemediation(certificateContext(input, platform, served), 'weak-signature'),
      };
      return finding;
    });
}
