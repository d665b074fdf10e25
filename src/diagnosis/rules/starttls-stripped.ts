import { advertisesStartTls, formatCapabilities, preTlsCapabilities } from '../capabilities';
import { platformOf } from '../fingerprint';
import { maskingEvidence, showsMasking } from '../masking';
import { strippedRemediation } from '../remediation/middlebox';
import { answeredPorts } from '../session';
import { formatReply } from '../text';
import type { DiagnosisInput, Finding } from '../types';

/**
 * starttls-stripped (critical): STARTTLS is missing and the answer shows a masking
 * middlebox (X'd keyword such as XXXXXXXA, banner of asterisks). A STARTTLS sent anyway and
 * answered 500/502 is quoted as further evidence.
 */
export function starttlsStripped(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  return answeredPorts(input.ports.map((o) => o.probe))
    .filter((p) => p.mode === 'starttls' && !advertisesStartTls(p) && showsMasking(p))
    .map((probe) => {
      const port = probe.port;
      const ports = [port];
      const evidence = [...maskingEvidence(probe), `port ${port}: EHLO lists ${formatCapabilities(preTlsCapabilities(probe))}; no STARTTLS`];
      const st = probe.starttls;
      if (st.attempted && st.reply) {
        const rewritten = st.reply.code === 500 || st.reply.code === 502 ? ' (the command reached the server rewritten, as a masking firewall does)' : '';
        evidence.push(`port ${port}: STARTTLS sent anyway was answered ${formatReply(st.reply)}${rewritten}`);
      }
      const finding: Finding = {
        id: 'starttls-stripped',
        severity: 'critical',
        ports,
        title: `A firewall or proxy in the path removes STARTTLS on port ${port}`,
        evidence,
        remediation: strippedRemediation({ host: input.host, ports, mode: probe.mode, platform }),
      };
      return finding;
    });
}
