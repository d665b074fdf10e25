import type { CertificateReport } from '../certificate/types';
import type { CertificateSeenElsewhere } from './remediation/context';
import { serverText } from './text';
import type { DiagnosisInput, PortObservation } from './types';

/** One served certificate and every port of the input that served it. */
export interface ServedCertificate {
  certificate: CertificateReport;
  ports: number[];
  observations: PortObservation[];
}

function identity(c: CertificateReport): string {
  return c.sha256Fingerprint || c.sha1Thumbprint || `${c.subject}|${c.issuer}|${c.notAfter}`;
}

/** Certificates grouped by fingerprint, in the order of their first port, so one certificate gives one finding. */
export function servedCertificates(input: DiagnosisInput): ServedCertificate[] {
  const groups = new Map<string, ServedCertificate>();
  const sorted = [...input.ports].sort((a, b) => a.probe.port - b.probe.port);
  for (const observation of sorted) {
    const certificate = observation.certificate;
    if (!certificate) continue;
    const key = identity(certificate);
    const group = groups.get(key) ?? { certificate, ports: [], observations: [] };
    if (!group.ports.includes(observation.probe.port)) group.ports.push(observation.probe.port);
    group.observations.push(observation);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Whether a certificate is fit to recommend binding elsewhere: CA-issued, trusted, in date. */
function usable(c: CertificateReport): boolean {
  return !c.selfSigned && c.trusted && !c.expired && c.daysLeft >= 0;
}

/**
 * The best certificate another port of the same host served, to name in commands:
 * usable ones only, those matching the host name first, then the lowest port.
 */
export function certificateSeenElsewhere(input: DiagnosisInput, excludePorts: readonly number[]): CertificateSeenElsewhere | undefined {
  const candidates = servedCertificates(input)
    .map((g) => ({ certificate: g.certificate, port: g.ports.find((p) => !excludePorts.includes(p)) }))
    .filter((c): c is { certificate: CertificateReport; port: number } => c.port !== undefined && usable(c.certificate))
    .sort((a, b) => Number(b.certificate.nameMatch) - Number(a.certificate.nameMatch) || a.port - b.port);
  const best = candidates[0];
  if (!best) return undefined;
  return {
    port: best.port,
    subject: best.certificate.subject,
    sha1Thumbprint: best.certificate.sha1Thumbprint,
    exchangeTlsCertificateName: best.certificate.exchangeTlsCertificateName,
  };
}

/** "CN=mail.contoso.test, O=Contoso (issued by CN=R3, O=Let's Encrypt, C=US)". */
export function describeCertificate(c: CertificateReport): string {
  return `${serverText(c.subject || '(empty subject)')} (issued by ${serverText(c.issuer || 'unknown')})`;
}
