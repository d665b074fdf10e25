import { platformOf } from '../fingerprint';
import { legacyTlsRemediation } from '../remediation/tls-version';
import { serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';

/** Node's names for protocol versions senders refuse, with a readable label. */
const LEGACY: Readonly<Record<string, string>> = {
  SSLv2: 'SSL 2.0',
  SSLv3: 'SSL 3.0',
  TLSv1: 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
};

/**
 * tls-protocol-legacy (critical): the handshake negotiated SSLv3, TLS 1.0 or TLS 1.1.
 * The probe offers its newest version, so this is the best the server can do.
 */
export function tlsProtocolLegacy(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  const findings: Finding[] = [];
  for (const { probe } of input.ports) {
    const protocol = probe.starttls.protocol;
    const label = protocol !== undefined ? LEGACY[protocol] : undefined;
    if (!protocol || !label) continue;
    const port = probe.port;
    const ports = [port];
    const cipher = probe.starttls.cipher ? ` with cipher ${serverText(probe.starttls.cipher)}` : '';
    findings.push({
      id: 'tls-protocol-legacy',
      severity: 'critical',
      ports,
      title: `Port ${port} offers only ${label} (${protocol}), which Exchange Online and most senders refuse`,
      evidence: [`port ${port}: the TLS handshake negotiated ${protocol}${cipher}, although the probe offered versions up to TLS 1.3`],
      remediation: legacyTlsRemediation({ host: input.host, ports, mode: probe.mode, platform, protocol }),
    });
  }
  return findings;
}
