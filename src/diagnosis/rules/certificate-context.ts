import { certificateSeenElsewhere, type ServedCertificate } from '../certificates';
import type { CertificateContext } from '../remediation/certificate-renewal';
import type { DiagnosisInput, Platform } from '../types';

/** The remediation context for one served certificate. */
export function certificateContext(input: DiagnosisInput, platform: Platform, served: ServedCertificate): CertificateContext {
  const replacement = certificateSeenElsewhere(input, served.ports);
  return {
    host: input.host,
    ports: served.ports,
    mode: served.observations[0]?.probe.mode ?? 'starttls',
    platform,
    certificate: served.certificate,
    ...(replacement && replacement.sha1Thumbprint !== served.certificate.sha1Thumbprint ? { replacement } : {}),
  };
}
