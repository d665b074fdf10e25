import type { PortProbeResult } from '../../probe/types';
import { advertisesStartTls } from '../capabilities';
import { certificateSeenElsewhere } from '../certificates';
import { platformOf } from '../fingerprint';
import { handshakeFailedRemediation, implicitTlsPlainTextRemediation, starttlsPlainTextRemediation } from '../remediation/starttls-failure';
import { classifySession } from '../session';
import { formatReply, serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';

const VERSION_MISMATCH = /unsupported protocol|no protocols available|protocol version|UNSUPPORTED_PROTOCOL|VERSION_TOO_LOW/i;

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

/** Ports where implicit TLS is the convention (465, RFC 8314): plain text there fails every client. */
export const IMPLICIT_TLS_BY_CONVENTION: readonly number[] = [465];

/** A `--tls` probe of a port that speaks plain SMTP: not a fault of the port (smtp-not-testable judges it). */
export function plainSmtpOnTlsProbe(probe: PortProbeResult): boolean {
  return probe.mode === 'implicit-tls' && probe.plainTextInsteadOfTls !== undefined && !IMPLICIT_TLS_BY_CONVENTION.includes(probe.port);
}

function plainTextFinding(input: DiagnosisInput, probe: PortProbeResult, text: string): Finding {
  const port = probe.port;
  const ports = [port];
  const quoted = serverText(text);
  if (probe.mode === 'implicit-tls') {
    return {
      id: 'tls-handshake-failed',
      severity: 'critical',
      ports,
      title: `Port ${port} speaks plain SMTP, not implicit TLS`,
      evidence: [
        `port ${port}: the implicit TLS handshake got plain text instead of TLS: ${quoted}`,
        `port ${port}: this port speaks plain SMTP (STARTTLS), so clients set for implicit TLS (SSL/TLS on ${port}) cannot connect`,
      ],
      remediation: implicitTlsPlainTextRemediation({ host: input.host, ports, mode: probe.mode, platform: platformOf(input) }),
    };
  }
  const reply = probe.starttls.reply ? formatReply(probe.starttls.reply) : '220';
  return {
    id: 'tls-handshake-failed',
    severity: 'critical',
    ports,
    title: `Port ${port} answered STARTTLS with 220, then spoke plain text instead of TLS`,
    evidence: [`port ${port}: STARTTLS answered ${reply}, then the server sent plain text instead of a TLS handshake: ${quoted}`],
    remediation: starttlsPlainTextRemediation({ host: input.host, ports, mode: probe.mode, platform: platformOf(input) }),
  };
}

/**
 * tls-handshake-failed (critical): STARTTLS was advertised and answered 220 (or the port
 * speaks implicit TLS) but the TLS handshake failed or timed out. A server that answered the
 * handshake in plain text is said to do so, whatever error the TLS library reported.
 */
export function tlsHandshakeFailed(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  const findings: Finding[] = [];
  for (const { probe } of input.ports) {
    const e = handshakeFailure(probe);
    if (!e || plainSmtpOnTlsProbe(probe)) continue;
    if (probe.plainTextInsteadOfTls !== undefined) {
      findings.push(plainTextFinding(input, probe, probe.plainTextInsteadOfTls));
      continue;
    }
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
    const versionMismatch = VERSION_MISMATCH.test(e.message);
    if (versionMismatch) evidence.push(`port ${port}: the server and the probe share no TLS version (the probe offers TLS 1.0 to 1.3)`);
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
        ...(input.servername ? { servername: input.servername } : {}),
        ports,
        mode: probe.mode,
        platform,
        versionMismatch,
        thumbprint: certificateSeenElsewhere(input, ports)?.sha1Thumbprint,
      }),
    });
  }
  return findings;
}
