import { certificateSeenElsewhere, type ServedCertificate } from '../certificates';
import type { CertificateContext } from '../remediation/certificate-renewal';
import { severityOf } from '../sender-impact';
import type { DiagnosisInput, FindingId, Severity } from '../types';
import type { Platform } from '../../fix-commands/types';

/** The remediation context for one served certificate. */
export function certificateContext(input: DiagnosisInput, platform: Platform, served: ServedCertificate): CertificateContext {
  const replacement = certificateSeenElsewhere(input, served.ports);
  return {
    host: input.host,
    ...(input.servername ? { servername: input.servername } : {}),
    ports: served.ports,
    mode: served.observations[0]?.probe.mode ?? 'starttls',
    platform,
    certificate: served.certificate,
    ...(replacement && replacement.sha1Thumbprint !== served.certificate.sha1Thumbprint ? { replacement } : {}),
  };
}

/** A certificate finding's severity from the sender's side (src/diagnosis/sender-impact.ts). */
export function certificateSeverity(input: DiagnosisInput, platform: Platform, id: FindingId, ports: number[]): Severity {
  return severityOf({ id, ports, severity: 'critical' }, { platform, requirements: input.options.requirements ?? [] });
}
