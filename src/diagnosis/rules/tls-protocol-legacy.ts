import type { PortProbeResult, TlsVersionResult } from '../../probe/types';
import { platformOf } from '../fingerprint';
import { legacyTlsRemediation } from '../remediation/tls-version';
import { serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';
import type { Platform } from '../../fix-commands/types';

/** Node's names for protocol versions senders refuse, with a readable label. */
const LEGACY: Readonly<Record<string, string>> = {
  SSLv2: 'SSL 2.0',
  SSLv3: 'SSL 3.0',
  TLSv1: 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
};

const LABEL: Readonly<Record<string, string>> = { ...LEGACY, 'TLSv1.2': 'TLS 1.2', 'TLSv1.3': 'TLS 1.3' };

/** "TLS 1.0", "TLS 1.0 and TLS 1.1". */
function labels(versions: readonly string[]): string {
  const named = versions.map((v) => LABEL[v] ?? v);
  return named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

/**
 * tls-protocol-legacy: the port speaks SSL 3.0, TLS 1.0 or TLS 1.1.
 * With the --protocols scan every accepted version is known: critical when only legacy versions
 * are accepted, a warning when TLS 1.2 or later is accepted too (senders still deliver). Without
 * it only the negotiated version is known, which is the newest the server speaks.
 */
export function tlsProtocolLegacy(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  return input.ports.flatMap(({ probe }) => {
    const scan = probe.tlsVersions;
    const finding = scan && scan.some((r) => r.status === 'accepted') ? fromScan(input.host, probe, scan, platform) : fromNegotiated(input.host, probe, platform);
    return finding ? [finding] : [];
  });
}

function fromScan(host: string, probe: PortProbeResult, scan: TlsVersionResult[], platform: Platform): Finding | undefined {
  const accepted = scan.filter((r) => r.status === 'accepted').map((r) => r.version);
  const legacy = accepted.filter((v) => LEGACY[v]);
  if (legacy.length === 0) return undefined;
  const modern = accepted.filter((v) => !LEGACY[v]);
  const port = probe.port;
  const ports = [port];
  const tls12 = accepted.includes('TLSv1.2')
    ? `port ${port}: TLS 1.2, which Exchange Online requires, is accepted`
    : `port ${port}: TLS 1.2, which Exchange Online requires, is not accepted`;
  return {
    id: 'tls-protocol-legacy',
    severity: modern.length > 0 ? 'warning' : 'critical',
    ports,
    title:
      modern.length > 0
        ? `Port ${port} still offers ${labels(legacy)} besides ${labels(modern)}`
        : `Port ${port} offers only ${labels(legacy)}, which Exchange Online and most senders refuse`,
    evidence: [`port ${port}: one handshake per version: ${scan.map(describe).join('; ')}`, tls12],
    remediation: legacyTlsRemediation({
      host,
      ports,
      mode: probe.mode,
      platform,
      protocol: legacy[legacy.length - 1],
      ...(modern.length > 0 ? { alongsideModern: labels(legacy) } : {}),
    }),
  };
}

function describe(r: TlsVersionResult): string {
  const label = LABEL[r.version] ?? r.version;
  if (r.status === 'accepted') return `${label} accepted${r.cipher ? ` (${serverText(r.cipher)})` : ''}`;
  return `${label} ${r.status === 'refused' ? 'refused' : 'not tested'}${r.detail ? ` (${serverText(r.detail, 80)})` : ''}`;
}

function fromNegotiated(host: string, probe: PortProbeResult, platform: Platform): Finding | undefined {
  const protocol = probe.starttls.protocol;
  const label = protocol !== undefined ? LEGACY[protocol] : undefined;
  if (!protocol || !label) return undefined;
  const port = probe.port;
  const ports = [port];
  const cipher = probe.starttls.cipher ? ` with cipher ${serverText(probe.starttls.cipher)}` : '';
  return {
    id: 'tls-protocol-legacy',
    severity: 'critical',
    ports,
    title: `Port ${port} offers at most ${label} (${protocol}), which Exchange Online and most senders refuse`,
    evidence: [
      `port ${port}: the TLS handshake negotiated ${protocol}${cipher}, although the probe offered versions up to TLS 1.3`,
      `port ${port}: older versions were not tried one by one (starttls probe --protocols lists each version the port accepts)`,
    ],
    remediation: legacyTlsRemediation({ host, ports, mode: probe.mode, platform, protocol }),
  };
}
