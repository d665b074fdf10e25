import type { CertificateReport } from '../../certificate/types';
import { servedCertificates } from '../certificates';
import { platformOf } from '../fingerprint';
import { nameNotCheckedRemediation } from '../remediation/name-not-checked';
import { nameMismatchRemediation } from '../remediation/certificate-trust';
import { formatPorts, serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';
import { certificateContext, certificateSeverity } from './certificate-context';

/**
 * cert-name-mismatch: the name senders use (--servername, else the probed host name), or a
 * name the user said to expect (e.g. a connector's TlsDomain), is not covered by the
 * certificate. Never about the chain (that is cert-untrusted), and never for an IP-literal
 * target without --servername: no sender checks an MX certificate against an address.
 */
export function certNameMismatch(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  const findings: Finding[] = [];
  for (const served of servedCertificates(input)) {
    const c = served.certificate;
    const identity = identityName(c, input.host);
    const missing = [
      ...(identity !== null && c.nameMatch === false ? [identity] : []),
      ...c.expectedNames.filter((n) => !n.matches).map((n) => n.name),
    ].filter((name, i, all) => all.indexOf(name) === i);
    if (missing.length === 0) continue;
    const where = formatPorts(served.ports);
    findings.push({
      id: 'cert-name-mismatch',
      severity: certificateSeverity(input, platform, 'cert-name-mismatch', served.ports),
      ports: served.ports,
      title: `The certificate on ${where} does not cover ${missing.join(', ')}`,
      evidence: [
        `${where}: the certificate's names are ${certificateNames(c)}`,
        ...missing.map((name) => `${where}: ${name} is not among them (${whoseName(name, identity, input.host)})`),
      ],
      remediation: nameMismatchRemediation({ ...certificateContext(input, platform, served), missingNames: missing }),
    });
  }
  return findings;
}

/**
 * cert-name-not-checked (info): the target is an address and no --servername was given, so no
 * name was judged; says which names the certificate covers and how to check the one senders use.
 */
export function certNameNotChecked(input: DiagnosisInput): Finding[] {
  return servedCertificates(input)
    .filter((s) => identityName(s.certificate, input.host) === null && s.certificate.expectedNames.length === 0)
    .map((served) => {
      const where = formatPorts(served.ports);
      const finding: Finding = {
        id: 'cert-name-not-checked',
        severity: 'info',
        ports: served.ports,
        title: `No name was checked on ${where}: ${input.host} is an address, and senders check the certificate against the MX host name`,
        evidence: [
          `${where}: the certificate covers ${certificateNames(served.certificate)}`,
          `${where}: probed by address without --servername, so no SNI was sent and the server chose its default certificate`,
        ],
        remediation: nameNotCheckedRemediation({ host: input.host, ports: served.ports }),
      };
      return finding;
    });
}

/** The name the certificate had to cover; reports stored before identityName existed judged the host. */
function identityName(c: CertificateReport, host: string): string | null {
  return c.identityName === undefined ? host : c.identityName;
}

function whoseName(name: string, identity: string | null, host: string): string {
  if (name !== identity) return 'an expected name';
  return name === host ? 'the host probed' : 'the name given with --servername';
}

function certificateNames(c: CertificateReport): string {
  return c.san.length ? c.san.map((n) => serverText(n, 100)).join(', ') : `(no subjectAltName; subject ${serverText(c.subject)})`;
}
