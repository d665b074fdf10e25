import { authMechanisms, preTlsCapabilities } from '../capabilities';
import { platformOf } from '../fingerprint';
import { authWithoutTlsRemediation } from '../remediation/capabilities';
import { answeredPorts } from '../session';
import { serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';

/**
 * Mechanisms that put a reusable secret on the wire as is: a password (PLAIN, LOGIN) or a
 * bearer token (XOAUTH2, OAUTHBEARER). Challenge-response mechanisms (NTLM, GSSAPI,
 * CRAM-MD5, SCRAM-*) are left out: Exchange offers AUTH NTLM before TLS by default and
 * flagging it would only add noise.
 */
const CLEAR_TEXT = new Set(['PLAIN', 'LOGIN', 'XOAUTH2', 'OAUTHBEARER']);

/** auth-without-tls (warning): the pre-TLS EHLO offers AUTH with a clear-text mechanism. */
export function authWithoutTls(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  const findings: Finding[] = [];
  for (const probe of answeredPorts(input.ports.map((o) => o.probe))) {
    if (probe.mode !== 'starttls') continue;
    const all = authMechanisms(preTlsCapabilities(probe));
    const clear = all.filter((m) => CLEAR_TEXT.has(m));
    if (clear.length === 0) continue;
    const port = probe.port;
    const ports = [port];
    const shown = clear.map((m) => serverText(m, 40));
    findings.push({
      id: 'auth-without-tls',
      severity: 'warning',
      ports,
      title: `Port ${port} offers password login (AUTH ${shown.join(', ')}) before STARTTLS`,
      evidence: [`port ${port}: before STARTTLS, EHLO lists AUTH ${all.map((m) => serverText(m, 40)).join(' ')}`],
      remediation: authWithoutTlsRemediation({ host: input.host, ports, mode: probe.mode, platform, mechanisms: shown }),
    });
  }
  return findings;
}
