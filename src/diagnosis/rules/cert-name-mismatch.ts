import { servedCertificates } from '../certificates';
import { platformOf } from '../fingerprint';
import { nameMismatchRemediation } from '../remediation/certificate-trust';
import { formatPorts, serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';
import { certificateContext } from './certificate-context';

/**
 * cert-name-mismatch (critical): the probed host, or a name the user said to expect
 * (e.g. a connector's TlsDomain), is not covered by the certificate.
 */
export function certNameMismatch(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  const findings: Finding[] = [];
  for (const served of servedCertificates(input)) {
    const c = served.certificate;
    const missing = [
      ...(c.nameMatch ? [] : [input.host]),
      ...c.expectedNames.filter((n) => !n.matches).map((n) => n.name),
    ].filter((name, i, all) => all.indexOf(name) === i);
    if (missing.length === 0) continue;
    const where = formatPorts(served.ports);
    const names = c.san.length ? c.san.map((n) => serverText(n, 100)).join(', ') : `(no subjectAltName; subject ${serverText(c.subject)})`;
    findings.push({
      id: 'cert-name-mismatch',
      severity: 'critical',
      ports: served.ports,
      title: `The certificate on ${where} does not cover ${missing.join(', ')}`,
      evidence: [
        `${where}: the certificate's names are ${names}`,
        ...missing.map((name) => `${where}: ${name} is not among them${name === input.host ? ' (the host probed)' : ' (an expected name)'}`),
      ],
      remediation: nameMismatchRemediation({ ...certificateContext(input, platform, served), missingNames: missing }),
    });
  }
  return findings;
}
