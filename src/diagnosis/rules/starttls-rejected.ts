import type { PortProbeResult } from '../../probe/types';
import { advertisesStartTls } from '../capabilities';
import { platformOf } from '../fingerprint';
import { starttlsRejectedRemediation } from '../remediation/starttls-failure';
import { answeredPorts } from '../session';
import { formatReply, serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';

function unanswered(probe: PortProbeResult): boolean {
  const e = probe.error;
  return !probe.starttls.reply && e?.step === 'starttls' && (e.code === 'PROBE_TIMEOUT' || e.code === 'PROBE_CONNECTION_CLOSED');
}

/**
 * starttls-rejected (critical): STARTTLS was advertised, sent, and answered with anything
 * but 220 - or not answered at all (timeout, connection closed), which senders experience
 * the same way. When STARTTLS was not advertised, a refusal belongs to
 * starttls-not-advertised or starttls-stripped instead.
 */
export function starttlsRejected(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  const findings: Finding[] = [];
  for (const probe of answeredPorts(input.ports.map((o) => o.probe))) {
    const st = probe.starttls;
    if (probe.mode !== 'starttls' || !advertisesStartTls(probe) || !st.attempted) continue;
    const port = probe.port;
    const ports = [port];
    let title: string;
    let line: string;
    let reply: string | undefined;
    if (st.reply && st.reply.code !== 220) {
      reply = formatReply(st.reply);
      title = `Port ${port} advertises STARTTLS but refuses it (${st.reply.code})`;
      line = `port ${port}: STARTTLS answered ${reply}`;
    } else if (unanswered(probe)) {
      const how = probe.error?.code === 'PROBE_TIMEOUT' ? 'got no answer (timed out)' : 'made the server close the connection';
      title = `Port ${port} advertises STARTTLS but the command ${how}`;
      line = `port ${port}: STARTTLS ${how}: ${serverText(probe.error?.message ?? '')}`;
    } else {
      continue;
    }
    findings.push({
      id: 'starttls-rejected',
      severity: 'critical',
      ports,
      title,
      evidence: [`port ${port}: EHLO lists STARTTLS`, line],
      remediation: starttlsRejectedRemediation({ host: input.host, ports, mode: probe.mode, platform, reply }),
    });
  }
  return findings;
}
