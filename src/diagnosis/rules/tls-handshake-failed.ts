import type { PortProbeResult } from '../../probe/types';
import { advertisesStartTls } from '../capabilities';
import { certificateSeenElsewhere } from '../certificates';
import { platformOf } from '../fingerprint';
import { handshakeFailedRemediation } from '../remediation/starttls-failure';
import { classifySession } from '../session';
import { formatReply, serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';

const VERSION_MISMATCH = /unsupported protocol|no protocols available|protocol version|UNSUPPORTED_PROTOCOL|VERSION_TOO_LOW/i;
const PLAIN_TEXT = /wrong version number|packet length too long|WRONG_VERSION_NUMBER/i;

/** The handshake error of a port whose TLS handshake failed, or undefined. */
function handshakeFailure(probe: PortProbeResult): PortProbeResult['error'] {
  const e = probe.error;
  if (!e || e.step !== 'tls-handshake' || e.code === 'PROBE_CANCELLED') return undefined;
  if (probe.mode === 'implicit-tls') return classifySession(probe).kind === 'tls-failed-first' ? e : undefined;
  // STARTTLS mode: only after the server advertised STARTTLS and said 220 to it.
  const outcome = classifySession(probe);
  if (outcome.kind !== 'answered' || !advertisesStartTls(probe) || probe.starttls.reply?.code !== 220) return undefined;
  return e;
}

/**
 * tls-handshake-failed (critical): STARTTLS was advertised and answered 220 (or the port
 * speaks implicit TLS) but the TLS handshake failed or timed out.
 */
export function tlsHandshakeFailed(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  const findings: Finding[] = [];
  for (const { probe } of input.ports) {
    const e = handshakeFailure(probe);
    if (!e) continue;
    const port = probe.port;
    const ports = [port];
    const message = serverText(e.message);
    const how = e.code === 'PROBE_TIMEOUT' ? 'timed out' : 'failed';
    const evidence: string[] = [];
    if (probe.mode === 'starttls' && probe.starttls.reply) {
      evidence.push(`port ${port}: STARTTLS answered ${formatReply(probe.starttls.reply)}, then the TLS handshake ${how}: ${message}`);
    } else {
      evidence.push(`port ${port}: the implicit TLS handshake ${how} before any SMTP greeting: ${message}`);
    }
    const plainTextAnswer = probe.mode === 'implicit-tls' && PLAIN_TEXT.test(e.message);
    const versionMismatch = VERSION_MISMATCH.test(e.message) || (probe.mode === 'starttls' && PLAIN_TEXT.test(e.message));
    if (plainTextAnswer) evidence.push(`port ${port}: the server seems to answer in plain text, as a STARTTLS port does`);
    if (versionMismatch) evidence.push(`port ${port}: the error points at a TLS version the probe does not accept (TLS 1.0/1.1 or older)`);
    findings.push({
      id: 'tls-handshake-failed',
      severity: 'critical',
      ports,
      title:
        probe.mode === 'starttls'
          ? `The TLS handshake after STARTTLS ${how} on port ${port}`
          : `The TLS handshake ${how} on port ${port}`,
      evidence,
      remediation: handshakeFailedRemediation({
        host: input.host,
        ports,
        mode: probe.mode,
        platform,
        versionMismatch,
        plainTextAnswer,
        thumbprint: certificateSeenElsewhere(input, ports)?.sha1Thumbprint,
      }),
    });
  }
  return findings;
}
