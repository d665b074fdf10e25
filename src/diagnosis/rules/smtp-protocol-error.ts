import type { PortProbeResult } from '../../probe/types';
import { platformOf } from '../fingerprint';
import { protocolErrorRemediation } from '../remediation/connectivity';
import { classifySession } from '../session';
import { formatReply, serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';

interface Broken {
  title: string;
  line: string;
}

function errorText(probe: PortProbeResult): string {
  const e = probe.error;
  if (!e) return '';
  const large = e.code === 'PROBE_REPLY_TOO_LARGE' ? 'reply larger than the probe accepts' : e.code;
  return `${large} at step ${e.step}: ${serverText(e.message)}`;
}

function judge(probe: PortProbeResult): Broken | undefined {
  const outcome = classifySession(probe);
  const port = probe.port;
  const head = `Port ${port}`;
  if (outcome.kind === 'protocol-error') {
    const reply = outcome.reply ? formatReply(outcome.reply) : '';
    switch (outcome.reason) {
      case 'greeting-unparseable':
        return { title: `${head} did not send a valid SMTP greeting`, line: `port ${port}: ${errorText(probe)}` };
      case 'greeting-unexpected':
        return { title: `${head} sent an unexpected greeting (${outcome.reply?.code})`, line: `port ${port}: greeting ${reply}` };
      case 'greeting-missing':
        return { title: `${head} sent no greeting`, line: `port ${port}: no greeting was recorded` };
      case 'ehlo-unparseable':
        return { title: `${head} answered EHLO with something that is not a valid SMTP reply`, line: `port ${port}: ${errorText(probe)}` };
      case 'ehlo-closed':
        return { title: `${head} closed the connection after EHLO`, line: `port ${port}: ${errorText(probe)}` };
      case 'ehlo-missing':
        return { title: `${head} gave no EHLO answer`, line: `port ${port}: no EHLO answer was recorded` };
      case 'ehlo-refused':
        return { title: `${head} refused EHLO`, line: `port ${port}: EHLO answered ${reply}` };
      case 'ehlo-and-helo-refused':
        return { title: `${head} refused both EHLO and HELO`, line: `port ${port}: EHLO refused, then HELO answered ${reply}` };
    }
  }
  const e = probe.error;
  if (outcome.kind !== 'answered' || !e) return undefined;
  if (e.step === 'starttls' && (e.code === 'PROBE_PROTOCOL_ERROR' || e.code === 'PROBE_REPLY_TOO_LARGE')) {
    return { title: `${head} answered STARTTLS with something that is not a valid SMTP reply`, line: `port ${port}: ${errorText(probe)}` };
  }
  if (e.step === 'ehlo-tls' && e.code !== 'PROBE_CANCELLED') {
    return { title: `${head} stopped answering after the TLS handshake`, line: `port ${port}: TLS was established, then EHLO inside TLS failed: ${errorText(probe)}` };
  }
  return undefined;
}

/**
 * smtp-protocol-error (warning): junk or oversized replies, EHLO (and HELO) refused, the
 * connection closed after EHLO, or the dialogue broken after TLS was established.
 */
export function smtpProtocolError(input: DiagnosisInput): Finding[] {
  const findings: Finding[] = [];
  for (const { probe } of input.ports) {
    const broken = judge(probe);
    if (!broken) continue;
    const ports = [probe.port];
    findings.push({
      id: 'smtp-protocol-error',
      severity: 'warning',
      ports,
      title: broken.title,
      evidence: [broken.line],
      remediation: protocolErrorRemediation({ host: input.host, ports, mode: probe.mode, platform: platformOf(input) }),
    });
  }
  return findings;
}
