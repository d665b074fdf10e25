import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';

let bundled: X509Certificate[] | undefined;

/** Node's bundled roots plus extra PEMs, parsed once per process for the bundled part. */
export function trustAnchorSet(extraPems: string[] = []): X509Certificate[] {
  bundled ??= rootCertificates.flatMap(parseOrSkip);
  return [...bundled, ...extraPems.flatMap(splitPems).flatMap(parseOrSkip)];
}

/** Whether one of the anchors issued (and signed) `cert`, or is `cert`. */
export function anchoredBy(cert: X509Certificate, anchors: X509Certificate[]): boolean {
  return anchors.some((anchor) => anchor.fingerprint256 === cert.fingerprint256 || issuedBy(cert, anchor));
}

export function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

export function splitPems(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
}

function parseOrSkip(pem: string): X509Certificate[] {
  try {
    return [new X509Certificate(pem)];
  } catch {
    return [];
  }
}
